/**
 * Running a distance job — prepare each network once, then every pair — in the
 * main thread or on a pool of Web Workers.
 *
 * Protocol: each worker is initialised with the main thread's backend; networks
 * are prepared by whichever worker is free and written straight into
 * SharedArrayBuffers, which are then shared (not copied) with every worker;
 * pairs are handed out in small chunks to whichever worker is free. Every pair
 * is computed by the same function on the same prepared data with single-
 * threaded BLAS, so results are bitwise identical for any number of workers
 * (BLAS threading changes the summation order, so it is set to one thread for
 * the duration of the job and restored afterwards).
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { pairDistances, type PairSpec, type PreparedNetwork, prepareNetwork } from "./cache.ts";
import type { WorkerReply, WorkerRequest } from "./worker.ts";

/** Training rows and optional held-out rows of one network. */
export interface NetworkInput {
  /** Training rows [nStimuli, nUnits]. */
  train: Matrix;
  /** Held-out rows [nTest, nUnits], or null. */
  test: Matrix | null;
}

/** A prepared-network slot: which network, at which padded width. */
export interface PreparedSlot {
  /** Index into the job's networks. */
  network: number;
  /** Padded width. */
  width: number;
}

/** Everything a distance computation needs. */
export interface DistanceJob {
  /** All networks of the job. */
  networks: readonly NetworkInput[];
  /** Networks to prepare, at their widths. */
  slots: readonly PreparedSlot[];
  /** Flat [a0, b0, a1, b1, …] slot indices of the pairs to compute. */
  pairs: Int32Array;
  /** The per-pair computation. */
  spec: PairSpec;
}

/** Progress of a running job. */
export interface DistanceProgress {
  /** `prepare` (per-network work) or `pairs`. */
  phase: "prepare" | "pairs";
  /** Items finished. */
  done: number;
  /** Items in this phase. */
  total: number;
}

/** Options for {@link runDistanceJob}. */
export interface RunOptions {
  /**
   * Number of workers; 1 (or fewer pairs than 2) computes in the calling thread.
   * @default navigator.hardwareConcurrency, or 1 for jobs too small to repay starting workers (see {@link autoWorkers})
   */
  workers?: number;
  /** Called after each prepared network and each chunk of pairs. */
  onProgress?: (progress: DistanceProgress) => void;
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

function runInline(job: DistanceJob, onProgress?: RunOptions["onProgress"]) {
  const prepared: PreparedNetwork[] = [];
  for (const [k, s] of job.slots.entries()) {
    const net = job.networks[s.network]!;
    prepared.push(prepareNetwork(net.train, net.test, job.spec, s.width));
    onProgress?.({ phase: "prepare", done: k + 1, total: job.slots.length });
  }
  const m = job.pairs.length / 2;
  const step = Math.max(1, Math.floor(m / 100));
  return pairDistances(prepared, job.pairs, job.spec, (done) => {
    if (done % step === 0 || done === m) onProgress?.({ phase: "pairs", done, total: m });
  });
}

function rebuildError(reply: { name: string; message: string }): Error {
  const Ctor = reply.name === "TypeError"
    ? TypeError
    : reply.name === "RangeError"
    ? RangeError
    : Error;
  return new Ctor(reply.message);
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
        reject(new Error(`Distance worker failed: ${e.message}`));
      };
      if (next < count) send(w, next++);
    }
  });
}

