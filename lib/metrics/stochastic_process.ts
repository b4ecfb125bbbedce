/**
 * Gaussian-process stochastic shape metric: the stochastic shape metric of
 * Duong, Zhou, Nassar, Berman, Olieslagers & Williams (ICLR 2023) for noisy
 * time-varying responses, as in netrep's `GPStochasticMetric` (developed with
 * Nejatbakhsh, Geadah, Williams & Lipshutz, "Comparing noisy neural population
 * dynamics using optimal transport distances", ICLR 2025).
 *
 * Each network's responses to condition c (trials × time × units) are
 * summarised as one Gaussian over whole trajectories: the mean trajectory
 * M_c [nTime, nUnits] and the full covariance Σ_c over (time, unit) pairs
 * [nTime·nUnits, nTime·nUnits], flattened time-major (entry t·nUnits + j).
 * One unit alignment Q (orthogonal, permutation or identity) acts at every
 * time point, i.e. I_T ⊗ Q on the flattened trajectory, and
 *
 *   d² = min_Q (1/C) Σ_c [ α ‖M^X_c − M^Y_c Q‖² + (2 − α) B²(Σ^X_c, (I_T⊗Q)ᵀ Σ^Y_c (I_T⊗Q)) ],
 *
 * B²(A, B) = tr A + tr B − 2 ‖A^½ B^½‖_* = min_R ‖A^½ − B^½ R‖² (R orthogonal),
 * the squared Bures (2-Wasserstein) distance between the centred Gaussians.
 * α = 1 is the 2-Wasserstein distance between the two Gaussian processes,
 * α = 0 uses covariances only, α = 2 means only. With one time point this is
 * the `stochastic-gaussian` metric with conditions as stimuli; with one
 * condition it is netrep's score (which has no 1/C), except for the weights
 * noted below.
 *
 * The minimisation alternates, as `stochastic_gaussian.ts` does: given Q, each
 * R_c is the orthogonal Procrustes solution of ‖S^X_c − (I⊗Q)ᵀ S^Y_c R‖
 * (S = Σ^½); given the R_c, Q maximises tr(Qᵀ C) with
 *
 *   C = α Σ_c M^Y_cᵀ M^X_c + (2 − α) Σ_c Σ_t (S^Y_c R_c)[t] (S^X_c[t])ᵀ,
 *
 * where [t] is the block of rows of time t ([nUnits, nTime·nUnits]). Each step
 * minimises the objective exactly in its variables, so the objective never
 * increases. It starts from the alignment of the mean trajectories (as netrep).
 * netrep weights the stacked blocks by α and 2 − α instead of √α and √(2 − α),
 * which minimises a different objective except at α = 1.
 *
 * Covariances over T·N coordinates need more than T·N trials to be full rank;
 * with fewer, their roots carry √(rounding) ≈ 1e-8 in the null directions, so
 * a rotated copy gives ~1e-8 instead of 0.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { alignFromCross, type AlignmentGroup, checkGroup } from "./align.ts";
import { asTensor, checkAlpha, SAFE_SCALE, type Tensor, type TensorLike } from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";
import { gaussianMoments, psdRoot } from "./stochastic_gaussian.ts";
import { assertInteger } from "../validate/mod.ts";

/** Gaussian-process summaries of noisy trajectories, one Gaussian per condition. */
export interface ProcessResponses {
  /** Mean trajectories [nConditions, nTime, nUnits]. */
  means: TensorLike;
  /** Covariances over (time, unit), time-major, [nConditions, nTime·nUnits, nTime·nUnits]. */
  covariances: TensorLike;
}

/** Options of the Gaussian-process stochastic metric. */
export interface GaussianProcessMetricOptions {
  /** α ∈ [0, 2]: 0 covariances only, 1 the 2-Wasserstein distance, 2 means only. @default 1 */
  alpha?: number;
  /** Alignment group of the units (the same at every time point). @default "orth" */
  group?: AlignmentGroup;
  /** Maximum alternating-minimisation iterations. @default 100 */
  maxIter?: number;
  /** Stop when the objective decreases by less than `tol` times its value. @default 1e-10 */
  tol?: number;
  /** Delta degrees of freedom of covariances estimated from trials. @default 1 */
  ddof?: number;
}

