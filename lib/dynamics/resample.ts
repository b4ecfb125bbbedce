/**
 * Resampling trials without re-embedding: per-trial sufficient statistics of
 * HAVOK DMD (`fitDmd`) from which the fit on any multiset of the trials (a
 * bootstrap draw) follows by summing.
 *
 * For trial k let Ĥ_k = [H_k, 1] be its Hankel matrix with a column of ones and
 * Ĥ_k = Q_k R_k its thin QR. Standardising (centring and scaling) is Ĥ_k M for
 * a (width + 1) × width matrix M built from the draw's moments, so the Hankel
 * matrix of a draw is blockdiag(Q_k)·[R_k M]_k, and its singular values and
 * right singular vectors are those of the small stack B = [R_k M]_k = W Σ Uᵀ.
 * The V-coordinates of trial k are then Q_k W_k, so the normal equations of
 * the regression are sums of per-trial terms
 * V₋ᵀV₋ = Σ W_kᵀ(I − q_kᵀq_k)W_k (q_k: last row of Q_k) and
 * V₋ᵀV₊ = Σ W_kᵀ S_k W_k (S_k = Q_k,₋ᵀQ_k,₊, shifted by one row). Only
 * orthonormal factors enter, so nothing is squared: the refit agrees with
 * `fitDmd` on the resampled data to rounding, up to the sign of each singular
 * vector (A_v ↦ S A_v S, which no DSA score sees).
 *
 * @module
 */

import { getBackend } from "../linalg/backend.ts";
import type { Matrix } from "../linalg/matrix.ts";
import { svd } from "../linalg/svd.ts";
import { asTrials, type TimeSeriesLike } from "./data.ts";
import { mm, spdSolve } from "./dense.ts";
import type { DmdOptions } from "./dmd.ts";
import { embedTrials } from "./embed.ts";
import { selectDmdRank } from "./rank.ts";
import { checkOptions } from "../validate/options.ts";
import { DMD_OPTIONS } from "./option_kinds.ts";

/** Per-trial sufficient statistics of HAVOK DMD (plain data). */
export interface TrialStatistics {
  /** Observed dimensions N. */
  dims: number;
  /** Hankel width N·D. */
  width: number;
  /** The DMD options (delays, rank rule, ridge, centring, scaling). */
  options: DmdOptions;
  /** Samples per trial. */
  counts: number[];
  /** Per trial: Σ_t x_t [N]. */
  sums: Float64Array[];
  /** Per trial: Σ_t x_t² [N]. */
  squares: Float64Array[];
  /** Per trial: R_k [p_k, width + 1] of the thin QR of [H_k, 1], p_k = min(rows, width + 1). */
  R: Float64Array[];
  /** Per trial: the last row of Q_k [p_k]. */
  last: Float64Array[];
  /** Per trial: S_k = Q_k,₋ᵀ Q_k,₊ [p_k, p_k]. */
  S: Float64Array[];
}

/**
 * Compute the per-trial statistics of {@link refitTrials} (one delay embedding
 * and one small QR per trial).
 *
 * @param X Data `[trials, time, dims]` (or `[time, dims]`: one trial).
 * @param options DMD options, as for `fitDmd`.
 * @returns The statistics.
 *
 * @example One record per trial
 * ```ts
 * import { trialStatistics } from "./resample.ts";
 * import assert from "node:assert/strict";
 * const X = [0, 1, 2].map((k) => Array.from({ length: 30 }, (_, t) => [Math.cos(0.3 * t + k), Math.sin(0.2 * t)]));
 * const s = trialStatistics(X, { nDelays: 2 });
 * assert.deepEqual([s.counts, s.width, s.R.length], [[30, 30, 30], 4, 3]);
 * ```
 */
