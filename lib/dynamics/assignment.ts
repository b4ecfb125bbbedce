/**
 * Exact linear assignment (Hungarian algorithm, shortest augmenting paths with
 * potentials, O(n³)) for square cost matrices.
 *
 * @module
 */

/** An optimal assignment. */
export interface Assignment {
  /** `colOf[i]` is the column assigned to row i. */
  colOf: Int32Array;
  /** Total cost Σᵢ cost[i, colOf[i]]. */
  cost: number;
}

/**
 * Minimum-cost perfect matching of a square cost matrix.
 *
 * @param cost Row-major [n, n] costs (finite).
 * @param n Order.
 * @returns The optimal assignment and its cost.
 *
 * @example
 * ```ts
 * import { solveAssignment } from "./assignment.ts";
 * import assert from "node:assert/strict";
 * const { colOf, cost } = solveAssignment(new Float64Array([4, 1, 3, 2, 0, 5, 3, 2, 2]), 3);
 * assert.deepEqual(Array.from(colOf), [1, 0, 2]);
 * assert.equal(cost, 5);
 * ```
 */
export function solveAssignment(cost: Float64Array, n: number): Assignment {
  // 1-based arrays: u (rows), v (columns), p[j] = row matched to column j, way[j] = previous column
  const u = new Float64Array(n + 1), v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1), way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity, j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[(i0 - 1) * n + (j - 1)]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const colOf = new Int32Array(n);
  for (let j = 1; j <= n; j++) if (p[j]! > 0) colOf[p[j]! - 1] = j - 1;
  let total = 0;
  for (let i = 0; i < n; i++) total += cost[i * n + colOf[i]!]!;
  return { colOf, cost: total };
}
