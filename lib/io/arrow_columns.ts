/**
 * Arrow columns as the table readers need them: which are numeric (and their
 * numpy descr), which one the file proposes as row labels, and copying a
 * column of a record batch into a row-major float64 matrix.
 *
 * @module
 */

import type * as A from "../deps/apache_arrow.ts";
import { DataFormatError } from "./errors.ts";
import { halfToFloat64 } from "./half.ts";
import { type ColumnInfo, pandasIndexColumn } from "./table.ts";

// apache-arrow's Type enum values (stable parts of the Arrow format)
const INT = 2, FLOAT = 3, UTF8 = 5, BOOL = 6, LARGE_UTF8 = 20, DICTIONARY = -1;

function intDescr(bitWidth: number, signed: boolean): string {
  const bytes = bitWidth / 8;
  return `${bytes === 1 ? "|" : "<"}${signed ? "i" : "u"}${bytes}`;
}

/**
 * Describe an Arrow field as a table column: numeric for Int, Float and Bool
 * types (with the matching numpy descr), not numeric otherwise.
 *
 * @param field An Arrow schema field.
 * @returns Name, numeric flag and descr (or the Arrow type name).
 *
 * @example
 * ```ts
 * import { columnInfo } from "./arrow_columns.ts";
 * import { Field, Float32, Utf8 } from "../deps/apache_arrow.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(columnInfo(new Field("x", new Float32())), { name: "x", numeric: true, dtype: "<f4" });
 * assert.equal(columnInfo(new Field("s", new Utf8())).numeric, false);
 * ```
 */
export function columnInfo(field: A.Field): ColumnInfo {
  const t = field.type as A.DataType & {
    bitWidth?: number;
    isSigned?: boolean;
    precision?: number;
  };
  switch (t.typeId as number) {
    case INT:
      return { name: field.name, numeric: true, dtype: intDescr(t.bitWidth!, t.isSigned!) };
    case FLOAT:
      return { name: field.name, numeric: true, dtype: ["<f2", "<f4", "<f8"][t.precision!]! };
    case BOOL:
      return { name: field.name, numeric: true, dtype: "|b1" };
    default:
      return { name: field.name, numeric: false, dtype: String(t) };
  }
}

function isStringType(t: A.DataType): boolean {
  const id = t.typeId as number;
  if (id === UTF8 || id === LARGE_UTF8) return true;
  return id === DICTIONARY && isStringType((t as A.Dictionary).dictionary);
}

/**
 * The column an Arrow (or Parquet-as-Arrow) schema proposes as row labels:
 * the pandas index recorded in the `pandas` metadata, else a first column of
 * strings.
 *
 * @param schema The table schema.
 * @returns Column index, or undefined.
 *
 * @example
 * ```ts
 * import { autoLabelColumn } from "./arrow_columns.ts";
 * import { Field, Float64, Schema, Utf8 } from "../deps/apache_arrow.ts";
 * import assert from "node:assert/strict";
 * const schema = new Schema([new Field("stim", new Utf8()), new Field("u1", new Float64())]);
 * assert.equal(autoLabelColumn(schema), 0);
 * ```
 */
export function autoLabelColumn(schema: A.Schema): number | undefined {
  const names = schema.fields.map((f) => f.name);
  const pandas = pandasIndexColumn(schema.metadata.get("pandas"), names);
  if (pandas !== undefined) return pandas;
  const first = schema.fields[0];
  return first !== undefined && isStringType(first.type) ? 0 : undefined;
}

/** Where a column goes in the output matrix. */
export interface ColumnTarget {
  /** Output data, row-major. */
  out: Float64Array;
  /** Columns of the output matrix. */
  cols: number;
  /** Output column. */
  col: number;
  /** Output row of the first copied element. */
  row: number;
  /** Row of the file that the first copied element is in (for messages). @default from */
  fileRow?: number;
}

const TWO53 = 2n ** 53n;

/**
 * Copy elements `[from, to)` of an Arrow column chunk into a matrix column,
 * nulls as NaN. 64-bit integers beyond ±2^53 are an error (float64 would
 * round them).
 *
 * @param data One chunk of a numeric column.
 * @param from First element.
 * @param to End element (exclusive).
 * @param target Output matrix and position.
 * @param name Column name for messages.
 * @throws {RangeError} For a 64-bit integer float64 cannot hold exactly.
 *
 * @example
 * ```ts
 * import { copyColumn } from "./arrow_columns.ts";
 * import { vectorFromArray, Int32 } from "../deps/apache_arrow.ts";
 * import assert from "node:assert/strict";
 * const v = vectorFromArray([1, null, 3], new Int32());
 * const out = new Float64Array(6);
 * copyColumn(v.data[0]!, 0, 3, { out, cols: 2, col: 1, row: 0 }, "u");
 * assert.deepEqual(Array.from(out), [0, 1, 0, NaN, 0, 3]);
 * ```
 */
export function copyColumn(
  data: A.Data,
  from: number,
  to: number,
  target: ColumnTarget,
  name: string,
): void {
  const { out, cols, col, row } = target;
  const fileRow = target.fileRow ?? from;
  const t = data.type as A.DataType & { precision?: number };
  const values = data.values as ArrayLike<number | bigint>;
  const isBool = (t.typeId as number) === BOOL;
  const held = isBool ? values.length * 8 - data.offset : values.length;
  if (held < to || (data.nullCount > 0 && data.nullBitmap.length * 8 < data.offset + to)) {
    throw new DataFormatError(
      `column \`${name}\` claims ${data.length} rows but its buffers hold ${held} values (corrupt file)`,
    );
  }
  let k = row * cols + col;
  if (isBool) {
    const bits = values as Uint8Array, off = data.offset;
    for (let i = from; i < to; i++, k += cols) {
      out[k] = (bits[(off + i) >> 3]! >> ((off + i) & 7)) & 1;
    }
  } else if ((t.typeId as number) === FLOAT && t.precision === 0) {
    const wide = halfToFloat64((values as Uint16Array).subarray(from, to));
    for (let i = 0; i < wide.length; i++, k += cols) out[k] = wide[i]!;
  } else if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    for (let i = from; i < to; i++, k += cols) {
      const v = values[i]!;
      if ((v > TWO53 || v < -TWO53) && data.getValid(i)) {
        throw new RangeError(
          `column \`${name}\` holds ${v} at row ${
            fileRow + i - from
          }, beyond 2^53 in magnitude: float64 would round it`,
        );
      }
      out[k] = Number(v);
    }
  } else {
    const v = values as ArrayLike<number>;
    if (cols === 1) out.set((v as Float64Array).subarray(from, to), k);
    else for (let i = from; i < to; i++, k += cols) out[k] = v[i]!;
  }
  if (data.nullCount > 0) {
    k = row * cols + col;
    for (let i = from; i < to; i++, k += cols) if (!data.getValid(i)) out[k] = NaN;
  }
}
