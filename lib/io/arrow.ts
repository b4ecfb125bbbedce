/**
 * Arrow IPC files and streams (Feather v2, what `pyarrow.feather`,
 * `df.to_feather()` and `pa.ipc.new_file/new_stream` write): read numeric
 * columns into a labelled matrix, write tidy result tables atomically.
 * Record-batch buffers compressed with LZ4 frame or ZSTD are decompressed.
 *
 * @module
 */

import type * as A from "../deps/apache_arrow.ts";
import { writeFileAtomic } from "./atomic.ts";
import { type Arrow, loadArrow } from "./arrow_codecs.ts";
import { autoLabelColumn, columnInfo, copyColumn } from "./arrow_columns.ts";
import {
  loadFooterDecoder,
  messagePrefix,
  readArrowLayout,
  recordBatchHeader,
} from "./arrow_layout.ts";
import { type BatchHeader, flatBufferIndex, readBatchDirect, readLabels } from "./arrow_direct.ts";
import {
  copyMatrixColumn,
  fieldSlots,
  type MatrixColumnPlan,
  matrixColumnPlan,
  readMatrixColumn,
} from "./arrow_matrix.ts";
import { verifyFooter, verifyMessage, verifyStream } from "./arrow_verify.ts";
import { type Dataset, makeDataset } from "./dataset.ts";
import { openFile, readAt, readInto } from "./detect.ts";
import { DataFormatError } from "./errors.ts";
import { allocateFloat64 } from "./map_file.ts";
import { planTable, resolveRows, type TablePlan, type TableReadOptions } from "./table.ts";
import { type DatasetTableOptions, type TableInput, tidyTable } from "./tidy.ts";
import { checkOptions } from "../validate/options.ts";
import { ARROW_READ_OPTIONS, ARROW_WRITE_OPTIONS, SOURCE_OPTION } from "./option_kinds.ts";

/** Options for {@link readArrow} and {@link parseArrow}. */
export interface ArrowReadOptions extends TableReadOptions {
  /**
   * Read only rows `[start, stop)`. For an IPC file only the record batches
   * that hold them are read from disk.
   * @default undefined (all rows)
   */
  rows?: readonly [number, number];
  /**
   * For an IPC file whose values are one fixed-size-list float64 column in one
   * uncompressed record batch: return the matrix as a view of the file mapped
   * into memory (private, copy-on-write) instead of a copy. No read and no
   * allocation, but the matrix follows later writes to the file, and reading
   * pages that a truncation removed kills the process with SIGBUS. Other
   * files are copied whatever this says.
   * @default false
   */
  map?: boolean;
}

const EOS = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** Run an apache-arrow call, turning its errors into a DataFormatError naming the file. */
function decode<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Error && e.message.startsWith(where)) throw e; // ours, already named
    if (e instanceof DataFormatError) throw new DataFormatError(`${where}: ${e.message}`);
    throw new DataFormatError(
      `${where}: corrupt or unsupported Arrow IPC data (${(e as Error).message ?? e})`,
    );
  }
}

/** Fills the output matrix batch by batch. */
class Filler {
  readonly out: Float64Array;
  readonly labels: string[] | undefined;
  /** Next output row. */
  row = 0;
  /** Whether every row written so far is known to hold no NaN. */
  nanFree = true;
  constructor(
    readonly plan: TablePlan,
    readonly nRows: number,
    readonly where: string,
    readonly firstRow: number,
  ) {
    this.out = allocateFloat64(nRows * plan.values.length);
    this.labels = plan.labels === undefined ? undefined : [];
  }
  /** The row of the file that the next output row holds (for messages). */
  get fileRow(): number {
    return this.firstRow + this.row;
  }
  /** Copy rows `[from, to)` of a batch. */
  add(batch: A.RecordBatch, from: number, to: number): void {
    const cols = this.plan.values.length;
    this.nanFree = false; // not counted on this path
    this.plan.values.forEach((k, col) => {
      const data = batch.getChildAt(k)!.data[0]!;
      try {
        copyColumn(
          data,
          from,
          to,
          { out: this.out, cols, col, row: this.row, fileRow: this.fileRow },
          this.plan.names[col]!,
        );
      } catch (e) {
        if (e instanceof RangeError) throw new RangeError(`${this.where}: ${e.message}`);
        throw e;
      }
    });
    if (this.labels !== undefined) {
      batchLabels(batch, this.plan.labels!, from, to, this.labels, this.where);
    }
    this.row += to - from;
  }
}

