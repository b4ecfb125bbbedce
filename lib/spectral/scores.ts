/**
 * Per-neuron regression scores on a set of rows: squared error, R² and
 * Pearson r. {@link rowScores}, the public entry, refuses a target constant on
 * the scored rows (R² and r are undefined for it). Inside learning curves,
 * where a small subset may leave one neuron constant, {@link scoresFromStats}
 * follows scikit-learn's finite conventions instead: R² is 1 for a perfect fit
 * and 0 otherwise when the targets are constant on the rows; r is 0 when the
 * targets or the predictions are constant.
 *
 * @module
 */

import { asMatrix, matrixArg, type MatrixLike } from "../linalg/matrix.ts";

/** Scores of each neuron on one set of rows. */
export interface RowScores {
  /** Σ (ŷ − y)² per neuron. */
  sse: Float64Array;
  /** R² = 1 − SSE / Σ (y − ȳ)² per neuron (ȳ over these rows). */
  r2: Float64Array;
  /** Pearson correlation between ŷ and y per neuron. */
  pearson: Float64Array;
}

/** Sufficient statistics of predictions against targets on a set of rows, per neuron. */
export interface RowStats {
  /** Number of rows. */
  n: number;
  /** Means of y and of ŷ. */
  meanY: Float64Array;
  /** Means of ŷ per neuron. */
  meanH: Float64Array;
  /** Σ(y − ȳ)², Σ(ŷ − ŷ̄)², Σ(y − ȳ)(ŷ − ŷ̄) and Σ(ŷ − y)². */
  syy: Float64Array;
  /** Σ(ŷ − ŷ̄)² per neuron. */
  shh: Float64Array;
  /** Σ(y − ȳ)(ŷ − ŷ̄) per neuron. */
  syh: Float64Array;
  /** Σ(ŷ − y)² per neuron. */
  sse: Float64Array;
}

/**
 * Per-neuron means and centred sums of squares and products of `Y` and `Yhat` on
 * the given rows (two passes, so no cancellation).
 *
 * @param Y Targets [P, N].
 * @param Yhat Predictions [P, N].
 * @param rows Row indices (all rows when omitted).
 * @returns The {@link RowStats}.
 *
 * @example Sums of one neuron
 * ```ts
 * import { rowStats } from "./scores.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const s = rowStats(fromRows([[1], [3]]), fromRows([[2], [2]]));
 * assert.deepEqual([s.n, s.meanY[0], s.syy[0], s.shh[0], s.sse[0]], [2, 2, 2, 0, 2]);
 * ```
 */
export function rowStats(Y: MatrixLike, Yhat: MatrixLike, rows?: ArrayLike<number>): RowStats {
  Y = matrixArg(Y, "Y");
  Yhat = matrixArg(Yhat, "Yhat");
  const N = Y.cols;
  const n = rows ? rows.length : Y.rows;
  const at = rows ? (k: number) => rows[k]! * N : (k: number) => k * N;
  const meanY = new Float64Array(N), meanH = new Float64Array(N);
  for (let k = 0; k < n; k++) {
    const o = at(k);
    for (let j = 0; j < N; j++) {
      meanY[j] += Y.data[o + j]!;
      meanH[j] += Yhat.data[o + j]!;
    }
  }
  for (let j = 0; j < N; j++) {
    meanY[j] /= n;
    meanH[j] /= n;
  }
  const sse = new Float64Array(N), syy = new Float64Array(N);
  const shh = new Float64Array(N), syh = new Float64Array(N);
  for (let k = 0; k < n; k++) {
    const o = at(k);
    for (let j = 0; j < N; j++) {
      const y = Y.data[o + j]!, h = Yhat.data[o + j]!;
      const e = h - y, dy = y - meanY[j]!, dh = h - meanH[j]!;
      sse[j] += e * e;
      syy[j] += dy * dy;
      shh[j] += dh * dh;
      syh[j] += dy * dh;
    }
  }
  return { n, meanY, meanH, syy, shh, syh, sse };
}

/**
 * Statistics of the union of two disjoint row sets, from each set's statistics
 * (the pairwise update of Chan, Golub & LeVeque for centred sums).
 *
 * @param a Statistics of one set.
 * @param b Statistics of the other.
 * @returns Statistics of both together.
 *
 * @example Equals the statistics of all rows at once
 * ```ts
 * import { mergeStats, rowStats } from "./scores.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const Y = fromRows([[1], [4], [2]]), H = fromRows([[0], [3], [3]]);
 * const m = mergeStats(rowStats(Y, H, [0]), rowStats(Y, H, [1, 2]));
 * const all = rowStats(Y, H);
 * assert.ok(Math.abs(m.syh[0]! - all.syh[0]!) < 1e-14 && Math.abs(m.syy[0]! - all.syy[0]!) < 1e-14);
 * ```
 */
