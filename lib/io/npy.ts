/**
 * numpy `.npy` files: parse and encode bytes, read and write files.
 *
 * Reads format versions 1.0, 2.0 and 3.0; bool, int8–int64, uint8–uint64 and
 * float16/32/64 in either byte order; C or Fortran order; any rank. Writes
 * version 1.0 (2.0 for a header over 64 KiB), little-endian, C order, with
 * the header exactly as numpy writes it.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { readFileBytes, writeFileAtomic } from "./atomic.ts";
import {
  dtypeOfData,
  formatDtype,
  formatShape,
  type NDArray,
  type NDArrayData,
  parseDtype,
  storageCtor,
} from "./dtype.ts";
import { NpyFormatError } from "./errors.ts";
import { float64ToHalf, halfToFloat64 } from "./half.ts";
import { encodeHeader, type NpyHeaderDict, parseHeaderDict } from "./header.ts";
import { fortranToC } from "./order.ts";

/** A parsed `.npy` preamble. */
export interface NpyHeader extends NpyHeaderDict {
  /** Format version, e.g. `[1, 0]`. */
  version: [number, number];
  /** Byte offset of the first data byte. */
  dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/**
 * Parse the preamble of a `.npy` file: magic, version and header dict.
 *
 * @param bytes The file contents (at least the preamble).
 * @param source File name for error messages.
 * @returns Version, descr, order, shape and data offset.
 * @throws {NpyFormatError} For a wrong magic, an unknown version, a truncated
 * preamble or a bad header dict.
 *
 * @example
 * ```ts
 * import { encodeNpy, parseNpyHeader } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const bytes = encodeNpy({ shape: [2], data: new Int16Array([1, 2]) });
 * assert.deepEqual(parseNpyHeader(bytes), {
 *   version: [1, 0], descr: "<i2", fortranOrder: false, shape: [2], dataOffset: 128,
 * });
 * ```
 */
export function parseNpyHeader(bytes: Uint8Array, source = "<bytes>"): NpyHeader {
  const at = `Cannot read \`${source}\``;
  for (let k = 0; k < MAGIC.length && k < bytes.length; k++) {
    if (bytes[k] !== MAGIC[k]) {
      throw new NpyFormatError(`${at}: not a .npy file (bad magic string)`);
    }
  }
  if (bytes.length < 10) {
    throw new NpyFormatError(`${at}: truncated header (file has ${bytes.length} bytes)`);
  }
  const major = bytes[6]!, minor = bytes[7]!;
  if (![1, 2, 3].includes(major) || minor !== 0) {
    throw new NpyFormatError(`${at}: unsupported .npy format version ${major}.${minor}`);
  }
  const lenBytes = major === 1 ? 2 : 4;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8 + lenBytes) {
    throw new NpyFormatError(`${at}: truncated header (file has ${bytes.length} bytes)`);
  }
  const hlen = lenBytes === 2 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = 8 + lenBytes + hlen;
  if (bytes.length < dataOffset) {
    throw new NpyFormatError(
      `${at}: truncated header (header needs ${dataOffset} bytes, file has ${bytes.length})`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder(major === 3 ? "utf-8" : "latin1", { fatal: true })
      .decode(bytes.subarray(8 + lenBytes, dataOffset));
  } catch {
    throw new NpyFormatError(`${at}: bad header dict (not valid UTF-8)`);
  }
  return { version: [major, minor], ...parseHeaderDict(text, source), dataOffset };
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let k = 0; k < bytes.length; k += size) {
    for (let a = k, b = k + size - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

/**
 * Parse a `.npy` file held in memory. The result's data is a fresh copy in C
 * order and native layout (see {@link NDArray}); float16 is widened to float64.
 *
 * @param bytes The file contents.
 * @param source File name for error messages.
 * @returns The array.
 * @throws {NpyFormatError} For a malformed file, truncated data or an
 * unsupported dtype (object, string, complex, structured, …).
 *
 * @example Round trip through bytes
 * ```ts
 * import { encodeNpy, parseNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const a = parseNpy(encodeNpy({ shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }));
 * assert.deepEqual(a.shape, [2, 2]);
 * assert.equal(a.dtype, "<f4");
 * assert.deepEqual(Array.from(a.data, Number), [1, 2, 3, 4]);
 * ```
 */
export function parseNpy(bytes: Uint8Array, source = "<bytes>"): NDArray {
  const header = parseNpyHeader(bytes, source);
  const { descr, shape, fortranOrder, dataOffset } = header;
  const dtype = parseDtype(descr, source);
  const count = shape.reduce((p, d) => p * BigInt(d), 1n);
  const needed = count * BigInt(dtype.itemsize);
  const available = BigInt(bytes.length - dataOffset);
  if (needed > available) {
    throw new NpyFormatError(
      `Cannot read \`${source}\`: truncated data (shape ${
        formatShape(shape)
      } of ${descr} needs ${needed} bytes, got ${available})`,
    );
  }
  const raw = bytes.slice(dataOffset, dataOffset + Number(needed));
  if (dtype.bigEndian) swapBytes(raw, dtype.itemsize);
  const stored = new (storageCtor(dtype))(raw.buffer);
  let data: NDArrayData = stored;
  if (dtype.kind === "f" && dtype.itemsize === 2) data = halfToFloat64(stored as Uint16Array);
  if (dtype.kind === "b") { for (let k = 0; k < raw.length; k++) raw[k] = raw[k] ? 1 : 0; }
  if (fortranOrder) data = fortranToC(data, shape);
  return { shape, dtype: descr, data };
}

/**
 * Read a `.npy` file.
 *
 * @param path File to read.
 * @returns The array (C order, native layout).
 * @throws {NpyFormatError} For a malformed file; file-system errors keep their
 * class and name the path.
 *
 * @example
 * ```ts
 * import { readNpy, writeNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { shape: [3], data: new Int32Array([7, 8, 9]) });
 * assert.deepEqual(Array.from(readNpy(path).data, Number), [7, 8, 9]);
 * Deno.removeSync(path);
 * ```
 */
export function readNpy(path: string): NDArray {
  return parseNpy(readFileBytes(path), path);
}

/**
 * What {@link encodeNpy} accepts: an {@link NDArray}, a {@link Matrix}, or a
 * shape with data (a supported typed array or plain numbers, stored as
 * float64). `dtype`, when given, must fit the data; it can pick bool (`"|b1"`)
 * for a Uint8Array and float16 (`"<f2"`) for a Float64Array.
 */
export type NpyInput =
  | Matrix
  | { shape: readonly number[]; data: NDArrayData | readonly number[]; dtype?: string };

/** numpy 1.x's limit on dimensions (NPY_MAXDIMS; 64 in numpy 2). */
const MAX_DIMS = 32;

/**
 * Encode an array as `.npy` bytes: version 1.0 (2.0 when the header exceeds
 * 64 KiB), little-endian, C order, header padded to a multiple of 64 bytes
 * exactly as numpy writes it. Values are written bit for bit (NaN payloads and
 * -0 included); bool elements are written as 0/1.
 *
 * @param array The array.
 * @returns The file contents.
 * @throws {TypeError} When the shape is malformed or does not match the data.
 * @throws {RangeError} For more than 32 dimensions (numpy 1.x reads no more).
 *
 * @example A matrix becomes a 2-D float64 array
 * ```ts
 * import { encodeNpy, parseNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const bytes = encodeNpy({ rows: 1, cols: 2, data: new Float64Array([0.5, -0]) });
 * const back = parseNpy(bytes);
 * assert.deepEqual(back.shape, [1, 2]);
 * assert.ok(Object.is(back.data[1], -0));
 * ```
 */
export function encodeNpy(array: NpyInput): Uint8Array {
  const at = "Cannot encode .npy";
  let shape: readonly number[], data: NDArrayData | readonly number[], hint: string | undefined;
  if ("rows" in array) {
    shape = [array.rows, array.cols];
    data = array.data;
    if (!(data instanceof Float64Array)) {
      throw new TypeError(`${at}: matrix \`data\` must be a Float64Array: got ${describe(data)}`);
    }
  } else {
    ({ shape, data, dtype: hint } = array);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new TypeError(
      `${at}: \`shape\` must be an array of non-negative integers: got ${describe(shape)}`,
    );
  }
  if (shape.length > MAX_DIMS) {
    throw new RangeError(
      `${at}: \`shape\` must have at most ${MAX_DIMS} dimensions, the most numpy 1.x reads: got ${shape.length}`,
    );
  }
  if (Array.isArray(data)) {
    if (!data.every((v) => typeof v === "number")) {
      throw new TypeError(`${at}: \`data\` must hold numbers only`);
    }
    data = Float64Array.from(data);
  }
  const typed = data as NDArrayData;
  const dtype = dtypeOfData(typed, hint, at);
  const count = shape.reduce((p, d) => p * d, 1);
  if (typed.length !== count) {
    throw new TypeError(
      `${at}: \`data\` must have ${count} elements for shape [${
        shape.join(", ")
      }]: got ${typed.length}`,
    );
  }
  let payload: Uint8Array;
  if (dtype.kind === "f" && dtype.itemsize === 2) {
    const half = float64ToHalf(typed as Float64Array);
    payload = new Uint8Array(half.buffer);
  } else {
    payload = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
    if (dtype.kind === "b") payload = payload.map((v) => (v ? 1 : 0));
  }
  const header = encodeHeader({
    descr: formatDtype(dtype),
    fortranOrder: false,
    shape: [...shape],
  });
  const out = new Uint8Array(header.length + payload.length);
  out.set(header);
  out.set(payload, header.length);
  return out;
}

function describe(v: unknown): string {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    return JSON.stringify(v) ?? String(v);
  }
  return v.constructor?.name ?? "object";
}

/**
 * Write an array to a `.npy` file atomically (temporary file in the same
 * directory, then rename): the file is never seen half-written. The path is
 * used as given (no `.npy` suffix is added).
 *
 * @param path Destination file.
 * @param array The array (see {@link NpyInput}).
 *
 * @example
 * ```ts
 * import { readNpy, writeNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { shape: [2], data: new Uint8Array([1, 0]), dtype: "|b1" });
 * assert.equal(readNpy(path).dtype, "|b1");
 * Deno.removeSync(path);
 * ```
 */
export function writeNpy(path: string, array: NpyInput): void {
  writeFileAtomic(path, encodeNpy(array));
}