export function trialStatistics(X: TimeSeriesLike, options: DmdOptions = {}): TrialStatistics {
  const context = "Cannot compute trial statistics";
  checkOptions(options, DMD_OPTIONS, context);
  const { nDelays = 1, delayInterval = 1 } = options;
  const trials = asTrials(X, "X", context);
  const N = trials.dims, width = N * nDelays, w1 = width + 1;
  const be = getBackend();
  const out: TrialStatistics = {
    dims: N,
    width,
    options: { ...options },
    counts: [],
    sums: [],
    squares: [],
    R: [],
    last: [],
    S: [],
  };
  let offset = 0;
  for (const T of trials.lengths) {
    const data = trials.data.subarray(offset * N, (offset + T) * N);
    offset += T;
    const sum = new Float64Array(N), sq = new Float64Array(N);
    for (let t = 0; t < T; t++) {
      for (let c = 0; c < N; c++) {
        const v = data[t * N + c]!;
        sum[c] += v;
        sq[c] += v * v;
      }
    }
    const H = embedTrials(
      { dims: N, lengths: [T], data, batched: false },
      nDelays,
      delayInterval,
      context,
    ).H;
    const rows = H.rows;
    const A = new Float64Array(rows * w1);
    for (let i = 0; i < rows; i++) {
      A.set(H.data.subarray(i * width, (i + 1) * width), i * w1);
      A[i * w1 + width] = 1;
    }
    const { Q, R } = be.qr({ rows, cols: w1, data: A });
    const p = Q.cols;
    const S = rows > 1
      ? mm(Q.data.subarray(0, (rows - 1) * p), Q.data.subarray(p), p, rows - 1, p, true, false)
      : new Float64Array(p * p);
    out.counts.push(T);
    out.sums.push(sum);
    out.squares.push(sq);
    out.R.push(R.data.slice());
    out.last.push(Q.data.slice((rows - 1) * p, rows * p));
    out.S.push(S);
  }
  return out;
}

/** A HAVOK DMD operator refitted from trial statistics. */
export interface TrialRefit {
  /** A_v [r, r] (up to the signs of the singular vectors, see the module notes). */
  Av: Matrix;
  /** Rank r used. */
  rank: number;
  /** Singular values of the draw's Hankel matrix, descending. */
  singularValues: Float64Array;
}

/**
 * Check a draw of trials: at least one index, each an integer in 0…K − 1 (repeats allowed).
 *
 * @param draw Trial indices.
 * @param K Number of trials.
 * @param context Message prefix.
 *
 * @example
 * ```ts
 * import { checkDraw } from "./resample.ts";
 * import assert from "node:assert/strict";
 * checkDraw([0, 2, 2], 3, "ctx");
 * assert.throws(() => checkDraw([3], 3, "ctx"), /trial indices in 0…2: got 3 at 0/);
 * ```
 */
export function checkDraw(draw: ArrayLike<number>, K: number, context: string): void {
  if (draw.length === 0) throw new RangeError(`${context}: \`draw\` must list at least one trial`);
  for (let i = 0; i < draw.length; i++) {
    const k = draw[i]!;
    if (!Number.isInteger(k) || k < 0 || k >= K) {
      throw new RangeError(
        `${context}: \`draw\` must hold trial indices in 0…${K - 1}: got ${k} at ${i}`,
      );
    }
  }
}

/**
 * HAVOK DMD of the trials listed in `draw` (with repetitions, in any order),
 * from their statistics: equal to `fitDmd` on those trials stacked, to rounding
 * and up to S A_v S with S = diag(±1).
 *
 * @param stats From {@link trialStatistics}.
 * @param draw Trial indices (e.g. a bootstrap draw).
 * @returns The operator, rank and singular values.
 *
 * @example All trials give fitDmd's eigenvalues
 * ```ts
 * import { refitTrials, trialStatistics } from "./resample.ts";
 * import { fitDmd } from "./dmd.ts";
 * import { eig } from "../linalg/eig.ts";
 * import assert from "node:assert/strict";
 * const X = [0, 1, 2].map((k) => Array.from({ length: 40 }, (_, t) => [Math.cos(0.3 * t + k), Math.sin(0.2 * t + k)]));
 * const refit = refitTrials(trialStatistics(X, { nDelays: 2, rank: 3 }), [0, 1, 2]);
 * const fit = fitDmd(X, { nDelays: 2, rank: 3 });
 * const sorted = (A: { rows: number; cols: number; data: Float64Array }) => Array.from(eig(A).re).sort();
 * sorted(refit.Av).forEach((v, i) => assert.ok(Math.abs(v - sorted(fit.Av)[i]!) < 1e-10));
 * ```
 */
