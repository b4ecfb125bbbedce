/**
 * Singular values (and vectors) of an upper bidiagonal matrix by implicit
 * shifted QR: the Golub–Kahan SVD step with a Wilkinson shift taken from the
 * trailing 2×2 of BᵀB, deflation of negligible superdiagonal entries, and
 * explicit zero-chasing when a diagonal entry vanishes (Golub & Van Loan,
 * Algorithms 8.6.1–8.6.2).
 *
 * The rotations of each sweep are recorded and then applied to the rows of Uᵀ
 * and Vᵀ (contiguous in row-major storage) four at a time by `applyRotations`.
 *
 * @module
 */

import { maxAbsEntry, negligible, scaleToUnitMax, unreducedStart } from "./qr_iteration.ts";
import { applyRotations, EPS, rotateRows, swapRows } from "./util.ts";

/** Sweeps allowed per singular value before giving up. */
const MAX_SWEEPS_PER_VALUE = 30;

/**
 * Diagonalise the upper bidiagonal B (diagonal `d`, superdiagonal `e`) in place.
 * On return `d` holds the singular values in descending order, `e` is zero,
 * and rows 0…n−1 of `ut` (row length `ldu`) and of `vt` (row length `ldv`)
 * have been rotated and permuted so that B_original = Uᵀ_newᵀ·diag(d)·Vᵀ_new
 * relative to the incoming bases.
 *
 * @param d Diagonal, length n (overwritten by the singular values).
 * @param e Superdiagonal, length n − 1 (overwritten).
 * @param ut Left vectors as rows (or null to skip them).
 * @param ldu Row length of `ut`.
 * @param vt Right vectors as rows (or null to skip them).
 * @param ldv Row length of `vt`.
 * @param maxSweeps Sweeps allowed before giving up with an error (default 30·n).
 *
 * @example Singular values of [[3, 4], [0, 0]]
 * ```ts
 * import { bidiagonalSvd } from "./bidiagonal_qr.ts";
 * import assert from "node:assert/strict";
 * const d = new Float64Array([3, 0]), e = new Float64Array([4]);
 * bidiagonalSvd(d, e, null, 0, null, 0);
 * assert.ok(Math.abs(d[0]! - 5) < 1e-15 && d[1] === 0);
 * ```
 */
export function bidiagonalSvd(
  d: Float64Array,
  e: Float64Array,
  ut: Float64Array | null,
  ldu: number,
  vt: Float64Array | null,
  ldv: number,
  maxSweeps: number = MAX_SWEEPS_PER_VALUE * d.length,
): void {
  const n = d.length;
  if (n === 0) return;
  // scale by a power of two (exact) so squares neither overflow nor underflow
  const { norm, scale } = scaleToUnitMax(d, e);
  if (norm > 0) {
    iterate(d, e, ut, ldu, vt, ldv, maxSweeps);
    if (scale !== 1) { for (let i = 0; i < n; i++) d[i] = d[i]! / scale; }
  }
  for (let i = 0; i < n; i++) {
    if (d[i]! < 0) {
      d[i] = -d[i]!;
      if (vt) { for (let j = 0, o = i * ldv; j < ldv; j++) vt[o + j] = -vt[o + j]!; }
    }
  }
  sortDescending(d, ut, ldu, vt, ldv);
}

/** Selection sort of `d` into descending order, swapping the matching rows. */
function sortDescending(
  d: Float64Array,
  ut: Float64Array | null,
  ldu: number,
  vt: Float64Array | null,
  ldv: number,
): void {
  const n = d.length;
  for (let i = 0; i < n - 1; i++) {
    let best = i;
    for (let j = i + 1; j < n; j++) if (d[j]! > d[best]!) best = j;
    if (best === i) continue;
    const t = d[i]!;
    d[i] = d[best]!;
    d[best] = t;
    if (ut) swapRows(ut, ldu, i, best);
    if (vt) swapRows(vt, ldv, i, best);
  }
}

