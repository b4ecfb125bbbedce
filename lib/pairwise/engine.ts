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
import { resolveOptions } from "../measures/all.ts";
import type { Measure, ResolvedOptions } from "../measures/types.ts";
import {
  type Mode,
  pairCount,
  pairsInRange,
  parseShard,
  shardRange,
  type ShardSpec,
} from "./pairs.ts";
import { type JobInput, type PreparedSlot, type RunOptions, runPairJob } from "./pool.ts";
import {
  assembleEntries,
  entriesChecksum,
  fingerprint,
  type MatrixShard,
  SHARD_FORMAT,
  SHARD_VERSION,
  verifyShards,
} from "./shard.ts";

/** How inputs are padded: each pair to its wider input, or all to the widest. */
export type WidthMode = "pair" | "common";

/** Engine options; every other key is an option of the measure (validated by the registry). */
export interface EngineOptions extends RunOptions {
  /** Measure name or alias. @default "linear" */
  measure?: string;
  /**
   * Measures that pad: pad each pair to its wider input (as a single comparison
   * does), or every input to the widest (`common`: each input prepared once).
   * @default "pair"
   */
  width?: WidthMode;
  /** Argument names of the inputs in errors. @default ["networks"] or ["setA", "setB"] */
  names?: readonly string[];
}

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
  /** Values: K×K (symmetric, zero diagonal) or KA×KB. */
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
}

const ENGINE_KEYS = new Set([
  "measure",
  "width",
  "names",
  "workers",
  "onProgress",
  "test",
  "labels",
]);

/** Validated inputs of a matrix computation. */
export interface Collected {
  /** Pairwise or cross. */
  mode: Mode;
  /** [K] or [KA, KB]. */
  sizes: number[];
  /** The measure. */
  measure: Measure;
  /** Its resolved options. */
  options: ResolvedOptions;
  /** Options that change the numbers (resolved + width). */
  recorded: Record<string, unknown>;
  /** All inputs (set A then set B). */
  inputs: JobInput[];
  /** Padding mode. */
  width: WidthMode;
  /** Row labels. */
  labels: string[];
  /** Column labels. */
  columnLabels: string[];
  /** Hash of inputs, measure and options (without the shard count). */
  fingerprint: string;
}

/**
 * Validate inputs, held-out parts, labels and options for a matrix computation.
 *
 * @param mode `pairwise` (one set) or `cross` (two sets).
 * @param sets The set(s) of inputs.
 * @param opts Engine and measure options.
 * @param testSets Held-out parts per set (or undefined).
 * @param labelSets Labels per set (or undefined).
 * @returns The validated inputs and their fingerprint.
 *
 * @example Inputs must share their stimuli
 * ```ts
 * import { collectInputs } from "./engine.ts";
 * import assert from "node:assert/strict";
 * assert.throws(
 *   () => collectInputs("pairwise", [[[[1], [2]], [[1]]]], {}, [undefined], [undefined]),
 *   /every network must have the same stimuli/,
 * );
 * ```
 */
export function collectInputs(
  mode: Mode,
  sets: readonly (readonly unknown[])[],
  opts: EngineOptions & Record<string, unknown>,
  testSets: readonly (readonly unknown[] | undefined)[],
  labelSets: readonly (readonly string[] | undefined)[],
): Collected {
  const context = mode === "pairwise"
    ? "Cannot compute pairwise distances"
    : "Cannot compute cross distances";
  const given: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(opts)) if (!ENGINE_KEYS.has(k)) given[k] = v;
  const { measure, options } = resolveOptions(opts.measure ?? "linear", given, context);
  const width = opts.width ?? "pair";
  if (width !== "pair" && width !== "common") {
    throw new RangeError(`${context}: \`width\` must be one of pair, common: got ${width}`);
  }
  const names = opts.names ?? (mode === "pairwise" ? ["networks"] : ["setA", "setB"]);
  const inputs: JobInput[] = [];
  const labels: string[][] = [];
  for (const [s, set] of sets.entries()) {
    const name = names[s]!;
    if (!Array.isArray(set) || set.length === 0) {
      throw new RangeError(
        `${context}: \`${name}\` must be a non-empty array of ${
          measure.input === "responses" ? "matrices" : "inputs"
        }`,
      );
    }
    const tests = testSets[s];
    if (tests !== undefined && !measure.heldOut) {
      throw new RangeError(
        `${context}: measure ${measure.name} does not take held-out \`test\` data`,
      );
    }
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
    for (const [i, x] of set.entries()) {
      const argName = `${name}[${i}]`;
      const train = measure.validate(x, argName, context);
      const test = tests ? measure.validate(tests[i], `test[${i}]`, context) : null;
      if (test !== null && measure.widthOf(test) !== measure.widthOf(train)) {
        throw new TypeError(
          `${context}: held-out rows of \`${argName}\` must have its ${
            measure.widthOf(train)
          } columns: got ${measure.widthOf(test)}`,
        );
      }
      inputs.push({ train, test, name: argName });
    }
  }
  const flatNames = inputs.map((n) => n.name);
  const first = inputs[0]!;
  const rows0 = measure.rowsOf(first.train);
  const shape = (x: unknown) => {
    const t = x as { rows?: number; cols?: number; shape?: number[] };
    return t.shape ? `[${t.shape.join(", ")}]` : `[${t.rows}, ${t.cols}]`;
  };
  for (const [g, net] of inputs.entries()) {
    const rows = measure.rowsOf(net.train);
    if (rows !== rows0) {
      throw new TypeError(
        `${context}: every network must have the same stimuli (rows): \`${
          flatNames[0]
        }\` has shape ${shape(first.train)} but \`${flatNames[g]}\` has ${shape(net.train)}`,
      );
    }
    if (
      net.test !== null && first.test !== null &&
      measure.rowsOf(net.test) !== measure.rowsOf(first.test)
    ) {
      throw new TypeError(
        `${context}: held-out rows must cover the same stimuli for every network: got ${
          measure.rowsOf(first.test)
        } and ${measure.rowsOf(net.test)} rows`,
      );
    }
    if (
      measure.padded && options.pad === false &&
      measure.widthOf(net.train) !== measure.widthOf(first.train)
    ) {
      throw new TypeError(
        `${context}: every network must have the same width when \`pad\` is false: \`${
          flatNames[0]
        }\` has ${measure.widthOf(first.train)} columns but \`${flatNames[g]}\` has ${
          measure.widthOf(net.train)
        }`,
      );
    }
  }
  const sizes = sets.map((s) => s.length);
  const recorded: Record<string, unknown> = { ...options };
  if (measure.padded) recorded.width = width;
  const columnLabels = labels[mode === "pairwise" ? 0 : 1]!;
  return {
    mode,
    sizes,
    measure,
    options,
    recorded,
    inputs,
    width,
    labels: labels[0]!,
    columnLabels,
    fingerprint: fingerprint([
      mode,
      sizes,
      measure.name,
      recorded,
      labels[0],
      columnLabels,
      inputs.map((n) => [n.train, n.test]),
    ]),
  };
}

