/**
 * Cholesky factorisation and triangular solves.
 *
 * @module
 */

import { matrixArg } from "./matrix.ts";
import { getBackend } from "./backend.ts";
import { asMatrix, type Matrix, type MatrixLike } from "./matrix.ts";

/**
 * Lower Cholesky factor L with A = L Lᵀ (upper triangle of L is zero).
 * Only the lower triangle of A is read (symmetry is not checked). Throws a
 * `RangeError` when A is not positive definite.
 *
 * @param A Symmetric positive-definite matrix [n, n].
 * @returns L [n, n].
 *
 * @example
 * ```ts
 * import { cholesky, fromRows, toRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(cholesky(fromRows([[4, 2], [2, 5]]))), [[2, 0], [1, 2]]);
 * assert.throws(() => cholesky(fromRows([[1, 2], [2, 1]])), /positive definite/);
 * ```
 */
export function cholesky(A: MatrixLike): Matrix {
  const ctx = "Cannot compute Cholesky factorisation";
  const a = asMatrix(A, "A", { context: ctx });
  if (a.rows !== a.cols) {
    throw new TypeError(`${ctx}: \`A\` must be square: got shape [${a.rows}, ${a.cols}]`);
  }
  const L = tryCholesky(a);
  if (!L) throw new RangeError(`${ctx}: \`A\` must be symmetric positive definite`);
  return L;
}

/**
 * Like {@link cholesky} but returns `null` instead of throwing when A is not
 * positive definite (for callers with a pseudo-inverse fallback). Only the
 * shape is checked (no finiteness check: a NaN pivot also gives `null`).
 *
 * @param A Square matrix [n, n]; only its lower triangle is read.
 * @returns L [n, n] or `null`.
 *
 * @example
 * ```ts
 * import { tryCholesky, fromRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(tryCholesky(fromRows([[0, 0], [0, 1]])), null);
 * ```
 */
export function tryCholesky(A: MatrixLike): Matrix | null {
  A = matrixArg(A, "A");
  if (A.rows !== A.cols || A.data.length !== A.rows * A.cols) {
    throw new TypeError(
      `Cannot compute Cholesky factorisation: \`A\` must be square: got shape [${A.rows}, ${A.cols}]`,
    );
  }
  return getBackend().cholesky(A);
}

/** Options for {@link solveTriangular}. */
export interface SolveTriangularOptions {
  /** T is lower triangular (else upper). @default true */
  lower?: boolean;
  /** Solve Tᵀ X = B instead of T X = B. @default false */
  trans?: boolean;
}

/**
 * Solve T X = B (or Tᵀ X = B) for triangular T.
 *
 * @param T Triangular matrix [n, n]; only the triangle named by `lower` is read.
 * @param B Right-hand sides [n, nrhs].
 * @param options `lower` (default true) and `trans` (default false).
 * @returns X [n, nrhs].
 *
 * @example
 * ```ts
 * import { solveTriangular, fromRows, toRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const L = fromRows([[2, 0], [1, 1]]);
 * assert.deepEqual(toRows(solveTriangular(L, fromRows([[2], [3]]))), [[1], [2]]);
 * ```
 */
export function solveTriangular(
  T: MatrixLike,
  B: MatrixLike,
  options: SolveTriangularOptions = {},
): Matrix {
  const { lower = true, trans = false } = options;
  const ctx = "Cannot solve triangular system";
  const t = asMatrix(T, "T", { context: ctx });
  const b = asMatrix(B, "B", { context: ctx });
  if (t.rows !== t.cols || b.rows !== t.rows) {
    throw new TypeError(
      `${ctx}: \`T\` must be square with as many rows as \`B\`: got shapes [${t.rows}, ${t.cols}] and [${b.rows}, ${b.cols}]`,
    );
  }
  for (let i = 0; i < t.rows; i++) {
    if (t.data[i * t.cols + i] === 0) {
      throw new RangeError(`${ctx}: \`T\` is singular: zero on the diagonal at [${i}, ${i}]`);
    }
  }
  return getBackend().solveTriangular(t, b, lower, trans);
}

/**
 * Solve A X = B for symmetric positive-definite A via Cholesky.
 *
 * @param A Symmetric positive-definite matrix [n, n] (lower triangle read).
 * @param B Right-hand sides [n, nrhs].
 * @returns X [n, nrhs].
 *
 * @example
 * ```ts
 * import { choleskySolve, fromRows, toRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X = choleskySolve(fromRows([[4, 2], [2, 5]]), fromRows([[6], [7]]));
 * assert.deepEqual(toRows(X), [[1], [1]]);
 * ```
 */
export function choleskySolve(A: MatrixLike, B: MatrixLike): Matrix {
  const L = cholesky(A);
  const y = solveTriangular(L, B, { lower: true });
  return solveTriangular(L, y, { lower: true, trans: true });
}
