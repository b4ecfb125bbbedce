/**
 * Gaussian stochastic shape metric (Duong, Zhou, Nassar, Berman, Olieslagers
 * & Williams, ICLR 2023): each network's response to stimulus i is summarised
 * by a mean μ_i and covariance Σ_i, compared with the 2-Wasserstein (Bures)
 * ground metric, interpolated by α ∈ [0, 2], and minimised over one alignment T
 * (orthogonal, permutation or identity) applied to every stimulus:
 *
 *   d² = min_T (1/n) Σ_i [ α ‖μ_x,i − μ_y,i T‖² + (2 − α) B²(Σ_x,i, Tᵀ Σ_y,i T) ],
 *
 * with B²(A, B) = tr A + tr B − 2 ‖A^½ B^½‖_* = min_R ‖A^½ − B^½ R‖² over
 * orthogonal R. α = 1 is the 2-Wasserstein distance, α = 0 uses covariances
 * only, α = 2 means only (the deterministic Procrustes distance, ×√2 scale).
 *
 * T is found by alternating minimisation (the R_i given T, then T given the
 * R_i by one stacked Procrustes problem), started from the alignment of the
 * means; each step cannot increase the objective. Here the stacked problem
 * weights blocks by √α and √(2 − α) so it minimises exactly the objective
 * above (the reference implementation weights them by α and 2 − α; the two
 * agree at α = 1). B² is evaluated as ‖A^½ − B^½ R‖² at the optimal R, which
 * stays accurate near zero.
 *
 * @module
 */

import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { asMatrix, matrixArg } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { alignFromCross, type AlignmentGroup, checkGroup } from "./align.ts";
import { asTensor, checkAlpha, type Tensor, type TensorLike } from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";
import { assertInteger } from "../validate/mod.ts";

/** Per-stimulus Gaussian summary of noisy responses. */
export interface GaussianResponses {
  /** Mean response per stimulus, [nStimuli, nUnits]. */
  means: MatrixLike;
  /** Covariance per stimulus, [nStimuli, nUnits, nUnits] (symmetric positive semidefinite). */
  covariances: TensorLike;
}

/** Options for the Gaussian stochastic metric. */
export interface GaussianShapeMetricOptions {
  /** α ∈ [0, 2]: 0 covariances only, 1 the 2-Wasserstein distance, 2 means only. @default 1 */
  alpha?: number;
  /** Alignment group. @default "orth" */
  group?: AlignmentGroup;
  /** Maximum alternating-minimisation iterations. @default 100 */
  maxIter?: number;
  /** Stop when the objective decreases by less than `tol` times its value. @default 1e-10 */
  tol?: number;
  /** Delta degrees of freedom when estimating covariances from trials. @default 1 */
  ddof?: number;
}

/** A fitted Gaussian stochastic metric. */
export interface GaussianShapeMetricFit {
  /** α used. */
  alpha: number;
  /** Alignment group used. */
  group: AlignmentGroup;
  /** Alignment applied to Y: means μ_y T, covariances Tᵀ Σ_y T. [nUnits, nUnits]. */
  T: Matrix;
  /** Iterations run and whether the tolerance was reached. */
  iterations: number;
  /** Whether the tolerance was reached within `maxIter`. */
  converged: boolean;
  /** Objective (sum over stimuli, before dividing by n) after each iteration. */
  lossHistory: number[];
}

interface Moments {
  n: number;
  p: number;
  means: Matrix;
  /** Matrix square roots of the covariances, each [p, p]. */
  roots: Matrix[];
}

/**
 * Means and covariances per stimulus from repeated trials [nStimuli, nTrials, nUnits].
 *
 * @param trials Responses [nStimuli, nTrials, nUnits], nTrials > ddof.
 * @param ddof Covariance normaliser nTrials − ddof. @default 1
 * @returns `{means: [n, p], covariances: {shape: [n, p, p], data}}`.
 *
 * @example Two trials of one stimulus
 * ```ts
 * import { gaussianMoments } from "./stochastic_gaussian.ts";
 * import assert from "node:assert/strict";
 * const { means, covariances } = gaussianMoments([[[0, 1], [2, 1]]]);
 * assert.deepEqual(Array.from(means.data), [1, 1]);
 * assert.deepEqual(Array.from(covariances.data), [2, 0, 0, 0]);
 * ```
 */
