/**
 * From a table's columns (CSV, Arrow, Parquet) to a response matrix: which
 * columns are values, which one holds the row labels, and the errors for
 * non-numeric or unknown columns. Shared by the table readers.
 *
 * @module
 */

import { commonDtype, type MissingOptions } from "./dataset.ts";

/** A column as a table reader sees it. */
export interface ColumnInfo {
  /** Column name. */
  name: string;
  /** Whether the column holds numbers (ints, floats, bools). */
  numeric: boolean;
  /** numpy descr for a numeric column (`"<f8"`), the stored type otherwise (`"utf8"`). */
  dtype: string;
  /**
   * What to do instead, for a non-numeric column that cannot be row labels
   * either (replaces the suggestion of `labels`). @default undefined
   */
  hint?: string;
}

/** Options of the table readers (CSV/TSV, Arrow, Parquet). */
export interface TableReadOptions extends MissingOptions {
  /**
   * Column whose values become the row labels; `false` for none. When left
   * out, the reader picks one only where the file says so: the pandas index
   * (Arrow/Parquet written by pandas), a first column with an empty header
   * (CSV written by `df.to_csv()`), or a first column of strings (Arrow/Parquet).
   * @default undefined
   */
  labels?: string | false;
  /**
   * Numeric columns to read, in this order; all numeric columns when left out
   * (then every column other than the labels must be numeric).
   * @default undefined
   */
  columns?: readonly string[];
}

/** Which columns make the matrix and which the labels. */
export interface TablePlan {
  /** Indices (into the schema) of the value columns, in matrix order. */
  values: number[];
  /** Index of the row-label column, if any. */
  labels: number | undefined;
  /** Names of the value columns. */
  names: string[];
  /** Common numpy descr of the value columns, or `"<f8"` when they differ. */
  dtype: string;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `\`${n}\``).join(", ") || "(none)";
}

/**
 * Decide which columns of a table make the matrix and which holds the row
 * labels (see {@link TableReadOptions}).
 *
 * @param schema The table's columns, in order.
 * @param options Labels and column choice.
 * @param source File name for messages.
 * @param autoLabels Column the format proposes as row labels (used when
 * `options.labels` is left out).
 * @returns The plan.
 * @throws {RangeError} For an unknown column name in `labels` or `columns`,
 * or one that several columns share.
 * @throws {TypeError} For a non-numeric column that would be a value column,
 * or a table without numeric columns.
 *
 * @example A string column becomes the labels
 * ```ts
 * import { planTable } from "./table.ts";
 * import assert from "node:assert/strict";
 * const schema = [
 *   { name: "stim", numeric: false, dtype: "utf8" },
 *   { name: "u1", numeric: true, dtype: "<f8" },
 *   { name: "u2", numeric: true, dtype: "<i4" },
 * ];
 * const plan = planTable(schema, { labels: "stim" }, "t.arrow");
 * assert.deepEqual(plan, { values: [1, 2], labels: 0, names: ["u1", "u2"], dtype: "<f8" });
 * assert.throws(() => planTable(schema, {}, "t.arrow"), /column `stim` is not numeric/);
 * ```
 */
export function planTable(
  schema: readonly ColumnInfo[],
  options: TableReadOptions,
  source: string,
  autoLabels?: number,
): TablePlan {
  const at = `Cannot read \`${source}\``;
  const all = schema.map((c) => c.name);
  const find = (name: string, what: string): number => {
    const k = all.indexOf(name);
    if (k < 0) {
      throw new RangeError(`${at}: no column \`${name}\` (${what}); columns: ${quoteList(all)}`);
    }
    return k;
  };
  const count = (name: string) => all.reduce((n, a) => n + (a === name ? 1 : 0), 0);
  const unique = (name: string, what: string): number => {
    const k = find(name, what);
    const n = count(name);
    if (n > 1) {
      throw new RangeError(
        `${at}: column \`${name}\` (${what}) appears ${n} times; rename the columns so that each name is unique`,
      );
    }
    return k;
  };
  let labels: number | undefined;
  if (typeof options.labels === "string") labels = unique(options.labels, "`labels`");
  else if (options.labels === undefined) labels = autoLabels;
  let values: number[];
  if (options.columns !== undefined) {
    values = options.columns.map((name) => unique(name, "`columns`"));
  } else {
    values = schema.map((_, k) => k).filter((k) => k !== labels);
  }
  for (const k of values) {
    const c = schema[k]!;
    if (!c.numeric && c.hint !== undefined) {
      throw new TypeError(`${at}: column \`${c.name}\` is not numeric (${c.dtype}): ${c.hint}`);
    }
    if (!c.numeric) {
      throw new TypeError(
        `${at}: column \`${c.name}\` is not numeric (${c.dtype}); pass \`labels: ${
          JSON.stringify(c.name)
        }\` to use it as row labels, or \`columns\` to choose the numeric columns`,
      );
    }
  }
  if (values.length === 0) {
    throw new TypeError(`${at}: no numeric columns to read; columns: ${quoteList(all)}`);
  }
  return {
    values,
    labels,
    names: values.map((k) => schema[k]!.name),
    dtype: commonDtype(values.map((k) => schema[k]!.dtype)),
  };
}

