/**
 * A teacher ltrRNN with known low-tensor-rank weights, for synthetic checks of
 * rank recovery (Pellegrino, Cayco-Gajic & Chadwick 2023, synthetic experiments).
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { mulberry32, normalSampler } from "../random.ts";
import { type Tensor3, tensor3 } from "../tensor/tensor.ts";
import { checkDims, initLtrModel } from "./init.ts";
import { ltrLayout, type LtrModel, trialFactorArray } from "./ltr_model.ts";
import { simulateLtr } from "./simulate.ts";

/** Options for {@link teacherLtr}. */
export interface TeacherLtrOptions {
  /** R. @default 3 */
  rank?: number;
  /** n (and N: every unit is recorded through a random readout). @default 30 */
  nUnits?: number;
  /** K. @default 40 */
  nTrials?: number;
  /** T. @default 25 */
  nTime?: number;
  /** C (one-hot condition inputs). @default 4 */
  nConditions?: number;
  /**
   * Standard deviation of the Gaussian noise added to the readout, relative to the
   * standard deviation of the clean readout. @default 0.2
   */
  noise?: number;
  /** `dt/τ`. @default 0.2 */
  alpha?: number;
  /** Overlap of each row factor with its column factor, ρ̂_r ∝ ĉ_r + (1/overlap − 1)·noise. @default 0.8 */
  overlap?: number;
  /** Seed. @default 0 */
  seed?: number;
}

/** A teacher and the recordings it produces. */
export interface TeacherLtr {
  /** The teacher model. */
  model: LtrModel;
  /** Noisy recordings `[K, T, N]`. */
  Y: Tensor3;
  /** Noise-free readout `[K, T, N]`. */
  clean: Tensor3;
  /** Teacher trial factors `[K, R]`. */
  trialFactors: Matrix;
  /** Noise standard deviation (absolute). */
  noiseStd: number;
  /** Normalised MSE of the truth on the noisy data, `noiseStd² / var(Y)` (the noise floor). */
  noiseFloor: number;
}

/**
 * Build a teacher ltrRNN of rank R: unit-norm Gaussian column factors, row factors that
 * overlap them (so each component feeds back on itself and its trial factor shapes the
 * dynamics), smooth trial factors drawn from the rational-quadratic prior around 1,
 * Gaussian condition input maps and readout; then simulate it and add noise.
 *
 * @param options Sizes, noise level and seed.
 * @returns The teacher, its clean and noisy recordings, and its trial factors.
 *
 * @example The noise floor matches the requested noise level
 * ```ts
 * import { teacherLtr } from "./teacher.ts";
 * import assert from "node:assert/strict";
 * const t = teacherLtr({ nUnits: 10, nTrials: 8, nTime: 10, nConditions: 2, noise: 0.2 });
 * assert.deepEqual(t.Y.shape, [8, 10, 10]);
 * assert.ok(t.noiseFloor > 0.02 && t.noiseFloor < 0.06);
 * ```
 */
export function teacherLtr(options: TeacherLtrOptions = {}): TeacherLtr {
  const {
    rank = 3,
    nUnits = 30,
    nTrials = 40,
    nTime = 25,
    nConditions = 4,
    noise = 0.2,
    alpha = 0.2,
    overlap = 0.8,
    seed = 0,
  } = options;
  const ctx = "Cannot build teacher ltrRNN";
  const dims = {
    rank,
    nUnits,
    nOutputs: nUnits,
    nTrials,
    nTime,
    nConditions,
    nInputs: nConditions,
  };
  checkDims(dims, ctx);
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw new RangeError(`${ctx}: \`noise\` must be >= 0: got ${noise}`);
  }
  if (!(overlap > 0 && overlap <= 1)) {
    throw new RangeError(`${ctx}: \`overlap\` must be in (0, 1]: got ${overlap}`);
  }
  const model = initLtrModel(dims, { alpha, seed: seed + 1 });
  const lay = ltrLayout(model);
  const g = normalSampler(mulberry32(seed + 2));
  const n = nUnits, R = rank, th = model.theta;
  const mix = 1 / overlap - 1;
  for (let p = 0; p < n * R; p++) {
    const c = g() / Math.sqrt(n);
    th[lay.columns + p] = c;
    th[lay.rows + p] = c + (mix * g()) / Math.sqrt(n);
  }
  // Smooth trial factors around 1 with a clear trend: z from N(0, 1), gain 2.
  for (let p = 0; p < nTrials * R; p++) th[lay.z + p] = g();
  for (let r = 0; r < R; r++) th[lay.trialBias + r] = 1.5;
  for (let p = 0; p < R * nConditions; p++) th[lay.inputWeights + p] = 1.5 * g();
  for (let p = 0; p < nConditions * R; p++) th[lay.initialState + p] = 0.5 * g();
  for (let r = 0; r < R; r++) th[lay.latentBias + r] = 0;
  for (let p = 0; p < n * n; p++) th[lay.readout + p] = g() / Math.sqrt(n);
  for (let i = 0; i < n; i++) th[lay.readoutBias + i] = 0;

  const clean = simulateLtr(model).outputs;
  let mu = 0;
  for (const v of clean.data) mu += v;
  mu /= clean.data.length;
  let v2 = 0;
  for (const v of clean.data) v2 += (v - mu) ** 2;
  const noiseStd = noise * Math.sqrt(v2 / clean.data.length);
  const gn = normalSampler(mulberry32(seed + 3));
  const Y = new Float64Array(clean.data.length);
  for (let p = 0; p < Y.length; p++) Y[p] = clean.data[p]! + noiseStd * gn();
  let m2 = 0;
  for (const v of Y) m2 += v;
  m2 /= Y.length;
  let vy = 0;
  for (const v of Y) vy += (v - m2) ** 2;
  vy /= Y.length;
  return {
    model,
    Y: tensor3(clean.shape, Y),
    clean,
    trialFactors: { rows: nTrials, cols: R, data: trialFactorArray(model) },
    noiseStd,
    noiseFloor: (noiseStd * noiseStd) / vy,
  };
}
