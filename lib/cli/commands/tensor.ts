/**
 * Low-tensor-rank subcommands: `cp` (CP decomposition of a 3-tensor) and `ltr-fit`
 * (fit a low-tensor-rank RNN to trials × time × neurons recordings).
 *
 * @module
 */

import {
  type Command,
  flagInRange,
  integerOption,
  numberOption,
  seedOption,
  UsageError,
} from "../command.ts";
import { INPUT_HELP, INPUT_OPTIONS, inputKeys, readInputTensor } from "../inputs.ts";
import { writeNpz } from "../../io/npz.ts";
import type { Matrix } from "../../linalg/matrix.ts";
import { cpAls } from "../../tensor/cp_als.ts";
import { cpHals } from "../../tensor/cp_hals.ts";
import { asTensor3, observedMask, type Tensor3 } from "../../tensor/tensor.ts";
import { ltrBlockMasks } from "../../rnn/cv.ts";
import { fitLtrRnn } from "../../rnn/fit.ts";

async function read3(path: string, name: string, key?: string): Promise<Tensor3> {
  const t = await readInputTensor(path, name, key);
  if (t.shape.length !== 3) {
    throw new TypeError(
      `Cannot read \`${name}\` (${path}): expected a 3-D array: got shape [${t.shape.join(", ")}]`,
    );
  }
  // NaN marks a missing entry; ±Inf is bad data, and a tensor with nothing observed has nothing to fit
  const [, J, K] = t.shape as [number, number, number];
  let observed = 0;
  for (let p = 0; p < t.data.length; p++) {
    const v = t.data[p]!;
    if (v === Infinity || v === -Infinity) {
      const i = Math.floor(p / (J * K)), j = Math.floor(p / K) % J, k = p % K;
      throw new RangeError(
        `Cannot read \`${name}\` (${path}): entries must be finite or NaN (missing): got ${v} at [${i}, ${j}, ${k}]`,
      );
    }
    if (v === v) observed++;
  }
  if (observed === 0) {
    throw new RangeError(
      `Cannot read \`${name}\` (${path}): all ${t.data.length} entries are NaN (missing): nothing to fit`,
    );
  }
  return asTensor3({ shape: t.shape, data: t.data }, name, { finite: false });
}

function positive(values: Record<string, unknown>, name: string, fallback: number): number {
  const v = integerOption(values as never, name, fallback);
  if (v < 1) throw new UsageError(`--${name} must be >= 1: got ${v}`);
  return v;
}

function rankOption(values: Record<string, unknown>): number {
  if (values.rank === undefined) throw new UsageError("--rank is required");
  return positive(values, "rank", 1);
}

function asNpy(M: Matrix) {
  return { shape: [M.rows, M.cols], data: M.data };
}

