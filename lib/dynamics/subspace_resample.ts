/**
 * Resampling trials of subspace DMDc (`fitSubspaceDmdc`) without rebuilding
 * the Hankel matrices: per-trial statistics from which the fit on any multiset
 * of the trials (a bootstrap draw) follows by stacking small factors.
 *
 * For trial k let Ĥ_k = [H_kᵀ, 1] be its Hankel rows ([U_f | U_p | Y_p | Y_f],
 * one row per Hankel column, see `subspace_core.ts`) with a column of ones, and
 * Ĥ_k = Q_k R_k its thin QR. Centring on the draw's means is Ĥ_k M for a
 * (width + 1) × width matrix M, so the Hankel rows of a draw are
 * blockdiag(Q_k)·[R_k M]_k, and the QR of the small stack [R_k M]_k = Q_B R
 * gives the R factor of the draw's Hᵀ (the same R as a direct QR, its diagonal
 * made non-negative) and Q = blockdiag(Q_k) Q_B. The oblique projection, the
 * order and the state basis Vs need R only; the states of trial k are
 * X̂_kᵀ = Q_k W_k with W_k = (Q_B)_k,₁₂ Vs. Both regressions of the fit then
 * reduce to small least-squares problems with the same solution:
 * - outputs: regressors Q_k [W_k, (R_k M)_{U_f,0}], targets Q_k (R_k M)_{Y_f,0}, and
 *   Q_k has orthonormal columns, so the rows [W_k, (R_k M)_{U_f,0}] and (R_k M)_{Y_f,0}
 *   give the same residual norms;
 * - states: regressors Q_k,₋ G_k and targets Q_k,₊ W_k (Q_k,₋ / Q_k,₊: Q_k without its
 *   last / first row); with the thin QR [Q_k,₋, Q_k,₊] = P_k T_k the rows
 *   T_k,₋ G_k and T_k,₊ W_k give the same residual norms.
 * Only orthonormal factors are dropped, nothing is squared, and the ridge acts on
 * the row counts of the full problem: the refit equals `fitSubspaceDmdc` on the
 * resampled trials to rounding (in a state basis that may differ by the signs of
 * its coordinates, S = diag(±1): A ↦ S A S, B ↦ S B, C ↦ C S, which neither the
 * eigenvalues, the Markov parameters nor InputDSA see).
 *
 * @module
 */

import { eig } from "../linalg/eig.ts";
import { qr } from "../linalg/lstsq.ts";
import { asTrials, type TimeSeriesLike } from "./data.ts";
import { mm } from "./dense.ts";
import {
  checkSameTrials,
  type SubspaceDmdcFit,
  type SubspaceDmdcOptions,
} from "./subspace_dmdc.ts";
import {
  hankelRows,
  resolveSubspaceOptions,
  ridgeLstsq,
  stateSpaceFromRegressions,
  subspaceStates,
} from "./subspace_core.ts";
import { tagResult } from "../result.ts";
import { checkDraw } from "./resample.ts";
import { checkOptions } from "../validate/options.ts";
import { SUBSPACE_OPTIONS } from "./option_kinds.ts";

/** Per-trial statistics of subspace DMDc (plain data). */
export interface SubspaceTrialStatistics {
  /** Observed channels q. */
  outputs: number;
  /** Input channels m. */
  inputs: number;
  /** The fit options. */
  options: SubspaceDmdcOptions;
  /** Samples per trial. */
  counts: number[];
  /** Hankel columns per trial (T − p − f + 1, at least 0). */
  columns: number[];
  /** Per trial: Σ_t y_t [q]. */
  outputSums: Float64Array[];
  /** Per trial: Σ_t u_t [m]. */
  inputSums: Float64Array[];
  /** Per trial: R_k [r_k, width + 1] of the thin QR of [H_kᵀ, 1], r_k = min(columns, width + 1). */
  R: Float64Array[];
  /** Per trial: T_k [t_k, 2 r_k] of the thin QR of [Q_k,₋, Q_k,₊] (empty below 2 columns). */
  T: Float64Array[];
}

/**
 * Compute the per-trial statistics of {@link refitSubspaceTrials} (one Hankel
 * matrix and two small QR factorisations per trial).
 *
 * @param Y Observations `[trials, time, outputs]` (or `[time, outputs]`: one trial, or a list).
 * @param U Inputs with the same trials and time steps.
 * @param options Fit options, as for `fitSubspaceDmdc`.
 * @returns The statistics.
 *
 * @example One record per trial
 * ```ts
 * import { subspaceTrialStatistics } from "./subspace_resample.ts";
 * import assert from "node:assert/strict";
 * const U = [0, 1, 2].map((k) => Array.from({ length: 30 }, (_, t) => [Math.sin(t * t + k)]));
 * const Y = U.map((u) => u.map((_, t) => [t ? u[t - 1]![0]! : 0]));
 * const s = subspaceTrialStatistics(Y, U, { nDelays: 2 });
 * assert.deepEqual([s.counts, s.columns, s.R.length], [[30, 30, 30], [27, 27, 27], 3]);
 * ```
 */
