/**
 * The Gaussian-process prior over trial factors of a low-tensor-rank RNN: a
 * rational-quadratic kernel over trial index, optionally block-diagonal across task
 * epochs, and its Cholesky factor (Pellegrino, Cayco-Gajic & Chadwick 2023).
 *
 * @module
 */

import { cholesky } from "../linalg/cholesky.ts";
import type { Matrix } from "../linalg/matrix.ts";

/** Options for {@link rationalQuadraticKernel} and {@link trialKernelCholesky}. */
export interface TrialKernelOptions {
  /** Prior standard deviation σ of the smooth part. @default 1 */
  sigma?: number;
  /** Length scale l, in trials. @default 15 */
  lengthScale?: number;
  /** Shape α of the rational quadratic (α → ∞ gives the squared exponential). @default 1 */
  alpha?: number;
  /**
   * Per-trial jitter standard deviation σ_obs: `σ_obs²` is added to the diagonal
   * (by {@link trialKernelCholesky} only). @default 0.1
   */
  observationStd?: number;
  /**
   * Task epoch of every trial; the kernel is zero between trials of different epochs
   * (block-diagonal prior). @default one epoch
   */
  epochs?: ArrayLike<number>;
  /** Trial positions used as the kernel's inputs. @default 0, 1, …, K − 1 */
  trialIds?: ArrayLike<number>;
}

function checkOptions(nTrials: number, options: TrialKernelOptions, ctx: string) {
  const {
    sigma = 1,
    lengthScale = 15,
    alpha = 1,
    observationStd = 0.1,
    epochs,
    trialIds,
  } = options;
  if (!Number.isInteger(nTrials) || nTrials < 1) {
    throw new RangeError(`${ctx}: \`nTrials\` must be an integer >= 1: got ${nTrials}`);
  }
  for (
    const [name, v] of [["sigma", sigma], ["lengthScale", lengthScale], ["alpha", alpha]] as const
  ) {
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new RangeError(`${ctx}: \`${name}\` must be a positive number: got ${v}`);
    }
  }
  if (!(observationStd >= 0) || !Number.isFinite(observationStd)) {
    throw new RangeError(`${ctx}: \`observationStd\` must be >= 0: got ${observationStd}`);
  }
  for (const [name, v] of [["epochs", epochs], ["trialIds", trialIds]] as const) {
    if (v !== undefined && v.length !== nTrials) {
      throw new TypeError(`${ctx}: \`${name}\` must have ${nTrials} entries: got ${v.length}`);
    }
  }
  return { sigma, lengthScale, alpha, observationStd, epochs, trialIds };
}

/**
 * The rational-quadratic covariance over trials,
 * `k(Δ) = σ² (1 + Δ² / (2 α l²))^(−α)`, zeroed between trials of different epochs.
 *
 * @param nTrials K.
 * @param options σ, l, α, epochs, trial positions.
 * @returns The `[K, K]` covariance (without the jitter term).
 *
 * @example One length scale apart, α = 1: σ² / 1.5
 * ```ts
 * import { rationalQuadraticKernel } from "./kernel.ts";
 * import assert from "node:assert/strict";
 * const Kmat = rationalQuadraticKernel(3, { lengthScale: 1 });
 * assert.ok(Math.abs(Kmat.data[1]! - 1 / 1.5) < 1e-15);
 * assert.equal(rationalQuadraticKernel(2, { epochs: [0, 1] }).data[1], 0);
 * ```
 */
export function rationalQuadraticKernel(nTrials: number, options: TrialKernelOptions = {}): Matrix {
  const o = checkOptions(nTrials, options, "Cannot build trial kernel");
  const K = nTrials;
  const out = new Float64Array(K * K);
  const pos = (k: number) => (o.trialIds ? o.trialIds[k]! : k);
  for (let a = 0; a < K; a++) {
    for (let b = 0; b < K; b++) {
      if (o.epochs && o.epochs[a] !== o.epochs[b]) continue;
      const d = pos(a) - pos(b);
      out[a * K + b] = o.sigma * o.sigma *
        Math.pow(1 + (d * d) / (2 * o.alpha * o.lengthScale * o.lengthScale), -o.alpha);
    }
  }
  return { rows: K, cols: K, data: out };
}

/**
 * The lower Cholesky factor L of the trial prior covariance
 * `k_RQ + σ_obs² I` (plus 1e-9·σ² on the diagonal for numerical safety), so that trial
 * factors `a = L z + b` with `z ~ N(0, I)` are smooth across trials up to per-trial
 * jitter σ_obs.
 *
 * @param nTrials K.
 * @param options Kernel options.
 * @returns `[K, K]` lower-triangular L.
 *
 * @example L Lᵀ reproduces the covariance
 * ```ts
 * import { rationalQuadraticKernel, trialKernelCholesky } from "./kernel.ts";
 * import { matmul } from "../linalg/mod.ts";
 * import assert from "node:assert/strict";
 * const L = trialKernelCholesky(4, { observationStd: 0.5 });
 * const LLt = matmul(L, L, { transB: true });
 * const Kmat = rationalQuadraticKernel(4);
 * assert.ok(Math.abs(LLt.data[0]! - (Kmat.data[0]! + 0.25 + 1e-9)) < 1e-12);
 * assert.ok(Math.abs(LLt.data[1]! - Kmat.data[1]!) < 1e-12);
 * ```
 */
export function trialKernelCholesky(nTrials: number, options: TrialKernelOptions = {}): Matrix {
  const o = checkOptions(nTrials, options, "Cannot build trial kernel");
  const Kmat = rationalQuadraticKernel(nTrials, options);
  const jitter = o.observationStd * o.observationStd + 1e-9 * o.sigma * o.sigma;
  for (let k = 0; k < nTrials; k++) Kmat.data[k * nTrials + k] += jitter;
  return cholesky(Kmat);
}
