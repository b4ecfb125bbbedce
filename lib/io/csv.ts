/**
 * CSV and TSV tables with a header row: read into a labelled response matrix,
 * write tidy result tables (atomically).
 *
 * Reading follows pandas' defaults: RFC 4180 quoting (`"a,b"`, `""` for a
 * quote, line breaks inside quotes), blank lines skipped, a UTF-8 BOM ignored,
 * and pandas' NA tokens (`""`, `NaN`, `nan`, `NA`, `N/A`, `null`, `None`, …)
 * read as missing values. Numbers are decimal literals (`1`, `-2.5e-3`,
 * `.5`) or `inf`/`-inf`/`infinity`; `True`/`False` are booleans (1/0).
 *
 * @module
 */

import { extname } from "node:path";
import { readFileBytes, writeFileAtomic } from "./atomic.ts";
import { type Dataset, makeDataset } from "./dataset.ts";
import { DataFormatError } from "./errors.ts";
import { type ColumnInfo, planTable, type TableReadOptions } from "./table.ts";
import { type DatasetTableOptions, type TableInput, tidyTable } from "./tidy.ts";
import { checkOptions } from "../validate/options.ts";
import { CSV_OPTIONS, SOURCE_OPTION, WRITE_CSV_OPTIONS } from "./option_kinds.ts";

/** Options for {@link readCsv} and {@link parseCsv}. */
export interface CsvOptions extends TableReadOptions {
  /**
   * Field separator; by default a tab for `.tsv`/`.tab` files (and for
   * {@link parseCsv} text whose first line holds a tab), a comma otherwise.
   * @default undefined
   */
  delimiter?: string;
}

const NA = new Set([
  "",
  "#N/A",
  "#N/A N/A",
  "#NA",
  "-1.#IND",
  "-1.#QNAN",
  "-NaN",
  "-nan",
  "1.#IND",
  "1.#QNAN",
  "<NA>",
  "N/A",
  "NA",
  "NULL",
  "NaN",
  "None",
  "n/a",
  "nan",
  "null",
]);
const FLOAT = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/;
const INTEGER = /^[+-]?\d+$/;
const INF = /^([+-]?)(?:inf|infinity)$/i;

interface Records {
  rows: string[][];
  /** 1-based line number where each record starts. */
  lines: number[];
}

function splitRecords(text: string, delim: string, source: string): Records {
  const rows: string[][] = [], lines: number[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const d = delim.charCodeAt(0);
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === 34) { // quoted field
        let j = i + 1, out = "";
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            throw new DataFormatError(
              `Cannot read \`${source}\`: unterminated quoted field starting on line ${line} (truncated file?)`,
            );
          }
          out += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            out += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        for (const ch of out) if (ch === "\n") line++;
        field = out;
        i = j;
        const c = text.charCodeAt(i);
        if (i < n && c !== d && c !== 10 && c !== 13) {
          throw new DataFormatError(
            `Cannot read \`${source}\`: malformed quoted field on line ${line} (text after the closing quote)`,
          );
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === d || c === 10 || c === 13) break;
          j++;
        }
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      if (i < n && text.charCodeAt(i) === d) {
        i++;
        continue;
      }
      break;
    }
    if (text.charCodeAt(i) === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    line++;
    if (fields.length === 1 && fields[0] === "") continue; // blank line
    rows.push(fields);
    lines.push(startLine);
  }
  return { rows, lines };
}

type Cell = { kind: "na" } | { kind: "int" | "float" | "bool"; value: number };

function parseCell(s: string): Cell | undefined {
  const t = s.trim();
  if (NA.has(t)) return { kind: "na" };
  if (INTEGER.test(t)) return { kind: "int", value: Number(t) };
  if (FLOAT.test(t)) return { kind: "float", value: Number(t) };
  const inf = INF.exec(t);
  if (inf) return { kind: "float", value: inf[1] === "-" ? -Infinity : Infinity };
  if (t === "True" || t === "true" || t === "TRUE") return { kind: "bool", value: 1 };
  if (t === "False" || t === "false" || t === "FALSE") return { kind: "bool", value: 0 };
  return undefined;
}