export function subspaceTrialStatistics(
  Y: TimeSeriesLike,
  U: TimeSeriesLike,
  options: SubspaceDmdcOptions = {},
): SubspaceTrialStatistics {
  const context = "Cannot compute subspace DMDc trial statistics";
  checkOptions(options, SUBSPACE_OPTIONS, context);
  const o = resolveSubspaceOptions(options, context);
  const ys = asTrials(Y, "Y", context), us = asTrials(U, "U", context);
  checkSameTrials(ys, us, context);
  const p = o.nDelays, f = o.horizon, q = ys.dims, m = us.dims;
  const width = (p + f) * (m + q), w1 = width + 1;
  const out: SubspaceTrialStatistics = {
    outputs: q,
    inputs: m,
    options: { ...options },
    counts: [],
    columns: [],
    outputSums: [],
    inputSums: [],
    R: [],
    T: [],
  };
  const zq = new Float64Array(q), zm = new Float64Array(m);
  let start = 0;
  for (const N of ys.lengths) {
    const y = ys.data.subarray(start * q, (start + N) * q);
    const u = us.data.subarray(start * m, (start + N) * m);
    start += N;
    const ySum = new Float64Array(q), uSum = new Float64Array(m);
    for (let t = 0; t < N; t++) {
      for (let j = 0; j < q; j++) ySum[j] += y[t * q + j]!;
      for (let j = 0; j < m; j++) uSum[j] += u[t * m + j]!;
    }
    const cols = Math.max(0, N - p - f + 1);
    out.counts.push(N);
    out.columns.push(cols);
    out.outputSums.push(ySum);
    out.inputSums.push(uSum);
    if (cols === 0) {
      out.R.push(new Float64Array(0));
      out.T.push(new Float64Array(0));
      continue;
    }
    const H = hankelRows(y, u, N, { q, m, p, f, yMean: zq, uMean: zm, stride: w1 });
    for (let t = 0; t < cols; t++) H[t * w1 + width] = 1;
    const { Q, R } = qr({ rows: cols, cols: w1, data: H });
    out.R.push(R.data);
    const r = Q.cols;
    if (cols < 2) {
      out.T.push(new Float64Array(0));
      continue;
    }
    // [Q₋, Q₊]: rows 0 … cols − 2 and 1 … cols − 1 of Q side by side
    const S = new Float64Array((cols - 1) * 2 * r);
    for (let t = 0; t + 1 < cols; t++) {
      S.set(Q.data.subarray(t * r, (t + 1) * r), t * 2 * r);
      S.set(Q.data.subarray((t + 1) * r, (t + 2) * r), t * 2 * r + r);
    }
    out.T.push(qr({ rows: cols - 1, cols: 2 * r, data: S }).R.data);
  }
  return out;
}

/**
 * Subspace DMDc of the trials listed in `draw` (with repetitions, in any
 * order), from their statistics: equal to `fitSubspaceDmdc` on those trials
 * stacked, to rounding, up to the signs of the state coordinates (see the
 * module notes).
 *
 * @param stats From {@link subspaceTrialStatistics}.
 * @param draw Trial indices (e.g. a bootstrap draw).
 * @returns The fitted model (tagged `"subspaceDmdc"`).
 *
 * @example All trials give fitSubspaceDmdc's eigenvalues
 * ```ts
 * import { refitSubspaceTrials, subspaceTrialStatistics } from "./subspace_resample.ts";
 * import { fitSubspaceDmdc } from "./subspace_dmdc.ts";
 * import assert from "node:assert/strict";
 * const U = [0, 1, 2].map((k) => Array.from({ length: 40 }, (_, t) => [Math.sin(t * t + k)]));
 * const Y = U.map((u) => {
 *   let x = 0;
 *   return u.map(([v]) => [(x = 0.7 * x + v!)]);
 * });
 * const refit = refitSubspaceTrials(subspaceTrialStatistics(Y, U, { nDelays: 2, rank: 1 }), [0, 1, 2]);
 * const fit = fitSubspaceDmdc(Y, U, { nDelays: 2, rank: 1 });
 * assert.ok(Math.abs(refit.A.data[0]! - fit.A.data[0]!) < 1e-12);
 * assert.ok(Math.abs(refit.A.data[0]! - 0.7) < 1e-6);
 * ```
 */
