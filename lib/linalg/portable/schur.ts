/**
 * Real Schur form of an upper Hessenberg matrix by the Francis implicit
 * double-shift QR iteration (Golub & Van Loan, Algorithms 7.5.1–7.5.2).
 *
 * Each sweep chases a 3×3 bulge with Householder reflectors; converged 2×2
 * blocks are put in standard form — real eigenvalues made upper triangular,
 * complex pairs given equal diagonal entries — so eigenvalues come out with
 * conjugate pairs adjacent and the positive imaginary part first.
 *
 * @module
 */

import { standardize2x2 } from "./standard2x2.ts";
import { EPS, SAFE_MIN } from "./util.ts";

/** Iterations allowed per eigenvalue, times max(10, block size). */
const ITERATIONS_FACTOR = 30;

/**
 * Run the Francis QR iteration on rows/columns lo…hi of the Hessenberg matrix
 * `h` (row-major [n, n]). Eigenvalues go to `wr`/`wi` (all n of them; those
 * outside lo…hi are read off the diagonal). With `wantT` the whole matrix is
 * transformed into real Schur form T; with `zt` the transformations are also
 * applied to the rows of `zt` (Schur vectors as rows).
 *
 * @param h Hessenberg matrix, row-major [n, n].
 * @param n Order.
 * @param lo First row of the active block.
 * @param hi Last row of the active block.
 * @param wr Real parts (output, length n).
 * @param wi Imaginary parts (output, length n).
 * @param wantT Produce the full Schur form (needed for eigenvectors).
 * @param zt Schur vectors as rows, or null.
 * @param itmax Iterations allowed per eigenvalue before giving up with an
 *   error (default 30·max(10, hi − lo + 1), as LAPACK's `dlahqr`).
 *
 * @example Eigenvalues of a 2×2 rotation generator
 * ```ts
 * import { hessenbergQr } from "./schur.ts";
 * import assert from "node:assert/strict";
 * const wr = new Float64Array(2), wi = new Float64Array(2);
 * hessenbergQr(new Float64Array([0, -1, 1, 0]), 2, 0, 1, wr, wi, false, null);
 * assert.deepEqual([wi[0], wi[1]], [1, -1]);
 * ```
 */
export function hessenbergQr(
  h: Float64Array,
  n: number,
  lo: number,
  hi: number,
  wr: Float64Array,
  wi: Float64Array,
  wantT: boolean,
  zt: Float64Array | null,
  itmax: number = ITERATIONS_FACTOR * Math.max(10, hi - lo + 1),
): void {
  for (let i = 0; i < n; i++) {
    if (i < lo || i > hi) {
      wr[i] = h[i * n + i]!;
      wi[i] = 0;
    }
  }
  let iu = hi;
  let its = 0;
  while (iu >= lo) {
    // look for a negligible subdiagonal entry
    let l = iu;
    for (; l > lo; l--) {
      if (negligibleSubdiagonal(h, n, l, lo, iu)) {
        h[l * n + l - 1] = 0;
        break;
      }
    }
    if (l === iu) {
      wr[iu] = h[iu * n + iu]!;
      wi[iu] = 0;
      iu--;
      its = 0;
      continue;
    }
    if (l === iu - 1) {
      finish2x2(h, n, iu - 1, wr, wi, wantT, zt);
      iu -= 2;
      its = 0;
      continue;
    }
    if (++its > itmax) {
      throw new Error(
        `Cannot compute eigendecomposition: the Francis QR iteration did not converge (eigenvalue ${iu} of ${n} not deflated, iteration limit ${itmax})`,
      );
    }
    // shifts: eigenvalues of the trailing 2×2, or an exceptional pair (Wilkinson's
    // ad hoc shifts from EISPACK) after 10 and 20 fruitless iterations
    let a: number, b: number, c: number, d: number;
    if (its % 20 === 10) {
      const e = Math.abs(h[(l + 1) * n + l]!) + Math.abs(h[(l + 2) * n + l + 1]!);
      a = d = 0.75 * e + h[l * n + l]!;
      b = -0.4375 * e;
      c = e;
    } else if (its % 20 === 0) {
      const e = Math.abs(h[iu * n + iu - 1]!) + Math.abs(h[(iu - 1) * n + iu - 2]!);
      a = d = 0.75 * e + h[iu * n + iu]!;
      b = -0.4375 * e;
      c = e;
    } else {
      a = h[(iu - 1) * n + iu - 1]!;
      b = h[(iu - 1) * n + iu]!;
      c = h[iu * n + iu - 1]!;
      d = h[iu * n + iu]!;
    }
    const sh = standardize2x2(a, b, c, d);
    let s1r = sh.re1, s1i = sh.im1, s2r = sh.re2, s2i = sh.im2;
    if (s1i === 0) {
      // two real shifts: use the one closer to the corner entry twice
      const corner = h[iu * n + iu]!;
      if (Math.abs(s1r - corner) <= Math.abs(s2r - corner)) s2r = s1r;
      else s1r = s2r;
      s1i = s2i = 0;
    }
    francisSweep(h, n, l, iu, s1r, s1i, s2r, s2i, wantT, zt);
  }
}

