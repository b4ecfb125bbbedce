/**
 * Row ranges shared by `compare` and `pairwise`: Python-style training and
 * held-out rows (the measure options come from the registry, `measure_flags.ts`).
 *
 * @module
 */

import { type OptionValue, parseSlice, UsageError } from "../command.ts";
import { type Matrix, sliceRows, takeRows } from "../../linalg/matrix.ts";

/** Training and held-out rows, as row indices in increasing order. */
export interface RowSplit {
  /** Rows to fit on. */
  train: number[];
  /** Held-out rows, or null when none were asked for. */
  test: number[] | null;
}

const range = ([a, b]: [number, number]) => Array.from({ length: b - a }, (_, k) => a + k);

/**
 * Training and held-out rows from `--train-rows` / `--test-rows` (Python slices). With
 * `--test-rows` alone the training rows are all the others; the two may not overlap, so a
 * held-out distance is always held out.
 *
 * @param values Parsed options.
 * @param n Number of rows.
 * @returns The row indices of each part.
 *
 * @example Python slices, open ends, and the complement
 * ```ts
 * import { rowRanges } from "./metric_options.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(rowRanges({ "train-rows": "0:3", "test-rows": "3:" }, 5), { train: [0, 1, 2], test: [3, 4] });
 * assert.deepEqual(rowRanges({ "test-rows": "1:3" }, 5), { train: [0, 3, 4], test: [1, 2] });
 * assert.deepEqual(rowRanges({}, 3), { train: [0, 1, 2], test: null });
 * assert.throws(() => rowRanges({ "train-rows": "0:4", "test-rows": "3:" }, 5), /overlap/);
 * ```
 */
export function rowRanges(values: Record<string, OptionValue>, n: number): RowSplit {
  const tr = values["train-rows"] as string | undefined,
    te = values["test-rows"] as string | undefined;
  const test = te === undefined ? null : range(parseSlice(te, n, "test-rows"));
  if (tr === undefined) {
    if (test === null) return { train: range([0, n]), test: null };
    const held = new Set(test);
    const train = range([0, n]).filter((i) => !held.has(i));
    if (train.length === 0) {
      throw new UsageError(`--test-rows leaves no training rows of ${n}: got ${te}`);
    }
    return { train, test };
  }
  const train = range(parseSlice(tr, n, "train-rows"));
  if (test !== null) {
    const lo = Math.max(train[0]!, test[0]!), hi = Math.min(train.at(-1)!, test.at(-1)!);
    if (lo <= hi) {
      throw new UsageError(
        `--train-rows and --test-rows must not overlap: got ${tr} and ${te}, which share rows ${lo}..${hi}`,
      );
    }
  }
  return { train, test };
}

/**
 * The rows `index` of `M` (M itself when that is every row in order).
 *
 * @param M The matrix.
 * @param index Row indices, increasing.
 * @returns The selected rows.
 *
 * @example
 * ```ts
 * import { selectRows } from "./metric_options.ts";
 * import { fromRows } from "../../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const M = fromRows([[1], [2], [3]]);
 * assert.equal(selectRows(M, [0, 1, 2]), M);
 * assert.deepEqual(Array.from(selectRows(M, [0, 2]).data), [1, 3]);
 * ```
 */
export function selectRows(M: Matrix, index: readonly number[]): Matrix {
  if (index.length === M.rows && index.every((r, k) => r === k)) return M;
  const contiguous = index.every((r, k) => r === index[0]! + k);
  return contiguous ? sliceRows(M, index[0]!, index[0]! + index.length) : takeRows(M, index);
}
