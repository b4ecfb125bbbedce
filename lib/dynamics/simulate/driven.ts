/**
 * Input-driven linear state-space systems: x_{t+1} = A x_t + B u_t + w_t,
 * y_t = C x_t + D u_t + v_t, with Gaussian process noise w and observation
 * noise v, driven by given inputs (test data for subspace DMDc and InputDSA).
 *
 * @module
 */

import { asMatrix, type MatrixLike } from "../../linalg/matrix.ts";
import { mulberry32, normalSampler } from "../../random.ts";
import { assertInRange } from "../../validate/mod.ts";
import { asTrials, type ShapedArray, type TimeSeriesLike } from "../data.ts";
import { checkOptions } from "../../validate/options.ts";
import { DRIVEN_OPTIONS } from "../option_kinds.ts";

/** A linear state-space system; C defaults to the identity (the state is observed), D to zero. */
export interface StateSpaceSystem {
  /** State operator [n, n]. */
  A: MatrixLike;
  /** Input operator [n, inputs]. */
  B: MatrixLike;
  /** Readout [outputs, n]. @default identity */
  C?: MatrixLike;
  /** Feedthrough [outputs, inputs]. @default zeros */
  D?: MatrixLike;
}

/** Options for {@link simulateDriven}. */
export interface DrivenSimulateOptions {
  /** Standard deviation of the state innovation w_t. @default 0 */
  processNoise?: number;
  /** Standard deviation of the observation noise v_t. @default 0 */
  observationNoise?: number;
  /** Initial states x₀ ~ N(0, initialScale² I) per trial. @default 0 */
  initialScale?: number;
  /** Seed of the noise. @default 0 */
  seed?: number;
}

/**
 * Simulate the outputs of a state-space system driven by inputs `U`.
 *
 * @param system `{A, B, C?, D?}`.
 * @param U Inputs `[time, inputs]` or `[trials, time, inputs]`.
 * @param options Noise levels, initial state scale, seed.
 * @returns Outputs `y_t`, `[trials, time, outputs]` (or `[time, outputs]` for 2-D `U`).
 *
 * @example An integrator with C = 1
 * ```ts
 * import { simulateDriven } from "./driven.ts";
 * import assert from "node:assert/strict";
 * const Y = simulateDriven({ A: [[1]], B: [[1]] }, [[1], [1], [1]]);
 * assert.deepEqual(Array.from(Y.data), [0, 1, 2]);
 * ```
 */
export function simulateDriven(
  system: StateSpaceSystem,
  U: TimeSeriesLike,
  options: DrivenSimulateOptions = {},
): ShapedArray {
  const context = "Cannot simulate driven system";
  checkOptions(options, DRIVEN_OPTIONS, context);
  const { processNoise = 0, observationNoise = 0, initialScale = 0, seed = 0 } = options;
  assertInRange(processNoise, "processNoise", 0, Infinity, context);
  assertInRange(observationNoise, "observationNoise", 0, Infinity, context);
  assertInRange(initialScale, "initialScale", 0, Infinity, context);
  const A = asMatrix(system.A, "A", { context }), B = asMatrix(system.B, "B", { context });
  const n = A.rows;
  if (A.cols !== n || B.rows !== n) {
    throw new TypeError(
      `${context}: \`A\` must be square and \`B\` must have as many rows: got shapes [${A.rows}, ${A.cols}] and [${B.rows}, ${B.cols}]`,
    );
  }
  const m = B.cols;
  const eye = {
    rows: n,
    cols: n,
    data: new Float64Array(n * n).map((_, k) => k % (n + 1) ? 0 : 1),
  };
  const C = system.C === undefined ? eye : asMatrix(system.C, "C", { context });
  const q = C.rows;
  const D = system.D === undefined
    ? { rows: q, cols: m, data: new Float64Array(q * m) }
    : asMatrix(system.D, "D", { context });
  if (C.cols !== n || D.rows !== q || D.cols !== m) {
    throw new TypeError(
      `${context}: \`C\` must be [outputs, ${n}] and \`D\` [outputs, ${m}]: got shapes [${C.rows}, ${C.cols}] and [${D.rows}, ${D.cols}]`,
    );
  }
  const us = asTrials(U, "U", context);
  if (us.dims !== m) {
    throw new TypeError(
      `${context}: \`U\` must have ${m} input channels (the columns of \`B\`): got ${us.dims}`,
    );
  }
  const g = normalSampler(mulberry32(seed));
  const total = us.data.length / m;
  const out = new Float64Array(total * q);
  const x = new Float64Array(n), next = new Float64Array(n);
  let row = 0;
  for (const T of us.lengths) {
    for (let i = 0; i < n; i++) x[i] = initialScale > 0 ? initialScale * g() : 0;
    for (let t = 0; t < T; t++, row++) {
      const u = us.data.subarray(row * m, (row + 1) * m);
      for (let i = 0; i < q; i++) {
        let s = observationNoise > 0 ? observationNoise * g() : 0;
        for (let j = 0; j < n; j++) s += C.data[i * n + j]! * x[j]!;
        for (let j = 0; j < m; j++) s += D.data[i * m + j]! * u[j]!;
        out[row * q + i] = s;
      }
      for (let i = 0; i < n; i++) {
        let s = processNoise > 0 ? processNoise * g() : 0;
        for (let j = 0; j < n; j++) s += A.data[i * n + j]! * x[j]!;
        for (let j = 0; j < m; j++) s += B.data[i * m + j]! * u[j]!;
        next[i] = s;
      }
      x.set(next);
    }
  }
  const equal = us.lengths.every((T) => T === us.lengths[0]);
  const shape = us.batched && equal ? [us.lengths.length, us.lengths[0]!, q] : [total, q];
  return { shape, data: out };
}