/**
 * Whether H[k, k−1] may be set to zero: the Ahues–Tisseur criterion (LAPACK
 * Working Note 122), which compares the product of the off-diagonal pair with
 * the spread of the diagonal pair, falling back on neighbouring entries when
 * the diagonal pair is zero.
 */
function negligibleSubdiagonal(h: Float64Array, n: number, k: number, lo: number, iu: number) {
  const sub = Math.abs(h[k * n + k - 1]!);
  if (sub <= SAFE_MIN) return true;
  const hkk = h[k * n + k]!, hpp = h[(k - 1) * n + k - 1]!;
  let tst = Math.abs(hpp) + Math.abs(hkk);
  if (tst === 0) {
    if (k - 2 >= lo) tst += Math.abs(h[(k - 1) * n + k - 2]!);
    if (k + 1 <= iu) tst += Math.abs(h[(k + 1) * n + k]!);
  }
  if (sub > EPS * tst) return false;
  const sup = Math.abs(h[(k - 1) * n + k]!);
  const ab = Math.max(sub, sup), ba = Math.min(sub, sup);
  const diff = Math.abs(hpp - hkk);
  const aa = Math.max(Math.abs(hkk), diff), bb = Math.min(Math.abs(hkk), diff);
  const s = aa + ab;
  return ba * (ab / s) <= Math.max(SAFE_MIN * (n / EPS), EPS * (bb * (aa / s)));
}

/** Standardise the converged 2×2 block at rows/columns i, i+1 and record its eigenvalues. */
function finish2x2(
  h: Float64Array,
  n: number,
  i: number,
  wr: Float64Array,
  wi: Float64Array,
  wantT: boolean,
  zt: Float64Array | null,
): void {
  const o = i * n + i;
  const r = standardize2x2(h[o]!, h[o + 1]!, h[o + n]!, h[o + n + 1]!);
  h[o] = r.a;
  h[o + 1] = r.b;
  h[o + n] = r.c;
  h[o + n + 1] = r.d;
  wr[i] = r.re1;
  wi[i] = r.im1;
  wr[i + 1] = r.re2;
  wi[i + 1] = r.im2;
  const cs = r.cs, sn = r.sn;
  if (cs === 1 && sn === 0) return;
  if (wantT) {
    // rows i, i+1 right of the block; columns i, i+1 above it
    for (let j = i + 2; j < n; j++) {
      const x = h[i * n + j]!, y = h[(i + 1) * n + j]!;
      h[i * n + j] = cs * x + sn * y;
      h[(i + 1) * n + j] = cs * y - sn * x;
    }
    for (let k = 0; k < i; k++) {
      const x = h[k * n + i]!, y = h[k * n + i + 1]!;
      h[k * n + i] = cs * x + sn * y;
      h[k * n + i + 1] = cs * y - sn * x;
    }
  }
  if (zt) {
    for (let j = 0; j < n; j++) {
      const x = zt[i * n + j]!, y = zt[(i + 1) * n + j]!;
      zt[i * n + j] = cs * x + sn * y;
      zt[(i + 1) * n + j] = cs * y - sn * x;
    }
  }
}

/**
 * One implicit double-shift sweep on the unreduced block l…iu (iu − l ≥ 2)
 * with shifts σ₁ = s1r + i·s1i and σ₂ = s2r + i·s2i (a conjugate pair or two reals).
 */
