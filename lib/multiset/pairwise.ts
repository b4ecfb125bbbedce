/**
 * Distance matrices over many networks: all pairs of one set (K×K, symmetric,
 * zero diagonal) or every network of one set against every network of another
 * (KA×KB), optionally also on held-out rows. Per-network work is done once per
 * network (`cache.ts`), pairs run in parallel on Web Workers (`workers.ts`),
 * and the pair list can be split into shards for cluster jobs (`shard.ts`).
 *
 * @module
 */

import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import {
  assembleEntries,
  checkShards,
  type DistanceShard,
  pairCount,
  parseShard,
  type ShardOptions,
  shardRange,
  type ShardSpec,
} from "./shard.ts";
import type { RunOptions } from "./workers.ts";
import { type Collected, collectNetworks, computeEntries, type DistanceOptions } from "./jobs.ts";

// Adds this file\'s result kinds to `ResultKinds` (the typed renderer registry, lib/result.ts).
declare module "../result.ts" {
  interface ResultKinds {
    pairwiseDistances: DistanceMatrix;
    crossDistances: DistanceMatrix;
  }
}

/** Options for {@link pairwiseDistances}: metric, padding, workers, progress, held-out rows, labels. */
export interface PairwiseOptions extends DistanceOptions {
  /** Held-out rows per network (same stimuli for all), giving a second matrix. */
  test?: readonly MatrixLike[];
  /** Names of the networks. @default ["0", "1", …] */
  labels?: readonly string[];
}

/** A distance matrix with its options. */
export interface DistanceMatrix {
  /** Training distances: K×K (symmetric, zero diagonal) or KA×KB. */
  matrix: Matrix;
  /** Held-out distances, same shape, or null. */
  test: Matrix | null;
  /** Row labels. */
  labels: string[];
  /** Column labels (the row labels for pairwise matrices). */
  columnLabels: string[];
  /** The options that determine the numbers. */
  options: ShardOptions;
}

function result(p: Collected, entries: number[][], hasTest: boolean) {
  const { train, test } = assembleEntries(p.mode, p.sizes, entries, hasTest);
  return tagResult(p.mode === "pairwise" ? "pairwiseDistances" : "crossDistances", {
    matrix: train,
    test,
    labels: p.labels,
    columnLabels: p.columnLabels,
    options: { ...p.spec, width: p.width },
  } as DistanceMatrix);
}

/**
 * The K×K matrix of distances between all pairs of networks (symmetric, zero diagonal).
 *
 * @param networks Responses of each network to the same stimuli, [nStimuli, nUnits_k].
 * @param opts {@link PairwiseOptions}: metric and its options, held-out rows, workers, progress.
 * @returns `{matrix, test, labels, columnLabels, options}`, tagged `pairwiseDistances`.
 *
 * @example Three networks, one a rotated copy of another
 * ```ts
 * import { pairwiseDistances } from "./pairwise.ts";
 * import assert from "node:assert/strict";
 * const A = [[1, 0], [0, 2], [3, 1], [1, 1]];
 * const B = A.map(([x, y]) => [y, -x]);
 * const C = [[0, 1], [2, 2], [1, 0], [3, 3]];
 * const { matrix } = await pairwiseDistances([A, B, C], { alpha: 1, workers: 1 });
 * assert.ok(matrix.data[1]! < 1e-12);          // d(A, B)
 * assert.equal(matrix.data[2], matrix.data[6]); // symmetric
 * assert.equal(matrix.data[4], 0);              // diagonal
 * ```
 */
export async function pairwiseDistances(
  networks: readonly MatrixLike[],
  opts: PairwiseOptions = {},
): Promise<Readonly<DistanceMatrix & { kind: string }>> {
  const p = collectNetworks("pairwise", [networks], opts, [opts.test], [opts.labels]);
  const { entries, hasTest } = await computeEntries(p, 0, pairCount("pairwise", p.sizes), opts);
  return result(p, entries, hasTest);
}

/** Options for {@link crossDistances}: as {@link PairwiseOptions}, with held-out rows and labels per set. */
export interface CrossOptions extends DistanceOptions {
  /** Held-out rows for the networks of set A and of set B. */
  test?: readonly [readonly MatrixLike[], readonly MatrixLike[]];
  /** Labels of set A and set B. */
  labels?: readonly [readonly string[], readonly string[]];
}

/**
 * The KA×KB matrix of distances from every network of one set to every network of another.
 *
 * @param setA First set of networks (rows of the result).
 * @param setB Second set (columns).
 * @param opts {@link CrossOptions}.
 * @returns `{matrix, test, labels, columnLabels, options}`, tagged `crossDistances`.
 *
 * @example One network against two
 * ```ts
 * import { crossDistances } from "./pairwise.ts";
 * import assert from "node:assert/strict";
 * const A = [[1, 0], [0, 2], [3, 1], [1, 1]];
 * const { matrix } = await crossDistances([A], [A, A.map(([x, y]) => [2 * x, y])], { workers: 1 });
 * assert.deepEqual([matrix.rows, matrix.cols], [1, 2]);
 * assert.ok(matrix.data[0]! < 1e-12);
 * ```
 */
