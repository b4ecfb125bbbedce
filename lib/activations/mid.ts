/**
 * Mid-range activation samples ("MIDs", O'Mahony, Nikolov & O'Sullivan,
 * WACV 2025): samples whose score lies in a narrow band around the middle of the
 * score's value range, rather than at its extremes.
 *
 * Two band rules:
 * - `"range"` (default): `|s − centre| ≤ width · halfRange`, with centre the
 *   midpoint of `[min, max]` and halfRange `(max − min) / 2` (±10% by default);
 * - `"quantile"`: between the `0.5 − width` and `0.5 + width` quantiles (linear
 *   interpolation, as numpy's default).
 *
 * For a classifier, {@link selectMids} uses the binary margin (logit of class 1
 * minus logit of class 0) or, with three or more classes, each sample's own-class
 * logit judged against that logit's band over all samples.
 *
 * Centre of the margin band: by default the decision boundary (margin 0), the
 * neutral point of a margin, with the half-width still ±`width` of the margin's
 * half-range. On our sprites the margin range is lopsided (one class has a long
 * tail of confident samples), so the midpoint of `[min, max]` falls inside that
 * class's majority cluster; pass `center: "midrange"` for the literal midpoint.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { asMatrix, type MatrixLike } from "../linalg/matrix.ts";
import { assertFiniteArray } from "../validate/mod.ts";
import { asLabels, type LabelsLike } from "./labels.ts";

/** Options for {@link midBand} and {@link selectMids}. */
export interface MidBandOptions {
  /** Band rule: value range or quantiles. @default "range" */
  rule?: "range" | "quantile";
  /** Half-width: a fraction of the half-range ("range") or of the quantile scale ("quantile"). @default 0.1 */
  width?: number;
  /** Centre of the band for the "range" rule: a number or "midrange". @default "midrange" ({@link selectMids}: 0 for the binary margin) */
  center?: number | "midrange";
}

/** A band on one score and the samples inside it. */
export interface MidBand {
  /** Rule used. */
  rule: "range" | "quantile";
  /** Lower edge (inclusive). */
  lo: number;
  /** Upper edge (inclusive). */
  hi: number;
  /** Smallest score. */
  min: number;
  /** Largest score. */
  max: number;
  /** Indices of the samples inside the band, ascending. */
  indices: number[];
}

/**
 * numpy-style quantile (linear interpolation between order statistics) of sorted values.
 *
 * @param sorted Values in ascending order (at least one).
 * @param q Probability in [0, 1].
 * @returns The q-quantile.
 *
 * @example
 * ```ts
 * import { quantileSorted } from "./mid.ts";
 * import assert from "node:assert/strict";
 * assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const pos = q * (n - 1);
  const k = Math.floor(pos), f = pos - k;
  if (k + 1 >= n) return sorted[n - 1]!;
  return sorted[k]! + f * (sorted[k + 1]! - sorted[k]!);
}

/**
 * The mid-range band of a score and the samples inside it.
 *
 * @param scores One score per sample (a unit's activation, a logit, a margin).
 * @param options Band rule and width.
 * @returns The band edges and the selected indices.
 *
 * @example ±10% of the half-range around the middle
 * ```ts
 * import { midBand } from "./mid.ts";
 * import assert from "node:assert/strict";
 * const b = midBand([-10, -0.5, 0.2, 0.9, 1.5, 10]);
 * assert.deepEqual([b.lo, b.hi], [-1, 1]);
 * assert.deepEqual(b.indices, [1, 2, 3]);
 * ```
 */
export function midBand(scores: ArrayLike<number>, options: MidBandOptions = {}): MidBand {
  const band = bandOf(scores, options);
  if (band.indices.length === 0) {
    throw new RangeError(
      `Cannot select mid-range samples: the ${band.rule} band [${band.lo}, ${band.hi}] selects no sample of ${scores.length} (scores span [${band.min}, ${band.max}]); widen \`width\` (${
        options.width ?? 0.1
      })`,
    );
  }
  return band;
}

