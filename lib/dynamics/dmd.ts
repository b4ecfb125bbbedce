/**
 * HAVOK DMD: a linear operator fitted to delay-embedded data in the
 * coordinates of the Hankel matrix's singular vectors — the operator DSA
 * compares (Ostrow et al. 2023; Brunton et al. 2017).
 *
 * @module
 */

import { eig } from "../linalg/eig.ts";
import type { Matrix } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { asTrials, type TimeSeriesLike, type Trials } from "./data.ts";
import { havokBasis } from "./havok.ts";
import type { RankRule } from "./rank.ts";
import { ridgeMap, shiftedPairs } from "./regression.ts";
import { checkOptions } from "../validate/options.ts";
import { DMD_OPTIONS } from "./option_kinds.ts";

/** Options for {@link fitDmd}. */
export interface DmdOptions extends RankRule {
  /** Number of delays D. @default 1 */
  nDelays?: number;
  /** Samples between consecutive delays k. @default 1 */
  delayInterval?: number;
  /** Ridge penalty λ of the regression in V-coordinates (the reference class uses 1e-8). @default 1e-8 */
  ridge?: number;
  /** Subtract each dimension's mean (over all samples) before embedding. @default false */
  center?: boolean;
  /** Divide each dimension by its standard deviation before embedding. @default false */
  scale?: boolean;
}

/** A fitted HAVOK DMD model (plain data). */
export interface DmdFit {
  /** The operator A_v [r, r] with v_{t+1} ≈ A_v v_t in V-coordinates. */
  Av: Matrix;
  /** Eigenvalues of A_v (sorted by modulus, then real, then imaginary part, descending). */
  eigenvalues: { re: Float64Array; im: Float64Array };
  /** Rank r used. */
  rank: number;
  /** All singular values of the Hankel matrix, descending. */
  singularValues: Float64Array;
  /**
   * Singular values above σ₁·max(rows, width)·ε. When `rank` exceeds it, the extra
   * columns of V span numerical noise and A_v depends on rounding there (and so
   * on the SVD algorithm): consider a smaller rank, a ridge, or noisier data.
   */
  numericalRank: number;
  /** Leading right singular vectors of the Hankel matrix U_r [N·D, r] (H = V Σ Uᵀ). */
  U: Matrix;
  /** Observed dimensions N. */
  dims: number;
  /** D. */
  nDelays: number;
  /** k. */
  delayInterval: number;
  /** λ. */
  ridge: number;
  /** Per-dimension means subtracted before embedding (zeros when `center` is off). */
  means: Float64Array;
  /** Per-dimension scales divided out before embedding (ones when `scale` is off). */
  scales: Float64Array;
  /** Number of Hankel rows per trial. */
  rowsPerTrial: number[];
  /**
   * Present when the fit is fragile ({@link dmdWarning}): `rank` keeps directions at
   * rounding level (above `numericalRank`), or exceeds the number of transitions,
   * so that the ridge, not the data, picks A_v. Absent otherwise.
   */
  warning?: string;
}

/**
 * Number of singular values above σ₁·max(rows, cols)·ε (the usual numerical rank).
 *
 * @param s Singular values, descending.
 * @param rows Rows of the matrix.
 * @param cols Columns of the matrix.
 * @returns The numerical rank.
 *
 * @example
 * ```ts
 * import { numericalRank } from "./dmd.ts";
 * import assert from "node:assert/strict";
 * assert.equal(numericalRank(new Float64Array([1, 1e-3, 1e-17]), 3, 3), 2);
 * ```
 */
export function numericalRank(s: Float64Array, rows: number, cols: number): number {
  const tol = (s[0] ?? 0) * Math.max(rows, cols) * Number.EPSILON;
  let r = 0;
  while (r < s.length && s[r]! > tol) r++;
  return r;
}

/**
 * The warning for a rank above the numerical rank: the extra directions of V carry
 * rounding, so their eigenvalues are arbitrary (the CLI prints it as a notice).
 *
 * @param rank Rank r kept.
 * @param numerical Numerical rank ({@link numericalRank}), below r.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { roundingRankWarning } from "./dmd.ts";
 * import assert from "node:assert/strict";
 * assert.equal(roundingRankWarning(6, 2),
 *   "rank 6 keeps 4 singular direction(s) at rounding level (numerical rank 2); their eigenvalues are arbitrary: pass --rank 2 to leave them out");
 * ```
 */
export function roundingRankWarning(rank: number, numerical: number): string {
  return `rank ${rank} keeps ${
    rank - numerical
  } singular direction(s) at rounding level (numerical rank ${numerical}); their eigenvalues are arbitrary: pass --rank ${numerical} to leave them out`;
}

/**
 * The warning for a regression with fewer transitions than regressors: V₋ᵀV₋ is
 * singular, and A_v is the one the ridge picks (as the reference fits it; it tends
 * to the minimum-norm solution as λ → 0), not one the data determine.
 *
 * @param rank Rank r (regressors).
 * @param transitions Within-trial transitions, fewer than r.
 * @param ridge λ (> 0, else the fit is refused as singular).
 * @returns The text.
 *
 * @example
 * ```ts
 * import { underdeterminedWarning } from "./dmd.ts";
 * import assert from "node:assert/strict";
 * assert.match(underdeterminedWarning(3, 2, 1e-8), /^rank 3 exceeds the 2 transitions/);
 * ```
 */
