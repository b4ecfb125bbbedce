/**
 * An in-memory {@link RowBlockReader} for tests of the streamed paths.
 *
 * @module
 */

import type { RowBlockReader } from "../../lib/io/row_blocks.ts";
import { fromRows, type Matrix } from "../../lib/linalg/matrix.ts";

/**
 * A reader over a matrix (or its rows) in blocks of `blockRows` rows, each block a fresh copy
 * as a file reader gives it.
 */
export function memoryReader(
  X: Matrix | number[][],
  blockRows: number,
  source = "memory",
): RowBlockReader {
  const M = Array.isArray(X) ? fromRows(X) : X;
  return {
    source,
    rows: M.rows,
    cols: M.cols,
    blockRows,
    async *blocks() {
      for (let a = 0; a < M.rows; a += blockRows) {
        const b = Math.min(M.rows, a + blockRows);
        yield { rows: b - a, cols: M.cols, data: M.data.slice(a * M.cols, b * M.cols) };
      }
    },
  };
}
