/**
 * Raw dense kernels on row-major `Float64Array`s used in the inner loops of
 * the dynamics area. Small products run as plain TypeScript loops (cheaper
 * than a foreign call); larger ones go to the active linear-algebra backend.
 *
 * @module
 */

import { getBackend } from "../linalg/backend.ts";

/** Products with m·k·n at or above this many multiply-adds go to the backend. */
const BACKEND_WORK = 16 * 16 * 16;

/**
 * op(A)·op(B) for raw row-major arrays: op(A) is [m, k], op(B) is [k, n].
 *
 * @param a Entries of A ([m, k], or [k, m] when `transA`).
 * @param b Entries of B ([k, n], or [n, k] when `transB`).
 * @param m Rows of op(A).
 * @param k Inner dimension.
 * @param n Columns of op(B).
 * @param transA Use Aᵀ.
 * @param transB Use Bᵀ.
 * @param out Optional array of length m·n (not overlapping a or b) to write the product into.
 * @returns The [m, n] product (`out` when given).
 *
 * @example AᵀB
 * ```ts
 * import { mm } from "./dense.ts";
 * import assert from "node:assert/strict";
 * const a = new Float64Array([1, 2, 3, 4]);
 * assert.deepEqual(Array.from(mm(a, a, 2, 2, 2, true, false)), [10, 14, 14, 20]);
 * ```
 */
export function mm(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  transA = false,
  transB = false,
  out?: Float64Array,
): Float64Array {
  if (m * k * n >= BACKEND_WORK) {
    const A = transA ? { rows: k, cols: m, data: a } : { rows: m, cols: k, data: a };
    const B = transB ? { rows: n, cols: k, data: b } : { rows: k, cols: n, data: b };
    return getBackend().gemm(A, B, transA, transB, out).data;
  }
  if (out) out.fill(0);
  else out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const oi = i * n;
    for (let p = 0; p < k; p++) {
      const aip = transA ? a[p * m + i]! : a[i * k + p]!;
      if (aip === 0) continue;
      if (transB) {
        for (let j = 0; j < n; j++) out[oi + j] += aip * b[j * k + p]!;
      } else {
        const bp = p * n;
        for (let j = 0; j < n; j++) out[oi + j] += aip * b[bp + j]!;
      }
    }
  }
  return out;
}

/**
 * Solve M X = R for symmetric positive-definite M [n, n] and R [n, c]
 * (Cholesky). Returns `null` when M is not numerically positive definite.
 *
 * @param M SPD matrix entries (only the lower triangle is read).
 * @param R Right-hand sides.
 * @param n Order of M.
 * @param c Number of right-hand sides.
 * @param rcond Pivots p with p² ≤ rcond·max diag(M) count as singular (null).
 * @param work Optional buffers, to solve without allocating (the small path still allocates
 *   its factor): `L` (n², the factor) and `out` (n·c, where X is written; may be R itself).
 * @returns X, or null.
 *
 * @example
 * ```ts
 * import { spdSolve } from "./dense.ts";
 * import assert from "node:assert/strict";
 * const x = spdSolve(new Float64Array([4, 1, 1, 2]), new Float64Array([9, 5]), 2, 1)!;
 * assert.ok(Math.abs(x[0]! - 13 / 7) < 1e-15 && Math.abs(x[1]! - 11 / 7) < 1e-15);
 * ```
 */
export function spdSolve(
  M: Float64Array,
  R: Float64Array,
  n: number,
  c: number,
  rcond = 0,
  work?: { L: Float64Array; out: Float64Array },
): Float64Array | null {
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, M[i * n + i]!);
  const tooSmall = (pivot: number) => !(pivot > 0) || pivot * pivot <= rcond * maxDiag;
  if (n >= 16) {
    const be = getBackend();
    const L = be.cholesky({ rows: n, cols: n, data: M }, work?.L);
    if (!L) return null;
    for (let i = 0; i < n; i++) if (tooSmall(L.data[i * n + i]!)) return null;
    const Y = be.solveTriangular(L, { rows: n, cols: c, data: R }, true, false, work?.out);
    return be.solveTriangular(L, Y, true, true, Y.data).data;
  }
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = M[j * n + j]!;
    for (let p = 0; p < j; p++) d -= L[j * n + p]! * L[j * n + p]!;
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    if (tooSmall(ljj)) return null;
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = M[i * n + j]!;
      for (let p = 0; p < j; p++) s -= L[i * n + p]! * L[j * n + p]!;
      L[i * n + j] = s / ljj;
    }
  }
  const X = work ? work.out : R.slice();
  if (X !== R) X.set(R);
  for (let col = 0; col < c; col++) {
    for (let i = 0; i < n; i++) {
      let s = X[i * c + col]!;
      for (let p = 0; p < i; p++) s -= L[i * n + p]! * X[p * c + col]!;
      X[i * c + col] = s / L[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = X[i * c + col]!;
      for (let p = i + 1; p < n; p++) s -= L[p * n + i]! * X[p * c + col]!;
      X[i * c + col] = s / L[i * n + i]!;
    }
  }
  return X;
}

/**
 * Frobenius inner product ⟨a, b⟩ = Σ aᵢbᵢ of two equal-length arrays.
 *
 * @example
 * ```ts
 * import { dot } from "./dense.ts";
 * import assert from "node:assert/strict";
 * assert.equal(dot(new Float64Array([1, 2]), new Float64Array([3, 4])), 11);
 * ```
 */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Frobenius norm of an array, scaled to avoid overflow and underflow.
 *
 * @example
 * ```ts
 * import { norm } from "./dense.ts";
 * import assert from "node:assert/strict";
 * assert.equal(norm(new Float64Array([3, 4])), 5);
 * ```
 */
export function norm(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  if (m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]! / m;
    s += v * v;
  }
  return m * Math.sqrt(s);
}
