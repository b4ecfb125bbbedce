/**
 * Standard form of a real 2×2 block of the real Schur form (the rotation that
 * makes real eigenvalues upper triangular, or a complex pair's diagonal
 * entries equal), with its eigenvalues: positive imaginary part first.
 *
 * @module
 */

/** Rotation and result of {@link standardize2x2}. */
export interface Standard2x2 {
  /** Cosine of the rotation G = [[cs, −sn], [sn, cs]] with Gᵀ·M·G standard. */
  cs: number;
  /** Sine of the rotation. */
  sn: number;
  /** Standardised entries [[a, b], [c, d]]. */
  a: number;
  b: number;
  c: number;
  d: number;
  /** Eigenvalues: (re1, im1) with im1 ≥ 0, then (re2, im2) = conjugate or second real. */
  re1: number;
  im1: number;
  re2: number;
  im2: number;
}

/** Rotation whose first column is the eigenvector of the larger-offset eigenvalue (real case). */
function triangularize(a: number, b: number, c: number, d: number, out: Standard2x2): boolean {
  // real eigenvalues of [[a, b], [c, d]] with c ≠ 0: λ₁ = d + z, λ₂ = d − bc/z
  const p = 0.5 * (a - d);
  const sc = Math.max(Math.abs(p), Math.abs(b), Math.abs(c));
  const ps = p / sc, bs = b / sc, cs_ = c / sc;
  const disc = ps * ps + bs * cs_;
  if (disc < 0) return false;
  const z = p + (p >= 0 ? 1 : -1) * sc * Math.sqrt(disc);
  const tau = Math.hypot(z, c);
  out.cs = z / tau;
  out.sn = c / tau;
  out.a = d + z;
  out.d = z === 0 ? d : d - (b / z) * c;
  out.b = b - c;
  out.c = 0;
  return true;
}

/**
 * Standard form of a real 2×2 block M = [[a, b], [c, d]]: a rotation G with
 * Gᵀ·M·G either upper triangular (real eigenvalues) or with equal diagonal
 * entries and off-diagonal entries of opposite signs (complex pair).
 *
 * @param a M[0, 0].
 * @param b M[0, 1].
 * @param c M[1, 0].
 * @param d M[1, 1].
 * @returns Rotation, standard block and eigenvalues.
 *
 * @example A rotation generator has eigenvalues ±i
 * ```ts
 * import { standardize2x2 } from "./standard2x2.ts";
 * import assert from "node:assert/strict";
 * const r = standardize2x2(0, -1, 1, 0);
 * assert.ok(Math.abs(r.im1 - 1) < 1e-15 && Math.abs(r.im2 + 1) < 1e-15);
 * ```
 */
export function standardize2x2(a: number, b: number, c: number, d: number): Standard2x2 {
  const out: Standard2x2 = { cs: 1, sn: 0, a, b, c, d, re1: a, im1: 0, re2: d, im2: 0 };
  if (c === 0) return out;
  if (triangularize(a, b, c, d, out)) {
    out.re1 = out.a;
    out.re2 = out.d;
    return out;
  }
  // complex pair: rotate so both diagonal entries equal (a − d)·cos2θ + (b + c)·sin2θ = 0
  const sigma = b + c, delta = a - d;
  const rho = Math.hypot(sigma, delta);
  let cs = 1, sn = 0;
  if (rho > 0 && delta !== 0) {
    const sg = sigma >= 0 ? 1 : -1;
    const cos2 = (sg * sigma) / rho;
    const sin2 = (-sg * delta) / rho;
    cs = Math.sqrt(0.5 * (1 + cos2));
    sn = sin2 / (2 * cs);
  }
  // Gᵀ·M·G
  const p11 = a * cs + b * sn, p12 = -a * sn + b * cs;
  const p21 = c * cs + d * sn, p22 = -c * sn + d * cs;
  const na = cs * p11 + sn * p21, nb = cs * p12 + sn * p22;
  const nc = -sn * p11 + cs * p21, nd = -sn * p12 + cs * p22;
  const mid = 0.5 * (na + nd);
  out.cs = cs;
  out.sn = sn;
  out.a = mid;
  out.d = mid;
  out.b = nb;
  out.c = nc;
  if (nc !== 0 && nb !== 0 && (nb > 0) !== (nc > 0)) {
    const w = Math.sqrt(Math.abs(nb)) * Math.sqrt(Math.abs(nc));
    out.re1 = mid;
    out.im1 = w;
    out.re2 = mid;
    out.im2 = -w;
    return out;
  }
  // rounding left real eigenvalues: finish with a triangularising rotation
  if (nc !== 0) {
    const inner: Standard2x2 = { ...out };
    if (nb === 0) {
      // [[m, 0], [c, m]] → a quarter turn gives [[m, −c], [0, m]]
      inner.cs = 0;
      inner.sn = 1;
      inner.a = mid;
      inner.d = mid;
      inner.b = -nc;
      inner.c = 0;
    } else {
      triangularize(mid, nb, nc, mid, inner);
    }
    out.cs = cs * inner.cs - sn * inner.sn;
    out.sn = sn * inner.cs + cs * inner.sn;
    out.a = inner.a;
    out.b = inner.b;
    out.c = 0;
    out.d = inner.d;
  }
  out.re1 = out.a;
  out.re2 = out.d;
  return out;
}
