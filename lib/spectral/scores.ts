/**
 * Per-neuron regression scores on a set of rows: squared error, R² and
 * Pearson r. Degenerate cases follow scikit-learn's finite conventions: R² is
 * 1 for a perfect fit and 0 otherwise when the targets are constant on the
 * rows; r is 0 when the targets or the predictions are constant.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";

/** Scores of each neuron on one set of rows. */
export interface RowScores {
  /** Σ (ŷ − y)² per neuron. */
  sse: Float64Array;
  /** R² = 1 − SSE / Σ (y − ȳ)² per neuron (ȳ over these rows). */
  r2: Float64Array;
  /** Pearson correlation between ŷ and y per neuron. */
  pearson: Float64Array;
}

/**
 * Per-neuron SSE, R² and Pearson r of predictions `Yhat` against `Y` on the given rows.
 *
 * @param Y Targets [P, N].
 * @param Yhat Predictions [P, N].
 * @param rows Row indices to score (all rows when omitted).
 * @returns `{sse, r2, pearson}`.
 *
 * @example Predictions off by a factor of two
 * ```ts
 * import { rowScores } from "./scores.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const s = rowScores(fromRows([[1], [2], [3]]), fromRows([[2], [4], [6]]));
 * assert.equal(s.sse[0], 14);
 * assert.equal(s.pearson[0], 1);
 * assert.equal(s.r2[0], 1 - 14 / 2);
 * ```
 */
export function rowScores(Y: Matrix, Yhat: Matrix, rows?: ArrayLike<number>): RowScores {
  const N = Y.cols;
  const idx = rows ?? Array.from({ length: Y.rows }, (_, i) => i);
  const n = idx.length;
  const my = new Float64Array(N), mh = new Float64Array(N);
  for (let k = 0; k < n; k++) {
    const o = idx[k]! * N;
    for (let j = 0; j < N; j++) {
      my[j] += Y.data[o + j]!;
      mh[j] += Yhat.data[o + j]!;
    }
  }
  for (let j = 0; j < N; j++) {
    my[j] /= n;
    mh[j] /= n;
  }
  const sse = new Float64Array(N), syy = new Float64Array(N);
  const shh = new Float64Array(N), syh = new Float64Array(N);
  for (let k = 0; k < n; k++) {
    const o = idx[k]! * N;
    for (let j = 0; j < N; j++) {
      const y = Y.data[o + j]!, h = Yhat.data[o + j]!;
      const e = h - y, dy = y - my[j]!, dh = h - mh[j]!;
      sse[j] += e * e;
      syy[j] += dy * dy;
      shh[j] += dh * dh;
      syh[j] += dy * dh;
    }
  }
  const r2 = new Float64Array(N), pearson = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    r2[j] = syy[j]! > 0 ? 1 - sse[j]! / syy[j]! : sse[j] === 0 ? 1 : 0;
    const den = Math.sqrt(syy[j]! * shh[j]!);
    pearson[j] = den > 0 ? Math.max(-1, Math.min(1, syh[j]! / den)) : 0;
  }
  return { sse, r2, pearson };
}
