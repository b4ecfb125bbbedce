/**
 * A matrix stored as one Arrow column: a fixed-size list of floats per row
 * (`FixedSizeList<Float64>[d]`, as `pyarrow.FixedSizeListArray` or an
 * embedding column in a data frame writes it). The list's values are the
 * matrix in row-major order, copied in one pass per batch; on request
 * (`map: true`) an uncompressed float64 column of one record batch becomes
 * the matrix with no copy (the file mapped, see `mapFile`).
 *
 * @module
 */

import type * as A from "../deps/apache_arrow.ts";
import { autoLabelColumn } from "./arrow_columns.ts";
import { readInto } from "./detect.ts";
import { DataFormatError } from "./errors.ts";
import { halfToFloat64 } from "./half.ts";
import { mapFile } from "./map_file.ts";
import { readFloat64 } from "./read_float64.ts";
import { listColumnChoice, type TableReadOptions } from "./table.ts";

// apache-arrow Type ids
const INT = 2, FLOAT = 3, UTF8 = 5, LARGE_UTF8 = 20, FIXED_SIZE_LIST = 16;
// buffers of the flat types a schema beside the matrix column may hold
const BUFFERS: Record<number, number> = { 1: 0, 2: 2, 3: 2, 5: 3, 6: 2 }; // Null, Int, Float, Utf8, Bool

/** A fixed-size-list column chosen as the matrix. */
export interface MatrixColumnPlan {
  /** Index of the list column in the schema. */
  column: number;
  /** Entries per row (the list size). */
  width: number;
  /** Bytes per value: 2, 4 or 8. */
  itemBytes: number;
  /** Index of the row-label column, if any. */
  labels: number | undefined;
  /** Column labels: `name[0]`, `name[1]`, … */
  names: string[];
  /** numpy descr of the values (`"<f8"`). */
  dtype: string;
}

function floatList(t: A.DataType): { width: number; itemBytes: number } | undefined {
  if ((t.typeId as number) !== FIXED_SIZE_LIST) return undefined;
  const list = t as A.FixedSizeList;
  const child = list.children[0]?.type as (A.DataType & { precision?: number }) | undefined;
  if (child === undefined || (child.typeId as number) !== FLOAT) return undefined;
  return { width: list.listSize, itemBytes: [2, 4, 8][child.precision!]! };
}

/**
 * The plan for reading a table whose values are one fixed-size list of floats
 * (beside, at most, a column of row labels), or undefined for any other table.
 *
 * @param schema The table schema.
 * @param options The read options (`labels`, `columns`).
 * @returns The plan, or undefined.
 *
 * @example
 * ```ts
 * import { matrixColumnPlan } from "./arrow_matrix.ts";
 * import { Field, FixedSizeList, Float64, Schema, Utf8 } from "../deps/apache_arrow.ts";
 * import assert from "node:assert/strict";
 * const X = new FixedSizeList(2, new Field("item", new Float64()));
 * const schema = new Schema([new Field("stim", new Utf8()), new Field("X", X)]);
 * assert.deepEqual(matrixColumnPlan(schema, {})?.names, ["X[0]", "X[1]"]);
 * ```
 */
export function matrixColumnPlan(
  schema: A.Schema,
  options: TableReadOptions,
): MatrixColumnPlan | undefined {
  const fields = schema.fields;
  const names = fields.map((f) => f.name);
  const choice = listColumnChoice(
    names,
    options,
    options.labels === undefined ? autoLabelColumn(schema) : undefined,
  );
  if (choice === undefined) return undefined;
  const { column, labels } = choice;
  const list = floatList(fields[column]!.type);
  if (list === undefined || list.width < 1) return undefined;
  if (labels !== undefined) {
    const id = fields[labels]!.type.typeId as number;
    // text, or numbers written as text (a pandas integer index)
    if (id !== UTF8 && id !== LARGE_UTF8 && id !== INT && id !== FLOAT) return undefined;
  }
  const name = names[column]!;
  return {
    column,
    labels,
    ...list,
    names: Array.from({ length: list.width }, (_, j) => `${name}[${j}]`),
    dtype: `<f${list.itemBytes}`,
  };
}

/**
 * First field node and first buffer of each field of a record batch, for
 * schemas of flat fields and fixed-size lists of floats; undefined for others.
 *
 * @param schema The table schema.
 * @returns Per field, `[node, buffer]`; or undefined.
 *
 * @example
 * ```ts
 * import { fieldSlots } from "./arrow_matrix.ts";
 * import { Field, FixedSizeList, Float64, Schema, Utf8 } from "../deps/apache_arrow.ts";
 * import assert from "node:assert/strict";
 * const X = new FixedSizeList(2, new Field("item", new Float64()));
 * const schema = new Schema([new Field("X", X), new Field("stim", new Utf8())]);
 * assert.deepEqual(fieldSlots(schema), [[0, 0], [2, 3]]);
 * ```
 */
