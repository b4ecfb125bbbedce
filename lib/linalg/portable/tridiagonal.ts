/**
 * Householder tridiagonalisation of a symmetric matrix, A = Q·T·Qᵀ
 * (Golub & Van Loan §8.3.1). The working copy keeps the upper triangle, so the
 * column being reduced is a contiguous row; the symmetric matrix-vector
 * product and the rank-2 update both stream rows of that triangle.
 *
 * @module
 */

import { formFromRowReflectors, makeReflector, readReflector } from "./householder.ts";

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
  if (n >= 3) reduce(a, n, tau, e);
  for (let i = 0; i < n; i++) d[i] = a[i * n + i]!;
  if (n >= 2) e[n - 2] = a[(n - 2) * n + n - 1]!;
  return { d, e, a, tau, n };
}

/**
 * The reduction on the upper-triangle copy. Step k: p = τ·A₂₂·v,
 * w = p − (τ/2)(pᵀv)·v, A₂₂ ← A₂₂ − v·wᵀ − w·vᵀ. Row k+1 is updated first so
 * the next reflector v′ is known; the pass that updates the rest of A₂₂ also
 * accumulates A₂₂′·v′ for the next step (one pass per step instead of two).
 */
function reduce(a: Float64Array, n: number, tau: Float64Array, e: Float64Array): void {
  let v = new Float64Array(n), vNext = new Float64Array(n);
  let p = new Float64Array(n), pNext = new Float64Array(n);
  const w = new Float64Array(n);
  // step 0: reflector of row 0 and the product A₂₂·v by one plain pass
  let k = 0;
  let t = makeReflector(a, 1, n - 1, 1);
  tau[0] = t;
  e[0] = a[1]!;
  readReflector(a, 1, n - 1, 1, v.subarray(1));
  symv(a, n, 1, v, p);
  for (;;) {
    // w = τ·p − (τ²/2)(pᵀv)·v on k+1…n−1
    let pv = 0;
    for (let i = k + 1; i < n; i++) pv += p[i]! * v[i]!;
    const alpha = -0.5 * t * t * pv;
    for (let i = k + 1; i < n; i++) w[i] = t * p[i]! + alpha * v[i]!;
    const c = k + 1;
    if (c + 2 >= n) {
      // last reflector: plain update of the trailing 2×2 (upper triangle)
      for (let i = c; i < n; i++) {
        const o = i * n, vi = v[i]!, wi = w[i]!;
        for (let j = i; j < n; j++) a[o + j] -= vi * w[j]! + wi * v[j]!;
      }
      return;
    }
    // row c first, then the next reflector from it
    const oc = c * n, vc = v[c]!, wc = w[c]!;
    for (let j = c; j < n; j++) a[oc + j] -= vc * w[j]! + wc * v[j]!;
    const tn = makeReflector(a, oc + c + 1, n - c - 1, 1);
    tau[c] = tn;
    e[c] = a[oc + c + 1]!;
    vNext.fill(0);
    readReflector(a, oc + c + 1, n - c - 1, 1, vNext.subarray(c + 1));
    // update rows c+1… and accumulate pNext = A₂₂′·v′ from the updated entries
    pNext.fill(0);
    for (let i = c + 1; i < n; i++) {
      const o = i * n, vi = v[i]!, wi = w[i]!, ui = vNext[i]!;
      const x0 = a[o + i]! - 2 * vi * wi;
      a[o + i] = x0;
      let s = x0 * ui;
      for (let j = i + 1; j < n; j++) {
        const x = a[o + j]! - vi * w[j]! - wi * v[j]!;
        a[o + j] = x;
        s += x * vNext[j]!;
        pNext[j] += x * ui;
      }
      pNext[i] += s;
    }
    k = c;
    t = tn;
    [v, vNext] = [vNext, v];
    [p, pNext] = [pNext, p];
  }
}

/** out = A·v for the symmetric A = a[k0…, k0…] stored as its upper triangle (v, out indexed globally). */
function symv(a: Float64Array, n: number, k0: number, v: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let i = k0; i < n; i++) {
    const o = i * n, vi = v[i]!;
    let s = a[o + i]! * vi;
    for (let j = i + 1; j < n; j++) {
      const aij = a[o + j]!;
      s += aij * v[j]!;
      out[j] += aij * vi;
    }
    out[i] += s;
  }
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
  return formFromRowReflectors(t.a, t.tau, t.n);
}
