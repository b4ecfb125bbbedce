/**
 * Running a pair job — prepare each input once, then every pair — in the
 * calling thread or on one pool of Web Workers, for any registered measure.
 *
 * Protocol: each worker is started with the main thread's linear-algebra
 * backend and the measure's name and resolved options (it looks the measure
 * up in the registry); inputs are prepared by whichever worker is free, the
 * prepared data comes back and is moved into SharedArrayBuffers, then shared
 * (not copied) with every worker; pairs go out in small chunks to whichever
 * worker is free. Each pair is computed by the same `compare` on the same
 * prepared data with single-threaded BLAS (set for the duration of the job in
 * this thread, and always in the workers), so the results are bit-identical
 * for any number of workers.
 *
 * @module
 */

import { getBackend } from "../linalg/backend.ts";
import type { Measure, ResolvedOptions } from "../measures/types.ts";
import type { WorkerReply, WorkerRequest } from "./worker.ts";
import type { TaskReply, TaskRequest } from "./task_worker.ts";

/** One input and its optional held-out part. */
export interface JobInput {
  /** The validated input. */
  train: unknown;
  /** Held-out part, or null. */
  test: unknown;
  /** Argument name for errors. */
  name: string;
}

/** A prepared slot: which input, at which padded width. */
export interface PreparedSlot {
  /** Index into the job's inputs. */
  network: number;
  /** Padded width (measures that pad; else the input's own width). */
  width: number;
}

/** Everything a pair computation needs. */
export interface PairJob {
  /** The measure. */
  measure: Measure;
  /** Its resolved options. */
  options: ResolvedOptions;
  /** All inputs of the job. */
  inputs: readonly JobInput[];
  /** Inputs to prepare, at their widths. */
  slots: readonly PreparedSlot[];
  /** Flat [a0, b0, a1, b1, …] slot indices of the pairs to compute. */
  pairs: Int32Array;
  /** `distance` or `similarity`: which value of each comparison to keep. */
  value: "distance" | "similarity";
}

/** Progress of a running job. */
export interface DistanceProgress {
  /** `prepare` (per-input work) or `pairs`. */
  phase: "prepare" | "pairs";
  /** Items finished. */
  done: number;
  /** Items in this phase. */
  total: number;
}

/** Options for {@link runPairJob}. */
export interface RunOptions {
  /**
   * Number of workers; 1 (or a single pair) computes in the calling thread.
   * @default navigator.hardwareConcurrency, or 1 for jobs too small to repay starting workers (see {@link autoWorkers})
   */
  workers?: number;
  /** Called after each prepared input and each chunk of pairs. */
  onProgress?: (progress: DistanceProgress) => void;
}

/** What a job returns. */
export interface PairJobResult {
  /** Value per pair, in the order of `job.pairs`. */
  train: Float64Array;
  /** Held-out value per pair (NaN when absent). */
  test: Float64Array;
  /** Per-slot info from `measure.info` (or null). */
  info: (Record<string, number | string> | null)[];
}

function defaultThreads(): number {
  let env: string | undefined;
  try {
    env = Deno.env.get("OPENBLAS_NUM_THREADS") ?? Deno.env.get("OMP_NUM_THREADS");
  } catch {
    env = undefined;
  }
  const n = Number(env);
  return Number.isInteger(n) && n > 0 ? n : navigator.hardwareConcurrency;
}

/**
 * Prepare one slot of a job.
 *
 * @param job The job.
 * @param slot The slot.
 * @returns The prepared input.
 *
 * @example
 * ```ts
 * import { prepareSlot } from "./pool.ts";
 * import { resolveOptions } from "../measures/all.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { measure, options } = resolveOptions("linear");
 * const job = { measure, options, inputs: [{ train: fromRows([[1], [3]]), test: null, name: "X" }], slots: [], pairs: new Int32Array(0), value: "distance" as const };
 * const p = prepareSlot(job, { network: 0, width: 2 }) as { phi: { data: Float64Array } };
 * assert.deepEqual(Array.from(p.phi.data), [-1, 0, 1, 0]);
 * ```
 */
export function prepareSlot(job: PairJob, slot: PreparedSlot): unknown {
  const input = job.inputs[slot.network]!;
  return job.measure.prepare(input.train, job.options, {
    width: slot.width,
    test: input.test,
    name: input.name,
  });
}

