/**
 * Float64 summation that reproduces numpy's `arr.sum()` bit for bit.
 *
 * numpy adds float64 elements in memory order in blocks of 8192 (its ufunc
 * buffer size), accumulating `0.0 + s(block₁) + s(block₂) + …`, where `s` is
 * pairwise summation: fewer than 8 elements are added in sequence; up to 128
 * use eight interleaved partial sums combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))
 * plus the leftover tail; longer runs split at half the length rounded down to a
 * multiple of 8 and recurse.
 *
 * @module
 */

/**
 * numpy's pairwise sum of `data[start .. start + n)` (one block, no 8192
 * blocking; see {@link numpySum} for the full reduction).
 *
 * @param data The values.
 * @param start First index.
 * @param n Number of elements.
 * @returns Their pairwise sum.
 *
 * @example
 * ```ts
 * import { pairwiseSum } from "./pairwise_sum.ts";
 * import assert from "node:assert/strict";
 * assert.equal(pairwiseSum(new Float64Array([1, 2, 3, 4]), 1, 2), 5);
 * ```
 */
export function pairwiseSum(data: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += data[start + i]!;
    return res;
  }
  if (n <= 128) {
    let r0 = data[start]!, r1 = data[start + 1]!, r2 = data[start + 2]!, r3 = data[start + 3]!;
    let r4 = data[start + 4]!, r5 = data[start + 5]!, r6 = data[start + 6]!, r7 = data[start + 7]!;
    const stop = start + n - (n % 8);
    let i = start + 8;
    for (; i < stop; i += 8) {
      r0 += data[i]!;
      r1 += data[i + 1]!;
      r2 += data[i + 2]!;
      r3 += data[i + 3]!;
      r4 += data[i + 4]!;
      r5 += data[i + 5]!;
      r6 += data[i + 6]!;
      r7 += data[i + 7]!;
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < start + n; i++) res += data[i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(data, start, n2) + pairwiseSum(data, start + n2, n - n2);
}

/** numpy's default ufunc buffer size (`np.getbufsize()`), the block length of a sum. */
export const NUMPY_BUFSIZE = 8192;

/**
 * Sum float64 values exactly as numpy's `arr.sum()` does for an array whose
 * memory holds `data` in order: `0.0` plus the pairwise sums of consecutive
 * blocks of 8192 elements. An empty array sums to 0; -0 entries alone sum to +0.
 *
 * @param data The values, in the array's memory order.
 * @returns The sum (NaN/±Infinity propagate as in IEEE arithmetic).
 *
 * @example Pairwise summation differs from a left-to-right loop
 * ```ts
 * import { numpySum } from "./pairwise_sum.ts";
 * import assert from "node:assert/strict";
 * const x = new Float64Array([1e16, 1, 1, 1, 1, 1, 1, 1, 1]);
 * let loop = 0;
 * for (const v of x) loop += v;
 * assert.equal(loop, 1e16);
 * assert.equal(numpySum(x), 1e16 + 8);
 * ```
 */
export function numpySum(data: Float64Array): number {
  let res = 0;
  for (let s = 0; s < data.length; s += NUMPY_BUFSIZE) {
    res += pairwiseSum(data, s, Math.min(NUMPY_BUFSIZE, data.length - s));
  }
  return res;
}
