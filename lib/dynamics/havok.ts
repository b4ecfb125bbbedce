/**
 * Steps shared by HAVOK DMD and DMDc: the fitted basis (standardise, embed,
 * SVD, rank) and, for prediction, projecting embedded rows onto that basis and
 * reading predicted samples back out of it.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import type { Trials } from "./data.ts";
import { mm } from "./dense.ts";
import type { DmdFit } from "./dmd.ts";
import { type DelayEmbedding, embedTrials } from "./embed.ts";
import { type RankRule, selectDmdRank } from "./rank.ts";
import { checkFitInputs, hankelSvd, moments, standardizeTrials } from "./regression.ts";

/** Resolved embedding and regression settings of a fit. */
export interface HavokSettings {
  /** Number of delays D. */
  nDelays: number;
  /** Samples between consecutive delays k. */
  delayInterval: number;
  /** Ridge penalty λ. */
  ridge: number;
  /** Subtract each dimension's mean. */
  center: boolean;
  /** Divide each dimension by its standard deviation. */
  scale: boolean;
}

/** The HAVOK basis of a data set: what DMD and DMDc regress in. */
export interface HavokBasis {
  /** Per-dimension means used to standardise (zeros without centring). */
  means: Float64Array;
  /** Per-dimension scales used to standardise (ones without scaling). */
  scales: Float64Array;
  /** Delay embedding of the standardised trials. */
  emb: DelayEmbedding;
  /** Left singular vectors of H, `[rows, k]`, k = min(rows, width). */
  Vh: Matrix;
  /** Singular values of H, descending, `[k]`. */
  s: Float64Array;
  /** Rank r chosen by the rank rule. */
  r: number;
  /** The first r right singular vectors of H as columns, `[width, r]`. */
  U: Float64Array;
}

/**
 * Standardise, delay-embed and stack trials into H, check there is something to
 * regress, take the thin SVD H = V Σ Uᵀ, choose the rank r and keep U_r.
 *
 * @param trials Data in trials.
 * @param settings Resolved embedding, ridge and standardisation settings.
 * @param rule Rank rule.
 * @param context Prefix of error messages.
 * @returns The basis; see {@link HavokBasis}.
 *
 * @example A rotation has rank 2
 * ```ts
 * import { havokBasis } from "./havok.ts";
 * import { asTrials } from "./data.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [];
 * for (let t = 0; t < 20; t++) X.push([Math.cos(0.3 * t), Math.sin(0.3 * t)]);
 * const settings = { nDelays: 1, delayInterval: 1, ridge: 0, center: false, scale: false };
 * const b = havokBasis(asTrials(X, "X", "test"), settings, {}, "test");
 * assert.deepEqual([b.r, b.U.length], [2, 4]);
 * ```
 */
export function havokBasis(
  trials: Trials,
  settings: HavokSettings,
  rule: RankRule,
  context: string,
): HavokBasis {
  const { nDelays, delayInterval, ridge, center, scale } = settings;
  const { means, scales } = moments(trials, center, scale);
  const emb = embedTrials(
    standardizeTrials(trials, means, scales),
    nDelays,
    delayInterval,
    context,
  );
  checkFitInputs(ridge, emb.rowsPerTrial, context);
  const { V: Vh, s, Ut: Vt } = hankelSvd(emb.H);
  const width = emb.H.cols;
  const r = selectDmdRank(s, width, rule, context);
  const U = new Float64Array(width * r);
  for (let i = 0; i < width; i++) {
    for (let j = 0; j < r; j++) U[i * r + j] = Vt.data[j * width + i]!;
  }
  return { means, scales, emb, Vh, s, r, U };
}

/**
 * Project embedded rows onto a fitted basis: V = H U_r Σ_r⁻¹.
 *
 * @param H Embedded rows `[rows, width]`.
 * @param fit The fitted model (its `U`, `singularValues` and `rank`).
 * @returns V `[rows, r]`, row-major.
 *
 * @example Σ⁻¹ scales each coordinate
 * ```ts
 * import { projectOntoBasis } from "./havok.ts";
 * import assert from "node:assert/strict";
 * const H = { rows: 1, cols: 2, data: new Float64Array([4, 6]) };
 * const fit = {
 *   rank: 2,
 *   singularValues: new Float64Array([2, 3]),
 *   U: { rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 1]) },
 * };
 * assert.deepEqual(Array.from(projectOntoBasis(H, fit)), [2, 2]);
 * ```
 */