export function underdeterminedWarning(rank: number, transitions: number, ridge: number): string {
  return `rank ${rank} exceeds the ${transitions} transitions between embedded time steps: the regression is underdetermined, so the ridge ${ridge} picks A_v (as the reference fits it), not the data: pass --rank ${transitions} or give more time steps`;
}

/**
 * The `warning` of a DMD fit: {@link roundingRankWarning} when r exceeds the
 * numerical rank, {@link underdeterminedWarning} when it exceeds the number of
 * transitions (both, joined by "; ", when both hold), else undefined.
 *
 * @param rank Rank r.
 * @param numerical Numerical rank of the Hankel matrix.
 * @param transitions Within-trial transitions.
 * @param ridge λ.
 * @returns The warning, or undefined.
 *
 * @example
 * ```ts
 * import { dmdWarning } from "./dmd.ts";
 * import assert from "node:assert/strict";
 * assert.equal(dmdWarning(2, 2, 30, 1e-8), undefined);
 * assert.match(dmdWarning(3, 3, 2, 1e-8)!, /underdetermined/);
 * ```
 */
export function dmdWarning(
  rank: number,
  numerical: number,
  transitions: number,
  ridge: number,
): string | undefined {
  const parts = [
    ...(rank > numerical ? [roundingRankWarning(rank, numerical)] : []),
    ...(rank > transitions ? [underdeterminedWarning(rank, transitions, ridge)] : []),
  ];
  return parts.length === 0 ? undefined : parts.join("; ");
}

/**
 * A series constant in time (every trial) has no dynamics: any operator maps the
 * constant state to itself, so the fitted eigenvalues beyond the trivial 1 would
 * be arbitrary numbers from rounding. Refused rather than answered.
 */
function refuseConstant(trials: Trials, context: string): void {
  const { dims, lengths, data } = trials;
  let o = 0;
  for (const len of lengths) {
    for (let t = 1; t < len; t++) {
      for (let d = 0; d < dims; d++) {
        if (data[o + t * dims + d] !== data[o + d]) return;
      }
    }
    o += len * dims;
  }
  throw new RangeError(
    `${context}: \`X\` is constant in time (every time step of every trial equals the first): it has no dynamics to fit`,
  );
}

/**
 * Fit HAVOK DMD. Steps (spec): delay-embed each trial (newest sample first)
 * and stack trial-major into H; thin SVD H = V Σ Uᵀ; keep r columns of V (rank
 * rule); shift by one row within each trial into V₋, V₊; ridge regression
 * A_v = [(V₋ᵀV₋ + λI)⁻¹ V₋ᵀ V₊]ᵀ, so v_{t+1} ≈ A_v v_t.
 *
 * SVD sign choices change A_v to S A_v S with S = diag(±1); eigenvalues and
 * the DSA scores are invariant to that.
 *
 * @param X Data `[time, dims]`, `[trials, time, dims]` or a list of trials.
 * @param options Embedding, rank rule, ridge, optional centring/scaling.
 * @returns The fitted model, tagged `"dmd"`.
 *
 * @example A rotation is recovered exactly
 * ```ts
 * import { fitDmd } from "./dmd.ts";
 * import assert from "node:assert/strict";
 * const th = 0.3, X: number[][] = [];
 * for (let t = 0; t < 40; t++) X.push([Math.cos(th * t), Math.sin(th * t)]);
 * const fit = fitDmd(X, { ridge: 0 });
 * assert.ok(Math.abs(fit.eigenvalues.re[0]! - Math.cos(th)) < 1e-10);
 * assert.ok(Math.abs(fit.eigenvalues.im[0]! - Math.sin(th)) < 1e-10);
 * ```
 */
export function fitDmd(X: TimeSeriesLike, options: DmdOptions = {}): DmdFit {
  const context = "Cannot fit DMD";
  checkOptions(options, DMD_OPTIONS, context);
  const { nDelays = 1, delayInterval = 1, ridge = 1e-8, center = false, scale = false } = options;
  const trials = asTrials(X, "X", context);
  refuseConstant(trials, context);
  const { means, scales, emb, Vh, s, r, U } = havokBasis(
    trials,
    { nDelays, delayInterval, ridge, center, scale },
    options,
    context,
  );
  const width = emb.H.cols, k = s.length;
  const { minus, plus, count } = shiftedPairs(Vh.data, k, r, emb.rowsPerTrial);
  const Av = ridgeMap(minus, plus, count, r, r, ridge, context);
  const { re, im } = eig({ rows: r, cols: r, data: Av });
  const numerical = numericalRank(s, emb.H.rows, width);
  const warning = dmdWarning(r, numerical, count, ridge);
  return tagResult("dmd", {
    Av: { rows: r, cols: r, data: Av },
    eigenvalues: { re, im },
    rank: r,
    singularValues: s,
    numericalRank: numerical,
    U: { rows: width, cols: r, data: U },
    dims: trials.dims,
    nDelays,
    delayInterval,
    ridge,
    means,
    scales,
    rowsPerTrial: emb.rowsPerTrial,
    ...(warning === undefined ? {} : { warning }),
  });
}