async function runWorkers(
  job: DistanceJob,
  nWorkers: number,
  onProgress?: RunOptions["onProgress"],
) {
  const url = new URL("./worker.ts", import.meta.url).href;
  const pool = Array.from({ length: nWorkers }, () => new Worker(url, { type: "module" }));
  try {
    const backend = getBackend().name;
    await dispatch(
      pool,
      pool.length,
      (w) => w.postMessage({ type: "init", backend } satisfies WorkerRequest),
      () => {},
    );
    // per-network work, written into shared memory
    const shared = job.slots.map((s) => {
      const net = job.networks[s.network]!;
      const cols = job.spec.metric === "cka" ? net.train.cols : s.width;
      const sab = (n: number) => new Float64Array(new SharedArrayBuffer(n * 8));
      return {
        phi: { rows: net.train.rows, cols, data: sab(net.train.rows * cols) },
        normSq: 0,
        test: net.test ? { rows: net.test.rows, cols, data: sab(net.test.rows * cols) } : null,
      } as PreparedNetwork;
    });
    let prepDone = 0;
    await dispatch(
      pool,
      job.slots.length,
      (w, k) => {
        const s = job.slots[k]!, net = job.networks[s.network]!;
        w.postMessage(
          {
            type: "prepare",
            job: k,
            X: net.train,
            test: net.test,
            spec: job.spec,
            width: s.width,
            outPhi: shared[k]!.phi.data,
            outTest: shared[k]!.test?.data ?? null,
          } satisfies WorkerRequest,
        );
      },
      (reply) => {
        if (reply.type !== "prepared") return;
        shared[reply.job]!.normSq = reply.normSq;
        onProgress?.({ phase: "prepare", done: ++prepDone, total: job.slots.length });
      },
    );
    for (const w of pool) {
      w.postMessage({ type: "networks", prepared: shared } satisfies WorkerRequest);
    }
    // pairs, in chunks
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
        w.postMessage({ type: "pairs", job: c, pairs, spec: job.spec } satisfies WorkerRequest);
      },
      (reply) => {
        if (reply.type !== "pairs") return;
        train.set(reply.train, reply.job * chunk);
        test.set(reply.test, reply.job * chunk);
        pairsDone += reply.train.length;
        onProgress?.({ phase: "pairs", done: pairsDone, total: m });
      },
    );
    return { train, test };
  } finally {
    for (const w of pool) w.terminate();
  }
}

/**
 * Estimated floating-point work of a job below which starting Web Workers (a few
 * hundred milliseconds each) costs more than it saves: about one second of
 * single-threaded BLAS work.
 *
 * @example
 * ```ts
 * import { INLINE_WORK } from "./workers.ts";
 * import assert from "node:assert/strict";
 * assert.equal(INLINE_WORK, 2e9);
 * ```
 */
export const INLINE_WORK = 2e9;

/**
 * The worker count used when the caller does not choose one: all cores, unless
 * the job's estimated work (per pair ≈ 2·n·w² for the cross-covariance plus
 * 10·w³ for its SVD, n rows, w columns) is below {@link INLINE_WORK}, where one
 * thread is faster. Results do not depend on the worker count.
 *
 * @param job The job.
 * @param cores Cores available. @default navigator.hardwareConcurrency
 * @returns 1 for small jobs, else `cores`.
 *
 * @example A handful of small networks runs inline
 * ```ts
 * import { autoWorkers } from "./workers.ts";
 * import { matrix } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const net = { train: matrix(300, 64), test: null };
 * const spec = { metric: "linear" as const, alpha: 1, score: "angular" as const, center: true };
 * const slots = [{ network: 0, width: 64 }, { network: 1, width: 64 }];
 * const small = { networks: [net, net], slots, pairs: Int32Array.from([0, 1]), spec };
 * assert.equal(autoWorkers(small, 8), 1);
 * const big = { ...small, pairs: new Int32Array(2 * 5000).fill(1) };
 * assert.equal(autoWorkers(big, 8), 8);
 * ```
 */
export function autoWorkers(
  job: DistanceJob,
  cores: number = navigator.hardwareConcurrency,
): number {
  let work = 0;
  for (let k = 0; k < job.pairs.length; k++) {
    const slot = job.slots[job.pairs[k]!]!;
    const n = job.networks[slot.network]!.train.rows, w = slot.width;
    work += n * w * w + 5 * w * w * w; // half of each pair's cost, counted per side
  }
  return work < INLINE_WORK ? 1 : cores;
}

/**
 * Compute every pair of a job, in the calling thread or on workers. Results
 * are in the order of `job.pairs` and do not depend on the number of workers.
 *
 * @param job Networks, prepared slots and pairs.
 * @param opts {@link RunOptions}.
 * @returns Training and held-out (NaN when absent) distances per pair.
 *
 * @example Inline run of one pair
 * ```ts
 * import { runDistanceJob } from "./workers.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const X = fromRows([[1, 0], [0, 1], [1, 1]]);
 * const spec = { metric: "linear" as const, alpha: 1, score: "angular" as const, center: true };
 * const { train } = await runDistanceJob(
 *   { networks: [{ train: X, test: null }], slots: [{ network: 0, width: 2 }], pairs: Int32Array.from([0, 0]), spec },
 *   { workers: 1 },
 * );
 * assert.ok(train[0]! < 1e-12);
 * ```
 */
export async function runDistanceJob(
  job: DistanceJob,
  opts: RunOptions = {},
): Promise<{ train: Float64Array; test: Float64Array }> {
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
