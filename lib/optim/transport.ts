/**
 * Exact optimal transport between two uniform discrete distributions: for an
 * [m, n] cost matrix, minimise Σ_ij P_ij c_ij over plans P ≥ 0 with row sums 1/m
 * and column sums 1/n (the Kantorovich problem behind soft matching).
 *
 * Solved exactly as an integer min-cost flow: with g = gcd(m, n), each row
 * supplies n/g units and each column takes m/g, so an optimal plan is F/(mn/g)
 * with F integer (transportation polytopes have integral vertices). The flow is
 * found by successive shortest paths (Dijkstra on reduced costs with Johnson
 * potentials, all rows with supply left as sources); each augmentation moves a
 * whole number of units, so it ends after at most mn/g of them. Equal sizes are
 * an assignment problem and use {@link linearSumAssignment}.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { linearSumAssignment } from "./assignment.ts";

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

/** Integer flows F [m, n] of an optimal plan: row supplies s, column demands d. */
function successiveShortestPaths(c: Float64Array, m: number, n: number, s: number, d: number) {
  const F = new Int32Array(m * n);
  const V = m + n; // nodes: rows 0..m−1, columns m..m+n−1
  const phi = new Float64Array(V);
  for (let j = 0; j < n; j++) {
    let lo = Infinity;
    for (let i = 0; i < m; i++) lo = Math.min(lo, c[i * n + j]!);
    phi[m + j] = lo; // reduced cost c_ij + φ_i − φ_j ≥ 0
  }
  const supply = new Int32Array(m).fill(s), demand = new Int32Array(n).fill(d);
  let left = m * s;
  // warm start: each column takes what it can from its cheapest row (arcs of reduced
  // cost 0, so the optimality conditions hold), lowest row index on ties
  for (let j = 0; j < n; j++) {
    let best = 0;
    for (let i = 1; i < m; i++) if (c[i * n + j]! < c[best * n + j]!) best = i;
    const f = Math.min(supply[best]!, demand[j]!);
    F[best * n + j] = f;
    supply[best] -= f;
    demand[j] -= f;
    left -= f;
  }
  const dist = new Float64Array(V), prev = new Int32Array(V), done = new Uint8Array(V);
  while (left > 0) {
    dist.fill(Infinity);
    done.fill(0);
    prev.fill(-1);
    for (let i = 0; i < m; i++) if (supply[i]! > 0) dist[i] = 0;
    let target = -1;
    for (;;) {
      let u = -1, best = Infinity;
      for (let v = 0; v < V; v++) if (!done[v] && dist[v]! < best) best = dist[v]!, u = v;
      if (u < 0) break;
      done[u] = 1;
      if (u >= m) {
        if (demand[u - m]! > 0) {
          target = u;
          break;
        }
        const j = u - m; // reverse arcs column j → row i where F_ij > 0, cost −c_ij
        for (let i = 0; i < m; i++) {
          if (done[i] || F[i * n + j] === 0) continue;
          const nd = best + Math.max(0, -c[i * n + j]! + phi[u]! - phi[i]!);
          if (nd < dist[i]!) dist[i] = nd, prev[i] = u;
        }
      } else {
        for (let j = 0; j < n; j++) {
          const v = m + j;
          if (done[v]) continue;
          const nd = best + Math.max(0, c[u * n + j]! + phi[u]! - phi[v]!);
          if (nd < dist[v]!) dist[v] = nd, prev[v] = u;
        }
      }
    }
    if (target < 0) throw new Error("Cannot solve transport: no augmenting path (internal error)");
    const D = dist[target]!;
    for (let v = 0; v < V; v++) phi[v] += Math.min(dist[v]!, D);
    // bottleneck along the path
    let delta = demand[target - m]!;
    let v = target;
    while (prev[v]! >= 0) {
      const u = prev[v]!;
      if (u >= m) delta = Math.min(delta, F[v * n + (u - m)]!); // reverse arc u=col → v=row
      v = u;
    }
    delta = Math.min(delta, supply[v]!);
    demand[target - m] -= delta;
    supply[v] -= delta;
    left -= delta;
    v = target;
    while (prev[v]! >= 0) {
      const u = prev[v]!;
      if (u >= m) F[v * n + (u - m)] -= delta;
      else F[u * n + (v - m)] += delta;
      v = u;
    }
  }
  return F;
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
  const F = successiveShortestPaths(C.data, m, n, n / g, m / g);
  const units = (m * n) / g;
  for (let k = 0; k < F.length; k++) {
    if (F[k] === 0) continue;
    plan[k] = F[k]! / units;
    total += F[k]! * C.data[k]!;
  }
  return { plan: { rows: m, cols: n, data: plan }, total: total / units };
}