const cp: Command = {
  name: "cp",
  outputFormats: () => ({ out: [".npz"] }),
  summary: "CP decomposition (tensor component analysis) of a 3-D array",
  help:
    `Usage: deno task cli cp T.npy --rank R [--nonneg] [--restarts N] [--seed S] [--max-iter N] [--tol X] [--mask M.npy] [--out factors.npz]

Fits T ≈ Σ_r λ_r a_r ∘ b_r ∘ c_r by alternating least squares (--nonneg: nonnegative
factors by HALS), keeping the best of --restarts random initialisations. NaN entries of T
are missing and are not fitted; --mask (same shape, nonzero = use) removes more entries.
Prints JSON:
  relative_error      ‖T − T̂‖_F / ‖T‖_F over the fitted entries (tensorly/tensortools' error)
  variance_explained  1 − ‖T − T̂‖²_F / ‖T − mean(T)‖²_F over the fitted entries
  rank, shape, weights (λ, descending), iterations, converged, restart_errors, observed, missing

Options:
  --rank R      number of components (required, >= 1)
  --nonneg      nonnegative CP by HALS instead of ALS
  --restarts N  random initialisations (default 1)
  --seed S      seed of the initialisations (default 0)
  --max-iter N  sweeps per initialisation (default 500)
  --tol X       stop when the relative error improves by less than X (default 1e-8)
  --mask M.npy  entries to fit (nonzero = fit), same shape as T
  --out F.npz   write weights [R], factor_0 [I, R], factor_1 [J, R], factor_2 [K, R]
                (unit-norm columns; T̂ = Σ_r weights[r] · factor_0[:, r] ∘ factor_1[:, r] ∘ factor_2[:, r])
${INPUT_HELP}

Exit codes: 0 success; 1 unreadable input or invalid data (e.g. nothing left to fit); 2 bad usage.`,
  options: {
    ...INPUT_OPTIONS,
    rank: { type: "string" },
    nonneg: { type: "boolean" },
    restarts: { type: "string" },
    seed: { type: "string" },
    "max-iter": { type: "string" },
    tol: { type: "string" },
    mask: { type: "string" },
    out: { type: "string" },
  },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const rank = rankOption(values);
    const restarts = positive(values, "restarts", 1);
    const maxIter = positive(values, "max-iter", 500);
    const seed = seedOption(values);
    const tol = numberOption(values, "tol", 1e-8);
    if (tol < 0) throw new UsageError(`--tol must be >= 0: got ${tol}`);
    const T = await read3(positionals[0]!, "T", inputKeys(values, positionals)[0]);
    const mask = observedMask(T);
    const missing = mask.length - mask.reduce((a, b) => a + b, 0);
    if (values.mask !== undefined) {
      const M = await readInputTensor(values.mask as string, "mask");
      if (M.shape.length !== 3 || M.shape.some((d, m) => d !== T.shape[m])) {
        throw new TypeError(
          `Cannot fit CP decomposition: \`mask\` must have the shape of \`T\` [${
            T.shape.join(", ")
          }]: got [${M.shape.join(", ")}]`,
        );
      }
      for (let p = 0; p < mask.length; p++) if (M.data[p] === 0) mask[p] = 0;
    }
    const fitter = values.nonneg ? cpHals : cpAls;
    const fit = fitter(T, { rank, restarts, seed, maxIter, tol, mask });
    if (values.out !== undefined) {
      writeNpz(values.out as string, {
        weights: { shape: [rank], data: Float64Array.from(fit.weights) },
        factor_0: asNpy(fit.factors[0]),
        factor_1: asNpy(fit.factors[1]),
        factor_2: asNpy(fit.factors[2]),
      });
    }
    return {
      relative_error: fit.relativeError,
      variance_explained: fit.varianceExplained,
      method: fit.method,
      rank,
      shape: fit.shape,
      weights: fit.weights,
      iterations: fit.iterations,
      converged: fit.converged,
      restart_errors: fit.restartErrors,
      observed: fit.observed,
      missing,
      ...(values.out !== undefined ? { out: values.out } : {}),
    };
  },
};

