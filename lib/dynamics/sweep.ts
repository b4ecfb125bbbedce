/**
 * Choosing the delay embedding of HAVOK DMD by held-out prediction (as DSA v2
 * does): fit every (nDelays, rank) cell on training data, predict held-out
 * samples, and score each cell by MASE, NMSE, R² and AIC.
 *
 * One SVD per number of delays serves every rank: the rank-r operator only uses
 * the first r columns of V, so the normal equations of all ranks are leading
 * blocks of one Gram matrix.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { assertInteger } from "../validate/mod.ts";
import { divideByPowerOfTwo, powerOfTwoScale } from "../linalg/scale.ts";
import { asTrials, type TimeSeriesLike, type Trials } from "./data.ts";
import { mm, spdSolve } from "./dense.ts";
import type { DmdFit } from "./dmd.ts";
import { type DelayEmbedding, embedTrials } from "./embed.ts";
import { havokBasis, projectOntoBasis, readPredictions } from "./havok.ts";
import { shiftedPairs } from "./regression.ts";
import { operatorPowerT } from "./predict.ts";
import { runTasks } from "../pairwise/pool.ts";
import { checkOptions } from "../validate/options.ts";
import { SWEEP_OPTIONS, SWEEP_PARALLEL_OPTIONS } from "./option_kinds.ts";

/** A score a sweep can select by (all but `r2` are lower-is-better). */
export type DmdSweepCriterion = "mase" | "nmse" | "r2" | "aic";

/** Options for {@link sweepDmd}. */
export interface DmdSweepOptions {
  /** Numbers of delays D to try. @default [1] */
  nDelays?: readonly number[];
  /** Ranks r to try (capped at N·D in each row, as in `fitDmd`). @default [1] */
  ranks?: readonly number[];
  /** Samples between delays k. @default 1 */
  delayInterval?: number;
  /** Ridge λ. @default 1e-8 */
  ridge?: number;
  /**
   * How to hold out data: `"time"` fits the first (1 − f) of every trial and scores the rest;
   * `"trials"` fits the first trials and scores the last ⌈f · trials⌉. @default "time"
   */
  split?: "time" | "trials";
  /** Fraction f held out. @default 0.2 */
  testFraction?: number;
  /** Steps ahead predicted. @default 1 */
  steps?: number;
  /** Score that picks the cell. @default "mase" */
  criterion?: DmdSweepCriterion;
  /**
   * Parsimony: pick the cell with the fewest parameters (r², then D) among those whose
   * criterion is within this relative margin of the best (for R², the margin applies to
   * 1 − R²; for AIC, to |AIC|). @default 0
   */
  tolerance?: number;
}

/** Scores of one (nDelays, rank) cell. */
export interface DmdSweepCell {
  /** D. */
  nDelays: number;
  /** Rank asked for. */
  rank: number;
  /** Rank used: min(rank, N·D). */
  effectiveRank: number;
  /** Held-out mean absolute error over the in-sample mean absolute error of the naive forecast x̂_t = x_{t−steps} (Hyndman & Koehler 2006). */
  mase: number;
  /**
   * Held-out Σ(x − x̂)²/Σ(x − x̄)² per dimension, averaged over the dimensions that vary in the
   * held-out part (a channel constant there, to rounding, has no variance to explain and is left
   * out; a sweep whose held-out part is constant in every channel is refused).
   */
  nmse: number;
  /** Held-out 1 − Σ(x − x̂)²/Σ(x − x̄)² pooled over dimensions. */
  r2: number;
  /** Held-out mean squared error. */
  mse: number;
  /** Gaussian AIC of the training predictions: m·ln(RSS/m) + 2r², m = predicted training values. */
  aic: number;
}

/** The outcome of {@link sweepDmd}. */
export interface DmdSweepResult {
  /** D values, the rows of the grid. */
  nDelays: number[];
  /** Rank values, the columns of the grid. */
  ranks: number[];
  /** Cells row-major over nDelays × ranks. */
  cells: DmdSweepCell[];
  /** The chosen cell. */
  best: { nDelays: number; rank: number };
  /** Score that chose it. */
  criterion: DmdSweepCriterion;
  /** Hold-out scheme. */
  split: "time" | "trials";
  /** Held-out fraction. */
  testFraction: number;
  /** Steps ahead. */
  steps: number;
}

