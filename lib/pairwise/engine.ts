/**
 * One pairwise engine for every registered measure, like scipy's `pdist`:
 * the K×K matrix over one set (symmetric, zero diagonal), the KA×KB matrix
 * between two sets, or one shard of either. Each input is prepared once (per
 * padded width for measures that pad), pairs run on one worker pool
 * (`pool.ts`), progress goes through one callback, held-out rows give a
 * second matrix where the measure supports them.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { type Mode, pairCount, parseShard, shardRange, type ShardSpec } from "./pairs.ts";
import type { RunOptions } from "./pool.ts";
import { assertOptionsObject } from "../validate/mod.ts";
import {
  type Collected,
  collectInputs,
  computeEntries,
  type EngineOptions,
  selfSimilarities,
} from "./collect.ts";
import {
  assembleEntries,
  entriesChecksum,
  fingerprint,
  type MatrixShard,
  SHARD_FORMAT,
  SHARD_VERSION,
  verifyShards,
} from "./shard.ts";

/** Options of {@link pairwiseMatrix}. */
export interface PairwiseMatrixOptions extends EngineOptions {
  /** Held-out part of each input (measures with held-out support), giving a second matrix. */
  test?: readonly unknown[];
  /** Names of the inputs. @default ["0", "1", …] */
  labels?: readonly string[];
  /** Measure options (see `deno task cli measures`). */
  [option: string]: unknown;
}

/** Options of {@link crossMatrix}. */
export interface CrossMatrixOptions extends EngineOptions {
  /** Held-out parts of set A and set B. */
  test?: readonly [readonly unknown[], readonly unknown[]];
  /** Labels of set A and set B. */
  labels?: readonly [readonly string[], readonly string[]];
  /** Measure options. */
  [option: string]: unknown;
}

/** A matrix over many inputs. */
export interface MeasureMatrix {
  /**
   * Values: K×K (zero diagonal, symmetric for symmetric measures; for an
   * asymmetric one entry (i, j) is m(X_i, X_j), both orders computed) or KA×KB.
   */
  matrix: Matrix;
  /** Held-out values, same shape, or null. */
  test: Matrix | null;
  /** Row labels. */
  labels: string[];
  /** Column labels (the row labels for pairwise matrices). */
  columnLabels: string[];
  /** Standard name of the measure. */
  measure: string;
  /** Resolved measure options, plus `width` for measures that pad. */
  options: Record<string, unknown>;
  /** Whether the values are distances or similarities. */
  value: "distance" | "similarity";
  /** Per-input facts from the measure (e.g. DMD ranks), null where not computed. */
  info: (Record<string, number | string> | null)[];
  /** Bootstrap standard error of each training entry (see `withBootstrapSe`), when computed. */
  se?: Matrix;
  /** Number of bootstrap draws behind `se`, when computed. */
  bootstrapSamples?: number;
}

function result(
  c: { mode: Mode; sizes: readonly number[]; ordered: boolean },
  fields: Omit<MeasureMatrix, "matrix" | "test">,
  entries: readonly (readonly number[])[],
  hasTest: boolean,
): Readonly<MeasureMatrix & { kind: string }> {
  const { train, test } = assembleEntries(c.mode, c.sizes, entries, hasTest, c.ordered);
  return tagResult(c.mode === "pairwise" ? "pairwiseDistances" : "crossDistances", {
    matrix: train,
    test,
    ...fields,
  });
}

function fieldsOf(
  c: Collected,
  info: MeasureMatrix["info"],
): Omit<MeasureMatrix, "matrix" | "test"> {
  return {
    labels: c.labels,
    columnLabels: c.columnLabels,
    measure: c.measure.name,
    options: c.recorded,
    value: c.measure.returns === "similarity" ? "similarity" : "distance",
    info,
  };
}

