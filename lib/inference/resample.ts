/**
 * Reproducible resampling plans: the index draws of bootstrap samples and
 * permutations. Draw k depends only on (seed, k), never on which worker or in
 * which order the draws are made, so a statistic computed over the draws in
 * any split gives the same numbers.
 *
 * @module
 */

import { mulberry32 } from "../random.ts";
import { assertInteger, assertSeed } from "../validate/mod.ts";

/**
 * The generator for draw `k` of a plan seeded with `seed`: a hash of both
 * (SplitMix32-style finaliser), so neighbouring draws are independent streams.
 *
 * @param seed The plan's seed, an integer in [−2^31, 2^32 − 1] (the range `bootstrap` takes).
 * @param k The draw's index, an integer ≥ 0.
 * @returns A uniform [0, 1) generator.
 * @throws {RangeError} For a seed or index that is not an integer in its range.
 *
 * @example Same (seed, k), same stream
 * ```ts
 * import { drawRng } from "./resample.ts";
 * import assert from "node:assert/strict";
 * assert.equal(drawRng(3, 7)(), drawRng(3, 7)());
 * assert.notEqual(drawRng(3, 7)(), drawRng(3, 8)());
 * ```
 */
export function drawRng(seed: number, k: number): () => number {
  assertSeed(seed, "Cannot seed draw");
  assertInteger(k, "k", 0, 2 ** 53, "Cannot seed draw");
  let h = (Math.imul(seed | 0, 0x9e3779b9) ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return mulberry32((h ^ (h >>> 16)) >>> 0);
}

/**
 * `n` indices drawn uniformly with replacement from 0…n−1, in increasing order.
 *
 * @param n Number of units.
 * @param rand Uniform generator.
 * @returns The draw, sorted.
 *
 * @example
 * ```ts
 * import { bootstrapDraw, drawRng } from "./resample.ts";
 * import assert from "node:assert/strict";
 * const d = bootstrapDraw(10, drawRng(0, 0));
 * assert.equal(d.length, 10);
 * assert.ok(d.every((v, i) => v >= 0 && v < 10 && (i === 0 || v >= d[i - 1]!)));
 * ```
 */
export function bootstrapDraw(n: number, rand: () => number): Int32Array {
  assertInteger(n, "n", 1, 2 ** 31 - 1, "Cannot draw bootstrap sample");
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * n);
  return out.sort();
}

/**
 * A uniformly random permutation of 0…n−1 (Fisher–Yates).
 *
 * @param n Length.
 * @param rand Uniform generator.
 * @returns The permutation.
 *
 * @example
 * ```ts
 * import { drawRng, permutationDraw } from "./resample.ts";
 * import assert from "node:assert/strict";
 * const p = permutationDraw(6, drawRng(1, 0));
 * assert.deepEqual(Array.from(p).sort(), [0, 1, 2, 3, 4, 5]);
 * ```
 */
export function permutationDraw(n: number, rand: () => number): Int32Array {
  assertInteger(n, "n", 1, 2 ** 31 - 1, "Cannot draw permutation");
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/**
 * The number of distinct values in a sorted draw.
 *
 * @param draw Sorted indices.
 * @returns How many distinct units were drawn.
 *
 * @example
 * ```ts
 * import { distinctCount } from "./resample.ts";
 * import assert from "node:assert/strict";
 * assert.equal(distinctCount(Int32Array.from([0, 0, 2, 5, 5])), 3);
 * ```
 */
export function distinctCount(draw: Int32Array): number {
  let c = 0;
  for (let i = 0; i < draw.length; i++) if (i === 0 || draw[i] !== draw[i - 1]) c++;
  return c;
}

/**
 * `m` distinct indices drawn uniformly without replacement from 0…n−1, in
 * increasing order (a partial Fisher–Yates shuffle): the draw of the
 * subsampling (m-out-of-n without replacement) bootstrap.
 *
 * @param n Number of units.
 * @param m Size of the subsample, 1 ≤ m ≤ n.
 * @param rand Uniform generator.
 * @returns The draw, sorted, without repeats.
 *
 * @example
 * ```ts
 * import { drawRng, subsampleDraw } from "./resample.ts";
 * import assert from "node:assert/strict";
 * const d = subsampleDraw(10, 5, drawRng(0, 0));
 * assert.equal(d.length, 5);
 * assert.ok(d.every((v, i) => v >= 0 && v < 10 && (i === 0 || v > d[i - 1]!)));
 * ```
 */
export function subsampleDraw(n: number, m: number, rand: () => number): Int32Array {
  assertInteger(n, "n", 1, 2 ** 31 - 1, "Cannot draw subsample");
  assertInteger(m, "m", 1, n, "Cannot draw subsample");
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p.slice(0, m).sort();
}
