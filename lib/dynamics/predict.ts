/**
 * Prediction with a fitted HAVOK DMD model, one step or several steps ahead,
 * scored by R².
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { assertInteger } from "../validate/mod.ts";
import { asTrials, type ShapedArray, type TimeSeriesLike, toInputLayout } from "./data.ts";
import { mm } from "./dense.ts";
import type { DmdFit } from "./dmd.ts";
import { embedTrials } from "./embed.ts";
import { projectOntoBasis, readPredictions } from "./havok.ts";
import { standardizeTrials } from "./regression.ts";
import { checkOptions } from "../validate/options.ts";
import { PREDICT_OPTIONS } from "./option_kinds.ts";

/** Options for {@link predictDmd}. */
export interface PredictOptions {
  /** Predict x_{t+steps} from the embedded state at time t (1 = one-step). @default 1 */
  steps?: number;
}

/** Predictions and their fit to the data. */
export interface DmdPrediction {
  /**
   * Predicted data in the layout of the input. Samples that cannot be predicted
   * (the first (D−1)·k + steps of each trial) are copied from the data.
   */
  prediction: Matrix | ShapedArray | Matrix[];
  /** 1 − Σ(x − x̂)² / Σ(x − x̄)² over the predicted samples (x̄: per-dimension mean). */
  r2: number;
  /** Mean squared error over the predicted samples and dimensions. */
  mse: number;
  /** Number of samples predicted. */
  predicted: number;
  /** Steps ahead. */
  steps: number;
}

/**
 * (A_v^steps)ᵀ [r, r], for advancing row vectors: v_{t+s}ᵀ = v_tᵀ (A_v^s)ᵀ.
 *
 * @param Av Operator entries [r, r].
 * @param r Order.
 * @param steps Power s ≥ 0.
 * @returns The transposed power.
 *
 * @example
 * ```ts
 * import { operatorPowerT } from "./predict.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(operatorPowerT(new Float64Array([1, 1, 0, 1]), 2, 2)), [1, 0, 2, 1]);
 * ```
 */
export function operatorPowerT(Av: Float64Array, r: number, steps: number): Float64Array {
  let P: Float64Array = new Float64Array(r * r);
  for (let i = 0; i < r; i++) P[i * r + i] = 1;
  const At = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) At[j * r + i] = Av[i * r + j]!;
  for (let s = 0; s < steps; s++) P = mm(P, At, r, r, r);
  return P;
}

/**
 * R² and MSE of predictions over the rows selected by `mask`:
 * R² = 1 − Σ(x − x̂)² / Σ(x − x̄)² with x̄ the per-dimension mean of the selected rows.
 *
 * @param truth Data rows [rows, dims].
 * @param pred Predicted rows [rows, dims].
 * @param mask 1 for rows that were predicted.
 * @param dims Columns.
 * @returns `{r2, mse, predicted}`.
 *
 * @example
 * ```ts
 * import { scorePredictions } from "./predict.ts";
 * import assert from "node:assert/strict";
 * const s = scorePredictions(new Float64Array([0, 2]), new Float64Array([0, 1]), new Uint8Array([1, 1]), 1);
 * assert.deepEqual([s.r2, s.mse, s.predicted], [0.5, 0.5, 2]);
 * ```
 */
export function scorePredictions(
  truth: Float64Array,
  pred: Float64Array,
  mask: Uint8Array,
  dims: number,
): { r2: number; mse: number; predicted: number } {
  const mean = new Float64Array(dims);
  let count = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    count++;
    for (let j = 0; j < dims; j++) mean[j] += truth[i * dims + j]!;
  }
  for (let j = 0; j < dims; j++) mean[j] /= count;
  let ssRes = 0, ssTot = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    for (let j = 0; j < dims; j++) {
      const x = truth[i * dims + j]!;
      ssRes += (x - pred[i * dims + j]!) ** 2;
      ssTot += (x - mean[j]!) ** 2;
    }
  }
  const r2 = ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : -Infinity;
  return { r2, mse: ssRes / (count * dims), predicted: count };
}

/**
 * Predict data with a fitted DMD model: each embedded state h_t is projected to
 * v_t = Σ_r⁻¹ U_rᵀ h_t, advanced v_{t+s} = A_v^s v_t, lifted back with U_r Σ_r,
 * and the newest-sample block gives x̂ at time t + (D−1)·k + s. Works on
 * held-out data with the same number of dimensions.
 *
 * @param fit A model from {@link fitDmd}.
 * @param X Data to predict, same layouts as `fitDmd` accepts.
 * @param options `steps` ahead (default 1).
 * @returns Predictions in the input's layout, R², MSE.
 *
 * @example A noiseless linear system is predicted exactly
 * ```ts
 * import { fitDmd, predictDmd } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [];
 * for (let t = 0; t < 50; t++) X.push([Math.cos(0.2 * t), Math.sin(0.2 * t)]);
 * const fit = fitDmd(X, { ridge: 0 });
 * const { r2 } = predictDmd(fit, X, { steps: 5 });
 * assert.ok(r2 > 1 - 1e-12);
 * ```
 */
export function predictDmd(
  fit: DmdFit,
  X: TimeSeriesLike,
  options: PredictOptions = {},
): DmdPrediction {
  const context = "Cannot predict with DMD";
  checkOptions(options, PREDICT_OPTIONS, context);
  const { steps = 1 } = options;
  assertInteger(steps, "steps", 1, Infinity, context);
  const trials = asTrials(X, "X", context);
  if (trials.dims !== fit.dims) {
    throw new TypeError(
      `${context}: \`X\` must have the ${fit.dims} dims the model was fitted on: got ${trials.dims}`,
    );
  }
  const std = standardizeTrials(trials, fit.means, fit.scales);
  const emb = embedTrials(std, fit.nDelays, fit.delayInterval, context);
  // V = H U Σ⁻¹, advanced by (A^s)ᵀ, lifted by Σ Uᵀ restricted to the first N columns
  const r = fit.rank, N = fit.dims;
  const V = projectOntoBasis(emb.H, fit);
  const P = operatorPowerT(fit.Av.data, r, steps);
  const Vs = mm(V, P, emb.H.rows, r, r);
  const { out, mask } = readPredictions(fit, trials, std, emb.rowsPerTrial, Vs, steps, context);
  const score = scorePredictions(trials.data, out, mask, N);
  return tagResult("dmdPrediction", { prediction: toInputLayout(trials, out, N), ...score, steps });
}
