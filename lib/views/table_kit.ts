/**
 * Small builders of tidy result tables (named columns of equal length, one
 * observation per row) that the views' table functions share: a matrix in
 * long format (row label, column label, value) and a list of records.
 *
 * @module
 */

import type { ResultTable } from "../result.ts";

/** A cell of a record turned into a table: missing values become NaN or "". */
export type TableCell = number | string | boolean | null | undefined;

/** A matrix as a result stores it: row-major data with its shape. */
export interface MatrixData {
  /** Number of rows. */
  rows: number;
  /** Number of columns. */
  cols: number;
  /** Row-major values. */
  data: ArrayLike<number>;
}

/** Options for {@link longTable}. */
export interface LongTableOptions {
  /** Row labels. @default "0", "1", … */
  rowLabels?: readonly (string | number)[];
  /** Column labels. @default "0", "1", … */
  columnLabels?: readonly (string | number)[];
  /** Name of the row-label column. @default "row" */
  rowName?: string;
  /** Name of the column-label column. @default "column" */
  columnName?: string;
  /** Name of the value column. @default "value" */
  valueName?: string;
  /** Further matrices of the same shape, each as one more column (e.g. `{se: SE}`). @default none */
  extra?: Readonly<Record<string, MatrixData>>;
}

/**
 * A matrix in long format: one row per entry (row-major), with the row label,
 * the column label and the value (pandas: `df.pivot(index="row", columns="column")`
 * gives the matrix back).
 *
 * @param M The matrix (`{rows, cols, data}`) or its rows.
 * @param options Labels and column names.
 * @returns Columns `row`, `column`, `value` (names as given), then any `extra`.
 * @throws {TypeError} When the labels or an extra matrix do not fit the shape.
 *
 * @example
 * ```ts
 * import { longTable } from "./table_kit.ts";
 * import assert from "node:assert/strict";
 * const t = longTable([[0, 1], [1, 0]], { rowLabels: ["a", "b"], columnLabels: ["a", "b"], valueName: "distance" });
 * assert.deepEqual(t.row, ["a", "a", "b", "b"]);
 * assert.deepEqual(t.column, ["a", "b", "a", "b"]);
 * assert.deepEqual(t.distance, Float64Array.of(0, 1, 1, 0));
 * ```
 */
export function longTable(
  M: MatrixData | readonly (readonly number[])[],
  options: LongTableOptions = {},
): ResultTable {
  const { rowName = "row", columnName = "column", valueName = "value", extra = {} } = options;
  const m = Array.isArray(M)
    ? { rows: M.length, cols: M[0]?.length ?? 0, data: M.flat() }
    : M as MatrixData;
  const { rows, cols, data } = m;
  const labels = (given: readonly (string | number)[] | undefined, n: number, name: string) => {
    if (given !== undefined && given.length !== n) {
      throw new TypeError(
        `Cannot make long table: \`${name}\` must have ${n} entries: got ${given.length}`,
      );
    }
    return Array.from({ length: n }, (_, k) => String(given?.[k] ?? k));
  };
  const rl = labels(options.rowLabels, rows, "rowLabels");
  const cl = labels(options.columnLabels, cols, "columnLabels");
  const r: string[] = [], c: string[] = [];
  const v = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      r.push(rl[i]!);
      c.push(cl[j]!);
      v[i * cols + j] = data[i * cols + j]!;
    }
  }
  const out: ResultTable = { [rowName]: r, [columnName]: c, [valueName]: v };
  for (const [name, X] of Object.entries(extra)) {
    if (X.rows !== rows || X.cols !== cols) {
      throw new TypeError(
        `Cannot make long table: \`${name}\` must have shape [${rows}, ${cols}]: got [${X.rows}, ${X.cols}]`,
      );
    }
    out[name] = Float64Array.from(X.data);
  }
  return out;
}

/**
 * Records (one per observation) as named columns: a column whose values are
 * all numbers (or missing) is numeric, with NaN for a missing value; any other
 * column is text, with `""` for a missing value and `"true"`/`"false"` for
 * booleans (which pandas reads as booleans).
 *
 * @param records The observations; the columns are their keys, in first-seen order.
 * @returns The table.
 *
 * @example
 * ```ts
 * import { recordsTable } from "./table_kit.ts";
 * import assert from "node:assert/strict";
 * const t = recordsTable([{ model: "a", score: 0.5 }, { model: "b", score: null, best: true }]);
 * assert.deepEqual(t.model, ["a", "b"]);
 * assert.ok(Number.isNaN(t.score![1]));
 * assert.deepEqual(t.best, ["", "true"]);
 * ```
 */
export function recordsTable(records: readonly Readonly<Record<string, TableCell>>[]): ResultTable {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const rec of records) {
    for (const k of Object.keys(rec)) {
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
    }
  }
  const out: ResultTable = {};
  for (const name of names) {
    const values = records.map((r) => r[name]);
    const numeric = values.every((v) => typeof v === "number" || v === null || v === undefined);
    out[name] = numeric
      ? Float64Array.from(values, (v) => (typeof v === "number" ? v : NaN))
      : values.map((v) => (v === null || v === undefined ? "" : String(v)));
  }
  return out;
}

/**
 * One observation as a one-row table (see {@link recordsTable}).
 *
 * @param record Field → value.
 * @returns A table with one row.
 *
 * @example
 * ```ts
 * import { oneRow } from "./table_kit.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(oneRow({ distance: 0.25, score: "angular" }), {
 *   distance: Float64Array.of(0.25),
 *   score: ["angular"],
 * });
 * ```
 */
export function oneRow(record: Readonly<Record<string, TableCell>>): ResultTable {
  return recordsTable([record]);
}
