/**
 * Symmetric eigendecomposition.
 *
 * @module
 */

import { getBackend } from "./backend.ts";
import { fixColumnSigns } from "./conventions.ts";
import { asMatrix, type Matrix, type MatrixLike } from "./matrix.ts";

/** Options for {@link eigh}. */
export interface EighOptions {
  /** Compute eigenvectors. @default true */
  vectors?: boolean;
}

/** Eigenvalues ascending and eigenvectors as columns (largest-|·| entry positive). */
export interface Eigh {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** [n, n], column j is the eigenvector of values[j]; absent when not requested. */
  vectors?: Matrix;
}

/**
 * Eigendecomposition of a symmetric matrix A = V diag(values) Vᵀ. Values are
 * ascending (as numpy's `eigh`); each eigenvector column has its largest-magnitude
 * entry positive. Only the lower triangle is read; the matrix is checked for symmetry
 * to a relative 1e-10.
 *
 * @param A Symmetric matrix [n, n].
 * @param options `vectors: false` for eigenvalues only.
 * @returns `{values, vectors}`.
 *
 * @example
 * ```ts
 * import { eigh, fromRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const { values, vectors } = eigh(fromRows([[2, 1], [1, 2]]));
 * assert.ok(Math.abs(values[0]! - 1) < 1e-14 && Math.abs(values[1]! - 3) < 1e-14);
 * assert.ok(Math.abs(vectors!.data[1]! - Math.SQRT1_2) < 1e-14);
 * ```
 */
export function eigh(A: MatrixLike, options: EighOptions = {}): Eigh {
  const { vectors = true } = options;
  const ctx = "Cannot compute symmetric eigendecomposition";
  const a = asMatrix(A, "A", { context: ctx });
  if (a.rows !== a.cols) {
    throw new TypeError(`${ctx}: \`A\` must be square: got shape [${a.rows}, ${a.cols}]`);
  }
  const n = a.rows;
  let maxAbs = 0;
  for (let k = 0; k < a.data.length; k++) maxAbs = Math.max(maxAbs, Math.abs(a.data[k]!));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const d = Math.abs(a.data[i * n + j]! - a.data[j * n + i]!);
      if (d > 1e-10 * maxAbs) {
        throw new RangeError(
          `${ctx}: \`A\` must be symmetric: A[${i}, ${j}] = ${
            a.data[i * n + j]
          } but A[${j}, ${i}] = ${a.data[j * n + i]}`,
        );
      }
    }
  }
  const raw = getBackend().eigh(a, vectors);
  if (!raw.vectors) return { values: raw.values };
  const V = { rows: n, cols: n, data: raw.vectors.data.slice() };
  fixColumnSigns(V.data, n, n);
  return { values: raw.values, vectors: V };
}
