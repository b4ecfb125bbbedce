/**
 * Shape-metric distance matrices over many networks (linear family,
 * permutation, CKA): the K×K matrix of one set, the KA×KB matrix between two
 * sets, optionally on held-out rows too, and shards for cluster jobs. These
 * are the shape-metric entry points of the one pairwise engine
 * (`lib/pairwise/`), which takes any registered measure.
 *
 * @module
 */

import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { assertMetricReads, type ScoreMethod } from "../metrics/inputs.ts";
import {
  crossMatrix,
  crossMatrixShard,
  matrixShard,
  type MeasureMatrix,
  mergeMatrixShards,
  pairwiseMatrix,
} from "../pairwise/engine.ts";
import type { WidthMode } from "../pairwise/collect.ts";
import type { RunOptions } from "../pairwise/pool.ts";
import type { DistanceShard, PairwiseMetric, ShardOptions, ShardSpec } from "./shard.ts";
import { checkOptions } from "../validate/options.ts";
import { CROSS_OPTIONS, PAIRWISE_OPTIONS } from "./option_kinds.ts";

/** Options shared by the distance-matrix functions. */
export interface DistanceOptions extends RunOptions {
  /** `linear` (shape metric family), `permutation`, or `cka` (arccos of linear CKA). @default "linear" */
  metric?: PairwiseMetric;
  /** α of the linear family. @default 1 */
  alpha?: number;
  /** Ground metric for linear and permutation. @default "angular" */
  score?: ScoreMethod;
  /** Centre columns. @default true */
  center?: boolean;
  /** Allow networks of different widths (zero-padded). @default true */
  pad?: boolean;
  /**
   * Pad each pair to its wider network (as a single comparison does), or every
   * network to the widest (`common`: each network is prepared once, and
   * euclidean values at α < 1 become comparable across pairs). Angular linear
   * distances are the same either way; permutation distances can only shrink
   * with more zero units to match. CKA does not depend on zero columns, so it
   * gives the same values either way. @default "pair"
   */
  width?: WidthMode;
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

/** Options for {@link crossDistances}: as {@link PairwiseOptions}, with held-out rows and labels per set. */
export interface CrossOptions extends DistanceOptions {
  /** Held-out rows for the networks of set A and of set B. */
  test?: readonly [readonly MatrixLike[], readonly MatrixLike[]];
  /** Labels of set A and set B. */
  labels?: readonly [readonly string[], readonly string[]];
}

const METRICS: readonly PairwiseMetric[] = ["linear", "permutation", "cka"];

/** Engine options for a shape metric: the measure and only the options it takes. */
function engineOptions(opts: DistanceOptions, context: string): Record<string, unknown> {
  const { metric = "linear", alpha, score, center, pad, width, workers, onProgress } = opts;
  if (!METRICS.includes(metric)) {
    throw new RangeError(
      `${context}: \`metric\` must be one of linear, permutation, cka: got ${metric}`,
    );
  }
  if (alpha !== undefined && !(typeof alpha === "number" && alpha >= 0 && alpha <= 1)) {
    throw new RangeError(`${context}: \`alpha\` must be in [0, 1]: got ${alpha}`);
  }
  if (score !== undefined && score !== "angular" && score !== "euclidean") {
    throw new RangeError(`${context}: \`score\` must be one of angular, euclidean: got ${score}`);
  }
  // an option the chosen metric does not read is an error, not ignored
  assertMetricReads(metric, { alpha, score, pad }, context);
  // linear CKA is unchanged by zero columns, so `width` (how networks are padded) does not
  // change it: accepted, as this function always did, and not passed to the engine
  const out: Record<string, unknown> = {
    measure: metric,
    center,
    workers,
    onProgress,
    ...(metric === "cka" ? {} : { width }),
  };
  if (metric !== "cka") Object.assign(out, { score, pad });
  if (metric === "linear") out.alpha = alpha;
  return out;
}

/** The legacy options record of a shape-metric matrix. */
function shardOptions(measure: string, o: Record<string, unknown>): ShardOptions {
  return {
    metric: measure as PairwiseMetric,
    alpha: (o.alpha as number | undefined) ?? 1,
    score: (o.score as ScoreMethod | undefined) ?? "angular",
    center: (o.center as boolean | undefined) ?? true,
    width: (o.width as WidthMode | undefined) ?? "pair",
  };
}

function legacy(r: MeasureMatrix, kind: string): Readonly<DistanceMatrix & { kind: string }> {
  return tagResult(kind, {
    matrix: r.matrix,
    test: r.test,
    labels: r.labels,
    columnLabels: r.columnLabels,
    options: shardOptions(r.measure, r.options),
  });
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
  checkOptions(opts, PAIRWISE_OPTIONS, "Cannot compute pairwise distances");
  const e = engineOptions(opts, "Cannot compute pairwise distances");
  const r = await pairwiseMatrix(networks, { ...e, test: opts.test, labels: opts.labels });
  return legacy(r, "pairwiseDistances");
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
  checkOptions(opts, CROSS_OPTIONS, "Cannot compute cross distances");
  const e = engineOptions(opts, "Cannot compute cross distances");
  const r = await crossMatrix(setA, setB, { ...e, test: opts.test, labels: opts.labels });
  return legacy(r, "crossDistances");
}

/**
 * One shard of {@link pairwiseDistances}: the pairs of shard `k` of `n` (a
 * contiguous range of the row-major pair list), as plain JSON for {@link mergeShards}.
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
export async function pairwiseShard(
  networks: readonly MatrixLike[],
  shard: ShardSpec | string,
  opts: PairwiseOptions = {},
): Promise<DistanceShard> {
  checkOptions(opts, PAIRWISE_OPTIONS, "Cannot compute pairwise distances");
  const e = engineOptions(opts, "Cannot compute pairwise distances");
  return await matrixShard(networks, shard, { ...e, test: opts.test, labels: opts.labels });
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
export async function crossShard(
  setA: readonly MatrixLike[],
  setB: readonly MatrixLike[],
  shard: ShardSpec | string,
  opts: CrossOptions = {},
): Promise<DistanceShard> {
  checkOptions(opts, CROSS_OPTIONS, "Cannot compute cross distances");
  const e = engineOptions(opts, "Cannot compute cross distances");
  return await crossMatrixShard(setA, setB, shard, { ...e, test: opts.test, labels: opts.labels });
}

/**
 * Verify shards (all `n` of them, any order) and assemble the distance matrix
 * (see `verifyShards` for what is checked).
 *
 * @param parts The shards (e.g. parsed from the JSON files the jobs wrote).
 * @param names Names of the parts in errors (e.g. file names). @default "part k"
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
  names?: readonly string[],
): Readonly<DistanceMatrix & { kind: string }> {
  const r = mergeMatrixShards(parts, names);
  return legacy(r, r.kind);
}