/**
 * Compare a flat list of pairs `[a0, b0, a1, b1, …]` of prepared slots: the
 * loop shared by the calling thread and every worker.
 *
 * @param measure The measure.
 * @param options Its resolved options.
 * @param prepared Prepared slots.
 * @param pairs Flat slot pairs.
 * @param value Which value to keep.
 * @param onPair Called after each pair with the number done.
 * @returns Values and held-out values (NaN when absent) per pair.
 *
 * @example Two pairs
 * ```ts
 * import { comparePairs } from "./pool.ts";
 * import { resolveOptions } from "../measures/all.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { measure, options } = resolveOptions("permutation", { score: "euclidean" });
 * const ctx = { width: 2, test: null, name: "X" };
 * const a = measure.prepare(fromRows([[1, 0], [0, 2], [3, 3]]), options, ctx);
 * const b = measure.prepare(fromRows([[0, 1], [2, 0], [3, 3]]), options, ctx);
 * const { train } = comparePairs(measure, options, [a, b], Int32Array.from([0, 1, 0, 0]), "distance");
 * assert.deepEqual(Array.from(train), [0, 0]);
 * ```
 */
export function comparePairs(
  measure: Measure,
  options: ResolvedOptions,
  prepared: readonly unknown[],
  pairs: Int32Array,
  value: "distance" | "similarity",
  onPair?: (done: number) => void,
): { train: Float64Array; test: Float64Array } {
  const m = pairs.length / 2;
  const train = new Float64Array(m), test = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const r = measure.compare(prepared[pairs[2 * k]!]!, prepared[pairs[2 * k + 1]!]!, options);
    train[k] = (value === "distance" ? r.distance : r.similarity) ?? NaN;
    test[k] = (value === "distance" ? r.testDistance : r.testSimilarity) ?? NaN;
    onPair?.(k + 1);
  }
  return { train, test };
}

function runInline(job: PairJob, onProgress?: RunOptions["onProgress"]): PairJobResult {
  const prepared: unknown[] = [];
  for (const [k, s] of job.slots.entries()) {
    prepared.push(prepareSlot(job, s));
    onProgress?.({ phase: "prepare", done: k + 1, total: job.slots.length });
  }
  const m = job.pairs.length / 2;
  const step = Math.max(1, Math.floor(m / 100));
  const { train, test } = comparePairs(
    job.measure,
    job.options,
    prepared,
    job.pairs,
    job.value,
    (done) => {
      if (done % step === 0 || done === m) onProgress?.({ phase: "pairs", done, total: m });
    },
  );
  return { train, test, info: prepared.map((p) => job.measure.info?.(p) ?? null) };
}

function rebuildError(reply: { name: string; message: string }): Error {
  const Ctor = reply.name === "TypeError"
    ? TypeError
    : reply.name === "RangeError"
    ? RangeError
    : Error;
  return new Ctor(reply.message);
}

/**
 * Copy every typed array inside plain data into shared memory, so that posting
 * it to workers shares it instead of copying it once per worker.
 *
 * @param x Plain data.
 * @returns The same structure with SharedArrayBuffer-backed typed arrays.
 *
 * @example
 * ```ts
 * import { shareData } from "./pool.ts";
 * import assert from "node:assert/strict";
 * const s = shareData({ a: [new Float64Array([1, 2])], n: 3 }) as { a: Float64Array[]; n: number };
 * assert.ok(s.a[0]!.buffer instanceof SharedArrayBuffer);
 * assert.deepEqual([Array.from(s.a[0]!), s.n], [[1, 2], 3]);
 * ```
 */
export function shareData(x: unknown): unknown {
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    const t = x as unknown as Float64Array;
    const Ctor = t.constructor as Float64ArrayConstructor;
    const out = new Ctor(new SharedArrayBuffer(t.byteLength));
    out.set(t);
    return out;
  }
  if (Array.isArray(x)) return x.map(shareData);
  if (typeof x === "object" && x !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = shareData(v);
    return out;
  }
  return x;
}

/** Hand out `count` jobs to whichever worker is free; resolves when all replied. */
function dispatch(
  pool: Worker[],
  count: number,
  send: (w: Worker, job: number) => void,
  receive: (reply: WorkerReply) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0, done = 0, failed = false;
    if (count === 0) return resolve();
    for (const w of pool) {
      w.onmessage = (e: MessageEvent<WorkerReply>) => {
        if (failed) return;
        const reply = e.data;
        if (reply.type === "error") {
          failed = true;
          return reject(rebuildError(reply));
        }
        receive(reply);
        done++;
        if (done === count) return resolve();
        if (next < count) send(w, next++);
      };
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        failed = true;
        reject(new Error(`Pairwise worker failed: ${e.message}`));
      };
      if (next < count) send(w, next++);
    }
  });
}