/**
 * Find a pandas index column named in a table's `pandas` schema metadata
 * (written by `df.to_feather()` and `df.to_parquet()`).
 *
 * @param metadata The `pandas` metadata value (JSON), if any.
 * @param names Column names of the table.
 * @returns Index of the single stored index column, or undefined (no
 * metadata, a RangeIndex that is not stored, or a multi-index).
 *
 * @example
 * ```ts
 * import { pandasIndexColumn } from "./table.ts";
 * import assert from "node:assert/strict";
 * const meta = JSON.stringify({ index_columns: ["stim"] });
 * assert.equal(pandasIndexColumn(meta, ["u1", "stim"]), 1);
 * assert.equal(pandasIndexColumn(undefined, ["u1"]), undefined);
 * ```
 */
export function pandasIndexColumn(
  metadata: string | undefined,
  names: readonly string[],
): number | undefined {
  if (metadata === undefined) return undefined;
  try {
    const index = JSON.parse(metadata)?.index_columns;
    if (Array.isArray(index) && index.length === 1 && typeof index[0] === "string") {
      const k = names.indexOf(index[0]);
      return k >= 0 ? k : undefined;
    }
  } catch { /* not JSON: no pandas index */ }
  return undefined;
}

/**
 * Where the matrix and the row labels sit in a table whose values are one list
 * column (Arrow's fixed-size list, a Parquet list): the label column is the one
 * `labels` names, else `auto`; the value column is the one `columns` names
 * (exactly one), else the only other column. Undefined when the table has no
 * such shape (a missing label column is then named by the table planner).
 *
 * @param names Column names.
 * @param options The read options (`labels`, `columns`).
 * @param auto The label column found without `labels` (a pandas index, say), if any.
 * @returns `{column, labels}`, or undefined.
 *
 * @example
 * ```ts
 * import { listColumnChoice } from "./table.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(listColumnChoice(["stim", "X"], {}, 0), { column: 1, labels: 0 });
 * assert.equal(listColumnChoice(["a", "b", "c"], {}, undefined), undefined);
 * assert.deepEqual(listColumnChoice(["a", "b"], { columns: ["b"] }, undefined), {
 *   column: 1,
 *   labels: undefined,
 * });
 * ```
 */
export function listColumnChoice(
  names: readonly string[],
  options: TableReadOptions,
  auto: number | undefined,
): { column: number; labels: number | undefined } | undefined {
  let labels: number | undefined;
  if (typeof options.labels === "string") {
    labels = names.indexOf(options.labels);
    if (labels < 0) return undefined;
  } else if (options.labels === undefined) labels = auto;
  let column: number;
  if (options.columns !== undefined) {
    if (options.columns.length !== 1) return undefined;
    column = names.indexOf(options.columns[0]!);
  } else {
    const rest = names.map((_, k) => k).filter((k) => k !== labels);
    if (rest.length !== 1) return undefined;
    column = rest[0]!;
  }
  return column < 0 || column === labels ? undefined : { column, labels };
}

/**
 * Resolve an optional `rows: [start, stop)` range against a row count.
 *
 * @param rows The requested range, or undefined for all rows.
 * @param total Number of rows in the file.
 * @param source File name for messages.
 * @returns `[start, stop]`.
 * @throws {RangeError} Unless `0 <= start <= stop <= total` (integers).
 *
 * @example
 * ```ts
 * import { resolveRows } from "./table.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(resolveRows(undefined, 5, "x"), [0, 5]);
 * assert.throws(() => resolveRows([2, 9], 5, "x.arrow"), /`rows` must satisfy 0 <= start <= stop <= 5: got \[2, 9\]/);
 * ```
 */
export function resolveRows(
  rows: readonly [number, number] | undefined,
  total: number,
  source: string,
): [number, number] {
  if (rows === undefined) return [0, total];
  const [start, stop] = rows;
  if (
    !Array.isArray(rows) || rows.length !== 2 || !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(stop) || start < 0 || start > stop || stop > total
  ) {
    throw new RangeError(
      `Cannot read \`${source}\`: \`rows\` must satisfy 0 <= start <= stop <= ${total}: got ${
        Array.isArray(rows) ? `[${rows.join(", ")}]` : String(rows)
      }`,
    );
  }
  return [start, stop];
}