function francisSweep(
  h: Float64Array,
  n: number,
  l: number,
  iu: number,
  s1r: number,
  s1i: number,
  s2r: number,
  s2i: number,
  wantT: boolean,
  zt: Float64Array | null,
): void {
  // first column of (H − σ₁I)(H − σ₂I), scaled by s against overflow and underflow
  const h00 = h[l * n + l]!, h01 = h[l * n + l + 1]!;
  const h10 = h[(l + 1) * n + l]!, h11 = h[(l + 1) * n + l + 1]!;
  const h21 = h[(l + 2) * n + l + 1]!;
  const sc0 = Math.abs(h00 - s2r) + Math.abs(s2i) + Math.abs(h10);
  const h10s = h10 / sc0;
  let x = h10s * h01 + (h00 - s1r) * ((h00 - s2r) / sc0) - s1i * (s2i / sc0);
  let y = h10s * (h00 + h11 - s1r - s2r);
  let z = h10s * h21;
  const colEnd = wantT ? n : iu + 1;
  const rowStart = wantT ? 0 : l;
  for (let k = l; k < iu; k++) {
    const nr = Math.min(3, iu - k + 1);
    if (k > l) {
      x = h[k * n + k - 1]!;
      y = h[(k + 1) * n + k - 1]!;
      z = nr === 3 ? h[(k + 2) * n + k - 1]! : 0;
    }
    // Householder reflector for (x, y, z): I − τ·v·vᵀ with v = (1, v1, v2)
    const sc = Math.abs(x) + Math.abs(y) + Math.abs(z);
    if (y === 0 && z === 0) continue; // already reduced (τ = 0)
    const xs = x / sc, ys = y / sc, zs = z / sc;
    const norm = Math.sqrt(xs * xs + ys * ys + zs * zs);
    const betaS = xs >= 0 ? -norm : norm;
    const tau = (betaS - xs) / betaS;
    const den = xs - betaS;
    const v1 = ys / den, v2 = zs / den;
    if (k > l) {
      h[k * n + k - 1] = betaS * sc;
      h[(k + 1) * n + k - 1] = 0;
      if (nr === 3) h[(k + 2) * n + k - 1] = 0;
    }
    const t1 = tau * v1, t2 = tau * v2;
    // from the left: rows k…k+nr−1
    const r0 = k * n, r1 = r0 + n, r2 = r1 + n;
    if (nr === 3) {
      for (let j = k; j < colEnd; j++) {
        const s = h[r0 + j]! + v1 * h[r1 + j]! + v2 * h[r2 + j]!;
        h[r0 + j] -= tau * s;
        h[r1 + j] -= t1 * s;
        h[r2 + j] -= t2 * s;
      }
    } else {
      for (let j = k; j < colEnd; j++) {
        const s = h[r0 + j]! + v1 * h[r1 + j]!;
        h[r0 + j] -= tau * s;
        h[r1 + j] -= t1 * s;
      }
    }
    // from the right: columns k…k+nr−1
    const rowEnd = Math.min(k + 3, iu);
    if (nr === 3) {
      for (let i = rowStart; i <= rowEnd; i++) {
        const o = i * n + k;
        const s = h[o]! + v1 * h[o + 1]! + v2 * h[o + 2]!;
        h[o] -= tau * s;
        h[o + 1] -= t1 * s;
        h[o + 2] -= t2 * s;
      }
    } else {
      for (let i = rowStart; i <= rowEnd; i++) {
        const o = i * n + k;
        const s = h[o]! + v1 * h[o + 1]!;
        h[o] -= tau * s;
        h[o + 1] -= t1 * s;
      }
    }
    if (zt) {
      const z0 = k * n, z1 = z0 + n, z2 = z1 + n;
      if (nr === 3) {
        for (let j = 0; j < n; j++) {
          const s = zt[z0 + j]! + v1 * zt[z1 + j]! + v2 * zt[z2 + j]!;
          zt[z0 + j] -= tau * s;
          zt[z1 + j] -= t1 * s;
          zt[z2 + j] -= t2 * s;
        }
      } else {
        for (let j = 0; j < n; j++) {
          const s = zt[z0 + j]! + v1 * zt[z1 + j]!;
          zt[z0 + j] -= tau * s;
          zt[z1 + j] -= t1 * s;
        }
      }
    }
  }
}
