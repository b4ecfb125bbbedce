/**
 * Empirical learning curves of ridge regression, to put beside the theory:
 * for each training-set size p, several random training subsets (without
 * replacement); fit on the subset, predict all P stimuli, and score the
 * generalisation error over all P ("gen"), the held-out rows only ("test")
 * and the training rows ("train").
 *
 * Conventions match the theory: X and Y are centred over all P stimuli
 * (unless `center: false`), no intercept is fitted, the ridge on the
 * unnormalised kernel is α = p·λ_reg, and every error is a squared error per
 * row normalised by the target power over all P stimuli (pooled: T = ‖Y‖²_F/P;
 * per neuron: that neuron's power), so gen error ≈ theoretical E_g.
 *
 * @module
 */

import { assertInteger, assertSeed } from "../validate/mod.ts";
import { matrixArg } from "../linalg/matrix.ts";
import { type Matrix, type MatrixLike, takeRows } from "../linalg/matrix.ts";
import { matmul } from "../linalg/products.ts";
import { mulberry32 } from "../random.ts";
import { tagResult } from "../result.ts";
import { checkPair, checkPs, checkRidge, columnPower, maybeCenter } from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";
import { solveShifted, solveSpd } from "./ridge.ts";
import { gramMatrix } from "./spectrum.ts";
import { mergeStats, rowStats, scoresFromStats } from "./scores.ts";

/** Progress of a long computation. */
export interface SpectralProgress {
  /** Units of work done. */
  done: number;
  /** Units of work in all. */
  total: number;
}

/** Options for {@link empiricalCurve}. */
export interface EmpiricalOptions {
  /** Training-set sizes, integers in [1, P − 1]. @default defaultPs(P) */
  ps?: readonly number[];
  /** λ_reg ≥ 0 (α = p·λ_reg). @default 0 */
  ridge?: number;
  /** Random training subsets per p. @default 5 */
  subsets?: number;
  /** Seed for the subsets (subset j at size p depends only on seed, p and j). @default 0 */
  seed?: number;
  /** Centre X and Y over all P stimuli first. @default true */
  center?: boolean;
  /** Called after each fitted subset. */
  onProgress?: (progress: SpectralProgress) => void;
}

/** Scores on one set of rows (all, held-out or training), per training-set size. */
export interface EmpiricalScores {
  /** Pooled normalised error Σ_n SSE_n / (rows·T), mean over subsets, per p. */
  error: number[];
  /** The same per subset, [ps][subsets]. */
  errorSubsets: number[][];
  /** Per-neuron normalised error SSE_n / (rows·T_n), mean over subsets, [ps][N]. */
  errorPerNeuron: number[][];
  /** Per-neuron R² on these rows, mean over subsets, [ps][N]. */
  r2: number[][];
  /** Per-neuron Pearson r on these rows, mean over subsets, [ps][N]. */
  pearson: number[][];
}

/** Result of {@link empiricalCurve}. */
export interface EmpiricalResult {
  /** Stimuli P, features M, neurons N. */
  P: number;
  /** Number of model features M. */
  M: number;
  /** Number of neurons N. */
  N: number;
  /** Whether X and Y were centred. */
  centered: boolean;
  /** λ_reg. */
  ridge: number;
  /** Subsets per p. */
  subsets: number;
  /** Seed. */
  seed: number;
  /** Training-set sizes. */
  ps: number[];
  /** Over all P stimuli (compare with the theoretical E_g). */
  gen: EmpiricalScores;
  /** Over the held-out stimuli only. */
  test: EmpiricalScores;
  /** Over the training stimuli (compare with the theoretical E_tr). */
  train: EmpiricalScores;
  /** How many subset fits used Cholesky and how many fell back to the pseudo-inverse. */
  solves: { cholesky: number; pinv: number };
}

/**
 * The default grid of training-set sizes: 5 log-spaced values from 5 to P − 2
 * plus 0.1P, 0.2P, …, 0.9P, truncated to integers (values within 1e-9 of an
 * integer count as that integer, so the endpoint is exactly P − 2), de-duplicated,
 * sorted and kept within [1, P − 1].
 *
 * @param P Number of stimuli (≥ 3).
 * @returns Sorted training-set sizes.
 *
 * @example The grid for P = 100
 * ```ts
 * import { defaultPs } from "./learning_curve.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(defaultPs(100), [5, 10, 20, 22, 30, 40, 46, 50, 60, 70, 80, 90, 98]);
 * assert.deepEqual(defaultPs(50).slice(-2), [45, 48]);
 * ```
 */
