/**
 * The labelled data set every reader returns: a float64 response matrix
 * (rows = stimuli/conditions/trials, columns = units/features) with optional
 * row and column labels, and the missing-value policy shared by all formats.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";

/**
 * A labelled data set, tagged `kind: "dataset"` (see `lib/result.ts`).
 *
 * - `matrix`: `[nRows, nColumns]` float64, row-major; rows are
 *   stimuli/conditions/trials, columns units/features.
 * - `rowLabels`: one string per row when the source has them (a label column,
 *   a pandas index, NWB trial ids or condition values).
 * - `columnLabels`: one string per column when the source names its columns
 *   (table column names, NWB unit ids).
 * - `mask`: only with `maskNaN: true`; `mask[i * nColumns + j]` is 1 where the
 *   value is missing (NaN in the file, null in Arrow/Parquet, an NA token in
 *   CSV) and 0 elsewhere; missing entries are NaN in `matrix`.
 * - `dtype`: numpy descr of the stored values (`"<f8"`, `"<i4"`, `"|b1"`, …);
 *   `"<f8"` for a table whose numeric columns have different types (they are
 *   all read as float64).
 * - `source`: the file, with `:key` when a key chose a member or dataset.
 * - `notice`: how the reader settled something the file left open, when it
 *   had to guess (a CSV first line of numbers read as data, not names).
 */
export interface Dataset {
  /** Result kind, for display. */
  readonly kind: "dataset";
  /** The values, rows × columns (float64). */
  readonly matrix: Matrix;
  /** Row labels, when the file has them. */
  readonly rowLabels?: readonly string[];
  /** Column labels, when the file has them. */
  readonly columnLabels?: readonly string[];
  /** 1 where an entry is missing (row-major), when any is. */
  readonly mask?: Uint8Array;
  /** numpy descr of the stored values. */
  readonly dtype: string;
  /** The file, with `:key` when a key chose a member or dataset. */
  readonly source: string;
  /** How the reader settled an ambiguity of the file, when it had to guess. */
  readonly notice?: string;
}

/** Fields of a {@link Dataset} before tagging. */
export interface DatasetFields {
  matrix: Matrix;
  rowLabels?: string[] | undefined;
  columnLabels?: string[] | undefined;
  dtype: string;
  source: string;
  /**
   * Set by a reader that has already counted no NaN in `matrix.data` while
   * writing it, so that the check needs no second pass.
   */
  nanFree?: boolean | undefined;
  /**
   * Row of the file that is the matrix's row 0 (a reader given a `rows`
   * range), so that messages name rows of the file.
   */
  firstRow?: number | undefined;
  /** See {@link Dataset.notice}. */
  notice?: string | undefined;
}

/** Options for the missing-value policy ({@link makeDataset}). */
export interface MissingOptions {
  /**
   * Keep missing values (NaN, null, NA tokens) as NaN and return a `mask`
   * marking them; when false a missing value is an error naming its row and
   * column.
   * @default false
   */
  maskNaN?: boolean;
}

/**
 * Check a freshly read matrix for missing values (NaN) and tag it as a
 * {@link Dataset}. ±Infinity is a value, not a missing one, and is kept.
 *
 * @param fields The matrix, labels, dtype and source.
 * @param options See {@link MissingOptions}.
 * @returns The frozen, tagged data set.
 * @throws {RangeError} For a NaN when `maskNaN` is false; the message names
 * the source, the row (of the file: `firstRow` plus the matrix row) and the column.
 *
 * @example NaN is an error unless masked
 * ```ts
 * import { makeDataset } from "./dataset.ts";
 * import assert from "node:assert/strict";
 * const matrix = { rows: 1, cols: 2, data: new Float64Array([1, NaN]) };
 * const fields = { matrix, columnLabels: ["a", "b"], dtype: "<f8", source: "x.csv" };
 * assert.throws(() => makeDataset(fields), /`x.csv`: missing value \(NaN\) at row 0, column `b`/);
 * assert.deepEqual(Array.from(makeDataset(fields, { maskNaN: true }).mask!), [0, 1]);
 * ```
 */
export function makeDataset(fields: DatasetFields, options: MissingOptions = {}): Dataset {
  const { maskNaN = false } = options;
  const { matrix, rowLabels, columnLabels, dtype, source, nanFree = false, firstRow = 0, notice } =
    fields;
  const { data, cols } = matrix;
  let mask: Uint8Array | undefined;
  if (maskNaN) mask = new Uint8Array(data.length);
  for (let k = nanFree ? data.length : 0; k < data.length; k++) {
    const v = data[k]!;
    if (v !== v) {
      if (mask) {
        mask[k] = 1;
        continue;
      }
      const i = Math.floor(k / cols), j = k % cols;
      const col = columnLabels?.[j] !== undefined ? `\`${columnLabels[j]}\`` : String(j);
      const row = rowLabels?.[i] !== undefined ? ` (${JSON.stringify(rowLabels[i])})` : "";
      throw new RangeError(
        `Cannot read \`${source}\`: missing value (NaN) at row ${
          firstRow + i
        }${row}, column ${col}; ` +
          `pass \`maskNaN: true\` to keep missing values as NaN with a mask`,
      );
    }
  }
  return tagResult("dataset", {
    matrix,
    ...(rowLabels !== undefined ? { rowLabels: Object.freeze(rowLabels) } : {}),
    ...(columnLabels !== undefined ? { columnLabels: Object.freeze(columnLabels) } : {}),
    ...(mask !== undefined ? { mask } : {}),
    dtype,
    source,
    ...(notice !== undefined ? { notice } : {}),
  });
}

/**
 * numpy descr shared by a table's numeric columns: their common descr, or
 * `"<f8"` when they differ (all columns are read as float64).
 *
 * @param descrs One descr per column.
 * @returns The common descr, or `"<f8"`.
 *
 * @example
 * ```ts
 * import { commonDtype } from "./dataset.ts";
 * import assert from "node:assert/strict";
 * assert.equal(commonDtype(["<i4", "<i4"]), "<i4");
 * assert.equal(commonDtype(["<i4", "<f4"]), "<f8");
 * ```
 */
export function commonDtype(descrs: readonly string[]): string {
  const first = descrs[0];
  return first !== undefined && descrs.every((d) => d === first) ? first : "<f8";
}
