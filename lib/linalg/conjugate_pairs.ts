/**
 * Unpacking of eigenvectors stored the LAPACK `dgeev` way (a complex pair as
 * two real columns), shared by both backends.
 *
 * @module
 */

/**
 * Real and imaginary parts of the eigenvectors from LAPACK's packed storage:
 * a real eigenvalue (wi[j] = 0) has its vector in column j; a pair with
 * wi[j] > 0 has vectors x_j ± i·x_{j+1} in columns j and j + 1.
 *
 * @param x Packed vectors, row-major `[n, n]`.
 * @param wi Imaginary parts of the eigenvalues.
 * @param n Order.
 * @returns `vre`, `vim`, row-major `[n, n]`, one eigenvector per column.
 *
 * @example One conjugate pair
 * ```ts
 * import { expandConjugatePairs } from "./conjugate_pairs.ts";
 * import assert from "node:assert/strict";
 * const { vre, vim } = expandConjugatePairs(new Float64Array([1, 2, 3, 4]), new Float64Array([1, -1]), 2);
 * assert.deepEqual([Array.from(vre), Array.from(vim)], [[1, 1, 3, 3], [2, -2, 4, -4]]);
 * ```
 */
export function expandConjugatePairs(
  x: Float64Array,
  wi: Float64Array,
  n: number,
): { vre: Float64Array; vim: Float64Array } {
  const vre = new Float64Array(n * n), vim = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    if (wi[j] === 0) {
      for (let i = 0; i < n; i++) vre[i * n + j] = x[i * n + j]!;
    } else if (j + 1 < n && wi[j]! > 0) {
      for (let i = 0; i < n; i++) {
        const a = x[i * n + j]!, b = x[i * n + j + 1]!;
        vre[i * n + j] = a;
        vim[i * n + j] = b;
        vre[i * n + j + 1] = a;
        vim[i * n + j + 1] = -b;
      }
      j++;
    }
  }
  return { vre, vim };
}
