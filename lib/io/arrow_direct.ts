/**
 * Reading the columns of an uncompressed Arrow record batch straight from
 * disk, one group of columns at a time, into the row-major output: peak
 * memory stays near the size of the matrix even for a file that is one big
 * batch (as pyarrow writes tables of up to 64K rows). Used for batches whose
 * fields are all flat (int, float, bool, utf8); others go through
 * `apache-arrow`.
 *
 * @module
 */

import type * as A from "../deps/apache_arrow.ts";
import { columnInfo } from "./arrow_columns.ts";
import { readAt, readInto } from "./detect.ts";
import { DataFormatError } from "./errors.ts";
import { halfToFloat64 } from "./half.ts";
import { allocateFloat64 } from "./map_file.ts";
import { transposeColumns } from "./arrow_transpose.ts";
import type { TablePlan } from "./table.ts";

// apache-arrow Type ids of the flat types read here, and their buffer counts
const BUFFERS: Record<number, number> = { 1: 0, 2: 2, 3: 2, 5: 3, 6: 2 }; // Null, Int, Float, Utf8, Bool

/**
 * Index of the first buffer of each field when every field is flat (Null,
 * Int, Float, Bool, Utf8), else undefined.
 *
 * @param schema The table schema.
 * @returns First buffer index per field, or undefined.
 *
 * @example
 * ```ts
 * import { flatBufferIndex } from "./arrow_direct.ts";
 * import { Field, Float64, Schema, Utf8 } from "../deps/apache_arrow.ts";
 * import assert from "node:assert/strict";
 * const schema = new Schema([new Field("s", new Utf8()), new Field("x", new Float64())]);
 * assert.deepEqual(flatBufferIndex(schema), [0, 3]);
 * ```
 */
export function flatBufferIndex(schema: A.Schema): number[] | undefined {
  const first: number[] = [];
  let at = 0;
  for (const f of schema.fields) {
    const n = BUFFERS[f.type.typeId as number];
    if (n === undefined) return undefined;
    first.push(at);
    at += n;
  }
  return first;
}

/** A decoded record-batch header (apache-arrow's metadata.RecordBatch). */
export interface BatchHeader {
  length: number;
  nodes: { length: number; nullCount: number }[];
  buffers: { offset: number; length: number }[];
}

/** Where the rows of one batch go. */
export interface DirectTarget {
  /** Output matrix data (row-major, `plan.values.length` columns). */
  out: Float64Array;
  /** Output row of the batch's row `from`. */
  row: number;
  /** Row of the file that the batch's row `from` is (for messages). @default from */
  fileRow?: number;
  /** Row labels to append to, when the plan has a label column. */
  labels: string[] | undefined;
}

const GROUP_BYTES = 8 << 20; // read columns in groups of ~8 MiB before transposing

let lastGroup: WeakRef<Float64Array> | undefined;

/**
 * A buffer of at least `n` elements for a group of columns: the previous
 * read's while it is still alive (its pages are then already in memory, which
 * matters on machines where a fresh page costs microseconds), else a new one:
 * of {@link GROUP_BYTES} or more, in huge pages (see `allocateFloat64`), when `n`
 * is at least half of that, else of `n`.
 */
function groupBuffer(n: number): Float64Array {
  const last = lastGroup?.deref();
  if (last !== undefined && last.length >= n) return last.subarray(0, n);
  // a small file gets what it needs; a large one a full group, reused by the next read
  const fresh = allocateFloat64(n >= GROUP_BYTES / 16 ? Math.max(n, GROUP_BYTES / 8) : n);
  lastGroup = new WeakRef(fresh);
  return fresh.subarray(0, n);
}

/**
 * Copy rows `[from, to)` of an uncompressed record batch from the file into
 * the output matrix, reading only the buffers of the planned columns: a run of
 * float64 columns stored one after another (as every Arrow writer lays them
 * out) with one read of up to 8 MiB, other columns one by one.
 *
 * @param file The open IPC file.
 * @param bodyStart Byte offset of the batch body.
 * @param bodyLength Bytes of the body.
 * @param header The batch header.
 * @param schema The table schema.
 * @param first First buffer of each field ({@link flatBufferIndex}).
 * @param plan Which columns to read.
 * @param range `[from, to)` rows of the batch.
 * @param target Output matrix, row and labels.
 * @returns 0 when the rows written hold no NaN (missing or stored), else a
 * positive count (see `transposeColumns`).
 * @throws {DataFormatError} When a buffer lies outside the body or is too short.
 * @throws {RangeError} For a 64-bit integer beyond ±2^53.
 *
 * @example
 * ```ts
 * // readArrow() uses it for flat uncompressed batches, such as writeArrow() writes
 * import { readArrow, writeArrow } from "./arrow.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".arrow" });
 * await writeArrow(path, { stim: ["a", "b", "c"], u: [1, 2, 3] });
 * const ds = await readArrow(path, { rows: [1, 3] });
 * assert.deepEqual([ds.rowLabels, Array.from(ds.matrix.data)], [["b", "c"], [2, 3]]);
 * Deno.removeSync(path);
 * ```
 */
