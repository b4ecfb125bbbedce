/**
 * DMD with control (DMDc) in HAVOK coordinates: known inputs u_t are regressed
 * alongside the delay-embedded state, v_{t+1} ≈ A_v v_t + B_v u_t
 * (Proctor, Brunton & Kutz 2016, on the HAVOK state of Ostrow et al. 2023).
 *
 * @module
 */

import { eig } from "../linalg/eig.ts";
import type { Matrix } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { assertInteger } from "../validate/mod.ts";
import { asTrials, type TimeSeriesLike, toInputLayout, type Trials } from "./data.ts";
import { mm } from "./dense.ts";
import { type DmdFit, type DmdOptions, numericalRank } from "./dmd.ts";
import { embedTrials } from "./embed.ts";
import { havokBasis, projectOntoBasis, readPredictions } from "./havok.ts";
import type { DmdPrediction, PredictOptions } from "./predict.ts";
import { scorePredictions } from "./predict.ts";
import { ridgeMap, standardizeTrials } from "./regression.ts";
import { checkOptions } from "../validate/options.ts";
import { DMD_OPTIONS, PREDICT_OPTIONS } from "./option_kinds.ts";

/** A fitted DMDc model: a HAVOK DMD model plus the input matrix. */
export interface DmdcFit extends DmdFit {
  /** Input matrix B_v [r, inputs]: v_{t+1} ≈ A_v v_t + B_v u_t. */
  Bv: Matrix;
  /** Number of input channels. */
  inputs: number;
}

function checkInputs(X: Trials, U: Trials, context: string): void {
  const same = X.lengths.length === U.lengths.length &&
    X.lengths.every((l, i) => l === U.lengths[i]);
  if (!same) {
    throw new TypeError(
      `${context}: \`U\` must have the same trials and time steps as \`X\`: got trial lengths [${
        X.lengths.join(", ")
      }] and [${U.lengths.join(", ")}]`,
    );
  }
}

/**
 * Row-aligned regressors: for each transition (row t → t+1 of a trial), the
 * input at the newest sample of row t, i.e. u at time t + (D−1)·k.
 */
function alignedInputs(
  U: Trials,
  lag: number,
  rowsPerTrial: readonly number[],
  skipLast: boolean,
): Float64Array {
  const m = U.dims;
  const count = rowsPerTrial.reduce((a, T) => a + (skipLast ? Math.max(0, T - 1) : T), 0);
  const out = new Float64Array(count * m);
  let inRow = 0, o = 0;
  U.lengths.forEach((T, i) => {
    const rows = rowsPerTrial[i]! - (skipLast ? 1 : 0);
    for (let t = 0; t < rows; t++, o++) {
      out.set(U.data.subarray((inRow + t + lag) * m, (inRow + t + lag + 1) * m), o * m);
    }
    inRow += T;
  });
  return out;
}

/**
 * Fit DMDc: HAVOK DMD (delay embedding, SVD, rank rule as in `fitDmd`) with the
 * known inputs appended to the regressors: [A_v B_v] = argmin Σ‖v_{t+1} − A v_t − B u_t‖²
 * + λ(‖A‖² + ‖B‖²), where u_t is the input at the newest sample of Hankel row t.
 *
 * @param X State data `[time, dims]`, `[trials, time, dims]` or a list of trials.
 * @param U Inputs with the same trials and time steps, `[time, inputs]` etc.
 * @param options As {@link DmdOptions}.
 * @returns The fitted model (tagged `"dmdc"`).
 *
 * @example Recover an input gain
 * ```ts
 * import { fitDmdc } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [[0]], U: number[][] = [];
 * for (let t = 0; t < 60; t++) {
 *   const u = Math.sin(1.3 * t) + (t % 7 === 0 ? 1 : 0);
 *   U.push([u]);
 *   X.push([0.8 * X[t]![0]! + 0.5 * u]);
 * }
 * U.push([0]);
 * const fit = fitDmdc(X, U, { ridge: 0 });
 * assert.ok(Math.abs(fit.eigenvalues.re[0]! - 0.8) < 1e-9);
 * ```
 */
