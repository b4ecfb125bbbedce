/**
 * Observing a low-dimensional latent state through many "neurons": a random
 * linear readout with orthonormal columns, so geometry is preserved exactly.
 *
 * @module
 */

import { mulberry32 } from "../../random.ts";
import { assertInteger } from "../../validate/mod.ts";
import type { ShapedArray } from "../data.ts";
import { mm } from "../dense.ts";
import { haarOrthogonal } from "../orthogonal.ts";

/**
 * Map `[trials, time, latent]` states to `[trials, time, dims]` observations
 * y = Q x with Q [dims, latent] having orthonormal columns (the first `latent`
 * columns of a Haar-random orthogonal matrix).
 *
 * @param X Latent trajectories.
 * @param dims Observed dimensions (≥ latent).
 * @param seed Seed of Q.
 * @returns Observed trajectories.
 *
 * @example Norms are preserved
 * ```ts
 * import { linearReadout } from "./readout.ts";
 * import assert from "node:assert/strict";
 * const Y = linearReadout({ shape: [1, 1, 2], data: new Float64Array([3, 4]) }, 5, 1);
 * let s = 0;
 * for (const v of Y.data) s += v * v;
 * assert.ok(Math.abs(Math.sqrt(s) - 5) < 1e-12);
 * ```
 */
export function linearReadout(X: ShapedArray, dims: number, seed: number): ShapedArray {
  const context = "Cannot read out latent states";
  const latent = X.shape[X.shape.length - 1]!;
  assertInteger(dims, "dims", latent, Infinity, context);
  if (dims === latent) return X;
  const Q = haarOrthogonal(dims, mulberry32(seed), 1);
  const Qk = new Float64Array(dims * latent);
  for (let i = 0; i < dims; i++) {
    for (let j = 0; j < latent; j++) Qk[i * latent + j] = Q[i * dims + j]!;
  }
  const rows = X.data.length / latent;
  const data = mm(X.data, Qk, rows, latent, dims, false, true);
  return { shape: [...X.shape.slice(0, -1), dims], data };
}