/** Training trials and a mask of held-out samples over the full data. */
function splitData(
  trials: Trials,
  split: "time" | "trials",
  f: number,
  context: string,
): { train: Trials; test: Uint8Array } {
  const N = trials.dims, test = new Uint8Array(trials.data.length / N);
  if (split === "trials") {
    const K = trials.lengths.length, nTest = Math.ceil(f * K);
    if (nTest >= K) {
      throw new RangeError(
        `${context}: \`testFraction\` leaves no training trial: got ${f} of ${K} trials`,
      );
    }
    const trainSamples = trials.lengths.slice(0, K - nTest).reduce((a, b) => a + b, 0);
    test.fill(1, trainSamples);
    return {
      train: {
        dims: N,
        lengths: trials.lengths.slice(0, K - nTest),
        data: trials.data.slice(0, trainSamples * N),
        batched: true,
      },
      test,
    };
  }
  const lengths: number[] = [], parts: Float64Array[] = [];
  let offset = 0;
  for (const T of trials.lengths) {
    const cut = Math.floor((1 - f) * T);
    if (cut < 2 || cut >= T) {
      throw new RangeError(
        `${context}: \`testFraction\` must leave at least 2 training and 1 test sample per trial: got ${f} of ${T} samples`,
      );
    }
    lengths.push(cut);
    parts.push(trials.data.subarray(offset * N, (offset + cut) * N));
    test.fill(1, offset + cut, offset + T);
    offset += T;
  }
  const data = new Float64Array(lengths.reduce((a, b) => a + b, 0) * N);
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return { train: { dims: N, lengths, data, batched: trials.batched }, test };
}

/** Mean |x_t − x_{t−s}| over the training samples (within trials): the scale of MASE. */
function naiveScale(train: Trials, steps: number): number {
  const N = train.dims;
  let sum = 0, count = 0, offset = 0;
  for (const T of train.lengths) {
    for (let t = steps; t < T; t++) {
      for (let c = 0; c < N; c++) {
        sum += Math.abs(
          train.data[(offset + t) * N + c]! - train.data[(offset + t - steps) * N + c]!,
        );
        count++;
      }
    }
    offset += T;
  }
  return count > 0 ? sum / count : NaN;
}

type Fit =
  & Pick<
    DmdFit,
    "rank" | "dims" | "nDelays" | "delayInterval" | "singularValues" | "U" | "means" | "scales"
  >
  & { Av: Float64Array };

/** Predictions of every sample of `trials` (`mask` = predicted). */
function predictAll(
  fit: Fit,
  trials: Trials,
  emb: DelayEmbedding,
  steps: number,
  context: string,
) {
  const r = fit.rank;
  const V = projectOntoBasis(emb.H, fit);
  const Vs = mm(V, operatorPowerT(fit.Av, r, steps), emb.H.rows, r, r);
  return readPredictions(fit, trials, trials, emb.rowsPerTrial, Vs, steps, context);
}

/**
 * Held-out errors of `pred` on the samples of `mask`. NMSE averages Σ(x − x̂)²/Σ(x − x̄)² over
 * the channels whose held-out variance is above rounding level (`constant` lists the others);
 * NaN when no channel varies.
 */
function scoreCell(
  truth: Float64Array,
  pred: Float64Array,
  mask: Uint8Array,
  N: number,
): {
  sse: number;
  sst: number;
  sae: number;
  count: number;
  nmse: number;
  constant: number[];
} {
  const mean = new Float64Array(N), maxAbs = new Float64Array(N);
  let count = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    count++;
    for (let c = 0; c < N; c++) {
      const x = truth[i * N + c]!;
      mean[c] += x;
      if (Math.abs(x) > maxAbs[c]!) maxAbs[c] = Math.abs(x);
    }
  }
  for (let c = 0; c < N; c++) mean[c] /= count;
  const sseC = new Float64Array(N), sstC = new Float64Array(N);
  let sae = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    for (let c = 0; c < N; c++) {
      const x = truth[i * N + c]!, e = x - pred[i * N + c]!;
      sseC[c] += e * e;
      sstC[c] += (x - mean[c]!) ** 2;
      sae += Math.abs(e);
    }
  }
  let sse = 0, sst = 0, nmse = 0, scored = 0;
  const constant: number[] = [];
  for (let c = 0; c < N; c++) {
    sse += sseC[c]!;
    sst += sstC[c]!;
    // a constant channel leaves a variance of rounding error (its mean is not exact)
    if (sstC[c]! > count * (8 * Number.EPSILON * maxAbs[c]!) ** 2) {
      nmse += sseC[c]! / sstC[c]!;
      scored++;
    } else constant.push(c);
  }
  return { sse, sst, sae, count, nmse: scored > 0 ? nmse / scored : NaN, constant };
}

