/**
 * Householder reflectors H = I − τ·v·vᵀ (v₀ = 1) and their application to
 * blocks of row-major arrays, row by row so that every loop is contiguous.
 *
 * Reference: Golub & Van Loan, Matrix Computations (4th ed.), §5.1.
 *
 * @module
 */

import { norm2 } from "./util.ts";

/**
 * Turn x = (x[off], x[off + stride], …) (length `len`) into a reflector in place:
 * afterwards x[off] holds β and the other entries hold v₁…, so that
 * (I − τ v vᵀ)·x_original = β·e₁ with v₀ = 1. |β| = ‖x‖₂ and β has the sign
 * opposite to x₀ (no cancellation). Returns τ (0 when x₁… are already zero).
 *
 * @param x Storage.
 * @param off Offset of x₀.
 * @param len Length of x.
 * @param stride Step between entries.
 * @returns τ ∈ [0, 2].
 *
 * @example Reflect (3, 4) onto the first axis
 * ```ts
 * import { makeReflector } from "./householder.ts";
 * import assert from "node:assert/strict";
 * const x = new Float64Array([3, 4]);
 * const tau = makeReflector(x, 0, 2, 1);
 * assert.equal(x[0], -5);
 * assert.ok(Math.abs(tau - 1.6) < 1e-15 && Math.abs(x[1]! - 0.5) < 1e-15);
 * ```
 */
export function makeReflector(x: Float64Array, off: number, len: number, stride: number): number {
  if (len <= 1) return 0;
  const alpha = x[off]!;
  const xnorm = norm2(x, off + stride, len - 1, stride);
  if (xnorm === 0) return 0;
  const beta = alpha >= 0 ? -Math.hypot(alpha, xnorm) : Math.hypot(alpha, xnorm);
  const tau = (beta - alpha) / beta;
  const denom = alpha - beta;
  for (let i = 1, p = off + stride; i < len; i++, p += stride) x[p] = x[p]! / denom;
  x[off] = beta;
  return tau;
}

/**
 * Copy a reflector vector (v₀ = 1, then the stored entries) into `v` (contiguous).
 *
 * @param x Storage holding v₁… after {@link makeReflector}.
 * @param off Offset of x₀ (β).
 * @param len Length of v.
 * @param stride Step between entries.
 * @param v Destination, length ≥ `len`.
 *
 * @example
 * ```ts
 * import { readReflector } from "./householder.ts";
 * import assert from "node:assert/strict";
 * const v = new Float64Array(2);
 * readReflector(new Float64Array([-5, 0.5]), 0, 2, 1, v);
 * assert.deepEqual(Array.from(v), [1, 0.5]);
 * ```
 */
export function readReflector(
  x: Float64Array,
  off: number,
  len: number,
  stride: number,
  v: Float64Array,
): void {
  v[0] = 1;
  for (let i = 1, p = off + stride; i < len; i++, p += stride) v[i] = x[p]!;
}

/**
 * M ← (I − τ v vᵀ)·M on rows r0…r0+len−1 and columns c0…c1−1 of a row-major
 * array with row length `ld`. Work vector `w` needs length ≥ c1.
 *
 * @param M Row-major storage.
 * @param ld Row length.
 * @param r0 First row.
 * @param len Number of rows (= length of v).
 * @param c0 First column.
 * @param c1 One past the last column.
 * @param v Reflector vector (contiguous, v₀ = 1).
 * @param tau Reflector scale.
 * @param w Work array.
 *
 * @example Reflect the rows of I
 * ```ts
 * import { applyLeft } from "./householder.ts";
 * import assert from "node:assert/strict";
 * const M = new Float64Array([1, 0, 0, 1]);
 * applyLeft(M, 2, 0, 2, 0, 2, new Float64Array([1, 1]), 1, new Float64Array(2));
 * assert.deepEqual(Array.from(M), [0, -1, -1, 0]);
 * ```
 */
export function applyLeft(
  M: Float64Array,
  ld: number,
  r0: number,
  len: number,
  c0: number,
  c1: number,
  v: Float64Array,
  tau: number,
  w: Float64Array,
): void {
  if (tau === 0 || c1 <= c0) return;
  for (let j = c0; j < c1; j++) w[j] = 0;
  for (let i = 0; i < len; i++) {
    const vi = v[i]!;
    const o = (r0 + i) * ld;
    for (let j = c0; j < c1; j++) w[j] += vi * M[o + j]!;
  }
  for (let i = 0; i < len; i++) {
    const f = tau * v[i]!;
    const o = (r0 + i) * ld;
    for (let j = c0; j < c1; j++) M[o + j] -= f * w[j]!;
  }
}

/**
 * M ← M·(I − τ v vᵀ) on rows r0…r1−1 and columns c0…c0+len−1 of a row-major
 * array with row length `ld`.
 *
 * @param M Row-major storage.
 * @param ld Row length.
 * @param r0 First row.
 * @param r1 One past the last row.
 * @param c0 First column.
 * @param len Number of columns (= length of v).
 * @param v Reflector vector (contiguous, v₀ = 1).
 * @param tau Reflector scale.
 *
 * @example Reflect the columns of I
 * ```ts
 * import { applyRight } from "./householder.ts";
 * import assert from "node:assert/strict";
 * const M = new Float64Array([1, 0, 0, 1]);
 * applyRight(M, 2, 0, 2, 0, 2, new Float64Array([1, 1]), 1);
 * assert.deepEqual(Array.from(M), [0, -1, -1, 0]);
 * ```
 */
export function applyRight(
  M: Float64Array,
  ld: number,
  r0: number,
  r1: number,
  c0: number,
  len: number,
  v: Float64Array,
  tau: number,
): void {
  if (tau === 0) return;
  for (let i = r0; i < r1; i++) {
    const o = i * ld + c0;
    let s = 0;
    for (let j = 0; j < len; j++) s += M[o + j]! * v[j]!;
    s *= tau;
    for (let j = 0; j < len; j++) M[o + j] -= s * v[j]!;
  }
}
