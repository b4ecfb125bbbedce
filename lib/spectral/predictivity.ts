/**
 * Cross-validated ridge predictivity per neuron: the regression score most
 * brain-benchmark users know (fit features → responses on k − 1 folds,
 * predict the held-out fold), here with the spectral-theory ridge convention.
 *
 * Folds: a seeded random permutation of the P stimuli cut into k contiguous
 * folds whose sizes differ by at most one (the first P mod k folds are one
 * larger), as scikit-learn's shuffled `KFold`. Each fold's model has an
 * intercept (X and Y centred with the training means, when `center`) and the
 * penalty α = nTrain·λ_reg on the unnormalised kernel. Scores are computed on
 * the pooled out-of-fold predictions of all P stimuli: R² = 1 − SSE/SS_tot and
 * Pearson r per neuron, and their means over neurons.
 *
 * @module
 */

import { assertInteger, assertSeed } from "../validate/mod.ts";
import { type Matrix, type MatrixLike, takeRows } from "../linalg/matrix.ts";
import { matmul } from "../linalg/products.ts";
import { divideByPowerOfTwo, powerOfTwoScale } from "../linalg/scale.ts";
import { colMeans, subtractRow } from "../linalg/elementwise.ts";
import { mulberry32 } from "../random.ts";
import { tagResult } from "../result.ts";
import { checkPair, checkRidge, columnPower, maybeCenter } from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";
import type { SpectralProgress } from "./learning_curve.ts";
import { solveShifted } from "./ridge.ts";
import { rowStats, scoresFromStats } from "./scores.ts";
import { gramMatrix } from "./spectrum.ts";

/** Options for {@link ridgePredictivity}. */
export interface PredictivityOptions {
  /** λ_reg ≥ 0; each fold's penalty is α = nTrain·λ_reg. @default 0 */
  ridge?: number;
  /** Number of folds k, in [2, P]. @default 5 */
  folds?: number;
  /** Seed of the fold assignment. @default 0 */
  seed?: number;
  /** Fit an intercept (centre with the training-fold means). @default true */
  center?: boolean;
  /**
   * Explicit fold of each stimulus (integers 0…k − 1, each fold non-empty, k ≥ 2), e.g. to keep
   * repeats of one image together; overrides `folds` and `seed`. @default undefined
   */
  foldOf?: readonly number[];
  /** Called after each fold. */
  onProgress?: (progress: SpectralProgress) => void;
}

/** Result of {@link ridgePredictivity}. */
export interface PredictivityResult {
  /** Stimuli P, features M, neurons N. */
  P: number;
  /** Number of model features M. */
  M: number;
  /** Number of neurons N. */
  N: number;
  /** λ_reg. */
  ridge: number;
  /** Number of folds. */
  folds: number;
  /** Seed. */
  seed: number;
  /** Whether an intercept was fitted. */
  centered: boolean;
  /** Fold index (0…k − 1) of each stimulus, length P. */
  foldOf: number[];
  /** Cross-validated R² per neuron, length N. */
  r2: number[];
  /** Cross-validated Pearson r per neuron, length N. */
  pearson: number[];
  /** Mean R² over neurons. */
  meanR2: number;
  /** Mean Pearson r over neurons. */
  meanPearson: number;
  /** How many folds used Cholesky and how many the pseudo-inverse. */
  solves: { cholesky: number; pinv: number };
}

/**
 * Assign P stimuli to k folds (seeded shuffle, sizes differing by at most one).
 *
 * @param P Number of stimuli (≥ 1).
 * @param folds Number of folds k, in [1, P].
 * @param seed Seed of the shuffle, an integer in [−2^31, 2^32 − 1].
 * @returns The fold (0…k − 1) of each stimulus.
 * @throws {RangeError} For a count or seed that is not an integer in its range.
 *
 * @example Seven stimuli in three folds
 * ```ts
 * import { kFoldAssignment } from "./predictivity.ts";
 * import assert from "node:assert/strict";
 * const f = kFoldAssignment(7, 3, 0);
 * assert.deepEqual([0, 1, 2].map((k) => f.filter((v) => v === k).length), [3, 2, 2]);
 * assert.throws(() => kFoldAssignment(7, 3, 1.5), /`seed` must be an integer in \[-2147483648, 4294967295\]: got 1.5/);
 * ```
 */
