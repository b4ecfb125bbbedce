/**
 * Matrix product op(A)·op(B) in pure TypeScript.
 *
 * The kernel streams rows (i-k-j order): four rows of C are updated together
 * from two rows of op(B) at a time, so every loaded entry of B feeds eight
 * multiply-adds. The k and j loops are blocked so the active panel of B stays
 * in cache. op(A) is read in place through strides (no transpose is formed);
 * op(B) = Bᵀ is transposed once into row-major order, except when C has only a
 * few rows, where dot products of contiguous rows are used instead.
 *
 * @module
 */

import type { Matrix } from "../matrix.ts";
import { transposeData } from "./util.ts";

/** Depth of a k block (rows of the B panel). */
const KC = 128;
/** Width of a j block (columns of the B panel). */
const NC = 256;

/**
 * C += Ã·B for a row-major B [k, n] and C [m, n], where Ã[i, p] = a[i·rs + p·cs]
 * (rs, cs = k, 1 reads A, and 1, m reads Aᵀ of a row-major A [k, m]). Rows of
 * B and C may be longer than n (leading dimensions `ldb`, `ldc`), so blocks of
 * larger arrays can be used through `subarray` views.
 *
 * @param a Storage of the left factor.
 * @param rs Step between rows of Ã in `a`.
 * @param cs Step between columns of Ã in `a`.
 * @param b Row-major right factor [k, n].
 * @param c Row-major output [m, n], accumulated into.
 * @param m Rows of C.
 * @param k Inner dimension.
 * @param n Columns of C.
 * @param ldb Row length of `b` (default n).
 * @param ldc Row length of `c` (default n).
 *
 * @example Accumulate a 2×2 product
 * ```ts
 * import { gemmKernel } from "./gemm.ts";
 * import assert from "node:assert/strict";
 * const c = new Float64Array(4);
 * gemmKernel(new Float64Array([1, 2, 3, 4]), 2, 1, new Float64Array([1, 0, 0, 1]), c, 2, 2, 2);
 * assert.deepEqual(Array.from(c), [1, 2, 3, 4]);
 * ```
 */
export function gemmKernel(
  a: Float64Array,
  rs: number,
  cs: number,
  b: Float64Array,
  c: Float64Array,
  m: number,
  k: number,
  n: number,
  ldb: number = n,
  ldc: number = n,
): void {
  for (let j0 = 0; j0 < n; j0 += NC) {
    const j1 = Math.min(n, j0 + NC);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const p1 = Math.min(k, p0 + KC);
      let i = 0;
      for (; i + 3 < m; i += 4) {
        const c0 = i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        const r0 = i * rs, r1 = r0 + rs, r2 = r1 + rs, r3 = r2 + rs;
        let p = p0;
        for (; p + 1 < p1; p += 2) {
          const q0 = p * cs, q1 = q0 + cs;
          const a0 = a[r0 + q0]!, a1 = a[r1 + q0]!, a2 = a[r2 + q0]!, a3 = a[r3 + q0]!;
          const e0 = a[r0 + q1]!, e1 = a[r1 + q1]!, e2 = a[r2 + q1]!, e3 = a[r3 + q1]!;
          const bp = p * ldb, bq = bp + ldb;
          for (let j = j0; j < j1; j++) {
            const u = b[bp + j]!, w = b[bq + j]!;
            c[c0 + j] += a0 * u + e0 * w;
            c[c1 + j] += a1 * u + e1 * w;
            c[c2 + j] += a2 * u + e2 * w;
            c[c3 + j] += a3 * u + e3 * w;
          }
        }
        if (p < p1) {
          const q0 = p * cs;
          const a0 = a[r0 + q0]!, a1 = a[r1 + q0]!, a2 = a[r2 + q0]!, a3 = a[r3 + q0]!;
          const bp = p * ldb;
          for (let j = j0; j < j1; j++) {
            const u = b[bp + j]!;
            c[c0 + j] += a0 * u;
            c[c1 + j] += a1 * u;
            c[c2 + j] += a2 * u;
            c[c3 + j] += a3 * u;
          }
        }
      }
      for (; i < m; i++) {
        const c0 = i * ldc, r0 = i * rs;
        for (let p = p0; p < p1; p++) {
          const a0 = a[r0 + p * cs]!;
          const bp = p * ldb;
          for (let j = j0; j < j1; j++) c[c0 + j] += a0 * b[bp + j]!;
        }
      }
    }
  }
}

/** C [m, n] = Ã·Bᵀ for a row-major B [n, k] by dot products of contiguous rows. */
function gemmDotRows(
  a: Float64Array,
  rs: number,
  cs: number,
  b: Float64Array,
  c: Float64Array,
  m: number,
  k: number,
  n: number,
): void {
  const row = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) row[p] = a[i * rs + p * cs]!;
    for (let j = 0; j < n; j++) {
      const o = j * k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let p = 0;
      for (; p + 3 < k; p += 4) {
        s0 += row[p]! * b[o + p]!;
        s1 += row[p + 1]! * b[o + p + 1]!;
        s2 += row[p + 2]! * b[o + p + 2]!;
        s3 += row[p + 3]! * b[o + p + 3]!;
      }
      for (; p < k; p++) s0 += row[p]! * b[o + p]!;
      c[i * n + j] = (s0 + s1) + (s2 + s3);
    }
  }
}

/**
 * The product op(A)·op(B), where op transposes when the flag is set.
 * Shapes are assumed compatible (checked by the public `matmul`).
 *
 * @param A Left factor, [m, k] (or [k, m] when `transA`).
 * @param B Right factor, [k, n] (or [n, k] when `transB`).
 * @param transA Use Aᵀ.
 * @param transB Use Bᵀ.
 * @param out Where to write C (length m·n, overwritten); a fresh array when
 * undefined.
 * @returns C [m, n] (its `data` is `out` when given).
 *
 * @example AᵀB
 * ```ts
 * import { gemm } from "./gemm.ts";
 * import assert from "node:assert/strict";
 * const A = { rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) };
 * assert.deepEqual(Array.from(gemm(A, A, true, false).data), [10, 14, 14, 20]);
 * ```
 */
export function gemm(
  A: Matrix,
  B: Matrix,
  transA: boolean,
  transB: boolean,
  out?: Float64Array,
): Matrix {
  const m = transA ? A.cols : A.rows;
  const k = transA ? A.rows : A.cols;
  const n = transB ? B.rows : B.cols;
  const c = out ? out.fill(0) : new Float64Array(m * n);
  if (m === 0 || n === 0 || k === 0) return { rows: m, cols: n, data: c };
  const rs = transA ? 1 : k;
  const cs = transA ? m : 1;
  if (!transB) {
    gemmKernel(A.data, rs, cs, B.data, c, m, k, n);
  } else if (m < 4) {
    gemmDotRows(A.data, rs, cs, B.data, c, m, k, n);
  } else {
    gemmKernel(A.data, rs, cs, transposeData(B.data, n, k), c, m, k, n);
  }
  return { rows: m, cols: n, data: c };
}
