/**
 * Linear dynamical systems: random stable operators, their orthogonal
 * conjugates (the same dynamics in a rotated or reflected basis), and seeded
 * simulation x_{t+1} = A x_t + noise.
 *
 * @module
 */

import { eig } from "../../linalg/eig.ts";
import { asMatrix, type Matrix, type MatrixLike } from "../../linalg/matrix.ts";
import { mulberry32, normalSampler } from "../../random.ts";
import { assertInteger } from "../../validate/mod.ts";
import type { ShapedArray } from "../data.ts";
import { mm } from "../dense.ts";
import { haarOrthogonal } from "../orthogonal.ts";
import { checkOptions } from "../../validate/options.ts";
import {
  CONJUGATE_OPTIONS,
  LINEAR_SIMULATE_OPTIONS,
  RANDOM_STABLE_OPTIONS,
} from "../option_kinds.ts";

/** Options for {@link randomStableMatrix}. */
export interface RandomStableOptions {
  /** Largest eigenvalue modulus after scaling. @default 0.95 */
  spectralRadius?: number;
  /** Seed. @default 0 */
  seed?: number;
}

/**
 * A random n×n Gaussian matrix rescaled to a given spectral radius (stable for
 * radius < 1 as a discrete-time system).
 *
 * @param n Order.
 * @param options Radius and seed.
 * @returns The matrix.
 *
 * @example
 * ```ts
 * import { randomStableMatrix } from "./linear.ts";
 * import { eig } from "../../linalg/eig.ts";
 * import assert from "node:assert/strict";
 * const e = eig(randomStableMatrix(5, { spectralRadius: 0.9, seed: 3 }));
 * assert.ok(Math.abs(Math.hypot(e.re[0]!, e.im[0]!) - 0.9) < 1e-12);
 * ```
 */
export function randomStableMatrix(n: number, options: RandomStableOptions = {}): Matrix {
  const context = "Cannot make random stable matrix";
  checkOptions(options, RANDOM_STABLE_OPTIONS, context);
  const { spectralRadius = 0.95, seed = 0 } = options;
  assertInteger(n, "n", 1, Infinity, context);
  if (!Number.isFinite(spectralRadius) || spectralRadius <= 0) {
    throw new RangeError(
      `${context}: \`spectralRadius\` must be a finite number > 0: got ${spectralRadius}`,
    );
  }
  const g = normalSampler(mulberry32(seed));
  const data = new Float64Array(n * n);
  for (let k = 0; k < data.length; k++) data[k] = g();
  const e = eig({ rows: n, cols: n, data });
  const rho = Math.hypot(e.re[0]!, e.im[0]!);
  for (let k = 0; k < data.length; k++) data[k] *= spectralRadius / rho;
  return { rows: n, cols: n, data };
}

/** Options for {@link orthogonalConjugate}. */
export interface ConjugateOptions {
  /** det Q: +1 (rotation) or −1 (improper). @default 1 */
  determinant?: 1 | -1;
  /** Seed of the Haar-random Q. @default 0 */
  seed?: number;
}

/**
 * The orthogonal conjugate Q A Qᵀ for a Haar-random Q of the requested
 * determinant: the same linear dynamics in another orthonormal basis (its DSA
 * distance to A is zero).
 *
 * @param A Square matrix [n, n].
 * @param options Determinant sign and seed.
 * @returns `{A: QAQᵀ, Q}`.
 *
 * @example Same eigenvalues
 * ```ts
 * import { orthogonalConjugate, randomStableMatrix } from "./linear.ts";
 * import { eig } from "../../linalg/eig.ts";
 * import assert from "node:assert/strict";
 * const A = randomStableMatrix(4, { seed: 1 });
 * const { A: B } = orthogonalConjugate(A, { determinant: -1, seed: 2 });
 * assert.ok(Math.abs(eig(A).re[0]! - eig(B).re[0]!) < 1e-12);
 * ```
 */