/**
 * Compute the pairs [start, end) of the row-major pair list.
 *
 * @param c Validated inputs.
 * @param start First pair.
 * @param end One past the last pair.
 * @param run Workers and progress.
 * @returns Entries [i, j, value(, test)], whether held-out values are included, per-input info.
 *
 * @example One pair of proportional networks
 * ```ts
 * import { collectInputs, computeEntries } from "./engine.ts";
 * import assert from "node:assert/strict";
 * const c = collectInputs("pairwise", [[[[1], [2], [4]], [[2], [4], [8]]]], {}, [undefined], [undefined]);
 * const { entries } = await computeEntries(c, 0, 1, { workers: 1 });
 * assert.deepEqual(entries, [[0, 1, 0]]);
 * ```
 */
export async function computeEntries(
  c: Collected,
  start: number,
  end: number,
  run: RunOptions,
): Promise<
  { entries: number[][]; hasTest: boolean; info: (Record<string, number | string> | null)[] }
> {
  const pairs = pairsInRange(c.mode, c.sizes, start, end);
  const offsetB = c.mode === "cross" ? c.sizes[0]! : 0;
  const m = c.measure;
  const widths = c.inputs.map((n) => m.widthOf(n.train));
  const maxWidth = Math.max(...widths);
  const slotIndex = new Map<string, number>();
  const slots: PreparedSlot[] = [];
  const slotPairs = new Int32Array(pairs.length);
  for (let k = 0; k < pairs.length; k += 2) {
    const a = pairs[k]!, b = pairs[k + 1]! + offsetB;
    for (const [q, g] of [[0, a], [1, b]] as const) {
      const w = !m.padded
        ? widths[g]!
        : c.width === "common"
        ? maxWidth
        : Math.max(widths[a]!, widths[b]!);
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
  const value = m.returns === "similarity" ? "similarity" : "distance";
  const r = await runPairJob(
    { measure: m, options: c.options, inputs: c.inputs, slots, pairs: slotPairs, value },
    run,
  );
  const hasTest = c.inputs.every((n) => n.test !== null);
  const entries: number[][] = [];
  for (let k = 0; k < r.train.length; k++) {
    const e = [pairs[2 * k]!, pairs[2 * k + 1]!, r.train[k]!];
    if (hasTest) e.push(r.test[k]!);
    entries.push(e);
  }
  const info: (Record<string, number | string> | null)[] = c.inputs.map(() => null);
  slots.forEach((s, k) => {
    if (info[s.network] === null) info[s.network] = r.info[k] ?? null;
  });
  return { entries, hasTest, info };
}

function result(
  c: { mode: Mode; sizes: readonly number[] },
  fields: Omit<MeasureMatrix, "matrix" | "test">,
  entries: readonly (readonly number[])[],
  hasTest: boolean,
): Readonly<MeasureMatrix & { kind: string }> {
  const { train, test } = assembleEntries(c.mode, c.sizes, entries, hasTest);
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
 * The K×K matrix of a measure over all pairs of inputs (symmetric, zero diagonal).
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
  const c = collectInputs("pairwise", [inputs], opts, [opts.test], [opts.labels]);
  const { entries, hasTest, info } = await computeEntries(
    c,
    0,
    pairCount("pairwise", c.sizes),
    opts,
  );
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
 * import { collectInputs, collectedShard } from "./engine.ts";
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
  const [start, end] = shardRange(pairCount(c.mode, c.sizes), spec);
  const { entries, hasTest, info } = await computeEntries(c, start, end, run);
  const out: MatrixShard = {
    format: SHARD_FORMAT,
    version: SHARD_VERSION,
    mode: c.mode,
    sizes: c.sizes,
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
