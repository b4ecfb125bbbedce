/**
 * `compare --memory-budget SIZE` / `--stream`: inputs larger than the memory budget
 * are compared from statistics accumulated over row blocks
 * (`lib/metrics/streaming.ts`) instead of being loaded whole. Applies to the
 * linear family (every α), the permutation metric and linear CKA (biased
 * or debiased) on the training rows; data beyond the safe scale is brought
 * to unit scale by a power of two for scale-invariant measures, as in memory.
 *
 * @module
 */

import { notice, type OptionValue, UsageError } from "../command.ts";
import { openRowBlocks, type RowBlockReader } from "../../io/row_blocks.ts";
import { clippedArccos } from "../../metrics/angular.ts";
import {
  streamingLinearCKA,
  streamingLinearMetric,
  streamingLinearMetricHeldOut,
  streamingPairEntries,
  streamingPermutationMetric,
} from "../../metrics/streaming.ts";
import type { Matrix } from "../../linalg/matrix.ts";
import { assembleEntries } from "../../pairwise/shard.ts";
import { getMeasure } from "../../measures/all.ts";
import { pairCount, pairsInRange, parseShard, shardRange } from "../../pairwise/pairs.ts";
import {
  entriesChecksum,
  fingerprint,
  type MatrixShard,
  SHARD_FORMAT,
  SHARD_VERSION,
} from "../../pairwise/shard.ts";
import { inputLabel } from "../inputs.ts";
import { rowRanges } from "./metric_options.ts";
import { ECHO } from "./measure_inputs.ts";
import type { ResolvedOptions } from "../../measures/types.ts";

/** The options `compare` takes for streaming. */
export const STREAM_OPTIONS = {
  "memory-budget": { type: "string" },
  stream: { type: "boolean" },
} as const;

/** Help lines for {@link STREAM_OPTIONS}. */
export const STREAM_HELP =
  `  --memory-budget SIZE memory budget for the inputs (e.g. 2GiB, 512MiB; default half the
                       machine's memory): larger inputs are compared from statistics
                       accumulated over row blocks (linear, permutation, linear CKA
                       biased or debiased; held-out rows for linear; not RBF CKA,
                       whose kernel needs every pair of rows)
  --stream             compare from row blocks whatever the size`;

const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/**
 * Parse a memory size: a number of bytes with an optional unit (B, kB, MB,
 * GB, TB, KiB, MiB, GiB, TiB; case-insensitive).
 *
 * @param text The size, e.g. `"2GiB"`.
 * @returns Bytes.
 * @throws {UsageError} For anything else.
 *
 * @example
 * ```ts
 * import { parseMemory } from "./compare_stream.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseMemory("2GiB"), 2 * 2 ** 30);
 * assert.equal(parseMemory("1.5 GB"), 1.5e9);
 * ```
 */
export function parseMemory(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined || !(Number(m[1]) > 0)) {
    throw new UsageError(
      `--memory-budget must be a positive size such as 2GiB, 512MiB or 1000000000: got ${text}`,
    );
  }
  return Number(m[1]) * unit;
}

/** Half the machine's memory (2 GiB when it cannot be read). */
function defaultBudget(): number {
  try {
    return Deno.systemMemoryInfo().total / 2;
  } catch {
    return 2 * 2 ** 30;
  }
}

/** Why RBF CKA does not stream (also in the README's "Large data"). */
const RBF_REFUSAL =
  "RBF CKA cannot be streamed in bounded memory: its kernel needs every pair of rows (an n×n Gram matrix), not statistics accumulated over row blocks; run it in memory (without --stream, with a --memory-budget above the inputs' size)";

/** Why the comparison cannot stream, or null when it can. */
function unsupported(
  values: Record<string, OptionValue>,
  measure: string,
  options: ResolvedOptions,
): string | null {
  if (measure !== "linear" && measure !== "permutation" && measure !== "cka") {
    return `only the linear, permutation and cka measures can be computed from row blocks: got ${measure}`;
  }
  if (measure === "cka" && options.kernel !== "linear") {
    return `${RBF_REFUSAL}; only linear CKA (biased or debiased) can be computed from row blocks`;
  }
  if (values["test-rows"] !== undefined && measure !== "linear") {
    return "--test-rows streams for the linear family only (the others need the held-out rows in memory)";
  }
  return null;
}

