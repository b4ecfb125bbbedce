/**
 * Reading a `.npy` file without holding it twice in memory: the header is
 * read first, then only the data bytes needed (all rows, or rows
 * `[start, stop)` of a C-order array) go straight into the result. The
 * result is a private copy, as with `np.load`: a float64 array is read into
 * its final buffer (in huge pages from 8 MiB, see `allocateFloat64`), so a
 * later write to the file, or its truncation, does not reach it. With
 * `map: true` a little-endian C-order array is instead a view of the file
 * mapped into memory (see `map_file.ts`), as with numpy's `mmap_mode="c"`:
 * no copy, but it shows later writes to the file, and reading pages lost to a
 * truncation kills the process (SIGBUS). Fortran order converts to C order in
 * one pass from the mapped bytes (the result is a copy either way).
 *
 * @module
 */

import { openFile, readAt } from "./detect.ts";
import { type DType, formatShape, type NDArray, parseDtype, storageCtor } from "./dtype.ts";
import { NpyFormatError } from "./errors.ts";
import { encodeHeader } from "./header.ts";
import { type NpyHeader, parseNpy, parseNpyHeader } from "./npy.ts";
import { resolveRows } from "./table.ts";
import { allocateFloat64, mapFile } from "./map_file.ts";
import { readFloat64 } from "./read_float64.ts";
import { fortranToC } from "./order.ts";
import { checkOptions } from "../validate/options.ts";
import { NPY_ROWS_OPTIONS } from "./option_kinds.ts";

/** A typed-array view of little-endian bytes whose offset is a multiple of the item size. */
function view(bytes: Uint8Array, dtype: DType): NDArray["data"] {
  const Ctor = storageCtor(dtype) as unknown as new (
    b: ArrayBufferLike,
    offset: number,
    length: number,
  ) => NDArray["data"];
  return new Ctor(bytes.buffer, bytes.byteOffset, bytes.byteLength / dtype.itemsize);
}

/**
 * Read only the preamble of a `.npy` file: version, dtype, order, shape and
 * data offset.
 *
 * @param path File to read.
 * @returns The parsed header.
 * @throws {NpyFormatError} For a file that is not `.npy`.
 *
 * @example
 * ```ts
 * import { readNpyHeader } from "./npy_rows.ts";
 * import { writeNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { rows: 3, cols: 2, data: new Float64Array(6) });
 * assert.deepEqual(readNpyHeader(path).shape, [3, 2]);
 * Deno.removeSync(path);
 * ```
 */
export function readNpyHeader(path: string): NpyHeader {
  using file = openFile(path);
  return readHeader(file, path);
}

function readHeader(file: Deno.FsFile, path: string) {
  const pre = readAt(file, 0, 12);
  const major = pre[6];
  const lenBytes = major === 1 ? 2 : 4;
  const view = new DataView(pre.buffer, pre.byteOffset, pre.byteLength);
  const hlen = pre.length >= 8 + lenBytes
    ? (lenBytes === 2 ? view.getUint16(8, true) : view.getUint32(8, true))
    : 0;
  return parseNpyHeader(readAt(file, 0, 8 + lenBytes + hlen), path);
}

/** Options for {@link readNpyRows}. */
export interface ReadNpyRowsOptions {
  /**
   * Return a little-endian C-order array as a view of the file mapped into
   * memory (private, copy-on-write) instead of a copy: no read and no
   * allocation, but the array follows later writes to the file (`np.save` on
   * the same path rewrites it in place), and reading pages that a truncation
   * removed kills the process with SIGBUS. Ignored where mapping is
   * unavailable (see `mapFile`).
   * @default false
   */
  map?: boolean;
}

/**
 * Read a `.npy` file, or rows `[start, stop)` along its first axis, reading
 * only the bytes needed for a C-order array (a Fortran-order array is read
 * whole, then sliced). The result is a private copy unless `map: true`.
 *
 * @param path File to read.
 * @param rows Rows to read; all when undefined.
 * @param options See {@link ReadNpyRowsOptions}.
 * @returns The array (C order, native layout), as {@link parseNpy} returns it.
 * @throws {NpyFormatError} For a malformed or truncated file.
 * @throws {RangeError} For a bad `rows` range, or `rows` on a 0-D array.
 *
 * @example
 * ```ts
 * import { readNpyRows } from "./npy_rows.ts";
 * import { writeNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { shape: [3, 2], data: new Int16Array([1, 2, 3, 4, 5, 6]) });
 * const part = readNpyRows(path, [1, 3]);
 * assert.deepEqual(part.shape, [2, 2]);
 * assert.deepEqual(Array.from(part.data, Number), [3, 4, 5, 6]);
 * Deno.removeSync(path);
 * ```
 *
 * @example A copy: saving the file again leaves the array as it was read
 * ```ts
 * import { readNpyRows } from "./npy_rows.ts";
 * import { writeNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { rows: 2, cols: 1, data: new Float64Array([1, 2]) });
 * const x = readNpyRows(path);
 * Deno.writeFileSync(path, Deno.readFileSync(path).fill(0, 128)); // rewritten in place
 * assert.deepEqual(Array.from(x.data, Number), [1, 2]);
 * Deno.removeSync(path);
 * ```
 */
