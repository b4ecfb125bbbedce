/**
 * Singular value decomposition with deterministic signs.
 *
 * @module
 */

import { getBackend } from "./backend.ts";
import { fixSvdSigns } from "./conventions.ts";
import { asMatrix, type Matrix, type MatrixLike } from "./matrix.ts";

/** Options for {@link svd}. */
export interface SvdOptions {
  /** Full (U [m, m], Vt [n, n]) instead of thin (U [m, k], Vt [k, n], k = min(m, n)). @default false */
  full?: boolean;
}

/** A = U diag(s) Vt with `s` descending and the sign convention of `conventions.ts`. */
export interface Svd {
  /** Left singular vectors as columns. */
  U: Matrix;
  /** Singular values, descending. */
  s: Float64Array;
  /** Right singular vectors as rows (V transposed). */
  Vt: Matrix;
}

/**
 * Singular value decomposition A = U diag(s) Vt. Singular values descending;
 * each column of U has its largest-magnitude entry positive (Vt flipped to match).
 *
 * @param A Matrix [m, n] (finite).
 * @param options `full` for square U and Vt.
 * @returns `{U, s, Vt}`.
 *
 * @example Singular values of a diagonal matrix
 * ```ts
 * import { svd, fromRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const { s, U } = svd(fromRows([[0, 2], [-3, 0]]));
 * assert.deepEqual(Array.from(s), [3, 2]);
 * assert.equal(U.data[2], 1); // column 0 of U is [0, 1], made positive
 * ```
 */
export function svd(A: MatrixLike, options: SvdOptions = {}): Svd {
  const { full = false } = options;
  const a = asMatrix(A, "A", { context: "Cannot compute SVD" });
  const raw = getBackend().svd(a, full);
  const U = { rows: raw.U.rows, cols: raw.U.cols, data: raw.U.data.slice() };
  const Vt = { rows: raw.Vt.rows, cols: raw.Vt.cols, data: raw.Vt.data.slice() };
  fixSvdSigns(U.data, U.rows, U.cols, Vt.data, Vt.rows, Vt.cols);
  return { U, s: raw.s, Vt };
}

/**
 * Singular values only, descending (cheaper than {@link svd}).
 *
 * @param A Matrix [m, n] (finite, non-empty).
 * @returns min(m, n) singular values, descending.
 *
 * @example Nuclear norm
 * ```ts
 * import { singularValues, fromRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const s = singularValues(fromRows([[3, 0], [0, -4]]));
 * assert.deepEqual(Array.from(s), [4, 3]);
 * ```
 */
export function singularValues(A: MatrixLike): Float64Array {
  const a = asMatrix(A, "A", { context: "Cannot compute singular values" });
  return getBackend().singularValues(a);
}
