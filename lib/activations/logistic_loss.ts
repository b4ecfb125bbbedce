/**
 * The smooth part of the logistic-regression objective and its gradient, for
 * the binary (sigmoid, one output row) and multinomial (softmax, one row per
 * class) models. Parameters are packed as `theta = [W (rows × d, row-major), b (rows)]`.
 *
 * The loss is the mean negative log-likelihood over samples, so the scale of
 * the objective does not grow with `n`.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { matmul } from "../linalg/products.ts";

/**
 * Number of parameter rows: 1 for two classes (sigmoid), else one per class.
 *
 * @param nClasses Number of classes.
 * @returns The number of weight rows.
 *
 * @example
 * ```ts
 * import { outputRows } from "./logistic_loss.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([outputRows(2), outputRows(3)], [1, 3]);
 * ```
 */
export function outputRows(nClasses: number): number {
  return nClasses === 2 ? 1 : nClasses;
}

/**
 * Decision values Z = X Wᵀ + b, [n, rows], for packed parameters.
 *
 * @param X Features [n, d].
 * @param theta Packed parameters (`rows·d` weights then `rows` intercepts).
 * @param rows Number of output rows.
 * @returns Z as a matrix [n, rows].
 *
 * @example One feature, one row
 * ```ts
 * import { decisionValues } from "./logistic_loss.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const Z = decisionValues(fromRows([[1], [2]]), new Float64Array([3, -1]), 1);
 * assert.deepEqual(Array.from(Z.data), [2, 5]);
 * ```
 */
export function decisionValues(X: Matrix, theta: Float64Array, rows: number): Matrix {
  const d = X.cols, n = X.rows;
  const W: Matrix = { rows, cols: d, data: theta.subarray(0, rows * d) };
  let Z: Matrix;
  if (n * d * rows >= 4096) {
    Z = matmul(X, W, { transB: true });
  } else {
    Z = { rows: n, cols: rows, data: new Float64Array(n * rows) };
    for (let i = 0; i < n; i++) {
      for (let r = 0; r < rows; r++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += X.data[i * d + j]! * W.data[r * d + j]!;
        Z.data[i * rows + r] = s;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < rows; r++) Z.data[i * rows + r]! += theta[rows * d + r]!;
  }
  return Z;
}

/**
 * log(1 + e^z) without overflow.
 *
 * @param z Any number.
 * @returns log(1 + e^z).
 *
 * @example
 * ```ts
 * import { log1pExp } from "./logistic_loss.ts";
 * import assert from "node:assert/strict";
 * assert.equal(log1pExp(1000), 1000);
 * assert.equal(log1pExp(0), Math.LN2);
 * ```
 */
export function log1pExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * The logistic function 1 / (1 + e^−z), without overflow.
 *
 * @param z Any number.
 * @returns σ(z) in [0, 1].
 *
 * @example
 * ```ts
 * import { sigmoid } from "./logistic_loss.ts";
 * import assert from "node:assert/strict";
 * assert.equal(sigmoid(0), 0.5);
 * assert.equal(sigmoid(-1000), 0);
 * ```
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Mean negative log-likelihood and, optionally, its gradient with respect to the
 * packed parameters. Also returns the residuals R = P − Y ([n, rows]) used by
 * the Newton solver.
 *
 * @param X Features [n, d].
 * @param y Class labels in `0 … nClasses−1`.
 * @param theta Packed parameters.
 * @param nClasses Number of classes (2 → sigmoid model).
 * @param grad When given, receives the gradient (same length as `theta`).
 * @returns The loss, the decision values and the residuals (or probabilities for binary).
 *
 * @example The loss at zero parameters is log K
 * ```ts
 * import { logisticLoss } from "./logistic_loss.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const r = logisticLoss(fromRows([[1], [2], [3]]), Int32Array.from([0, 1, 2]), new Float64Array(6), 3);
 * assert.ok(Math.abs(r.loss - Math.log(3)) < 1e-15);
 * ```
 */
export function logisticLoss(
  X: Matrix,
  y: Int32Array,
  theta: Float64Array,
  nClasses: number,
  grad?: Float64Array,
): { loss: number; Z: Matrix; P: Matrix } {
  const n = X.rows, d = X.cols, rows = outputRows(nClasses);
  const Z = decisionValues(X, theta, rows);
  const P: Matrix = { rows: n, cols: rows, data: new Float64Array(n * rows) };
  let loss = 0;
  if (rows === 1) {
    for (let i = 0; i < n; i++) {
      const z = Z.data[i]!;
      loss += log1pExp(z) - (y[i] === 1 ? z : 0);
      P.data[i] = sigmoid(z);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const o = i * rows;
      let m = -Infinity;
      for (let r = 0; r < rows; r++) if (Z.data[o + r]! > m) m = Z.data[o + r]!;
      let s = 0;
      for (let r = 0; r < rows; r++) s += Math.exp(Z.data[o + r]! - m);
      const lse = m + Math.log(s);
      loss += lse - Z.data[o + y[i]!]!;
      for (let r = 0; r < rows; r++) P.data[o + r] = Math.exp(Z.data[o + r]! - lse);
    }
  }
  loss /= n;
  if (grad) {
    // R = (P − Y) / n; dW = Rᵀ X; db = column sums of R.
    const R: Matrix = { rows: n, cols: rows, data: new Float64Array(n * rows) };
    for (let i = 0; i < n; i++) {
      for (let r = 0; r < rows; r++) {
        const target = rows === 1 ? (y[i] === 1 ? 1 : 0) : (y[i] === r ? 1 : 0);
        R.data[i * rows + r] = (P.data[i * rows + r]! - target) / n;
      }
    }
    let G: Float64Array;
    if (n * d * rows >= 4096) {
      G = matmul(R, X, { transA: true }).data;
    } else {
      G = new Float64Array(rows * d);
      for (let i = 0; i < n; i++) {
        for (let r = 0; r < rows; r++) {
          const v = R.data[i * rows + r]!;
          if (v === 0) continue;
          for (let j = 0; j < d; j++) G[r * d + j]! += v * X.data[i * d + j]!;
        }
      }
    }
    grad.set(G, 0);
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += R.data[i * rows + r]!;
      grad[rows * d + r] = s;
    }
  }
  return { loss, Z, P };
}