/** One network's trajectories as Gaussians: means and covariance roots (the per-network step). */
export interface PreparedProcess {
  /** Conditions. */
  conditions: number;
  /** Time points. */
  times: number;
  /** Units. */
  units: number;
  /** Mean trajectories, [nConditions · nTime, nUnits] row-major. */
  means: Float64Array;
  /** Σ_c^½ per condition, [nConditions, nTime·nUnits, nTime·nUnits] row-major. */
  roots: Float64Array;
}

/** A fitted Gaussian-process metric. */
export interface GaussianProcessMetricFit {
  /** α used. */
  alpha: number;
  /** Alignment group used. */
  group: AlignmentGroup;
  /** Unit alignment applied to Y at every time point: means M^Y Q, covariances (I⊗Q)ᵀ Σ^Y (I⊗Q). [nUnits, nUnits]. */
  Q: Matrix;
  /** Iterations run. */
  iterations: number;
  /** Whether the tolerance was reached within `maxIter`. */
  converged: boolean;
  /** Objective (summed over conditions, before dividing by their number) after each iteration. */
  lossHistory: number[];
}

const gemm = (A: Matrix, B: Matrix, ta = false, tb = false) => getBackend().gemm(A, B, ta, tb);

function isSummary(x: unknown): x is ProcessResponses {
  return typeof x === "object" && x !== null && !Array.isArray(x) && "means" in x;
}

/**
 * Mean trajectories and trajectory covariances per condition from trials.
 *
 * @param trials Responses [nConditions, nTrials, nTime, nUnits] (or [nTrials, nTime, nUnits]
 * for one condition), nTrials > ddof.
 * @param ddof Covariance normaliser nTrials − ddof. @default 1
 * @returns `{means: [C, T, N], covariances: [C, T·N, T·N]}` (time-major flattening).
 *
 * @example Two trials of one condition, two time points, one unit
 * ```ts
 * import { gaussianProcessMoments } from "./stochastic_process.ts";
 * import assert from "node:assert/strict";
 * const { means, covariances } = gaussianProcessMoments([[[0], [1]], [[2], [3]]]);
 * assert.deepEqual(means.shape, [1, 2, 1]);
 * assert.deepEqual(Array.from(means.data), [1, 2]);
 * assert.deepEqual(Array.from(covariances.data), [2, 2, 2, 2]);
 * ```
 */
export function gaussianProcessMoments(
  trials: TensorLike,
  ddof = 1,
): { means: Tensor; covariances: Tensor } {
  const t = processTrials(trials, "trials", "Cannot estimate Gaussian-process moments");
  const [C, K, T, N] = t.shape as [number, number, number, number];
  const flat = gaussianMoments({ shape: [C, K, T * N], data: t.data }, ddof);
  return {
    means: { shape: [C, T, N], data: flat.means.data },
    covariances: flat.covariances,
  };
}

function processTrials(x: TensorLike, name: string, context: string): Tensor {
  const nd = Array.isArray(x) ? depth(x) : (x as Tensor)?.shape?.length;
  if (nd === 3) {
    const t = asTensor(x, name, 3, context);
    return { shape: [1, ...t.shape], data: t.data };
  }
  return asTensor(x, name, 4, context);
}

function depth(x: unknown): number {
  let d = 0;
  while (Array.isArray(x)) {
    d++;
    x = x[0];
  }
  return d;
}

