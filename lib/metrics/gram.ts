/**
 * Gram (stimulus × stimulus) matrices for kernel CKA: linear and RBF kernels,
 * double centring (HKH, biased HSIC) and U-centring (the unbiased HSIC
 * estimator of Song et al. 2012, as used for debiased CKA).
 *
 * @module
 */

import { matrixArg, type MatrixLike } from "../linalg/matrix.ts";
import type { Matrix } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";

/**
 * The linear Gram matrix K = X Xᵀ, [n, n].
 *
 * @param X Responses [n, p].
 * @returns K [n, n].
 *
 * @example Inner products of rows
 * ```ts
 * import { linearGram } from "./gram.ts";
 * import { fromRows, toRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(linearGram(fromRows([[1, 2], [0, 1]]))), [[5, 2], [2, 1]]);
 * ```
 */
export function linearGram(X: MatrixLike): Matrix {
  X = matrixArg(X, "X");
  return getBackend().gemm(X, X, false, true);
}

/** Median of the values (mean of the two middle ones for an even count), as numpy. */
function median(values: Float64Array): number {
  const s = values.slice().sort();
  const n = s.length, h = n >> 1;
  return n % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/**
 * The RBF Gram matrix K_ij = exp(−‖x_i − x_j‖² / (2σ²)) with the bandwidth set
 * from the data as in Kornblith et al. (2019): σ² = threshold² · median of all
 * n² squared distances (diagonal included), i.e. σ is `threshold` times the
 * median distance.
 *
 * @param X Responses [n, p].
 * @param threshold Bandwidth as a fraction of the median distance (> 0).
 * @returns `{K, sigma}`.
 *
 * @example Diagonal ones, symmetric
 * ```ts
 * import { rbfGram } from "./gram.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { K } = rbfGram(fromRows([[0], [1], [3]]), 1);
 * assert.equal(K.data[0], 1);
 * assert.equal(K.data[1], K.data[3]);
 * ```
 */
export function rbfGram(X: MatrixLike, threshold: number): { K: Matrix; sigma: number } {
  X = matrixArg(X, "X");
  const n = X.rows;
  const G = linearGram(X);
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) sq[i] = G.data[i * n + i]!;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      D[i * n + j] = i === j ? 0 : Math.max(0, sq[i]! + sq[j]! - 2 * G.data[i * n + j]!);
    }
  }
  const med = median(D);
  if (!(med > 0)) {
    throw new RangeError(
      "Cannot compute RBF kernel: the median squared distance between stimuli is 0 (more than half the pairs of rows are identical)",
    );
  }
  const scaleInv = 1 / (2 * threshold * threshold * med);
  for (let k = 0; k < D.length; k++) D[k] = Math.exp(-D[k]! * scaleInv);
  return { K: { rows: n, cols: n, data: D }, sigma: threshold * Math.sqrt(med) };
}

/**
 * Double centring HKH (H = I − 11ᵀ/n): subtract row and column means, add the grand mean.
 *
 * @param K Symmetric Gram matrix [n, n].
 * @returns HKH [n, n].
 *
 * @example Row and column means removed
 * ```ts
 * import { centerGram } from "./gram.ts";
 * import { fromRows, toRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(centerGram(fromRows([[2, 0], [0, 2]]))), [[1, -1], [-1, 1]]);
 * ```
 */
export function centerGram(K: MatrixLike): Matrix {
  K = matrixArg(K, "K");
  const n = K.rows, k = K.data;
  const rowMean = new Float64Array(n);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += k[i * n + j]!;
    rowMean[i] = s / n;
    grand += s;
  }
  grand /= n * n;
  const out = new Float64Array(n * n);
  // K is symmetric: column means equal row means
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = k[i * n + j]! - rowMean[i]! - rowMean[j]! + grand;
  }
  return { rows: n, cols: n, data: out };
}

/**
 * U-centring: with the diagonal of K set to zero, row sums S_i and total T,
 * K̃_ij = K_ij − S_i/(n−2) − S_j/(n−2) + T/((n−1)(n−2)) for i ≠ j and K̃_ii = 0.
 * Then ⟨K̃, L̃⟩/(n(n−3)) is the unbiased HSIC estimator. Needs n ≥ 4.
 *
 * @param K Symmetric Gram matrix [n, n], n ≥ 4.
 * @returns K̃ [n, n] with zero diagonal.
 *
 * @example Rows of a U-centred matrix sum to zero
 * ```ts
 * import { uCenterGram } from "./gram.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const K = uCenterGram(fromRows([[1, 2, 0, 1], [2, 3, 1, 0], [0, 1, 2, 2], [1, 0, 2, 5]]));
 * const rowSum = K.data.slice(0, 4).reduce((a, b) => a + b, 0);
 * assert.ok(Math.abs(rowSum) < 1e-14);
 * ```
 */
export function uCenterGram(K: MatrixLike): Matrix {
  K = matrixArg(K, "K");
  const n = K.rows, k = K.data;
  const rowSum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) if (j !== i) s += k[i * n + j]!;
    rowSum[i] = s;
    total += s;
  }
  const c = total / ((n - 1) * (n - 2));
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j) {
        out[i * n + j] = k[i * n + j]! - (rowSum[i]! + rowSum[j]!) / (n - 2) + c;
      }
    }
  }
  return { rows: n, cols: n, data: out };
}