export async function crossDistances(
  setA: readonly MatrixLike[],
  setB: readonly MatrixLike[],
  opts: CrossOptions = {},
): Promise<Readonly<DistanceMatrix & { kind: string }>> {
  const p = collectNetworks("cross", [setA, setB], opts, opts.test ?? [], opts.labels ?? []);
  const { entries, hasTest } = await computeEntries(p, 0, pairCount("cross", p.sizes), opts);
  return result(p, entries, hasTest);
}

async function shardOf(
  p: Collected,
  shard: ShardSpec | string,
  run: RunOptions,
): Promise<DistanceShard> {
  const spec = parseShard(shard);
  const [start, end] = shardRange(pairCount(p.mode, p.sizes), spec);
  const { entries, hasTest } = await computeEntries(p, start, end, run);
  const out: DistanceShard = {
    format: "neurocompare.distance-shard",
    version: 1,
    mode: p.mode,
    sizes: p.sizes,
    shard: spec,
    fingerprint: p.fingerprint,
    options: { ...p.spec, width: p.width },
    labels: p.labels,
    hasTest,
    entries,
  };
  if (p.mode === "cross") out.columnLabels = p.columnLabels;
  return out;
}

/**
 * One shard of {@link pairwiseDistances}: the pairs of shard `k` of `n` (see
 * `shard.ts`), as plain JSON for {@link mergeShards}.
 *
 * @param networks As for {@link pairwiseDistances}.
 * @param shard `{index, count}` or text `k/n`, with k in 0…n−1.
 * @param opts {@link PairwiseOptions}.
 * @returns The shard.
 *
 * @example Merged shards equal the whole matrix
 * ```ts
 * import { mergeShards, pairwiseDistances, pairwiseShard } from "./pairwise.ts";
 * import assert from "node:assert/strict";
 * const nets = [[[1, 0], [0, 2], [3, 1]], [[0, 1], [2, 2], [1, 0]], [[1, 1], [0, 0], [2, 3]]];
 * const parts = [await pairwiseShard(nets, "0/2", { workers: 1 }), await pairwiseShard(nets, "1/2", { workers: 1 })];
 * const merged = mergeShards(parts);
 * const whole = await pairwiseDistances(nets, { workers: 1 });
 * assert.deepEqual(merged.matrix.data, whole.matrix.data);
 * ```
 */
export function pairwiseShard(
  networks: readonly MatrixLike[],
  shard: ShardSpec | string,
  opts: PairwiseOptions = {},
): Promise<DistanceShard> {
  return shardOf(
    collectNetworks("pairwise", [networks], opts, [opts.test], [opts.labels]),
    shard,
    opts,
  );
}

/**
 * One shard of {@link crossDistances}.
 *
 * @param setA First set (rows).
 * @param setB Second set (columns).
 * @param shard `{index, count}` or text `k/n`.
 * @param opts {@link CrossOptions}.
 * @returns The shard.
 *
 * @example A single shard covering all pairs
 * ```ts
 * import { crossShard, mergeShards } from "./pairwise.ts";
 * import assert from "node:assert/strict";
 * const A = [[[1, 0], [0, 2], [3, 1]]], B = [[[0, 1], [2, 2], [1, 0]], [[1, 1], [0, 0], [2, 3]]];
 * const m = mergeShards([await crossShard(A, B, "0/1", { workers: 1 })]);
 * assert.deepEqual([m.matrix.rows, m.matrix.cols], [1, 2]);
 * ```
 */
export function crossShard(
  setA: readonly MatrixLike[],
  setB: readonly MatrixLike[],
  shard: ShardSpec | string,
  opts: CrossOptions = {},
): Promise<DistanceShard> {
  return shardOf(
    collectNetworks("cross", [setA, setB], opts, opts.test ?? [], opts.labels ?? []),
    shard,
    opts,
  );
}

/**
 * Assemble shards (all `n` of them, any order) into the distance matrix.
 *
 * @param parts The shards (e.g. parsed from the JSON files the jobs wrote).
 * @returns The same result as the unsharded computation.
 *
 * @example Nothing to merge
 * ```ts
 * import { mergeShards } from "./pairwise.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => mergeShards([]), /Cannot merge shards: need at least one shard/);
 * ```
 */
export function mergeShards(
  parts: readonly DistanceShard[],
): Readonly<DistanceMatrix & { kind: string }> {
  const { first, entries } = checkShards(parts);
  const { train, test } = assembleEntries(first.mode, first.sizes, entries, first.hasTest);
  return tagResult(first.mode === "pairwise" ? "pairwiseDistances" : "crossDistances", {
    matrix: train,
    test,
    labels: first.labels,
    columnLabels: first.columnLabels ?? first.labels,
    options: first.options,
  } as DistanceMatrix);
}