/**
 * Validate one network's input: trials (4-D, or 3-D for one condition) or
 * {@link ProcessResponses}; a 3-D trial tensor becomes [1, trials, time, units].
 *
 * @param x The input.
 * @param name Argument name for errors.
 * @param context Message prefix.
 * @returns A 4-D trial tensor, or summaries with `means` [C, T, N] and `covariances` [C, TN, TN].
 *
 * @example One condition
 * ```ts
 * import { checkProcessInput } from "./stochastic_process.ts";
 * import assert from "node:assert/strict";
 * const t = checkProcessInput([[[1, 2]], [[3, 4]]], "X", "ctx");
 * assert.ok(!("means" in t));
 * assert.deepEqual(t.shape, [1, 2, 1, 2]);
 * ```
 */
export function checkProcessInput(
  x: unknown,
  name: string,
  context: string,
): Tensor | { means: Tensor; covariances: Tensor } {
  if (!isSummary(x)) return processTrials(x as TensorLike, name, context);
  const means = asTensor(x.means, `${name}.means`, 3, context);
  const covariances = asTensor(x.covariances, `${name}.covariances`, 3, context);
  const [C, T, N] = means.shape as [number, number, number];
  const [c, a, b] = covariances.shape;
  if (c !== C || a !== T * N || b !== T * N) {
    throw new TypeError(
      `${context}: \`${name}.covariances\` must have shape [${C}, ${T * N}, ${
        T * N
      }] to match \`${name}.means\` [${C}, ${T}, ${N}]: got [${covariances.shape.join(", ")}]`,
    );
  }
  return { means, covariances };
}

/**
 * The per-network step: means and covariance roots (eigendecompositions), done
 * once per network when computing many pairs.
 *
 * @param x Trials [nConditions, nTrials, nTime, nUnits] (or 3-D for one condition) or summaries.
 * @param ddof Covariance normaliser nTrials − ddof for trials. @default 1
 * @param name Argument name for errors. @default "X"
 * @param context Message prefix. @default "Cannot prepare Gaussian-process metric"
 * @returns The prepared network.
 *
 * @example Sizes of a prepared network
 * ```ts
 * import { prepareGaussianProcess } from "./stochastic_process.ts";
 * import assert from "node:assert/strict";
 * const p = prepareGaussianProcess([[[[0, 1], [1, 0]], [[2, 1], [1, 2]]]]);
 * assert.deepEqual([p.conditions, p.times, p.units, p.roots.length], [1, 2, 2, 16]);
 * ```
 */
export function prepareGaussianProcess(
  x: TensorLike | ProcessResponses,
  ddof = 1,
  name = "X",
  context = "Cannot prepare Gaussian-process metric",
): PreparedProcess {
  const v = checkProcessInput(x, name, context);
  let means: Tensor, covs: Tensor;
  if ("means" in v) {
    ({ means, covariances: covs } = v);
    checkScale(means.data, `${name}.means`, 1, context);
    checkScale(covs.data, `${name}.covariances`, 2, context);
  } else {
    checkScale(v.data, name, 1, context);
    const [C, K, T, N] = v.shape as [number, number, number, number];
    if (K - ddof <= 0) {
      throw new RangeError(
        `${context}: \`${name}\` needs more than ddof = ${ddof} trials per condition: got ${K}`,
      );
    }
    const flat = gaussianMoments({ shape: [C, K, T * N], data: v.data }, ddof);
    means = { shape: [C, T, N], data: flat.means.data };
    covs = flat.covariances;
  }
  const [C, T, N] = means.shape as [number, number, number];
  const D = T * N;
  const roots = new Float64Array(C * D * D);
  for (let c = 0; c < C; c++) {
    const S = { rows: D, cols: D, data: covs.data.slice(c * D * D, (c + 1) * D * D) };
    roots.set(psdRoot(S, name, c, context).data, c * D * D);
  }
  return { conditions: C, times: T, units: N, means: means.data.slice(), roots };
}

/** Refuse entries whose squares would over- or underflow (the metric is not scale-invariant). */
function checkScale(data: Float64Array, name: string, power: number, context: string) {
  let m = 0;
  for (let k = 0; k < data.length; k++) m = Math.max(m, Math.abs(data[k]!));
  const [lo, hi] = [SAFE_SCALE[0] ** power, SAFE_SCALE[1] ** power];
  if (m !== 0 && (m < lo || m > hi)) {
    throw new RangeError(
      `${context}: \`${name}\` has max|${name}| = ${m}, outside [${lo}, ${hi}], and the value is not invariant to scaling, so it would over- or underflow: rescale the data`,
    );
  }
}