/**
 * Parse CSV/TSV text with a header row into a labelled data set: numeric
 * columns make the matrix, and the row labels come from `labels` or from a
 * first column with an empty header (what pandas' `df.to_csv()` writes for the
 * index). Column dtypes follow pandas: `"<i8"` for integers, `"|b1"` for
 * booleans, `"<f8"` otherwise or when a value is missing.
 *
 * @param text The file contents.
 * @param options See {@link CsvOptions}; plus `source`, the name used in messages.
 * @returns The data set (column labels = header names).
 * @throws {DataFormatError} For a missing header, a record with a different
 * number of fields than the header, or broken quoting.
 * @throws {TypeError} For a non-numeric value column (see {@link planTable}).
 * @throws {RangeError} For a missing value without `maskNaN`.
 *
 * @example pandas' df.to_csv() output
 * ```ts
 * import { parseCsv } from "./csv.ts";
 * import assert from "node:assert/strict";
 * const ds = parseCsv(",u1,u2\nface,1.5,2\nhouse,-0.25,3\n");
 * assert.deepEqual(ds.rowLabels, ["face", "house"]);
 * assert.deepEqual(ds.columnLabels, ["u1", "u2"]);
 * assert.deepEqual(Array.from(ds.matrix.data), [1.5, 2, -0.25, 3]);
 * ```
 */
export function parseCsv(text: string, options: CsvOptions & { source?: string } = {}): Dataset {
  checkOptions(options, { ...CSV_OPTIONS, ...SOURCE_OPTION }, "Cannot read CSV");
  const { source = "<text>" } = options;
  const delimiter = options.delimiter ?? (/^[^\n]*\t/.test(text) ? "\t" : ",");
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new RangeError(
      `Cannot read \`${source}\`: \`delimiter\` must be one character other than a quote or line break: got ${
        JSON.stringify(delimiter)
      }`,
    );
  }
  const { rows, lines } = splitRecords(text, delimiter, source);
  const header = rows[0];
  if (header === undefined) throw new DataFormatError(`Cannot read \`${source}\`: no header row`);
  const width = header.length;
  const body = rows.slice(1);
  for (let r = 0; r < body.length; r++) {
    if (body[r]!.length !== width) {
      throw new DataFormatError(
        `Cannot read \`${source}\`: line ${lines[r + 1]} has ${
          body[r]!.length
        } fields, the header has ${width}`,
      );
    }
  }
  const schema: ColumnInfo[] = header.map((name, j) => {
    let bool = false, int = false, float = false, na = false;
    for (let r = 0; r < body.length; r++) {
      const cell = parseCell(body[r]![j]!);
      if (cell === undefined) {
        const dtype = `text: ${JSON.stringify(body[r]![j])} on line ${lines[r + 1]}`;
        return { name, numeric: false, dtype };
      }
      if (cell.kind === "na") na = true;
      else if (cell.kind === "bool") bool = true;
      else if (cell.kind === "int") int = true;
      else float = true;
    }
    if (bool && (int || float)) {
      return { name, numeric: false, dtype: "booleans mixed with numbers" };
    }
    const dtype = na || float || body.length === 0 ? "<f8" : bool ? "|b1" : "<i8";
    return { name, numeric: true, dtype };
  });
  const plan = planTable(schema, options, source, header[0] === "" ? 0 : undefined);
  const cols = plan.values.length, data = new Float64Array(body.length * cols);
  for (let r = 0; r < body.length; r++) {
    const rec = body[r]!;
    for (let c = 0; c < cols; c++) {
      const cell = parseCell(rec[plan.values[c]!]!)!;
      data[r * cols + c] = cell.kind === "na" ? NaN : cell.value;
    }
  }
  const rowLabels = plan.labels === undefined ? undefined : body.map((rec) => rec[plan.labels!]!);
  return makeDataset({
    matrix: { rows: body.length, cols, data },
    rowLabels,
    columnLabels: plan.names,
    dtype: plan.dtype,
    source,
  }, options);
}

/**
 * Read a CSV/TSV file with a header row (see {@link parseCsv}). The file is
 * read whole; the separator defaults to a tab for `.tsv`/`.tab` files.
 *
 * @param path File to read.
 * @param options See {@link CsvOptions}.
 * @returns The data set.
 *
 * @example
 * ```ts
 * import { readCsv } from "./csv.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".tsv" });
 * Deno.writeTextFileSync(path, "stim\tu1\nA\t1\nB\tNaN\n");
 * const ds = readCsv(path, { labels: "stim", maskNaN: true });
 * assert.deepEqual(Array.from(ds.mask!), [0, 1]);
 * Deno.removeSync(path);
 * ```
 */
