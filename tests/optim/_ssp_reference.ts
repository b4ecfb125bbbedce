/**
 * Reference solver for the transport tests: the successive-shortest-paths
 * min-cost flow that `lib/optim/transport.ts` used before the network simplex
 * (uniform supplies s per row and demands d per column, integer flows).
 * Dijkstra on reduced costs with Johnson potentials; an independent algorithm
 * to check the simplex against.
 */

/** Integer flows F [m, n] of an optimal plan: row supplies s, column demands d. */
export function successiveShortestPaths(
  c: Float64Array,
  m: number,
  n: number,
  s: number,
  d: number,
): Int32Array {
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
