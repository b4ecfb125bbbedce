/**
 * CSV and TSV tables: read into a labelled response matrix, write tidy result
 * tables (atomically).
 *
 * The first line is the header unless it is numbers as `np.savetxt` writes
 * them (no header; exponent notation); other lines of numbers are refused as
 * ambiguous, except the column numbers 0…p−1 or 1…p that pandas writes for an
 * unnamed frame; `header: true | false` overrides the rule. A
 * last column with an empty name and no values (a delimiter ending every
 * line) is dropped.
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
  /**
   * Whether the first line names the columns. `true`: it does; `false`: it is
   * data, and the columns are named `"0"`, `"1"`, … (pandas' `header=None`);
   * `"auto"`: a first line with a field that is not a number names the
   * columns; so does one that is exactly 0…p−1 or 1…p (pandas' names for an
   * unnamed frame) above values that are not all integers; one written as `np.savetxt` writes numbers (every field
   * in exponent notation, or nan/inf) is data, and the data set's `notice`
   * says so; any other first line of numbers could be either (column ids such
   * as 3,7,12, or a row of counts), so it is refused until `header` says which.
   * @default "auto"
   */
  header?: "auto" | boolean;
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

const MAX_EXACT = 2 ** 53;

/** Whether an integer literal lies beyond ±2^53 (where float64 stops holding every integer). */
function beyondExact(literal: string): boolean {
  const v = BigInt(literal.trim());
  return v > 2n ** 53n || v < -(2n ** 53n);
}

/** A number, or a NaN spelling such as `np.savetxt` writes (`nan`), but not an empty field. */
function numberLike(field: string): "number" | "nan" | undefined {
  const cell = parseCell(field);
  if (cell === undefined || cell.kind === "bool") return undefined;
  if (cell.kind !== "na") return "number";
  return /^[+-]?nan$/i.test(field.trim()) ? "nan" : undefined;
}

/** A number as `np.savetxt` writes it by default (`%.18e`): one digit, a fraction, an exponent. */
const SAVETXT = /^[+-]?\d\.\d+e[+-]\d+$/i;

/** A field as `np.savetxt` writes a value: {@link SAVETXT}, or nan, inf (any sign or case). */
function savetxtField(field: string): boolean {
  const f = field.trim();
  return SAVETXT.test(f) || INF.test(f) || /^[+-]?nan$/i.test(f);
}

/** The first line of a text, without its line break. */
function firstLineOf(text: string): string {
  const end = text.indexOf("\n");
  return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, "");
}

/**
 * How a first line is read under `header: "auto"`: `"header"` when some field
 * is not a number or the fields are exactly 0…p−1 or 1…p (with a value below
 * that is not an integer); `"data"` when every
 * field is a number as `np.savetxt` writes it (or nan/inf); `"either"` for any
 * other line of numbers, which could be column ids or a row of data.
 */
function firstLineKind(
  first: readonly string[],
  body: readonly (readonly string[])[],
): "header" | "data" | "either" {
  const kinds = first.map(numberLike);
  if (!kinds.every((k) => k !== undefined) || !kinds.includes("number")) return "header";
  const ints = first.map((f) => (INTEGER.test(f.trim()) ? Number(f) : NaN));
  if (ints.every((v, j) => v === j) || ints.every((v, j) => v === j + 1)) {
    // pandas' column numbers, unless every value below is an integer too (then 0,1,… may be a
    // first row of counts or one-hot labels)
    return body.length > 0 && body.every((r) => r.every((f) => INTEGER.test(f.trim())))
      ? "either"
      : "header";
  }
  return first.every(savetxtField) ? "data" : "either";
}

/** The first fields of a line, joined for a message. */
function firstFields(first: readonly string[]): string {
  const shown = first.slice(0, 4).map((f) => f.trim()).join(", ");
  return first.length > 4 ? `${shown}, …` : shown;
}

