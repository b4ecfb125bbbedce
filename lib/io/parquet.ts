/**
 * Parquet files (pandas `df.to_parquet()`, pyarrow, polars, Spark) read
 * through `npm:hyparquet`: numeric columns into a labelled matrix. All the
 * usual codecs are decoded (snappy, gzip, zstd, brotli, LZ4 via
 * `npm:hyparquet-compressors`). The file is read in pieces (footer, then the
 * column chunks asked for), so `rows` and `columns` read only what they need.
 *
 * @module
 */

import type { FileMetaData, SchemaElement, SchemaTree } from "../deps/hyparquet.ts";
import { type Dataset, makeDataset } from "./dataset.ts";
import { openFile, readAt } from "./detect.ts";
import { DataFormatError } from "./errors.ts";
import {
  type ColumnInfo,
  listColumnChoice,
  pandasIndexColumn,
  planTable,
  resolveRows,
  type TablePlan,
  type TableReadOptions,
} from "./table.ts";
import { checkOptions } from "../validate/options.ts";
import { PARQUET_OPTIONS } from "./option_kinds.ts";

/** Options for {@link readParquet}. */
export interface ParquetReadOptions extends TableReadOptions {
  /** Read only rows `[start, stop)` (only the row groups that hold them). @default undefined */
  rows?: readonly [number, number];
}

const INT_CONVERTED: Record<string, string> = {
  INT_8: "|i1",
  INT_16: "<i2",
  INT_32: "<i4",
  INT_64: "<i8",
  UINT_8: "|u1",
  UINT_16: "<u2",
  UINT_32: "<u4",
  UINT_64: "<u8",
};

const listHint = (name: string) =>
  `a list column is read as the matrix only as the table's one value column (beside the row ` +
  `labels; choose it with \`columns: [${JSON.stringify(name)}]\`), when its items are float32 or ` +
  `float64; else save the matrix as Arrow/Feather or .npy`;

/** Bytes per item of a list column of floats (`LIST<DOUBLE>`, `LIST<FLOAT>`), else undefined. */
function floatListItem(node: SchemaTree | undefined): 4 | 8 | undefined {
  const el = node?.element;
  if (!el || !(el.logical_type?.type === "LIST" || el.converted_type === "LIST")) return undefined;
  const repeated = node!.children[0];
  if (node!.children.length !== 1 || repeated?.element.repetition_type !== "REPEATED") {
    return undefined;
  }
  const leaf = repeated.children[0];
  if (repeated.children.length !== 1 || leaf === undefined || leaf.children.length > 0) {
    return undefined;
  }
  return leaf.element.type === "DOUBLE" ? 8 : leaf.element.type === "FLOAT" ? 4 : undefined;
}

/** A table whose values are one list column of floats (beside at most the row labels). */
interface ListPlan {
  /** Index of the list column. */
  column: number;
  /** Index of the label column, if any. */
  labels: number | undefined;
  /** Bytes per item (4 or 8). */
  itemBytes: 4 | 8;
  /** Items per row when the stored Arrow type says (a fixed-size list). */
  width: number | undefined;
}

/**
 * The list column that makes the matrix, as the Arrow reader reads a
 * fixed-size-list column: the only value column, or the one `columns` names.
 */
function listPlan(
  tree: readonly SchemaTree[],
  schema: readonly ColumnInfo[],
  options: ParquetReadOptions,
  auto: number | undefined,
  arrowTypes: Map<string, string> | undefined,
): ListPlan | undefined {
  const names = schema.map((c) => c.name);
  const choice = listColumnChoice(names, options, auto);
  if (choice === undefined) return undefined;
  const { column, labels } = choice;
  if (names.indexOf(names[column]!) !== names.lastIndexOf(names[column]!)) return undefined;
  const itemBytes = floatListItem(tree[column]);
  if (itemBytes === undefined) return undefined;
  if (labels !== undefined && tree[labels]!.children.length > 0) return undefined;
  const fixed = /^FixedSizeList\[(\d+)\]/.exec(arrowTypes?.get(names[column]!) ?? "");
  return { column, labels, itemBytes, width: fixed ? Number(fixed[1]) : undefined };
}

/** A logical type's name as Arrow prints it: `TIME<NANOS>`, `DECIMAL(5, 2)`, `DATE`. */
function logicalName(logical: NonNullable<SchemaElement["logical_type"]>): string {
  const l = logical as { type: string; unit?: string; precision?: number; scale?: number };
  if (l.unit !== undefined) return `${l.type}<${l.unit}>`;
  if (l.type === "DECIMAL") return `DECIMAL(${l.precision}, ${l.scale})`;
  return l.type;
}