export function orthogonalConjugate(
  A: MatrixLike,
  options: ConjugateOptions = {},
): { A: Matrix; Q: Matrix } {
  const context = "Cannot conjugate matrix";
  checkOptions(options, CONJUGATE_OPTIONS, context);
  const { determinant = 1, seed = 0 } = options;
  const a = asMatrix(A, "A", { context });
  if (a.rows !== a.cols) {
    throw new TypeError(`${context}: \`A\` must be square: got shape [${a.rows}, ${a.cols}]`);
  }
  if (determinant !== 1 && determinant !== -1) {
    throw new RangeError(`${context}: \`determinant\` must be 1 or -1: got ${determinant}`);
  }
  const n = a.rows;
  const Q = haarOrthogonal(n, mulberry32(seed), determinant);
  const B = mm(mm(Q, a.data, n, n, n), Q, n, n, n, false, true);
  return { A: { rows: n, cols: n, data: B }, Q: { rows: n, cols: n, data: Q } };
}

/** Options for {@link simulateLinear}. */
export interface LinearSimulateOptions {
  /** Samples per trial. @default 500 */
  steps?: number;
  /** Trials. @default 1 */
  trials?: number;
  /** Standard deviation of the Gaussian innovation added at each step. @default 0 */
  processNoise?: number;
  /** Standard deviation of additive observation noise. @default 0 */
  observationNoise?: number;
  /** Initial states x₀ ~ N(0, initialScale² I). @default 1 */
  initialScale?: number;
  /** Seed. @default 0 */
  seed?: number;
}

/**
 * Simulate x_{t+1} = A x_t + σ ε_t (discrete time) for several trials.
 *
 * @param A Transition matrix [n, n].
 * @param options Length, trials, noise, seed.
 * @returns `{shape: [trials, steps, n], data}`.
 *
 * @example Noiseless trajectories follow A exactly
 * ```ts
 * import { simulateLinear } from "./linear.ts";
 * import assert from "node:assert/strict";
 * const X = simulateLinear([[0.5]], { steps: 3, seed: 1 });
 * assert.ok(Math.abs(X.data[2]! - 0.25 * X.data[0]!) < 1e-15);
 * ```
 */
export function simulateLinear(A: MatrixLike, options: LinearSimulateOptions = {}): ShapedArray {
  const context = "Cannot simulate linear system";
  checkOptions(options, LINEAR_SIMULATE_OPTIONS, context);
  const {
    steps = 500,
    trials = 1,
    processNoise = 0,
    observationNoise = 0,
    initialScale = 1,
    seed = 0,
  } = options;
  const a = asMatrix(A, "A", { context });
  if (a.rows !== a.cols) {
    throw new TypeError(`${context}: \`A\` must be square: got shape [${a.rows}, ${a.cols}]`);
  }
  assertInteger(steps, "steps", 1, Infinity, context);
  assertInteger(trials, "trials", 1, Infinity, context);
  for (
    const [name, v] of [["processNoise", processNoise], ["observationNoise", observationNoise], [
      "initialScale",
      initialScale,
    ]] as const
  ) {
    if (!Number.isFinite(v) || v < 0) {
      throw new RangeError(`${context}: \`${name}\` must be a finite number >= 0: got ${v}`);
    }
  }
  const n = a.rows;
  const g = normalSampler(mulberry32(seed));
  const data = new Float64Array(trials * steps * n);
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let tr = 0; tr < trials; tr++) {
    for (let i = 0; i < n; i++) x[i] = initialScale * g();
    for (let t = 0; t < steps; t++) {
      const o = (tr * steps + t) * n;
      for (let i = 0; i < n; i++) {
        data[o + i] = x[i]! + (observationNoise > 0 ? observationNoise * g() : 0);
      }
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a.data[i * n + j]! * x[j]!;
        y[i] = s + (processNoise > 0 ? processNoise * g() : 0);
      }
      x.set(y);
    }
  }
  return { shape: [trials, steps, n], data };
}
