/**
 * Web Worker entry of the pairwise engine (see `pool.ts` for the protocol):
 * the only worker of the package. It imports every measure and looks the
 * job's measure up by name; BLAS runs single-threaded here.
 *
 * @module
 */

import { type BackendName, setBackend } from "../linalg/backend.ts";
import { getMeasure } from "../measures/all.ts";
import type { Measure, ResolvedOptions } from "../measures/types.ts";
import { comparePairs } from "./pool.ts";

/** Messages the main thread sends. */
export type WorkerRequest =
  | {
    type: "init";
    backend: BackendName;
    measure: string;
    options: ResolvedOptions;
    value: "distance" | "similarity";
  }
  | { type: "prepare"; job: number; input: unknown; test: unknown; name: string; width: number }
  | { type: "networks"; prepared: unknown[] }
  | { type: "pairs"; job: number; pairs: Int32Array };

/** Messages a worker sends back. */
export type WorkerReply =
  | { type: "ready" }
  | {
    type: "prepared";
    job: number;
    prepared: unknown;
    info: Record<string, number | string> | null;
  }
  | { type: "pairs"; job: number; train: Float64Array; test: Float64Array }
  | { type: "error"; job: number; name: string; message: string };

// deno-lint-ignore no-explicit-any
const scope = self as any;
let measure: Measure | null = null;
let options: ResolvedOptions = {};
let value: "distance" | "similarity" = "distance";
let prepared: unknown[] = [];

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  let job = -1;
  try {
    if (msg.type === "init") {
      setBackend(msg.backend).setThreads(1);
      measure = getMeasure(msg.measure).measure;
      options = msg.options;
      value = msg.value;
      scope.postMessage({ type: "ready" } satisfies WorkerReply);
    } else if (msg.type === "prepare") {
      job = msg.job;
      const p = measure!.prepare(msg.input, options, {
        width: msg.width,
        test: msg.test,
        name: msg.name,
      });
      scope.postMessage(
        {
          type: "prepared",
          job,
          prepared: p,
          info: measure!.info?.(p) ?? null,
        } satisfies WorkerReply,
      );
    } else if (msg.type === "networks") {
      prepared = msg.prepared;
    } else if (msg.type === "pairs") {
      job = msg.job;
      const { train, test } = comparePairs(measure!, options, prepared, msg.pairs, value);
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
