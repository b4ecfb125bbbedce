/**
 * Householder reduction to upper Hessenberg form, A = Q·H·Qᵀ
 * (Golub & Van Loan §7.4.3), acting on the rows/columns lo…hi left by balancing.
 *
 * @module
 */

import { accumulateRight, makeReflector, readReflector } from "./householder.ts";

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
  if (lo + 2 <= hi) reduce(h, n, lo, hi, tau);
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

/**
 * The reduction proper. Step k applies H_k = I − τ·v·vᵀ on both sides as one
 * rank-2 update: with y = τ·Hᵀv (rows k+1…hi) and z = τ·(H·v − v·(yᵀv)),
 * H ← H − v·yᵀ − z·vᵀ (the yᵀ part on columns k+1…n−1, the vᵀ part on
 * columns k+1…hi). Column k+1 is updated first so the next reflector v′ is
 * known, and the pass that applies step k also accumulates H·v′ and Hᵀv′ for
 * step k+1: one pass over the matrix per step instead of three.
 */
function reduce(h: Float64Array, n: number, lo: number, hi: number, tau: Float64Array): void {
  let v = new Float64Array(n), vNext = new Float64Array(n);
  let y = new Float64Array(n), yNext = new Float64Array(n);
  let hv = new Float64Array(n), hvNext = new Float64Array(n);
  const z = new Float64Array(n);
  // step lo: reflector, y = τ·Hᵀv and H·v by two plain passes
  let k = lo;
  let t = makeReflector(h, (k + 1) * n + k, hi - k, n);
  tau[k] = t;
  readReflector(h, (k + 1) * n + k, hi - k, n, v.subarray(k + 1));
  for (let i = k + 1; i <= hi; i++) {
    const vi = v[i]!, o = i * n;
    for (let j = k + 1; j < n; j++) y[j] += vi * h[o + j]!;
  }
  for (let j = k + 1; j < n; j++) y[j] = y[j]! * t;
  for (let i = 0; i <= hi; i++) {
    const o = i * n;
    let s = 0;
    for (let j = k + 1; j <= hi; j++) s += h[o + j]! * v[j]!;
    hv[i] = s;
  }
  for (;;) {
    // z = τ·(H·v − v·(yᵀv)) on rows 0…hi
    let yv = 0;
    for (let j = k + 1; j <= hi; j++) yv += y[j]! * v[j]!;
    for (let i = 0; i <= hi; i++) z[i] = t * (hv[i]! - v[i]! * yv);
    const c = k + 1;
    const last = c + 2 > hi;
    let tn = 0;
    if (!last) {
      // column c after step k (rows c+1…hi), then the next reflector from it
      const yc = y[c]!, vc = v[c]!;
      for (let i = c + 1; i <= hi; i++) h[i * n + c] -= v[i]! * yc + z[i]! * vc;
      tn = makeReflector(h, (c + 1) * n + c, hi - c, n);
      tau[c] = tn;
      vNext.fill(0);
      readReflector(h, (c + 1) * n + c, hi - c, n, vNext.subarray(c + 1));
      yNext.fill(0);
    }
    // apply step k; when a next step exists, accumulate H·v′ and Hᵀv′ on the way
    for (let i = 0; i <= hi; i++) {
      const o = i * n;
      const vi = v[i]!, zi = z[i]!;
      // rows below c hold the next reflector in column c, which is already final
      const j0 = i > c && !last ? c + 1 : c;
      if (i <= k) {
        // rows 0…k: only the right-hand reflection, columns c…hi
        let s = 0;
        for (let j = j0; j <= hi; j++) {
          const x = h[o + j]! - zi * v[j]!;
          h[o + j] = x;
          s += x * vNext[j]!;
        }
        hvNext[i] = s;
        continue;
      }
      const wi = vNext[i]!;
      let s = 0;
      for (let j = j0; j <= hi; j++) {
        const x = h[o + j]! - vi * y[j]! - zi * v[j]!;
        h[o + j] = x;
        s += x * vNext[j]!;
        yNext[j] += wi * x;
      }
      for (let j = hi + 1; j < n; j++) {
        const x = h[o + j]! - vi * y[j]!;
        h[o + j] = x;
        yNext[j] += wi * x;
      }
      hvNext[i] = s;
    }
    if (last) return;
    for (let j = c + 1; j < n; j++) yNext[j] = yNext[j]! * tn;
    k = c;
    t = tn;
    [v, vNext] = [vNext, v];
    [y, yNext] = [yNext, y];
    [hv, hvNext] = [hvNext, hv];
  }
}
