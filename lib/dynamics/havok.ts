/**
 * Prediction steps shared by HAVOK DMD and DMDc: projecting embedded rows onto
 * the fitted basis and reading predicted samples back out of it.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import type { Trials } from "./data.ts";
import { mm } from "./dense.ts";
import type { DmdFit } from "./dmd.ts";

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
