/**
 * IEEE 754 half precision (numpy `float16`) ↔ float64, bit-exact with numpy:
 * widening is exact, narrowing rounds to nearest, ties to even, and NaN
 * payloads carry over in the top mantissa bits as numpy does.
 *
 * Assumes a little-endian host (every platform Deno runs on).
 *
 * @module
 */

/**
 * Widen half-precision bit patterns to float64 (exact; NaN payloads kept).
 *
 * @param bits Half-precision bit patterns.
 * @returns The float64 values.
 *
 * @example Widening 1, -2 and the largest half
 * ```ts
 * import { halfToFloat64 } from "./half.ts";
 * import assert from "node:assert/strict";
 * const x = halfToFloat64(new Uint16Array([0x3c00, 0xc000, 0x7bff]));
 * assert.deepEqual(Array.from(x), [1, -2, 65504]);
 * ```
 */
export function halfToFloat64(bits: Uint16Array): Float64Array {
  const out = new Float64Array(bits.length);
  const words = new Uint32Array(out.buffer);
  for (let k = 0; k < bits.length; k++) {
    const h = bits[k]!;
    const sign = (h & 0x8000) << 16;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    if (exp === 0) {
      // zero or subnormal: mant · 2^-24, exact in float64
      out[k] = mant * 2 ** -24;
      words[2 * k + 1] |= sign;
    } else if (exp === 0x1f) {
      words[2 * k + 1] = (sign | 0x7ff00000 | (mant << 10)) >>> 0;
    } else {
      words[2 * k + 1] = (sign | ((exp - 15 + 1023) << 20) | (mant << 10)) >>> 0;
    }
  }
  return out;
}

function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  return d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
}

/**
 * Narrow float64 values to half-precision bit patterns, rounding to nearest
 * with ties to even; overflow gives ±Infinity, as numpy's `astype(np.float16)`.
 *
 * @param values The float64 values.
 * @returns Half-precision bit patterns.
 *
 * @example Narrowing rounds ties to even
 * ```ts
 * import { float64ToHalf } from "./half.ts";
 * import assert from "node:assert/strict";
 * // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even 1
 * assert.deepEqual(Array.from(float64ToHalf(new Float64Array([1 + 2 ** -11, 1e6]))), [0x3c00, 0x7c00]);
 * ```
 */
export function float64ToHalf(values: Float64Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  for (let k = 0; k < values.length; k++) {
    const hi = words[2 * k + 1]!;
    const sign = (hi >>> 16) & 0x8000;
    const v = values[k]!;
    if (Number.isNaN(v)) {
      const mant = (hi >>> 10) & 0x3ff;
      out[k] = sign | 0x7c00 | (mant === 0 ? 1 : mant);
      continue;
    }
    const a = Math.abs(v);
    if (a >= 65520) {
      out[k] = sign | 0x7c00; // rounds past the largest half (65504)
    } else if (a < 2 ** -14) {
      out[k] = sign | roundHalfEven(a * 2 ** 24); // subnormal; 1024 becomes the smallest normal
    } else {
      const e = ((hi >>> 20) & 0x7ff) - 1023; // a is normal in float64 here
      const sig = roundHalfEven((a / 2 ** e - 1) * 1024);
      out[k] = sign | (((e + 15) << 10) + sig); // sig = 1024 carries into the exponent
    }
  }
  return out;
}
