/**
 * Small shared kernels of the portable backend: transposition, row swaps,
 * plane rotations of rows, and overflow-safe norms.
 *
 * @module
 */

import { transpose } from "../matrix.ts";

/** Machine epsilon (unit roundoff ×2) of float64. */
export const EPS = Number.EPSILON;
/** Smallest positive normal float64. */
export const SAFE_MIN = 2.2250738585072014e-308;

/**
 * Transpose of row-major [m, n] data into a new row-major [n, m] array (cache-blocked,
 * by {@link transpose} of `matrix.ts`).
 *
 * @param data Row-major entries.
 * @param m Rows.
 * @param n Columns.
 * @returns The transposed entries.
 *
 * @example
 * ```ts
 * import { transposeData } from "./util.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(transposeData(new Float64Array([1, 2, 3, 4, 5, 6]), 2, 3)), [1, 4, 2, 5, 3, 6]);
 * ```
 */
export function transposeData(data: Float64Array, m: number, n: number): Float64Array {
  return transpose({ rows: m, cols: n, data }).data;
}

/**
 * Apply a plane rotation to rows r1 and r2 of a row-major array with row length `n`:
 * (x, y) ← (c·x + s·y, −s·x + c·y) entrywise.
 *
 * @param z Row-major storage.
 * @param n Row length.
 * @param r1 First row.
 * @param r2 Second row.
 * @param c Cosine.
 * @param s Sine.
 *
 * @example A quarter turn
 * ```ts
 * import { rotateRows } from "./util.ts";
 * import assert from "node:assert/strict";
 * const z = new Float64Array([1, 2, 3, 4]);
 * rotateRows(z, 2, 0, 1, 0, 1);
 * assert.deepEqual(Array.from(z), [3, 4, -1, -2]);
 * ```
 */
export function rotateRows(
  z: Float64Array,
  n: number,
  r1: number,
  r2: number,
  c: number,
  s: number,
): void {
  const o1 = r1 * n, o2 = r2 * n;
  for (let j = 0; j < n; j++) {
    const x = z[o1 + j]!, y = z[o2 + j]!;
    z[o1 + j] = c * x + s * y;
    z[o2 + j] = c * y - s * x;
  }
}

/**
 * Apply the sequence of plane rotations G_p, G_{p+1}, …, G_{q−1} to the rows of
 * a row-major array, G_k acting on rows k and k+1 exactly like
 * {@link rotateRows}(z, n, k, k + 1, cs[k], sn[k]). Four rotations share one
 * pass over five rows, so each row is loaded and stored about once per four
 * rotations instead of twice per rotation (bit-for-bit the same result).
 *
 * @param z Row-major storage.
 * @param n Row length.
 * @param p First rotation index.
 * @param q One past the last rotation index (rows p…q are touched).
 * @param cs Cosines, indexed by k.
 * @param sn Sines, indexed by k.
 *
 * @example Same as rotating one pair after the other
 * ```ts
 * import { applyRotations, rotateRows } from "./util.ts";
 * import assert from "node:assert/strict";
 * const a = new Float64Array([1, 2, 3, 4, 5, 6]), b = a.slice();
 * const cs = new Float64Array([0.6, 0.8]), sn = new Float64Array([0.8, -0.6]);
 * applyRotations(a, 2, 0, 2, cs, sn);
 * rotateRows(b, 2, 0, 1, 0.6, 0.8);
 * rotateRows(b, 2, 1, 2, 0.8, -0.6);
 * assert.deepEqual(a, b);
 * ```
 */
export function applyRotations(
  z: Float64Array,
  n: number,
  p: number,
  q: number,
  cs: Float64Array,
  sn: Float64Array,
): void {
  let k = p;
  for (; k + 3 < q; k += 4) {
    const c1 = cs[k]!, s1 = sn[k]!, c2 = cs[k + 1]!, s2 = sn[k + 1]!;
    const c3 = cs[k + 2]!, s3 = sn[k + 2]!, c4 = cs[k + 3]!, s4 = sn[k + 3]!;
    const o0 = k * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n, o4 = o3 + n;
    for (let j = 0; j < n; j++) {
      const x0 = z[o0 + j]!, x1 = z[o1 + j]!, x2 = z[o2 + j]!, x3 = z[o3 + j]!, x4 = z[o4 + j]!;
      z[o0 + j] = c1 * x0 + s1 * x1;
      const y1 = c1 * x1 - s1 * x0;
      z[o1 + j] = c2 * y1 + s2 * x2;
      const y2 = c2 * x2 - s2 * y1;
      z[o2 + j] = c3 * y2 + s3 * x3;
      const y3 = c3 * x3 - s3 * y2;
      z[o3 + j] = c4 * y3 + s4 * x4;
      z[o4 + j] = c4 * x4 - s4 * y3;
    }
  }
  for (; k < q; k++) rotateRows(z, n, k, k + 1, cs[k]!, sn[k]!);
}

/**
 * Swap rows r1 and r2 of a row-major array with row length `n`.
 *
 * @param z Row-major storage.
 * @param n Row length.
 * @param r1 First row.
 * @param r2 Second row.
 *
 * @example
 * ```ts
 * import { swapRows } from "./util.ts";
 * import assert from "node:assert/strict";
 * const z = new Float64Array([1, 2, 3, 4]);
 * swapRows(z, 2, 0, 1);
 * assert.deepEqual(Array.from(z), [3, 4, 1, 2]);
 * ```
 */
export function swapRows(z: Float64Array, n: number, r1: number, r2: number): void {
  if (r1 === r2) return;
  const o1 = r1 * n, o2 = r2 * n;
  for (let j = 0; j < n; j++) {
    const t = z[o1 + j]!;
    z[o1 + j] = z[o2 + j]!;
    z[o2 + j] = t;
  }
}

/**
 * Euclidean norm of `len` entries x[off + i·stride], without overflow or
 * harmful underflow (rescales when the plain sum of squares leaves the safe range).
 *
 * @param x Storage.
 * @param off Offset of the first entry.
 * @param len Number of entries.
 * @param stride Step between entries.
 * @returns ‖x‖₂.
 *
 * @example No overflow
 * ```ts
 * import { norm2 } from "./util.ts";
 * import assert from "node:assert/strict";
 * assert.ok(Math.abs(norm2(new Float64Array([3e200, 4e200]), 0, 2, 1) / 5e200 - 1) < 1e-15);
 * ```
 */
export function norm2(x: Float64Array, off: number, len: number, stride: number): number {
  let s = 0;
  for (let i = 0, p = off; i < len; i++, p += stride) {
    const v = x[p]!;
    s += v * v;
  }
  if (s > 1e-280 && s < 1e280) return Math.sqrt(s);
  let mx = 0;
  for (let i = 0, p = off; i < len; i++, p += stride) mx = Math.max(mx, Math.abs(x[p]!));
  if (mx === 0 || !Number.isFinite(mx)) return mx;
  s = 0;
  for (let i = 0, p = off; i < len; i++, p += stride) {
    const v = x[p]! / mx;
    s += v * v;
  }
  return mx * Math.sqrt(s);
}
