/**
 * Exact linear sum assignment (the Hungarian method in its shortest-augmenting-
 * path form, as in Jonker & Volgenant 1987): for an [nRows, nCols] cost matrix,
 * pick one column per row (nRows ≤ nCols; otherwise the transpose is solved),
 * distinct columns, minimising (or maximising) the total. O(nRows²·nCols).
 *
 * Each row is added in turn and an augmenting path to a free column is found by
 * a Dijkstra-like search on reduced costs c_ij − u_i − v_j, with dual
 * potentials u, v kept feasible. Ties are broken towards the lowest column
 * index, so the result is deterministic.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";

/** Options for {@link linearSumAssignment}. */
export interface LinearSumAssignmentOptions {
  /** Maximise the total instead of minimising it. @default false */
  maximize?: boolean;
}

/** An optimal assignment: row `rowIndex[k]` is matched with column `colIndex[k]`. */
export interface LinearSumAssignment {
  /** Row indices, ascending (0…min(nRows, nCols) − 1 when nRows ≤ nCols). */
  rowIndex: number[];
  /** Matched column of each entry of `rowIndex`. */
  colIndex: number[];
  /** Sum of the matched costs. */
  total: number;
}

/** Min-cost assignment of all rows of a row-major [n, m] array, n ≤ m: column of each row. */
function solveRows(c: Float64Array, n: number, m: number): Int32Array {
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOfCol = new Int32Array(m + 1); // 1-based row matched to column j (0 = free)
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOfCol[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOfCol[j0]!;
      const base = (i0 - 1) * m;
      const ui = u[i0]!;
      let delta = Infinity, j1 = -1;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = c[base + j - 1]! - ui - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[rowOfCol[j]!] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (rowOfCol[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOfCol[j0] = rowOfCol[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const colOfRow = new Int32Array(n);
  for (let j = 1; j <= m; j++) if (rowOfCol[j]! > 0) colOfRow[rowOfCol[j]! - 1] = j - 1;
  return colOfRow;
}

/**
 * Solve the linear sum assignment problem exactly.
 *
 * @param cost Cost (or, with `maximize`, weight) matrix [nRows, nCols], finite.
 * @param opts {@link LinearSumAssignmentOptions}.
 * @returns Matched row and column indices (min(nRows, nCols) pairs, rows ascending) and the total.
 *
 * @example Maximum-weight matching
 * ```ts
 * import { linearSumAssignment } from "./assignment.ts";
 * import assert from "node:assert/strict";
 * const r = linearSumAssignment([[4, 1, 3], [2, 0, 5], [3, 2, 2]], { maximize: true });
 * assert.deepEqual(r.colIndex, [0, 2, 1]);
 * assert.equal(r.total, 11);
 * ```
 */
export function linearSumAssignment(
  cost: MatrixLike,
  opts: LinearSumAssignmentOptions = {},
): LinearSumAssignment {
  const { maximize = false } = opts;
  const C: Matrix = asMatrix(cost, "cost", {
    context: "Cannot solve assignment",
    nonEmpty: false,
  });
  const { rows: n, cols: m } = C;
  if (n === 0 || m === 0) return { rowIndex: [], colIndex: [], total: 0 };
  const transposed = n > m;
  const r = transposed ? m : n, k = transposed ? n : m;
  const c = new Float64Array(r * k);
  const sign = maximize ? -1 : 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      c[transposed ? j * n + i : i * m + j] = sign * C.data[i * m + j]!;
    }
  }
  const match = solveRows(c, r, k);
  let pairs: [number, number][] = [];
  for (let i = 0; i < r; i++) pairs.push(transposed ? [match[i]!, i] : [i, match[i]!]);
  if (transposed) pairs = pairs.sort((a, b) => a[0] - b[0]);
  let total = 0;
  for (const [i, j] of pairs) total += C.data[i * m + j]!;
  return { rowIndex: pairs.map((p) => p[0]), colIndex: pairs.map((p) => p[1]), total };
}