export function kFoldAssignment(P: number, folds: number, seed: number): number[] {
  const ctx = "Cannot assign folds";
  assertInteger(P, "P", 1, 2 ** 31, ctx);
  assertInteger(folds, "folds", 1, P, ctx);
  assertSeed(seed, ctx);
  const rand = mulberry32(seed);
  const perm = Array.from({ length: P }, (_, i) => i);
  for (let i = P - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const foldOf = new Array<number>(P).fill(0);
  const base = Math.floor(P / folds), extra = P % folds;
  let pos = 0;
  for (let k = 0; k < folds; k++) {
    const size = base + (k < extra ? 1 : 0);
    for (let t = 0; t < size; t++) foldOf[perm[pos++]!] = k;
  }
  return foldOf;
}

/**
 * Cross-validated ridge predictivity of each neuron from model features:
 * per-neuron and mean R² and Pearson r over pooled out-of-fold predictions.
 *
 * @param X Model activations [P, M] (finite, P ≥ 3).
 * @param Y Neural responses [P, N].
 * @param options `ridge`, `folds`, `seed`, `center`, `onProgress`.
 * @returns A `ridgePredictivity` result.
 *
 * @example A neuron that is a linear read-out of the features is predicted perfectly
 * ```ts
 * import { ridgePredictivity } from "./predictivity.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0, 1], [1, 1], [2, -1], [0, 3], [1, 2], [3, 1], [2, 2]];
 * const Y = X.map(([a, b]) => [2 * a! - b! + 5]);
 * const s = ridgePredictivity(X, Y, { folds: 4, seed: 3 });
 * assert.ok(Math.abs(s.meanR2 - 1) < 1e-12 && Math.abs(s.meanPearson - 1) < 1e-12);
 * ```
 */
export function ridgePredictivity(
  X: MatrixLike,
  Y: MatrixLike,
  options: PredictivityOptions = {},
): Readonly<PredictivityResult & { kind: string }> {
  const ctx = "Cannot compute ridge predictivity";
  checkOptionNames(
    options,
    Object.keys(
      {
        ridge: 1,
        folds: 1,
        seed: 1,
        center: 1,
        foldOf: 1,
        onProgress: 1,
      } satisfies Record<keyof PredictivityOptions, 1>,
    ),
    ctx,
    ["center"],
  );
  const { ridge = 0, seed = 0, center = true, onProgress } = options;
  const pair = checkPair(X, Y, ctx);
  checkRidge(ridge, ctx);
  // extreme data (max |x| outside [2^-500, 2^500]) is divided by 2^k before any product, so the
  // Gram matrices neither overflow nor underflow; the ridge moves with X's scale (λ/4^k), which
  // leaves every prediction's R² and r as they were
  const kx = powerOfTwoScale(pair.X.data), ky = powerOfTwoScale(pair.Y.data);
  const x = kx === 0 ? pair.X : { ...pair.X, data: divideByPowerOfTwo(pair.X.data, kx) };
  const y = ky === 0 ? pair.Y : { ...pair.Y, data: divideByPowerOfTwo(pair.Y.data, ky) };
  const lambda = kx === 0 ? ridge : ridge * 2 ** -kx * 2 ** -kx;
  // r is undefined for a constant neuron (and R² would read 1): refuse it, naming the column
  columnPower(maybeCenter(y, true), ctx, true);
  const P = x.rows, M = x.cols, N = y.cols;
  let folds: number, foldOf: number[];
  if (options.foldOf !== undefined) {
    foldOf = checkFoldOf(options.foldOf, P, ctx);
    folds = Math.max(...foldOf) + 1;
  } else {
    folds = options.folds ?? 5;
    assertInteger(folds, "folds", 2, P, ctx);
    assertSeed(seed, ctx);
    foldOf = kFoldAssignment(P, folds, seed);
  }
  // With M ≥ P every fold is a dual solve: form the Gram once. Centring over
  // all stimuli first changes no fold's centred kernel but keeps the
  // rank-one corrections below free of cancellation.
  const x0 = center ? maybeCenter(x, true) : x;
  const gram = M >= P ? gramMatrix(x0) : null;
  const yhat = new Float64Array(P * N);
  const solves = { cholesky: 0, pinv: 0 };
  for (let k = 0; k < folds; k++) {
    const train: number[] = [], test: number[] = [];
    foldOf.forEach((f, i) => (f === k ? test : train).push(i));
    const pred = predictFold(x, y, gram, train, test, train.length * lambda, center);
    solves[pred.method]++;
    test.forEach((i, t) => yhat.set(pred.yhat.data.subarray(t * N, (t + 1) * N), i * N));
    onProgress?.({ done: k + 1, total: folds });
  }
  const s = scoresFromStats(rowStats(y, { rows: P, cols: N, data: yhat }));
  const mean = (a: Float64Array) => a.reduce((u, v) => u + v, 0) / a.length;
  return tagResult("ridgePredictivity", {
    P,
    M,
    N,
    ridge,
    folds,
    seed,
    centered: center,
    foldOf,
    r2: Array.from(s.r2),
    pearson: Array.from(s.pearson),
    meanR2: mean(s.r2),
    meanPearson: mean(s.pearson),
    solves,
  });
}

function checkFoldOf(foldOf: readonly number[], P: number, ctx: string): number[] {
  if (!Array.isArray(foldOf) || foldOf.length !== P) {
    throw new TypeError(
      `${ctx}: \`foldOf\` must be an array with one fold per stimulus (${P}): got length ${
        Array.isArray(foldOf) ? foldOf.length : typeof foldOf
      }`,
    );
  }
  foldOf.forEach((f, i) => {
    if (!Number.isInteger(f) || f < 0) {
      throw new RangeError(
        `${ctx}: \`foldOf\` must hold integers >= 0: got ${f} at index ${i}`,
      );
    }
  });
  const k = Math.max(...foldOf) + 1;
  const count = new Array<number>(k).fill(0);
  foldOf.forEach((f) => count[f]++);
  const empty = count.findIndex((c) => c === 0);
  if (k < 2 || empty >= 0) {
    throw new RangeError(
      `${ctx}: \`foldOf\` must use every fold 0…k − 1 with k >= 2: ${
        k < 2 ? "got a single fold" : `fold ${empty} is empty`
      }`,
    );
  }
  return foldOf.slice();
}

/** Fit on `train` rows (intercept via training means) and predict `test` rows. */
function predictFold(
  X: Matrix,
  Y: Matrix,
  gram: Matrix | null,
  train: number[],
  test: number[],
  alpha: number,
  center: boolean,
): { yhat: Matrix; method: "cholesky" | "pinv" } {
  const n = train.length, M = X.cols, N = Y.cols;
  const Ytr = takeRows(Y, train);
  const ym = center ? colMeans(Ytr) : new Float64Array(N);
  const Yc = center ? subtractRow(Ytr, ym) : Ytr;
  let out: Matrix, method: "cholesky" | "pinv";
  if (gram) {
    // centred kernel from the raw Gram: (x_i − m)·(x_j − m) = G_ij − a_i − a_j + c
    const P = X.rows;
    const a = new Float64Array(P);
    let c = 0;
    if (center) {
      for (let i = 0; i < P; i++) {
        let s = 0;
        for (const j of train) s += gram.data[i * P + j]!;
        a[i] = s / n;
      }
      for (const j of train) c += a[j]!;
      c /= n;
    }
    const block = (rows: number[]) => {
      const B = new Float64Array(rows.length * n);
      rows.forEach((i, r) => {
        for (let t = 0; t < n; t++) {
          const j = train[t]!;
          B[r * n + t] = gram.data[i * P + j]! - a[i]! - a[j]! + c;
        }
      });
      return { rows: rows.length, cols: n, data: B };
    };
    const s = solveShifted(block(train), alpha, Yc);
    out = matmul(block(test), s.x);
    method = s.method;
  } else {
    const Xtr = takeRows(X, train);
    const xm = center ? colMeans(Xtr) : new Float64Array(M);
    const Xc = center ? subtractRow(Xtr, xm) : Xtr;
    const Xte = center ? subtractRow(takeRows(X, test), xm) : takeRows(X, test);
    if (n > M) {
      const s = solveShifted(
        matmul(Xc, Xc, { transA: true }),
        alpha,
        matmul(Xc, Yc, { transA: true }),
      );
      out = matmul(Xte, s.x);
      method = s.method;
    } else {
      const s = solveShifted(matmul(Xc, Xc, { transB: true }), alpha, Yc);
      out = matmul(matmul(Xte, Xc, { transB: true }), s.x);
      method = s.method;
    }
  }
  for (let t = 0; t < test.length; t++) {
    for (let k = 0; k < N; k++) out.data[t * N + k] += ym[k]!;
  }
  return { yhat: out, method };
}