export function readNpyRows(
  path: string,
  rows?: readonly [number, number],
  options: ReadNpyRowsOptions = {},
): NDArray {
  return readNpyChecked(path, rows, options).array;
}

/**
 * {@link readNpyRows}, saying also whether the values are known to hold no
 * NaN (counted while a float64 array was read), so that `load` skips its own
 * scan.
 *
 * @param path File to read.
 * @param rows Rows to read; all when undefined.
 * @param options See {@link ReadNpyRowsOptions}.
 * @returns The array, and `nanFree`: true when it was counted to hold no NaN.
 *
 * @example
 * ```ts
 * import { readNpyChecked } from "./npy_rows.ts";
 * import { writeNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { rows: 2, cols: 1, data: new Float64Array([1, NaN]) });
 * assert.equal(readNpyChecked(path).nanFree, false);
 * assert.equal(readNpyChecked(path, [0, 1]).nanFree, true);
 * Deno.removeSync(path);
 * ```
 */
export function readNpyChecked(
  path: string,
  rows?: readonly [number, number],
  options: ReadNpyRowsOptions = {},
): { array: NDArray; nanFree: boolean } {
  checkOptions(options, NPY_ROWS_OPTIONS, `Cannot read \`${path}\``);
  const { map = false } = options;
  using file = openFile(path);
  const header = readHeader(file, path);
  const { descr, shape, fortranOrder, dataOffset } = header;
  if (rows !== undefined && shape.length === 0) {
    throw new RangeError(
      `Cannot read \`${path}\`: \`rows\` needs an array of rank >= 1: got a 0-D array`,
    );
  }
  const dtype = parseDtype(descr, path);
  const [start, stop] = shape.length === 0 ? [0, 1] : resolveRows(rows, shape[0]!, path);
  const inner = shape.slice(1).reduce((p, d) => p * d, 1);
  const rowBytes = inner * dtype.itemsize;
  const outShape = shape.length === 0 ? [] : [stop - start, ...shape.slice(1)];
  const size = file.statSync().size;
  const total = shape.reduce((p, d) => p * d, 1);
  const needed = dataOffset + total * dtype.itemsize;
  if (size < needed) {
    throw new NpyFormatError(
      `Cannot read \`${path}\`: truncated data (shape ${formatShape(shape)} of ${descr} needs ${
        needed - dataOffset
      } bytes, got ${size - dataOffset})`,
    );
  }
  const mappable = !dtype.bigEndian && dtype.kind !== "b" &&
    !(dtype.kind === "f" && dtype.itemsize === 2);
  if (fortranOrder) {
    // Fortran order: one pass from the mapped bytes (or the read file) to C order
    const mapped = mappable && dataOffset % dtype.itemsize === 0
      ? mapFile(path, dataOffset, total * dtype.itemsize)
      : null;
    const whole: NDArray = mapped
      ? { shape, dtype: descr, data: fortranToC(view(mapped, dtype), shape) }
      : parseNpy(readAt(file, 0, size), path);
    if (rows === undefined) return { array: whole, nanFree: false };
    const data = whole.data.slice(start * inner, stop * inner) as NDArray["data"];
    return { array: { shape: outShape, dtype: whole.dtype, data }, nanFree: false };
  }
  const first = dataOffset + start * rowBytes;
  const count = (shape.length === 0 ? 1 : stop - start) * rowBytes;
  if (map && mappable && first % dtype.itemsize === 0) {
    // the file's bytes become the array's buffer (private, copy-on-write mapping)
    const mapped = mapFile(path, first, count);
    if (mapped) {
      return {
        array: { shape: outShape, dtype: descr, data: view(mapped, dtype) },
        nanFree: false,
      };
    }
  }
  if (descr === "<f8") {
    // one read per 2 MiB block, each block scanned for NaN while in the cache
    const data = allocateFloat64(count / 8);
    const { got, nan } = readFloat64(file, first, data);
    if (got !== count) throw new NpyFormatError(`Cannot read \`${path}\`: truncated data`);
    return { array: { shape: outShape, dtype: descr, data }, nanFree: nan === 0 };
  }
  const head = encodeHeader({ descr, fortranOrder: false, shape: outShape });
  const npy = new Uint8Array(head.length + count);
  npy.set(head);
  npy.set(readAt(file, first, count), head.length);
  return { array: parseNpy(npy, path), nanFree: false };
}
