/**
 * Average-linkage (UPGMA) hierarchical clustering of a distance matrix and the
 * dendrogram's leaf order, used to reorder heatmaps so similar items sit together.
 *
 * Conventions follow SciPy's `linkage(..., "average")` and `leaves_list`: merge
 * `k` creates cluster id `n + k`; each merge lists the smaller id first; leaves
 * are read left (smaller id) before right. With distinct merge heights the
 * order equals SciPy's; ties are broken deterministically (lowest slot first).
 *
 * @module
 */

import { asMatrix, type MatrixLike } from "./linalg/matrix.ts";

/** One merge: clusters `left` < `right` joined at `height`, giving a cluster of `size` leaves. */
export interface Merge {
  /** Id of the first child (leaf ids are 0..n-1, merge k has id n + k). */
  readonly left: number;
  /** Id of the second child (larger than `left`). */
  readonly right: number;
  /** Average distance between the two clusters' leaves. */
  readonly height: number;
  /** Number of leaves in the new cluster. */
  readonly size: number;
}

const CONTEXT = "Cannot cluster distance matrix";

/**
 * Average-linkage clustering: repeatedly join the two clusters with the smallest
 * mean pairwise distance between their members.
 *
 * @param distances Symmetric `[n, n]` distance matrix (diagonal ignored).
 * @returns `n - 1` merges in order of increasing height (SciPy's `Z` rows).
 *
 * @example Two tight pairs
 * ```ts
 * import { averageLinkage } from "./cluster_order.ts";
 * import assert from "node:assert/strict";
 * const D = [[0, 1, 9, 9], [1, 0, 9, 9], [9, 9, 0, 2], [9, 9, 2, 0]];
 * assert.deepEqual(averageLinkage(D), [
 *   { left: 0, right: 1, height: 1, size: 2 },
 *   { left: 2, right: 3, height: 2, size: 2 },
 *   { left: 4, right: 5, height: 9, size: 4 },
 * ]);
 * ```
 */
export function averageLinkage(distances: MatrixLike): Merge[] {
  const M = asMatrix(distances, "distances", { context: CONTEXT, finite: true, nonEmpty: true });
  const n = M.rows;
  if (M.cols !== n) {
    throw new TypeError(
      `${CONTEXT}: \`distances\` must be square: got shape [${M.rows}, ${M.cols}]`,
    );
  }
  const D = M.data.slice();
  let scale = 0;
  for (let k = 0; k < D.length; k++) scale = Math.max(scale, Math.abs(D[k]!));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(D[i * n + j]! - D[j * n + i]!) > 1e-9 * scale) {
        throw new RangeError(
          `${CONTEXT}: \`distances\` must be symmetric: got ${D[i * n + j]} at [${i}, ${j}] but ${
            D[j * n + i]
          } at [${j}, ${i}]`,
        );
      }
    }
  }
  const active = new Uint8Array(n).fill(1);
  const size = new Float64Array(n).fill(1);
  const id = Int32Array.from({ length: n }, (_, i) => i);
  const nn = new Int32Array(n);
  const nnDist = new Float64Array(n);
  const nearest = (i: number) => {
    let best = -1, bd = Infinity;
    for (let j = 0; j < n; j++) {
      if (j !== i && active[j] && D[i * n + j]! < bd) [best, bd] = [j, D[i * n + j]!];
    }
    nn[i] = best;
    nnDist[i] = bd;
  };
  for (let i = 0; i < n; i++) nearest(i);
  const merges: Merge[] = [];
  for (let step = 0; step < n - 1; step++) {
    let a = -1;
    for (let i = 0; i < n; i++) if (active[i] && (a < 0 || nnDist[i]! < nnDist[a]!)) a = i;
    let b = nn[a]!;
    if (b < a) [a, b] = [b, a];
    const height = D[a * n + b]!;
    const [sa, sb] = [size[a]!, size[b]!];
    merges.push({
      left: Math.min(id[a]!, id[b]!),
      right: Math.max(id[a]!, id[b]!),
      height,
      size: sa + sb,
    });
    active[b] = 0;
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === a) continue;
      const d = (sa * D[a * n + k]! + sb * D[b * n + k]!) / (sa + sb);
      D[a * n + k] = d;
      D[k * n + a] = d;
    }
    size[a] = sa + sb;
    id[a] = n + step;
    // the merged distance lies between the two old ones, so only rows that pointed
    // at a or b (and row a itself) can have a new nearest neighbour
    for (let k = 0; k < n; k++) {
      if (active[k] && (k === a || nn[k] === a || nn[k] === b)) nearest(k);
    }
  }
  return merges;
}

/**
 * Leaf order of a dendrogram: leaves read left to right (SciPy's `leaves_list`).
 *
 * @param merges Output of {@link averageLinkage}.
 * @param n Number of leaves (`merges.length + 1`).
 * @returns A permutation of `0..n-1`.
 *
 * @example Reading a small tree
 * ```ts
 * import { leafOrder } from "./cluster_order.ts";
 * import assert from "node:assert/strict";
 * const merges = [{ left: 0, right: 2, height: 1, size: 2 }, { left: 1, right: 3, height: 2, size: 3 }];
 * assert.deepEqual(leafOrder(merges, 3), [1, 0, 2]);
 * ```
 */
export function leafOrder(merges: readonly Merge[], n: number): number[] {
  if (n === 1) return [0];
  const order: number[] = [];
  const stack = [n + merges.length - 1];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c < n) order.push(c);
    else {
      const m = merges[c - n]!;
      stack.push(m.right, m.left);
    }
  }
  return order;
}

/**
 * Order items so clusters sit together: the average-linkage dendrogram's leaf order.
 *
 * @param distances Symmetric `[n, n]` distance matrix (larger = more different).
 * @returns A permutation of `0..n-1`.
 *
 * @example Interleaved blocks come out grouped
 * ```ts
 * import { clusterOrder } from "./cluster_order.ts";
 * import assert from "node:assert/strict";
 * // items 0 and 2 are close, 1 and 3 are close
 * const D = [[0, 5, 1, 5], [5, 0, 5, 1.5], [1, 5, 0, 5], [5, 1.5, 5, 0]];
 * assert.deepEqual(clusterOrder(D), [0, 2, 1, 3]);
 * ```
 */
export function clusterOrder(distances: MatrixLike): number[] {
  const merges = averageLinkage(distances);
  return leafOrder(merges, merges.length + 1);
}