/** The QR sweeps on a scaled bidiagonal (max entry ≈ 1). */
function iterate(
  d: Float64Array,
  e: Float64Array,
  ut: Float64Array | null,
  ldu: number,
  vt: Float64Array | null,
  ldv: number,
  maxSweeps: number,
): void {
  const n = d.length;
  const dTiny = EPS * maxAbsEntry(d, e);
  const rot = {
    cv: new Float64Array(n),
    sv: new Float64Array(n),
    cu: new Float64Array(n),
    su: new Float64Array(n),
  };
  let sweeps = 0;
  let q = n - 1;
  outer: while (q > 0) {
    if (negligible(e[q - 1]!, d[q - 1]!, d[q]!)) {
      e[q - 1] = 0;
      q--;
      continue;
    }
    const p = unreducedStart(d, e, q);
    // a zero on the diagonal splits the problem after a chase
    for (let i = p; i < q; i++) {
      if (Math.abs(d[i]!) <= dTiny) {
        d[i] = 0;
        chaseRow(d, e, i, q, ut, ldu);
        continue outer;
      }
    }
    if (Math.abs(d[q]!) <= dTiny) {
      d[q] = 0;
      chaseColumn(d, e, p, q, vt, ldv);
      continue;
    }
    if (++sweeps > maxSweeps) {
      throw new Error(
        `Cannot compute SVD: the bidiagonal QR iteration did not converge (${
          q + 1
        } of ${n} singular values unresolved, sweep limit ${maxSweeps})`,
      );
    }
    golubKahanStep(d, e, p, q, rot);
    if (vt) applyRotations(vt, ldv, p, q, rot.cv, rot.sv);
    if (ut) applyRotations(ut, ldu, p, q, rot.cu, rot.su);
  }
}

/** With d[i] = 0, zero e[i] by rotations of rows (j, i), j = i+1…q, from the left. */
function chaseRow(
  d: Float64Array,
  e: Float64Array,
  i: number,
  q: number,
  ut: Float64Array | null,
  ldu: number,
): void {
  let x = e[i]!;
  e[i] = 0;
  for (let j = i + 1; j <= q && x !== 0; j++) {
    const f = d[j]!;
    const r = Math.hypot(f, x);
    const c = f / r, s = x / r;
    d[j] = r;
    if (ut) rotateRows(ut, ldu, j, i, c, s);
    if (j < q) {
      x = -s * e[j]!;
      e[j] = c * e[j]!;
    }
  }
}

/** With d[q] = 0, zero e[q−1] by rotations of columns (j, q), j = q−1…p, from the right. */
function chaseColumn(
  d: Float64Array,
  e: Float64Array,
  p: number,
  q: number,
  vt: Float64Array | null,
  ldv: number,
): void {
  let x = e[q - 1]!;
  e[q - 1] = 0;
  for (let j = q - 1; j >= p && x !== 0; j--) {
    const f = d[j]!;
    const r = Math.hypot(f, x);
    const c = f / r, s = x / r;
    d[j] = r;
    if (vt) rotateRows(vt, ldv, j, q, c, s);
    if (j > p) {
      x = -s * e[j - 1]!;
      e[j - 1] = c * e[j - 1]!;
    }
  }
}

/** Rotations of one sweep: index k acts on k and k+1 (columns for V, rows for U). */
interface SweepRotations {
  cv: Float64Array;
  sv: Float64Array;
  cu: Float64Array;
  su: Float64Array;
}

/** One implicit shifted QR sweep on the unreduced block p…q (q > p), recording its rotations. */
function golubKahanStep(
  d: Float64Array,
  e: Float64Array,
  p: number,
  q: number,
  rot: SweepRotations,
): void {
  // Wilkinson shift: eigenvalue of the trailing 2×2 of BᵀB closer to its last entry
  const dq1 = d[q - 1]!, dq = d[q]!, eq1 = e[q - 1]!;
  const eq2 = q - 1 > p ? e[q - 2]! : 0;
  const t11 = dq1 * dq1 + eq2 * eq2;
  const t12 = dq1 * eq1;
  const t22 = dq * dq + eq1 * eq1;
  const h = (t11 - t22) / 2;
  const den = h + (h >= 0 ? 1 : -1) * Math.hypot(h, t12);
  const mu = den === 0 ? t22 : t22 - (t12 / den) * t12;

  let y = d[p]! * d[p]! - mu;
  let z = d[p]! * e[p]!;
  for (let k = p; k < q; k++) {
    // rotation of columns k, k+1 (from the right)
    let r = Math.hypot(y, z);
    let c = r === 0 ? 1 : y / r, s = r === 0 ? 0 : z / r;
    if (k > p) e[k - 1] = r;
    const dk = d[k]!, ek = e[k]!, dk1 = d[k + 1]!;
    const f = c * dk + s * ek;
    const g = c * ek - s * dk;
    const bulge = s * dk1;
    let dNext = c * dk1;
    rot.cv[k] = c;
    rot.sv[k] = s;
    // rotation of rows k, k+1 (from the left)
    r = Math.hypot(f, bulge);
    c = r === 0 ? 1 : f / r;
    s = r === 0 ? 0 : bulge / r;
    d[k] = r;
    e[k] = c * g + s * dNext;
    dNext = c * dNext - s * g;
    d[k + 1] = dNext;
    rot.cu[k] = c;
    rot.su[k] = s;
    if (k < q - 1) {
      const en = e[k + 1]!;
      y = e[k]!;
      z = s * en;
      e[k + 1] = c * en;
    }
  }
}
