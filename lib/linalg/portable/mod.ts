/**
 * The `portable` backend: pure TypeScript kernels (work in progress placeholder).
 *
 * @module
 */

import type { Backend } from "../backend.ts";

/** Build the pure-TypeScript backend. */
export function createPortableBackend(): Backend {
  const todo = (): never => {
    throw new Error("portable backend: not implemented yet");
  };
  return {
    name: "portable",
    gemm: todo,
    svd: todo,
    singularValues: todo,
    eigh: todo,
    eig: todo,
    cholesky: todo,
    solveTriangular: todo,
    lstsq: todo,
    qr: todo,
    setThreads: () => {},
  };
}
