/**
 * Core subcommands: `linalg-bench`.
 *
 * @module
 */

import { checkMemory, type Command, integerOption, UsageError } from "../command.ts";
import { getBackend, setBackend } from "../../linalg/backend.ts";
import { type Matrix, matrix } from "../../linalg/matrix.ts";
import { matmul } from "../../linalg/products.ts";
import { svd } from "../../linalg/svd.ts";
import { eigh } from "../../linalg/eigh.ts";
import { eig } from "../../linalg/eig.ts";
import { cholesky } from "../../linalg/cholesky.ts";
import { lstsq } from "../../linalg/lstsq.ts";
import { mulberry32 } from "../../random.ts";

/** Operations timed by {@link timeLinalg}. */
export const LINALG_OPS = ["gemm", "svd", "eigh", "eig", "cholesky", "lstsq"] as const;
/** One of {@link LINALG_OPS}. */
export type LinalgOp = typeof LINALG_OPS[number];

function randomMatrix(n: number, m: number, seed: number): Matrix {
  const rand = mulberry32(seed);
  const A = matrix(n, m);
  for (let k = 0; k < A.data.length; k++) A.data[k] = rand() * 2 - 1;
  return A;
}

/**
 * Median wall time in milliseconds of one linear-algebra operation on a random n×n input
 * (SPD input for eigh/cholesky), on the current backend.
 *
 * @example
 * ```ts
 * import { timeLinalg } from "./core.ts";
 * import assert from "node:assert/strict";
 * assert.ok(timeLinalg("gemm", 8, 1) >= 0);
 * ```
 */
export function timeLinalg(op: LinalgOp, n: number, repeats: number): number {
  const A = randomMatrix(n, n, 1);
  const B = randomMatrix(n, n, 2);
  const S = matmul(A, A, { transA: true });
  for (let i = 0; i < n; i++) S.data[i * n + i] += n;
  const run: Record<LinalgOp, () => unknown> = {
    gemm: () => matmul(A, B),
    svd: () => svd(A),
    eigh: () => eigh(S),
    eig: () => eig(A, { vectors: true }),
    cholesky: () => cholesky(S),
    lstsq: () => lstsq(A, B),
  };
  run[op](); // warm-up
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    run[op]();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const linalgBench: Command = {
  name: "linalg-bench",
  summary: "time linear-algebra operations on the active backend",
  help:
    `Usage: deno task cli linalg-bench [--sizes 200,500] [--ops gemm,svd,...] [--backend lapack|portable|auto] [--repeats 3] [--threads N]

Times each operation on random n×n float64 inputs (median of --repeats runs after one warm-up).
Operations: ${LINALG_OPS.join(", ")}.
Prints JSON: {"backend", "results": [{"op", "n", "ms"}]}.`,
  options: {
    sizes: { type: "string" },
    ops: { type: "string" },
    backend: { type: "string" },
    repeats: { type: "string" },
    threads: { type: "string" },
  },
  positionals: { min: 0, max: 0 },
  run({ values }) {
    const backend = values.backend as string | undefined;
    if (backend !== undefined) {
      if (!["lapack", "portable", "auto"].includes(backend)) {
        throw new UsageError(`--backend must be one of lapack, portable, auto: got ${backend}`);
      }
      setBackend(backend as "lapack" | "portable" | "auto");
    }
    const threads = integerOption(values, "threads");
    if (threads !== undefined) getBackend().setThreads(threads);
    const sizes = String(values.sizes ?? "200,500").split(",").map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1) {
        throw new UsageError(`--sizes must list positive integers: got ${s}`);
      }
      checkMemory("sizes", n, 4 * n * n * 8); // inputs, product and workspace: n×n float64 each
      return n;
    });
    const ops = String(values.ops ?? LINALG_OPS.join(",")).split(",").map((o) => {
      if (!(LINALG_OPS as readonly string[]).includes(o)) {
        throw new UsageError(`--ops must list operations among ${LINALG_OPS.join(", ")}: got ${o}`);
      }
      return o as LinalgOp;
    });
    const repeats = integerOption(values, "repeats", 3);
    if (repeats < 1) throw new UsageError(`--repeats must be >= 1: got ${repeats}`);
    const results = [];
    for (const op of ops) {
      for (const n of sizes) results.push({ op, n, ms: timeLinalg(op, n, repeats) });
    }
    return { backend: getBackend().name, results };
  },
};

/** Subcommands of the foundation. */
export const coreCommands: Command[] = [linalgBench];