/**
 * The training rows `[first, stop)` and held-out rows of a streamed run, which
 * must be contiguous ranges (row blocks are read in order): a usage error when
 * streaming was asked for, else null (the in-memory route takes the rows).
 */
function streamRanges(
  values: Record<string, OptionValue>,
  rows: number,
  explicit: boolean,
): { first: number; stop: number; test: number[] | null } | null {
  const { train, test } = rowRanges(values, rows);
  const contiguous = (r: number[]) => r.every((v, k) => v === r[0]! + k);
  if (!contiguous(train) || (test !== null && !contiguous(test))) {
    if (explicit) {
      throw new UsageError("--stream: --train-rows and --test-rows must be contiguous ranges a:b");
    }
    return null;
  }
  const first = train[0] ?? 0;
  return { first, stop: first + train.length, test };
}

/**
 * Whether `compare`/`pairwise` stream their files: `null` for the in-memory route (streaming
 * not asked for and the inputs within the memory budget, or not possible and not asked for),
 * else the row-block readers of every file (headers only) and how to open them again. Asked
 * for with `--stream`, what cannot stream is a usage error. `byDefault: false` streams only
 * when asked for or given an explicit budget.
 */
async function streamRoute(
  values: Record<string, OptionValue>,
  measure: string,
  options: ResolvedOptions,
  paths: readonly string[],
  keys: readonly (string | undefined)[],
  byDefault = true,
): Promise<
  {
    explicit: boolean;
    open: (k: number, o?: Parameters<typeof openRowBlocks>[1]) => Promise<RowBlockReader>;
    probe: RowBlockReader[];
  } | null
> {
  const explicit = !!values.stream;
  const budget = values["memory-budget"] !== undefined
    ? parseMemory(String(values["memory-budget"]))
    : defaultBudget();
  const why = unsupported(values, measure, options);
  if (why !== null) {
    if (explicit) throw new UsageError(`--stream: ${why}`);
    if (values["memory-budget"] !== undefined) {
      // the budget was asked for and cannot be kept: say so rather than ignore it
      notice(
        `--memory-budget ${
          values["memory-budget"]
        } does not apply here; this comparison runs in memory (${why.split(";")[0]})`,
      );
    }
    return null;
  }
  if (!explicit && !byDefault) return null;
  if (!explicit) {
    // a cheap bound first: files on disk hold at least 1/8 of their float64 size
    let onDisk = 0;
    for (const path of paths) {
      try {
        onDisk += Deno.statSync(path).size;
      } catch {
        return null; // the in-memory route names the file
      }
    }
    if (8 * onDisk <= budget) return null;
  }
  const open = (k: number, o: Parameters<typeof openRowBlocks>[1] = {}) =>
    openRowBlocks(paths[k]!, { ...o, ...(keys[k] !== undefined ? { key: keys[k] } : {}) });
  const probe: RowBlockReader[] = [];
  try {
    // headers only: the rows, columns and block size of every file, in order
    for (let k = 0; k < paths.length; k++) probe.push(await open(k));
  } catch (e) {
    if (!explicit) return null; // the in-memory route reads or names the problem
    if (e instanceof TypeError && /in row blocks/.test(e.message)) {
      throw new UsageError(`--stream: ${e.message}`);
    }
    throw e;
  }
  const bytes = probe.reduce((t, r) => t + 8 * r.rows * r.cols, 0);
  if (!explicit && bytes <= budget) return null;
  return { explicit, open, probe };
}

