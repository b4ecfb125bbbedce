/**
 * From columns to rows: the transpose that turns a group of Arrow columns
 * (each one contiguous, as a column-per-feature table stores them) into the
 * row-major matrix, counting NaN on the way so that the missing-value check
 * needs no second pass over the output.
 *
 * @module
 */

const TILE_COLS = 64, TILE_ROWS = 128; // a tile's output rows span 8 cache lines each

/**
 * Write `n` columns of `rows` values held in `block` (column `g` starts at
 * `block[offsets[g]]`) into the row-major `out` from `out[start]`, rows
 * `stride` apart, and count the NaN written. One cache-blocked pass: tiles of
 * 64 columns × 128 rows, eight columns two rows at a time (sixteen reads
 * from eight columns, two runs of eight adjacent writes). Values are copied
 * as they are (bit for bit, -0 and infinities included).
 *
 * @param block Column values.
 * @param offsets Index in `block` of the first value of each column (at least `n` entries).
 * @param n Columns.
 * @param rows Rows.
 * @param out Row-major output.
 * @param start Index in `out` of column 0 of row 0.
 * @param stride Row length of `out`.
 * @returns The number of pairs of output rows of eight columns (or single
 * rows, or single values at a group's edge) that hold a NaN: 0 when none does.
 *
 * @example Two columns of three rows
 * ```ts
 * import { transposeColumns } from "./arrow_transpose.ts";
 * import assert from "node:assert/strict";
 * const out = new Float64Array(6);
 * const nan = transposeColumns(new Float64Array([1, 2, 3, 4, 5, 6]), [0, 3], 2, 3, out, 0, 2);
 * assert.deepEqual(Array.from(out), [1, 4, 2, 5, 3, 6]);
 * assert.equal(nan, 0);
 * assert.ok(transposeColumns(new Float64Array([NaN]), [0], 1, 1, out, 0, 1) > 0);
 * ```
 */
export function transposeColumns(
  block: Float64Array,
  offsets: ArrayLike<number>,
  n: number,
  rows: number,
  out: Float64Array,
  start: number,
  stride: number,
): number {
  const tileCols = TILE_COLS, tileRows = TILE_ROWS; // locals: constants to the optimiser
  let nan = 0;
  for (let g0 = 0; g0 < n; g0 += tileCols) {
    const g1 = Math.min(n, g0 + tileCols);
    for (let i0 = 0; i0 < rows; i0 += tileRows) {
      const len = Math.min(rows, i0 + tileRows) - i0;
      let g = g0;
      for (; g + 8 <= g1; g += 8) {
        const p0 = offsets[g]! + i0, p1 = offsets[g + 1]! + i0, p2 = offsets[g + 2]! + i0;
        const p3 = offsets[g + 3]! + i0, p4 = offsets[g + 4]! + i0, p5 = offsets[g + 5]! + i0;
        const p6 = offsets[g + 6]! + i0, p7 = offsets[g + 7]! + i0;
        let at = start + i0 * stride + g;
        let i = 0;
        for (; i + 2 <= len; i += 2, at += 2 * stride) {
          const a = block[p0 + i]!, b = block[p1 + i]!, c = block[p2 + i]!, d = block[p3 + i]!;
          const e = block[p4 + i]!, f = block[p5 + i]!, h = block[p6 + i]!, k = block[p7 + i]!;
          const a2 = block[p0 + i + 1]!, b2 = block[p1 + i + 1]!, c2 = block[p2 + i + 1]!;
          const d2 = block[p3 + i + 1]!, e2 = block[p4 + i + 1]!, f2 = block[p5 + i + 1]!;
          const h2 = block[p6 + i + 1]!, k2 = block[p7 + i + 1]!;
          out[at] = a;
          out[at + 1] = b;
          out[at + 2] = c;
          out[at + 3] = d;
          out[at + 4] = e;
          out[at + 5] = f;
          out[at + 6] = h;
          out[at + 7] = k;
          const at2 = at + stride;
          out[at2] = a2;
          out[at2 + 1] = b2;
          out[at2 + 2] = c2;
          out[at2 + 3] = d2;
          out[at2 + 4] = e2;
          out[at2 + 5] = f2;
          out[at2 + 6] = h2;
          out[at2 + 7] = k2;
          if (
            a !== a || b !== b || c !== c || d !== d || e !== e || f !== f || h !== h || k !== k ||
            a2 !== a2 || b2 !== b2 || c2 !== c2 || d2 !== d2 || e2 !== e2 || f2 !== f2 ||
            h2 !== h2 || k2 !== k2
          ) {
            nan++;
          }
        }
        for (; i < len; i++, at += stride) {
          const a = block[p0 + i]!, b = block[p1 + i]!, c = block[p2 + i]!, d = block[p3 + i]!;
          const e = block[p4 + i]!, f = block[p5 + i]!, h = block[p6 + i]!, k = block[p7 + i]!;
          out[at] = a;
          out[at + 1] = b;
          out[at + 2] = c;
          out[at + 3] = d;
          out[at + 4] = e;
          out[at + 5] = f;
          out[at + 6] = h;
          out[at + 7] = k;
          if (
            a !== a || b !== b || c !== c || d !== d || e !== e || f !== f || h !== h || k !== k
          ) {
            nan++;
          }
        }
      }
      for (; g < g1; g++) {
        const p = offsets[g]! + i0;
        let at = start + i0 * stride + g;
        for (let i = 0; i < len; i++, at += stride) {
          const a = block[p + i]!;
          out[at] = a;
          if (a !== a) nan++;
        }
      }
    }
  }
  return nan;
}
