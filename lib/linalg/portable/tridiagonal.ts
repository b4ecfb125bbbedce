/**
 * Householder tridiagonalisation of a symmetric matrix, A = Q·T·Qᵀ
 * (Golub & Van Loan §8.3.1). The working copy keeps the upper triangle, so the
 * column being reduced is a contiguous row; the symmetric matrix-vector
 * product and the rank-2 update both stream rows of that triangle.
 *
 * @module
 */

import { accumulateRight, makeReflector, readReflector } from "./householder.ts";

/** The tridiagonal and the reflectors that produced it. */
export interface Tridiagonal {
  /** Diagonal of T, length n. */
  d: Float64Array;
  /** Off-diagonal of T, length max(n − 1, 0). */
  e: Float64Array;
  /** Row-major [n, n]: reflector k stored in row k right of (k, k + 1). */
  a: Float64Array;
  /** Reflector scales, length n. */
  tau: Float64Array;
  /** Order. */
  n: number;
}

/**
 * Reduce a symmetric matrix to tridiagonal form, reading only its lower triangle.
 *
 * @param data Row-major entries [n, n] (not modified).
 * @param n Order.
 * @returns Diagonal, off-diagonal and reflectors.
 *
 * @example The trace is preserved
 * ```ts
 * import { tridiagonalize } from "./tridiagonal.ts";
 * import assert from "node:assert/strict";
 * const { d } = tridiagonalize(new Float64Array([2, 1, 1, 1, 3, 1, 1, 1, 4]), 3);
 * assert.ok(Math.abs(d[0]! + d[1]! + d[2]! - 9) < 1e-14);
 * ```
 */
export function tridiagonalize(data: Float64Array, n: number): Tridiagonal {
  // upper-triangle working copy: a[i, j] (j ≥ i) = A[j, i]
  const a = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const o = j * n;
    for (let i = 0; i <= j; i++) a[i * n + j] = data[o + i]!;
  }
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  const tau = new Float64Array(n);
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k + 2 < n; k++) {
    const len = n - k - 1;
    const t = makeReflector(a, k * n + k + 1, len, 1);
    tau[k] = t;
    e[k] = a[k * n + k + 1]!;
    if (t === 0) continue;
    readReflector(a, k * n + k + 1, len, 1, v);
    // p = τ·A₂₂·v using the upper triangle of A₂₂ = a[k+1.., k+1..]
    p.fill(0, 0, len);
    for (let i = 0; i < len; i++) {
      const o = (k + 1 + i) * n + k + 1;
      const vi = v[i]!;
      let s = a[o + i]! * vi;
      for (let j = i + 1; j < len; j++) {
        const aij = a[o + j]!;
        s += aij * v[j]!;
        p[j] += aij * vi;
      }
      p[i] += s;
    }
    let pv = 0;
    for (let i = 0; i < len; i++) {
      p[i] = p[i]! * t;
      pv += p[i]! * v[i]!;
    }
    // w = p − (τ/2)(pᵀv)·v, then A₂₂ −= v·wᵀ + w·vᵀ (upper triangle)
    const alpha = -0.5 * t * pv;
    for (let i = 0; i < len; i++) p[i] = p[i]! + alpha * v[i]!;
    for (let i = 0; i < len; i++) {
      const o = (k + 1 + i) * n + k + 1;
      const vi = v[i]!, wi = p[i]!;
      for (let j = i; j < len; j++) a[o + j] -= vi * p[j]! + wi * v[j]!;
    }
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i]!;
  if (n >= 2) e[n - 2] = a[(n - 2) * n + n - 1]!;
  return { d, e, a, tau, n };
}

/**
 * Qᵀ as a row-major [n, n] array (row i is the i-th basis vector of Q), from
 * the reflectors of {@link tridiagonalize}.
 *
 * @param t Tridiagonalisation.
 * @returns Qᵀ.
 *
 * @example Q is orthogonal
 * ```ts
 * import { formTridiagonalQt, tridiagonalize } from "./tridiagonal.ts";
 * import assert from "node:assert/strict";
 * const qt = formTridiagonalQt(tridiagonalize(new Float64Array([2, 1, 1, 1, 3, 1, 1, 1, 4]), 3));
 * assert.ok(Math.abs(qt[3]! * qt[6]! + qt[4]! * qt[7]! + qt[5]! * qt[8]!) < 1e-15);
 * ```
 */
export function formTridiagonalQt(t: Tridiagonal): Float64Array {
  const { a, tau, n } = t;
  const qt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) qt[i * n + i] = 1;
  // reflector k: row k of `a` from column k + 1
  accumulateRight(qt, n, n, 0, n - 3, n, {
    start: (k) => k + 1,
    read: (k, out, off) => {
      readReflector(a, k * n + k + 1, n - k - 1, 1, out.subarray(off));
      return tau[k]!;
    },
  });
  return qt;
}
