/**
 * Triangular solves op(T)·X = B by substitution on whole rows of X
 * (row-major, so every update is a contiguous axpy).
 *
 * @module
 */

import type { Matrix } from "../matrix.ts";

/** x[dst…] −= f·x[src…] over `len` entries. */
function axpyRow(x: Float64Array, dst: number, src: number, len: number, f: number): void {
  if (f === 0) return;
  for (let j = 0; j < len; j++) x[dst + j] -= f * x[src + j]!;
}

/** x[o…] /= t over `len` entries. */
function divRow(x: Float64Array, o: number, len: number, t: number): void {
  for (let j = 0; j < len; j++) x[o + j] = x[o + j]! / t;
}

/**
 * Solve op(T)·X = B for a triangular T [n, n] and B [n, nrhs]. Only the
 * triangle named by `lower` is read (the other is ignored); op(T) = Tᵀ when
 * `trans`. A zero on the diagonal gives infinities, as in BLAS `dtrsm`.
 *
 * @param T Triangular matrix.
 * @param B Right-hand sides.
 * @param lower T is lower triangular (else upper).
 * @param trans Solve with Tᵀ.
 * @param out Optional array of B's length to write X into (B's own data: solved in place).
 * @returns X [n, nrhs].
 *
 * @example Forward substitution
 * ```ts
 * import { solveTriangular } from "./triangular.ts";
 * import assert from "node:assert/strict";
 * const T = { rows: 2, cols: 2, data: new Float64Array([2, 0, 1, 1]) };
 * const B = { rows: 2, cols: 1, data: new Float64Array([2, 3]) };
 * assert.deepEqual(Array.from(solveTriangular(T, B, true, false).data), [1, 2]);
 * ```
 */
export function solveTriangular(
  T: Matrix,
  B: Matrix,
  lower: boolean,
  trans: boolean,
  out?: Float64Array,
): Matrix {
  const n = T.rows, r = B.cols;
  const t = T.data;
  if (out && out.length !== B.data.length) {
    throw new RangeError(
      `Cannot solve triangular system: \`out\` must have length ${B.data.length}: got ${out.length}`,
    );
  }
  const x = out ?? B.data.slice();
  if (out && out !== B.data) out.set(B.data);
  if (n === 0 || r === 0) return { rows: B.rows, cols: r, data: x };
  if (lower && !trans) {
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < i; k++) axpyRow(x, i * r, k * r, r, t[i * n + k]!);
      divRow(x, i * r, r, t[i * n + i]!);
    }
  } else if (!lower && !trans) {
    for (let i = n - 1; i >= 0; i--) {
      for (let k = i + 1; k < n; k++) axpyRow(x, i * r, k * r, r, t[i * n + k]!);
      divRow(x, i * r, r, t[i * n + i]!);
    }
  } else if (lower && trans) {
    // Tᵀ is upper: once row i of X is final, remove it from the rows above
    for (let i = n - 1; i >= 0; i--) {
      divRow(x, i * r, r, t[i * n + i]!);
      for (let k = 0; k < i; k++) axpyRow(x, k * r, i * r, r, t[i * n + k]!);
    }
  } else {
    // upper and trans: Tᵀ is lower, remove row i from the rows below
    for (let i = 0; i < n; i++) {
      divRow(x, i * r, r, t[i * n + i]!);
      for (let k = i + 1; k < n; k++) axpyRow(x, k * r, i * r, r, t[i * n + k]!);
    }
  }
  return { rows: n, cols: r, data: x };
}
