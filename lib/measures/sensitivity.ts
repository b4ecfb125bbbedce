/**
 * "Which measure?": every registered measure run on the same pairs — one
 * network X against transformed copies of itself (rotated, units permuted,
 * scaled, translated, an invertible linear map, additive noise of increasing
 * size, and its stimuli shuffled as the unrelated reference) — so their
 * sensitivities can be read side by side (the view draws them as a heatmap).
 *
 * Each measure is run through {@link compareWith} at its default options (and
 * each alias whose declared properties differ, e.g. `cca`). Per
 * measure the change from the identical pair is signed so that positive means
 * "less alike" (distance up, similarity down) and divided by the largest
 * change of that measure over the perturbations: 0 = as for an identical copy,
 * 1 = its strongest response. Changes within 1e-9 (1 + |identical value|) of
 * zero count as none (rounding). Measures whose input is not a response matrix
 * (stochastic, convolutional, time series), and any measure that refuses the
 * inputs, are listed in `skipped` with the reason.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { qr } from "../linalg/lstsq.ts";
import { matmul } from "../linalg/products.ts";
import { mulberry32, randn } from "../random.ts";
import { tagResult } from "../result.ts";
import { compareWith } from "./compare.ts";
import { getMeasure, listMeasures, resolveOptions } from "./registry.ts";
import { assertInRange, assertInteger } from "../validate/mod.ts";

/** Options for {@link measureSensitivity}. */
export interface MeasureSensitivityOptions {
  /**
   * Measures to run (names or aliases).
   * @default every registered measure, each followed by its aliases whose declared properties differ (`cca`, …)
   */
  measures?: readonly string[];
  /** Noise levels, as multiples of the standard deviation of X's entries. @default [0.1, 0.3, 1, 3] */
  noise?: readonly number[];
  /** Factor of the isotropic scaling. @default 3 */
  scale?: number;
  /** Condition number of the invertible linear map. @default 10 */
  condition?: number;
  /** Seed of the random rotation, permutations, map, shift and noise. @default 0 */
  seed?: number;
}

/** One measure's responses ({@link MeasureSensitivity}). */
export interface SensitivityRow {
  /** Measure name (as given). */
  measure: string;
  /** Which value is reported: the distance (higher = less alike) or the similarity (lower = less alike). */
  returns: "distance" | "similarity";
  /** Value for X against itself. */
  identical: number;
  /** Value for X against each perturbed copy (same order as `perturbations`). */
  values: number[];
  /** Change towards "less alike", divided by the row's largest change (0 = none). */
  change: number[];
}

/** The result of {@link measureSensitivity} (result kind `measureSensitivity`). */
export interface MeasureSensitivity {
  /** Column labels: the perturbations. */
  perturbations: string[];
  /** One row per measure that ran. */
  rows: SensitivityRow[];
  /** Measures not run, with the reason. */
  skipped: { measure: string; reason: string }[];
  /** Stimuli and units of X. */
  shape: [number, number];
  /** Seed used. */
  seed: number;
}

const CONTEXT = "Cannot run the measure sensitivity study";

/** A Haar-distributed orthogonal matrix [p, p]: Q of the QR of a Gaussian matrix, signs fixed by R. */
function haar(p: number, seed: number): Matrix {
  const { Q, R } = qr(randn(p, p, seed));
  const out = new Float64Array(Q.data);
  for (let j = 0; j < p; j++) {
    if (R.data[j * p + j]! < 0) { for (let i = 0; i < p; i++) out[i * p + j] = -out[i * p + j]!; }
  }
  return { rows: p, cols: p, data: out };
}

function shuffled(n: number, seed: number): number[] {
  const rand = mulberry32(seed), idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx;
}

function mapEntries(X: Matrix, f: (v: number, i: number, j: number) => number): Matrix {
  const { rows: n, cols: p, data } = X, out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) out[i * p + j] = f(data[i * p + j]!, i, j);
  }
  return { rows: n, cols: p, data: out };
}

/**
 * The perturbed copies of X, labelled: rotation, permuted units, scaling,
 * translation, an invertible linear map, noise levels, shuffled stimuli.
 *
 * @param X Responses [nStimuli, nUnits].
 * @param opts {@link MeasureSensitivityOptions} (`measures` is not used).
 * @returns Label and copy of each perturbation, in column order.
 *
 * @example Ten copies by default; the rotation keeps the Gram matrix
 * ```ts
 * import { perturbedCopies } from "./sensitivity.ts";
 * import { randn } from "../random.ts";
 * import assert from "node:assert/strict";
 * const X = randn(6, 3, 1);
 * const copies = perturbedCopies(X);
 * assert.equal(copies.length, 10);
 * assert.equal(copies[0]!.label, "rotation");
 * const norm = (d: Float64Array) => Math.hypot(...d);
 * assert.ok(Math.abs(norm(copies[0]!.Y.data) - norm(X.data)) < 1e-12);
 * ```
 */