/**
 * A column as the table planner sees it. `arrowType` is the column's type in
 * the Arrow schema pyarrow stores beside the Parquet one (`ARROW:schema`),
 * when known: it tells a duration from a plain int64.
 */
function describe(el: SchemaElement, arrowType?: string): ColumnInfo {
  const { name, type, converted_type: conv, logical_type: logical } = el;
  const info = (dtype: string | undefined, what?: string): ColumnInfo =>
    dtype === undefined
      ? { name, numeric: false, dtype: what ?? String(conv ?? logical?.type ?? type) }
      : { name, numeric: true, dtype };
  if (el.num_children) {
    const list = logical?.type === "LIST" || conv === "LIST";
    return {
      ...info(undefined, list ? "list" : "nested"),
      ...(list ? { hint: listHint(name) } : {}),
    };
  }
  if (el.repetition_type === "REPEATED") return info(undefined, "repeated");
  // times, dates and decimals are stored as integers: described by their logical type, not read
  const stored = type === "INT32" || type === "INT64" || type === "FIXED_LEN_BYTE_ARRAY";
  if (stored && logical !== undefined && logical.type !== "INTEGER") {
    return info(logical.type === "FLOAT16" ? "<f2" : undefined, logicalName(logical));
  }
  if (arrowType !== undefined && /^(Duration|Interval|Date|Time|Decimal)/.test(arrowType)) {
    return info(undefined, arrowType);
  }
  switch (type) {
    case "DOUBLE":
      return info("<f8");
    case "FLOAT":
      return info("<f4");
    case "BOOLEAN":
      return info("|b1");
    case "INT32":
    case "INT64": {
      if (logical?.type === "INTEGER") {
        const bytes = logical.bitWidth / 8;
        return info(`${bytes === 1 ? "|" : "<"}${logical.isSigned ? "i" : "u"}${bytes}`);
      }
      if (conv === undefined) return info(type === "INT32" ? "<i4" : "<i8");
      return info(INT_CONVERTED[conv]);
    }
    case "FIXED_LEN_BYTE_ARRAY":
      return info(undefined);
    case "BYTE_ARRAY":
      return info(undefined, conv === "UTF8" || logical?.type === "STRING" ? "utf8" : "binary");
    default:
      return info(undefined);
  }
}

function fileBuffer(file: Deno.FsFile, size: number) {
  return {
    byteLength: size,
    slice(start: number, end?: number): ArrayBuffer {
      const stop = Math.min(end ?? size, size);
      const bytes = readAt(file, start, Math.max(0, stop - start));
      return bytes.byteLength === bytes.buffer.byteLength
        ? bytes.buffer as ArrayBuffer
        : bytes.slice().buffer as ArrayBuffer;
    },
  };
}

/**
 * The column types of the Arrow schema pyarrow stores in a Parquet file's
 * metadata (`ARROW:schema`), read only when some column is a plain INT64
 * (which is how a duration is stored) or a list column (whose fixed size it
 * gives); undefined otherwise or when unreadable.
 */
async function storedArrowTypes(
  metadata: FileMetaData,
  leaves: readonly SchemaElement[],
): Promise<Map<string, string> | undefined> {
  const plain = leaves.some((el) =>
    (el.type === "INT64" && el.logical_type === undefined && el.converted_type === undefined) ||
    el.logical_type?.type === "LIST" || el.converted_type === "LIST"
  );
  const stored = metadata.key_value_metadata?.find((kv) => kv.key === "ARROW:schema")?.value;
  if (!plain || stored === undefined) return undefined;
  try {
    const message = Uint8Array.from(atob(stored), (c) => c.charCodeAt(0));
    const stream = new Uint8Array(message.length + 8);
    stream.set(message);
    stream.set([255, 255, 255, 255, 0, 0, 0, 0], message.length); // end of stream
    const arrow = await import("../deps/apache_arrow.ts");
    const table = arrow.tableFromIPC(stream);
    return new Map(table.schema.fields.map((f) => [f.name, String(f.type)]));
  } catch {
    return undefined; // not a schema we can read: the Parquet types alone decide
  }
}

/** Items in the first non-null row of a list column (0 when there is none). */
function firstLength(cells: readonly unknown[]): number {
  const row = cells.find((v) => v !== null && v !== undefined) as ArrayLike<unknown> | undefined;
  return row?.length ?? 0;
}