export function mergeStats(a: RowStats, b: RowStats): RowStats {
  const N = a.meanY.length, n = a.n + b.n;
  const w = (a.n * b.n) / n;
  const out: RowStats = {
    n,
    meanY: new Float64Array(N),
    meanH: new Float64Array(N),
    syy: new Float64Array(N),
    shh: new Float64Array(N),
    syh: new Float64Array(N),
    sse: new Float64Array(N),
  };
  for (let j = 0; j < N; j++) {
    const dy = b.meanY[j]! - a.meanY[j]!, dh = b.meanH[j]! - a.meanH[j]!;
    out.meanY[j] = a.meanY[j]! + (dy * b.n) / n;
    out.meanH[j] = a.meanH[j]! + (dh * b.n) / n;
    out.syy[j] = a.syy[j]! + b.syy[j]! + dy * dy * w;
    out.shh[j] = a.shh[j]! + b.shh[j]! + dh * dh * w;
    out.syh[j] = a.syh[j]! + b.syh[j]! + dy * dh * w;
    out.sse[j] = a.sse[j]! + b.sse[j]!;
  }
  return out;
}

/**
 * SSE, R² and Pearson r per neuron from {@link RowStats}.
 *
 * @param s The statistics.
 * @returns `{sse, r2, pearson}`.
 *
 * @example A perfect fit
 * ```ts
 * import { rowStats, scoresFromStats } from "./scores.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const Y = fromRows([[1], [2], [4]]);
 * const s = scoresFromStats(rowStats(Y, Y));
 * assert.deepEqual([s.r2[0], s.pearson[0], s.sse[0]], [1, 1, 0]);
 * ```
 */
export function scoresFromStats(s: RowStats): RowScores {
  const N = s.meanY.length;
  const r2 = new Float64Array(N), pearson = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    const syy = s.syy[j]!, sse = s.sse[j]!;
    r2[j] = !constantTarget(s, j) ? 1 - sse / syy : sse === 0 ? 1 : 0;
    const den = Math.sqrt(syy * s.shh[j]!);
    pearson[j] = den > 0 && !constantTarget(s, j) ? Math.max(-1, Math.min(1, s.syh[j]! / den)) : 0;
  }
  return { sse: s.sse, r2, pearson };
}

/** Whether neuron j's targets are constant on the rows, up to the rounding of their mean. */
function constantTarget(s: RowStats, j: number): boolean {
  const spread = s.n * Number.EPSILON * Math.abs(s.meanY[j]!);
  return !(s.syy[j]! > s.n * spread * spread);
}

/**
 * Per-neuron SSE, R² and Pearson r of predictions `Yhat` against `Y` on the given rows.
 * R² and r are undefined for a neuron whose targets are constant on those rows: that is
 * an error naming the neuron. Constant predictions (a non-constant target) give r = 0.
 *
 * @param Y Targets [P, N].
 * @param Yhat Predictions [P, N].
 * @param rows Row indices to score, at least 2 (all rows when omitted).
 * @returns `{sse, r2, pearson}`.
 * @throws {TypeError} When `Y` and `Yhat` differ in shape.
 * @throws {RangeError} For a non-finite entry, a bad row index, fewer than 2 rows, or a
 *   target constant on the rows.
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
 *
 * @example A constant target has no R²
 * ```ts
 * import { rowScores } from "./scores.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => rowScores([[1, 5], [2, 5], [3, 5]], [[1, 5], [2, 5], [3, 5]]), {
 *   name: "RangeError",
 *   message:
 *     "Cannot score predictions: `Y` column 1 is constant on the 3 scored rows (every value is 5): R² and Pearson r are undefined for it",
 * });
 * ```
 */
export function rowScores(Y: MatrixLike, Yhat: MatrixLike, rows?: ArrayLike<number>): RowScores {
  const ctx = "Cannot score predictions";
  const A = asMatrix(Y, "Y", { context: ctx }), H = asMatrix(Yhat, "Yhat", { context: ctx });
  if (A.rows !== H.rows || A.cols !== H.cols) {
    throw new TypeError(
      `${ctx}: \`Y\` and \`Yhat\` must have the same shape: got [${A.rows}, ${A.cols}] and [${H.rows}, ${H.cols}]`,
    );
  }
  if (rows !== undefined) {
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      if (!Number.isInteger(r) || r < 0 || r >= A.rows) {
        throw new RangeError(
          `${ctx}: \`rows[${k}]\` must be a row index in [0, ${A.rows - 1}]: got ${r}`,
        );
      }
    }
  }
  const n = rows ? rows.length : A.rows;
  if (n < 2) {
    throw new RangeError(`${ctx}: need at least 2 rows to score: got ${n}`);
  }
  const s = rowStats(A, H, rows);
  for (let j = 0; j < A.cols; j++) {
    if (constantTarget(s, j)) {
      const first = A.data[(rows ? rows[0]! : 0) * A.cols + j];
      throw new RangeError(
        `${ctx}: \`Y\` column ${j} is constant on the ${n} scored rows (every value is ${first}): R² and Pearson r are undefined for it`,
      );
    }
  }
  return scoresFromStats(s);
}