export function perturbedCopies(
  X: MatrixLike,
  opts: MeasureSensitivityOptions = {},
): { label: string; Y: Matrix }[] {
  const { noise = [0.1, 0.3, 1, 3], scale = 3, condition = 10, seed = 0 } = opts;
  const M = asMatrix(X, "X", { context: CONTEXT });
  assertInteger(seed, "seed", 0, 2 ** 32 - 1, CONTEXT);
  assertInRange(scale, "scale", Number.MIN_VALUE, Infinity, CONTEXT);
  assertInRange(condition, "condition", 1, Infinity, CONTEXT);
  noise.forEach((s, k) => assertInRange(s, `noise[${k}]`, 0, Infinity, CONTEXT));
  const { rows: n, cols: p, data } = M;
  let mean = 0, ss = 0;
  for (const v of data) mean += v;
  mean /= data.length;
  for (const v of data) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / data.length);
  const units = shuffled(p, seed + 1), stimuli = shuffled(n, seed + 2);
  // A = Q1 diag(σ) Q2ᵀ, σ geometric from 1/√condition to √condition
  const sigma = Array.from({ length: p }, (_, k) => condition ** (p > 1 ? k / (p - 1) - 0.5 : 0));
  const Q2 = haar(p, seed + 4);
  const A = matmul(mapEntries(haar(p, seed + 3), (v, _i, j) => v * sigma[j]!), Q2, {
    transB: true,
  });
  const shift = randn(1, p, seed + 5).data, E = randn(n, p, seed + 6).data;
  const fmt = (v: number) => String(Number(v.toPrecision(3)));
  return [
    { label: "rotation", Y: matmul(M, haar(p, seed)) },
    { label: "permuted units", Y: mapEntries(M, (_v, i, j) => data[i * p + units[j]!]!) },
    { label: `scaled ×${fmt(scale)}`, Y: mapEntries(M, (v) => scale * v) },
    { label: "translated (1 sd)", Y: mapEntries(M, (v, _i, j) => v + sd * shift[j]!) },
    { label: `linear map (cond. ${fmt(condition)})`, Y: matmul(M, A) },
    ...noise.map((s) => ({
      label: `noise ${fmt(s)} sd`,
      Y: mapEntries(M, (v, i, j) => v + s * sd * E[i * p + j]!),
    })),
    { label: "shuffled stimuli", Y: mapEntries(M, (_v, i, j) => data[stimuli[i]! * p + j]!) },
  ];
}

/** Every registered measure, each followed by its aliases whose declared properties differ. */
function defaultMeasures(): string[] {
  const out: string[] = [];
  for (const m of listMeasures()) {
    out.push(m.name);
    const base = JSON.stringify(m.properties(resolveOptions(m).options));
    for (const alias of Object.keys(m.aliases)) {
      if (JSON.stringify(m.properties(resolveOptions(alias).options)) !== base) out.push(alias);
    }
  }
  return out;
}

/**
 * Run every measure on X against perturbed copies of itself (see the module
 * notes for the perturbations and the normalisation).
 *
 * @param X Responses [nStimuli, nUnits] (a realistic representation, more stimuli than units).
 * @param opts {@link MeasureSensitivityOptions}.
 * @returns Result of kind `measureSensitivity` (a heatmap when `lib/views/` is loaded).
 *
 * @example CCA ignores the linear map, Procrustes does not
 * ```ts
 * import { measureSensitivity } from "./sensitivity.ts";
 * import "./all.ts";
 * import { randn } from "../random.ts";
 * import assert from "node:assert/strict";
 * const r = measureSensitivity(randn(40, 4, 1), { measures: ["cca", "procrustes", "dsa"] });
 * const col = r.perturbations.indexOf("linear map (cond. 10)");
 * assert.ok(r.rows[0]!.values[col]! < 1e-6);
 * assert.ok(r.rows[1]!.change[col]! > 0.1);
 * assert.match(r.skipped[0]!.reason, /input kind timeSeries/);
 * ```
 */
export function measureSensitivity(
  X: MatrixLike,
  opts: MeasureSensitivityOptions = {},
): Readonly<MeasureSensitivity> & { kind: string } {
  const { measures = defaultMeasures(), seed = 0 } = opts;
  const M = asMatrix(X, "X", { context: CONTEXT });
  const copies = perturbedCopies(M, opts);
  const rows: SensitivityRow[] = [], skipped: { measure: string; reason: string }[] = [];
  for (const name of measures) {
    const input = getMeasure(name).measure.input;
    if (input !== "responses") {
      skipped.push({
        measure: name,
        reason: `input kind ${input} (needs ${
          input === "stochastic"
            ? "repeated trials"
            : input === "images"
            ? "convolutional responses"
            : "time series"
        }, not one response matrix)`,
      });
      continue;
    }
    try {
      const value = (Y: Matrix) => {
        const r = compareWith(name, M, Y);
        return r.distance ?? r.similarity!;
      };
      const first = compareWith(name, M, M);
      const returns = first.distance !== undefined ? "distance" : "similarity";
      const identical = value(M);
      const values = copies.map((c) => value(c.Y));
      const dir = returns === "distance" ? 1 : -1;
      const tiny = 1e-9 * (1 + Math.abs(identical));
      const raw = values.map((v) => {
        const s = dir * (v - identical);
        return Math.abs(s) <= tiny ? 0 : s;
      });
      const top = Math.max(0, ...raw);
      rows.push({
        measure: name,
        returns,
        identical,
        values,
        change: raw.map((s) => (top > 0 ? s / top : 0)),
      });
    } catch (e) {
      skipped.push({ measure: name, reason: (e as Error).message });
    }
  }
  return tagResult("measureSensitivity", {
    perturbations: copies.map((c) => c.label),
    rows,
    skipped,
    shape: [M.rows, M.cols] as [number, number],
    seed,
  });
}
