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
  /**
   * Write the product here instead of a fresh array (reused buffers in
   * iterative algorithms): length rows × cols of the product, overwritten, and
   * not overlapping `A` or `B`. The result's `data` is then `out`.
   * @default undefined
   */
  out?: Float64Array;
}

function overlaps(a: Float64Array, b: Float64Array): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength &&
    b.byteOffset < a.byteOffset + a.byteLength;
}

/**
 * The product op(A)·op(B) (e.g. AᵀB with `{transA: true}`), float64.
 *
 * @param A Left factor.
 * @param B Right factor.
 * @param options Transposition flags and an optional output buffer.
 * @returns The product matrix.
 * @throws {TypeError} For inner dimensions that differ, or an `out` of the
 * wrong length or overlapping an input.
 *
 * @example AᵀB without forming Aᵀ
 * ```ts
 * import { matmul, fromRows, toRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const A = fromRows([[1, 2], [3, 4]]);
 * assert.deepEqual(toRows(matmul(A, A, { transA: true })), [[10, 14], [14, 20]]);
 * ```
 *
 * @example Into a reused buffer
 * ```ts
 * import { matmul, fromRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const out = new Float64Array(4).fill(NaN);
 * const C = matmul(fromRows([[1, 2], [3, 4]]), fromRows([[1, 0], [0, 1]]), { out });
 * assert.equal(C.data, out);
 * assert.deepEqual(Array.from(out), [1, 2, 3, 4]);
 * ```
 */
export function matmul(A: MatrixLike, B: MatrixLike, options: MatmulOptions = {}): Matrix {
  const { transA = false, transB = false, out } = options;
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
  if (out !== undefined) {
    const rows = transA ? a.cols : a.rows, cols = transB ? b.rows : b.cols;
    if (!(out instanceof Float64Array) || out.length !== rows * cols) {
      throw new TypeError(
        `${ctx}: \`out\` must be a Float64Array of ${
          rows * cols
        } elements for a [${rows}, ${cols}] product: got ${
          out instanceof Float64Array ? `${out.length} elements` : typeof out
        }`,
      );
    }
    if (overlaps(out, a.data) || overlaps(out, b.data)) {
      throw new TypeError(`${ctx}: \`out\` must not overlap \`A\` or \`B\``);
    }
  }
  return getBackend().gemm(a, b, transA, transB, out);
}