/** Refuse a held-out part that NMSE and R² cannot score. */
function checkHeldOut(
  score: { count: number; constant: number[] },
  N: number,
  where: string,
  context: string,
): void {
  if (score.count < 2) {
    throw new RangeError(
      `${context}: the held-out part${where} has ${score.count} predictable sample${
        score.count === 1 ? "" : "s"
      }: NMSE and R² need at least 2 (their variance): raise \`testFraction\``,
    );
  }
  if (score.constant.length === N) {
    throw new RangeError(
      `${context}: the held-out part${where} is constant in every channel (${score.count} samples): NMSE and R² are undefined (no variance to explain)`,
    );
  }
}

function checkList(list: readonly number[], name: string, context: string): number[] {
  if (!Array.isArray(list) || list.length === 0) {
    throw new TypeError(
      `${context}: \`${name}\` must be a non-empty list of integers: got ${String(list)}`,
    );
  }
  for (const v of list) assertInteger(v, name, 1, Infinity, context);
  return [...list];
}

/**
 * Sweep HAVOK DMD over numbers of delays × ranks, fitting each cell on training
 * data and scoring one-step (or `steps`-ahead) predictions of held-out data by
 * MASE, NMSE and R², plus the AIC of the training fit; picks a cell by
 * `criterion` (DSA v2's embedding selection).
 *
 * Held-out samples are predicted from the embedded history before them, which
 * may reach into the training part (forecasting from the past).
 *
 * @param X Data `[time, dims]` or `[trials, time, dims]`.
 * @param options Grid, split, criterion.
 * @returns The scored grid and the chosen cell (tagged `"dmdSweep"`).
 *
 * @example A rotation is predicted perfectly from rank 2 on
 * ```ts
 * import { sweepDmd } from "./sweep.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [];
 * for (let t = 0; t < 100; t++) X.push([Math.cos(0.3 * t), Math.sin(0.3 * t)]);
 * const s = sweepDmd(X, { nDelays: [1, 2], ranks: [1, 2], ridge: 0 });
 * assert.ok(s.cells[1]!.r2 > 1 - 1e-9 && s.cells[0]!.r2 < 0.9); // D = 1: ranks 1, 2
 * assert.equal(s.best.rank, 2);
 * ```
 */
export function sweepDmd(X: TimeSeriesLike, options: DmdSweepOptions = {}): DmdSweepResult {
  checkOptions(options, SWEEP_OPTIONS, "Cannot sweep DMD");
  const setup = sweepSetup(X, options);
  const cells = setup.delays.flatMap((D) => rowCells(setup, D, setup.ranks.map((_, k) => k)));
  return sweepResult(setup, cells);
}

/** Options for {@link sweepDmdParallel}. */
export interface DmdSweepParallelOptions extends DmdSweepOptions {
  /**
   * Web Workers computing cells in parallel (1 = in this thread). The cells do not depend on it.
   * @default 1
   */
  workers?: number;
}

/**
 * {@link sweepDmd} with its cells computed in parallel on the package's worker
 * pool (`runTasks` in lib/pairwise/pool.ts): each task is one number of delays
 * and a contiguous block of the ranks (every task of a row builds the same
 * basis, at the row's largest rank, so a cell does not depend on how the rows
 * are split). Bit-identical for any number of workers.
 *
 * @param X Data `[time, dims]` or `[trials, time, dims]`.
 * @param options Grid, split, criterion, `workers`.
 * @returns The scored grid and the chosen cell (tagged `"dmdSweep"`).
 *
 * @example The same grid in this thread
 * ```ts
 * import { sweepDmdParallel } from "./sweep.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [];
 * for (let t = 0; t < 100; t++) X.push([Math.cos(0.3 * t), Math.sin(0.3 * t)]);
 * const s = await sweepDmdParallel(X, { nDelays: [1, 2], ranks: [1, 2], ridge: 0, workers: 1 });
 * assert.equal(s.best.rank, 2);
 * ```
 */