function checkPairPrepared(a: PreparedProcess, b: PreparedProcess, context: string) {
  if (a.conditions !== b.conditions || a.times !== b.times || a.units !== b.units) {
    throw new TypeError(
      `${context}: \`X\` and \`Y\` must have the same conditions, time points and units: got [${a.conditions}, ${a.times}, ${a.units}] and [${b.conditions}, ${b.times}, ${b.units}]`,
    );
  }
}

const meansOf = (p: PreparedProcess): Matrix => ({
  rows: p.conditions * p.times,
  cols: p.units,
  data: p.means,
});

const rootOf = (p: PreparedProcess, c: number): Matrix => {
  const D = p.times * p.units;
  return { rows: D, cols: D, data: p.roots.subarray(c * D * D, (c + 1) * D * D) };
};

/** (I_T ⊗ Q)ᵀ S: Qᵀ applied to every block of nUnits rows. */
function blockLeftT(Q: Matrix, S: Matrix, T: number, N: number): Matrix {
  const D = S.cols, out = new Float64Array(S.rows * D);
  for (let t = 0; t < T; t++) {
    const block = { rows: N, cols: D, data: S.data.subarray(t * N * D, (t + 1) * N * D) };
    out.set(gemm(Q, block, true, false).data, t * N * D);
  }
  return { rows: S.rows, cols: D, data: out };
}

function sqDiff(A: Matrix, B: Matrix): number {
  let s = 0;
  for (let k = 0; k < A.data.length; k++) s += (A.data[k]! - B.data[k]!) ** 2;
  return s;
}

/** Mean and Bures terms (sums over conditions) at Q, with the optimal R_c. */
function terms(a: PreparedProcess, b: PreparedProcess, Q: Matrix) {
  const meanTerm = sqDiff(meansOf(a), gemm(meansOf(b), Q));
  let bures = 0;
  const Rs: Matrix[] = [];
  for (let c = 0; c < a.conditions; c++) {
    const Sx = rootOf(a, c);
    const W = blockLeftT(Q, rootOf(b, c), a.times, a.units);
    const R = alignFromCross(gemm(W, Sx, true, false), "orth");
    bures += sqDiff(Sx, gemm(W, R));
    Rs.push(R);
  }
  return { meanTerm, bures, Rs };
}

/** The options {@link fitGaussianProcessMetric} and {@link gaussianProcessMetric} read. */
const PROCESS_OPTIONS = ["alpha", "group", "maxIter", "tol", "ddof"] as const;

/**
 * Fit the unit alignment of the Gaussian-process metric on prepared networks.
 *
 * @param a Prepared first network ({@link prepareGaussianProcess}).
 * @param b Prepared second network (same conditions, time points and units).
 * @param opts {@link GaussianProcessMetricOptions} (`ddof` is not used here).
 * @returns The fitted alignment and its convergence record.
 *
 * @example Identical networks converge at once
 * ```ts
 * import { fitPreparedProcess, prepareGaussianProcess } from "./stochastic_process.ts";
 * import assert from "node:assert/strict";
 * const p = prepareGaussianProcess([[[0, 1], [1, 0]], [[2, 1], [1, 2]], [[1, 1], [0, 3]]]);
 * assert.ok(fitPreparedProcess(p, p).converged);
 * ```
 */
