/**
 * Householder reduction to upper Hessenberg form, A = Q·H·Qᵀ
 * (Golub & Van Loan §7.4.3), acting on the rows/columns lo…hi left by balancing.
 *
 * @module
 */

import {
  accumulateRight,
  applyLeft,
  applyRight,
  makeReflector,
  readReflector,
} from "./householder.ts";

/**
 * Reduce the row-major [n, n] matrix `h` to upper Hessenberg form in place
 * (entries below the subdiagonal are set to zero) and return Qᵀ as rows
 * (row-major [n, n]) when `wantQ`, else null.
 *
 * @param h Row-major storage, overwritten by H.
 * @param n Order.
 * @param lo First row/column of the active block.
 * @param hi Last row/column of the active block.
 * @param wantQ Build Qᵀ.
 * @returns Qᵀ or null.
 *
 * @example
 * ```ts
 * import { hessenberg } from "./hessenberg.ts";
 * import assert from "node:assert/strict";
 * const h = new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 10]);
 * hessenberg(h, 3, 0, 2, false);
 * assert.equal(h[6], 0);
 * ```
 */
export function hessenberg(
  h: Float64Array,
  n: number,
  lo: number,
  hi: number,
  wantQ: boolean,
): Float64Array | null {
  const tau = new Float64Array(n);
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  for (let k = lo; k + 2 <= hi; k++) {
    const len = hi - k;
    const t = makeReflector(h, (k + 1) * n + k, len, n);
    tau[k] = t;
    if (t === 0) continue;
    readReflector(h, (k + 1) * n + k, len, n, v);
    applyLeft(h, n, k + 1, len, k + 1, n, v, t, w);
    applyRight(h, n, 0, hi + 1, k + 1, len, v, t);
  }
  let qt: Float64Array | null = null;
  if (wantQ) {
    qt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) qt[i * n + i] = 1;
    // reflector k: column k of `h` from row k + 1 to hi
    accumulateRight(qt, n, hi + 1, lo, hi - 2, hi + 1, {
      start: (k) => k + 1,
      read: (k, out, off) => {
        readReflector(h, (k + 1) * n + k, hi - k, n, out.subarray(off));
        return tau[k]!;
      },
    });
  }
  for (let k = lo; k + 2 <= hi; k++) {
    for (let i = k + 2; i <= hi; i++) h[i * n + k] = 0;
  }
  return qt;
}