/**
 * Run `compare` from row blocks when asked (`--stream`) or when the inputs
 * exceed the memory budget (`--memory-budget`) and the comparison allows it; else
 * return null and the caller loads the inputs.
 *
 * @param values Parsed options (`--stream`, `--memory-budget`, `--train-rows`, `--test-rows`).
 * @param measure The chosen measure's standard name.
 * @param options Its resolved options (`resolveOptions`).
 * @param paths The two input files.
 * @param keys Their `--key`s.
 * @returns The JSON result (with `"streamed": true`), or null.
 * @throws {UsageError} For `--stream` with a comparison or format that cannot stream.
 *
 * @example Small inputs are left to the in-memory route
 * ```ts
 * import { compareStreaming } from "./compare_stream.ts";
 * import { writeNpy } from "../../io/npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { rows: 3, cols: 1, data: new Float64Array([1, 2, 4]) });
 * const none = [undefined, undefined];
 * const linear = { alpha: 1, score: "angular", center: true, pad: true };
 * assert.equal(await compareStreaming({}, "linear", linear, [path, path], none), null);
 * const cka = { kernel: "linear", debiased: false, center: true, threshold: 1 };
 * const r = await compareStreaming({ stream: true }, "cka", cka, [path, path], none);
 * assert.equal(r?.similarity, 1);
 * Deno.removeSync(path);
 * ```
 */