export function fitPreparedProcess(
  a: PreparedProcess,
  b: PreparedProcess,
  opts: GaussianProcessMetricOptions = {},
): GaussianProcessMetricFit {
  const context = "Cannot fit Gaussian-process metric";
  checkOptionNames(opts, PROCESS_OPTIONS, context);
  const { alpha = 1, group = "orth", maxIter = 100, tol = 1e-10 } = opts ?? {};
  checkAlpha(alpha, context, 2);
  checkGroup(group, context);
  assertInteger(maxIter, "maxIter", 1, Infinity, context);
  checkPairPrepared(a, b, context);
  const { times: T, units: N } = a;
  let Q = alignFromCross(gemm(meansOf(b), meansOf(a), true, false), group);
  const lossHistory: number[] = [];
  let converged = group === "identity", iterations = 0;
  let current = terms(a, b, Q);
  let prev = alpha * current.meanTerm + (2 - alpha) * current.bures;
  while (!converged && iterations < maxIter) {
    iterations++;
    const C = gemm(meansOf(b), meansOf(a), true, false);
    for (let k = 0; k < C.data.length; k++) C.data[k] *= alpha;
    for (let c = 0; c < a.conditions; c++) {
      const M = gemm(rootOf(b, c), current.Rs[c]!), Sx = rootOf(a, c), D = T * N;
      for (let t = 0; t < T; t++) {
        const rows = (m: Matrix) => ({
          rows: N,
          cols: D,
          data: m.data.subarray(t * N * D, (t + 1) * N * D),
        });
        const Ct = gemm(rows(M), rows(Sx), false, true);
        for (let k = 0; k < C.data.length; k++) C.data[k] += (2 - alpha) * Ct.data[k]!;
      }
    }
    Q = alignFromCross(C, group);
    current = terms(a, b, Q);
    const loss = alpha * current.meanTerm + (2 - alpha) * current.bures;
    lossHistory.push(loss);
    if (prev - loss <= tol * Math.max(prev, 1e-300)) converged = true;
    prev = loss;
  }
  return { alpha, group, Q, iterations, converged, lossHistory };
}

/**
 * Score a fitted alignment on prepared (possibly held-out) conditions.
 *
 * @param fit A fitted metric.
 * @param a Prepared first network.
 * @param b Prepared second network.
 * @returns The distance √((1/C) Σ_c [α‖M^X_c − M^Y_c Q‖² + (2 − α) B²_c]).
 *
 * @example Zero for identical networks
 * ```ts
 * import { fitPreparedProcess, prepareGaussianProcess, scorePreparedProcess } from "./stochastic_process.ts";
 * import assert from "node:assert/strict";
 * const p = prepareGaussianProcess([[[0, 1], [1, 0]], [[2, 1], [1, 2]], [[1, 1], [0, 3]]]);
 * assert.ok(scorePreparedProcess(fitPreparedProcess(p, p), p, p) < 1e-12);
 * ```
 */
export function scorePreparedProcess(
  fit: GaussianProcessMetricFit,
  a: PreparedProcess,
  b: PreparedProcess,
): number {
  const context = "Cannot score Gaussian-process metric";
  checkPairPrepared(a, b, context);
  if (fit.Q.rows !== a.units) {
    throw new TypeError(
      `${context}: inputs must have ${fit.Q.rows} units as in training: got ${a.units}`,
    );
  }
  const { meanTerm, bures } = terms(a, b, fit.Q);
  return Math.sqrt(
    Math.max(0, (fit.alpha * meanTerm + (2 - fit.alpha) * bures) / a.conditions),
  );
}

/**
 * Fit the Gaussian-process metric's alignment.
 *
 * @param X Trials [nConditions, nTrials, nTime, nUnits] (3-D: one condition) or {@link ProcessResponses}.
 * @param Y The same for the second network.
 * @param opts {@link GaussianProcessMetricOptions}.
 * @returns The fitted alignment.
 *
 * @example The alignment undoes a rotation of the units
 * ```ts
 * import { fitGaussianProcessMetric } from "./stochastic_process.ts";
 * import assert from "node:assert/strict";
 * const X = [[[1, 0], [0, 2]], [[3, 1], [1, 1]], [[0, 0], [2, 1]]];
 * const Y = X.map((tr) => tr.map(([a, b]) => [-b, a])); // units rotated by 90°
 * const { Q } = fitGaussianProcessMetric(X, Y);
 * assert.ok(Math.abs(Q.data[2]! - 1) < 1e-9 && Math.abs(Q.data[1]! + 1) < 1e-9);
 * ```
 */