/** The band and its members, possibly none. */
function bandOf(scores: ArrayLike<number>, options: MidBandOptions): MidBand {
  const ctx = "Cannot select mid-range samples";
  const { rule = "range", width = 0.1, center } = options;
  if (rule !== "range" && rule !== "quantile") {
    throw new RangeError(`${ctx}: \`rule\` must be "range" or "quantile": got ${String(rule)}`);
  }
  if (!(width > 0) || width > (rule === "quantile" ? 0.5 : 1)) {
    throw new RangeError(
      `${ctx}: \`width\` must be in (0, ${rule === "quantile" ? 0.5 : 1}]: got ${width}`,
    );
  }
  if (scores.length === 0) throw new RangeError(`${ctx}: \`scores\` must not be empty`);
  assertFiniteArray(scores, "scores", ctx);
  const sorted = Float64Array.from(scores).sort();
  const min = sorted[0]!, max = sorted[sorted.length - 1]!;
  let lo: number, hi: number;
  if (rule === "range") {
    if (center !== undefined && center !== "midrange" && !Number.isFinite(center)) {
      throw new RangeError(
        `${ctx}: \`center\` must be a finite number or "midrange": got ${center}`,
      );
    }
    const c = center === undefined || center === "midrange" ? (min + max) / 2 : center;
    const half = (max - min) / 2;
    lo = c - width * half;
    hi = c + width * half;
  } else {
    lo = quantileSorted(sorted, 0.5 - width);
    hi = quantileSorted(sorted, 0.5 + width);
  }
  const indices: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (scores[i]! >= lo && scores[i]! <= hi) indices.push(i);
  }
  return { rule, lo, hi, min, max, indices };
}

/** Result of {@link selectMids}. */
export interface MidSelection {
  /** 1 for a MID, 0 otherwise, per sample. */
  isMid: Uint8Array;
  /** Indices of the MIDs, ascending. */
  indices: number[];
  /** "margin" (two classes) or "logit" (own-class logit, three or more classes). */
  variant: "margin" | "logit";
  /** The band per score: one for the margin, else one per class logit (indices omitted). */
  bands: Omit<MidBand, "indices">[];
}

/**
 * Select the MIDs of a classifier from its logits.
 *
 * @param logits Logits [nSamples, nClasses]; one column is read as the margin itself.
 * @param labels Class of each sample (used by the multi-class variant).
 * @param options Band rule and width.
 * @returns The selection mask, indices and bands.
 *
 * @example Binary margin
 * ```ts
 * import { selectMids } from "./mid.ts";
 * import assert from "node:assert/strict";
 * const logits = [[5, -5], [0.2, 0], [-5, 5], [0, 0.3], [4, -4]];
 * const sel = selectMids(logits, [0, 0, 1, 1, 0]);
 * assert.equal(sel.variant, "margin");
 * assert.deepEqual(sel.indices, [1, 3]);
 * assert.deepEqual([sel.bands[0]!.lo, sel.bands[0]!.hi], [-1, 1]);
 * ```
 */
export function selectMids(
  logits: MatrixLike,
  labels: LabelsLike,
  options: MidBandOptions = {},
): MidSelection {
  const ctx = "Cannot select mid-range samples";
  const Z = asMatrix(logits, "logits", { context: ctx });
  const y = asLabels(labels, "labels", Z.rows, ctx);
  const n = Z.rows, K = Z.cols;
  const isMid = new Uint8Array(n);
  const bands: Omit<MidBand, "indices">[] = [];
  const strip = ({ indices: _, ...rest }: MidBand) => rest;
  if (K <= 2) {
    const margin = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      margin[i] = K === 1 ? Z.data[i]! : Z.data[i * 2 + 1]! - Z.data[i * 2]!;
    }
    const band = midBand(margin, { center: 0, ...options });
    for (const i of band.indices) isMid[i] = 1;
    bands.push(strip(band));
  } else {
    for (let i = 0; i < n; i++) {
      if (y[i]! >= K) {
        throw new RangeError(`${ctx}: \`labels\` must be < ${K} (logit columns): got ${y[i]}`);
      }
    }
    const col = new Float64Array(n);
    for (let c = 0; c < K; c++) {
      for (let i = 0; i < n; i++) col[i] = Z.data[i * K + c]!;
      const band = bandOf(col, options);
      for (const i of band.indices) if (y[i] === c) isMid[i] = 1;
      bands.push(strip(band));
    }
  }
  const indices: number[] = [];
  for (let i = 0; i < n; i++) if (isMid[i]) indices.push(i);
  if (indices.length === 0) {
    throw new RangeError(
      `${ctx}: no sample's own-class logit lies in its class's mid band; widen \`width\` (${
        options.width ?? 0.1
      })`,
    );
  }
  return tagResult("midSelection", {
    isMid,
    indices,
    variant: K <= 2 ? "margin" as const : "logit" as const,
    bands,
  });
}