export async function sweepDmdParallel(
  X: TimeSeriesLike,
  options: DmdSweepParallelOptions = {},
): Promise<DmdSweepResult> {
  checkOptions(options, SWEEP_PARALLEL_OPTIONS, "Cannot sweep DMD");
  const { workers = 1, ...sweepOptions } = options;
  assertInteger(workers, "workers", 1, 256, "Cannot sweep DMD");
  const setup = sweepSetup(X, sweepOptions);
  const { delays, ranks } = setup;
  // enough tasks for every worker: split each row's ranks into contiguous blocks
  const blocks = Math.min(ranks.length, Math.max(1, Math.ceil(workers / delays.length)));
  const tasks: unknown[][] = [];
  for (const D of delays) {
    for (let b = 0; b < blocks; b++) {
      const lo = Math.floor((b * ranks.length) / blocks);
      const hi = Math.floor(((b + 1) * ranks.length) / blocks);
      const idx = Array.from({ length: hi - lo }, (_, k) => lo + k);
      if (idx.length > 0) tasks.push([X, sweepOptions, D, idx]);
    }
  }
  const rows = await runTasks<DmdSweepCell[]>(new URL(import.meta.url).href, "sweepRow", tasks, {
    workers,
  });
  return sweepResult(setup, rows.flat());
}

/**
 * Some cells of one row of a sweep: one number of delays, the ranks at the given
 * positions of `options.ranks` (the task of {@link sweepDmdParallel}).
 *
 * @param X Data `[time, dims]` or `[trials, time, dims]`.
 * @param options The sweep's options (all ranks, for the row's basis).
 * @param nDelays D of the row (one of `options.nDelays`).
 * @param rankIndices Positions in `options.ranks` of the cells to compute.
 * @returns The cells, in the order of `rankIndices`.
 *
 * @example The row of D = 2 of a sweep
 * ```ts
 * import { sweepDmd, sweepRow } from "./sweep.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [];
 * for (let t = 0; t < 60; t++) X.push([Math.cos(0.3 * t), Math.sin(0.2 * t)]);
 * const options = { nDelays: [1, 2], ranks: [1, 3] };
 * assert.deepEqual(sweepRow(X, options, 2, [1]), [sweepDmd(X, options).cells[3]]);
 * ```
 */
export function sweepRow(
  X: TimeSeriesLike,
  options: DmdSweepOptions,
  nDelays: number,
  rankIndices: readonly number[],
): DmdSweepCell[] {
  const setup = sweepSetup(X, options);
  if (!setup.delays.includes(nDelays)) {
    throw new RangeError(
      `${setup.context}: \`nDelays\` must be one of the sweep's delays (${setup.delays}): got ${nDelays}`,
    );
  }
  for (const k of rankIndices) {
    assertInteger(k, "rankIndices", 0, setup.ranks.length - 1, setup.context);
  }
  return rowCells(setup, nDelays, rankIndices);
}

type SweepSetup = ReturnType<typeof sweepSetup>;