export function fitGaussianProcessMetric(
  X: TensorLike | ProcessResponses,
  Y: TensorLike | ProcessResponses,
  opts: GaussianProcessMetricOptions = {},
): GaussianProcessMetricFit {
  const context = "Cannot fit Gaussian-process metric";
  checkOptionNames(opts, PROCESS_OPTIONS, context);
  const { ddof = 1, ...fitOptions } = opts ?? {};
  return fitPreparedProcess(
    prepareGaussianProcess(X, ddof, "X", context),
    prepareGaussianProcess(Y, ddof, "Y", context),
    fitOptions,
  );
}

/**
 * Score a fitted Gaussian-process metric on (held-out) conditions.
 *
 * @param fit A fitted metric.
 * @param X Trials or summaries of the first network.
 * @param Y The same conditions for the second network.
 * @param opts `ddof` for covariances estimated from trials. @default {ddof: 1}
 * @returns The distance.
 *
 * @example Zero for identical inputs
 * ```ts
 * import { fitGaussianProcessMetric, scoreGaussianProcessMetric } from "./stochastic_process.ts";
 * import assert from "node:assert/strict";
 * // one condition: 6 trials of 2 time points × 2 units (full-rank covariance)
 * const X = [[[1, 0], [0, 2]], [[3, 1], [1, 1]], [[0, 0], [2, 1]], [[1, 2], [2, 2]], [[0, 3], [1, 4]], [[2, 1], [0, 0]]];
 * assert.ok(scoreGaussianProcessMetric(fitGaussianProcessMetric(X, X), X, X) < 1e-12);
 * ```
 */
export function scoreGaussianProcessMetric(
  fit: GaussianProcessMetricFit,
  X: TensorLike | ProcessResponses,
  Y: TensorLike | ProcessResponses,
  opts: { ddof?: number } = {},
): number {
  const context = "Cannot score Gaussian-process metric";
  checkOptionNames(opts, ["ddof"], context);
  const ddof = opts?.ddof ?? 1;
  return scorePreparedProcess(
    fit,
    prepareGaussianProcess(X, ddof, "X", context),
    prepareGaussianProcess(Y, ddof, "Y", context),
  );
}

/**
 * The Gaussian-process stochastic shape distance (fit and score on the same conditions).
 *
 * @param X Trials [nConditions, nTrials, nTime, nUnits] (3-D: one condition) or {@link ProcessResponses}.
 * @param Y The same for the second network.
 * @param opts {@link GaussianProcessMetricOptions}.
 * @returns The distance.
 *
 * @example α = 2 compares mean trajectories only (Procrustes on the stacked means, ×√2)
 * ```ts
 * import { gaussianProcessMetric } from "./stochastic_process.ts";
 * import assert from "node:assert/strict";
 * const cov = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 2, 0], [0, 0, 0, 1]];
 * const X = { means: [[[1, 0], [0, 2]]], covariances: [cov] };
 * const Y = { means: [[[0, 1], [-2, 0]]], covariances: [cov] }; // means rotated by 90°
 * assert.ok(gaussianProcessMetric(X, Y, { alpha: 2 }) < 1e-12);
 * assert.ok(gaussianProcessMetric(X, Y, { alpha: 1 }) > 0.1);
 * ```
 */
export function gaussianProcessMetric(
  X: TensorLike | ProcessResponses,
  Y: TensorLike | ProcessResponses,
  opts: GaussianProcessMetricOptions = {},
): number {
  const context = "Cannot compute Gaussian-process metric";
  checkOptionNames(opts, PROCESS_OPTIONS, context);
  const { ddof = 1, ...fitOptions } = opts ?? {};
  const a = prepareGaussianProcess(X, ddof, "X", context);
  const b = prepareGaussianProcess(Y, ddof, "Y", context);
  return scorePreparedProcess(fitPreparedProcess(a, b, fitOptions), a, b);
}