function finish(
  filler: Filler,
  source: string,
  options: ArrowReadOptions,
): Dataset {
  const { plan, out, labels, nRows, nanFree, firstRow } = filler;
  return makeDataset({
    matrix: { rows: nRows, cols: plan.values.length, data: out },
    rowLabels: labels,
    columnLabels: plan.names,
    dtype: plan.dtype,
    source,
    nanFree,
    firstRow,
  }, options);
}

function planFor(schema: A.Schema, options: ArrowReadOptions, source: string): TablePlan {
  return planTable(schema.fields.map(columnInfo), options, source, autoLabelColumn(schema));
}

/**
 * Read an Arrow IPC stream or file held in memory (see {@link readArrow}).
 *
 * @param bytes The stream or file contents.
 * @param options See {@link ArrowReadOptions}; plus `source`, the name used in messages.
 * @returns The data set (column labels = column names).
 * @throws {DataFormatError} For corrupt or truncated data.
 *
 * @example Round trip through bytes
 * ```ts
 * import { encodeArrow, parseArrow } from "./arrow.ts";
 * import assert from "node:assert/strict";
 * const bytes = await encodeArrow({ stim: ["a", "b"], u1: [1, 2], u2: [3, 4] }, { format: "stream" });
 * const ds = await parseArrow(bytes);
 * assert.deepEqual(ds.rowLabels, ["a", "b"]);
 * assert.deepEqual(Array.from(ds.matrix.data), [1, 3, 2, 4]);
 * ```
 */
export async function parseArrow(
  bytes: Uint8Array,
  options: ArrowReadOptions & { source?: string } = {},
): Promise<Dataset> {
  checkOptions(options, { ...ARROW_READ_OPTIONS, ...SOURCE_OPTION }, "Cannot read Arrow");
  const { source = "<bytes>" } = options;
  const where = `Cannot read \`${source}\``;
  const arrow = await loadArrow();
  if (bytes.length === 0) throw new DataFormatError(`${where}: the Arrow data is empty`);
  decode(where, () => verifyIpc(bytes));
  const table = decode(where, () => arrow.tableFromIPC(bytes));
  const [start, stop] = resolveRows(options.rows, table.numRows, source);
  const matrixPlan = matrixColumnPlan(table.schema, options);
  if (matrixPlan !== undefined) {
    const { column, width } = matrixPlan, name = table.schema.fields[column]!.name;
    const data = allocateFloat64((stop - start) * width);
    const labels = matrixPlan.labels === undefined ? undefined : [] as string[];
    let base = 0, row = 0;
    for (const batch of table.batches) {
      const from = Math.max(start - base, 0), to = Math.min(stop - base, batch.numRows);
      base += batch.numRows;
      if (from >= to) continue;
      decode(where, () => {
        copyMatrixColumn(batch.getChildAt(column)!.data[0]!, from, to, data, row, name);
        if (labels !== undefined) batchLabels(batch, matrixPlan.labels!, from, to, labels, where);
      });
      row += to - from;
    }
    return makeDataset({
      matrix: { rows: stop - start, cols: width, data },
      rowLabels: labels,
      columnLabels: matrixPlan.names,
      dtype: matrixPlan.dtype,
      source,
      firstRow: start,
    }, options);
  }
  const plan = planFor(table.schema, options, source);
  const filler = new Filler(plan, stop - start, where, start);
  let base = 0;
  for (const batch of table.batches) {
    const from = Math.max(start - base, 0), to = Math.min(stop - base, batch.numRows);
    if (from < to) decode(where, () => filler.add(batch, from, to));
    base += batch.numRows;
  }
  return finish(filler, source, options);
}

/** Bytes a row needs at least in a plan's value columns (a bool takes 1/8). */
function minRowBytes(schema: A.Schema, plan: TablePlan): number {
  return plan.values.reduce((sum, k) => {
    const dtype = columnInfo(schema.fields[k]!).dtype;
    return sum + (dtype === "|b1" ? 1 / 8 : Number(dtype.slice(2)));
  }, 0);
}