export function readCsv(path: string, options: CsvOptions = {}): Dataset {
  checkOptions(options, CSV_OPTIONS, `Cannot read \`${path}\``);
  const bytes = readFileBytes(path);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DataFormatError(`Cannot read \`${path}\`: not UTF-8 text`);
  }
  const ext = extname(path).toLowerCase();
  const delimiter = options.delimiter ?? (ext === ".tsv" || ext === ".tab" ? "\t" : undefined);
  return parseCsv(text, { ...options, ...(delimiter ? { delimiter } : {}), source: path });
}

function formatField(v: number | string, delimiter: string): string {
  if (typeof v === "number") {
    if (v !== v) return "NaN"; // not "": a one-column row would read as a blank line
    if (v === Infinity) return "inf";
    if (v === -Infinity) return "-inf";
    return Object.is(v, -0) ? "-0.0" : String(v);
  }
  return v.includes(delimiter) || /["\r\n]/.test(v) || v !== v.trim() || NA.has(v)
    ? `"${v.replaceAll('"', '""')}"`
    : v;
}

/** Options for {@link encodeCsv} and {@link writeCsv}. */
export interface WriteCsvOptions extends DatasetTableOptions {
  /** Field separator; a tab for paths ending `.tsv`/`.tab` when left out. @default "," */
  delimiter?: string;
}

/**
 * Encode a tidy table as CSV text (a {@link Dataset}'s row labels go first, in a
 * column named `""` by default, as pandas writes its index): a header, `\n` line ends, numbers in the
 * shortest form that reads back to the same float64 (`-0.0` for -0, `inf`,
 * `-inf`, `NaN`), strings quoted when needed (separators, quotes, line
 * breaks, outer spaces, NA tokens like `NA`). Python reads it back exactly with
 * `pd.read_csv(path, float_precision="round_trip")`.
 *
 * @param table The table (see {@link tidyTable}).
 * @param options See {@link WriteCsvOptions}.
 * @returns The CSV text.
 *
 * @example
 * ```ts
 * import { encodeCsv } from "./csv.ts";
 * import assert from "node:assert/strict";
 * const text = encodeCsv({ pair: ["V1,V4", "IT"], score: [0.1, NaN] });
 * assert.equal(text, 'pair,score\n"V1,V4",0.1\nIT,NaN\n');
 * ```
 */
export function encodeCsv(table: TableInput, options: WriteCsvOptions = {}): string {
  checkOptions(options, WRITE_CSV_OPTIONS, "Cannot encode CSV");
  const { delimiter = "," } = options;
  const t = tidyTable(table, "Cannot encode CSV", { labelColumn: "", ...options });
  const header = t.names.map((n) => (n === "" ? "" : formatField(n, delimiter)));
  const lines = [header.join(delimiter)];
  for (let i = 0; i < t.rows; i++) {
    lines.push(t.columns.map((col) => formatField(col[i]!, delimiter)).join(delimiter));
  }
  return lines.join("\n") + "\n";
}

/**
 * Write a tidy table (or a {@link Dataset}) as CSV/TSV, atomically: the file
 * appears whole or not at all.
 *
 * @param path Destination (`.tsv`/`.tab` default to tab separators).
 * @param table The table (see {@link tidyTable}).
 * @param options See {@link WriteCsvOptions}.
 *
 * @example
 * ```ts
 * import { readCsv, writeCsv } from "./csv.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".csv" });
 * writeCsv(path, { label: ["a", "b"], u1: [1, 2] });
 * assert.deepEqual(readCsv(path, { labels: "label" }).rowLabels, ["a", "b"]);
 * Deno.removeSync(path);
 * ```
 */
export function writeCsv(path: string, table: TableInput, options: WriteCsvOptions = {}): void {
  checkOptions(options, WRITE_CSV_OPTIONS, `Cannot write \`${path}\``);
  const ext = extname(path).toLowerCase();
  const delimiter = options.delimiter ?? (ext === ".tsv" || ext === ".tab" ? "\t" : ",");
  let text: string;
  try {
    text = encodeCsv(table, { ...options, delimiter });
  } catch (e) {
    if (e instanceof TypeError) {
      throw new TypeError(e.message.replace("Cannot encode CSV", `Cannot write \`${path}\``));
    }
    throw e;
  }
  writeFileAtomic(path, new TextEncoder().encode(text));
}