/**
 * The rows of a list column as a row-major matrix of `width` columns: a null
 * row or item is a missing value (NaN); a row of another length is an error.
 */
function listMatrix(
  cells: readonly unknown[],
  width: number,
  name: string,
  start: number,
  where: string,
): Float64Array {
  const out = new Float64Array(cells.length * width);
  cells.forEach((row, r) => {
    if (row === null || row === undefined) {
      out.fill(NaN, r * width, (r + 1) * width);
      return;
    }
    const items = row as ArrayLike<unknown>;
    if (items.length !== width) {
      throw new TypeError(
        `${where}: column \`${name}\` holds ${items.length} values at row ${
          start + r
        }, not ${width} as the others: a list column is read as a matrix only when every row has the same length`,
      );
    }
    for (let j = 0; j < width; j++) {
      const v = items[j];
      out[r * width + j] = v === null || v === undefined ? NaN : Number(v);
    }
  });
  return out;
}

const TWO53 = 2 ** 53;

function toNumber(v: unknown, name: string, row: number, where: string): number {
  if (typeof v === "number") return v;
  if (v === null || v === undefined) return NaN;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") {
    const n = Number(v);
    if (Math.abs(n) > TWO53) {
      throw new RangeError(
        `${where}: column \`${name}\` holds ${v} at row ${row}, beyond 2^53 in magnitude: float64 would round it`,
      );
    }
    return n;
  }
  throw new TypeError(`${where}: column \`${name}\` holds a non-numeric value at row ${row}`);
}

/**
 * Number of rows of a Parquet file, from its footer only.
 *
 * @param path A Parquet file.
 * @returns The row count.
 * @throws {DataFormatError} For a file that is not readable Parquet.
 *
 * @example
 * ```ts
 * import { parquetRowCount } from "./parquet.ts";
 * import { fileURLToPath } from "node:url";
 * import assert from "node:assert/strict";
 * const path = fileURLToPath(
 *   new URL("../../tests/io/fixtures/interchange/zstd.parquet", import.meta.url),
 * );
 * assert.ok((await parquetRowCount(path)) > 0);
 * ```
 */
export async function parquetRowCount(path: string): Promise<number> {
  const hp = await import("../deps/hyparquet.ts");
  using file = openFile(path);
  try {
    return Number((await hp.parquetMetadataAsync(fileBuffer(file, file.statSync().size))).num_rows);
  } catch (e) {
    throw new DataFormatError(
      `Cannot read \`${path}\`: not a readable Parquet file, or truncated (${
        (e as Error).message
      })`,
    );
  }
}

/**
 * Read a Parquet file into a labelled data set: numeric columns (int8–int64,
 * uint8–uint64, float16/32/64, bool) become the matrix; the row labels come
 * from `labels`, the pandas index, or a first column of strings; nulls are
 * missing values. A table whose values are one list column of floats (an
 * embedding column, pyarrow's fixed-size list) is the matrix row by row,
 * columns `emb[0]`, `emb[1]`, …, as the Arrow reader reads it; every row must
 * have the same length. Times, timestamps, dates, durations and decimals are
 * not numbers here: they are refused as values, named by their type.
 *
 * @param path File to read.
 * @param options See {@link ParquetReadOptions}.
 * @returns The data set (column labels = column names).
 * @throws {DataFormatError} For a truncated or corrupt file.
 * @throws {TypeError} For a non-numeric value column.
 * @throws {RangeError} For a missing value without `maskNaN`, or a bad `rows` range.
 *
 * @example
 * ```ts
 * import { readParquet } from "./parquet.ts";
 * import assert from "node:assert/strict";
 * // a fixture written by an independent Parquet writer (tests/io/fixtures/interchange)
 * const path = new URL("../../tests/io/fixtures/interchange/snappy.parquet", import.meta.url);
 * const ds = await readParquet(path.pathname, { columns: ["u3"], rows: [0, 2] });
 * assert.deepEqual(ds.rowLabels, ["face", "house"]);
 * assert.deepEqual(Array.from(ds.matrix.data), [-7, 0]);
 * ```
 */