function sweepSetup(X: TimeSeriesLike, options: DmdSweepOptions) {
  const context = "Cannot sweep DMD";
  const {
    delayInterval = 1,
    ridge = 1e-8,
    split = "time",
    testFraction = 0.2,
    steps = 1,
    criterion = "mase",
    tolerance = 0,
  } = options;
  const delays = checkList(options.nDelays ?? [1], "nDelays", context);
  const ranks = checkList(options.ranks ?? [1], "ranks", context);
  assertInteger(delayInterval, "delayInterval", 1, Infinity, context);
  assertInteger(steps, "steps", 1, Infinity, context);
  if (split !== "time" && split !== "trials") {
    throw new RangeError(`${context}: \`split\` must be "time" or "trials": got ${String(split)}`);
  }
  if (!["mase", "nmse", "r2", "aic"].includes(criterion)) {
    throw new RangeError(
      `${context}: \`criterion\` must be "mase", "nmse", "r2" or "aic": got ${String(criterion)}`,
    );
  }
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`${context}: \`testFraction\` must be in (0, 1): got ${testFraction}`);
  }
  if (!(tolerance >= 0)) {
    throw new RangeError(`${context}: \`tolerance\` must be >= 0: got ${tolerance}`);
  }
  if (!(ridge >= 0) || !Number.isFinite(ridge)) {
    throw new RangeError(`${context}: \`ridge\` must be a finite number >= 0: got ${ridge}`);
  }
  const given = asTrials(X, "X", context);
  // extreme data (max |x| outside [2^-500, 2^500]) is divided by 2^k so that squared errors
  // neither overflow nor underflow; MASE, NMSE and R² do not change, MSE and AIC are mapped back
  const exponent = powerOfTwoScale(given.data);
  const trials = exponent === 0
    ? given
    : { ...given, data: divideByPowerOfTwo(given.data, exponent) };
  if (split === "trials" && !trials.batched) {
    throw new TypeError(
      `${context}: \`split: "trials"\` needs data with a trial axis: got one series of ${
        trials.lengths[0]
      } samples`,
    );
  }
  const { train, test } = splitData(trials, split, testFraction, context);
  const scale = naiveScale(train, steps);
  if (!(scale > 0)) {
    throw new RangeError(
      `${context}: the training part (${
        train.lengths.reduce((a, b) => a + b, 0)
      } samples of ${trials.dims} channels) never changes over ${steps} step${
        steps === 1 ? "" : "s"
      }: there are no dynamics to fit and MASE (error over the naive forecast's) is undefined`,
    );
  }
  checkHeldOut(scoreCell(trials.data, trials.data, test, trials.dims), trials.dims, "", context);
  return {
    context,
    trials,
    exponent,
    train,
    test,
    scale,
    delays,
    ranks,
    delayInterval,
    ridge,
    split,
    testFraction,
    steps,
    criterion,
    tolerance,
  };
}

function sweepResult(setup: SweepSetup, cells: DmdSweepCell[]): DmdSweepResult {
  const { delays, ranks, criterion, tolerance, split, testFraction, steps } = setup;
  return tagResult("dmdSweep", {
    nDelays: delays,
    ranks,
    cells,
    best: chooseCell(cells, criterion, tolerance),
    criterion,
    split,
    testFraction,
    steps,
  });
}

