/**
 * Distance matrices over many networks: all pairs of one set (K×K, symmetric,
 * zero diagonal) or every network of one set against every network of another
 * (KA×KB), optionally also on held-out rows. Per-network work is done once per
 * network (`cache.ts`), pairs run in parallel on Web Workers (`workers.ts`),
 * and the pair list can be split into shards for cluster jobs (`shard.ts`).
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { checkAlpha, checkScore, type ScoreMethod } from "../metrics/inputs.ts";
import type { PairSpec, PairwiseMetric } from "./cache.ts";
import {
  assembleEntries,
  checkShards,
  type DistanceShard,
  fingerprint,
  pairCount,
  pairsInRange,
  parseShard,
  type ShardOptions,
  shardRange,
  type ShardSpec,
  type WidthMode,
} from "./shard.ts";
import {
  type NetworkInput,
  type PreparedSlot,
  runDistanceJob,
  type RunOptions,
} from "./workers.ts";

/** Options for {@link pairwiseDistances} and {@link crossDistances}. */
export interface PairwiseOptions extends RunOptions {
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
  /** Pad each pair to its wider network (as a single comparison does), or every network to the widest (`common`; makes euclidean values at α < 1 comparable across pairs). @default "pair" */
  width?: WidthMode;
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

type Mode = "pairwise" | "cross";

interface Prepared {
  mode: Mode;
  sizes: number[];
  networks: NetworkInput[];
  spec: PairSpec;
  width: WidthMode;
  labels: string[];
  columnLabels: string[];
  fingerprint: string;
}

function collect(
  mode: Mode,
  sets: readonly (readonly MatrixLike[])[],
  opts: PairwiseOptions,
  testSets: readonly (readonly MatrixLike[] | undefined)[],
  labelSets: readonly (readonly string[] | undefined)[],
): Prepared {
  const context = mode === "pairwise"
    ? "Cannot compute pairwise distances"
    : "Cannot compute cross distances";
  const {
    metric = "linear",
    alpha = 1,
    score = "angular",
    center = true,
    pad = true,
    width = "pair",
  } = opts;
  if (!["linear", "permutation", "cka"].includes(metric)) {
    throw new RangeError(
      `${context}: \`metric\` must be one of linear, permutation, cka: got ${metric}`,
    );
  }
  checkAlpha(alpha, context);
  checkScore(score, context);
  if (width !== "pair" && width !== "common") {
    throw new RangeError(`${context}: \`width\` must be one of pair, common: got ${width}`);
  }
  const names = mode === "pairwise" ? ["networks"] : ["setA", "setB"];
  const networks: NetworkInput[] = [];
  const labels: string[][] = [];
  for (const [s, set] of sets.entries()) {
    const name = names[s]!;
    if (!Array.isArray(set) || set.length === 0) {
      throw new RangeError(`${context}: \`${name}\` must be a non-empty array of matrices`);
    }
    const tests = testSets[s];
    if (tests !== undefined && tests.length !== set.length) {
      throw new TypeError(
        `${context}: held-out rows must be given for every network of \`${name}\`: got ${tests.length} for ${set.length} networks`,
      );
    }
    const lab = labelSets[s];
    if (lab !== undefined && lab.length !== set.length) {
      throw new TypeError(
        `${context}: \`labels\` must name every network of \`${name}\`: got ${lab.length} for ${set.length}`,
      );
    }
    labels.push(lab ? [...lab] : set.map((_, i) => String(i)));
    for (const [i, X] of set.entries()) {
      const train = asMatrix(X, `${name}[${i}]`, { context });
      const test = tests ? asMatrix(tests[i]!, `test[${i}]`, { context }) : null;
      if (test && test.cols !== train.cols) {
        throw new TypeError(
          `${context}: held-out rows of \`${name}[${i}]\` must have its ${train.cols} columns: got shape [${test.rows}, ${test.cols}]`,
        );
      }
      networks.push({ train, test });
    }
  }
  const flatNames = sets.flatMap((set, s) => set.map((_, i) => `${names[s]}[${i}]`));
  const first = networks[0]!;
  for (const [g, net] of networks.entries()) {
    if (net.train.rows !== first.train.rows) {
      throw new TypeError(
        `${context}: every network must have the same stimuli (rows): \`${
          flatNames[0]
        }\` has shape [${first.train.rows}, ${first.train.cols}] but \`${
          flatNames[g]
        }\` has [${net.train.rows}, ${net.train.cols}]`,
      );
    }
    if (net.test && first.test && net.test.rows !== first.test.rows) {
      throw new TypeError(
        `${context}: held-out rows must cover the same stimuli for every network: got ${first.test.rows} and ${net.test.rows} rows`,
      );
    }
    if (!pad && metric !== "cka" && net.train.cols !== first.train.cols) {
      throw new TypeError(
        `${context}: every network must have the same width when \`pad\` is false: \`${
          flatNames[0]
        }\` has ${first.train.cols} columns but \`${flatNames[g]}\` has ${net.train.cols}`,
      );
    }
  }
  const spec: PairSpec = { metric, alpha, score, center };
  const sizes = sets.map((s) => s.length);
  return {
    mode,
    sizes,
    networks,
    spec,
    width,
    labels: labels[0]!,
    columnLabels: labels[mode === "pairwise" ? 0 : 1]!,
    fingerprint: fingerprint(networks.flatMap((n) => [n.train, n.test]), {
      mode,
      sizes,
      spec,
      width,
    }),
  };
}

/** Compute the pairs [start, end) of the row-major pair list. */
async function compute(p: Prepared, start: number, end: number, run: RunOptions) {
  const pairs = pairsInRange(p.mode, p.sizes, start, end);
  const offsetB = p.mode === "cross" ? p.sizes[0]! : 0;
  const maxWidth = Math.max(...p.networks.map((n) => n.train.cols));
  const slotIndex = new Map<string, number>();
  const slots: PreparedSlot[] = [];
  const slotPairs = new Int32Array(pairs.length);
  for (let k = 0; k < pairs.length; k += 2) {
    const a = pairs[k]!, b = pairs[k + 1]! + offsetB;
    const ca = p.networks[a]!.train.cols, cb = p.networks[b]!.train.cols;
    for (const [q, g] of [[0, a], [1, b]] as const) {
      const w = p.spec.metric === "cka"
        ? p.networks[g]!.train.cols
        : p.width === "common"
        ? maxWidth
        : Math.max(ca, cb);
      const key = `${g}@${w}`;
      let s = slotIndex.get(key);
      if (s === undefined) {
        s = slots.length;
        slotIndex.set(key, s);
        slots.push({ network: g, width: w });
      }
      slotPairs[k + q] = s;
    }
  }
  const { train, test } = await runDistanceJob(
    { networks: p.networks, slots, pairs: slotPairs, spec: p.spec },
    run,
  );
  const hasTest = p.networks.every((n) => n.test !== null);
  const entries: number[][] = [];
  for (let k = 0; k < train.length; k++) {
    const e = [pairs[2 * k]!, pairs[2 * k + 1]!, train[k]!];
    if (hasTest) e.push(test[k]!);
    entries.push(e);
  }
  return { entries, hasTest };
}

function result(p: Prepared, entries: number[][], hasTest: boolean) {
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
  const p = collect("pairwise", [networks], opts, [opts.test], [opts.labels]);
  const { entries, hasTest } = await compute(p, 0, pairCount("pairwise", p.sizes), opts);
  return result(p, entries, hasTest);
}

/** Options for {@link crossDistances}: as {@link PairwiseOptions}, with held-out rows and labels per set. */
export interface CrossOptions extends Omit<PairwiseOptions, "test" | "labels"> {
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
 * @example
 * ```ts
 * import { crossDistances } from "./pairwise.ts";
 * import assert from "node:assert/strict";
 * const A = [[1, 0], [0, 2], [3, 1], [1, 1]];
 * const { matrix } = await crossDistances([A], [A, A.map(([x, y]) => [2 * x, y])], { workers: 1 });
 * assert.deepEqual([matrix.rows, matrix.cols], [1, 2]);
 * assert.equal(matrix.data[0], 0);
 * ```
 */
export async function crossDistances(
  setA: readonly MatrixLike[],
  setB: readonly MatrixLike[],
  opts: CrossOptions = {},
): Promise<Readonly<DistanceMatrix & { kind: string }>> {
  const p = collect("cross", [setA, setB], opts, opts.test ?? [], opts.labels ?? []);
  const { entries, hasTest } = await compute(p, 0, pairCount("cross", p.sizes), opts);
  return result(p, entries, hasTest);
}

async function shardOf(
  p: Prepared,
  shard: ShardSpec | string,
  run: RunOptions,
): Promise<DistanceShard> {
  const spec = parseShard(shard);
  const [start, end] = shardRange(pairCount(p.mode, p.sizes), spec);
  const { entries, hasTest } = await compute(p, start, end, run);
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
  return shardOf(collect("pairwise", [networks], opts, [opts.test], [opts.labels]), shard, opts);
}

/**
 * One shard of {@link crossDistances}.
 *
 * @example
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
    collect("cross", [setA, setB], opts, opts.test ?? [], opts.labels ?? []),
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
 * @example
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