export async function readParquet(
  path: string,
  options: ParquetReadOptions = {},
): Promise<Dataset> {
  checkOptions(options, PARQUET_OPTIONS, `Cannot read \`${path}\``);
  const where = `Cannot read \`${path}\``;
  const hp = await import("../deps/hyparquet.ts");
  const { compressors } = await import("../deps/hyparquet_compressors.ts");
  const file = openFile(path);
  try {
    const size = file.statSync().size;
    const buffer = fileBuffer(file, size);
    let metadata: FileMetaData;
    try {
      metadata = await hp.parquetMetadataAsync(buffer);
    } catch (e) {
      throw new DataFormatError(
        `${where}: not a readable Parquet file, or truncated (${(e as Error).message})`,
      );
    }
    const tree = hp.parquetSchema(metadata).children;
    const leaves = tree.map((c) => c.element);
    const arrowTypes = await storedArrowTypes(metadata, leaves);
    const schema = leaves.map((el) => describe(el, arrowTypes?.get(el.name)));
    const pandas = metadata.key_value_metadata?.find((kv) => kv.key === "pandas")?.value;
    const auto = pandasIndexColumn(pandas, schema.map((c) => c.name)) ??
      (schema[0]?.dtype === "utf8" ? 0 : undefined);
    const list = listPlan(tree, schema, options, auto, arrowTypes);
    const plan: TablePlan = list === undefined ? planTable(schema, options, path, auto) : {
      values: [list.column],
      labels: list.labels,
      names: [schema[list.column]!.name],
      dtype: `<f${list.itemBytes}`,
    };
    // a list column's rows (arrays) are kept as read, and become the matrix at the end
    const cells: unknown[] | undefined = list === undefined ? undefined : [];
    const total = Number(metadata.num_rows);
    const [start, stop] = resolveRows(options.rows, total, path);
    const cols = plan.values.length, rows = stop - start;
    const out = new Float64Array(rows * cols);
    const labels: string[] | undefined = plan.labels === undefined ? undefined : new Array(rows);
    const slot = new Map(plan.values.map((k, c) => [schema[k]!.name, c]));
    const labelName = plan.labels === undefined ? undefined : schema[plan.labels]!.name;
    const filled = new Float64Array(cols + 1);
    const fill = (columnName: string, columnData: ArrayLike<unknown>, rowStart: number): void => {
      const from = Math.max(start, rowStart);
      const to = Math.min(stop, rowStart + columnData.length);
      if (columnName === labelName && labels) {
        for (let r = from; r < to; r++) labels[r - start] = String(columnData[r - rowStart] ?? "");
        filled[cols] += Math.max(0, to - from);
      }
      const c = slot.get(columnName);
      if (c === undefined) return;
      if (cells !== undefined) {
        for (let r = from; r < to; r++) cells[r - start] = columnData[r - rowStart];
        filled[c] += Math.max(0, to - from);
        return;
      }
      for (let r = from; r < to; r++) {
        out[(r - start) * cols + c] = toNumber(columnData[r - rowStart], columnName, r, where);
      }
      filled[c] += Math.max(0, to - from);
    };
    let failure: unknown; // thrown after parquetRead: hyparquet does not await onChunk
    try {
      await hp.parquetRead({
        file: buffer,
        metadata,
        columns: [...plan.names, ...(labelName === undefined ? [] : [labelName])],
        rowStart: start,
        rowEnd: stop,
        compressors,
        onChunk: ({ columnName, columnData, rowStart }) => {
          if (failure !== undefined) return;
          try {
            fill(columnName, columnData, rowStart);
          } catch (e) {
            failure = e;
          }
        },
      });
    } catch (e) {
      failure ??= e;
    }
    if (failure !== undefined) {
      if (failure instanceof Error && failure.message.startsWith(where)) throw failure;
      throw new DataFormatError(
        `${where}: corrupt or unsupported Parquet data (${(failure as Error)?.message ?? failure})`,
      );
    }
    filled.forEach((n, c) => {
      if ((c < cols || labels) && n !== rows) {
        const name = c < cols ? plan.names[c] : labelName;
        throw new DataFormatError(
          `${where}: column \`${name}\` has ${n} values in rows [${start}, ${stop}), expected ${rows}`,
        );
      }
    });
    if (cells !== undefined) {
      const name = plan.names[0]!;
      const width = list!.width ?? firstLength(cells);
      return makeDataset({
        matrix: { rows, cols: width, data: listMatrix(cells, width, name, start, where) },
        rowLabels: labels,
        columnLabels: Array.from({ length: width }, (_, j) => `${name}[${j}]`),
        dtype: plan.dtype,
        source: path,
        firstRow: start,
      }, options);
    }
    return makeDataset({
      matrix: { rows, cols, data: out },
      rowLabels: labels,
      columnLabels: plan.names,
      dtype: plan.dtype,
      source: path,
      firstRow: start,
    }, options);
  } finally {
    file.close();
  }
}