export async function compareStreaming(
  values: Record<string, OptionValue>,
  measure: string,
  options: ResolvedOptions,
  paths: readonly [string, string],
  keys: readonly (string | undefined)[],
): Promise<Record<string, unknown> | null> {
  const route = await streamRoute(values, measure, options, paths, keys);
  if (route === null) return null;
  const { explicit, open } = route;
  const [px, py] = route.probe as [RowBlockReader, RowBlockReader];
  if (px.rows !== py.rows) {
    throw new TypeError(
      `Cannot compare: \`X\` and \`Y\` must have the same number of rows (stimuli): got shapes [${px.rows}, ${px.cols}] and [${py.rows}, ${py.cols}]`,
    );
  }
  const ranges = streamRanges(values, px.rows, explicit);
  if (ranges === null) return null;
  const { first, stop, test } = ranges;
  const blockRows = Math.max(1, Math.floor((4 << 20) / Math.max(px.cols, py.cols, 1)));
  const rx = await open(0, { rows: [first, stop], blockRows });
  const ry = await open(1, { rows: [first, stop], blockRows });
  const head = { metric: measure, ...(ECHO[measure]?.(options) ?? options) };
  const center = options.center !== false;
  const score = options.score === "euclidean" ? "euclidean" : "angular";
  const pad = options.pad !== false;
  if (test !== null) {
    const span: [number, number] = [test[0]!, test[0]! + test.length];
    const tx = await open(0, { rows: span, blockRows }),
      ty = await open(1, { rows: span, blockRows });
    const alpha = Number(options.alpha);
    try {
      const r = await streamingLinearMetricHeldOut(rx, ry, tx, ty, { alpha, score, center, pad });
      return { ...head, distance: r.test, train_distance: r.train, streamed: true };
    } catch (e) {
      // data beyond the safe scale: the in-memory route rescales training and held-out rows together
      if (!explicit && e instanceof RangeError && /outside \[/.test(e.message)) return null;
      throw e;
    }
  }
  // as in memory (lib/measures/scale.ts): data that would over- or underflow is
  // brought to unit scale by a power of two when the measure does not depend on scale
  const rescale = getMeasure(measure).measure.properties(options).invariances.isotropicScale;
  if (measure === "linear") {
    const alpha = Number(options.alpha);
    const distance = await streamingLinearMetric(rx, ry, { alpha, score, center, pad, rescale });
    return { ...head, distance, streamed: true };
  }
  if (measure === "permutation") {
    const distance = await streamingPermutationMetric(rx, ry, { score, center, pad, rescale });
    return { ...head, distance, streamed: true };
  }
  const debiased = options.debiased === true;
  const similarity = await streamingLinearCKA(rx, ry, { center, debiased, rescale });
  return { ...head, similarity, distance: clippedArccos(similarity), streamed: true };
}

/** A pairwise matrix computed from row blocks ({@link pairwiseStreaming}). */
export interface StreamedMatrix {
  /** K×K distances. */
  matrix: Matrix;
  /** K×K held-out distances (`--test-rows`), or null. */
  test: Matrix | null;
  /** The options as `pairwise` reports them (the resolved options, plus `width`). */
  options: Record<string, unknown>;
}

/** One shard of a streamed pairwise matrix (`--shard k/n`, {@link pairwiseStreaming}). */
export interface StreamedShard {
  /** The shard, in the format of `pairwise --shard` (`lib/pairwise/shard.ts`). */
  shard: MatrixShard;
  /** The options as `pairwise` reports them. */
  options: Record<string, unknown>;
}

/**
 * Run `pairwise` from row blocks when asked (`--stream`) or when the inputs
 * exceed the memory budget and the measure allows it (linear family,
 * permutation, linear CKA biased or debiased; training rows, and held-out
 * rows for the linear family): one pass over every file in step, each
 * network's statistics serving all its pairs (`streamingPairEntries`), and one
 * over the held-out rows with `--test-rows`. With `--shard k/n` only that
 * shard's pairs are computed, reading only the files they name, and the
 * result is the shard (the format `pairwise-merge` reads). Else returns null
 * and the caller loads the inputs.
 *
 * @param values Parsed options (`--stream`, `--memory-budget`, `--train-rows`, `--test-rows`, `--shard`, `--out`).
 * @param measure The chosen measure's standard name.
 * @param options Its resolved options (`resolveOptions`).
 * @param width Padding of the linear family: per pair or to the widest network.
 * @param paths The input files.
 * @param keys Their `--key`s.
 * @returns The matrix (and held-out matrix) with the reported options, the shard, or null.
 * @throws {UsageError} For `--stream` with a comparison or format that cannot stream.
 *
 * @example Three networks, streamed on request
 * ```ts
 * import { pairwiseStreaming } from "./compare_stream.ts";
 * import { writeNpy } from "../../io/npy.ts";
 * import assert from "node:assert/strict";
 * const dir = Deno.makeTempDirSync();
 * const paths = [[1, 2, 4, 3], [2, 1, 5, 5], [0, 3, 1, 2]].map((v, k) => {
 *   writeNpy(`${dir}/n${k}.npy`, { rows: 4, cols: 1, data: new Float64Array(v) });
 *   return `${dir}/n${k}.npy`;
 * });
 * const cka = { kernel: "linear", debiased: false, center: true, threshold: 1 };
 * const r = await pairwiseStreaming({ stream: true }, "cka", cka, "pair", paths, [, , ,]);
 * assert.ok(r !== null && "matrix" in r);
 * assert.equal(r.matrix.rows, 3);
 * assert.equal(r.matrix.data[0], 0);
 * // one shard of two: its pairs, in the format `pairwise-merge` reads
 * const part = await pairwiseStreaming(
 *   { stream: true, shard: "1/2", out: "p.json" }, "cka", cka, "pair", paths, [, , ,],
 * );
 * assert.ok(part !== null && "shard" in part);
 * assert.deepEqual(part.shard.entries.map(([i, j]) => [i, j]), [[0, 2], [1, 2]]);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export async function pairwiseStreaming(
  values: Record<string, OptionValue>,
  measure: string,
  options: ResolvedOptions,
  width: "pair" | "common",
  paths: readonly string[],
  keys: readonly (string | undefined)[],
): Promise<StreamedMatrix | StreamedShard | null> {
  // every task of a job array must take the same route (streamed and in-memory shards differ
  // in their fingerprints and last bits): shards stream only by --stream or an explicit budget,
  // never by the default budget, which depends on each machine's memory
  const byDefault = values.shard === undefined || values["memory-budget"] !== undefined;
  const route = await streamRoute(values, measure, options, paths, keys, byDefault);
  if (route === null) return null;
  const { explicit, open, probe } = route;
  const p0 = probe[0]!;
  for (const [k, r] of probe.entries()) {
    if (r.rows !== p0.rows) {
      throw new TypeError(
        `Cannot compute pairwise distances: every network must have the same stimuli (rows): ${
          paths[0]
        } has shape [${p0.rows}, ${p0.cols}] but ${paths[k]} has [${r.rows}, ${r.cols}]`,
      );
    }
  }
  const ranges = streamRanges(values, p0.rows, explicit);
  if (ranges === null) return null;
  const { first, stop, test } = ranges;
  // blocks of all files together about 64 MiB (at least 256 rows, for the gemms); from every
  // file's columns, so that a shard reading some of the files cuts the same blocks
  const sumCols = probe.reduce((s, r) => s + r.cols, 0);
  const blockRows = Math.max(256, Math.floor((8 << 20) / Math.max(sumCols, 1)));
  const K = paths.length;
  let pairs: [number, number][] | undefined;
  let spec: { index: number; count: number } | undefined;
  if (values.shard !== undefined) {
    if (values.out === undefined) {
      throw new UsageError("--shard needs --out for the partial result");
    }
    try {
      spec = parseShard(String(values.shard));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const flat = pairsInRange("pairwise", [K], ...shardRange(pairCount("pairwise", [K]), spec));
    pairs = [];
    for (let k = 0; k < flat.length; k += 2) pairs.push([flat[k]!, flat[k + 1]!]);
  }
  // only the files the pairs name are opened for reading
  const needed = new Set(pairs === undefined ? paths.keys() : pairs.flat());
  const lazy = async (span: [number, number]) =>
    await Promise.all(
      paths.map((_, k) =>
        needed.has(k) ? open(k, { rows: span, blockRows }) : Promise.resolve(probe[k]!)
      ),
    );
  const readers = await lazy([first, stop]);
  const testReaders = test === null ? undefined : await lazy([test[0]!, test[0]! + test.length]);
  const rescale = testReaders === undefined &&
    getMeasure(measure).measure.properties(options).invariances.isotropicScale;
  const center = options.center !== false;
  const score = options.score === "euclidean" ? "euclidean" : "angular";
  const pad = options.pad !== false;
  const padded = getMeasure(measure).measure.padded;
  const reported = { ...options, ...(padded ? { width } : {}) };
  let entries: number[][];
  try {
    entries = await streamingPairEntries(readers, {
      metric: measure as "linear" | "cka" | "permutation",
      center,
      rescale,
      ...(measure === "cka" ? { debiased: options.debiased === true } : { score, pad, width }),
      ...(measure === "linear" ? { alpha: Number(options.alpha) } : {}),
      ...(pairs !== undefined ? { pairs } : {}),
      ...(testReaders !== undefined ? { test: testReaders } : {}),
    });
  } catch (e) {
    // held-out data beyond the safe scale: the in-memory route rescales training and held-out rows together
    if (
      !explicit && testReaders !== undefined && e instanceof RangeError &&
      /outside \[/.test(e.message)
    ) return null;
    throw e;
  }
  if (spec === undefined) {
    const m = assembleEntries("pairwise", [K], entries, test !== null);
    return { matrix: m.train, test: m.test, options: reported };
  }
  const labels = paths.map(inputLabel);
  const sizes = [K];
  // what determines the numbers: the files (as opened: shape, size on disk, key), the rows,
  // the measure and its options; streamed shards merge only with streamed shards
  const files = probe.map((r, k) => {
    let size = -1;
    try {
      size = Deno.statSync(paths[k]!).size;
    } catch { /* not a plain file */ }
    return [r.source, r.rows, r.cols, size, keys[k] ?? null];
  });
  const shard: MatrixShard = {
    format: SHARD_FORMAT,
    version: SHARD_VERSION,
    mode: "pairwise",
    sizes,
    ordered: false, // the streamed measures (linear, cka, permutation) are symmetric
    shard: spec,
    fingerprint: fingerprint([
      "streamed",
      "pairwise",
      sizes,
      measure,
      reported,
      labels,
      files,
      [first, stop],
      test === null ? null : [test[0]!, test[0]! + test.length],
      spec.count,
    ]),
    measure,
    options: reported,
    value: "distance",
    labels,
    hasTest: test !== null,
    info: labels.map(() => null),
    entries,
    checksum: entriesChecksum(entries),
  };
  return { shard, options: reported };
}
