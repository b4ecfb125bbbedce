/**
 * A one-line description of an array file: shape, dtype, finiteness and the
 * float64 sum numpy would print for it.
 *
 * @module
 */

import { toFloat64 } from "./convert.ts";
import { parseNpy, parseNpyHeader } from "./npy.ts";
import { fortranToC } from "./order.ts";
import { numpySum } from "./pairwise_sum.ts";

/** What `info` prints about an array. */
export interface ArraySummary {
  /** Dimensions (`[]` for a scalar). */
  shape: number[];
  /** numpy dtype descr as stored, e.g. `"<f8"`, `">i4"`, `"|b1"`. */
  dtype: string;
  /** False when any element is NaN or ±Infinity; integers and bools are always finite. */
  finite: boolean;
  /**
   * The float64 sum of all elements, equal to numpy's
   * `np.load(file).astype(np.float64).sum()` bit for bit (pairwise summation
   * in the file's memory order, see {@link numpySum}); `null` when the sum is
   * NaN or ±Infinity, which JSON cannot hold.
   */
  sum: number | null;
}

/**
 * Summarize the array in a `.npy` file held in memory.
 *
 * @param npy The `.npy` bytes.
 * @param source File name for error messages.
 * @returns Shape, dtype, finiteness and sum.
 *
 * @example
 * ```ts
 * import { summarizeNpy } from "./summary.ts";
 * import { encodeNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const npy = encodeNpy({ shape: [2, 2], data: new Int16Array([1, 2, 3, -4]) });
 * assert.deepEqual(summarizeNpy(npy), { shape: [2, 2], dtype: "<i2", finite: true, sum: 2 });
 * const bad = encodeNpy({ shape: [2], data: [1, NaN] });
 * assert.deepEqual(summarizeNpy(bad), { shape: [2], dtype: "<f8", finite: false, sum: null });
 * ```
 */
export function summarizeNpy(npy: Uint8Array, source = "<bytes>"): ArraySummary {
  const { fortranOrder } = parseNpyHeader(npy, source);
  const nd = parseNpy(npy, source);
  // 64-bit integers beyond 2^53 round to nearest, as numpy's astype(float64)
  const data = nd.data instanceof Float64Array // fresh from parseNpy: no need to copy
    ? nd.data
    : toFloat64(nd, { exactIntegers: false }).data;
  // numpy sums in memory order: for a Fortran-order file, undo the C reordering
  const memory = fortranOrder ? fortranToC(data, [...nd.shape].reverse()) : data;
  return summarizeFloat64(nd.shape, nd.dtype, memory);
}

/**
 * Summarize float64 values already in memory order (C order for every format
 * but Fortran-order `.npy`): finiteness and numpy's pairwise sum.
 *
 * @param shape Dimensions to report.
 * @param dtype numpy descr to report.
 * @param data The values in memory order.
 * @returns The summary.
 *
 * @example
 * ```ts
 * import { summarizeFloat64 } from "./summary.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(summarizeFloat64([2], "<f4", new Float64Array([1, Infinity])), {
 *   shape: [2], dtype: "<f4", finite: false, sum: null,
 * });
 * ```
 */
export function summarizeFloat64(
  shape: readonly number[],
  dtype: string,
  data: Float64Array,
): ArraySummary {
  let finite = true;
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      finite = false;
      break;
    }
  }
  const sum = numpySum(data);
  return { shape: [...shape], dtype, finite, sum: Number.isFinite(sum) ? sum : null };
}