export function gaussianMoments(
  trials: TensorLike,
  ddof = 1,
): { means: Matrix; covariances: Tensor } {
  const context = "Cannot estimate Gaussian moments";
  const t = asTensor(trials, "trials", 3, context);
  const [n, r, p] = t.shape as [number, number, number];
  if (r - ddof <= 0) {
    throw new RangeError(`${context}: need more than ddof = ${ddof} trials per stimulus: got ${r}`);
  }
  const means = new Float64Array(n * p);
  const covs = new Float64Array(n * p * p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < r; a++) {
      for (let j = 0; j < p; j++) means[i * p + j] += t.data[(i * r + a) * p + j]! / r;
    }
    for (let a = 0; a < r; a++) {
      const o = (i * r + a) * p;
      for (let j = 0; j < p; j++) {
        const dj = t.data[o + j]! - means[i * p + j]!;
        for (let k = 0; k < p; k++) {
          covs[(i * p + j) * p + k] += (dj * (t.data[o + k]! - means[i * p + k]!)) / (r - ddof);
        }
      }
    }
  }
  return {
    means: { rows: n, cols: p, data: means },
    covariances: { shape: [n, p, p], data: covs },
  };
}

/**
 * The symmetric square root C^½ of a covariance matrix (eigendecomposition,
 * negative rounding-level eigenvalues set to 0), after checking that C is
 * symmetric and positive semidefinite to rounding.
 *
 * @param C Covariance [p, p].
 * @param name Argument name for errors.
 * @param i Index of the covariance within the argument, for errors.
 * @param context Message prefix.
 * @returns C^½ [p, p].
 *
 * @example The root of diag(4, 9)
 * ```ts
 * import { psdRoot } from "./stochastic_gaussian.ts";
 * import assert from "node:assert/strict";
 * const R = psdRoot({ rows: 2, cols: 2, data: new Float64Array([4, 0, 0, 9]) }, "X", 0, "ctx");
 * assert.deepEqual(Array.from(R.data).map((v) => Math.round(v * 1e12) / 1e12), [2, 0, 0, 3]);
 * assert.throws(() => psdRoot({ rows: 2, cols: 2, data: new Float64Array([1, 2, 0, 1]) }, "X", 3, "ctx"),
 *   /`X` covariance 3 must be symmetric/);
 * ```
 */
export function psdRoot(C: MatrixLike, name: string, i: number, context: string): Matrix {
  C = matrixArg(C, name);
  const p = C.rows;
  let maxAbs = 0;
  for (let k = 0; k < C.data.length; k++) maxAbs = Math.max(maxAbs, Math.abs(C.data[k]!));
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < a; b++) {
      if (Math.abs(C.data[a * p + b]! - C.data[b * p + a]!) > 1e-10 * maxAbs) {
        throw new RangeError(`${context}: \`${name}\` covariance ${i} must be symmetric`);
      }
    }
  }
  const { values, vectors } = getBackend().eigh(C, true);
  if (values[0]! < -1e-10 * Math.max(maxAbs, 1e-300) * p) {
    throw new RangeError(
      `${context}: \`${name}\` covariance ${i} must be positive semidefinite: smallest eigenvalue ${
        values[0]
      }`,
    );
  }
  const V = vectors!.data;
  const VD = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let k = 0; k < p; k++) VD[a * p + k] = V[a * p + k]! * Math.sqrt(Math.max(0, values[k]!));
  }
  return getBackend().gemm({ rows: p, cols: p, data: VD }, vectors!, false, true);
}

