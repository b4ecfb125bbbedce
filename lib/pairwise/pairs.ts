/**
 * Deterministic pair lists and shard ranges. Pairs are listed in row-major
 * order — (0,1), (0,2), …, (1,2), … for a pairwise matrix, (0,0), (0,1), … for
 * a cross matrix — and shard k of n (0-based) takes the contiguous range
 * [⌊kP/n⌋, ⌊(k+1)P/n⌋) of the P pairs. A pairwise matrix of an asymmetric
 * measure lists both orders (`ordered`): (0,1), (0,2), …, (1,0), (1,2), …, every
 * i ≠ j, since its entry (j, i) is not entry (i, j).
 *
 * @module
 */

/** A shard selector: `index` in [0, count). */
export interface ShardSpec {
  /** Which shard, 0-based. */
  index: number;
  /** Number of shards. */
  count: number;
}

/** Pairwise (one set, i < j) or cross (two sets, all i, j). */
export type Mode = "pairwise" | "cross";

/**
 * Number of pairs: K(K−1)/2 for pairwise (K(K−1) when `ordered`), KA·KB for cross.
 *
 * @param mode `pairwise` or `cross`.
 * @param sizes [K] or [KA, KB].
 * @param ordered Pairwise only: list (i, j) and (j, i) both (asymmetric measures). @default false
 * @returns The number of pairs.
 *
 * @example Pairwise and cross counts
 * ```ts
 * import { pairCount } from "./pairs.ts";
 * import assert from "node:assert/strict";
 * assert.equal(pairCount("pairwise", [50]), 1225);
 * assert.equal(pairCount("cross", [3, 4]), 12);
 * assert.equal(pairCount("pairwise", [50], true), 2450);
 * ```
 */
export function pairCount(mode: Mode, sizes: readonly number[], ordered = false): number {
  if (mode === "cross") return sizes[0]! * sizes[1]!;
  const K = sizes[0]!;
  return ordered ? K * (K - 1) : (K * (K - 1)) / 2;
}

/**
 * The pairs [start, end) of the row-major list, as a flat [i0, j0, i1, j1, …] array.
 *
 * @param mode `pairwise` or `cross`.
 * @param sizes [K] or [KA, KB].
 * @param start First pair index.
 * @param end One past the last pair index.
 * @param ordered Pairwise only: every i ≠ j in both orders. @default false
 * @returns Flat pair indices.
 *
 * @example Pairs 2 to 4 of a 4-network matrix
 * ```ts
 * import { pairsInRange } from "./pairs.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(pairsInRange("pairwise", [4], 2, 5)), [0, 3, 1, 2, 1, 3]);
 * // both orders: (0,1), (0,2), (1,0), (1,2), (2,0), (2,1)
 * assert.deepEqual(Array.from(pairsInRange("pairwise", [3], 1, 4, true)), [0, 2, 1, 0, 1, 2]);
 * ```
 */
export function pairsInRange(
  mode: Mode,
  sizes: readonly number[],
  start: number,
  end: number,
  ordered = false,
): Int32Array {
  const out = new Int32Array(2 * Math.max(0, end - start));
  let k = 0, t = 0;
  if (mode === "cross") {
    const kb = sizes[1]!;
    for (let p = start; p < end; p++) {
      out[t++] = Math.floor(p / kb);
      out[t++] = p % kb;
    }
    return out;
  }
  const K = sizes[0]!;
  if (ordered) {
    // row i holds the K − 1 columns j ≠ i
    for (let p = start; p < end; p++) {
      const i = Math.floor(p / (K - 1)), r = p % (K - 1);
      out[t++] = i;
      out[t++] = r < i ? r : r + 1;
    }
    return out;
  }
  for (let i = 0; i < K && k < end; i++) {
    const rowLen = K - 1 - i;
    if (k + rowLen <= start) {
      k += rowLen;
      continue;
    }
    for (let j = i + 1; j < K; j++, k++) {
      if (k >= start && k < end) {
        out[t++] = i;
        out[t++] = j;
      }
    }
  }
  return out;
}

/**
 * The row-major index of pair (i, j), or -1 when it is not a pair of the matrix.
 *
 * @param mode `pairwise` (needs 0 ≤ i < j < K, or i ≠ j when `ordered`) or `cross`.
 * @param sizes [K] or [KA, KB].
 * @param i Row.
 * @param j Column.
 * @param ordered Pairwise only: both orders are pairs. @default false
 * @returns The pair index.
 *
 * @example
 * ```ts
 * import { pairIndex } from "./pairs.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([pairIndex("pairwise", [4], 1, 2), pairIndex("pairwise", [4], 2, 1)], [3, -1]);
 * assert.deepEqual([pairIndex("pairwise", [4], 1, 2, true), pairIndex("pairwise", [4], 2, 1, true)], [4, 7]);
 * ```
 */
export function pairIndex(
  mode: Mode,
  sizes: readonly number[],
  i: number,
  j: number,
  ordered = false,
): number {
  if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0) return -1;
  if (mode === "cross") {
    return i < sizes[0]! && j < sizes[1]! ? i * sizes[1]! + j : -1;
  }
  const K = sizes[0]!;
  if (ordered) return i !== j && i < K && j < K ? i * (K - 1) + (j < i ? j : j - 1) : -1;
  if (!(i < j && j < K)) return -1;
  return i * K - (i * (i + 1)) / 2 + (j - i - 1);
}

/**
 * The pair range [start, end) of shard `index` of `count`.
 *
 * @param total Number of pairs.
 * @param shard The shard.
 * @returns `[start, end)`.
 *
 * @example Ten pairs over three shards
 * ```ts
 * import { shardRange } from "./pairs.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([0, 1, 2].map((k) => shardRange(10, { index: k, count: 3 })), [[0, 3], [3, 6], [6, 10]]);
 * ```
 */
export function shardRange(total: number, shard: ShardSpec): [number, number] {
  return [
    Math.floor((shard.index * total) / shard.count),
    Math.floor(((shard.index + 1) * total) / shard.count),
  ];
}

/**
 * Check a shard selector, or parse one from text `k/n` (k in 0…n−1).
 *
 * @param text `k/n` or `{index, count}`.
 * @returns The checked shard.
 *
 * @example Text form k/n
 * ```ts
 * import { parseShard } from "./pairs.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseShard("2/8"), { index: 2, count: 8 });
 * assert.throws(() => parseShard("8/8"), /`shard` index must be in \[0, 7\]: got 8\/8/);
 * ```
 */
export function parseShard(text: string | ShardSpec): ShardSpec {
  const context = "Invalid shard";
  let index: number, count: number;
  if (typeof text === "string") {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    if (!m) throw new RangeError(`${context}: \`shard\` must look like k/n: got ${text}`);
    index = Number(m[1]);
    count = Number(m[2]);
  } else {
    ({ index, count } = text);
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`${context}: \`shard\` count must be a positive integer: got ${count}`);
  }
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(
      `${context}: \`shard\` index must be in [0, ${count - 1}]: got ${index}/${count}`,
    );
  }
  return { index, count };
}
