/**
 * Fitting a low-tensor-rank RNN to recordings over learning (Pellegrino, Cayco-Gajic &
 * Chadwick 2023): masked MSE plus L2 penalties, random trial dropout, Adam, exact
 * gradients by backpropagation through time.
 *
 * @module
 */

import { mulberry32 } from "../random.ts";
import { tagResult } from "../result.ts";
import { asMask, asTensor3, type MaskLike, type Tensor3Like } from "../tensor/tensor.ts";
import { assertInteger } from "../validate/mod.ts";
import { adam } from "../optim/adam.ts";
import { lossAndGradient, type PenaltyOptions } from "./bptt.ts";
import { initLtrModel, type InitLtrOptions } from "./init.ts";
import { type LtrModel, type LtrParameters, ltrParameters } from "./ltr_model.ts";
import { checkDataShape, observedVariance, scoreLtr } from "./loss.ts";
import { derive, forward, workspace } from "./simulate.ts";

/** Options for {@link fitLtrRnn}. */
export interface FitLtrOptions extends PenaltyOptions {
  /** R: number of components (≥ 1). */
  rank: number;
  /** n: units of the RNN. @default the number of recorded neurons N */
  nUnits?: number;
  /** Adam steps. @default 2000 */
  iterations?: number;
  /** Adam step size. @default 0.005 */
  learningRate?: number;
  /** Fraction of trials dropped from the loss at each step, in [0, 1). @default 0.2 */
  trialDropout?: number;
  /** Entries used for training, `[K, T, N]` (NaN entries are never used). @default all observed */
  trainMask?: MaskLike;
  /** Held-out entries scored after fitting (and every `evalEvery` steps). @default none */
  testMask?: MaskLike;
  /** Condition of every trial. @default all trials condition 0 (C = 1) */
  conditions?: ArrayLike<number>;
  /** Number of conditions C. @default 1 + the largest entry of `conditions` */
  nConditions?: number;
  /** Inputs per condition `[C, T, nInputs]`. @default one-hot condition inputs */
  inputs?: InitLtrOptions["inputs"];
  /** Euler step over time constant `dt/τ`. @default 0.2 */
  alpha?: number;
  /** Trial-factor prior. @default σ = 1, l = 15 trials, α = 1, σ_obs = 0.1 */
  kernel?: InitLtrOptions["kernel"];
  /** Seed of the initial parameters and of the trial dropout. @default 0 */
  seed?: number;
  /** Record train/test error every this many steps (0 = only at the end). @default 100 */
  evalEvery?: number;
  /** Start from this model (same sizes) instead of a random one. */
  init?: LtrModel;
  /** Called at every evaluation. */
  onProgress?: (info: { iteration: number; trainError: number; testError?: number }) => void;
}

/** One row of the fitting history. */
export interface LtrHistoryRow {
  /** Adam steps taken. */
  iteration: number;
  /** Normalised MSE on the training entries. */
  trainError: number;
  /** Normalised MSE on the test entries (when a test mask is given). */
  testError?: number;
}

/** A fitted ltrRNN (plain data). */
export interface LtrFit {
  /** `"ltrFit"`. */
  readonly kind: string;
  /** The fitted model (use with `simulateLtr`, `scoreLtr`, `weightTensor`). */
  model: LtrModel;
  /** Fitted parameters by name. */
  parameters: LtrParameters;
  /** Normalised MSE (MSE / variance of the observed data) on the training entries. */
  trainError: number;
  /** Normalised MSE on the test entries; `null` without a test mask. */
  testError: number | null;
  /** MSE on the training entries. */
  trainMse: number;
  /** MSE on the test entries; `null` without a test mask. */
  testMse: number | null;
  /** Errors recorded during fitting. */
  history: LtrHistoryRow[];
  /** Loss (MSE + penalty) on each step's batch of trials. */
  lossHistory: number[];
  /** Options used (numbers only). */
  options: {
    rank: number;
    nUnits: number;
    iterations: number;
    learningRate: number;
    trialDropout: number;
    lambdaState: number;
    lambdaInput: number;
    alpha: number;
    seed: number;
  };
}

