/**
 * Exact linear assignment (the Hungarian method with potentials, O(n²m)) for
 * rectangular cost matrices, as `scipy.optimize.linear_sum_assignment` solves it.
 *
 * @module
 */

import { asMatrix, type MatrixLike } from "../linalg/matrix.ts";

/** Options for {@link linearAssignment}. */
export interface LinearAssignmentOptions {
  /** Maximise the total instead of minimising it. @default false */
  maximize?: boolean;
}

/** An optimal assignment: `rows[t]` is matched to `cols[t]`, rows ascending. */
export interface Assignment {
  /** Matched row indices, ascending; length `min(nRows, nCols)`. */
  rows: number[];
  /** Matched column of each entry of `rows`. */
  cols: number[];
  /** Sum of the matched costs. */
  total: number;
}

/**
 * Optimal one-to-one matching of rows to columns of a cost matrix (every row matched
 * when `nRows ≤ nCols`, every column otherwise).
 *
 * @param cost `[nRows, nCols]`, finite.
 * @param options Minimise (default) or maximise.
 * @returns The matched pairs and their total cost.
 *
 * @example The diagonal is not always best
 * ```ts
 * import { linearAssignment } from "./assignment.ts";
 * import assert from "node:assert/strict";
 * const a = linearAssignment([[4, 1, 3], [2, 0, 5], [3, 2, 2]]);
 * assert.deepEqual(a.cols, [1, 0, 2]);
 * assert.equal(a.total, 5);
 * ```
 */
export function linearAssignment(
  cost: MatrixLike,
  options: LinearAssignmentOptions = {},
): Assignment {
  const { maximize = false } = options;
  const C = asMatrix(cost, "cost", { context: "Cannot solve assignment" });
  const transposed = C.rows > C.cols;
  const n = transposed ? C.cols : C.rows; // rows of the working problem (n ≤ m)
  const m = transposed ? C.rows : C.cols;
  const sign = maximize ? -1 : 1;
  const at = (i: number, j: number) =>
    sign * (transposed ? C.data[j * C.cols + i]! : C.data[i * C.cols + j]!);
  // Potentials u (rows), v (columns); p[j] = row matched to column j (1-based, 0 = free).
  const u = new Float64Array(n + 1), v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1), way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity, j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = at(i0 - 1, j - 1) - u[i0]! - v[j]!;
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
          u[p[j]!] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const pairs: [number, number][] = [];
  for (let j = 1; j <= m; j++) {
    if (p[j] !== 0) pairs.push(transposed ? [j - 1, p[j]! - 1] : [p[j]! - 1, j - 1]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  let total = 0;
  for (const [r, c] of pairs) total += C.data[r * C.cols + c]!;
  return { rows: pairs.map((q) => q[0]), cols: pairs.map((q) => q[1]), total };
}
