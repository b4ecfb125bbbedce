/**
 * The `portable` backend: the {@link Backend} kernels in pure TypeScript,
 * one decomposition per file, always available (no FFI). Algorithms follow
 * Golub & Van Loan, Matrix Computations (4th ed.):
 *
 * - `gemm.ts`: blocked i-k-j product; `householder.ts`: reflectors, their
 *   application and compact-WY accumulation; `util.ts`: rotations, norms.
 * - `qr.ts`, `cholesky.ts`, `triangular.ts`.
 * - `svd.ts` = `bidiagonal.ts` (Householder bidiagonalisation) +
 *   `bidiagonal_qr.ts` (Golub–Kahan implicit-shift QR); `lstsq.ts` on top.
 * - `eigh.ts` = `tridiagonal.ts` + `tridiagonal_qr.ts` (implicit QR, Wilkinson shift).
 * - `eig.ts` = `balance.ts` + `hessenberg.ts` + `schur.ts` (Francis
 *   double-shift QR, with `standard2x2.ts`) + `eigenvectors.ts` (back substitution).
 *
 * @module
 */

import type { Backend } from "../backend.ts";
import { cholesky } from "./cholesky.ts";
import { eig } from "./eig.ts";
import { eigh } from "./eigh.ts";
import { gemm } from "./gemm.ts";
import { lstsq } from "./lstsq.ts";
import { qr } from "./qr.ts";
import { singularValues, svd } from "./svd.ts";
import { solveTriangular } from "./triangular.ts";

/**
 * Build the pure-TypeScript backend.
 *
 * @returns The backend (stateless; `setThreads` is a no-op).
 *
 * @example
 * ```ts
 * import { createPortableBackend } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const b = createPortableBackend();
 * const s = b.singularValues({ rows: 2, cols: 2, data: new Float64Array([3, 0, 0, 4]) });
 * assert.deepEqual(Array.from(s), [4, 3]);
 * ```
 */
export function createPortableBackend(): Backend {
  return {
    name: "portable",
    gemm,
    svd,
    singularValues,
    eigh,
    eig,
    cholesky,
    solveTriangular,
    lstsq,
    qr,
    setThreads: (n: number) => {
      if (!Number.isInteger(n) || n < 1) {
        throw new RangeError(`Cannot set threads: \`n\` must be an integer >= 1: got ${n}`);
      }
    },
  };
}
