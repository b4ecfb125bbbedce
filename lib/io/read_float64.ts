/**
 * Reading float64 values from a file into their final array and counting NaN
 * on the way: the file is read a block at a time, and each block is scanned
 * while it is still in the cache, so the missing-value check costs no second
 * pass over memory.
 *
 * @module
 */

import { readInto } from "./detect.ts";

/** Bytes per read: a 2 MiB huge page, which fits the cache of the cores in use. */
const BLOCK_BYTES = 1 << 21;

/**
 * Number of NaN among `x[from, to)`. Eight values are added at a time, and a
 * group is looked at one by one only when its sum is NaN (a NaN, or ±Infinity
 * of both signs): fewer branches than testing every value.
 */
function countNaN(x: Float64Array, from: number, to: number): number {
  let bad = 0, k = from;
  for (const end = to - 7; k < end; k += 8) {
    const s = x[k]! + x[k + 1]! + x[k + 2]! + x[k + 3]! + x[k + 4]! + x[k + 5]! + x[k + 6]! +
      x[k + 7]!;
    if (s !== s) {
      for (let j = k; j < k + 8; j++) if (x[j] !== x[j]) bad++;
    }
  }
  for (; k < to; k++) if (x[k] !== x[k]) bad++;
  return bad;
}

/**
 * Read `dest.length` little-endian float64 values at byte `offset` of an open
 * file into `dest`, counting the NaN among them.
 *
 * @param file The open file.
 * @param offset Byte offset of the first value.
 * @param dest Where the values go (its length is the number read).
 * @returns `{ got, nan }`: bytes read (short at the end of the file) and NaN
 * among the values read.
 *
 * @example
 * ```ts
 * import { readFloat64 } from "./read_float64.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync();
 * Deno.writeFileSync(path, new Uint8Array(new Float64Array([1, NaN, 3]).buffer));
 * using file = Deno.openSync(path);
 * const dest = new Float64Array(3);
 * assert.deepEqual(readFloat64(file, 0, dest), { got: 24, nan: 1 });
 * assert.equal(dest[2], 3);
 * Deno.removeSync(path);
 * ```
 */
export function readFloat64(
  file: Deno.FsFile,
  offset: number,
  dest: Float64Array,
): { got: number; nan: number } {
  const step = BLOCK_BYTES / 8;
  let got = 0, nan = 0;
  for (let k = 0; k < dest.length; k += step) {
    const block = dest.subarray(k, Math.min(dest.length, k + step));
    const bytes = new Uint8Array(block.buffer, block.byteOffset, block.byteLength);
    const n = readInto(file, offset + k * 8, bytes);
    got += n;
    nan += countNaN(dest, k, k + Math.floor(n / 8));
    if (n < bytes.length) break;
  }
  return { got, nan };
}
