/**
 * Web Worker entry for `dsaPairwise`/`dsaCross`: receives the operators once,
 * then scores one pair per message. Not part of the public API.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { type BackendName, setBackend } from "../linalg/backend.ts";
import type { Matrix } from "../linalg/matrix.ts";
import type { DsaScoreOptions } from "./dsa.ts";
import { scoreJob } from "./pairwise.ts";
import type { PreparedOperator } from "./prepared.ts";

let operators: Matrix[] = [];
let prepared: (PreparedOperator | null)[] | null = null;
let options: DsaScoreOptions = {};

self.onmessage = (e: MessageEvent) => {
  const msg = e.data as
    | {
      type: "init";
      backend: BackendName;
      operators: Matrix[];
      prepared: (PreparedOperator | null)[] | null;
      options: DsaScoreOptions;
    }
    | { type: "job"; id: number; a: number; b: number };
  try {
    if (msg.type === "init") {
      setBackend(msg.backend);
      operators = msg.operators;
      prepared = msg.prepared;
      options = msg.options;
      return;
    }
    const distance = scoreJob(operators, prepared, msg.a, msg.b, options);
    self.postMessage({ type: "result", id: msg.id, distance });
  } catch (err) {
    self.postMessage({ type: "error", message: (err as Error).message });
  }
};