export function defaultPs(P: number): number[] {
  assertInteger(P, "P", 3, Infinity, "Cannot build the default grid of training-set sizes");
  const raw: number[] = [];
  const a = Math.log10(5), b = Math.log10(P - 2);
  for (let k = 0; k < 5; k++) raw.push(10 ** (a + ((b - a) * k) / 4));
  for (let k = 1; k <= 9; k++) raw.push(k * 0.1 * P);
  const whole = (v: number) => {
    const r = Math.round(v);
    return Math.abs(v - r) <= 1e-9 * Math.max(1, v) ? r : Math.trunc(v);
  };
  const set = new Set(raw.map(whole).filter((v) => v >= 1 && v <= P - 1));
  return [...set].sort((x, y) => x - y);
}

/**
 * Empirical ridge-regression learning curve of Y on X: generalisation, held-out
 * and training errors, R² and Pearson r per neuron, for each training-set size
 * and several random subsets.
 *
 * @param X Model activations [P, M] (finite, P ≥ 3).
 * @param Y Neural responses [P, N].
 * @param options `ps`, `ridge`, `subsets`, `seed`, `center`, `onProgress`.
 * @returns A `spectralEmpirical` result.
 *
 * @example A target inside a 2-D span is learned exactly from 3 samples
 * ```ts
 * import { empiricalCurve } from "./learning_curve.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0, 1], [1, 1], [2, -1], [0, 3], [1, 2]];
 * const Y = X.map(([a, b]) => [2 * a! - b!]);
 * const e = empiricalCurve(X, Y, { ps: [3], subsets: 2, seed: 1 });
 * assert.ok(e.gen.error[0]! < 1e-20 && e.test.error[0]! < 1e-20);
 * ```
 */
export function empiricalCurve(
  X: MatrixLike,
  Y: MatrixLike,
  options: EmpiricalOptions = {},
): Readonly<EmpiricalResult & { kind: string }> {
  const ctx = "Cannot compute empirical learning curve";
  checkOptionNames(options, EMPIRICAL_OPTIONS, ctx, ["center"]);
  const pair = checkPair(X, Y, ctx);
  const { center = true } = options;
  const x = maybeCenter(pair.X, center);
  const y = maybeCenter(pair.Y, center);
  const gram = x.cols >= x.rows ? gramMatrix(x) : null;
  return tagResult("spectralEmpirical", empiricalValues(x, y, gram, options, ctx));
}

const EMPIRICAL_OPTIONS = Object.keys(
  {
    ps: 1,
    ridge: 1,
    subsets: 1,
    seed: 1,
    center: 1,
    onProgress: 1,
  } satisfies Record<keyof EmpiricalOptions, 1>,
);