/** Drop a last field that is empty on every line (a delimiter ending each line), when there are others. */
function dropTrailingEmpty(rows: string[][]): void {
  const width = rows[0]?.length ?? 0;
  if (width < 2) return;
  if (!rows.every((r) => r.length === width && r[width - 1]!.trim() === "")) return;
  for (const r of rows) r.pop();
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
 * Parse CSV/TSV text into a labelled data set (the first line names the
 * columns unless `header` says otherwise, see {@link CsvOptions}): numeric
 * columns make the matrix, and the row labels come from `labels` or from a
 * first column with an empty header (what pandas' `df.to_csv()` writes for the
 * index). Column dtypes follow pandas: `"<i8"` for integers, `"|b1"` for
 * booleans, `"<f8"` otherwise or when a value is missing.
 *
 * @param text The file contents.
 * @param options See {@link CsvOptions}; plus `source`, the name used in messages.
 * @returns The data set (column labels = header names).
 * @throws {DataFormatError} For an empty text, a record with a different
 * number of fields than the first line, or broken quoting.
 * @throws {TypeError} For a non-numeric value column (see {@link planTable}).
 * @throws {RangeError} For a missing value without `maskNaN`, an integer
 * beyond 2^53 in an integer value column, or a name in `columns`/`labels`
 * that several columns share.
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
 *
 * @example np.savetxt output (no header): every line is data
 * ```ts
 * import { parseCsv } from "./csv.ts";
 * import assert from "node:assert/strict";
 * const ds = parseCsv("1.5e+00,2.0e+00\n3.0e+00,4.0e+00\n");
 * assert.deepEqual([ds.matrix.rows, ds.columnLabels], [2, ["0", "1"]]);
 * assert.match(ds.notice!, /read as data/);
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
  const { header: headerOption = "auto" } = options;
  if (headerOption !== "auto" && headerOption !== true && headerOption !== false) {
    throw new TypeError(
      `Cannot read \`${source}\`: \`header\` must be "auto", true or false: got ${
        JSON.stringify(headerOption)
      }`,
    );
  }
  const { rows, lines } = splitRecords(text, delimiter, source);
  const first = rows[0];
  if (first === undefined) throw new DataFormatError(`Cannot read \`${source}\`: no header row`);
  dropTrailingEmpty(rows);
  const kind = headerOption === "auto" ? firstLineKind(first, rows.slice(1)) : null;
  if (kind === "either") {
    throw new DataFormatError(
      `Cannot read \`${source}\`: its first line (${
        firstFields(first)
      }) is all numbers, which may name the columns or be the first row of data: pass \`header: true\` if it names the columns, \`header: false\` if it is data`,
    );
  }
  const named = headerOption === true || kind === "header";
  const width = first.length;
  const header = named ? first : first.map((_, j) => String(j));
  const body = named ? rows.slice(1) : rows;
  const bodyLines = named ? lines.slice(1) : lines;
  for (let r = 0; r < body.length; r++) {
    const n = body[r]!.length;
    if (n !== width) {
      const hint = n === width + 1 && body[r]![width]!.trim() === ""
        ? " (a delimiter at the end of the line?)"
        : "";
      throw new DataFormatError(
        `Cannot read \`${source}\`: line ${bodyLines[r]} has ${n} fields, the ${
          named ? "header" : "first line"
        } has ${width}${hint}`,
      );
    }
  }
  const notice = kind !== "data"
    ? undefined
    : `the first line (${
      firstFields(first)
    }) is all numbers as np.savetxt writes them, so it is read as data, with ${
      width === 1 ? "a column named 0" : `columns named 0…${width - 1}`
    }; pass \`header: true\` if it holds column names`;
  /** Per column: the first body row holding an integer beyond 2^53, in an integer column. */
  const bigAt: number[] = header.map(() => -1);
  const schema: ColumnInfo[] = header.map((name, j) => {
    let bool = false, int = false, float = false, na = false, big = -1;
    for (let r = 0; r < body.length; r++) {
      const cell = parseCell(body[r]![j]!);
      if (cell === undefined) {
        const dtype = `text: ${JSON.stringify(body[r]![j])} on line ${bodyLines[r]}`;
        return { name, numeric: false, dtype };
      }
      if (cell.kind === "na") na = true;
      else if (cell.kind === "bool") bool = true;
      else if (cell.kind === "int") {
        int = true;
        if (big < 0 && Math.abs(cell.value) >= MAX_EXACT && beyondExact(body[r]![j]!)) big = r;
      } else float = true;
    }
    if (bool && (int || float)) {
      return { name, numeric: false, dtype: "booleans mixed with numbers" };
    }
    if (!float) bigAt[j] = big;
    const dtype = na || float || body.length === 0 ? "<f8" : bool ? "|b1" : "<i8";
    return { name, numeric: true, dtype };
  });
  const plan = planTable(schema, options, source, named && header[0] === "" ? 0 : undefined);
  for (const j of plan.values) {
    const r = bigAt[j]!;
    if (r >= 0) {
      // float64 cannot hold it: refused, as in .npy, HDF5, Arrow and Parquet
      throw new RangeError(
        `Cannot read \`${source}\`: column \`${header[j]}\` holds the integer ${
          body[r]![j]!.trim()
        } on line ${bodyLines[r]}, which exceeds 2^53 in magnitude and would be rounded`,
      );
    }
  }
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
    notice,
  }, options);
}

/**
 * Read a CSV/TSV file (see {@link parseCsv}; a headerless `np.savetxt` file
 * is read as data). The file is read whole; the separator defaults to a tab
 * for `.tsv`/`.tab` files, and for `.txt` files to the first of a tab, a
 * comma or a space found on the first line (`np.savetxt` separates by one
 * space unless told otherwise); a `.csv` file is read with commas, unless its
 * first line has no comma or tab but numbers as `np.savetxt` writes them, one
 * space apart (then with that space).
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
  const delimiter = options.delimiter ??
    (ext === ".tsv" || ext === ".tab"
      ? "\t"
      : ext === ".txt"
      ? textDelimiter(text)
      : ext === ".csv"
      ? (savetxtSpaces(text) ? " " : ",")
      : undefined);
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

/** The separator of a `.txt` table: the first of tab, comma, space found on its first line. */
function textDelimiter(text: string): string {
  const first = firstLineOf(text);
  return ["\t", ",", " "].find((d) => first.includes(d)) ?? ",";
}

/**
 * Whether a first line with no comma or tab is numbers as `np.savetxt` writes them by default,
 * one space apart (`np.savetxt("X.csv", X)` without `delimiter=","`).
 */
function savetxtSpaces(text: string): boolean {
  const first = firstLineOf(text);
  if (first.includes(",") || first.includes("\t") || !first.includes(" ")) return false;
  return first.split(" ").every(savetxtField);
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
 * `pd.read_csv(path, float_precision="round_trip")`, except for a string that is
 * one of pandas' NA tokens (`"NA"`, `"NaN"`, `""`, …): pandas reads it as missing
 * even when quoted, so pass `keep_default_na=False` (with `na_values=["NaN"]`
 * to keep NaN numbers) when labels may be such words.
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