/**
 * The K×K matrix of a measure over all pairs of inputs: entry (i, j) is
 * m(inputs[i], inputs[j]). Symmetric measures compute each pair i < j once and
 * mirror it; asymmetric ones (`cknna`, `linreg-r2`, `pwcca`) compute both
 * orders. Each input is prepared once. Zero diagonal for distances.
 *
 * @param inputs Inputs of the measure's kind (response matrices, trials, time series, …).
 * @param opts `measure` (name or alias) and its options, `test`, `labels`, `width`, `workers`, `onProgress`.
 * @returns `{matrix, test, labels, columnLabels, measure, options, value, info}`, tagged `pairwiseDistances`.
 *
 * @example RBF CKA over three networks
 * ```ts
 * import { pairwiseMatrix } from "./engine.ts";
 * import assert from "node:assert/strict";
 * const A = [[1, 0], [0, 2], [3, 1], [1, 1]];
 * const B = A.map(([x, y]) => [y, -x]);
 * const C = [[0, 1], [2, 2], [1, 0], [3, 3]];
 * const r = await pairwiseMatrix([A, B, C], { measure: "rbf-cka", workers: 1 });
 * assert.ok(r.matrix.data[1]! < 1e-7);          // d(A, B): a rotated copy
 * assert.equal(r.matrix.data[2], r.matrix.data[6]); // symmetric
 * assert.equal(r.options.kernel, "rbf");
 * ```
 */
export async function pairwiseMatrix(
  inputs: readonly unknown[],
  opts: PairwiseMatrixOptions = {},
): Promise<Readonly<MeasureMatrix & { kind: string }>> {
  assertOptionsObject(opts, "Cannot compute pairwise distances");
  const c = collectInputs("pairwise", [inputs], opts, [opts.test], [opts.labels]);
  const { entries, hasTest, info } = await computeEntries(
    c,
    0,
    pairCount("pairwise", c.sizes, c.ordered),
    opts,
  );
  entries.push(...await selfSimilarities(c, opts));
  return result(c, fieldsOf(c, info), entries, hasTest);
}

/**
 * The KA×KB matrix of a measure from every input of one set to every input of another.
 *
 * @param setA First set (rows).
 * @param setB Second set (columns).
 * @param opts As {@link pairwiseMatrix}, with `test` and `labels` per set.
 * @returns The matrix, tagged `crossDistances`.
 *
 * @example One network against two
 * ```ts
 * import { crossMatrix } from "./engine.ts";
 * import assert from "node:assert/strict";
 * const A = [[1, 0], [0, 2], [3, 1], [1, 1]];
 * const r = await crossMatrix([A], [A, A.map(([x, y]) => [2 * x, y])], { measure: "procrustes", workers: 1 });
 * assert.deepEqual([r.matrix.rows, r.matrix.cols], [1, 2]);
 * assert.ok(r.matrix.data[0]! < 1e-12 && r.matrix.data[1]! > 0.01);
 * ```
 */
export async function crossMatrix(
  setA: readonly unknown[],
  setB: readonly unknown[],
  opts: CrossMatrixOptions = {},
): Promise<Readonly<MeasureMatrix & { kind: string }>> {
  assertOptionsObject(opts, "Cannot compute cross distances");
  const c = collectInputs("cross", [setA, setB], opts, opts.test ?? [], opts.labels ?? []);
  const { entries, hasTest, info } = await computeEntries(c, 0, pairCount("cross", c.sizes), opts);
  return result(c, fieldsOf(c, info), entries, hasTest);
}

/**
 * One shard of a matrix from validated inputs (see {@link collectInputs}).
 *
 * @param c Validated inputs.
 * @param shard `{index, count}` or text `k/n`, k in 0…n−1.
 * @param run Workers and progress.
 * @returns The shard (plain JSON, see `shard.ts`).
 *
 * @example Two shards of a 3-network matrix hold 1 and 2 pairs
 * ```ts
 * import { collectedShard } from "./engine.ts";
 * import { collectInputs } from "./collect.ts";
 * import assert from "node:assert/strict";
 * const nets = [[[1, 0], [0, 2], [3, 1]], [[0, 1], [2, 2], [1, 0]], [[1, 1], [0, 0], [2, 3]]];
 * const c = collectInputs("pairwise", [nets], { measure: "cka" }, [undefined], [undefined]);
 * const parts = [await collectedShard(c, "0/2", { workers: 1 }), await collectedShard(c, "1/2", { workers: 1 })];
 * assert.deepEqual(parts.map((p) => p.entries.length), [1, 2]);
 * ```
 */
