/**
 * DSA matrices over many systems: one DMD per system (cached), pairs scored
 * in-process or on Web Workers, optionally split into shards that can run on
 * different machines and be merged afterwards.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { tagResult } from "../result.ts";
import { assertInteger } from "../validate/mod.ts";
import type { TimeSeriesLike } from "./data.ts";
import { type DmdFit, type DmdOptions, fitDmd } from "./dmd.ts";
import { omitDmdOptions, pickDmdOptions } from "./dmd_options.ts";
import { type DsaScore, type DsaScoreOptions, scoreOperators } from "./dsa.ts";
import { type PreparedOperator, prepareOperator } from "./prepared.ts";
import { distanceFromPrepared } from "./similarity.ts";
import { parseShard, type ShardSpec } from "../multiset/shard.ts";

// Adds this file\'s result kinds to `ResultKinds` (the typed renderer registry, lib/result.ts).
declare module "../result.ts" {
  interface ResultKinds {
    dsaMatrix: DsaMatrix;
  }
}

/** Options for {@link dsaPairwise} and {@link dsaCross}. */
export interface DsaPairwiseOptions extends DmdOptions, DsaScoreOptions {
  /** Web Workers scoring pairs in parallel (1 = in this thread). @default 1 */
  workers?: number;
  /**
   * Compute only shard k of n (`"k/n"` with k in 0…n−1, as everywhere in the
   * package, or `{index, count}`): pair p (in row-major order of the upper
   * triangle, or of the whole matrix for cross matrices) belongs to shard
   * p mod n. Other entries are NaN. @default "0/1"
   */
  shard?: string | ShardSpec;
  /** Called after each scored pair with (done, total). @default undefined */
  onProgress?: (done: number, total: number) => void;
}

/** A DSA matrix. */
export interface DsaMatrix {
  /** Distances [K, L] (K = L and symmetric with a zero diagonal for pairwise); NaN where another shard computes. */
  matrix: Matrix;
  /** Which score. */
  score: DsaScore;
  /** DMD rank of each system of the first set (then of the second set, for cross matrices). */
  ranks: number[];
  /** Number of pairs scored here. */
  pairs: number;
  /** The shard computed, `"k/n"` (0-based k). */
  shard: string;
}

/** A job: entry (i, j) of the matrix from operators a and b. */
interface Job {
  i: number;
  j: number;
  a: number;
  b: number;
}

function isFit(x: unknown): x is DmdFit {
  return typeof x === "object" && x !== null && "Av" in x && "rank" in x;
}

function scoreOnly(options: DsaPairwiseOptions): DsaScoreOptions {
  const { workers: _workers, shard: _shard, onProgress: _onProgress, ...rest } = omitDmdOptions(
    options,
  );
  return rest;
}

/**
 * Per-operator preparation for the similarity-transform scores when all the
 * operators involved have one size (the common case): each is analysed once
 * instead of once per pair. Null when it does not apply.
 */
function prepareAll(
  operators: Matrix[],
  jobs: Job[],
  scoring: DsaScoreOptions,
): (PreparedOperator | null)[] | null {
  if ((scoring.score ?? "angular") === "wasserstein") return null;
  const used = new Set(jobs.flatMap((j) => [j.a, j.b]));
  const sizes = new Set([...used].map((i) => operators[i]!.rows));
  if (sizes.size !== 1) return null;
  return operators.map((A, i) => (used.has(i) ? prepareOperator(A, `systems[${i}]`) : null));
}

/**
 * Score one pair of a DSA matrix from prepared operators when available, else
 * from the raw ones (the Wasserstein score, or operators of different sizes).
 *
 * @param operators Raw operators.
 * @param prepared Prepared operators (same indices) or null.
 * @param a Index of the first operator.
 * @param b Index of the second operator.
 * @param scoring Score and search options.
 * @returns The distance.
 *
 * @example
 * ```ts
 * import { scoreJob } from "./pairwise.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const ops = [fromRows([[0.9, 0], [0, 0.5]]), fromRows([[0.5, 0], [0, 0.9]])];
 * assert.ok(scoreJob(ops, null, 0, 1, { score: "euclidean" }) < 1e-12);
 * ```
 */
