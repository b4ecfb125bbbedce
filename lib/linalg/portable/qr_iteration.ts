/**
 * Steps shared by the implicit-shift QR iterations on a diagonal `d` and one
 * off-diagonal `e` (the bidiagonal SVD and the symmetric tridiagonal
 * eigensolver): exact power-of-two scaling, the negligibility test and the
 * search for the unreduced block to sweep.
 *
 * @module
 */

import { EPS } from "./util.ts";

/** Off-diagonal entries at or below this count as zero (after scaling to max entry ≈ 1). */
const TINY = 1e-300;

/**
 * The largest |entry| of d (length n) and e (first n − 1 entries).
 *
 * @param d Diagonal.
 * @param e Off-diagonal.
 * @returns max(|dᵢ|, |eᵢ|), 0 for n = 0.
 *
 * @example
 * ```ts
 * import { maxAbsEntry } from "./qr_iteration.ts";
 * import assert from "node:assert/strict";
 * assert.equal(maxAbsEntry(new Float64Array([1, -3]), new Float64Array([2, 9])), 3);
 * ```
 */
export function maxAbsEntry(d: Float64Array, e: Float64Array): number {
  const n = d.length;
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]!));
  for (let i = 0; i < n - 1; i++) norm = Math.max(norm, Math.abs(e[i]!));
  return norm;
}

/**
 * Scale d and e in place by the power of two (exact, clamped to 2^±1020) that
 * brings the largest entry near 1, so squares neither overflow nor underflow.
 *
 * @param d Diagonal, scaled in place.
 * @param e Off-diagonal, scaled in place.
 * @returns The largest |entry| before scaling and the factor applied (1 when
 *   that entry is 0).
 *
 * @example
 * ```ts
 * import { scaleToUnitMax } from "./qr_iteration.ts";
 * import assert from "node:assert/strict";
 * const d = new Float64Array([8, 2]), e = new Float64Array([4]);
 * assert.deepEqual(scaleToUnitMax(d, e), { norm: 8, scale: 0.125 });
 * assert.deepEqual([Array.from(d), Array.from(e)], [[1, 0.25], [0.5]]);
 * ```
 */
export function scaleToUnitMax(d: Float64Array, e: Float64Array): { norm: number; scale: number } {
  const n = d.length;
  const norm = maxAbsEntry(d, e);
  const scale = norm > 0 ? 2 ** Math.max(-1020, Math.min(1020, -Math.round(Math.log2(norm)))) : 1;
  if (scale !== 1) {
    for (let i = 0; i < n; i++) d[i] = d[i]! * scale;
    for (let i = 0; i < n - 1; i++) e[i] = e[i]! * scale;
  }
  return { norm, scale };
}

/**
 * Whether the off-diagonal entry between d1 and d2 is negligible:
 * |e| ≤ ε(|d1| + |d2|) or |e| ≤ 1e-300.
 *
 * @param e Off-diagonal entry.
 * @param d1 Diagonal entry before it.
 * @param d2 Diagonal entry after it.
 * @returns True when e can be set to zero.
 *
 * @example
 * ```ts
 * import { negligible } from "./qr_iteration.ts";
 * import assert from "node:assert/strict";
 * assert.ok(negligible(1e-17, 1, 1) && !negligible(1e-15, 1, 1));
 * ```
 */
export function negligible(e: number, d1: number, d2: number): boolean {
  const a = Math.abs(e);
  return a <= EPS * (Math.abs(d1) + Math.abs(d2)) || a <= TINY;
}

/**
 * Start p of the unreduced block ending at q: walk up from q − 1 until an
 * off-diagonal entry e[p − 1] is negligible (it is set to zero) or p = 0.
 *
 * @param d Diagonal.
 * @param e Off-diagonal; a negligible entry found is zeroed.
 * @param q Last index of the block (e[q − 1] not negligible).
 * @returns p.
 *
 * @example
 * ```ts
 * import { unreducedStart } from "./qr_iteration.ts";
 * import assert from "node:assert/strict";
 * const e = new Float64Array([1, 1e-20, 1]);
 * assert.equal(unreducedStart(new Float64Array([1, 1, 1, 1]), e, 3), 2);
 * assert.equal(e[1], 0);
 * ```
 */
export function unreducedStart(d: Float64Array, e: Float64Array, q: number): number {
  let p = q - 1;
  while (p > 0) {
    if (negligible(e[p - 1]!, d[p - 1]!, d[p]!)) {
      e[p - 1] = 0;
      break;
    }
    p--;
  }
  return p;
}
