/**
 * Smooth nonlinear deformations of state space with adjustable strength: a
 * composition of shears in random orthonormal frames,
 * x ← Qₗᵀ S(Qₗ x) with S(z)₁ = z₁ + s·sin(ω z₂ + φₗ) and other coordinates
 * unchanged. Each shear is a diffeomorphism for every strength s (its inverse
 * subtracts the same term), so deformed trajectories have topologically
 * conjugate dynamics while their geometry changes.
 *
 * @module
 */

import { mulberry32 } from "../../random.ts";
import { assertInteger } from "../../validate/mod.ts";
import { asTrials, type ShapedArray, type TimeSeriesLike, toInputLayout } from "../data.ts";
import type { Matrix } from "../../linalg/matrix.ts";
import { haarOrthogonal } from "../orthogonal.ts";
import { checkOptions } from "../../validate/options.ts";
import { DEFORM_OPTIONS } from "../option_kinds.ts";

/** Options for {@link deformStateSpace}. */
export interface DeformOptions {
  /** Strength s (0 = identity). @default 0.5 */
  strength?: number;
  /** Number of shear layers. @default 3 */
  layers?: number;
  /** Spatial frequency ω of the shears. @default 1 */
  frequency?: number;
  /** Seed of the frames and phases. @default 0 */
  seed?: number;
}

/**
 * Apply a smooth invertible deformation to every sample of a data set.
 *
 * @param X Data `[time, dims]`, `[trials, time, dims]` or a list of trials (dims ≥ 2).
 * @param options Strength, layers, frequency, seed.
 * @returns Deformed data in the input's layout.
 *
 * @example Strength 0 is the identity; the same seed gives the same map
 * ```ts
 * import { deformStateSpace } from "./deform.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0, 1], [0.5, 0.5]];
 * const same = deformStateSpace(X, { strength: 0 }) as { data: Float64Array };
 * assert.ok(Math.abs(same.data[2]! - 0) < 1e-15);
 * const a = deformStateSpace(X, { strength: 1, seed: 4 }) as { data: Float64Array };
 * const b = deformStateSpace(X, { strength: 1, seed: 4 }) as { data: Float64Array };
 * assert.deepEqual(a.data, b.data);
 * ```
 */
export function deformStateSpace(
  X: TimeSeriesLike,
  options: DeformOptions = {},
): Matrix | ShapedArray | Matrix[] {
  const context = "Cannot deform state space";
  checkOptions(options, DEFORM_OPTIONS, context);
  const { strength = 0.5, layers = 3, frequency = 1, seed = 0 } = options;
  if (!Number.isFinite(strength)) {
    throw new RangeError(`${context}: \`strength\` must be finite: got ${strength}`);
  }
  if (!Number.isFinite(frequency)) {
    throw new RangeError(`${context}: \`frequency\` must be finite: got ${frequency}`);
  }
  assertInteger(layers, "layers", 1, Infinity, context);
  const trials = asTrials(X, "X", context);
  const N = trials.dims;
  if (N < 2) throw new RangeError(`${context}: \`X\` must have at least 2 dims: got ${N}`);
  const rand = mulberry32(seed);
  const frames = Array.from(
    { length: layers },
    () => ({ Q: haarOrthogonal(N, rand, 1), phase: 2 * Math.PI * rand() }),
  );
  const out = new Float64Array(trials.data.length);
  const z = new Float64Array(N), x = new Float64Array(N);
  for (let r = 0; r < out.length / N; r++) {
    for (let j = 0; j < N; j++) x[j] = trials.data[r * N + j]!;
    for (const { Q, phase } of frames) {
      for (let i = 0; i < N; i++) {
        let s = 0;
        for (let j = 0; j < N; j++) s += Q[i * N + j]! * x[j]!;
        z[i] = s;
      }
      z[0] += strength * Math.sin(frequency * z[1]! + phase);
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let i = 0; i < N; i++) s += Q[i * N + j]! * z[i]!;
        x[j] = s;
      }
    }
    for (let j = 0; j < N; j++) out[r * N + j] = x[j]!;
  }
  return toInputLayout(trials, out, N);
}