const ltrFit: Command = {
  name: "ltr-fit",
  outputFormats: () => ({ out: [".npz"] }),
  summary: "fit a low-tensor-rank RNN to trials × time × neurons recordings",
  help:
    `Usage: deno task cli ltr-fit Y.npy --rank R [--seed S] [--iterations N] [--units n] [--lr X] [--conditions C.npy] [--alpha X] [--dropout X] [--lambda X] [--test-fraction X] [--mask-seed S] [--out model.npz]

Fits an ltrRNN (Pellegrino, Cayco-Gajic & Chadwick 2023): weights W^(k) = Σ_r a_r(k) ĉ_r ρ̂_rᵀ
on trial k with smooth trial factors (rational-quadratic prior, length scale 15 trials),
one-hot condition inputs, readout ŷ = D tanh(x) + d; Adam on masked MSE + L2 penalties with
random trial dropout. Y is trials × time × neurons, NaN = missing. Entries are split into
train and held-out sets by block masks (blocks of ±1 trial × ±2 time steps of one neuron
removed from training around random centres, the centre ±1 time step held out and scored;
--test-fraction sets the fraction of entries removed from training).
Prints JSON:
  train_error, test_error  MSE on the training / held-out entries divided by the variance of
                           all observed entries of Y
  train_mse, test_mse      the raw mean squared errors
  rank, n_units, iterations, shape, n_train, n_test

Options:
  --rank R             number of components (required, >= 1)
  --seed S             seed of the initial parameters and trial dropout (default 0)
  --iterations N       Adam steps (default 2000)
  --units n            RNN units (default: the number of neurons)
  --lr X               Adam step size (default 0.005)
  --conditions C.npy   condition index of every trial, length K (default: all 0)
  --alpha X            dt/τ (default 0.2)
  --dropout X          fraction of trials dropped per step (default 0.2)
  --lambda X           weight of both L2 penalties (default 0.01)
  --test-fraction X    fraction of entries removed from training in blocks (default 0.2)
  --mask-seed S        seed of the block masks (default 0)
  --out F.npz          write trial_factors [K, R], column_factors [n, R], row_factors [n, R],
                       input_weights [R, C], latent_bias [R], initial_state [C, R],
                       readout [N, n], readout_bias [N], train_mask and test_mask [K, T, N]
${INPUT_HELP}

Exit codes: 0 success; 1 unreadable input or invalid data; 2 bad usage.`,
  options: {
    ...INPUT_OPTIONS,
    rank: { type: "string" },
    seed: { type: "string" },
    iterations: { type: "string" },
    units: { type: "string" },
    lr: { type: "string" },
    conditions: { type: "string" },
    alpha: { type: "string" },
    dropout: { type: "string" },
    lambda: { type: "string" },
    "test-fraction": { type: "string" },
    "mask-seed": { type: "string" },
    out: { type: "string" },
  },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const rank = rankOption(values);
    const Y = await read3(positionals[0]!, "Y", inputKeys(values, positionals)[0]);
    const [K, T, N] = Y.shape;
    const seed = seedOption(values);
    const iterations = integerOption(values, "iterations", 2000);
    if (iterations < 1) throw new UsageError(`--iterations must be >= 1: got ${iterations}`);
    const nUnits = positive(values, "units", N);
    const learningRate = flagInRange("lr", numberOption(values, "lr", 0.005), 0, Infinity, {
      lo: true,
    });
    const alpha = flagInRange("alpha", numberOption(values, "alpha", 0.2), 0, 1, { lo: true });
    const trialDropout = flagInRange("dropout", numberOption(values, "dropout", 0.2), 0, 1, {
      hi: true,
    });
    const lambda = flagInRange("lambda", numberOption(values, "lambda", 0.01), 0);
    const fraction = flagInRange(
      "test-fraction",
      numberOption(values, "test-fraction", 0.2),
      0,
      1,
      { lo: true, hi: true },
    );
    const maskSeed = seedOption(values, "mask-seed");
    let conditions: number[] | undefined;
    if (values.conditions !== undefined) {
      const c = await readInputTensor(values.conditions as string, "conditions");
      if (c.data.length !== K || c.shape.length !== 1) {
        throw new TypeError(
          `Cannot fit ltrRNN: \`conditions\` must be a 1-D array of ${K} trial conditions: got shape [${
            c.shape.join(", ")
          }]`,
        );
      }
      conditions = Array.from(c.data);
    }
    const { train, test } = ltrBlockMasks(Y, { fraction, seed: maskSeed });
    const fit = fitLtrRnn(Y, {
      rank,
      nUnits,
      iterations,
      learningRate,
      alpha,
      trialDropout,
      lambdaState: lambda,
      lambdaInput: lambda,
      seed,
      trainMask: train,
      testMask: test,
      evalEvery: 0,
      ...(conditions ? { conditions } : {}),
    });
    if (values.out !== undefined) {
      const p = fit.parameters;
      writeNpz(values.out as string, {
        trial_factors: asNpy(p.trialFactors),
        column_factors: asNpy(p.columnFactors),
        row_factors: asNpy(p.rowFactors),
        input_weights: asNpy(p.inputWeights),
        latent_bias: { shape: [rank], data: Float64Array.from(p.latentBias) },
        initial_state: asNpy(p.initialState),
        readout: asNpy(p.readout),
        readout_bias: { shape: [N], data: Float64Array.from(p.readoutBias) },
        train_mask: { shape: [K, T, N], data: train },
        test_mask: { shape: [K, T, N], data: test },
      });
    }
    return {
      train_error: fit.trainError,
      test_error: fit.testError,
      train_mse: fit.trainMse,
      test_mse: fit.testMse,
      rank,
      n_units: fit.model.nUnits,
      iterations,
      shape: [K, T, N],
      n_train: train.reduce((a, b) => a + b, 0),
      n_test: test.reduce((a, b) => a + b, 0),
      ...(values.out !== undefined ? { out: values.out } : {}),
    };
  },
};

/** Subcommands of the low-tensor-rank area: `cp`, `ltr-fit`. */
export const tensorCommands: Command[] = [cp, ltrFit];
