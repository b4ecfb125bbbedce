/**
 * Web Worker entry for pairwise distances (see `workers.ts` for the protocol).
 * Each worker has its own linear-algebra backend instance, selected to match
 * the main thread's.
 *
 * @module
 */

import { setBackend } from "../linalg/backend.ts";
import { pairDistances, type PairSpec, type PreparedNetwork, prepareNetwork } from "./cache.ts";
import type { Matrix } from "../linalg/matrix.ts";

/** Messages the main thread sends. */
export type WorkerRequest =
  | { type: "init"; backend: "lapack" | "portable" }
  | {
    type: "prepare";
    job: number;
    X: Matrix;
    test: Matrix | null;
    spec: PairSpec;
    width: number;
    outPhi: Float64Array;
    outTest: Float64Array | null;
  }
  | { type: "networks"; prepared: PreparedNetwork[] }
  | { type: "pairs"; job: number; pairs: Int32Array; spec: PairSpec };

/** Messages a worker sends back. */
export type WorkerReply =
  | { type: "ready" }
  | { type: "prepared"; job: number; normSq: number; phiCols: number }
  | { type: "pairs"; job: number; train: Float64Array; test: Float64Array }
  | { type: "error"; job: number; name: string; message: string };

// deno-lint-ignore no-explicit-any
const scope = self as any;
let prepared: PreparedNetwork[] = [];

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  let job = -1;
  try {
    if (msg.type === "init") {
      setBackend(msg.backend).setThreads(1);
      scope.postMessage({ type: "ready" } satisfies WorkerReply);
    } else if (msg.type === "prepare") {
      job = msg.job;
      const p = prepareNetwork(msg.X, msg.test, msg.spec, msg.width);
      msg.outPhi.set(p.phi.data);
      if (msg.outTest && p.test) msg.outTest.set(p.test.data);
      scope.postMessage(
        { type: "prepared", job, normSq: p.normSq, phiCols: p.phi.cols } satisfies WorkerReply,
      );
    } else if (msg.type === "networks") {
      prepared = msg.prepared;
    } else if (msg.type === "pairs") {
      job = msg.job;
      const { train, test } = pairDistances(prepared, msg.pairs, msg.spec);
      scope.postMessage({ type: "pairs", job, train, test } satisfies WorkerReply, [
        train.buffer,
        test.buffer,
      ]);
    }
  } catch (e) {
    const err = e as Error;
    scope.postMessage(
      {
        type: "error",
        job,
        name: err?.name ?? "Error",
        message: err?.message ?? String(e),
      } satisfies WorkerReply,
    );
  }
};