export function fieldSlots(schema: A.Schema): [number, number][] | undefined {
  const slots: [number, number][] = [];
  let node = 0, buffer = 0;
  for (const f of schema.fields) {
    slots.push([node, buffer]);
    const n = BUFFERS[f.type.typeId as number];
    if (n !== undefined) {
      node += 1;
      buffer += n;
    } else if (floatList(f.type) !== undefined) {
      node += 2; // the list, then its values
      buffer += 3; // list validity, values validity, values
    } else return undefined;
  }
  return slots;
}

/** A decoded record-batch header (apache-arrow's metadata.RecordBatch). */
interface Header {
  nodes: { length: number; nullCount: number }[];
  buffers: { offset: number; length: number }[];
}

/**
 * Read rows `[from, to)` of the matrix column of an uncompressed record batch
 * straight from the file: into `out` from row `row`, or, when `out` is
 * undefined, as a view of the mapped file where that is possible (float64
 * values, no nulls, 8-byte aligned), else a fresh array.
 *
 * @param file The open IPC file.
 * @param path Its path (for mapping).
 * @param bodyStart Byte offset of the batch body.
 * @param bodyLength Bytes of the body.
 * @param header The batch header.
 * @param plan The matrix column ({@link matrixColumnPlan}).
 * @param slot `[node, buffer]` of the column ({@link fieldSlots}).
 * @param range `[from, to)` rows of the batch.
 * @param out Output (row-major, `plan.width` columns) and first output row;
 * its `nan`, when given, grows by the NaN counted in the values read (becomes
 * NaN itself when they were not counted).
 * @returns The array written: `out.data`, the mapped view or a fresh array.
 * @throws {DataFormatError} When a buffer lies outside the body or is too short.
 *
 * @example
 * ```ts
 * // readArrow() uses it for a table whose values are one fixed-size list column
 * import { readArrow } from "./arrow.ts";
 * import * as arrow from "../deps/apache_arrow.ts";
 * import assert from "node:assert/strict";
 * const values = new Float64Array([1, 2, 3, 4, 5, 6]);
 * const type = new arrow.FixedSizeList(2, new arrow.Field("item", new arrow.Float64()));
 * const child = arrow.makeData({ type: new arrow.Float64(), length: 6, data: values });
 * const X = arrow.makeVector(arrow.makeData({ type, length: 3, child }));
 * const path = Deno.makeTempFileSync({ suffix: ".arrow" });
 * Deno.writeFileSync(path, arrow.tableToIPC(new arrow.Table({ X }), "file"));
 * const ds = await readArrow(path);
 * assert.deepEqual([ds.matrix.rows, ds.matrix.cols, Array.from(ds.matrix.data)], [3, 2, [1, 2, 3, 4, 5, 6]]);
 * Deno.removeSync(path);
 * ```
 */
