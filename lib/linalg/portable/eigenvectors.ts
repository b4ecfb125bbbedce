/**
 * Right eigenvectors of an upper quasi-triangular real Schur form T by back
 * substitution (Golub & Van Loan §7.6.1): for each eigenvalue λ, solve
 * (T − λI)·y = 0 upward from the eigenvalue's own block, 1×1 and 2×2 diagonal
 * blocks at a time, in complex arithmetic for complex λ. Near-singular pivots
 * are perturbed to ε·|λ| and the vector is rescaled whenever it grows large,
 * so defective matrices give finite (nearly parallel) vectors.
 *
 * @module
 */

import { EPS, SAFE_MIN } from "./util.ts";

/** Rescale the partial vector when an entry exceeds this. */
const BIG = 1e150;

/** Result slots of the complex kernels (avoid allocating in the inner loops). */
let outRe = 0, outIm = 0, outRe2 = 0, outIm2 = 0;

/** (ar + i·ai) / (br + i·bi) by Smith's algorithm, into outRe/outIm. */
function cdiv(ar: number, ai: number, br: number, bi: number): void {
  if (Math.abs(br) >= Math.abs(bi)) {
    const r = bi / br, d = br + bi * r;
    outRe = (ar + ai * r) / d;
    outIm = (ai - ar * r) / d;
  } else {
    const r = br / bi, d = bi + br * r;
    outRe = (ar * r + ai) / d;
    outIm = (ai * r - ar) / d;
  }
}

/**
 * Solve the complex 2×2 system [[a, b], [c, d]]·(x1, x2) = (r1, r2) by complete
 * pivoting, perturbing pivots smaller than `smin`; the solution goes to outRe/outIm and outRe2/outIm2.
 */
function solve2(
  ar: number,
  ai: number,
  br: number,
  bi: number,
  cr: number,
  ci: number,
  dr: number,
  di: number,
  r1r: number,
  r1i: number,
  r2r: number,
  r2i: number,
  smin: number,
): void {
  const ma = Math.abs(ar) + Math.abs(ai), mb = Math.abs(br) + Math.abs(bi);
  const mc = Math.abs(cr) + Math.abs(ci), md = Math.abs(dr) + Math.abs(di);
  // permute so the largest entry is the (0, 0) pivot
  let swapRows = false, swapCols = false;
  const mx = Math.max(ma, mb, mc, md);
  if (mx === mb) swapCols = true;
  else if (mx === mc) swapRows = true;
  else if (mx === md) swapRows = swapCols = true;
  let p11r = ar, p11i = ai, p12r = br, p12i = bi, p21r = cr, p21i = ci, p22r = dr, p22i = di;
  let s1r = r1r, s1i = r1i, s2r = r2r, s2i = r2i;
  if (swapRows) {
    [p11r, p11i, p12r, p12i, p21r, p21i, p22r, p22i] = [
      p21r,
      p21i,
      p22r,
      p22i,
      p11r,
      p11i,
      p12r,
      p12i,
    ];
    [s1r, s1i, s2r, s2i] = [s2r, s2i, s1r, s1i];
  }
  if (swapCols) {
    [p11r, p11i, p12r, p12i, p21r, p21i, p22r, p22i] = [
      p12r,
      p12i,
      p11r,
      p11i,
      p22r,
      p22i,
      p21r,
      p21i,
    ];
  }
  if (Math.abs(p11r) + Math.abs(p11i) < smin) {
    p11r = smin;
    p11i = 0;
  }
  cdiv(p21r, p21i, p11r, p11i);
  const lr = outRe, li = outIm;
  let u22r = p22r - (lr * p12r - li * p12i);
  let u22i = p22i - (lr * p12i + li * p12r);
  if (Math.abs(u22r) + Math.abs(u22i) < smin) {
    u22r = smin;
    u22i = 0;
  }
  const t2r = s2r - (lr * s1r - li * s1i), t2i = s2i - (lr * s1i + li * s1r);
  cdiv(t2r, t2i, u22r, u22i);
  const y2r = outRe, y2i = outIm;
  cdiv(s1r - (p12r * y2r - p12i * y2i), s1i - (p12r * y2i + p12i * y2r), p11r, p11i);
  const y1r = outRe, y1i = outIm;
  if (swapCols) {
    outRe = y2r;
    outIm = y2i;
    outRe2 = y1r;
    outIm2 = y1i;
  } else {
    outRe = y1r;
    outIm = y1i;
    outRe2 = y2r;
    outIm2 = y2i;
  }
}

