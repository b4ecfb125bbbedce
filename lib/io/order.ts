/**
 * Memory-order conversion between Fortran (column-major) and C (row-major)
 * layouts of an n-dimensional array.
 *
 * @module
 */

import type { NDArrayData } from "./dtype.ts";

type Indexable = { [k: number]: number | bigint; length: number };

/**
 * Reorder elements stored in Fortran order into C order (a new array of the
 * same type; the input is returned as-is when the orders coincide, i.e. for
 * rank < 2 or no elements).
 *
 * To go the other way, `fortranToC(cData, [...shape].reverse())` gives the
 * Fortran-order elements of an array whose C-order elements are `cData`.
 *
 * @param data Elements in Fortran order.
 * @param shape Dimensions.
 * @returns Elements in C order.
 *
 * @example A 2×3 matrix stored column by column
 * ```ts
 * import { fortranToC } from "./order.ts";
 * import assert from "node:assert/strict";
 * // [[1, 2, 3], [4, 5, 6]] in Fortran order is 1, 4, 2, 5, 3, 6
 * const c = fortranToC(new Float64Array([1, 4, 2, 5, 3, 6]), [2, 3]);
 * assert.deepEqual(Array.from(c), [1, 2, 3, 4, 5, 6]);
 * ```
 */
export function fortranToC<T extends NDArrayData>(data: T, shape: readonly number[]): T {
  const k = shape.length;
  const n = data.length;
  if (k < 2 || n === 0) return data;
  const strides = new Array<number>(k);
  strides[0] = 1;
  for (let a = 1; a < k; a++) strides[a] = strides[a - 1]! * shape[a - 1]!;
  const out = new (data.constructor as new (n: number) => T)(n);
  const src = data as unknown as Indexable;
  const dst = out as unknown as Indexable;
  const idx = new Array<number>(k).fill(0);
  const last = shape[k - 1]!;
  const step = strides[k - 1]!;
  let off = 0;
  for (let c = 0; c < n; c += last) {
    for (let j = 0, o = off; j < last; j++, o += step) dst[c + j] = src[o]!;
    for (let a = k - 2; a >= 0; a--) {
      off += strides[a]!;
      if (++idx[a]! < shape[a]!) break;
      off -= strides[a]! * shape[a]!;
      idx[a] = 0;
    }
  }
  return out;
}
