/**
 * Matrix products through the active backend.
 *
 * @module
 */

import { getBackend } from "./backend.ts";
import { asMatrix, type Matrix, type MatrixLike } from "./matrix.ts";

/** Options for {@link matmul}. */
export interface MatmulOptions {
  /** Use Aᵀ instead of A. @default false */
  transA?: boolean;
  /** Use Bᵀ instead of B. @default false */
  transB?: boolean;
}

/**
 * The product op(A)·op(B) (e.g. AᵀB with `{transA: true}`), float64.
 *
 * @param A Left factor.
 * @param B Right factor.
 * @param options Transposition flags.
 * @returns The product matrix.
 *
 * @example AᵀB without forming Aᵀ
 * ```ts
 * import { matmul, fromRows, toRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const A = fromRows([[1, 2], [3, 4]]);
 * assert.deepEqual(toRows(matmul(A, A, { transA: true })), [[10, 14], [14, 20]]);
 * ```
 */
export function matmul(A: MatrixLike, B: MatrixLike, options: MatmulOptions = {}): Matrix {
  const { transA = false, transB = false } = options;
  const ctx = "Cannot multiply matrices";
  const a = asMatrix(A, "A", { context: ctx, finite: false, nonEmpty: false });
  const b = asMatrix(B, "B", { context: ctx, finite: false, nonEmpty: false });
  const inner = transA ? a.rows : a.cols;
  const innerB = transB ? b.cols : b.rows;
  if (inner !== innerB) {
    throw new TypeError(
      `${ctx}: inner dimensions of \`A\`${transA ? "ᵀ" : ""} and \`B\`${
        transB ? "ᵀ" : ""
      } differ: got shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`,
    );
  }
  return getBackend().gemm(a, b, transA, transB);
}