/** Scale xr[0…k] and xi[0…k] by f. */
function scaleVector(xr: Float64Array, xi: Float64Array | null, k: number, f: number): void {
  for (let i = 0; i <= k; i++) xr[i] = xr[i]! * f;
  if (xi) { for (let i = 0; i <= k; i++) xi[i] = xi[i]! * f; }
}

/**
 * Eigenvectors of the real Schur form T (row-major [n, n], quasi-triangular
 * with standardised 2×2 blocks) in LAPACK's packed layout: column j of the
 * result (row-major [n, n]) is the eigenvector of a real λⱼ; for a complex
 * pair (λⱼ with wi[j] > 0, λⱼ₊₁ = conj) columns j and j+1 hold the real and
 * imaginary parts of the eigenvector of λⱼ.
 *
 * @param t Schur form, row-major [n, n].
 * @param n Order.
 * @param wr Real parts of the eigenvalues (diagonal-block order).
 * @param wi Imaginary parts.
 * @returns Packed eigenvectors of T.
 *
 * @example Eigenvectors of an upper triangular matrix
 * ```ts
 * import { schurEigenvectors } from "./eigenvectors.ts";
 * import assert from "node:assert/strict";
 * const y = schurEigenvectors(new Float64Array([1, 1, 0, 2]), 2, new Float64Array([1, 2]), new Float64Array(2));
 * // (T − 2I)·(1, 1) = 0
 * assert.deepEqual(Array.from(y), [1, 1, 0, 1]);
 * ```
 */
export function schurEigenvectors(
  t: Float64Array,
  n: number,
  wr: Float64Array,
  wi: Float64Array,
): Float64Array {
  const y = new Float64Array(n * n);
  const xr = new Float64Array(n), xi = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    if (wi[k]! < 0) continue; // second of a pair: handled with the first
    if (wi[k] === 0) {
      realVector(t, n, k, wr[k]!, xr);
      for (let i = 0; i <= k; i++) y[i * n + k] = xr[i]!;
    } else {
      // pair at (k, k+1): λ = wr[k] + i·wi[k], wi[k] > 0
      complexVector(t, n, k, wr[k]!, wi[k]!, xr, xi);
      for (let i = 0; i <= k + 1; i++) {
        y[i * n + k] = xr[i]!;
        y[i * n + k + 1] = xi[i]!;
      }
    }
  }
  return y;
}

/** Solve (T − λI)·x = 0 with x[k] = 1 and x[i] = 0 below k, for the real λ = T[k, k]. */
function realVector(t: Float64Array, n: number, k: number, lambda: number, x: Float64Array): void {
  const smin = Math.max(EPS * Math.abs(lambda), SAFE_MIN * (n / EPS));
  x.fill(0);
  x[k] = 1;
  let xmax = 1;
  for (let j = k - 1; j >= 0; j--) {
    const inPair = j > 0 && t[j * n + j - 1] !== 0;
    if (!inPair) {
      let r = 0;
      const o = j * n;
      for (let i = j + 1; i <= k; i++) r -= t[o + i]! * x[i]!;
      let den = t[o + j]! - lambda;
      if (Math.abs(den) < smin) den = smin;
      if (Math.abs(r) > BIG * Math.abs(den)) {
        const f = (BIG * Math.abs(den)) / Math.abs(r);
        scaleVector(x, null, k, f);
        r *= f;
        xmax *= f;
      }
      x[j] = r / den;
      xmax = Math.max(xmax, Math.abs(x[j]!));
    } else {
      // 2×2 block at rows j−1, j
      let r1 = 0, r2 = 0;
      const o1 = (j - 1) * n, o2 = j * n;
      for (let i = j + 1; i <= k; i++) {
        r1 -= t[o1 + i]! * x[i]!;
        r2 -= t[o2 + i]! * x[i]!;
      }
      solve2(
        t[o1 + j - 1]! - lambda,
        0,
        t[o1 + j]!,
        0,
        t[o2 + j - 1]!,
        0,
        t[o2 + j]! - lambda,
        0,
        r1,
        0,
        r2,
        0,
        smin,
      );
      x[j - 1] = outRe;
      x[j] = outRe2;
      xmax = Math.max(xmax, Math.abs(outRe), Math.abs(outRe2));
      j--;
    }
    if (xmax > BIG) {
      scaleVector(x, null, k, 1 / xmax);
      xmax = 1;
    }
  }
}

