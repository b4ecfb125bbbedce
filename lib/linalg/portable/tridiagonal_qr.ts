/**
 * Eigenvalues (and vectors) of a symmetric tridiagonal matrix by implicit
 * QR with Wilkinson shifts (Golub & Van Loan, Algorithm 8.3.2 and §8.3.5),
 * deflating negligible off-diagonal entries from the bottom. The rotations of
 * each sweep are applied to the rows of the basis afterwards, four at a time.
 *
 * @module
 */

import { negligible, scaleToUnitMax, unreducedStart } from "./qr_iteration.ts";
import { applyRotations, swapRows } from "./util.ts";

/** Sweeps allowed per eigenvalue before giving up. */
const MAX_SWEEPS_PER_VALUE = 30;

/**
 * Diagonalise the symmetric tridiagonal T (diagonal `d`, off-diagonal `e`) in
 * place: `d` becomes the eigenvalues in ascending order and rows 0…n−1 of
 * `zt` (row length `ldz`) are rotated and permuted along, so that if the rows
 * of `zt` held Qᵀ for A = Q·T·Qᵀ they end up holding A's eigenvectors.
 *
 * @param d Diagonal, length n (overwritten by the eigenvalues).
 * @param e Off-diagonal, length n − 1 (overwritten).
 * @param zt Basis as rows, or null for eigenvalues only.
 * @param ldz Row length of `zt`.
 * @param maxSweeps Sweeps allowed before giving up with an error (default 30·n).
 *
 * @example [[2, 1], [1, 2]] has eigenvalues 1 and 3
 * ```ts
 * import { tridiagonalEigen } from "./tridiagonal_qr.ts";
 * import assert from "node:assert/strict";
 * const d = new Float64Array([2, 2]);
 * tridiagonalEigen(d, new Float64Array([1]), null, 0);
 * assert.ok(Math.abs(d[0]! - 1) < 1e-15 && Math.abs(d[1]! - 3) < 1e-15);
 * ```
 */
export function tridiagonalEigen(
  d: Float64Array,
  e: Float64Array,
  zt: Float64Array | null,
  ldz: number,
  maxSweeps: number = MAX_SWEEPS_PER_VALUE * d.length,
): void {
  const n = d.length;
  if (n === 0) return;
  const { scale } = scaleToUnitMax(d, e);
  const cs = new Float64Array(n), sn = new Float64Array(n);
  let sweeps = 0;
  let q = n - 1;
  while (q > 0) {
    if (negligible(e[q - 1]!, d[q - 1]!, d[q]!)) {
      e[q - 1] = 0;
      q--;
      continue;
    }
    const p = unreducedStart(d, e, q);
    if (++sweeps > maxSweeps) {
      throw new Error(
        `Cannot compute symmetric eigendecomposition: the tridiagonal QR iteration did not converge (${
          q + 1
        } of ${n} eigenvalues unresolved, sweep limit ${maxSweeps})`,
      );
    }
    qrSweep(d, e, p, q, cs, sn);
    if (zt) applyRotations(zt, ldz, p, q, cs, sn);
  }
  if (scale !== 1) { for (let i = 0; i < n; i++) d[i] = d[i]! / scale; }
  for (let i = 0; i < n - 1; i++) {
    let best = i;
    for (let j = i + 1; j < n; j++) if (d[j]! < d[best]!) best = j;
    if (best === i) continue;
    const t = d[i]!;
    d[i] = d[best]!;
    d[best] = t;
    if (zt) swapRows(zt, ldz, i, best);
  }
}

/**
 * One implicit symmetric QR step with Wilkinson shift on the unreduced block
 * p…q; the rotations are returned in cs/sn (index k rotates k and k+1).
 */
function qrSweep(
  d: Float64Array,
  e: Float64Array,
  p: number,
  q: number,
  cs: Float64Array,
  sn: Float64Array,
): void {
  const b = e[q - 1]!;
  const h = (d[q - 1]! - d[q]!) / 2;
  const den = h + (h >= 0 ? 1 : -1) * Math.hypot(h, b);
  const mu = d[q]! - (b / den) * b;
  let x = d[p]! - mu;
  let z = e[p]!;
  for (let k = p; k < q; k++) {
    const r = Math.hypot(x, z);
    const c = r === 0 ? 1 : x / r, s = r === 0 ? 0 : z / r;
    cs[k] = c;
    sn[k] = s;
    if (k > p) e[k - 1] = r;
    const dk = d[k]!, dk1 = d[k + 1]!, ek = e[k]!;
    const cc = c * c, ss = s * s, cs2 = 2 * c * s * ek;
    d[k] = cc * dk + cs2 + ss * dk1;
    d[k + 1] = ss * dk - cs2 + cc * dk1;
    e[k] = c * s * (dk1 - dk) + (cc - ss) * ek;
    if (k < q - 1) {
      const en = e[k + 1]!;
      x = e[k]!;
      z = s * en;
      e[k + 1] = c * en;
    }
  }
}
