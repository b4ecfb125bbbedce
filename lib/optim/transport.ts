/**
 * Exact optimal transport between two uniform discrete distributions: for an
 * [m, n] cost matrix, minimise Σ_ij P_ij c_ij over plans P ≥ 0 with row sums 1/m
 * and column sums 1/n (the Kantorovich problem behind soft matching).
 *
 * Solved exactly as an integer transportation problem: with g = gcd(m, n), each
 * row supplies n/g units and each column takes m/g, so an optimal plan is
 * F/(mn/g) with F integer (transportation polytopes have integral vertices). F
 * is found by the network simplex ({@link solveTransportSimplex}: strongly
 * feasible trees, so ties and degenerate pivots are safe). Equal sizes are an
 * assignment problem and use {@link linearSumAssignment}.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { linearSumAssignment } from "./assignment.ts";
import { solveTransportSimplex } from "./network_simplex.ts";

/** An optimal plan and its cost. */
export interface UniformTransport {
  /** Transport plan [m, n]: non-negative, rows sum to 1/m, columns to 1/n. */
  plan: Matrix;
  /** Σ_ij plan_ij · cost_ij. */
  total: number;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Exact optimal transport between uniform distributions on the rows and on the
 * columns of a cost matrix.
 *
 * @param cost Cost matrix [m, n] (finite).
 * @returns The optimal plan (rows sum to 1/m, columns to 1/n) and its total cost.
 *
 * @example Two rows, three columns
 * ```ts
 * import { uniformTransport } from "./transport.ts";
 * import assert from "node:assert/strict";
 * const { plan, total } = uniformTransport([[0, 0, 1], [1, 1, 0]]);
 * // row 0 spreads over columns 0 and 1 for free; row 1 fills column 2 and pays 1 for its last 1/6
 * assert.ok(Math.abs(total - 1 / 6) < 1e-15);
 * assert.ok(Math.abs(plan.data[5]! - 1 / 3) < 1e-15);
 * ```
 */
export function uniformTransport(cost: MatrixLike): UniformTransport {
  const C = asMatrix(cost, "cost", { context: "Cannot solve optimal transport" });
  const m = C.rows, n = C.cols;
  const plan = new Float64Array(m * n);
  let total = 0;
  if (m === n) {
    const { rowIndex, colIndex } = linearSumAssignment(C);
    for (let t = 0; t < m; t++) {
      const i = rowIndex[t]!, j = colIndex[t]!;
      plan[i * n + j] = 1 / m;
      total += C.data[i * n + j]!;
    }
    return { plan: { rows: m, cols: n, data: plan }, total: total / m };
  }
  const g = gcd(m, n);
  const { flow: F } = solveTransportSimplex(
    C.data,
    m,
    n,
    new Float64Array(m).fill(n / g),
    new Float64Array(n).fill(m / g),
  );
  const units = (m * n) / g;
  for (let k = 0; k < F.length; k++) {
    if (F[k] === 0) continue;
    plan[k] = F[k]! / units;
    total += F[k]! * C.data[k]!;
  }
  return { plan: { rows: m, cols: n, data: plan }, total: total / units };
}

/**
 * The optimal cost of {@link uniformTransport} without the plan: for callers
 * that need only the value (soft matching), on a flat cost array that is
 * trusted to be finite (no copy, no check).
 *
 * @param c Costs [m, n], row-major, finite.
 * @param m Rows.
 * @param n Columns.
 * @returns min Σ_ij P_ij c_ij over plans with row sums 1/m and column sums 1/n.
 *
 * @example Same value as the full solver
 * ```ts
 * import { uniformTransport, uniformTransportCost } from "./transport.ts";
 * import assert from "node:assert/strict";
 * const c = [[0, 0, 1], [1, 1, 0]];
 * assert.equal(uniformTransportCost(new Float64Array(c.flat()), 2, 3), uniformTransport(c).total);
 * ```
 */
export function uniformTransportCost(c: Float64Array, m: number, n: number): number {
  let total = 0;
  if (m === n) {
    const { rowIndex, colIndex } = linearSumAssignment({ rows: m, cols: n, data: c });
    for (let t = 0; t < m; t++) total += c[rowIndex[t]! * n + colIndex[t]!]!;
    return total / m;
  }
  const g = gcd(m, n);
  const { flow } = solveTransportSimplex(
    c,
    m,
    n,
    new Float64Array(m).fill(n / g),
    new Float64Array(n).fill(m / g),
  );
  for (let k = 0; k < flow.length; k++) if (flow[k] !== 0) total += flow[k]! * c[k]!;
  return total / ((m * n) / g);
}
