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
  /** Row labels to append to, when the plan has a label column. */
  labels: string[] | undefined;
}

const GROUP_BYTES = 8 << 20; // read columns in groups of ~8 MiB before transposing
const TILE_COLS = 32, TILE_ROWS = 256; // a tile's rows of output span 4 cache lines each

let lastGroup: WeakRef<Float64Array> | undefined;

/**
 * A buffer of at least `n` elements for a group of columns: the previous
 * read's while it is still alive (its pages are then already in memory, which
 * matters on machines where a fresh page costs microseconds), else a new one.
 */
function groupBuffer(n: number): Float64Array {
  const last = lastGroup?.deref();
  if (last !== undefined && last.length >= n) return last.subarray(0, n);
  const fresh = allocateFloat64(n);
  lastGroup = new WeakRef(fresh);
  return fresh;
}

/**
 * Write columns `sources[0..n)` (each `rows` long) into the row-major `out`
 * starting at `out[start]`, rows `stride` apart, in one cache-blocked pass:
 * tiles of 32 columns × 256 rows, four columns a row at a time.
 */
function transposeInto(
  sources: Float64Array[],
  n: number,
  rows: number,
  out: Float64Array,
  start: number,
  stride: number,
): void {
  for (let g0 = 0; g0 < n; g0 += TILE_COLS) {
    const g1 = Math.min(n, g0 + TILE_COLS);
    for (let i0 = 0; i0 < rows; i0 += TILE_ROWS) {
      const i1 = Math.min(rows, i0 + TILE_ROWS);
      let g = g0;
      for (; g + 4 <= g1; g += 4) {
        const a = sources[g]!, b = sources[g + 1]!, c = sources[g + 2]!, d = sources[g + 3]!;
        let at = start + i0 * stride + g;
        for (let i = i0; i < i1; i++, at += stride) {
          out[at] = a[i]!;
          out[at + 1] = b[i]!;
          out[at + 2] = c[i]!;
          out[at + 3] = d[i]!;
        }
      }
      for (; g < g1; g++) {
        const a = sources[g]!;
        let at = start + i0 * stride + g;
        for (let i = i0; i < i1; i++, at += stride) out[at] = a[i]!;
      }
    }
  }
}

/**
 * Copy rows `[from, to)` of an uncompressed record batch from the file into
 * the output matrix, reading only the buffers of the planned columns.
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
): void {
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
  const block = groupBuffer(groupCols * rows); // column-major group of columns
  const out = target.out;
  const sources: Float64Array[] = new Array(groupCols);
  for (let c0 = 0; c0 < cols; c0 += groupCols) {
    const n = Math.min(cols, c0 + groupCols) - c0;
    for (let g = 0; g < n; g++) {
      sources[g] = readColumn(
        plan.values[c0 + g]!,
        plan.names[c0 + g]!,
        itemBytes[c0 + g]!,
        block.subarray(g * rows, (g + 1) * rows),
      );
    }
    transposeInto(sources, n, rows, out, (target.row * cols) + c0, cols);
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

  /** Column `k`'s rows `[from, to)`, read into `col`. */
  function readColumn(k: number, name: string, size: number, col: Float64Array): Float64Array {
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
        fill(first[k]! + 1, what, size, new Uint8Array(col.buffer, col.byteOffset, rows * 8));
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
                from + i
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
    return col;
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