function subsetSeed(seed: number, p: number, j: number): number {
  let h = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(p + 1, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae3d) ^ Math.imul(j + 1, 0x27d4eb2f);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * A random training subset of size p (sorted) and its complement (sorted).
 *
 * @param P Number of stimuli.
 * @param p Training-set size, in [0, P].
 * @param seed Seed, an integer in [−2^31, 2^32 − 1].
 * @param subset Index of the subset at this size (≥ 0).
 * @returns `{train, test}` row indices.
 * @throws {RangeError} For a count, size, seed or index that is not an integer in its range.
 *
 * @example Same seed, same split
 * ```ts
 * import { trainTestSplit } from "./learning_curve.ts";
 * import assert from "node:assert/strict";
 * const { train, test } = trainTestSplit(10, 4, 0, 0);
 * assert.equal(train.length, 4);
 * assert.equal(new Set([...train, ...test]).size, 10);
 * assert.deepEqual(trainTestSplit(10, 4, 0, 0).train, train);
 * assert.throws(() => trainTestSplit(5, 9, 0, 0), /`p` must be an integer in \[0, 5\]: got 9/);
 * ```
 */
export function trainTestSplit(
  P: number,
  p: number,
  seed: number,
  subset: number,
): { train: Int32Array; test: Int32Array } {
  const ctx = "Cannot split stimuli";
  assertInteger(P, "P", 1, 2 ** 31 - 1, ctx);
  assertInteger(p, "p", 0, P, ctx);
  assertSeed(seed, ctx);
  assertInteger(subset, "subset", 0, 2 ** 31 - 1, ctx);
  const rand = mulberry32(subsetSeed(seed, p, subset));
  const perm = Int32Array.from({ length: P }, (_, i) => i);
  for (let i = 0; i < p; i++) {
    const j = i + Math.floor(rand() * (P - i));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return { train: perm.slice(0, p).sort(), test: perm.slice(p).sort() };
}

/**
 * Fit ridge on the rows `train` of (prepared) X, Y and predict every row.
 *
 * @param X Features [P, M], already centred as intended.
 * @param Y Targets [P, N].
 * @param gram X Xᵀ [P, P] when available (dual solves then only slice it), else null.
 * @param train Training row indices.
 * @param alpha Ridge on the unnormalised kernel.
 * @returns Predictions [P, N] and how the system was solved.
 *
 * @example Exact fit of a line
 * ```ts
 * import { fitPredictSubset } from "./learning_curve.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const X = fromRows([[1], [2], [3]]);
 * const { yhat } = fitPredictSubset(X, fromRows([[2], [4], [6]]), null, [0, 1], 0);
 * assert.ok(Math.abs(yhat.data[2]! - 6) < 1e-12);
 * ```
 */
export function fitPredictSubset(
  X: MatrixLike,
  Y: MatrixLike,
  gram: Matrix | null,
  train: ArrayLike<number>,
  alpha: number,
): { yhat: Matrix; method: "cholesky" | "pinv" } {
  X = matrixArg(X, "X");
  Y = matrixArg(Y, "Y");
  const P = X.rows, M = X.cols, p = train.length;
  const Ys = takeRows(Y, train);
  if (p > M) {
    const Xs = takeRows(X, train);
    const s = solveShifted(
      matmul(Xs, Xs, { transA: true }),
      alpha,
      matmul(Xs, Ys, { transA: true }),
    );
    return { yhat: matmul(X, s.x), method: s.method };
  }
  // training rows S and held-out rows T of the kernel; α on the diagonal of K_SS
  const rest = complement(P, train);
  const q = rest.length;
  let Kss: Matrix, Kts: Matrix;
  if (gram) {
    const kss = new Float64Array(p * p), kts = new Float64Array(q * p);
    for (let a = 0; a < p; a++) {
      const row = train[a]! * P;
      for (let b = 0; b < p; b++) kss[a * p + b] = gram.data[row + train[b]!]!;
      kss[a * p + a] += alpha; // K_SS + αI, built in place
    }
    for (let t = 0; t < q; t++) {
      const row = rest[t]! * P;
      for (let b = 0; b < p; b++) kts[t * p + b] = gram.data[row + train[b]!]!;
    }
    Kss = { rows: p, cols: p, data: kss };
    Kts = { rows: q, cols: p, data: kts };
  } else {
    const Xs = takeRows(X, train);
    Kss = matmul(Xs, Xs, { transB: true });
    for (let a = 0; a < p; a++) Kss.data[a * p + a] += alpha;
    Kts = matmul(takeRows(X, rest), Xs, { transB: true });
  }
  const N = Y.cols;
  const yhat = new Float64Array(P * N);
  const { x: coef, method } = solveSpd(Kss, Ys);
  let trainFit: Matrix;
  if (method === "cholesky") {
    // (K_SS + αI) A = Y_S gives K_SS A = Y_S − αA exactly: cheaper than the
    // product, and free of its rounding when α is tiny
    trainFit = { rows: p, cols: N, data: Ys.data.map((v, i) => v - alpha * coef.data[i]!) };
  } else {
    // the pseudo-inverse solution need not satisfy the system: multiply by K_SS
    const K = Kss.data.slice();
    for (let a = 0; a < p; a++) K[a * p + a] -= alpha;
    trainFit = matmul({ rows: p, cols: p, data: K }, coef);
  }
  const testFit = matmul(Kts, coef);
  for (let a = 0; a < p; a++) {
    yhat.set(trainFit.data.subarray(a * N, (a + 1) * N), train[a]! * N);
  }
  for (let t = 0; t < q; t++) yhat.set(testFit.data.subarray(t * N, (t + 1) * N), rest[t]! * N);
  return { yhat: { rows: P, cols: N, data: yhat }, method };
}

/** Indices of 0…P−1 not in the sorted or unsorted set `train`. */
function complement(P: number, train: ArrayLike<number>): Int32Array {
  const inTrain = new Uint8Array(P);
  for (let a = 0; a < train.length; a++) inTrain[train[a]!] = 1;
  const out = new Int32Array(P - train.length);
  let t = 0;
  for (let i = 0; i < P; i++) if (!inTrain[i]) out[t++] = i;
  return out;
}

/**
 * The empirical curve on prepared (centred or not) X, Y, reusing a Gram matrix when given.
 *
 * @param X Features [P, M], prepared as intended.
 * @param Y Targets [P, N], prepared the same way.
 * @param gram X Xᵀ when available, else null.
 * @param options As for {@link empiricalCurve} (`center` only records what was done).
 * @param context Message prefix.
 * @returns The plain-data {@link EmpiricalResult}.
 *
 * @example One training-set size, one subset
 * ```ts
 * import { empiricalValues } from "./learning_curve.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const X = fromRows([[1, 0], [0, 1], [1, 1], [2, 0]]);
 * const e = empiricalValues(X, X, null, { ps: [2], subsets: 1 });
 * assert.equal(e.ps[0], 2);
 * ```
 */
export function empiricalValues(
  X: MatrixLike,
  Y: MatrixLike,
  gram: Matrix | null,
  options: EmpiricalOptions = {},
  context = "Cannot compute empirical learning curve",
): EmpiricalResult {
  checkOptionNames(options, EMPIRICAL_OPTIONS, context, ["center"]);
  X = matrixArg(X, "X");
  Y = matrixArg(Y, "Y");
  const P = X.rows, M = X.cols, N = Y.cols;
  const { ridge = 0, subsets = 5, seed = 0, center = true, onProgress } = options;
  checkRidge(ridge, context);
  assertInteger(subsets, "subsets", 1, Infinity, context);
  assertSeed(seed, context);
  const ps = checkPs(options.ps ?? defaultPs(P), P, context, true);
  const power = columnPower(Y, context, center);
  let T = 0;
  for (let n = 0; n < N; n++) T += power[n]!;
  const blank = (): EmpiricalScores => ({
    error: [],
    errorSubsets: [],
    errorPerNeuron: [],
    r2: [],
    pearson: [],
  });
  const sets = { gen: blank(), test: blank(), train: blank() };
  const solves = { cholesky: 0, pinv: 0 };
  const total = ps.length * subsets;
  let done = 0;
  for (const p of ps) {
    const acc = {
      gen: accumulator(N, subsets),
      test: accumulator(N, subsets),
      train: accumulator(N, subsets),
    };
    for (let j = 0; j < subsets; j++) {
      const { train, test } = trainTestSplit(P, p, seed, j);
      const { yhat, method } = fitPredictSubset(X, Y, gram, train, p * ridge);
      solves[method]++;
      const onTest = rowStats(Y, yhat, test), onTrain = rowStats(Y, yhat, train);
      acc.gen.add(j, scoresFromStats(mergeStats(onTrain, onTest)), P, power, T);
      acc.test.add(j, scoresFromStats(onTest), P - p, power, T);
      acc.train.add(j, scoresFromStats(onTrain), p, power, T);
      onProgress?.({ done: ++done, total });
    }
    for (const key of ["gen", "test", "train"] as const) acc[key].finish(sets[key], subsets);
  }
  return { P, M, N, centered: center, ridge, subsets, seed, ps, ...sets, solves };
}

function accumulator(N: number, subsets: number) {
  const perNeuron = new Float64Array(N), r2 = new Float64Array(N), pearson = new Float64Array(N);
  const pooled = new Array<number>(subsets).fill(0);
  return {
    add(
      j: number,
      s: { sse: Float64Array; r2: Float64Array; pearson: Float64Array },
      rows: number,
      power: Float64Array,
      T: number,
    ) {
      let sse = 0;
      for (let n = 0; n < N; n++) {
        sse += s.sse[n]!;
        perNeuron[n] += s.sse[n]! / (rows * power[n]!);
        r2[n] += s.r2[n]!;
        pearson[n] += s.pearson[n]!;
      }
      pooled[j] = sse / (rows * T);
    },
    finish(into: EmpiricalScores, count: number) {
      const mean = (a: Float64Array) => Array.from(a, (v) => v / count);
      into.error.push(pooled.reduce((u, v) => u + v, 0) / count);
      into.errorSubsets.push(pooled);
      into.errorPerNeuron.push(mean(perNeuron));
      into.r2.push(mean(r2));
      into.pearson.push(mean(pearson));
    },
  };
}