export function scoreJob(
  operators: Matrix[],
  prepared: (PreparedOperator | null)[] | null,
  a: number,
  b: number,
  scoring: DsaScoreOptions,
): number {
  if (prepared) {
    const { score: _score, ...search } = scoring;
    return distanceFromPrepared(prepared[a]!, prepared[b]!, {
      ...search,
      score: scoring.score === "euclidean" ? "euclidean" : "angular",
    }).distance;
  }
  return scoreOperators(operators[a]!, operators[b]!, scoring).distance;
}

async function runJobs(
  operators: Matrix[],
  jobs: Job[],
  options: DsaPairwiseOptions,
  out: Float64Array,
  cols: number,
  symmetric: boolean,
): Promise<void> {
  const { workers = 1, onProgress } = options;
  assertInteger(workers, "workers", 1, 256, "Cannot compute DSA matrix");
  const scoring = scoreOnly(options);
  const prepared = prepareAll(operators, jobs, scoring);
  const put = (job: Job, d: number) => {
    out[job.i * cols + job.j] = d;
    if (symmetric) out[job.j * cols + job.i] = d;
  };
  let done = 0;
  if (workers === 1 || jobs.length <= 1) {
    for (const job of jobs) {
      put(job, scoreJob(operators, prepared, job.a, job.b, scoring));
      onProgress?.(++done, jobs.length);
    }
    return;
  }
  const url = new URL("./pairwise_worker.ts", import.meta.url).href;
  const pool = Array.from(
    { length: Math.min(workers, jobs.length) },
    () => new Worker(url, { type: "module" }),
  );
  const backend = getBackend().name;
  let next = 0;
  try {
    await Promise.all(pool.map((w) =>
      new Promise<void>((resolve, reject) => {
        const send = () => {
          if (next >= jobs.length) {
            resolve();
            return;
          }
          const id = next++;
          w.postMessage({ type: "job", id, a: jobs[id]!.a, b: jobs[id]!.b });
        };
        w.onmessage = (e: MessageEvent) => {
          const msg = e.data as { type: string; id?: number; distance?: number; message?: string };
          if (msg.type === "error") {
            reject(new Error(msg.message));
            return;
          }
          put(jobs[msg.id!]!, msg.distance!);
          onProgress?.(++done, jobs.length);
          send();
        };
        w.onerror = (e: ErrorEvent) => {
          e.preventDefault();
          reject(new Error(`DSA worker failed: ${e.message}`));
        };
        w.postMessage({ type: "init", backend, operators, prepared, options: scoring });
        send();
      })
    ));
  } finally {
    for (const w of pool) w.terminate();
  }
}

function fitsFor(
  systems: readonly (TimeSeriesLike | DmdFit)[],
  needed: Set<number>,
  dmd: DmdOptions,
  name: string,
): (DmdFit | null)[] {
  return systems.map((s, i) => {
    if (!needed.has(i)) return null;
    if (isFit(s)) return s;
    try {
      return fitDmd(s, dmd);
    } catch (e) {
      const err = e as Error;
      const Ctor = err instanceof TypeError ? TypeError : RangeError;
      throw new Ctor(`${err.message} (in \`${name}[${i}]\`)`);
    }
  });
}

/**
 * The DSA distance matrix among K systems: each system's DMD is fitted once,
 * then every pair i < j is scored (the matrix is symmetric with a zero
 * diagonal). Systems may also be given as already-fitted DMD models.
 *
 * @param systems Data sets (any layout `fitDmd` accepts) or DMD fits.
 * @param options DMD options, score options, `workers`, `shard`, `onProgress`.
 * @returns The matrix and bookkeeping (tagged `"dsaMatrix"`).
 *
 * @example Three systems, one a rotated copy of another
 * ```ts
 * import { dsaPairwise } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const make = (w: number, rot: number) => {
 *   const X: number[][] = [];
 *   for (let t = 0; t < 80; t++) {
 *     const p = [Math.cos(w * t) * Math.exp(-0.02 * t), Math.sin(0.5 * w * t)];
 *     X.push([Math.cos(rot) * p[0]! - Math.sin(rot) * p[1]!, Math.sin(rot) * p[0]! + Math.cos(rot) * p[1]!]);
 *   }
 *   return X;
 * };
 * const { matrix } = await dsaPairwise([make(0.3, 0), make(0.3, 1), make(0.7, 0)], { nDelays: 3, rank: 4 });
 * assert.ok(matrix.data[1]! < 1e-6); // entry (0, 1)
 * assert.ok(matrix.data[2]! > 0.05); // entry (0, 2)
 * ```
 */
