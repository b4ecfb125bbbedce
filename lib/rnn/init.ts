/**
 * Building an ltrRNN: checked dimensions, condition inputs, and seeded random
 * initial parameters.
 *
 * @module
 */

import { mulberry32, normalSampler } from "../random.ts";
import { type Tensor3, tensor3 } from "../tensor/tensor.ts";
import { trialKernelCholesky, type TrialKernelOptions } from "./kernel.ts";
import { type LtrDims, ltrLayout, type LtrModel } from "./ltr_model.ts";

/** Options for {@link initLtrModel}. */
export interface InitLtrOptions {
  /** Euler step over time constant, `dt / τ`, in (0, 1]. @default 0.2 */
  alpha?: number;
  /** Condition of every trial (length K, values in [0, C)). @default trial k → k mod C */
  conditions?: ArrayLike<number>;
  /**
   * Inputs per condition `[C, T, nInputs]`. @default one-hot condition inputs held for the
   * whole trial (then `nInputs` must equal `nConditions`)
   */
  inputs?: Tensor3;
  /** Prior over trial factors (rational-quadratic kernel). @default see TrialKernelOptions */
  kernel?: TrialKernelOptions;
  /** Per-neuron mean of the data, used as the initial readout bias. @default zeros */
  outputMean?: ArrayLike<number>;
  /** Scale of the data (standard deviation), used to scale the initial readout. @default 1 */
  outputScale?: number;
  /** Seed of the random initial parameters. @default 0 */
  seed?: number;
}

/** Validate model sizes, naming the bad one. */
export function checkDims(d: LtrDims, ctx: string): void {
  for (
    const key of [
      "rank",
      "nUnits",
      "nOutputs",
      "nTrials",
      "nTime",
      "nConditions",
      "nInputs",
    ] as const
  ) {
    const v = d[key];
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`${ctx}: \`${key}\` must be an integer >= 1: got ${v}`);
    }
  }
}

/**
 * One-hot condition inputs held for the whole trial: `u_c(t) = e_c`.
 *
 * @param nConditions C.
 * @param nTime T.
 * @returns Inputs `[C, T, C]`.
 *
 * @example Condition 1 drives channel 1 at every step
 * ```ts
 * import { oneHotInputs } from "./init.ts";
 * import assert from "node:assert/strict";
 * const u = oneHotInputs(2, 3);
 * assert.deepEqual(Array.from(u.data.subarray(6, 8)), [0, 1]);
 * ```
 */
export function oneHotInputs(nConditions: number, nTime: number): Tensor3 {
  const C = nConditions, T = nTime;
  const data = new Float64Array(C * T * C);
  for (let c = 0; c < C; c++) for (let t = 0; t < T; t++) data[(c * T + t) * C + c] = 1;
  return tensor3([C, T, C], data);
}

/**
 * A new ltrRNN with seeded random parameters: Gaussian column factors (row factors start
 * equal to them), trial factors at 1 (z = 0, b = 1), Gaussian input map, small uniform
 * initial states, zero latent bias, Gaussian readout scaled to the data and readout bias
 * at the data mean.
 *
 * @param dims Sizes.
 * @param options Step, conditions, inputs, prior, seed.
 * @returns The model.
 *
 * @example Default conditions cycle through the C conditions
 * ```ts
 * import { initLtrModel } from "./init.ts";
 * import assert from "node:assert/strict";
 * const m = initLtrModel({ rank: 2, nUnits: 5, nOutputs: 3, nTrials: 5, nTime: 4, nConditions: 2, nInputs: 2 });
 * assert.deepEqual(m.conditions, [0, 1, 0, 1, 0]);
 * assert.deepEqual(m.inputs.shape, [2, 4, 2]);
 * ```
 */
export function initLtrModel(dims: LtrDims, options: InitLtrOptions = {}): LtrModel {
  const ctx = "Cannot build ltrRNN";
  checkDims(dims, ctx);
  const { alpha = 0.2, kernel = {}, outputScale = 1, seed = 0 } = options;
  const { rank: R, nUnits: n, nOutputs: N, nTrials: K, nTime: T, nConditions: C } = dims;
  if (!(alpha > 0 && alpha <= 1)) {
    throw new RangeError(`${ctx}: \`alpha\` must be in (0, 1]: got ${alpha}`);
  }
  const conditions = options.conditions
    ? Array.from(options.conditions)
    : Array.from({ length: K }, (_, k) => k % C);
  if (conditions.length !== K) {
    throw new TypeError(`${ctx}: \`conditions\` must have ${K} entries: got ${conditions.length}`);
  }
  conditions.forEach((c, k) => {
    if (!Number.isInteger(c) || c < 0 || c >= C) {
      throw new RangeError(
        `${ctx}: \`conditions\` must hold integers in [0, ${C - 1}]: got ${c} at trial ${k}`,
      );
    }
  });
  let inputs = options.inputs;
  if (inputs === undefined) {
    if (dims.nInputs !== C) {
      throw new TypeError(
        `${ctx}: without \`inputs\`, \`nInputs\` must equal \`nConditions\` (one-hot inputs): got ${dims.nInputs} and ${C}`,
      );
    }
    inputs = oneHotInputs(C, T);
  }
  const [ic, it, iu] = inputs.shape;
  if (ic !== C || it !== T || iu !== dims.nInputs) {
    throw new TypeError(
      `${ctx}: \`inputs\` must have shape [${C}, ${T}, ${dims.nInputs}] (conditions, time, inputs): got [${
        inputs.shape.join(", ")
      }]`,
    );
  }
  for (let p = 0; p < inputs.data.length; p++) {
    if (!Number.isFinite(inputs.data[p]!)) {
      throw new RangeError(
        `${ctx}: \`inputs\` must be finite: got ${inputs.data[p]} at flat index ${p}`,
      );
    }
  }
  if (options.outputMean && options.outputMean.length !== N) {
    throw new TypeError(
      `${ctx}: \`outputMean\` must have ${N} entries: got ${options.outputMean.length}`,
    );
  }
  const lay = ltrLayout(dims);
  const theta = new Float64Array(lay.size);
  const rand = mulberry32(seed);
  const g = normalSampler(rand);
  for (let p = 0; p < n * R; p++) {
    const v = g() / Math.sqrt(n);
    theta[lay.columns + p] = v;
    theta[lay.rows + p] = v;
  }
  for (let r = 0; r < R; r++) theta[lay.trialBias + r] = 1;
  for (let p = 0; p < R * dims.nInputs; p++) theta[lay.inputWeights + p] = g();
  for (let p = 0; p < C * R; p++) theta[lay.initialState + p] = rand() - 0.5;
  for (let p = 0; p < N * n; p++) theta[lay.readout + p] = (outputScale * g()) / Math.sqrt(n);
  for (let i = 0; i < N; i++) theta[lay.readoutBias + i] = options.outputMean?.[i] ?? 0;
  return {
    ...dims,
    alpha,
    conditions,
    inputs,
    kernelCholesky: trialKernelCholesky(K, kernel),
    theta,
  };
}