function moments(x: TensorLike | GaussianResponses, name: string, ddof: number, context: string) {
  let means: Matrix, covs: Tensor;
  if (typeof x === "object" && x !== null && !Array.isArray(x) && "means" in x) {
    means = asMatrix(x.means, `${name}.means`, { context });
    covs = asTensor(x.covariances, `${name}.covariances`, 3, context);
  } else {
    ({ means, covariances: covs } = gaussianMoments(
      asTensor(x as TensorLike, name, 3, context),
      ddof,
    ));
  }
  const n = means.rows, p = means.cols;
  if (covs.shape[0] !== n || covs.shape[1] !== p || covs.shape[2] !== p) {
    throw new TypeError(
      `${context}: \`${name}\` covariances must have shape [${n}, ${p}, ${p}] to match the means: got [${
        covs.shape.join(", ")
      }]`,
    );
  }
  const roots: Matrix[] = [];
  for (let i = 0; i < n; i++) {
    const C = { rows: p, cols: p, data: covs.data.slice(i * p * p, (i + 1) * p * p) };
    roots.push(psdRoot(C, name, i, context));
  }
  return { n, p, means, roots } as Moments;
}

function pairMoments(
  X: TensorLike | GaussianResponses,
  Y: TensorLike | GaussianResponses,
  ddof: number,
  context: string,
) {
  const mx = moments(X, "X", ddof, context), my = moments(Y, "Y", ddof, context);
  if (mx.n !== my.n || mx.p !== my.p) {
    throw new TypeError(
      `${context}: \`X\` and \`Y\` must have the same stimuli and units: got [${mx.n}, ${mx.p}] and [${my.n}, ${my.p}]`,
    );
  }
  return { mx, my };
}

const gemm = (A: Matrix, B: Matrix, ta = false, tb = false) => getBackend().gemm(A, B, ta, tb);

function sqDiff(A: Matrix, B: Matrix): number {
  let s = 0;
  for (let k = 0; k < A.data.length; k++) s += (A.data[k]! - B.data[k]!) ** 2;
  return s;
}

/** Per-stimulus terms at alignment T: {meanTerm, buresTerm} sums, with optimal R_i. */
function terms(mx: Moments, my: Moments, T: Matrix) {
  const meanTerm = sqDiff(mx.means, gemm(my.means, T));
  let bures = 0;
  const Rs: Matrix[] = [];
  for (let i = 0; i < mx.n; i++) {
    const TtSy = gemm(T, my.roots[i]!, true, false);
    const R = alignFromCross(gemm(TtSy, mx.roots[i]!, true, false), "orth");
    bures += sqDiff(mx.roots[i]!, gemm(TtSy, R));
    Rs.push(R);
  }
  return { meanTerm, bures, Rs };
}

/**
 * Fit the alignment of the Gaussian stochastic metric.
 *
 * @param X Trials [nStimuli, nTrials, nUnits] or {@link GaussianResponses}.
 * @param Y The same for the second network (same stimuli and units).
 * @param opts {@link GaussianShapeMetricOptions}.
 * @returns The fitted alignment.
 *
 * @example Identical inputs converge at once
 * ```ts
 * import { fitGaussianShapeMetric } from "./stochastic_gaussian.ts";
 * import assert from "node:assert/strict";
 * const X = { means: [[1, 0], [0, 1]], covariances: [[[1, 0], [0, 0]], [[0, 0], [0, 2]]] };
 * const fit = fitGaussianShapeMetric(X, X);
 * assert.ok(fit.converged);
 * ```
 */