export async function dsaPairwise(
  systems: readonly (TimeSeriesLike | DmdFit)[],
  options: DsaPairwiseOptions = {},
): Promise<DsaMatrix> {
  const context = "Cannot compute DSA matrix";
  if (!Array.isArray(systems) || systems.length < 2) {
    throw new RangeError(
      `${context}: \`systems\` must list at least 2 systems: got ${
        Array.isArray(systems) ? systems.length : typeof systems
      }`,
    );
  }
  const { shard = "0/1", score = "angular" } = options;
  const { index: k, count } = parseShard(shard);
  const K = systems.length;
  const jobs: Job[] = [];
  let p = 0;
  for (let i = 0; i < K; i++) {
    for (let j = i + 1; j < K; j++, p++) if (p % count === k) jobs.push({ i, j, a: i, b: j });
  }
  const needed = new Set(jobs.flatMap((job) => [job.a, job.b]));
  const fits = fitsFor(systems, needed, pickDmdOptions(options), "systems");
  const operators = fits.map((f) => f?.Av ?? { rows: 0, cols: 0, data: new Float64Array(0) });
  const out = new Float64Array(K * K).fill(NaN);
  for (let i = 0; i < K; i++) out[i * K + i] = 0;
  await runJobs(operators, jobs, options, out, K, true);
  return tagResult("dsaMatrix", {
    matrix: { rows: K, cols: K, data: out },
    score,
    ranks: fits.map((f) => f?.rank ?? NaN),
    pairs: jobs.length,
    shard: `${k}/${count}`,
  });
}

/**
 * The DSA distance matrix between two sets of systems, entry (i, j) comparing
 * `xs[i]` with `ys[j]`. Each system's DMD is fitted once.
 *
 * @param xs First set (data or DMD fits).
 * @param ys Second set.
 * @param options As {@link dsaPairwise}.
 * @returns The [K, L] matrix (tagged `"dsaMatrix"`).
 *
 * @example
 * ```ts
 * import { dsaCross } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const wave = (w: number) => Array.from({ length: 60 }, (_, t) => [Math.cos(w * t), Math.sin(w * t)]);
 * const { matrix } = await dsaCross([wave(0.2)], [wave(0.2), wave(0.6)], { score: "wasserstein" });
 * assert.deepEqual([matrix.rows, matrix.cols], [1, 2]);
 * assert.ok(matrix.data[0]! < 1e-12 && matrix.data[1]! > 0.1);
 * ```
 */
export async function dsaCross(
  xs: readonly (TimeSeriesLike | DmdFit)[],
  ys: readonly (TimeSeriesLike | DmdFit)[],
  options: DsaPairwiseOptions = {},
): Promise<DsaMatrix> {
  const context = "Cannot compute DSA matrix";
  for (const [list, name] of [[xs, "xs"], [ys, "ys"]] as const) {
    if (!Array.isArray(list) || list.length < 1) {
      throw new RangeError(
        `${context}: \`${name}\` must list at least 1 system: got ${
          Array.isArray(list) ? 0 : typeof list
        }`,
      );
    }
  }
  const { shard = "0/1", score = "angular" } = options;
  const { index: k, count } = parseShard(shard);
  const K = xs.length, L = ys.length;
  const jobs: Job[] = [];
  let p = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < L; j++, p++) if (p % count === k) jobs.push({ i, j, a: i, b: K + j });
  }
  const neededX = new Set(jobs.map((job) => job.a)),
    neededY = new Set(jobs.map((job) => job.b - K));
  const dmd = pickDmdOptions(options);
  const fits = [...fitsFor(xs, neededX, dmd, "xs"), ...fitsFor(ys, neededY, dmd, "ys")];
  const operators = fits.map((f) => f?.Av ?? { rows: 0, cols: 0, data: new Float64Array(0) });
  const out = new Float64Array(K * L).fill(NaN);
  await runJobs(operators, jobs, options, out, L, false);
  return tagResult("dsaMatrix", {
    matrix: { rows: K, cols: L, data: out },
    score,
    ranks: fits.map((f) => f?.rank ?? NaN),
    pairs: jobs.length,
    shard: `${k}/${count}`,
  });
}