async function runWorkers(
  job: PairJob,
  nWorkers: number,
  onProgress?: RunOptions["onProgress"],
): Promise<PairJobResult> {
  const url = new URL("./worker.ts", import.meta.url).href;
  const pool = Array.from({ length: nWorkers }, () => new Worker(url, { type: "module" }));
  try {
    const init: WorkerRequest = {
      type: "init",
      backend: getBackend().name,
      measure: job.measure.name,
      options: job.options,
      value: job.value,
    };
    await dispatch(pool, pool.length, (w) => w.postMessage(init), () => {});
    const prepared: unknown[] = new Array(job.slots.length);
    const info: (Record<string, number | string> | null)[] = new Array(job.slots.length);
    let prepDone = 0;
    await dispatch(
      pool,
      job.slots.length,
      (w, k) => {
        const s = job.slots[k]!, input = job.inputs[s.network]!;
        w.postMessage(
          {
            type: "prepare",
            job: k,
            input: input.train,
            test: input.test,
            name: input.name,
            width: s.width,
          } satisfies WorkerRequest,
        );
      },
      (reply) => {
        if (reply.type !== "prepared") return;
        prepared[reply.job] = shareData(reply.prepared);
        info[reply.job] = reply.info;
        onProgress?.({ phase: "prepare", done: ++prepDone, total: job.slots.length });
      },
    );
    for (const w of pool) w.postMessage({ type: "networks", prepared } satisfies WorkerRequest);
    const m = job.pairs.length / 2;
    const chunk = Math.max(1, Math.min(32, Math.ceil(m / (nWorkers * 16))));
    const nChunks = Math.ceil(m / chunk);
    const train = new Float64Array(m), test = new Float64Array(m);
    let pairsDone = 0;
    await dispatch(
      pool,
      nChunks,
      (w, c) => {
        const pairs = job.pairs.slice(2 * c * chunk, 2 * Math.min(m, (c + 1) * chunk));
        w.postMessage({ type: "pairs", job: c, pairs } satisfies WorkerRequest);
      },
      (reply) => {
        if (reply.type !== "pairs") return;
        train.set(reply.train, reply.job * chunk);
        test.set(reply.test, reply.job * chunk);
        pairsDone += reply.train.length;
        onProgress?.({ phase: "pairs", done: pairsDone, total: m });
      },
    );
    return { train, test, info };
  } finally {
    for (const w of pool) w.terminate();
  }
}

/**
 * Run independent tasks — calls of one exported function of a module of this
 * package — in this thread or on a pool of Web Workers, results in task order.
 * BLAS is single-threaded for every task in both cases, so each result is
 * bit-identical for any number of workers.
 *
 * @param module URL of the module (e.g. `new URL("./sweep.ts", import.meta.url).href`).
 * @param fn Name of the exported function.
 * @param tasks Arguments of each call (structured-clonable).
 * @param options `workers` (1 = in this thread). @default `{ workers: 1 }`
 * @returns Each call's result, in task order.
 *
 * @example
 * ```ts
 * import { runTasks } from "./pool.ts";
 * import assert from "node:assert/strict";
 * const url = new URL("./pairs.ts", import.meta.url).href;
 * assert.deepEqual(await runTasks(url, "pairCount", [["pairwise", [3]], ["pairwise", [4]]]), [3, 6]);
 * ```
 */
export async function runTasks<R = unknown>(
  module: string,
  fn: string,
  tasks: readonly unknown[][],
  options: { workers?: number } = {},
): Promise<R[]> {
  const { workers = 1 } = options;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(
      `Cannot run tasks: \`workers\` must be a positive integer: got ${workers}`,
    );
  }
  const nWorkers = Math.min(workers, tasks.length);
  const backend = getBackend();
  backend.setThreads(1);
  try {
    if (nWorkers <= 1) {
      const f = (await import(module))[fn] as (...args: unknown[]) => R;
      return tasks.map((args) => f(...args));
    }
    const url = new URL("./task_worker.ts", import.meta.url).href;
    const pool = Array.from({ length: nWorkers }, () => new Worker(url, { type: "module" }));
    try {
      const results: R[] = new Array(tasks.length);
      await dispatch(
        pool,
        tasks.length,
        (w, k) =>
          w.postMessage(
            {
              job: k,
              backend: backend.name,
              module,
              fn,
              args: tasks[k]!,
            } satisfies TaskRequest,
          ),
        (reply) => {
          const r = reply as unknown as TaskReply;
          if (r.type === "task") results[r.job] = r.result as R;
        },
      );
      return results;
    } finally {
      for (const w of pool) w.terminate();
    }
  } finally {
    backend.setThreads(defaultThreads());
  }
}