/** Check the metadata of IPC bytes (a file's footer and messages, or a stream). */
function verifyIpc(bytes: Uint8Array): void {
  if (new TextDecoder().decode(bytes.subarray(0, 6)) !== "ARROW1") return verifyStream(bytes);
  const n = bytes.length;
  const magic = new TextDecoder().decode(bytes.subarray(n - 6));
  const footerLength = n >= 16
    ? new DataView(bytes.buffer, bytes.byteOffset).getInt32(n - 10, true)
    : -1;
  const footerStart = n - 10 - footerLength;
  if (magic !== "ARROW1" || footerLength <= 0 || footerStart < 8) {
    throw new DataFormatError(
      "no trailing ARROW1 magic or a bad footer length; the Arrow IPC file is truncated or corrupt",
    );
  }
  verifyFooter(bytes.subarray(footerStart, n - 10));
  verifyStream(bytes.subarray(8, footerStart));
}

function batchHeader(
  meta: Uint8Array,
  bodyLength: number,
  rowBytes: number,
  where: string,
): BatchHeader & { compression: unknown } {
  const [prefix, length] = messagePrefix(meta, where);
  if (prefix + length > meta.length) {
    throw new DataFormatError(`${where}: a record batch's metadata overruns its block`);
  }
  const flat = meta.subarray(prefix, prefix + length);
  verifyMessage(flat);
  const header = recordBatchHeader(flat);
  if (header === undefined) {
    throw new DataFormatError(`${where}: footer block is not a record batch`);
  }
  // an uncompressed batch holds every value: a row count beyond that is corrupt
  if (header.compression == null && header.length * rowBytes > bodyLength) {
    throw new DataFormatError(
      `${where}: a record batch claims ${header.length} rows but its body has only ${bodyLength} bytes`,
    );
  }
  return header;
}

function readFileWise(
  arrow: Arrow,
  file: Deno.FsFile,
  path: string,
  options: ArrowReadOptions,
): Dataset {
  const where = `Cannot read \`${path}\``;
  const layout = readArrowLayout(arrow, file, path);
  const dicts = layout.dictionaries.map((b) =>
    readAt(file, b.offset, b.metaDataLength + b.bodyLength)
  );
  for (const d of dicts) verifyStream(d); // one message each
  let head: Uint8Array | undefined;
  /** The schema and dictionary messages, to put in front of a batch read through apache-arrow. */
  const prefix = (): Uint8Array => {
    if (head !== undefined) return head;
    const schemaMessage = layout.schemaMessage;
    head = new Uint8Array(schemaMessage.length + dicts.reduce((s, d) => s + d.length, 0));
    head.set(schemaMessage);
    dicts.reduce((at, d) => (head!.set(d, at), at + d.length), schemaMessage.length);
    return head;
  };
  /** Record batch `k` decoded whole by apache-arrow. */
  const decodeBatch = (k: number, n: number): A.RecordBatch => {
    const block = layout.recordBatches[k]!;
    const size = block.metaDataLength + block.bodyLength;
    const head = prefix(), prefixLength = head.length;
    const buf = new Uint8Array(prefixLength + size + EOS.length);
    buf.set(head);
    if (readInto(file, block.offset, buf.subarray(prefixLength, prefixLength + size)) !== size) {
      throw new DataFormatError(`${where}: truncated record batch ${k}`);
    }
    buf.set(EOS, prefixLength + size);
    const table = decode(where, () => arrow.tableFromIPC(buf));
    const batch = table.batches[0];
    if (table.batches.length !== 1 || batch === undefined || batch.numRows !== n) {
      throw new DataFormatError(`${where}: record batch ${k} does not match its footer entry`);
    }
    return batch;
  };
  const schema = layout.schema;
  const matrixPlan = matrixColumnPlan(schema, options);
  const plan = matrixPlan === undefined ? planFor(schema, options, path) : undefined;
  const rowBytes = plan !== undefined
    ? minRowBytes(schema, plan)
    : matrixPlan!.width * matrixPlan!.itemBytes;
  const headers = layout.recordBatches.map((b) =>
    batchHeader(readAt(file, b.offset, b.metaDataLength), b.bodyLength, rowBytes, where)
  );
  const lengths = headers.map((h) => h.length);
  const total = lengths.reduce((s, n) => s + n, 0);
  const [start, stop] = resolveRows(options.rows, total, path);
  /** The batches holding rows `[start, stop)`: index, body start and rows `[from, to)`. */
  const parts: { k: number; bodyStart: number; from: number; to: number }[] = [];
  let base = 0;
  layout.recordBatches.forEach((block, k) => {
    const n = lengths[k]!;
    const from = Math.max(start - base, 0), to = Math.min(stop - base, n);
    base += n;
    if (from < to) parts.push({ k, bodyStart: block.offset + block.metaDataLength, from, to });
  });
  /** Rethrow a direct reader's error naming the file. */
  const named = (e: unknown): never => {
    throw new (e instanceof RangeError ? RangeError : DataFormatError)(
      `${where}: ${(e as Error).message}`,
    );
  };
  if (matrixPlan !== undefined) {
    return readMatrixFile(matrixPlan, {
      file,
      path,
      schema,
      headers,
      lengths,
      parts,
      rows: stop - start,
      firstRow: start,
      bodyLength: (k) => layout.recordBatches[k]!.bodyLength,
      decodeBatch,
      named,
      where,
      options,
    });
  }
  const flat = directLabels(schema, plan!.labels) ? flatBufferIndex(schema) : undefined;
  const filler = new Filler(plan!, stop - start, where, start);
  for (const { k, bodyStart, from, to } of parts) {
    const header = headers[k]!;
    if (flat !== undefined && header.compression == null) {
      const target = {
        out: filler.out,
        row: filler.row,
        labels: filler.labels,
        fileRow: filler.fileRow,
      };
      try {
        if (
          readBatchDirect(
            file,
            bodyStart,
            layout.recordBatches[k]!.bodyLength,
            header,
            schema,
            flat,
            plan!,
            [from, to],
            target,
          ) > 0
        ) filler.nanFree = false;
      } catch (e) {
        named(e);
      }
      filler.row += to - from;
      continue;
    }
    const batch = decodeBatch(k, lengths[k]!);
    decode(where, () => filler.add(batch, from, to));
  }
  return finish(filler, path, options);
}