export function fitGaussianShapeMetric(
  X: TensorLike | GaussianResponses,
  Y: TensorLike | GaussianResponses,
  opts: GaussianShapeMetricOptions = {},
): GaussianShapeMetricFit {
  const context = "Cannot fit Gaussian shape metric";
  checkOptionNames(opts, ["alpha", "group", "maxIter", "tol", "ddof"], context);
  const { alpha = 1, group = "orth", maxIter = 100, tol = 1e-10, ddof = 1 } = opts ?? {};
  checkAlpha(alpha, context, 2);
  checkGroup(group, context);
  assertInteger(maxIter, "maxIter", 1, Infinity, context);
  const { mx, my } = pairMoments(X, Y, ddof, context);
  let T = alignFromCross(gemm(my.means, mx.means, true, false), group);
  const lossHistory: number[] = [];
  let converged = group === "identity", iterations = 0;
  let current = terms(mx, my, T);
  let prev = alpha * current.meanTerm + (2 - alpha) * current.bures;
  while (!converged && iterations < maxIter) {
    iterations++;
    // C = α M_yᵀ M_x + (2 − α) Σ_i (R_iᵀ S_y,i)ᵀ S_x,i
    const C = gemm(my.means, mx.means, true, false);
    for (let k = 0; k < C.data.length; k++) C.data[k] *= alpha;
    for (let i = 0; i < mx.n; i++) {
      const Ci = gemm(gemm(my.roots[i]!, current.Rs[i]!), mx.roots[i]!);
      for (let k = 0; k < C.data.length; k++) C.data[k] += (2 - alpha) * Ci.data[k]!;
    }
    T = alignFromCross(C, group);
    current = terms(mx, my, T);
    const loss = alpha * current.meanTerm + (2 - alpha) * current.bures;
    lossHistory.push(loss);
    if (prev - loss <= tol * Math.max(prev, 1e-300)) converged = true;
    prev = loss;
  }
  return { alpha, group, T, iterations, converged, lossHistory };
}

/**
 * Score a fitted Gaussian stochastic metric on (held-out) stimuli.
 *
 * @param fit A fitted metric.
 * @param X Trials or Gaussian summaries of the first network.
 * @param Y The same stimuli for the second network.
 * @param opts `ddof` for covariances estimated from trials.
 * @returns The distance.
 *
 * @example Zero for identical inputs
 * ```ts
 * import { fitGaussianShapeMetric, scoreGaussianShapeMetric } from "./stochastic_gaussian.ts";
 * import assert from "node:assert/strict";
 * const X = { means: [[1, 0], [0, 1]], covariances: [[[1, 0], [0, 0]], [[0, 0], [0, 2]]] };
 * assert.ok(scoreGaussianShapeMetric(fitGaussianShapeMetric(X, X), X, X) < 1e-12);
 * ```
 */
export function scoreGaussianShapeMetric(
  fit: GaussianShapeMetricFit,
  X: TensorLike | GaussianResponses,
  Y: TensorLike | GaussianResponses,
  opts: { ddof?: number } = {},
): number {
  const context = "Cannot score Gaussian shape metric";
  checkOptionNames(opts, ["ddof"], context);
  const { mx, my } = pairMoments(X, Y, opts?.ddof ?? 1, context);
  if (fit.T.rows !== mx.p) {
    throw new TypeError(
      `${context}: inputs must have ${fit.T.rows} units as in training: got ${mx.p}`,
    );
  }
  const { meanTerm, bures } = terms(mx, my, fit.T);
  return Math.sqrt(Math.max(0, (fit.alpha * meanTerm + (2 - fit.alpha) * bures) / mx.n));
}

/**
 * The Gaussian stochastic shape distance (fit and score on the same stimuli).
 *
 * @param X Trials [nStimuli, nTrials, nUnits] or {@link GaussianResponses}.
 * @param Y The same for the second network.
 * @param opts {@link GaussianShapeMetricOptions}.
 * @returns The distance.
 *
 * @example α = 2 uses means only: a rotated copy of the means is at distance 0
 * ```ts
 * import { gaussianShapeMetric } from "./stochastic_gaussian.ts";
 * import assert from "node:assert/strict";
 * const X = { means: [[1, 0], [0, 2], [1, 1]], covariances: [[[1, 0], [0, 1]], [[1, 0], [0, 1]], [[2, 0], [0, 1]]] };
 * const Y = { means: [[0, 1], [-2, 0], [-1, 1]], covariances: X.covariances };
 * assert.ok(gaussianShapeMetric(X, Y, { alpha: 2 }) < 1e-12);
 * assert.ok(gaussianShapeMetric(X, Y, { alpha: 1 }) > 0.1);
 * ```
 */
export function gaussianShapeMetric(
  X: TensorLike | GaussianResponses,
  Y: TensorLike | GaussianResponses,
  opts: GaussianShapeMetricOptions = {},
): number {
  const fit = fitGaussianShapeMetric(X, Y, opts);
  return scoreGaussianShapeMetric(fit, X, Y, { ddof: opts?.ddof });
}