/**
 * Estimated floating-point work of a job below which starting Web Workers (a few
 * hundred milliseconds each) costs more than it saves: about one second of
 * single-threaded BLAS work.
 *
 * @example
 * ```ts
 * import { INLINE_WORK } from "./pool.ts";
 * import assert from "node:assert/strict";
 * assert.equal(INLINE_WORK, 2e9);
 * ```
 */
export const INLINE_WORK = 2e9;

/**
 * The worker count used when the caller does not choose one: all cores, unless
 * the job's estimated work (the measure's `pairCost` per side of each pair;
 * for response matrices n·w² + 5·w³, n rows and w columns) is below
 * {@link INLINE_WORK}, where one thread is faster. Results do not depend on
 * the worker count.
 *
 * @param job The job.
 * @param cores Cores available. @default navigator.hardwareConcurrency
 * @returns 1 for small jobs, else `cores`.
 *
 * @example A handful of small networks runs inline
 * ```ts
 * import { autoWorkers } from "./pool.ts";
 * import { resolveOptions } from "../measures/all.ts";
 * import { matrix } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { measure, options } = resolveOptions("linear");
 * const net = { train: matrix(300, 64), test: null, name: "X" };
 * const slots = [{ network: 0, width: 64 }, { network: 1, width: 64 }];
 * const small = { measure, options, inputs: [net, net], slots, pairs: Int32Array.from([0, 1]), value: "distance" as const };
 * assert.equal(autoWorkers(small, 8), 1);
 * assert.equal(autoWorkers({ ...small, pairs: new Int32Array(2 * 5000).fill(1) }, 8), 8);
 * ```
 */
export function autoWorkers(job: PairJob, cores: number = navigator.hardwareConcurrency): number {
  const cost = job.measure.pairCost ?? ((n: number, w: number) => n * w * w + 5 * w * w * w);
  let work = 0;
  for (let k = 0; k < job.pairs.length; k++) {
    const slot = job.slots[job.pairs[k]!]!;
    const rows = job.measure.rowsOf(job.inputs[slot.network]!.train) ?? 1;
    work += cost(rows, slot.width);
  }
  return work < INLINE_WORK ? 1 : cores;
}

/**
 * Compute every pair of a job, in the calling thread or on workers. Results
 * are in the order of `job.pairs` and do not depend on the number of workers.
 *
 * @param job Measure, inputs, prepared slots and pairs.
 * @param opts {@link RunOptions}.
 * @returns Values and held-out values (NaN when absent) per pair, and per-slot info.
 *
 * @example Inline run of one pair
 * ```ts
 * import { runPairJob } from "./pool.ts";
 * import { resolveOptions } from "../measures/all.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { measure, options } = resolveOptions("linear");
 * const X = fromRows([[1, 0], [0, 1], [1, 1]]);
 * const { train } = await runPairJob(
 *   { measure, options, inputs: [{ train: X, test: null, name: "X" }], slots: [{ network: 0, width: 2 }], pairs: Int32Array.from([0, 0]), value: "distance" },
 *   { workers: 1 },
 * );
 * assert.ok(train[0]! < 1e-12);
 * ```
 */
export async function runPairJob(job: PairJob, opts: RunOptions = {}): Promise<PairJobResult> {
  const { workers = autoWorkers(job), onProgress } = opts;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(
      `Cannot compute distances: \`workers\` must be a positive integer: got ${workers}`,
    );
  }
  const nWorkers = Math.min(workers, job.pairs.length / 2);
  const backend = getBackend();
  backend.setThreads(1);
  try {
    return nWorkers <= 1 ? runInline(job, onProgress) : await runWorkers(job, nWorkers, onProgress);
  } finally {
    backend.setThreads(defaultThreads());
  }
}