/**
 * Whether a batch's row labels (column `k`, if any) can be read straight from
 * the file: a utf8 column. Labels of other types (a pandas integer index)
 * go through apache-arrow's decoder, which writes them as text.
 */
function directLabels(schema: A.Schema, k: number | undefined): boolean {
  return k === undefined || (schema.fields[k]!.type.typeId as number) === 5; // Type.Utf8
}

/** What {@link readMatrixFile} needs of an IPC file being read. */
interface MatrixFileParts {
  file: Deno.FsFile;
  path: string;
  schema: A.Schema;
  headers: (BatchHeader & { compression: unknown })[];
  lengths: number[];
  parts: { k: number; bodyStart: number; from: number; to: number }[];
  rows: number;
  /** File row of the first row read. */
  firstRow: number;
  bodyLength: (k: number) => number;
  decodeBatch: (k: number, n: number) => A.RecordBatch;
  named: (e: unknown) => never;
  where: string;
  options: ArrowReadOptions;
}

/**
 * Read a table whose values are one fixed-size list of floats, copied batch
 * by batch into the matrix; with `map: true`, one uncompressed float64 batch
 * becomes the matrix with no copy (mapped).
 */
function readMatrixFile(plan: MatrixColumnPlan, f: MatrixFileParts): Dataset {
  const { file, path, schema, headers, parts, where } = f;
  const slots = directLabels(schema, plan.labels) ? fieldSlots(schema) : undefined;
  const direct = (k: number) => slots !== undefined && headers[k]!.compression == null;
  const labels = plan.labels === undefined ? undefined : [] as string[];
  let data: Float64Array | undefined;
  // the matrix column of one part of a batch, mapped (no target) or copied into the target
  const readPart = (
    { k, bodyStart, from, to }: (typeof parts)[number],
    target?: { data: Float64Array; row: number; nan?: number },
  ) =>
    readMatrixColumn(
      file,
      path,
      bodyStart,
      f.bodyLength(k),
      headers[k]!,
      plan,
      slots![plan.column]!,
      [from, to],
      target,
    );
  const only = parts.length === 1 && f.options.map === true ? parts[0]! : undefined;
  if (only !== undefined && direct(only.k)) {
    try {
      data = readPart(only);
    } catch (e) {
      f.named(e);
    }
  }
  const mapped = data !== undefined;
  if (data === undefined) data = allocateFloat64(f.rows * plan.width);
  let row = 0, nan = mapped ? NaN : 0; // NaN counted as the parts are read (NaN: not counted)
  for (const { k, bodyStart, from, to } of parts) {
    if (direct(k)) {
      try {
        if (only === undefined) {
          const target = { data, row, nan: 0 };
          readPart({ k, bodyStart, from, to }, target);
          nan += target.nan;
        }
        if (labels !== undefined) {
          const name = schema.fields[plan.labels!]!.name;
          readLabels(
            file,
            bodyStart,
            f.bodyLength(k),
            headers[k]!,
            slots![plan.labels!]!,
            name,
            [from, to],
            labels,
          );
        }
      } catch (e) {
        f.named(e);
      }
    } else {
      nan = NaN;
      const batch = f.decodeBatch(k, f.lengths[k]!);
      decode(where, () => {
        const name = schema.fields[plan.column]!.name;
        copyMatrixColumn(batch.getChildAt(plan.column)!.data[0]!, from, to, data!, row, name);
        if (labels !== undefined) batchLabels(batch, plan.labels!, from, to, labels, where);
      });
    }
    row += to - from;
  }
  return makeDataset({
    matrix: { rows: f.rows, cols: plan.width, data },
    rowLabels: labels,
    columnLabels: plan.names,
    dtype: plan.dtype,
    source: path,
    firstRow: f.firstRow,
    nanFree: nan === 0,
  }, f.options);
}