export function refitTrials(stats: TrialStatistics, draw: ArrayLike<number>): TrialRefit {
  const context = "Cannot refit DMD from trial statistics";
  const { dims: N, width, options } = stats;
  const { nDelays = 1, ridge = 1e-8, center = false, scale = false } = options;
  const K = stats.counts.length, w1 = width + 1;
  checkDraw(draw, K, context);
  // the draw's moments, as `moments` computes them over all of its samples
  const means = new Float64Array(N), scales = new Float64Array(N).fill(1);
  if (center || scale) {
    let n = 0;
    const s1 = new Float64Array(N), s2 = new Float64Array(N);
    for (let i = 0; i < draw.length; i++) {
      const k = draw[i]!;
      n += stats.counts[k]!;
      for (let c = 0; c < N; c++) {
        s1[c] += stats.sums[k]![c]!;
        s2[c] += stats.squares[k]![c]!;
      }
    }
    for (let c = 0; c < N; c++) {
      const mu = s1[c]! / n;
      if (center) means[c] = mu;
      if (scale) {
        const sd = Math.sqrt(Math.max(0, s2[c]! / n - mu * mu));
        scales[c] = sd > 0 ? sd : 1;
      }
    }
  }
  // M maps [H, 1] to the standardised Hankel matrix (H − 1μ̃ᵀ) diag(1/s̃)
  const M = new Float64Array(w1 * width);
  for (let j = 0; j < width; j++) {
    const c = j % N;
    M[j * width + j] = 1 / scales[c]!;
    M[width * width + j] = -means[c]! / scales[c]!;
  }
  const blocks: { k: number; p: number; row: number }[] = [];
  let rows = 0;
  for (let i = 0; i < draw.length; i++) {
    const k = draw[i]!, p = stats.R[k]!.length / w1;
    blocks.push({ k, p, row: rows });
    rows += p;
  }
  const B = new Float64Array(rows * width);
  for (const { k, p, row } of blocks) {
    B.set(mm(stats.R[k]!, M, p, w1, width), row * width);
  }
  const f = svd({ rows, cols: width, data: B });
  const s = f.s, q = s.length;
  const r = selectDmdRank(s, width, options, context);
  const G = new Float64Array(r * r), P = new Float64Array(r * r);
  for (const { k, p, row } of blocks) {
    // W_k: this block's rows of the left singular vectors, first r columns
    const Wk = new Float64Array(p * r);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < r; j++) Wk[i * r + j] = f.U.data[(row + i) * q + j]!;
    }
    const WtW = mm(Wk, Wk, r, p, r, true, false);
    const lw = mm(stats.last[k]!, Wk, 1, p, r);
    const SW = mm(stats.S[k]!, Wk, p, p, r);
    const WSW = mm(Wk, SW, r, p, r, true, false);
    for (let a = 0; a < r; a++) {
      for (let b = 0; b < r; b++) {
        G[a * r + b] += WtW[a * r + b]! - lw[a]! * lw[b]!;
        P[a * r + b] += WSW[a * r + b]!;
      }
    }
  }
  for (let a = 0; a < r; a++) G[a * r + a] += ridge;
  const Wt = spdSolve(G, P, r, r, 1e-14 * r);
  if (!Wt) {
    throw new RangeError(
      `${context}: the regression is singular for this draw at rank ${r} (nDelays = ${nDelays}): increase \`ridge\` or lower \`rank\`: got ridge = ${ridge}`,
    );
  }
  const Av = new Float64Array(r * r);
  for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) Av[b * r + a] = Wt[a * r + b]!;
  return { Av: { rows: r, cols: r, data: Av }, rank: r, singularValues: s };
}