export function readMatrixColumn(
  file: Deno.FsFile,
  path: string,
  bodyStart: number,
  bodyLength: number,
  header: Header,
  plan: MatrixColumnPlan,
  slot: [number, number],
  range: [number, number],
  out: { data: Float64Array; row: number; nan?: number } | undefined,
): Float64Array {
  const [from, to] = range;
  const { width, itemBytes } = plan;
  const rows = to - from, count = rows * width;
  const what = `column \`${plan.names[0]!.slice(0, -3)}\``;
  const [nodeAt, bufferAt] = slot;
  const list = header.nodes[nodeAt], values = header.nodes[nodeAt + 1];
  if (
    list === undefined || values === undefined || list.length < to || values.length < to * width
  ) {
    throw new DataFormatError(`${what}: the batch has no field nodes of ${to} rows`);
  }
  const place = (b: number, need: number): number => {
    const r = header.buffers[b];
    if (r === undefined || r.offset < 0 || r.offset + r.length > bodyLength || r.length < need) {
      throw new DataFormatError(
        `${what}: buffer ${b} is missing, too short or outside the batch body`,
      );
    }
    return bodyStart + r.offset;
  };
  const at = place(bufferAt + 2, to * width * itemBytes) + from * width * itemBytes;
  const nulls = list.nullCount > 0 || values.nullCount > 0;
  if (out === undefined && itemBytes === 8 && !nulls && at % 8 === 0) {
    const mapped = mapFile(path, at, count * 8);
    if (mapped !== null && mapped.byteOffset % 8 === 0) {
      return new Float64Array(mapped.buffer, mapped.byteOffset, count);
    }
  }
  const data = out?.data ?? new Float64Array(count);
  const start = (out?.row ?? 0) * width;
  const dest = data.subarray(start, start + count);
  if (itemBytes === 8) {
    // NaN counted block by block as the values are read
    const { got, nan } = readFloat64(file, at, dest);
    if (got !== count * 8) throw new DataFormatError(`${what}: truncated column data`);
    if (out?.nan !== undefined) out.nan += nulls ? NaN : nan;
  } else {
    if (out?.nan !== undefined) out.nan = NaN; // not counted
    const raw = new Uint8Array(count * itemBytes);
    if (readInto(file, at, raw) !== raw.length) {
      throw new DataFormatError(`${what}: truncated column data`);
    }
    dest.set(
      itemBytes === 4
        ? new Float32Array(raw.buffer, 0, count)
        : halfToFloat64(new Uint16Array(raw.buffer, 0, count)),
    );
  }
  if (nulls) {
    const bits = (b: number, n: number, nullCount: number): Uint8Array | undefined => {
      if (nullCount === 0) return undefined;
      const bytes = new Uint8Array(Math.ceil(n / 8));
      if (readInto(file, place(b, bytes.length), bytes) !== bytes.length) {
        throw new DataFormatError(`${what}: truncated validity bitmap`);
      }
      return bytes;
    };
    const rowValid = bits(bufferAt, to, list.nullCount);
    const valueValid = bits(bufferAt + 1, to * width, values.nullCount);
    const isSet = (m: Uint8Array, i: number) => ((m[i >> 3]! >> (i & 7)) & 1) === 1;
    for (let i = from; i < to; i++) {
      const o = (i - from) * width;
      if (rowValid !== undefined && !isSet(rowValid, i)) {
        dest.fill(NaN, o, o + width);
        continue;
      }
      if (valueValid === undefined) continue;
      for (let j = 0; j < width; j++) if (!isSet(valueValid, i * width + j)) dest[o + j] = NaN;
    }
  }
  return data;
}

/**
 * Copy rows `[from, to)` of a decoded fixed-size-list column chunk (from
 * apache-arrow) into a row-major matrix from row `row`, nulls as NaN.
 *
 * @param data One chunk of the list column.
 * @param from First row.
 * @param to End row (exclusive).
 * @param out Output data (`width` columns).
 * @param row Output row of row `from`.
 * @param name Column name for messages.
 * @throws {DataFormatError} When the values are shorter than the rows claim.
 *
 * @example
 * ```ts
 * import { copyMatrixColumn } from "./arrow_matrix.ts";
 * import * as arrow from "../deps/apache_arrow.ts";
 * import assert from "node:assert/strict";
 * const type = new arrow.FixedSizeList(2, new arrow.Field("item", new arrow.Float32()));
 * const child = arrow.makeData({ type: new arrow.Float32(), length: 4, data: new Float32Array([1, 2, 3, 4]) });
 * const out = new Float64Array(2);
 * copyMatrixColumn(arrow.makeData({ type, length: 2, child }), 1, 2, out, 0, "X");
 * assert.deepEqual(Array.from(out), [3, 4]);
 * ```
 */
export function copyMatrixColumn(
  data: A.Data,
  from: number,
  to: number,
  out: Float64Array,
  row: number,
  name: string,
): void {
  const width = (data.type as A.FixedSizeList).listSize;
  const child = data.children[0]!;
  // apache-arrow slices value buffers (and a list's values) to the data's first element
  const held = child.values as Float64Array | Float32Array | Uint16Array;
  if (held.length < to * width) {
    throw new DataFormatError(
      `column \`${name}\` claims ${data.length} rows of ${width} but holds ${held.length} values (corrupt file)`,
    );
  }
  const src = held.subarray(from * width, to * width);
  const dest = out.subarray(row * width, row * width + src.length);
  dest.set(src instanceof Uint16Array ? halfToFloat64(src) : src);
  if (data.nullCount > 0 || child.nullCount > 0) {
    for (let i = from; i < to; i++) {
      const o = (i - from) * width;
      if (!data.getValid(i)) dest.fill(NaN, o, o + width);
      else if (child.nullCount > 0) {
        for (let j = 0; j < width; j++) if (!child.getValid(i * width + j)) dest[o + j] = NaN;
      }
    }
  }
}