export function fitDmdc(X: TimeSeriesLike, U: TimeSeriesLike, options: DmdOptions = {}): DmdcFit {
  const context = "Cannot fit DMDc";
  checkOptions(options, DMD_OPTIONS, context);
  const { nDelays = 1, delayInterval = 1, ridge = 1e-8, center = false, scale = false } = options;
  const trials = asTrials(X, "X", context);
  const inputs = asTrials(U, "U", context);
  checkInputs(trials, inputs, context);
  const { means, scales, emb, Vh, s, r, U: Ur } = havokBasis(
    trials,
    { nDelays, delayInterval, ridge, center, scale },
    options,
    context,
  );
  const width = emb.H.cols, k = s.length, m = inputs.dims;
  const lag = (nDelays - 1) * delayInterval;
  const uRows = alignedInputs(inputs, lag, emb.rowsPerTrial, true);
  const count = uRows.length / m, p = r + m;
  const Z = new Float64Array(count * p), Y = new Float64Array(count * r);
  let row = 0, o = 0;
  for (const T of emb.rowsPerTrial) {
    for (let t = 0; t + 1 < T; t++, o++) {
      for (let j = 0; j < r; j++) {
        Z[o * p + j] = Vh.data[(row + t) * k + j]!;
        Y[o * r + j] = Vh.data[(row + t + 1) * k + j]!;
      }
      for (let j = 0; j < m; j++) Z[o * p + r + j] = uRows[o * m + j]!;
    }
    row += T;
  }
  const Wt = ridgeMap(Z, Y, count, p, r, ridge, context);
  const Av = new Float64Array(r * r), Bv = new Float64Array(r * m);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) Av[i * r + j] = Wt[i * p + j]!;
    for (let j = 0; j < m; j++) Bv[i * m + j] = Wt[i * p + r + j]!;
  }
  const { re, im } = eig({ rows: r, cols: r, data: Av });
  return tagResult("dmdc", {
    Av: { rows: r, cols: r, data: Av },
    Bv: { rows: r, cols: m, data: Bv },
    inputs: m,
    eigenvalues: { re, im },
    rank: r,
    singularValues: s,
    numericalRank: numericalRank(s, emb.H.rows, width),
    U: { rows: width, cols: r, data: Ur },
    dims: trials.dims,
    nDelays,
    delayInterval,
    ridge,
    means,
    scales,
    rowsPerTrial: emb.rowsPerTrial,
  });
}

/**
 * Predict with a DMDc model: from the embedded state at time t, apply
 * v ← A_v v + B_v u for `steps` steps using the known inputs, and read the
 * newest-sample block. Samples that cannot be predicted are copied from `X`.
 *
 * @param fit A model from {@link fitDmdc}.
 * @param X State data.
 * @param U Inputs with the same trials and time steps.
 * @param options `steps` ahead (default 1).
 * @returns Predictions in the input's layout, R², MSE.
 *
 * @example Exact for a noiseless driven system
 * ```ts
 * import { fitDmdc, predictDmdc } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [[0, 1]], U: number[][] = [];
 * for (let t = 0; t < 80; t++) {
 *   const u = Math.cos(0.7 * t) * (t % 5);
 *   U.push([u]);
 *   const [a, b] = X[t]!;
 *   X.push([0.9 * a! - 0.2 * b!, 0.2 * a! + 0.9 * b! + 0.3 * u]);
 * }
 * U.push([0]);
 * const fit = fitDmdc(X, U, { ridge: 0 });
 * assert.ok(predictDmdc(fit, X, U, { steps: 4 }).r2 > 1 - 1e-12);
 * ```
 */
export function predictDmdc(
  fit: DmdcFit,
  X: TimeSeriesLike,
  U: TimeSeriesLike,
  options: PredictOptions = {},
): DmdPrediction {
  const context = "Cannot predict with DMDc";
  checkOptions(options, PREDICT_OPTIONS, context);
  const { steps = 1 } = options;
  assertInteger(steps, "steps", 1, Infinity, context);
  const trials = asTrials(X, "X", context);
  const inputs = asTrials(U, "U", context);
  checkInputs(trials, inputs, context);
  if (trials.dims !== fit.dims || inputs.dims !== fit.inputs) {
    throw new TypeError(
      `${context}: \`X\` and \`U\` must have the ${fit.dims} dims and ${fit.inputs} inputs the model was fitted on: got ${trials.dims} and ${inputs.dims}`,
    );
  }
  const std = standardizeTrials(trials, fit.means, fit.scales);
  const emb = embedTrials(std, fit.nDelays, fit.delayInterval, context);
  const r = fit.rank, N = fit.dims, m = fit.inputs, rows = emb.H.rows;
  const lag = (fit.nDelays - 1) * fit.delayInterval;
  let V = projectOntoBasis(emb.H, fit);
  const uAll = alignedInputs(inputs, lag, emb.rowsPerTrial, false);
  // row t of the stacked embedding advances with the input at its own newest sample, then the next one…
  for (let s = 0; s < steps; s++) {
    const next = mm(V, fit.Av.data, rows, r, r, false, true);
    const Bu = mm(shiftRows(uAll, m, emb.rowsPerTrial, s), fit.Bv.data, rows, m, r, false, true);
    for (let i = 0; i < next.length; i++) next[i] += Bu[i]!;
    V = next;
  }
  const { out, mask } = readPredictions(fit, trials, std, emb.rowsPerTrial, V, steps, context);
  const score = scorePredictions(trials.data, out, mask, N);
  return tagResult("dmdPrediction", { prediction: toInputLayout(trials, out, N), ...score, steps });
}

/** Inputs of row t + s for every row t of each trial (zeros past a trial's end). */
function shiftRows(
  u: Float64Array,
  m: number,
  rowsPerTrial: readonly number[],
  s: number,
): Float64Array {
  const out = new Float64Array(u.length);
  let row = 0;
  for (const T of rowsPerTrial) {
    for (let t = 0; t + s < T; t++) {
      out.set(u.subarray((row + t + s) * m, (row + t + s + 1) * m), (row + t) * m);
    }
    row += T;
  }
  return out;
}