export function readBatchDirect(
  file: Deno.FsFile,
  bodyStart: number,
  bodyLength: number,
  header: BatchHeader,
  schema: A.Schema,
  first: number[],
  plan: TablePlan,
  range: [number, number],
  target: DirectTarget,
): number {
  const [from, to] = range;
  const rows = to - from, cols = plan.values.length;
  /** File position of buffer `b`, checked to hold `need` bytes inside the body. */
  const place = (b: number, what: string, need: number): number => {
    const r = header.buffers[b];
    if (r === undefined || r.offset < 0 || r.offset + r.length > bodyLength || r.length < need) {
      throw new DataFormatError(
        `${what}: buffer ${b} is missing, too short or outside the batch body`,
      );
    }
    return bodyStart + r.offset;
  };
  const region = (b: number, what: string, need: number) =>
    readAt(file, place(b, what, need), need);
  // values are read into one reused scratch buffer (or straight into the
  // output group for float64), leaving no per-column garbage behind
  const scratch = new ArrayBuffer(Math.max(8 * rows, 8));
  const fill = (b: number, what: string, size: number, into: Uint8Array) => {
    const at = place(b, what, to * size) + from * size;
    if (readInto(file, at, into) !== into.length) {
      throw new DataFormatError(`${what}: truncated column data`);
    }
  };
  const itemBytes = plan.values.map((k) => {
    const d = columnInfo(schema.fields[k]!).dtype;
    return d === "|b1" ? 0 : Number(d.slice(2));
  });
  const groupCols = Math.min(cols, Math.max(1, Math.floor(GROUP_BYTES / Math.max(8 * rows, 1))));
  let block = groupBuffer(groupCols * rows); // the group's columns, one after another
  const offsets = new Array<number>(groupCols).fill(0); // where each column starts in `block`
  let nan = 0;
  for (let c0 = 0; c0 < cols; c0 += groupCols) {
    const n = Math.min(cols, c0 + groupCols) - c0;
    const span = floatRun(c0, n);
    if (span !== undefined) {
      const [at, bytes] = span;
      if (block.length * 8 < bytes) block = groupBuffer(Math.ceil(bytes / 8));
      const into = new Uint8Array(block.buffer, block.byteOffset, bytes);
      const got = readInto(file, at, into);
      if (got !== bytes) {
        // name the first column not read in full
        let g = 0;
        while (g + 1 < n && valuesAt(c0 + g) + rows * 8 <= at + got) g++;
        throw new DataFormatError(`column \`${plan.names[c0 + g]}\`: truncated column data`);
      }
    }
    for (let g = 0; g < n; g++) {
      // a float64 column of the run is in place (floatRun set its offset); only nulls remain
      if (span !== undefined && header.nodes[plan.values[c0 + g]!]!.nullCount === 0) continue;
      if (span === undefined) offsets[g] = g * rows;
      readColumn(
        plan.values[c0 + g]!,
        plan.names[c0 + g]!,
        itemBytes[c0 + g]!,
        block.subarray(offsets[g]!, offsets[g]! + rows),
        span !== undefined,
      );
    }
    nan += transposeColumns(block, offsets, n, rows, target.out, (target.row * cols) + c0, cols);
  }
  if (target.labels !== undefined && plan.labels !== undefined) {
    const k = plan.labels;
    readLabels(
      file,
      bodyStart,
      bodyLength,
      header,
      [k, first[k]!],
      schema.fields[k]!.name,
      range,
      target.labels,
    );
  }
  return nan;

  /** File position of row `from` of planned column `c` (a float64 column). */
  function valuesAt(c: number): number {
    const k = plan.values[c]!;
    return place(first[k]! + 1, `column \`${plan.names[c]}\``, to * 8) + from * 8;
  }

  /**
   * `[file position, bytes]` of the values of planned columns `[c0, c0 + n)`
   * when they are all float64 and lie one after another, 8-byte aligned, with
   * little between them (at most a quarter more than the values), their
   * places in the run written to `offsets` (in elements); else undefined.
   */
  function floatRun(c0: number, n: number): [number, number] | undefined {
    let start = 0, end = 0;
    for (let c = c0; c < c0 + n; c++) {
      const k = plan.values[c]!;
      const node = header.nodes[k];
      if (itemBytes[c] !== 8 || (schema.fields[k]!.type.typeId as number) !== 3) return undefined;
      if (node === undefined || node.length < to) return undefined; // readColumn names it
      const at = valuesAt(c);
      if (c === c0) start = at;
      else if (at < end || (at - start) % 8 !== 0) return undefined;
      offsets[c - c0] = (at - start) / 8;
      end = at + rows * 8;
    }
    return end - start <= 1.25 * n * rows * 8 + 64 * n ? [start, end - start] : undefined;
  }

  /** Column `k`'s rows `[from, to)`, read into `col` (float64 values already there when `read`). */
  function readColumn(
    k: number,
    name: string,
    size: number,
    col: Float64Array,
    read: boolean,
  ): void {
    const node = header.nodes[k];
    if (node === undefined || node.length < to) {
      throw new DataFormatError(`column \`${name}\`: the batch has no field node of ${to} rows`);
    }
    const what = `column \`${name}\``;
    const valid = node.nullCount > 0 ? region(first[k]!, what, Math.ceil(to / 8)) : undefined;
    const isNull = (i: number) => valid !== undefined && ((valid[i >> 3]! >> (i & 7)) & 1) === 0;
    const type = schema.fields[k]!.type as A.DataType & { isSigned?: boolean; precision?: number };
    if (size === 0) { // bool: bit-packed
      const bits = region(first[k]! + 1, what, Math.ceil(to / 8));
      for (let i = from; i < to; i++) col[i - from] = (bits[i >> 3]! >> (i & 7)) & 1;
    } else {
      const float = (type.typeId as number) === 3;
      const buf = scratch;
      if (float && size === 8) {
        if (!read) {
          fill(first[k]! + 1, what, size, new Uint8Array(col.buffer, col.byteOffset, rows * 8));
        }
      } else {
        fill(first[k]! + 1, what, size, new Uint8Array(buf, 0, rows * size));
      }
      if (float && size === 2) col.set(halfToFloat64(new Uint16Array(buf, 0, rows)));
      else if (float && size === 4) col.set(new Float32Array(buf, 0, rows));
      else if (float) { /* read in place */ }
      else if (size === 8) {
        const ints = type.isSigned
          ? new BigInt64Array(buf, 0, rows)
          : new BigUint64Array(buf, 0, rows);
        for (let i = 0; i < rows; i++) {
          const v = ints[i]!;
          if ((v > 2n ** 53n || v < -(2n ** 53n)) && !isNull(from + i)) {
            throw new RangeError(
              `column \`${name}\` holds ${v} at row ${
                (target.fileRow ?? from) + i
              }, beyond 2^53 in magnitude: float64 would round it`,
            );
          }
          col[i] = Number(v);
        }
      } else {
        const Ctor = type.isSigned
          ? { 1: Int8Array, 2: Int16Array, 4: Int32Array }[size]!
          : { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array }[size]!;
        col.set(new Ctor(buf, 0, rows));
      }
    }
    if (valid !== undefined) {
      for (let i = from; i < to; i++) if (isNull(i)) col[i - from] = NaN;
    }
  }
}

