/**
 * From stored arrays to the float64 data the maths works on: `toFloat64`,
 * `readMatrix` and `readTensor`.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { formatShape, type NDArray } from "./dtype.ts";
import { readArrayFile } from "./read_any.ts";
import { checkOptions } from "../validate/options.ts";
import { READ_ARRAY_OPTIONS, TO_FLOAT64_OPTIONS } from "./option_kinds.ts";

/** A float64 array of any rank, C order. */
export interface Float64Tensor {
  /** Dimensions; `[]` for a scalar. */
  shape: number[];
  /** Elements in C order, length = product of `shape`. */
  data: Float64Array;
}

/** Options for {@link toFloat64}. */
export interface ToFloat64Options {
  /**
   * Throw a `RangeError` for an int64/uint64 element beyond ±2^53, which float64
   * cannot hold exactly; when false such elements are rounded to nearest.
   * @default true
   */
  exactIntegers?: boolean;
  /** Name of the array in error messages. @default "array" */
  name?: string;
}

const LIMIT = 2n ** 53n;

/**
 * Convert an {@link NDArray} of any supported dtype to float64 (a new array;
 * the input is not modified). Floats and 32-bit-or-smaller integers convert
 * exactly, bool gives 0/1, and 64-bit integers convert exactly up to 2^53 in
 * magnitude.
 *
 * @param nd The array.
 * @param options See {@link ToFloat64Options}.
 * @returns Shape and float64 data (C order).
 * @throws {RangeError} For a 64-bit integer beyond ±2^53 when `exactIntegers`.
 *
 * @example
 * ```ts
 * import { toFloat64 } from "./convert.ts";
 * import assert from "node:assert/strict";
 * const t = toFloat64({ shape: [2], dtype: "<i8", data: new BigInt64Array([-3n, 5n]) });
 * assert.deepEqual(Array.from(t.data), [-3, 5]);
 * assert.throws(
 *   () => toFloat64({ shape: [1], dtype: "<i8", data: new BigInt64Array([2n ** 60n]) }),
 *   RangeError,
 * );
 * ```
 */
export function toFloat64(nd: NDArray, options: ToFloat64Options = {}): Float64Tensor {
  checkOptions(options, TO_FLOAT64_OPTIONS, "Cannot convert array to float64");
  const { exactIntegers = true, name = "array" } = options;
  const src = nd.data;
  const shape = [...nd.shape];
  if (src instanceof BigInt64Array || src instanceof BigUint64Array) {
    const out = new Float64Array(src.length);
    for (let k = 0; k < src.length; k++) {
      const v = src[k]!;
      if (exactIntegers && (v > LIMIT || v < -LIMIT)) {
        throw new RangeError(
          `Cannot convert \`${name}\` to float64: element ${v} at index ${k} exceeds 2^53 in magnitude and would be rounded`,
        );
      }
      out[k] = Number(v);
    }
    return { shape, data: out };
  }
  return { shape, data: new Float64Array(src as ArrayLike<number>) };
}

/** Options for {@link readMatrix} and {@link readTensor}. */
export interface ReadArrayOptions {
  /** Argument name used in error messages, e.g. `"X"`. @default undefined */
  name?: string;
  /**
   * Member of a `.npz` archive (without `.npy`); may be omitted for an
   * archive with a single member; must be omitted for a `.npy` file.
   * @default undefined
   */
  key?: string;
}

function label(path: string, options: ReadArrayOptions): string {
  return options.name === undefined ? `\`${path}\`` : `\`${options.name}\` (${path})`;
}

/**
 * Read a `.npy` file (or a member of a `.npz` archive) as a float64 tensor of
 * any rank.
 *
 * @param path File to read.
 * @param options See {@link ReadArrayOptions}.
 * @returns Shape and float64 data (C order).
 *
 * @example
 * ```ts
 * import { readTensor } from "./convert.ts";
 * import { writeNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { shape: [2, 1, 2], data: new Int8Array([1, -2, 3, -4]) });
 * assert.deepEqual(readTensor(path), { shape: [2, 1, 2], data: new Float64Array([1, -2, 3, -4]) });
 * Deno.removeSync(path);
 * ```
 */
export function readTensor(path: string, options: ReadArrayOptions = {}): Float64Tensor {
  checkOptions(options, READ_ARRAY_OPTIONS, `Cannot read \`${path}\``);
  const nd = readArrayFile(path, options.key);
  return toFloat64(nd, { name: options.name ?? path });
}

/**
 * Read a `.npy` file (or a member of a `.npz` archive) as a float64 matrix: a
 * 2-D array as is, a 1-D array of length n as an n×1 column.
 *
 * @param path File to read.
 * @param options See {@link ReadArrayOptions}.
 * @returns The matrix (row-major).
 * @throws {TypeError} When the array is not 1-D or 2-D (the message names the
 * file and the shape).
 *
 * @example A vector becomes a column
 * ```ts
 * import { readMatrix } from "./convert.ts";
 * import { writeNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { shape: [3], data: new Float64Array([1, 2, 3]) });
 * const X = readMatrix(path, { name: "X" });
 * assert.deepEqual([X.rows, X.cols], [3, 1]);
 * Deno.removeSync(path);
 * ```
 */
export function readMatrix(path: string, options: ReadArrayOptions = {}): Matrix {
  checkOptions(options, READ_ARRAY_OPTIONS, `Cannot read \`${path}\``);
  const nd = readArrayFile(path, options.key);
  if (nd.shape.length !== 1 && nd.shape.length !== 2) {
    throw new TypeError(
      `Cannot read matrix ${label(path, options)}: expected a 1-D or 2-D array: got shape ${
        formatShape(nd.shape)
      }`,
    );
  }
  const { data } = toFloat64(nd, { name: options.name ?? path });
  const [rows, cols = 1] = nd.shape as [number, number?];
  return { rows, cols, data };
}
