/**
 * Tidy result tables for writing (CSV, Arrow): named columns of equal length,
 * numbers or strings, built from plain records or from a {@link Dataset}.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import type { Dataset } from "./dataset.ts";

/** One column of a table to write: numbers (float64) or strings. */
export type TableColumn = Float64Array | readonly number[] | readonly string[];

/**
 * A table to write: column name → values (every column has the same length), a
 * {@link Dataset}, or a plain {@link Matrix} (written as columns `c0`, `c1`, …).
 */
export type TableInput = Readonly<Record<string, TableColumn>> | Dataset | Matrix;

/** A validated table: names in order, each column numbers or strings. */
export interface TidyTable {
  /** Column names, in order. */
  names: string[];
  /** Columns, in the same order. */
  columns: (Float64Array | string[])[];
  /** Number of rows. */
  rows: number;
}

/** Options for turning a {@link Dataset} into a table. */
export interface DatasetTableOptions {
  /** Name of the row-label column written first when the data set has row labels. @default "label" */
  labelColumn?: string;
}

/**
 * Validate a table to write: every column is a Float64Array, an array of
 * numbers or an array of strings, all of the same length. A {@link Dataset}
 * becomes its row labels (when present, as the first column named by
 * `labelColumn`) followed by one column per matrix column, named by its column
 * labels or `"0"`, `"1"`, …. A plain matrix `{rows, cols, data}` becomes one
 * column per matrix column, named `c0`, `c1`, ….
 *
 * @param input The table.
 * @param action What is being done, for messages, e.g. "Cannot write `r.csv`".
 * @param options See {@link DatasetTableOptions}.
 * @returns Names, columns and row count.
 * @throws {TypeError} For mismatched column lengths, mixed or non-primitive
 * values, or no columns.
 *
 * @example Mismatched lengths are an error
 * ```ts
 * import { tidyTable } from "./tidy.ts";
 * import assert from "node:assert/strict";
 * const t = tidyTable({ metric: ["cka", "procrustes"], value: [0.5, 0.25] }, "Cannot write");
 * assert.equal(t.rows, 2);
 * assert.throws(
 *   () => tidyTable({ a: [1, 2], b: [1] }, "Cannot write `r.csv`"),
 *   /Cannot write `r.csv`: column `b` has 1 values, column `a` has 2/,
 * );
 * ```
 */
export function tidyTable(
  input: TableInput,
  action: string,
  options: DatasetTableOptions = {},
): TidyTable {
  if (isDataset(input)) return datasetTable(input, options);
  if (isMatrix(input)) return matrixTable(input, action);
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new TypeError(`${action}: the table must be an object of named columns: got ${input}`);
  }
  const names = Object.keys(input);
  if (names.length === 0) throw new TypeError(`${action}: the table has no columns`);
  const columns: (Float64Array | string[])[] = [];
  for (const name of names) {
    const col = (input as Record<string, unknown>)[name];
    if (col instanceof Float64Array) columns.push(col);
    else if (Array.isArray(col) && col.every((v) => typeof v === "number")) {
      columns.push(Float64Array.from(col as number[]));
    } else if (Array.isArray(col) && col.every((v) => typeof v === "string")) {
      columns.push([...col] as string[]);
    } else {
      throw new TypeError(
        `${action}: column \`${name}\` must be a Float64Array, an array of numbers or an array of strings`,
      );
    }
    const first = columns[0]!.length, here = columns[columns.length - 1]!.length;
    if (here !== first) {
      throw new TypeError(
        `${action}: column \`${name}\` has ${here} values, column \`${names[0]}\` has ${first}`,
      );
    }
  }
  return { names, columns, rows: columns[0]!.length };
}

/** `{rows, cols, data}`: a column of a table is never a number, so this is no table. */
function isMatrix(input: TableInput): input is Matrix {
  const m = input as { rows?: unknown; cols?: unknown; data?: unknown } | null;
  return m !== null && typeof m === "object" && typeof m.rows === "number" &&
    typeof m.cols === "number" && "data" in m;
}

function matrixTable(m: Matrix, action: string): TidyTable {
  const { rows, cols, data } = m;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 1) {
    throw new TypeError(
      `${action}: a matrix must have integer \`rows\` ≥ 0 and \`cols\` ≥ 1: got [${rows}, ${cols}]`,
    );
  }
  if (!(data instanceof Float64Array) || data.length !== rows * cols) {
    throw new TypeError(
      `${action}: matrix \`data\` must be a Float64Array of ${
        rows * cols
      } values for shape [${rows}, ${cols}]: got ${
        data instanceof Float64Array
          ? `${data.length} values`
          : (data as object | null)?.constructor?.name ?? String(data)
      }`,
    );
  }
  const names: string[] = [], columns: Float64Array[] = [];
  for (let j = 0; j < cols; j++) {
    const col = new Float64Array(rows);
    for (let i = 0; i < rows; i++) col[i] = data[i * cols + j]!;
    names.push(`c${j}`);
    columns.push(col);
  }
  return { names, columns, rows };
}

function isDataset(input: TableInput): input is Dataset {
  return (input as { kind?: unknown }).kind === "dataset" && "matrix" in input;
}

function datasetTable(ds: Dataset, options: DatasetTableOptions): TidyTable {
  const { labelColumn = "label" } = options;
  const { rows, cols, data } = ds.matrix;
  const names: string[] = [], columns: (Float64Array | string[])[] = [];
  if (ds.rowLabels !== undefined) {
    names.push(labelColumn);
    columns.push([...ds.rowLabels]);
  }
  for (let j = 0; j < cols; j++) {
    const col = new Float64Array(rows);
    for (let i = 0; i < rows; i++) col[i] = data[i * cols + j]!;
    names.push(ds.columnLabels?.[j] ?? String(j));
    columns.push(col);
  }
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) {
      throw new TypeError(`Cannot write data set: column name \`${n}\` appears twice`);
    }
    seen.add(n);
  }
  return { names, columns, rows };
}
