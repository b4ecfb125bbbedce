/**
 * Average ranks (ties share the mean of their positions, 1-based), optionally
 * with integer multiplicities so that a resample can be ranked from the
 * original vector's cached sort order without copying it.
 *
 * @module
 */

import { assertFiniteArray } from "../validate/mod.ts";

/**
 * The ascending sort order of a vector (stable: equal values keep their order).
 *
 * @param v Values.
 * @returns Indices into `v`, smallest value first.
 *
 * @example
 * ```ts
 * import { sortOrder } from "./ranks.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(sortOrder([3, 1, 2])), [1, 2, 0]);
 * ```
 */
export function sortOrder(v: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(v.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => v[a]! - v[b]! || a - b);
}

/**
 * Average ranks, 1-based: tied values get the mean of the positions they span
 * (scipy's `rankdata(method="average")`). With `weights`, entry e stands for
 * `weights[e]` identical copies (0 drops it; its rank is NaN) and its rank is
 * the one every copy gets in the expanded vector.
 *
 * @param v Values.
 * @param weights Multiplicity of each entry; all 1 when omitted.
 * @param order `sortOrder(v)`, when cached.
 * @returns The rank of each entry.
 * @throws {RangeError} When `v` holds NaN or ±Infinity (naming the first such index).
 *
 * @example Ties share their mean position
 * ```ts
 * import { averageRanks } from "./ranks.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(averageRanks([10, 20, 10, 30])), [1.5, 3, 1.5, 4]);
 * // two copies of 20 and none of 30: the copies span positions 3 and 4
 * assert.deepEqual(Array.from(averageRanks([10, 20, 10, 30], [1, 2, 1, 0])), [1.5, 3.5, 1.5, NaN]);
 * ```
 *
 * @example NaN has no rank
 * ```ts
 * import { averageRanks } from "./ranks.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => averageRanks([1, NaN, 0]), {
 *   name: "RangeError",
 *   message: "Cannot rank values: `v` must be finite: got NaN at index 1",
 * });
 * ```
 */
export function averageRanks(
  v: ArrayLike<number>,
  weights?: ArrayLike<number>,
  order: ArrayLike<number> = sortOrder(v),
): Float64Array {
  const m = v.length;
  const out = new Float64Array(m);
  if (weights) {
    for (let e = 0; e < m; e++) if (!(weights[e]! > 0)) out[e] = NaN;
  }
  let pos = 0;
  let k = 0;
  while (k < m) {
    // each run starts with one entry and ends past it, so the loop always advances
    const first = order[k]!;
    const value = v[first]!;
    if (!Number.isFinite(value)) assertFiniteArray(v, "v", "Cannot rank values");
    let end = k + 1, total = weights ? weights[first]! : 1;
    while (end < m && v[order[end]!]! === value) {
      total += weights ? weights[order[end]!]! : 1;
      end++;
    }
    const rank = pos + (total + 1) / 2;
    for (let t = k; t < end; t++) {
      const e = order[t]!;
      if (!weights || weights[e]! > 0) out[e] = rank;
    }
    pos += total;
    k = end;
  }
  return out;
}