/**
 * Fit an ltrRNN of rank R to recordings `Y` `[K trials, T time steps, N neurons]`
 * (NaN = missing): Adam on
 * `masked MSE + λ_x mean(x²) + λ_u mean((βu)²)` with a fresh random `trialDropout`
 * fraction of trials left out of each step, gradients by BPTT in latent coordinates.
 * Errors are reported normalised by the variance of the observed data.
 *
 * @param Yin Recordings `[K, T, N]`.
 * @param options Rank, sizes, optimiser and masks.
 * @returns The fit.
 *
 * @example A rank-1 model fits its own rank-1 teacher
 * ```ts
 * import { initLtrModel } from "./init.ts";
 * import { simulateLtr } from "./simulate.ts";
 * import { fitLtrRnn } from "./fit.ts";
 * import assert from "node:assert/strict";
 * const teacher = initLtrModel({ rank: 1, nUnits: 5, nOutputs: 5, nTrials: 6, nTime: 8, nConditions: 1, nInputs: 1 }, { seed: 3 });
 * const Y = simulateLtr(teacher).outputs;
 * const fit = fitLtrRnn(Y, { rank: 1, iterations: 300, learningRate: 0.02 });
 * assert.ok(fit.trainError < 0.2);
 * ```
 */
export function fitLtrRnn(Yin: Tensor3Like, options: FitLtrOptions): LtrFit {
  const ctx = "Cannot fit ltrRNN";
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${ctx}: \`options\` must be an object with a \`rank\``);
  }
  const Y = asTensor3(Yin, "Y", { context: ctx, finite: false });
  const [K, T, N] = Y.shape;
  const {
    rank,
    nUnits = N,
    iterations = 2000,
    learningRate = 0.005,
    trialDropout = 0.2,
    lambdaState = 0.01,
    lambdaInput = 0.01,
    alpha = 0.2,
    seed = 0,
    evalEvery = 100,
  } = options;
  assertInteger(rank, "rank", 1, Infinity, ctx);
  assertInteger(nUnits, "nUnits", 1, Infinity, ctx);
  assertInteger(iterations, "iterations", 0, Infinity, ctx);
  assertInteger(evalEvery, "evalEvery", 0, Infinity, ctx);
  if (!(trialDropout >= 0 && trialDropout < 1)) {
    throw new RangeError(`${ctx}: \`trialDropout\` must be in [0, 1): got ${trialDropout}`);
  }
  for (const [name, v] of [["lambdaState", lambdaState], ["lambdaInput", lambdaInput]] as const) {
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new RangeError(`${ctx}: \`${name}\` must be >= 0: got ${v}`);
    }
  }
  const size = K * T * N;
  const observed = new Uint8Array(size);
  for (let p = 0; p < size; p++) {
    const v = Y.data[p]!;
    if (Number.isFinite(v)) observed[p] = 1;
    else if (!Number.isNaN(v)) {
      throw new RangeError(
        `${ctx}: \`Y\` must be finite or NaN (missing): got ${v} at flat index ${p}`,
      );
    }
  }
  const train = options.trainMask === undefined
    ? observed.slice()
    : asMask(options.trainMask, size, "trainMask", ctx).map((m, p) => m & observed[p]!);
  const test = options.testMask === undefined
    ? undefined
    : asMask(options.testMask, size, "testMask", ctx).map((m, p) => m & observed[p]!);
  if (!train.some((m) => m === 1)) {
    throw new RangeError(
      `${ctx}: \`trainMask\` and the observed entries of \`Y\` leave nothing to fit`,
    );
  }
  if (test && !test.some((m) => m === 1)) {
    throw new RangeError(`${ctx}: \`testMask\` selects no observed entries of \`Y\``);
  }
  if (learningRate <= 0 || !Number.isFinite(learningRate)) {
    throw new RangeError(`${ctx}: \`learningRate\` must be a positive number: got ${learningRate}`);
  }

  let model: LtrModel;
  if (options.init) {
    model = { ...options.init, theta: options.init.theta.slice() };
    checkDataShape(model, Y, ctx);
  } else {
    const conditions = options.conditions ? Array.from(options.conditions) : new Array(K).fill(0);
    const C = options.nConditions ?? Math.max(0, ...conditions) + 1;
    const nInputs = options.inputs ? options.inputs.shape[2] : C;
    const mean = new Float64Array(N), cnt = new Float64Array(N);
    for (let p = 0; p < size; p++) {
      if (observed[p]) {
        mean[p % N] += Y.data[p]!;
        cnt[p % N]++;
      }
    }
    for (let i = 0; i < N; i++) mean[i] = cnt[i]! > 0 ? mean[i]! / cnt[i]! : 0;
    model = initLtrModel(
      { rank, nUnits, nOutputs: N, nTrials: K, nTime: T, nConditions: C, nInputs },
      {
        alpha,
        conditions,
        ...(options.inputs ? { inputs: options.inputs } : {}),
        kernel: options.kernel ?? {},
        outputMean: mean,
        outputScale: Math.sqrt(observedVariance(Y.data)) || 1,
        seed,
      },
    );
  }
  if (model.rank !== rank) {
    throw new RangeError(`${ctx}: \`init\` has rank ${model.rank} but \`rank\` is ${rank}`);
  }

  const variance = observedVariance(Y.data) || 1;
  const opt = adam(model.theta.length, { learningRate });
  const grad = new Float64Array(model.theta.length);
  const w = workspace(model);
  const rand = mulberry32((seed ^ 0x5bd1e995) >>> 0);
  const penalties = { lambdaState, lambdaInput };
  const lossHistory: number[] = [];
  const history: LtrHistoryRow[] = [];
  const evaluate = (iteration: number) => {
    const tr = scoreLtr(model, Y, { mask: train });
    const row: LtrHistoryRow = { iteration, trainError: tr.mse / variance };
    if (test) row.testError = scoreLtr(model, Y, { mask: test }).mse / variance;
    history.push(row);
    options.onProgress?.(row);
  };
  for (let it = 0; it < iterations; it++) {
    if (evalEvery > 0 && it % evalEvery === 0) evaluate(it);
    w.count = 0;
    for (let k = 0; k < K; k++) {
      if (trialDropout === 0 || rand() >= trialDropout) w.trials[w.count++] = k;
    }
    if (w.count === 0) w.trials[w.count++] = Math.floor(rand() * K);
    const d = derive(model);
    forward(model, d, w);
    const lv = lossAndGradient(model, d, w, Y.data, train, penalties, grad);
    if (!Number.isFinite(lv.loss)) {
      throw new RangeError(
        `${ctx}: the loss diverged (got ${lv.loss}) at step ${it}; lower \`learningRate\``,
      );
    }
    lossHistory.push(lv.loss);
    opt.step(model.theta, grad);
  }
  evaluate(iterations);
  const last = history[history.length - 1]!;
  const trainScore = scoreLtr(model, Y, { mask: train });
  const testScore = test ? scoreLtr(model, Y, { mask: test }) : null;
  return tagResult("ltrFit", {
    model,
    parameters: ltrParameters(model),
    trainError: last.trainError,
    testError: last.testError ?? null,
    trainMse: trainScore.mse,
    testMse: testScore ? testScore.mse : null,
    history,
    lossHistory,
    options: {
      rank,
      nUnits: model.nUnits,
      iterations,
      learningRate,
      trialDropout,
      lambdaState,
      lambdaInput,
      alpha: model.alpha,
      seed,
    },
  });
}