export function projectOntoBasis(
  H: Matrix,
  fit: Pick<DmdFit, "rank" | "singularValues" | "U">,
): Float64Array {
  const r = fit.rank;
  const sigma = fit.singularValues;
  const V = mm(H.data, fit.U.data, H.rows, H.cols, r);
  for (let i = 0; i < H.rows; i++) for (let j = 0; j < r; j++) V[i * r + j] /= sigma[j]!;
  return V;
}

/**
 * Lift advanced states back with U_r Σ_r, write the newest-sample block of row
 * t of each trial to sample t + (D−1)·k + steps, and undo the standardisation.
 * Samples that cannot be predicted keep the data.
 *
 * @param fit The fitted model.
 * @param trials The data in trials (for trial lengths).
 * @param std The standardised data.
 * @param rowsPerTrial Embedded rows per trial.
 * @param Vs Advanced states `[Σ rowsPerTrial, r]`.
 * @param steps Steps ahead.
 * @param context Prefix of error messages.
 * @returns The predictions in original units `[Σ lengths, dims]` and a 1 for
 *   each predicted sample.
 * @throws {RangeError} When no sample of any trial can be predicted.
 *
 * @example One step of the identity copies the previous sample
 * ```ts
 * import { readPredictions } from "./havok.ts";
 * import { asTrials } from "./data.ts";
 * import assert from "node:assert/strict";
 * const trials = asTrials([[1], [2], [3]], "X", "test");
 * const fit = {
 *   rank: 1, dims: 1, nDelays: 1, delayInterval: 1,
 *   singularValues: new Float64Array([1]),
 *   U: { rows: 1, cols: 1, data: new Float64Array([1]) },
 *   means: new Float64Array([0]), scales: new Float64Array([1]),
 * };
 * const { out, mask } = readPredictions(fit, trials, trials, [3], trials.data, 1, "test");
 * assert.deepEqual([Array.from(out), Array.from(mask)], [[1, 1, 2], [0, 1, 1]]);
 * ```
 */
export function readPredictions(
  fit: Pick<
    DmdFit,
    "rank" | "dims" | "nDelays" | "delayInterval" | "singularValues" | "U" | "means" | "scales"
  >,
  trials: Trials,
  std: Trials,
  rowsPerTrial: readonly number[],
  Vs: Float64Array,
  steps: number,
  context: string,
): { out: Float64Array; mask: Uint8Array } {
  const r = fit.rank, N = fit.dims;
  const sigma = fit.singularValues;
  const lag = (fit.nDelays - 1) * fit.delayInterval;
  const lift = new Float64Array(r * N);
  for (let j = 0; j < r; j++) {
    for (let c = 0; c < N; c++) lift[j * N + c] = sigma[j]! * fit.U.data[c * r + j]!;
  }
  const rows = rowsPerTrial.reduce((a, b) => a + b, 0);
  const Xn = mm(Vs, lift, rows, r, N);
  const out = std.data.slice();
  const mask = new Uint8Array(std.data.length / N);
  let inRow = 0, hRow = 0;
  trials.lengths.forEach((T, i) => {
    const Tp = rowsPerTrial[i]!;
    for (let t = 0; t + steps < Tp; t++) {
      const dst = inRow + t + lag + steps;
      mask[dst] = 1;
      for (let c = 0; c < N; c++) out[dst * N + c] = Xn[(hRow + t) * N + c]!;
    }
    inRow += T;
    hRow += Tp;
  });
  if (!mask.some((v) => v === 1)) {
    throw new RangeError(
      `${context}: too few time steps to predict ${steps} step(s) ahead: the longest trial has ${
        Math.max(...trials.lengths)
      } samples but needs at least ${lag + steps + 1}`,
    );
  }
  for (let i = 0; i < out.length; i++) {
    const c = i % N;
    out[i] = out[i]! * fit.scales[c]! + fit.means[c]!;
  }
  return { out, mask };
}