export async function collectedShard(
  c: Collected,
  shard: ShardSpec | string,
  run: RunOptions,
): Promise<MatrixShard> {
  const spec = parseShard(shard);
  const [start, end] = shardRange(pairCount(c.mode, c.sizes, c.ordered), spec);
  const { entries, hasTest, info } = await computeEntries(c, start, end, run);
  const out: MatrixShard = {
    format: SHARD_FORMAT,
    version: SHARD_VERSION,
    mode: c.mode,
    sizes: c.sizes,
    ordered: c.ordered,
    shard: spec,
    fingerprint: fingerprint([c.fingerprint, spec.count]),
    measure: c.measure.name,
    options: c.recorded,
    value: c.measure.returns === "similarity" ? "similarity" : "distance",
    labels: c.labels,
    hasTest,
    info,
    entries,
    checksum: entriesChecksum(entries),
  };
  if (c.mode === "cross") out.columnLabels = c.columnLabels;
  // similarities: the first shard also carries the diagonal (self-similarities)
  const diagonal = spec.index === 0 ? await selfSimilarities(c, run) : [];
  if (diagonal.length > 0) {
    out.diagonal = diagonal;
    out.checksum = entriesChecksum([...entries, ...diagonal]);
  }
  return out;
}

/**
 * One shard of {@link pairwiseMatrix}: the pairs of shard `k` of `n` (a
 * contiguous range of the row-major pair list), as plain JSON for {@link mergeMatrixShards}.
 *
 * @param inputs As for {@link pairwiseMatrix}.
 * @param shard `{index, count}` or text `k/n`.
 * @param opts As for {@link pairwiseMatrix}.
 * @returns The shard.
 *
 * @example Merged shards equal the whole matrix
 * ```ts
 * import { mergeMatrixShards, pairwiseMatrix, matrixShard } from "./engine.ts";
 * import assert from "node:assert/strict";
 * const nets = [[[1, 0], [0, 2], [3, 1]], [[0, 1], [2, 2], [1, 0]], [[1, 1], [0, 0], [2, 3]]];
 * const opts = { measure: "permutation", workers: 1 };
 * const parts = [await matrixShard(nets, "1/2", opts), await matrixShard(nets, "0/2", opts)];
 * assert.deepEqual(mergeMatrixShards(parts).matrix.data, (await pairwiseMatrix(nets, opts)).matrix.data);
 * ```
 */
export async function matrixShard(
  inputs: readonly unknown[],
  shard: ShardSpec | string,
  opts: PairwiseMatrixOptions = {},
): Promise<MatrixShard> {
  assertOptionsObject(opts, "Cannot compute pairwise distances");
  return await collectedShard(
    collectInputs("pairwise", [inputs], opts, [opts.test], [opts.labels]),
    shard,
    opts,
  );
}

/**
 * One shard of {@link crossMatrix}.
 *
 * @param setA First set (rows).
 * @param setB Second set (columns).
 * @param shard `{index, count}` or text `k/n`.
 * @param opts As for {@link crossMatrix}.
 * @returns The shard.
 *
 * @example A single shard covering all pairs
 * ```ts
 * import { crossMatrixShard, mergeMatrixShards } from "./engine.ts";
 * import assert from "node:assert/strict";
 * const A = [[[1, 0], [0, 2], [3, 1]]], B = [[[0, 1], [2, 2], [1, 0]], [[1, 1], [0, 0], [2, 3]]];
 * const m = mergeMatrixShards([await crossMatrixShard(A, B, "0/1", { workers: 1 })]);
 * assert.deepEqual([m.matrix.rows, m.matrix.cols], [1, 2]);
 * ```
 */
export async function crossMatrixShard(
  setA: readonly unknown[],
  setB: readonly unknown[],
  shard: ShardSpec | string,
  opts: CrossMatrixOptions = {},
): Promise<MatrixShard> {
  assertOptionsObject(opts, "Cannot compute cross distances");
  return await collectedShard(
    collectInputs("cross", [setA, setB], opts, opts.test ?? [], opts.labels ?? []),
    shard,
    opts,
  );
}

/**
 * Verify shards (all `n` of them, any order; see `verifyShards`) and assemble the matrix.
 *
 * @param parts The shards.
 * @param names Names of the parts in errors (e.g. file names). @default "part k"
 * @returns The same result as the unsharded computation.
 *
 * @example Nothing to merge
 * ```ts
 * import { mergeMatrixShards } from "./engine.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => mergeMatrixShards([]), /Cannot merge shards: need at least one shard/);
 * ```
 */
export function mergeMatrixShards(
  parts: readonly MatrixShard[],
  names?: readonly string[],
): Readonly<MeasureMatrix & { kind: string }> {
  const { first, entries, info } = verifyShards(parts, names);
  for (const p of parts) if (p.diagonal) entries.push(...p.diagonal);
  return result(
    first,
    {
      labels: first.labels,
      columnLabels: first.columnLabels ?? first.labels,
      measure: first.measure,
      options: first.options,
      value: first.value,
      info,
    },
    entries,
    first.hasTest,
  );
}