/** Solve (T − λI)·x = 0 for the complex λ = re + i·im of the standardised block at (k, k+1). */
function complexVector(
  t: Float64Array,
  n: number,
  k: number,
  re: number,
  im: number,
  xr: Float64Array,
  xi: Float64Array,
): void {
  const smin = Math.max(EPS * (Math.abs(re) + Math.abs(im)), SAFE_MIN * (n / EPS));
  xr.fill(0);
  xi.fill(0);
  const beta = t[k * n + k + 1]!, gamma = t[(k + 1) * n + k]!;
  // the block is [[re, β], [γ, re]] with βγ = −im²
  if (Math.abs(beta) >= Math.abs(gamma)) {
    xr[k] = 1;
    xi[k + 1] = im / beta;
  } else {
    xr[k + 1] = 1;
    xi[k] = im / gamma;
  }
  const top = k + 1;
  let xmax = Math.max(1, Math.abs(xi[k]!), Math.abs(xi[k + 1]!));
  for (let j = k - 1; j >= 0; j--) {
    const inPair = j > 0 && t[j * n + j - 1] !== 0;
    if (!inPair) {
      let rr = 0, ri = 0;
      const o = j * n;
      for (let i = j + 1; i <= top; i++) {
        const tij = t[o + i]!;
        rr -= tij * xr[i]!;
        ri -= tij * xi[i]!;
      }
      let dr = t[o + j]! - re, di = -im;
      if (Math.abs(dr) + Math.abs(di) < smin) {
        dr = smin;
        di = 0;
      }
      const dm = Math.abs(dr) + Math.abs(di), rm = Math.abs(rr) + Math.abs(ri);
      if (rm > BIG * dm) {
        const f = (BIG * dm) / rm;
        scaleVector(xr, xi, top, f);
        rr *= f;
        ri *= f;
        xmax *= f;
      }
      cdiv(rr, ri, dr, di);
      xr[j] = outRe;
      xi[j] = outIm;
      xmax = Math.max(xmax, Math.abs(outRe) + Math.abs(outIm));
    } else {
      let r1r = 0, r1i = 0, r2r = 0, r2i = 0;
      const o1 = (j - 1) * n, o2 = j * n;
      for (let i = j + 1; i <= top; i++) {
        const a = t[o1 + i]!, b = t[o2 + i]!;
        r1r -= a * xr[i]!;
        r1i -= a * xi[i]!;
        r2r -= b * xr[i]!;
        r2i -= b * xi[i]!;
      }
      solve2(
        t[o1 + j - 1]! - re,
        -im,
        t[o1 + j]!,
        0,
        t[o2 + j - 1]!,
        0,
        t[o2 + j]! - re,
        -im,
        r1r,
        r1i,
        r2r,
        r2i,
        smin,
      );
      xr[j - 1] = outRe;
      xi[j - 1] = outIm;
      xr[j] = outRe2;
      xi[j] = outIm2;
      xmax = Math.max(
        xmax,
        Math.abs(outRe) + Math.abs(outIm),
        Math.abs(outRe2) + Math.abs(outIm2),
      );
      j--;
    }
    if (xmax > BIG) {
      scaleVector(xr, xi, top, 1 / xmax);
      xmax = 1;
    }
  }
}