/**
 * Append rows `[from, to)` of an uncompressed utf8 column of a record batch,
 * read straight from the file, to `labels` (nulls as "").
 *
 * @param file The open IPC file.
 * @param bodyStart Byte offset of the batch body.
 * @param bodyLength Bytes of the body.
 * @param header The batch header.
 * @param slot The column's field node and first buffer.
 * @param name Column name for messages.
 * @param range `[from, to)` rows of the batch.
 * @param labels Labels to append to.
 * @throws {DataFormatError} For buffers outside the body or bad offsets.
 *
 * @example
 * ```ts
 * // readArrow() uses it for the row labels of flat uncompressed batches
 * import { readArrow, writeArrow } from "./arrow.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".arrow" });
 * await writeArrow(path, { stim: ["a", "b"], u: [1, 2] });
 * assert.deepEqual((await readArrow(path)).rowLabels, ["a", "b"]);
 * Deno.removeSync(path);
 * ```
 */
export function readLabels(
  file: Deno.FsFile,
  bodyStart: number,
  bodyLength: number,
  header: BatchHeader,
  slot: [number, number],
  name: string,
  range: [number, number],
  labels: string[],
): void {
  const [from, to] = range, [nodeAt, bufferAt] = slot;
  const what = `column \`${name}\``;
  const region = (b: number, need: number): Uint8Array => {
    const r = header.buffers[b];
    if (r === undefined || r.offset < 0 || r.offset + r.length > bodyLength || r.length < need) {
      throw new DataFormatError(
        `${what}: buffer ${b} is missing, too short or outside the batch body`,
      );
    }
    return readAt(file, bodyStart + r.offset, need);
  };
  const node = header.nodes[nodeAt];
  if (node === undefined || node.length < to) {
    throw new DataFormatError(`${what}: the batch has no field node of ${to} rows`);
  }
  const offsets = new Int32Array(region(bufferAt + 1, (to + 1) * 4).slice().buffer);
  const end = offsets[to]!;
  const bytes = end > 0 ? region(bufferAt + 2, end) : new Uint8Array(0);
  const valid = node.nullCount > 0 ? region(bufferAt, Math.ceil(to / 8)) : undefined;
  const text = new TextDecoder();
  for (let i = from; i < to; i++) {
    const a = offsets[i]!, b = offsets[i + 1]!;
    if (!(0 <= a && a <= b && b <= end)) {
      throw new DataFormatError(`${what}: bad string offsets at row ${i}`);
    }
    const isNull = valid !== undefined && ((valid[i >> 3]! >> (i & 7)) & 1) === 0;
    labels.push(isNull ? "" : text.decode(bytes.subarray(a, b)));
  }
}