/** Append rows `[from, to)` of a decoded label column to `labels`. */
function batchLabels(
  batch: A.RecordBatch,
  k: number,
  from: number,
  to: number,
  labels: string[],
  where: string,
): void {
  const v = batch.getChildAt(k)!;
  const offsets = v.data[0]?.valueOffsets;
  if (offsets !== undefined && offsets.length < to + 1) {
    throw new DataFormatError(`${where}: the label column's offsets are shorter than the batch`);
  }
  for (let i = from; i < to; i++) labels.push(String(v.get(i) ?? ""));
}

/**
 * Read an Arrow IPC file (Feather v2) or stream into a labelled data set:
 * numeric columns (int, uint, float16/32/64, bool) become the matrix, in file
 * order; the row labels come from `labels`, the pandas index, or a first
 * column of strings; nulls are missing values. An IPC file is read one record
 * batch at a time: uncompressed batches of flat columns (int, float, bool,
 * utf8) column group by column group straight from disk (peak memory ≈ the
 * matrix plus a few MiB), other batches whole (≈ the matrix plus the largest
 * batch); a stream is read whole. A table whose values are one fixed-size
 * list of floats (an embedding column; beside it at most the labels) is the
 * matrix row by row, columns `X[0]`, `X[1]`, …. The matrix is a private
 * copy of the file's values (see `map` for the one exception).
 *
 * @param path File to read.
 * @param options See {@link ArrowReadOptions}.
 * @returns The data set.
 * @throws {DataFormatError} For a truncated or corrupt file.
 * @throws {TypeError} For a non-numeric value column.
 * @throws {RangeError} For a missing value without `maskNaN`, or a bad `rows` range.
 *
 * @example
 * ```ts
 * import { readArrow, writeArrow } from "./arrow.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".arrow" });
 * await writeArrow(path, { u1: [1, 2, 3], u2: [4, 5, 6] });
 * const ds = await readArrow(path, { rows: [1, 3] });
 * assert.deepEqual(Array.from(ds.matrix.data), [2, 5, 3, 6]);
 * Deno.removeSync(path);
 * ```
 */
export async function readArrow(path: string, options: ArrowReadOptions = {}): Promise<Dataset> {
  checkOptions(options, ARROW_READ_OPTIONS, `Cannot read \`${path}\``);
  const arrow = await loadArrow();
  await loadFooterDecoder();
  const file = openFile(path);
  const where = `Cannot read \`${path}\``;
  try {
    const magic = new TextDecoder().decode(readAt(file, 0, 6));
    if (magic === "ARROW1") return decode(where, () => readFileWise(arrow, file, path, options));
    const size = file.statSync().size;
    const bytes = readAt(file, 0, size);
    return await parseArrow(bytes, { ...options, source: path });
  } finally {
    file.close();
  }
}

