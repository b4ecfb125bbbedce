/**
 * Web Worker entry for generic tasks (`runTasks` in pool.ts, which starts it):
 * each message calls one exported function of a module of this package and
 * posts the result back. Unlike the pairwise worker it loads no measures, only
 * the backend and the task's module, so it starts quickly. BLAS runs
 * single-threaded here.
 *
 * @module
 */

import { type BackendName, setBackend } from "../linalg/backend.ts";

/** A task message. */
export interface TaskRequest {
  /** Position of the task in the job. */
  job: number;
  /** The main thread's linear-algebra backend. */
  backend: BackendName;
  /** URL of a module of this package. */
  module: string;
  /** Name of the exported function to call. */
  fn: string;
  /** Its arguments. */
  args: unknown[];
}

/** A task reply. */
export type TaskReply =
  | { type: "task"; job: number; result: unknown }
  | { type: "error"; job: number; name: string; message: string };

// deno-lint-ignore no-explicit-any
const scope = self as any;
const packageRoot = new URL("../", import.meta.url).href;

async function run(msg: TaskRequest): Promise<unknown> {
  if (!new URL(msg.module).href.startsWith(packageRoot)) {
    throw new RangeError(`Cannot run task: \`module\` must lie in the package: got ${msg.module}`);
  }
  setBackend(msg.backend).setThreads(1);
  const f = (await import(msg.module))[msg.fn];
  if (typeof f !== "function") {
    throw new TypeError(`Cannot run task: ${msg.module} exports no function \`${msg.fn}\``);
  }
  return f(...msg.args);
}

scope.onmessage = (event: MessageEvent<TaskRequest>) => {
  const msg = event.data;
  run(msg).then(
    (result) => scope.postMessage({ type: "task", job: msg.job, result } satisfies TaskReply),
    (e) => {
      const err = e as Error;
      scope.postMessage(
        {
          type: "error",
          job: msg.job,
          name: err?.name ?? "Error",
          message: err?.message ?? String(e),
        } satisfies TaskReply,
      );
    },
  );
};
