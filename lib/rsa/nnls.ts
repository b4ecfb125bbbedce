/**
 * Non-negative least squares in normal-equation form (Lawson & Hanson 1974,
 * exact active set): minimise ½wᵀQw − rᵀw subject to w ≥ 0, which has the
 * solution of min ‖Xw − y‖ over w ≥ 0 when Q = XᵀX and r = Xᵀy.
 *
 * @module
 */

import { matrixArg, type MatrixLike } from "../linalg/matrix.ts";
import { lstsq } from "../linalg/lstsq.ts";
import type { Matrix } from "../linalg/matrix.ts";

/** Minimum-norm solution of Q_PP s = r_P on the index set P. */
function solveOn(Q: Matrix, r: ArrayLike<number>, P: number[]): Float64Array {
  const k = P.length, M = Q.cols;
  const A = new Float64Array(k * k), b = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    b[a] = r[P[a]!]!;
    for (let c = 0; c < k; c++) A[a * k + c] = Q.data[P[a]! * M + P[c]!]!;
  }
  return lstsq({ rows: k, cols: k, data: A }, { rows: k, cols: 1, data: b }).x.data;
}

/**
 * Lawson–Hanson non-negative least squares on the Gram matrix.
 *
 * @param Q `[M, M]` Gram matrix XᵀX (symmetric positive semi-definite).
 * @param r Xᵀy, length M.
 * @returns w ≥ 0 minimising ½wᵀQw − rᵀw.
 *
 * @example A negative unconstrained weight is set to zero
 * ```ts
 * import { nnlsGram } from "./nnls.ts";
 * import assert from "node:assert/strict";
 * // X = I, y = [1, -2]: the unconstrained solution is [1, -2]
 * const w = nnlsGram({ rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 1]) }, [1, -2]);
 * assert.deepEqual(Array.from(w), [1, 0]);
 * ```
 */
export function nnlsGram(Q: MatrixLike, r: ArrayLike<number>): Float64Array {
  Q = matrixArg(Q, "Q");
  const M = Q.cols;
  const w = new Float64Array(M);
  const passive = new Uint8Array(M);
  let scale = 0;
  for (let k = 0; k < Q.data.length; k++) scale = Math.max(scale, Math.abs(Q.data[k]!));
  for (let k = 0; k < M; k++) scale = Math.max(scale, Math.abs(r[k]!));
  const tol = 1e-12 * Math.max(scale, 1e-300) * M;
  const gradient = () => {
    const g = new Float64Array(M);
    for (let i = 0; i < M; i++) {
      let s = r[i]!;
      for (let j = 0; j < M; j++) s -= Q.data[i * M + j]! * w[j]!;
      g[i] = s;
    }
    return g;
  };
  for (let outer = 0; outer < 3 * M + 10; outer++) {
    const g = gradient();
    let best = -1, bestG = tol;
    for (let j = 0; j < M; j++) {
      if (!passive[j] && g[j]! > bestG) {
        best = j;
        bestG = g[j]!;
      }
    }
    if (best < 0) break;
    passive[best] = 1;
    for (let inner = 0; inner < 3 * M + 10; inner++) {
      const P = [...passive.keys()].filter((j) => passive[j]);
      const s = solveOn(Q, r, P);
      let alpha = Infinity;
      for (let a = 0; a < P.length; a++) {
        if (s[a]! <= 0) {
          const j = P[a]!;
          alpha = Math.min(alpha, w[j]! / (w[j]! - s[a]!));
        }
      }
      if (alpha === Infinity) {
        w.fill(0);
        P.forEach((j, a) => (w[j] = s[a]!));
        break;
      }
      P.forEach((j, a) => (w[j] = w[j]! + alpha * (s[a]! - w[j]!)));
      for (const j of P) {
        if (w[j]! <= tol) {
          w[j] = 0;
          passive[j] = 0;
        }
      }
    }
  }
  return w;
}
