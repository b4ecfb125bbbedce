/**
 * The Adam optimiser (Kingma & Ba 2015) over a list of parameter arrays, with
 * bias-corrected moment estimates and optional L2 weight decay added to the
 * gradient (PyTorch's `Adam(weight_decay=…)` convention). Shared by every
 * area that trains a model (the MLP/CNN of `lib/activations`, the RNNs of `lib/rnn`).
 *
 * @module
 */

/** Options for {@link createAdam}. */
export interface AdamOptions {
  /** Step size α. @default 1e-3 */
  learningRate?: number;
  /** Decay of the first-moment estimate. @default 0.9 */
  beta1?: number;
  /** Decay of the second-moment estimate. @default 0.999 */
  beta2?: number;
  /** Added to √v̂ in the denominator. @default 1e-8 */
  epsilon?: number;
  /** L2 coefficient added to each gradient as `weightDecay · θ`. @default 0 */
  weightDecay?: number;
}

/** Optimiser state: one first/second-moment buffer per parameter array. */
export interface AdamState {
  /** Resolved hyper-parameters. */
  readonly options: Required<AdamOptions>;
  /** First-moment estimates. */
  readonly m: Float64Array[];
  /** Second-moment estimates. */
  readonly v: Float64Array[];
  /** Steps taken so far. */
  step: number;
}

/**
 * Zero-initialised Adam state for parameters of the given sizes.
 *
 * @param sizes Length of each parameter array.
 * @param options Hyper-parameters.
 * @returns The state.
 *
 * @example
 * ```ts
 * import { createAdam } from "./adam.ts";
 * import assert from "node:assert/strict";
 * const s = createAdam([3, 2]);
 * assert.equal(s.m[1]!.length, 2);
 * assert.equal(s.options.learningRate, 1e-3);
 * ```
 */
export function createAdam(sizes: readonly number[], options: AdamOptions = {}): AdamState {
  const {
    learningRate = 1e-3,
    beta1 = 0.9,
    beta2 = 0.999,
    epsilon = 1e-8,
    weightDecay = 0,
  } = options;
  const ctx = "Cannot create Adam optimiser";
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
    throw new RangeError(`${ctx}: \`learningRate\` must be a positive number: got ${learningRate}`);
  }
  for (const [name, b] of [["beta1", beta1], ["beta2", beta2]] as const) {
    if (!(b >= 0 && b < 1)) throw new RangeError(`${ctx}: \`${name}\` must be in [0, 1): got ${b}`);
  }
  if (!(epsilon > 0)) throw new RangeError(`${ctx}: \`epsilon\` must be > 0: got ${epsilon}`);
  if (!(weightDecay >= 0)) {
    throw new RangeError(`${ctx}: \`weightDecay\` must be >= 0: got ${weightDecay}`);
  }
  return {
    options: { learningRate, beta1, beta2, epsilon, weightDecay },
    m: sizes.map((n) => new Float64Array(n)),
    v: sizes.map((n) => new Float64Array(n)),
    step: 0,
  };
}

/**
 * One Adam update, in place on `params` and on the state (the optimiser owns
 * both; callers pass the model's own parameter buffers).
 *
 * @param state State from {@link createAdam}.
 * @param params Parameter arrays, updated in place.
 * @param grads Gradients, same shapes as `params`.
 * @returns Nothing: `params` and `state` are updated in place.
 *
 * @example The first step moves each parameter by about the learning rate
 * ```ts
 * import { adamStep, createAdam } from "./adam.ts";
 * import assert from "node:assert/strict";
 * const theta = new Float64Array([1, 1]);
 * const s = createAdam([2], { learningRate: 0.1 });
 * adamStep(s, [theta], [new Float64Array([5, -0.01])]);
 * assert.ok(Math.abs(theta[0]! - 0.9) < 1e-6 && Math.abs(theta[1]! - 1.1) < 1e-4);
 * ```
 */
export function adamStep(
  state: AdamState,
  params: readonly Float64Array[],
  grads: readonly Float64Array[],
): void {
  const { learningRate, beta1, beta2, epsilon, weightDecay } = state.options;
  state.step++;
  const c1 = 1 - Math.pow(beta1, state.step), c2 = 1 - Math.pow(beta2, state.step);
  const stepSize = learningRate / c1, invSqrtC2 = 1 / Math.sqrt(c2);
  for (let k = 0; k < params.length; k++) {
    const p = params[k]!, g = grads[k]!, m = state.m[k]!, v = state.v[k]!;
    for (let j = 0; j < p.length; j++) {
      const gj = weightDecay === 0 ? g[j]! : g[j]! + weightDecay * p[j]!;
      const mj = beta1 * m[j]! + (1 - beta1) * gj;
      const vj = beta2 * v[j]! + (1 - beta2) * gj * gj;
      m[j] = mj;
      v[j] = vj;
      p[j]! -= stepSize * mj / (Math.sqrt(vj) * invSqrtC2 + epsilon);
    }
  }
}

/** An Adam optimiser bound to one flat parameter vector (see {@link adam}). */
export interface Adam {
  /** Apply one update to `theta` (in place) given its gradient. */
  step(theta: Float64Array, grad: Float64Array): void;
  /** Number of steps taken. */
  readonly steps: number;
}

/**
 * Adam on a single flat parameter vector of `size` entries: a convenience
 * wrapper over {@link createAdam} and {@link adamStep}.
 *
 * @param size Number of parameters.
 * @param options Hyper-parameters.
 * @returns The optimiser.
 *
 * @example The first step moves every parameter by the learning rate
 * ```ts
 * import { adam } from "./adam.ts";
 * import assert from "node:assert/strict";
 * const opt = adam(2, { learningRate: 0.1 });
 * const theta = new Float64Array([1, 1]);
 * opt.step(theta, new Float64Array([3, -0.5]));
 * assert.ok(Math.abs(theta[0]! - 0.9) < 1e-7 && Math.abs(theta[1]! - 1.1) < 1e-7);
 * assert.equal(opt.steps, 1);
 * ```
 */
export function adam(size: number, options: AdamOptions = {}): Adam {
  const state = createAdam([size], options);
  return {
    get steps() {
      return state.step;
    },
    step(theta: Float64Array, grad: Float64Array): void {
      adamStep(state, [theta], [grad]);
    },
  };
}
