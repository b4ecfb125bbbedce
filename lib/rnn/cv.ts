/**
 * Cross-validating an ltrRNN with block masks in trials × time × neurons
 * (Pellegrino, Cayco-Gajic & Chadwick 2023): blocks around random centres are
 * removed from training, inner blocks are scored, the ring between them is a buffer.
 *
 * @module
 */

import { blockMasks } from "../tensor/masks.ts";
import { asTensor3, type Tensor3Like } from "../tensor/tensor.ts";
import { type FitLtrOptions, fitLtrRnn, type LtrFit } from "./fit.ts";

/** Options for {@link ltrBlockMasks}. */
export interface LtrMaskOptions {
  /** Half-widths `[trials, time, neurons]` of the blocks removed from training. @default [1, 2, 0] */
  trainHalfWidth?: readonly number[];
  /** Half-widths `[trials, time, neurons]` of the inner test blocks. @default [0, 1, 0] */
  testHalfWidth?: readonly number[];
  /** Target fraction of entries removed from training. @default 0.2 */
  fraction?: number;
  /** Seed of the block centres. @default 0 */
  seed?: number;
}

/**
 * Train and test masks for recordings `[K, T, N]`: block masks (see `blockMasks`) with
 * missing (NaN) entries removed from both.
 *
 * @param Yin Recordings `[K, T, N]`, NaN = missing.
 * @param options Block sizes, fraction and seed.
 * @returns `{ train, test }` as 0/1 arrays of length K·T·N.
 *
 * @example Missing entries are in neither mask
 * ```ts
 * import { ltrBlockMasks } from "./cv.ts";
 * import assert from "node:assert/strict";
 * const Y = { shape: [6, 10, 4] as [number, number, number], data: new Float64Array(240).fill(1) };
 * Y.data[0] = NaN;
 * const { train, test } = ltrBlockMasks(Y, { seed: 2 });
 * assert.equal(train[0], 0);
 * assert.equal(test[0], 0);
 * assert.ok(test.some((x) => x === 1));
 * ```
 */
export function ltrBlockMasks(
  Yin: Tensor3Like,
  options: LtrMaskOptions = {},
): { train: Uint8Array; test: Uint8Array } {
  const Y = asTensor3(Yin, "Y", { context: "Cannot build cross-validation masks", finite: false });
  const {
    trainHalfWidth = [1, 2, 0],
    testHalfWidth = [0, 1, 0],
    fraction = 0.2,
    seed = 0,
  } = options;
  const { train, test } = blockMasks(Y.shape, { trainHalfWidth, testHalfWidth, fraction, seed });
  for (let p = 0; p < train.length; p++) {
    if (Number.isNaN(Y.data[p]!)) train[p] = test[p] = 0;
  }
  return { train, test };
}

/** Options for {@link crossValidateLtr}. */
export interface CrossValidateLtrOptions extends Omit<FitLtrOptions, "trainMask" | "testMask"> {
  /** Block-mask options (the seed defaults to the fit's seed). */
  masks?: LtrMaskOptions;
}

/**
 * Fit an ltrRNN on the training entries of a block-mask split and score it on the test
 * entries: `fit.trainError` and `fit.testError` are normalised MSEs.
 *
 * @param Y Recordings `[K, T, N]`, NaN = missing.
 * @param options Fit options and mask options.
 * @returns The fit, with `testError` set.
 *
 * @example Held-out error of a small fit
 * ```ts
 * import { teacherLtr } from "./teacher.ts";
 * import { crossValidateLtr } from "./cv.ts";
 * import assert from "node:assert/strict";
 * const t = teacherLtr({ rank: 1, nUnits: 6, nTrials: 8, nTime: 10, nConditions: 2, seed: 1 });
 * const fit = crossValidateLtr(t.Y, { rank: 1, conditions: t.model.conditions, iterations: 200, learningRate: 0.02 });
 * assert.ok(fit.testError !== null && fit.testError < 1);
 * ```
 */
export function crossValidateLtr(Y: Tensor3Like, options: CrossValidateLtrOptions): LtrFit {
  const { masks = {}, ...fitOptions } = options;
  const { train, test } = ltrBlockMasks(Y, { seed: fitOptions.seed ?? 0, ...masks });
  return fitLtrRnn(Y, { ...fitOptions, trainMask: train, testMask: test });
}
