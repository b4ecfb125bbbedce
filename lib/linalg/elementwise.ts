/**
 * Small elementwise and reduction helpers on matrices (pure TypeScript; memory bound).
 *
 * @module
 */

import { matrixArg, type MatrixLike } from "./matrix.ts";
import type { Matrix } from "./matrix.ts";

function sameShape(A: Matrix, B: Matrix, op: string): void {
  if (A.rows !== B.rows || A.cols !== B.cols) {
    throw new TypeError(
      `Cannot ${op} matrices: shapes must match: got [${A.rows}, ${A.cols}] and [${B.rows}, ${B.cols}]`,
    );
  }
}

/**
 * A + B.
 *
 * @param A First matrix.
 * @param B Second matrix, same shape.
 * @returns A + B.
 *
 * @example
 * ```ts
 * import { add, fromRows, toRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(add(fromRows([[1, 2]]), fromRows([[3, 4]]))), [[4, 6]]);
 * ```
 */
export function add(A: MatrixLike, B: MatrixLike): Matrix {
  A = matrixArg(A, "A");
  B = matrixArg(B, "B");
  sameShape(A, B, "add");
  const out = new Float64Array(A.data.length);
  for (let k = 0; k < out.length; k++) out[k] = A.data[k]! + B.data[k]!;
  return { rows: A.rows, cols: A.cols, data: out };
}

/**
 * A − B.
 *
 * @param A First matrix.
 * @param B Second matrix, same shape.
 * @returns A − B.
 *
 * @example
 * ```ts
 * import { sub, fromRows, toRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(sub(fromRows([[1, 2]]), fromRows([[3, 4]]))), [[-2, -2]]);
 * ```
 */
export function sub(A: MatrixLike, B: MatrixLike): Matrix {
  A = matrixArg(A, "A");
  B = matrixArg(B, "B");
  sameShape(A, B, "subtract");
  const out = new Float64Array(A.data.length);
  for (let k = 0; k < out.length; k++) out[k] = A.data[k]! - B.data[k]!;
  return { rows: A.rows, cols: A.cols, data: out };
}

/**
 * c·A.
 *
 * @param A Matrix.
 * @param c Factor.
 * @returns c·A.
 *
 * @example
 * ```ts
 * import { scale, fromRows, toRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(scale(fromRows([[1, 2]]), 3)), [[3, 6]]);
 * ```
 */
export function scale(A: MatrixLike, c: number): Matrix {
  A = matrixArg(A, "A");
  const out = new Float64Array(A.data.length);
  for (let k = 0; k < out.length; k++) out[k] = A.data[k]! * c;
  return { rows: A.rows, cols: A.cols, data: out };
}

/**
 * Frobenius inner product ⟨A, B⟩ = Σ A_ij B_ij.
 *
 * @param A First matrix.
 * @param B Second matrix, same shape.
 * @returns Σ A_ij·B_ij.
 *
 * @example
 * ```ts
 * import { frobeniusInner, fromRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(frobeniusInner(fromRows([[1, 2]]), fromRows([[3, 4]])), 11);
 * ```
 */
export function frobeniusInner(A: MatrixLike, B: MatrixLike): number {
  A = matrixArg(A, "A");
  B = matrixArg(B, "B");
  sameShape(A, B, "take the inner product of");
  let s = 0;
  for (let k = 0; k < A.data.length; k++) s += A.data[k]! * B.data[k]!;
  return s;
}

/**
 * Frobenius norm ‖A‖_F, computed with scaling so it neither overflows nor underflows.
 *
 * @param A Matrix.
 * @returns ‖A‖_F.
 *
 * @example
 * ```ts
 * import { frobeniusNorm, fromRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(frobeniusNorm(fromRows([[3, 4]])), 5);
 * ```
 */
export function frobeniusNorm(A: MatrixLike): number {
  A = matrixArg(A, "A");
  let scaleV = 0;
  for (let k = 0; k < A.data.length; k++) scaleV = Math.max(scaleV, Math.abs(A.data[k]!));
  if (scaleV === 0 || !Number.isFinite(scaleV)) return scaleV;
  let s = 0;
  for (let k = 0; k < A.data.length; k++) {
    const v = A.data[k]! / scaleV;
    s += v * v;
  }
  return scaleV * Math.sqrt(s);
}

/**
 * Column means, length `cols`.
 *
 * @param A Matrix [m, n].
 * @returns The n column means.
 *
 * @example
 * ```ts
 * import { colMeans, fromRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(colMeans(fromRows([[1, 2], [3, 6]]))), [2, 4]);
 * ```
 */
export function colMeans(A: MatrixLike): Float64Array {
  A = matrixArg(A, "A");
  const { rows: m, cols: n, data } = A;
  const mu = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) mu[j] += data[o + j]!;
  }
  for (let j = 0; j < n; j++) mu[j] /= m;
  return mu;
}

/**
 * Subtract a row vector from every row (e.g. training means from held-out rows).
 *
 * @param A Matrix [m, n].
 * @param v Row vector of length n.
 * @returns A with v subtracted from every row.
 *
 * @example
 * ```ts
 * import { subtractRow, fromRows, toRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(subtractRow(fromRows([[1, 2], [3, 4]]), [1, 1])), [[0, 1], [2, 3]]);
 * ```
 */
export function subtractRow(A: MatrixLike, v: ArrayLike<number>): Matrix {
  A = matrixArg(A, "A");
  if (v.length !== A.cols) {
    throw new TypeError(
      `Cannot subtract row: \`v\` must have ${A.cols} entries to match [${A.rows}, ${A.cols}]: got ${v.length}`,
    );
  }
  const { rows: m, cols: n, data } = A;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) out[o + j] = data[o + j]! - v[j]!;
  }
  return { rows: m, cols: n, data: out };
}

/**
 * Centre columns: returns the centred copy and the column means.
 *
 * @param A Matrix [m, n].
 * @returns `{centered, means}`.
 *
 * @example
 * ```ts
 * import { centerColumns, fromRows, toRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const { centered, means } = centerColumns(fromRows([[1, 2], [3, 6]]));
 * assert.deepEqual(toRows(centered), [[-1, -2], [1, 2]]);
 * assert.deepEqual(Array.from(means), [2, 4]);
 * ```
 */
export function centerColumns(A: MatrixLike): { centered: Matrix; means: Float64Array } {
  A = matrixArg(A, "A");
  const means = colMeans(A);
  return { centered: subtractRow(A, means), means };
}

/**
 * Zero-pad columns on the right up to `width` (a copy; `width >= cols`).
 *
 * @param A Matrix [m, n].
 * @param width Total number of columns (≥ n).
 * @returns A with zero columns appended, [m, width].
 *
 * @example
 * ```ts
 * import { padColumns, fromRows, toRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(padColumns(fromRows([[1], [2]]), 3)), [[1, 0, 0], [2, 0, 0]]);
 * ```
 */
export function padColumns(A: MatrixLike, width: number): Matrix {
  A = matrixArg(A, "A");
  if (!Number.isInteger(width) || width < A.cols) {
    throw new RangeError(
      `Cannot pad columns: \`width\` must be an integer >= ${A.cols}: got ${width}`,
    );
  }
  const out = new Float64Array(A.rows * width);
  for (let i = 0; i < A.rows; i++) {
    out.set(A.data.subarray(i * A.cols, (i + 1) * A.cols), i * width);
  }
  return { rows: A.rows, cols: width, data: out };
}