/** The cells of row D at the given rank positions (the basis is built at the row's largest rank). */
function rowCells(setup: SweepSetup, D: number, rankIndices: readonly number[]): DmdSweepCell[] {
  const { context, trials, exponent, train, test, scale, ranks, delayInterval, ridge, steps } =
    setup;
  const N = trials.dims;
  const cells: DmdSweepCell[] = [];
  const trainMask = new Uint8Array(test.length);
  {
    const width = N * D;
    const rMax = Math.min(Math.max(...ranks), width);
    const basis = havokBasis(
      train,
      { nDelays: D, delayInterval, ridge, center: false, scale: false },
      { rank: rMax },
      context,
    );
    const k = basis.s.length;
    const full = embedTrials(trials, D, delayInterval, context);
    const { minus, plus, count } = shiftedPairs(basis.Vh.data, k, rMax, basis.emb.rowsPerTrial);
    // normal equations of the largest rank; every smaller rank uses their leading blocks
    const G = mm(minus, minus, rMax, count, rMax, true, false);
    const R = mm(minus, plus, rMax, count, rMax, true, false);
    for (const index of rankIndices) {
      const rank = ranks[index]!;
      const r = Math.min(rank, width);
      const Gr = new Float64Array(r * r), Rr = new Float64Array(r * r);
      for (let i = 0; i < r; i++) {
        for (let j = 0; j < r; j++) {
          Gr[i * r + j] = G[i * rMax + j]!;
          Rr[i * r + j] = R[i * rMax + j]!;
        }
        Gr[i * r + i] += ridge;
      }
      const W = spdSolve(Gr, Rr, r, r, 1e-14 * r);
      if (!W) {
        throw new RangeError(
          `${context}: the regression at nDelays = ${D}, rank = ${r} is singular (${count} transitions): increase \`ridge\` or lower the ranks: got ridge = ${ridge}`,
        );
      }
      const Av = new Float64Array(r * r);
      for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) Av[j * r + i] = W[i * r + j]!;
      const U = new Float64Array(width * r);
      for (let i = 0; i < width; i++) {
        for (let j = 0; j < r; j++) U[i * r + j] = basis.U[i * rMax + j]!;
      }
      const fit: Fit = {
        rank: r,
        dims: N,
        nDelays: D,
        delayInterval,
        singularValues: basis.s,
        U: { rows: width, cols: r, data: U },
        means: basis.means,
        scales: basis.scales,
        Av,
      };
      const { out, mask } = predictAll(fit, trials, full, steps, context);
      const held = new Uint8Array(mask.length);
      for (let i = 0; i < mask.length; i++) {
        held[i] = mask[i]! & test[i]!;
        trainMask[i] = mask[i]! & (1 - test[i]!);
      }
      const te = scoreCell(trials.data, out, held, N);
      if (te.count === 0) {
        throw new RangeError(
          `${context}: no held-out sample can be predicted at nDelays = ${D}: each needs ${
            (D - 1) * delayInterval + steps
          } samples of history`,
        );
      }
      checkHeldOut(te, N, ` predictable at nDelays = ${D}`, context);
      const tr = scoreCell(trials.data, out, trainMask, N);
      const m = tr.count * N;
      cells.push({
        nDelays: D,
        rank,
        effectiveRank: r,
        mase: te.sae / (te.count * N) / scale,
        nmse: te.nmse,
        r2: 1 - te.sse / te.sst,
        mse: exponent === 0
          ? te.sse / (te.count * N)
          : te.sse / (te.count * N) * 2 ** exponent * 2 ** exponent,
        aic: m * Math.log(Math.max(tr.sse, Number.MIN_VALUE) / m) + 2 * r * r +
          (exponent === 0 ? 0 : m * 2 * exponent * Math.LN2),
      });
    }
  }
  return cells;
}

/**
 * The cell a sweep picks: lowest criterion (highest R²), then, among cells within
 * `tolerance` (relative) of it, the fewest parameters (r², then fewer delays).
 *
 * @param cells Scored cells.
 * @param criterion Score to use.
 * @param tolerance Relative margin for parsimony.
 * @returns `{nDelays, rank}` of the chosen cell.
 *
 * @example Parsimony within 10%
 * ```ts
 * import { chooseCell } from "./sweep.ts";
 * import assert from "node:assert/strict";
 * const cell = (nDelays: number, rank: number, mase: number) =>
 *   ({ nDelays, rank, effectiveRank: rank, mase, nmse: 0, r2: 0, mse: 0, aic: 0 });
 * const cells = [cell(1, 2, 0.5), cell(1, 8, 0.48)];
 * assert.deepEqual(chooseCell(cells, "mase", 0), { nDelays: 1, rank: 8 });
 * assert.deepEqual(chooseCell(cells, "mase", 0.1), { nDelays: 1, rank: 2 });
 * ```
 */
export function chooseCell(
  cells: readonly DmdSweepCell[],
  criterion: DmdSweepCriterion,
  tolerance = 0,
): { nDelays: number; rank: number } {
  const loss = (c: DmdSweepCell) => criterion === "r2" ? 1 - c.r2 : c[criterion];
  const finite = cells.filter((c) => Number.isFinite(loss(c)));
  if (finite.length === 0) {
    throw new RangeError(
      `Cannot choose a DMD cell: the criterion ${criterion} is not a finite number in any of the ${cells.length} cells: got ${
        cells.map(loss).slice(0, 8).join(", ")
      }`,
    );
  }
  const best = Math.min(...finite.map(loss));
  const margin = tolerance * Math.abs(best);
  const near = finite.filter((c) => loss(c) <= best + margin);
  near.sort((a, b) =>
    a.effectiveRank - b.effectiveRank || a.nDelays - b.nDelays || loss(a) - loss(b)
  );
  const c = near[0]!;
  return { nDelays: c.nDelays, rank: c.rank };
}