export function refitSubspaceTrials(
  stats: SubspaceTrialStatistics,
  draw: ArrayLike<number>,
): SubspaceDmdcFit {
  const context = "Cannot refit subspace DMDc from trial statistics";
  const o = resolveSubspaceOptions(stats.options, context);
  const { outputs: q, inputs: m } = stats;
  const p = o.nDelays, f = o.horizon;
  const a = f * m, b = p * (m + q), c = f * q, width = a + b + c, w1 = width + 1;
  const K = stats.counts.length;
  checkDraw(draw, K, context);
  // the draw's channel means, as fitSubspaceDmdc computes them over all of its samples
  const yMean = new Float64Array(q), uMean = new Float64Array(m);
  let samples = 0, J = 0, transitions = 0;
  for (let i = 0; i < draw.length; i++) {
    const k = draw[i]!;
    samples += stats.counts[k]!;
    J += stats.columns[k]!;
    transitions += Math.max(0, stats.columns[k]! - 1);
    for (let j = 0; j < q; j++) yMean[j] += stats.outputSums[k]![j]!;
    for (let j = 0; j < m; j++) uMean[j] += stats.inputSums[k]![j]!;
  }
  for (let j = 0; j < q; j++) yMean[j] = o.center ? yMean[j]! / samples : 0;
  for (let j = 0; j < m; j++) uMean[j] = o.center ? uMean[j]! / samples : 0;
  if (J < width) {
    throw new RangeError(
      `${context}: the Hankel matrices need at least ${width} columns (rows of [U_f; U_p; Y_p; Y_f] for nDelays ${p}, horizon ${f}, ${q} outputs and ${m} inputs): got ${J} from the draw's trials`,
    );
  }
  if (transitions < 1) {
    throw new RangeError(`${context}: no trial of the draw has two Hankel columns`);
  }
  // M maps [Hᵀ, 1] to the centred Hᵀ: identity, last row −(the mean of each column's channel)
  const M = new Float64Array(w1 * width);
  for (let j = 0; j < width; j++) M[j * width + j] = 1;
  const last = width * width;
  for (let k = 0; k < f; k++) {
    for (let j = 0; j < m; j++) M[last + k * m + j] = -uMean[j]!;
    for (let j = 0; j < q; j++) M[last + a + b + k * q + j] = -yMean[j]!;
  }
  for (let k = 0; k < p; k++) {
    for (let j = 0; j < m; j++) M[last + a + k * m + j] = -uMean[j]!;
    for (let j = 0; j < q; j++) M[last + a + p * m + k * q + j] = -yMean[j]!;
  }
  const blocks: { k: number; r: number; row: number; RM: Float64Array }[] = [];
  let rows = 0;
  for (let i = 0; i < draw.length; i++) {
    const k = draw[i]!, r = stats.R[k]!.length / w1;
    if (r === 0) continue;
    blocks.push({ k, r, row: rows, RM: mm(stats.R[k]!, M, r, w1, width) });
    rows += r;
  }
  const stack = new Float64Array(rows * width);
  for (const { row, RM } of blocks) stack.set(RM, row * width);
  const { Q: QB, R: Rq } = qr({ rows, cols: width, data: stack });
  const { singularValues, order: n, Vs } = subspaceStates(Rq, a, b, c, o, context);
  const kk = n + m, qb = QB.cols;
  // per trial: W_k = (Q_B)_k,₁₂ Vs and G_k = [W_k, (R_k M)_{U_f,0}]
  const Zo = new Float64Array(rows * kk), To = new Float64Array(rows * q);
  const zs: Float64Array[] = [], ts: Float64Array[] = [];
  let zsRows = 0;
  for (const { k, r, row, RM } of blocks) {
    const Q12 = new Float64Array(r * (a + b));
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < a + b; j++) Q12[i * (a + b) + j] = QB.data[(row + i) * qb + j]!;
    }
    const W = mm(Q12, Vs, r, a + b, n);
    const G = new Float64Array(r * kk);
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < n; j++) G[i * kk + j] = W[i * n + j]!;
      for (let j = 0; j < m; j++) G[i * kk + n + j] = RM[i * width + j]!;
      for (let j = 0; j < q; j++) To[(row + i) * q + j] = RM[i * width + a + b + j]!;
    }
    Zo.set(G, row * kk);
    const T = stats.T[k]!;
    if (T.length === 0) continue;
    const t = T.length / (2 * r);
    // T₋ = the first r columns of T_k, T₊ = the last r
    const Tm = new Float64Array(t * r), Tp = new Float64Array(t * r);
    for (let i = 0; i < t; i++) {
      for (let j = 0; j < r; j++) {
        Tm[i * r + j] = T[i * 2 * r + j]!;
        Tp[i * r + j] = T[i * 2 * r + r + j]!;
      }
    }
    zs.push(mm(Tm, G, t, r, kk));
    ts.push(mm(Tp, W, t, r, n));
    zsRows += t;
  }
  const Zs = new Float64Array(zsRows * kk), Ts = new Float64Array(zsRows * n);
  let at = 0;
  zs.forEach((z, i) => {
    Zs.set(z, at * kk);
    Ts.set(ts[i]!, at * n);
    at += z.length / kk;
  });
  const W = ridgeLstsq(Zs, Ts, zsRows, kk, n, o.ridge, transitions);
  const V = ridgeLstsq(Zo, To, rows, kk, q, o.ridge, J);
  const ops = stateSpaceFromRegressions(W, V, n, m, q);
  const { re, im } = eig(ops.A);
  return tagResult("subspaceDmdc", {
    ...ops,
    eigenvalues: { re, im },
    order: n,
    singularValues,
    nDelays: p,
    horizon: f,
    ridge: o.ridge,
    outputs: q,
    inputs: m,
    columns: J,
    outputMeans: yMean,
    inputMeans: uMean,
  });
}
