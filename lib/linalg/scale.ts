/**
 * Exact rescaling of extreme data by a power of two, so that squares and sums of
 * squares neither overflow nor underflow. Multiplying by 2^k only changes the
 * exponent of every float (short of the subnormal range), so results that are
 * invariant to scale come out the same, and ordinary data (max |x| in
 * [2^-500, 2^500]) is left untouched, bit for bit.
 *
 * @module
 */

/** Data whose largest |x| lies in [2^-LIMIT, 2^LIMIT] is not rescaled. */
const LIMIT = 500;

/**
 * The largest finite |x| of `data` (0 when there is none): what decides whether
 * data needs rescaling, and what messages about its range quote.
 *
 * @param data Values (NaN and ±Infinity are ignored).
 * @returns max |x| over the finite entries.
 *
 * @example
 * ```ts
 * import { largestMagnitude } from "./scale.ts";
 * import assert from "node:assert/strict";
 * assert.equal(largestMagnitude([1, -3, NaN, Infinity]), 3);
 * assert.equal(largestMagnitude([]), 0);
 * ```
 */
export function largestMagnitude(data: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]!);
    if (a > max && a < Infinity) max = a;
  }
  return max;
}

/**
 * The power of two to divide `data` by before squaring it: 0 when the largest
 * |x| lies in [2^-500, 2^500] (or the data is all zeros or not finite), else the
 * exponent k with 2^k ≤ max |x| < 2^(k+1), so that `data / 2^k` has its largest
 * |x| in [1, 2).
 *
 * @param data Values (NaN and ±Infinity are ignored).
 * @returns The exponent k (an integer; 0 means "leave as is").
 *
 * @example
 * ```ts
 * import { powerOfTwoScale } from "./scale.ts";
 * import assert from "node:assert/strict";
 * assert.equal(powerOfTwoScale([1, -3, 1e100]), 0); // ordinary data is left alone
 * assert.equal(powerOfTwoScale([2 ** 600, -1]), 600);
 * assert.equal(powerOfTwoScale([3 * 2 ** -700]), -699);
 * assert.equal(powerOfTwoScale([0, 0]), 0);
 * ```
 */
export function powerOfTwoScale(data: ArrayLike<number>): number {
  const max = largestMagnitude(data);
  if (max === 0 || (max >= 2 ** -LIMIT && max <= 2 ** LIMIT)) return 0;
  return binaryExponent(max);
}

/**
 * The binary exponent of a positive finite number: the integer k with
 * 2^k ≤ x < 2^(k+1), exact for every x, subnormals included.
 *
 * @param x A positive finite number.
 * @returns k.
 *
 * @example
 * ```ts
 * import { binaryExponent } from "./scale.ts";
 * import assert from "node:assert/strict";
 * assert.equal(binaryExponent(1), 0);
 * assert.equal(binaryExponent(0.75), -1);
 * assert.equal(binaryExponent(2 ** 1023 * 1.5), 1023);
 * assert.equal(binaryExponent(5e-324), -1074); // the smallest subnormal
 * assert.equal(binaryExponent(0), -Infinity); // no exponent (and no endless loop)
 * ```
 */
export function binaryExponent(x: number): number {
  let k = Math.floor(Math.log2(x));
  // 0, ±Infinity and NaN have no binary exponent: −Infinity, Infinity or NaN, as log2 gives
  if (!(x > 0 && x < Infinity)) return k;
  // log2 may round across a power of two: settle the exponent exactly (2 ** k is exact for
  // every k in [-1074, 1023], so the comparisons are too)
  while (x < 2 ** k) k--;
  while (x >= 2 ** (k + 1)) k++;
  return k;
}

/**
 * `data · 2^-k` as a new Float64Array (exact for normal numbers); `data` itself,
 * copied, when k = 0.
 *
 * @param data Values.
 * @param k Exponent from {@link powerOfTwoScale}.
 * @returns The rescaled copy.
 *
 * @example
 * ```ts
 * import { divideByPowerOfTwo } from "./scale.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([...divideByPowerOfTwo([2 ** 600, 3 * 2 ** 599], 600)], [1, 1.5]);
 * ```
 */
export function divideByPowerOfTwo(data: ArrayLike<number>, k: number): Float64Array {
  const out = Float64Array.from(data);
  if (k === 0) return out;
  // two steps so that 2^-k itself never overflows or underflows (|k| ≤ 1075)
  const half = Math.trunc(k / 2);
  const a = 2 ** -half, b = 2 ** -(k - half);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! * a * b;
  return out;
}
