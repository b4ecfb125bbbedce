/**
 * The Adam optimiser (Kingma & Ba 2015) on a flat parameter vector.
 *
 * @module
 */

/** Options for {@link adam}. */
export interface AdamOptions {
  /** Step size. @default 1e-3 */
  learningRate?: number;
  /** Decay of the first-moment average. @default 0.9 */
  beta1?: number;
  /** Decay of the second-moment average. @default 0.999 */
  beta2?: number;
  /** Added to the root second moment. @default 1e-8 */
  epsilon?: number;
}

/** An Adam optimiser bound to a parameter vector of fixed length. */
export interface Adam {
  /** Apply one update to `theta` (in place) given its gradient. */
  step(theta: Float64Array, grad: Float64Array): void;
  /** Number of steps taken. */
  readonly steps: number;
}

/**
 * Create an Adam optimiser for `size` parameters: moments start at zero and are
 * bias-corrected, `θ ← θ − lr · m̂ / (√v̂ + ε)`.
 *
 * @param size Number of parameters.
 * @param options Step size and decay rates.
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
 * ```
 */
export function adam(size: number, options: AdamOptions = {}): Adam {
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
    throw new RangeError(
      `Cannot create Adam optimiser: \`learningRate\` must be a positive number: got ${learningRate}`,
    );
  }
  for (const [name, b] of [["beta1", beta1], ["beta2", beta2]] as const) {
    if (!(b >= 0 && b < 1)) {
      throw new RangeError(`Cannot create Adam optimiser: \`${name}\` must be in [0, 1): got ${b}`);
    }
  }
  const m = new Float64Array(size), v = new Float64Array(size);
  let t = 0;
  return {
    get steps() {
      return t;
    },
    step(theta: Float64Array, grad: Float64Array): void {
      t++;
      const c1 = 1 / (1 - Math.pow(beta1, t)), c2 = 1 / (1 - Math.pow(beta2, t));
      const b1c = 1 - beta1, b2c = 1 - beta2;
      for (let p = 0; p < size; p++) {
        const gp = grad[p]!;
        const mp = beta1 * m[p]! + b1c * gp;
        const vp = beta2 * v[p]! + b2c * gp * gp;
        m[p] = mp;
        v[p] = vp;
        theta[p] -= (learningRate * mp * c1) / (Math.sqrt(vp * c2) + epsilon);
      }
    },
  };
}
