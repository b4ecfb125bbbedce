/**
 * Cholesky factorisation A = L·Lᵀ (row-oriented Cholesky–Crout form:
 * each entry of L is a dot product of two contiguous rows; rows are computed
 * four at a time so each row of L already computed is read once for all four).
 *
 * @module
 */

import type { Matrix } from "../matrix.ts";

/** Dot product of a[i0 … i0+len−1] and a[j0 … j0+len−1] with four accumulators. */
function dotRows(a: Float64Array, i0: number, j0: number, len: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let p = 0;
  for (; p + 3 < len; p += 4) {
    s0 += a[i0 + p]! * a[j0 + p]!;
    s1 += a[i0 + p + 1]! * a[j0 + p + 1]!;
    s2 += a[i0 + p + 2]! * a[j0 + p + 2]!;
    s3 += a[i0 + p + 3]! * a[j0 + p + 3]!;
  }
  for (; p < len; p++) s0 += a[i0 + p]! * a[j0 + p]!;
  return (s0 + s1) + (s2 + s3);
}

/**
 * Lower Cholesky factor of a symmetric matrix, reading only its lower triangle.
 * Returns `null` as soon as a pivot is not positive (or is NaN), i.e. when A is
 * not positive definite, like LAPACK's `dpotrf` reporting `info > 0`.
 *
 * @param A Square matrix [n, n].
 * @param out Optional array of length n² (not A's data) to write L into.
 * @returns L [n, n] with zeros above the diagonal, or `null`.
 *
 * @example
 * ```ts
 * import { cholesky } from "./cholesky.ts";
 * import assert from "node:assert/strict";
 * const L = cholesky({ rows: 2, cols: 2, data: new Float64Array([4, 2, 2, 5]) });
 * assert.deepEqual(Array.from(L!.data), [2, 0, 1, 2]);
 * assert.equal(cholesky({ rows: 1, cols: 1, data: new Float64Array([-1]) }), null);
 * ```
 */
export function cholesky(A: Matrix, out?: Float64Array): Matrix | null {
  const n = A.rows;
  const src = A.data;
  if (out && (out.length !== n * n || out === src)) {
    throw new RangeError(
      `Cannot compute Cholesky factor: \`out\` must be a separate array of length ${n * n}: got ${
        out === src ? "the input's own data" : `length ${out.length}`
      }`,
    );
  }
  const l = out ? out.fill(0) : new Float64Array(n * n);
  let i0 = 0;
  // four rows at a time: each loaded row of L feeds four dot products
  for (; i0 + 3 < n; i0 += 4) {
    const o0 = i0 * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    for (let j = 0; j < i0; j++) {
      const oj = j * n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < j; p++) {
        const ljp = l[oj + p]!;
        s0 += l[o0 + p]! * ljp;
        s1 += l[o1 + p]! * ljp;
        s2 += l[o2 + p]! * ljp;
        s3 += l[o3 + p]! * ljp;
      }
      const d = l[oj + j]!;
      l[o0 + j] = (src[o0 + j]! - s0) / d;
      l[o1 + j] = (src[o1 + j]! - s1) / d;
      l[o2 + j] = (src[o2 + j]! - s2) / d;
      l[o3 + j] = (src[o3 + j]! - s3) / d;
    }
    for (let i = i0; i < i0 + 4; i++) if (!finishRow(src, l, n, i, i0)) return null;
  }
  for (; i0 < n; i0++) if (!finishRow(src, l, n, i0, 0)) return null;
  return { rows: n, cols: n, data: l };
}

/** Entries j0…i of row i of L (those before j0 are done); false when the pivot is not positive. */
function finishRow(src: Float64Array, l: Float64Array, n: number, i: number, j0: number): boolean {
  const oi = i * n;
  for (let j = j0; j < i; j++) {
    const oj = j * n;
    l[oi + j] = (src[oi + j]! - dotRows(l, oi, oj, j)) / l[oj + j]!;
  }
  const s = src[oi + i]! - dotRows(l, oi, oi, i);
  if (!(s > 0)) return false;
  l[oi + i] = Math.sqrt(s);
  return true;
}