/**
 * Number of rows of an Arrow IPC file (Feather v2), from its footer and
 * record-batch headers only (no column data is read).
 *
 * @param path An Arrow IPC file (not a stream).
 * @returns The total row count.
 * @throws {DataFormatError} For a file that is not an Arrow IPC file.
 *
 * @example
 * ```ts
 * import { arrowRowCount, writeArrow } from "./arrow.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".arrow" });
 * await writeArrow(path, { u: [1, 2, 3] });
 * assert.equal(await arrowRowCount(path), 3);
 * Deno.removeSync(path);
 * ```
 */
export async function arrowRowCount(path: string): Promise<number> {
  const arrow = await loadArrow();
  await loadFooterDecoder();
  using file = openFile(path);
  const where = `Cannot read \`${path}\``;
  const layout = readArrowLayout(arrow, file, path);
  let total = 0;
  for (const b of layout.recordBatches) {
    total += batchHeader(readAt(file, b.offset, b.metaDataLength), b.bodyLength, 0, where)
      .length;
  }
  return total;
}

/** Options for {@link encodeArrow} and {@link writeArrow}. */
export interface ArrowWriteOptions extends DatasetTableOptions {
  /** IPC file (Feather v2, `.arrow`/`.feather`) or stream (`.arrows`). @default "file" */
  format?: "file" | "stream";
}

/**
 * Encode a tidy table as Arrow IPC bytes, uncompressed: number columns as
 * Float64, string columns as Utf8. A {@link Dataset} is written with its row
 * labels first (column `label` by default), so reading it back finds them.
 *
 * @param table The table (see {@link tidyTable}).
 * @param options See {@link ArrowWriteOptions}.
 * @returns The bytes.
 *
 * @example
 * ```ts
 * import { encodeArrow } from "./arrow.ts";
 * import assert from "node:assert/strict";
 * const bytes = await encodeArrow({ x: [1] });
 * assert.equal(new TextDecoder().decode(bytes.subarray(0, 6)), "ARROW1");
 * ```
 */
export async function encodeArrow(
  table: TableInput,
  options: ArrowWriteOptions = {},
): Promise<Uint8Array> {
  checkOptions(options, ARROW_WRITE_OPTIONS, "Cannot encode Arrow");
  const { format = "file" } = options;
  if (format !== "file" && format !== "stream") {
    throw new RangeError(
      `Cannot encode Arrow: \`format\` must be "file" or "stream": got ${format}`,
    );
  }
  const t = tidyTable(table, "Cannot encode Arrow", options);
  const arrow = await loadArrow();
  const vectors: Record<string, A.Vector> = {};
  t.names.forEach((name, k) => {
    const col = t.columns[k]!;
    vectors[name] = col instanceof Float64Array
      ? arrow.makeVector(col)
      : arrow.vectorFromArray(col, new arrow.Utf8());
  });
  return arrow.tableToIPC(new arrow.Table(vectors), format);
}

/**
 * Write a tidy table (or a {@link Dataset}) as an Arrow IPC file or stream,
 * atomically: the file appears whole or not at all. pandas reads it with
 * `pd.read_feather(path)`, pyarrow with `pyarrow.feather.read_table(path)`.
 *
 * @param path Destination file.
 * @param table The table (see {@link tidyTable}).
 * @param options See {@link ArrowWriteOptions}.
 *
 * @example
 * ```ts
 * import { readArrow, writeArrow } from "./arrow.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".feather" });
 * await writeArrow(path, { metric: ["cka", "rsa"], value: [0.5, 0.75] });
 * assert.deepEqual((await readArrow(path)).rowLabels, ["cka", "rsa"]);
 * Deno.removeSync(path);
 * ```
 */
export async function writeArrow(
  path: string,
  table: TableInput,
  options: ArrowWriteOptions = {},
): Promise<void> {
  checkOptions(options, ARROW_WRITE_OPTIONS, `Cannot write \`${path}\``);
  let bytes: Uint8Array;
  try {
    bytes = await encodeArrow(table, options);
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) {
      const Ctor = e.constructor as new (m: string) => Error;
      throw new Ctor(e.message.replace("Cannot encode Arrow", `Cannot write \`${path}\``));
    }
    throw e;
  }
  writeFileAtomic(path, bytes);
}
