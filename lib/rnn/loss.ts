/**
 * Scoring an ltrRNN against recordings: masked mean squared error and its
 * normalised form.
 *
 * @module
 */

import {
  asMask,
  asTensor3,
  type MaskLike,
  type Tensor3,
  type Tensor3Like,
} from "../tensor/tensor.ts";
import type { LtrModel } from "./ltr_model.ts";
import { derive, forward, readoutOf, workspace } from "./simulate.ts";

/** Error of a model on a set of entries. */
export interface LtrScore {
  /** Mean squared error `(1/M) Σ (ŷ − y)²` over the scored entries. */
  mse: number;
  /**
   * `mse / var(y)`, with `var(y)` the variance of all observed (finite) entries of the data
   * (0 = perfect, 1 = no better than the grand mean).
   */
  normalizedError: number;
  /** M, the number of entries scored. */
  count: number;
}

/** Options for {@link scoreLtr}. */
export interface ScoreLtrOptions {
  /** Entries to score, `[K, T, N]` (nonzero = scored; NaN entries are never scored). @default all observed */
  mask?: MaskLike;
}

/** Variance of the finite entries of `Y` (population variance). */
export function observedVariance(Y: Float64Array): number {
  let s = 0, n = 0;
  for (let p = 0; p < Y.length; p++) {
    const v = Y[p]!;
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  if (n === 0) return 0;
  const mu = s / n;
  let ss = 0;
  for (let p = 0; p < Y.length; p++) if (Number.isFinite(Y[p]!)) ss += (Y[p]! - mu) ** 2;
  return ss / n;
}

/** Check that data matches a model: `[K, T, N]`. */
export function checkDataShape(model: LtrModel, Y: Tensor3, ctx: string): void {
  const want = [model.nTrials, model.nTime, model.nOutputs];
  if (Y.shape.some((d, m) => d !== want[m])) {
    throw new TypeError(
      `${ctx}: \`Y\` must have shape [${
        want.join(", ")
      }] (trials, time, neurons) to match the model: got [${Y.shape.join(", ")}]`,
    );
  }
}

/**
 * Mean squared error of a model's readout against data on chosen entries (e.g. the
 * held-out entries of a cross-validation split). Missing (NaN) entries are skipped.
 *
 * @param model An ltrRNN (or the `model` of a fit).
 * @param Yin Recordings `[K, T, N]` (trials × time × neurons), NaN = missing.
 * @param options Entries to score.
 * @returns MSE, normalised error and the number of entries.
 *
 * @example A model scores zero error on its own simulation
 * ```ts
 * import { initLtrModel } from "./init.ts";
 * import { simulateLtr } from "./simulate.ts";
 * import { scoreLtr } from "./loss.ts";
 * import assert from "node:assert/strict";
 * const m = initLtrModel({ rank: 1, nUnits: 4, nOutputs: 3, nTrials: 2, nTime: 5, nConditions: 1, nInputs: 1 });
 * assert.ok(scoreLtr(m, simulateLtr(m).outputs).mse < 1e-24);
 * ```
 */
export function scoreLtr(
  model: LtrModel,
  Yin: Tensor3Like,
  options: ScoreLtrOptions = {},
): LtrScore {
  const ctx = "Cannot score ltrRNN";
  const Y = asTensor3(Yin, "Y", { context: ctx, finite: false });
  checkDataShape(model, Y, ctx);
  const mask = options.mask === undefined
    ? undefined
    : asMask(options.mask, Y.data.length, "mask", ctx);
  const w = workspace(model);
  for (let k = 0; k < model.nTrials; k++) w.trials[k] = k;
  w.count = model.nTrials;
  forward(model, derive(model), w);
  const Yhat = readoutOf(model, w);
  let sse = 0, M = 0;
  for (let p = 0; p < Yhat.length; p++) {
    if (mask && !mask[p]) continue;
    const y = Y.data[p]!;
    if (!Number.isFinite(y)) continue;
    sse += (Yhat[p]! - y) ** 2;
    M++;
  }
  if (M === 0) throw new RangeError(`${ctx}: \`mask\` selects no observed entries`);
  const v = observedVariance(Y.data);
  const mse = sse / M;
  return { mse, normalizedError: v > 0 ? mse / v : (mse === 0 ? 0 : Infinity), count: M };
}
