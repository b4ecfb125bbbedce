/**
 * Feature standardisation (zero mean, unit variance per column), fitted on one
 * set and applied to held-out rows — scikit-learn's `StandardScaler` convention
 * (population standard deviation; constant columns keep scale 1).
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";

/** A fitted standardiser: plain data. */
export interface Standardizer {
  /** Column means. */
  mean: number[];
  /** Column standard deviations (1 where a column is constant). */
  scale: number[];
}

/**
 * Fit column means and standard deviations.
 *
 * @param X Features [nSamples, nFeatures].
 * @returns The standardiser.
 *
 * @example
 * ```ts
 * import { fitStandardizer } from "./standardize.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(fitStandardizer([[1, 5], [3, 5]]), { mean: [2, 5], scale: [1, 1] });
 * ```
 */
export function fitStandardizer(X: MatrixLike): Standardizer {
  const A = asMatrix(X, "X", { context: "Cannot fit standardiser" });
  const n = A.rows, d = A.cols;
  const mean = new Array<number>(d).fill(0), scale = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += A.data[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const e = A.data[i * d + j]! - mean[j]!;
      scale[j]! += e * e;
    }
  }
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(scale[j]! / n);
    scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mean[j]!)) ? sd : 1;
  }
  return { mean, scale };
}

/**
 * Apply a fitted standardiser: (X − mean) / scale. The input is not modified.
 *
 * @param s A fitted standardiser.
 * @param X Features [nSamples, nFeatures].
 * @returns The standardised features.
 *
 * @example
 * ```ts
 * import { standardize } from "./standardize.ts";
 * import assert from "node:assert/strict";
 * const Z = standardize({ mean: [2], scale: [2] }, [[4], [0]]);
 * assert.deepEqual(Array.from(Z.data), [1, -1]);
 * ```
 */
export function standardize(s: Standardizer, X: MatrixLike): Matrix {
  const ctx = "Cannot standardise";
  const A = asMatrix(X, "X", { context: ctx, nonEmpty: false });
  const d = s.mean.length;
  if (A.cols !== d) {
    throw new TypeError(
      `${ctx}: \`X\` must have ${d} columns like the fitted standardiser: got shape [${A.rows}, ${A.cols}]`,
    );
  }
  const out = new Float64Array(A.data.length);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < d; j++) out[i * d + j] = (A.data[i * d + j]! - s.mean[j]!) / s.scale[j]!;
  }
  return { rows: A.rows, cols: d, data: out };
}
