/**
 * Exact transportation problem by the primal network simplex (the transportation
 * simplex on a spanning tree): for an [m, n] cost matrix and integer supplies
 * s (rows) and demands d (columns) with Σs = Σd, minimise Σ_ij F_ij c_ij over
 * integer flows F ≥ 0 with row sums s and column sums d.
 *
 * The method (Ahuja, Magnanti & Orlin 1993, ch. 11): rows, columns and an
 * artificial root are the nodes; the basis is a spanning tree. It starts from
 * the all-artificial tree (each row sends its supply to the root, the root
 * feeds each column), which is strongly feasible. Artificial arcs cost a
 * symbolic big M: potentials are kept as pairs (multiple of M, real part) and
 * compared lexicographically, so no finite M is added to the costs and the
 * real parts keep full precision. Entering arcs are priced by block search
 * (blocks of ⌈√(mn)⌉ arcs, the most negative reduced cost of the first block
 * that has one); the leaving arc is the last blocking arc met when going round
 * the cycle from its apex in the direction of the entering arc (Cunningham's
 * strongly feasible trees), which rules out cycling under degeneracy (tied or
 * repeated costs). Flows stay integers throughout. A reduced cost counts as
 * negative below −64 ε (1 + max|c|), so rounding noise in the potentials never
 * drives a pivot. Everything is deterministic.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";

/** An optimal integer flow and its cost. */
export interface TransportSimplex {
  /** Integer flows [m, n]: non-negative, rows sum to the supplies, columns to the demands. */
  flow: Matrix;
  /** Σ_ij flow_ij · cost_ij. */
  total: number;
  /** Number of simplex pivots taken. */
  pivots: number;
}

function checkAmounts(a: ArrayLike<number>, len: number, name: string, context: string) {
  if (a === null || typeof a !== "object" || typeof a.length !== "number") {
    throw new TypeError(`${context}: \`${name}\` must be an array of integers: got ${String(a)}`);
  }
  if (a.length !== len) {
    throw new TypeError(
      `${context}: \`${name}\` must have one entry per ${
        name === "supply" ? "row" : "column"
      } of \`cost\` (${len}): got ${a.length}`,
    );
  }
  let sum = 0;
  for (let k = 0; k < len; k++) {
    const v = a[k]!;
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new RangeError(
        `${context}: \`${name}\` must hold non-negative integers: got ${v} at [${k}]`,
      );
    }
    sum += v;
  }
  return sum;
}

/**
 * Integer flows [m, n] (row-major) of an optimal plan, and the pivot count.
 *
 * @param c Costs [m, n], row-major, finite.
 * @param m Rows (supply nodes).
 * @param n Columns (demand nodes).
 * @param s Supplies (length m), non-negative integers.
 * @param d Demands (length n), non-negative integers, Σd = Σs.
 * @returns Flows and pivots.
 *
 * @example The raw solver on a flat array (no checks: see {@link transportSimplex})
 * ```ts
 * import { solveTransportSimplex } from "./network_simplex.ts";
 * import assert from "node:assert/strict";
 * const { flow } = solveTransportSimplex(new Float64Array([0, 1, 1, 0]), 2, 2, [1, 1], [1, 1]);
 * assert.deepEqual(Array.from(flow), [1, 0, 0, 1]);
 * ```
 */
