/**
 * Symmetric eigendecomposition: Householder tridiagonalisation, then implicit
 * QR on the tridiagonal with the rotations applied to the rows of Qᵀ.
 *
 * @module
 */

import type { RawEigh } from "../backend.ts";
import type { Matrix } from "../matrix.ts";
import { formTridiagonalQt, tridiagonalize } from "./tridiagonal.ts";
import { tridiagonalEigen } from "./tridiagonal_qr.ts";
import { transposeData } from "./util.ts";

/**
 * Eigenvalues ascending (and eigenvectors as columns) of a symmetric matrix,
 * reading only its lower triangle.
 *
 * @param A Symmetric matrix [n, n].
 * @param vectors Also compute eigenvectors.
 * @returns `{values, vectors?}`.
 *
 * @example
 * ```ts
 * import { eigh } from "./eigh.ts";
 * import assert from "node:assert/strict";
 * const { values } = eigh({ rows: 2, cols: 2, data: new Float64Array([2, 1, 1, 2]) }, false);
 * assert.ok(Math.abs(values[0]! - 1) < 1e-15 && Math.abs(values[1]! - 3) < 1e-15);
 * ```
 */
export function eigh(A: Matrix, vectors: boolean): RawEigh {
  const n = A.rows;
  if (n === 0) {
    const values = new Float64Array(0);
    return vectors
      ? { values, vectors: { rows: 0, cols: 0, data: new Float64Array(0) } }
      : { values };
  }
  const t = tridiagonalize(A.data, n);
  const zt = vectors ? formTridiagonalQt(t) : null;
  tridiagonalEigen(t.d, t.e, zt, n);
  if (!zt) return { values: t.d };
  return { values: t.d, vectors: { rows: n, cols: n, data: transposeData(zt, n, n) } };
}