export function solveTransportSimplex(
  c: Float64Array,
  m: number,
  n: number,
  s: ArrayLike<number>,
  d: ArrayLike<number>,
): { flow: Float64Array; pivots: number } {
  const E = m * n, V = m + n, R = V; // nodes: rows 0..m−1, columns m..V−1, root V
  // tree: each non-root node stores the arc to its parent; arc ids < E are real
  // (row i → column j is i·n + j), E + v is node v's artificial arc
  const parent = new Int32Array(V + 1), arc = new Int32Array(V + 1);
  const up = new Uint8Array(V + 1); // 1: the arc points from the node to its parent
  const flow = new Float64Array(V + 1), depth = new Int32Array(V + 1);
  const pi = new Float64Array(V + 1), piM = new Float64Array(V + 1); // potential = piM·M + pi
  const child = new Int32Array(V + 1).fill(-1), nextSib = new Int32Array(V + 1).fill(-1);
  const prevSib = new Int32Array(V + 1).fill(-1);
  const stack = new Int32Array(V + 1);
  let maxAbs = 0;
  for (let e = 0; e < E; e++) maxAbs = Math.max(maxAbs, Math.abs(c[e]!));
  const eps = 64 * Number.EPSILON * (1 + maxAbs);

  const detach = (v: number) => {
    const p = prevSib[v]!, q = nextSib[v]!;
    if (p >= 0) nextSib[p] = q;
    else child[parent[v]!] = q;
    if (q >= 0) prevSib[q] = p;
  };
  const attach = (v: number, u: number) => {
    const h = child[u]!;
    prevSib[v] = -1;
    nextSib[v] = h;
    if (h >= 0) prevSib[h] = v;
    child[u] = v;
  };
  // the strongly feasible start: positive artificial flows point to the root's side they
  // serve; a node with nothing to send or take hangs below the root with zero flow
  for (let v = V - 1; v >= 0; v--) {
    parent[v] = R;
    arc[v] = E + v;
    depth[v] = 1;
    const amount = v < m ? s[v]! : d[v - m]!;
    up[v] = v < m && amount > 0 ? 1 : 0;
    flow[v] = amount;
    piM[v] = up[v] ? -1 : 1;
    attach(v, R);
  }

  const block = Math.max(10, Math.ceil(Math.sqrt(E)));
  let start = 0, pivots = 0;
  for (;;) {
    // block search pricing over the real arcs, from where the last search stopped
    let best = -1, bestM = 0, bestB = 0;
    let e = start, i = (start / n) | 0, j = start - i * n, inBlock = 0;
    for (let scanned = 0; scanned < E; scanned++) {
      const rm = piM[i]! - piM[m + j]!;
      if (rm <= 0) {
        const rb = c[e]! + pi[i]! - pi[m + j]!;
        if ((rm < 0 || rb < -eps) && (best < 0 || rm < bestM || (rm === bestM && rb < bestB))) {
          best = e, bestM = rm, bestB = rb;
        }
      }
      e++;
      if (++j === n) {
        j = 0;
        if (++i === m) i = 0, e = 0;
      }
      if (++inBlock === block) {
        if (best >= 0) break;
        inBlock = 0;
      }
    }
    if (best < 0) break;
    start = e;
    pivots++;

    // the cycle: entering arc k → l, then up from l to the apex, down from the apex to k
    const k = (best / n) | 0, l = m + (best - k * n);
    let a = k, b = l;
    while (a !== b) {
      const da = depth[a]!, db = depth[b]!;
      if (da >= db) a = parent[a]!;
      if (db >= da) b = parent[b]!;
    }
    const apex = a;
    // leaving arc: the last blocking arc met going apex → k → l → apex
    let delta = Infinity, out = -1, onK = true;
    for (let w = k; w !== apex; w = parent[w]!) {
      if (up[w] && flow[w]! < delta) delta = flow[w]!, out = w;
    }
    for (let w = l; w !== apex; w = parent[w]!) {
      if (!up[w] && flow[w]! <= delta) delta = flow[w]!, out = w, onK = false;
    }
    if (out < 0) throw new Error("Cannot solve transport: unbounded cycle (internal error)");
    if (delta > 0) {
      for (let w = k; w !== apex; w = parent[w]!) flow[w] += up[w] ? -delta : delta;
      for (let w = l; w !== apex; w = parent[w]!) flow[w] += up[w] ? delta : -delta;
    }
    // re-hang the subtree cut off below `out` from the entering arc's end on its side
    const q = onK ? k : l;
    let cur = q, np = onK ? l : k, na = best, nu = onK ? 1 : 0, nf = delta;
    for (;;) {
      const op = parent[cur]!, oa = arc[cur]!, ou = up[cur]!, of = flow[cur]!;
      detach(cur);
      parent[cur] = np, arc[cur] = na, up[cur] = nu, flow[cur] = nf;
      attach(cur, np);
      if (cur === out) break;
      np = cur, na = oa, nu = ou ? 0 : 1, nf = of, cur = op;
    }
    // new depths and potentials in that subtree (tree arcs have zero reduced cost)
    let top = 0;
    stack[top++] = q;
    while (top > 0) {
      const v = stack[--top]!, u = parent[v]!, t = arc[v]!;
      const cb = t < E ? c[t]! : 0, cm = t < E ? 0 : 1;
      if (up[v]) pi[v] = pi[u]! - cb, piM[v] = piM[u]! - cm;
      else pi[v] = pi[u]! + cb, piM[v] = piM[u]! + cm;
      depth[v] = depth[u]! + 1;
      for (let w = child[v]!; w >= 0; w = nextSib[w]!) stack[top++] = w;
    }
  }

  const F = new Float64Array(E);
  for (let v = 0; v < V; v++) {
    if (arc[v]! < E) F[arc[v]!] = flow[v]!;
    else if (flow[v] !== 0) {
      throw new Error("Cannot solve transport: artificial flow left (internal error)");
    }
  }
  return { flow: F, pivots };
}

/**
 * Solve a balanced transportation problem exactly by the network simplex.
 *
 * @param cost Cost matrix [m, n] (finite).
 * @param supply What each row sends, non-negative integers (length m).
 * @param demand What each column takes, non-negative integers (length n), same total.
 * @returns An optimal integer flow (a vertex of the transportation polytope), its cost and the pivot count.
 *
 * @example Two suppliers, three customers
 * ```ts
 * import { transportSimplex } from "./network_simplex.ts";
 * import assert from "node:assert/strict";
 * const r = transportSimplex([[1, 2, 5], [4, 1, 2]], [3, 2], [1, 2, 2]);
 * assert.deepEqual(Array.from(r.flow.data), [1, 2, 0, 0, 0, 2]);
 * assert.equal(r.total, 1 + 4 + 4);
 * assert.throws(() => transportSimplex([[1, 2]], [3], [1, 1]), /totals must be equal: got 3 and 2/);
 * ```
 */
export function transportSimplex(
  cost: MatrixLike,
  supply: ArrayLike<number>,
  demand: ArrayLike<number>,
): TransportSimplex {
  const context = "Cannot solve transport";
  const C = asMatrix(cost, "cost", { context });
  const m = C.rows, n = C.cols;
  const ts = checkAmounts(supply, m, "supply", context);
  const td = checkAmounts(demand, n, "demand", context);
  if (ts !== td) {
    throw new RangeError(
      `${context}: \`supply\` and \`demand\` totals must be equal: got ${ts} and ${td}`,
    );
  }
  const { flow, pivots } = solveTransportSimplex(C.data, m, n, supply, demand);
  let total = 0;
  for (let e = 0; e < flow.length; e++) if (flow[e] !== 0) total += flow[e]! * C.data[e]!;
  return { flow: { rows: m, cols: n, data: flow }, total, pivots };
}
