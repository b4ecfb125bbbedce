/**
 * The linear shape metric family of Williams, Kunz, Kornblith & Linderman
 * (NeurIPS 2021): α = 1 allows only rotations (Procrustes), α = 0 any
 * invertible linear map (CCA), values in between interpolate.
 *
 * Steps: zero-pad to a common width, centre, partially whiten each network
 * (`whiten.ts`), then align with the SVD Φ_XᵀΦ_Y = U Σ Vᵀ: W_X = Z_X U,
 * W_Y = Z_Y V. Any rows (training or held-out) are mapped with the training
 * means and maps, A = (pad(X′) − μ_X) W_X, B = (pad(Y′) − μ_Y) W_Y, and scored
 * by the angle between A and B or by ‖A − B‖.
 *
 * Notes: for 0 < α < 1 the metric is not scale-invariant (the clip and the
 * gains mix scales); for α < 1 the euclidean value depends on the padded width
 * (padding adds clipped directions that change the variance-preserving scale).
 * On training rows ⟨A, B⟩ = ‖Φ_XᵀΦ_Y‖_* and ‖A‖ = ‖Φ_X‖, so
 * {@link linearMetric} needs only singular values unless the two networks are
 * nearly equivalent, where it forms A and B to stay accurate to rounding.
 *
 * @module
 */

import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { asMatrix, matrixArg, transpose } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { svd } from "../linalg/svd.ts";
import { clippedArccos, scoreAligned } from "./angular.ts";
import {
  applyCenterAndPad,
  checkAlpha,
  checkPair,
  checkScore,
  scaleOrRefuse,
  type ScoreMethod,
  timesPowerOfTwo,
  unitExponent,
  unitScale,
} from "./inputs.ts";
import { largestMagnitude } from "../linalg/scale.ts";
import { checkOptionNames } from "../validate/options.ts";
import {
  type LinearMetricOptions,
  type PreparedLinearNetwork,
  prepareLinearMetric,
  whiteningFloorWarning,
} from "./whiten.ts";

export type { LinearMetricOptions } from "./whiten.ts";

/**
 * Held-out rows whose centred RMS row norm is at most this fraction of the training
 * rows' RMS norm are the training means up to rounding: their angle is undefined.
 */
export const HELD_OUT_ZERO = 1e-12;

/** Below this angle (cos above) the training distance is computed from A and B explicitly. */
const COS_EXPLICIT = 0.97;
/** Below this fraction of ‖Φ_X‖² + ‖Φ_Y‖² the euclidean distance is formed explicitly. */
const EUCLID_EXPLICIT = 0.05;

/** A fitted linear metric: plain data, usable with {@link scoreLinearMetric} on held-out rows. */
export interface LinearMetricFit {
  /** α used. */
  alpha: number;
  /** Ground metric used by {@link scoreLinearMetric}. */
  score: ScoreMethod;
  /** Whether columns were centred. */
  center: boolean;
  /** Whether zero-padding was allowed. */
  pad: boolean;
  /** Columns of X and Y before padding. */
  colsX: number;
  /** Columns of Y before padding. */
  colsY: number;
  /** Common padded width p. */
  width: number;
  /** Training column means of pad(X) and pad(Y), length p (zeros when not centring). */
  meanX: number[];
  /** Training column means of pad(Y), length p. */
  meanY: number[];
  /** Alignment maps W_X = Z_X U and W_Y = Z_Y V, [p, p]. */
  Wx: Matrix;
  /** W_Y = Z_Y V, [p, p]. */
  Wy: Matrix;
  /** Singular values of Φ_XᵀΦ_Y (descending). */
  singularValues: number[];
  /**
   * Root-mean-square row norm of X's (padded) training rows, √(‖μ_X‖² + ‖Φ_X‖²/n): the
   * scale against which held-out rows count as the training means up to rounding
   * ({@link checkHeldOutCentred}). Optional so that fits saved before it existed still
   * score (without that check).
   */
  scaleX?: number;
  /** The same for Y's training rows. */
  scaleY?: number;
  /**
   * Present when the whitening floor 1e-7 (netrep's convention, absolute) raised
   * eigenvalues of a scatter that are not negligible: the data are small in
   * scale and the value differs from the scale-free one (see `whiteningFloorWarning`).
   */
  warning?: string;
}

function options(opts: LinearMetricOptions, context: string) {
  checkOptionNames(opts, ["alpha", "score", "center", "pad"], context, ["center", "pad"]);
  const { alpha = 1, score = "angular", center = true, pad = true } = opts ?? {};
  checkAlpha(alpha, context);
  checkScore(score, context);
  return { alpha, score, center, pad };
}

/**
 * Distance on the training rows between two prepared networks (same α, centring
 * and width). Accurate near zero: when the networks are nearly equivalent the
 * aligned responses are formed and compared directly.
 *
 * @param px Prepared first network (only `phi` and `normSq` are used).
 * @param py Prepared second network, same shape.
 * @param score Ground metric.
 * @returns The distance.
 *
 * @example Matches the fit-then-score route
 * ```ts
 * import { preparedLinearDistance, fitLinearMetric, scoreLinearMetric } from "./linear.ts";
 * import { prepareLinearMetric } from "./whiten.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const X = fromRows([[1, 0], [0, 2], [3, 1], [1, 1]]), Y = fromRows([[0, 1], [2, 2], [1, 3], [0, 0]]);
 * const d = preparedLinearDistance(prepareLinearMetric(X, 0.5, true, 2), prepareLinearMetric(Y, 0.5, true, 2), "angular");
 * const fit = fitLinearMetric(X, Y, { alpha: 0.5 });
 * assert.ok(Math.abs(d - scoreLinearMetric(fit, X, Y)) < 1e-13);
 * ```
 */
export function preparedLinearDistance(
  px: Pick<PreparedLinearNetwork, "phi" | "normSq">,
  py: Pick<PreparedLinearNetwork, "phi" | "normSq">,
  score: ScoreMethod,
): number {
  const context = "Cannot compute linear metric";
  if (px.phi.cols !== py.phi.cols || px.phi.rows !== py.phi.rows) {
    throw new TypeError(
      `${context}: prepared networks must have the same shape: got [${px.phi.rows}, ${px.phi.cols}] and [${py.phi.rows}, ${py.phi.cols}]`,
    );
  }
  if (score === "angular" && (px.normSq === 0 || py.normSq === 0)) {
    throw new RangeError(
      `${context}: the angular distance is undefined because \`${
        px.normSq === 0 ? "X" : "Y"
      }\` has zero variance after centring (constant responses)`,
    );
  }
  const backend = getBackend();
  const M = backend.gemm(px.phi, py.phi, true, false);
  const s = backend.singularValues(M);
  let nuclear = 0;
  for (let k = s.length - 1; k >= 0; k--) nuclear += s[k]!;
  if (score === "angular") {
    const cos = nuclear / (Math.sqrt(px.normSq) * Math.sqrt(py.normSq));
    if (cos < COS_EXPLICIT) return clippedArccos(cos);
  } else {
    const total = px.normSq + py.normSq;
    const d2 = total - 2 * nuclear;
    if (d2 > EUCLID_EXPLICIT * total) return Math.sqrt(d2);
  }
  const { U, Vt } = backend.svd(M, true);
  const A = backend.gemm(px.phi, U, false, false);
  const B = backend.gemm(py.phi, Vt, false, true);
  return scoreAligned(A, B, score, context);
}

/**
 * Finish a fit from two prepared networks: SVD alignment and maps W_X, W_Y.
 *
 * @param px Prepared first network.
 * @param py Prepared second network (same α, centring, width).
 * @param score Ground metric stored in the fit.
 * @param pad Whether padding was allowed (stored). @default true
 * @returns The fitted record.
 *
 * @example Maps are width × width
 * ```ts
 * import { finalizeLinearMetric } from "./linear.ts";
 * import { prepareLinearMetric } from "./whiten.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const X = fromRows([[1, 0], [0, 1], [-1, -1]]);
 * const fit = finalizeLinearMetric(prepareLinearMetric(X, 1, true, 2), prepareLinearMetric(X, 1, true, 2), "angular");
 * assert.deepEqual([fit.Wx.rows, fit.Wx.cols], [2, 2]);
 * ```
 */
export function finalizeLinearMetric(
  px: PreparedLinearNetwork,
  py: PreparedLinearNetwork,
  score: ScoreMethod,
  pad = true,
): LinearMetricFit {
  const backend = getBackend();
  const M = backend.gemm(px.phi, py.phi, true, false);
  const { U, s, Vt } = svd(M, { full: true });
  const Wx = px.Z === null ? U : backend.gemm(px.Z, U, false, false);
  const Wy = py.Z === null ? transpose(Vt) : backend.gemm(py.Z, Vt, false, true);
  const warning = whiteningFloorWarning([["X", px.floorRaised], ["Y", py.floorRaised]]);
  return {
    alpha: px.alpha,
    score,
    center: px.center,
    pad,
    colsX: px.cols,
    colsY: py.cols,
    width: px.width,
    meanX: Array.from(px.means),
    meanY: Array.from(py.means),
    Wx,
    Wy,
    singularValues: Array.from(s),
    scaleX: trainingScale(px),
    scaleY: trainingScale(py),
    ...(warning ? { warning } : {}),
  };
}

/**
 * Fit the linear shape metric on training rows (α, centring, padding as in the module text).
 *
 * @param X Training responses of the first network, [nStimuli, nUnitsX].
 * @param Y Training responses of the second network, [nStimuli, nUnitsY].
 * @param opts {@link LinearMetricOptions}.
 * @returns The fitted record (means, maps, options).
 *
 * @example A rotated copy is at distance 0 (α = 1)
 * ```ts
 * import { fitLinearMetric, scoreLinearMetric } from "./linear.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5]];
 * const Y = X.map(([a, b]) => [b, -a]); // 90° rotation
 * const fit = fitLinearMetric(X, Y, { alpha: 1 });
 * assert.ok(scoreLinearMetric(fit, X, Y) < 1e-12);
 * ```
 */
export function fitLinearMetric(
  X: MatrixLike,
  Y: MatrixLike,
  opts: LinearMetricOptions = {},
): LinearMetricFit {
  const context = "Cannot fit linear metric";
  const { alpha, score, center, pad } = options(opts, context);
  const pair = checkPair(X, Y, pad, context);
  const invariant = score === "angular" && (alpha === 0 || alpha === 1);
  const sx = scaleOrRefuse(pair.X, invariant, "X", context);
  const sy = scaleOrRefuse(pair.Y, invariant, "Y", context);
  const px = prepareLinearMetric(sx, alpha, center, pair.width);
  const py = prepareLinearMetric(sy, alpha, center, pair.width);
  const fit = finalizeLinearMetric(px, py, score, pad);
  // fitted at unit scale (the data were far from it): the means and scales go back to the
  // data's units (exact powers of two), so that held-out rows are centred right; W_X and W_Y
  // are scale-free at these options (α = 0 or 1, angular)
  const ex = sx === pair.X ? 0 : unitExponent(largestMagnitude(pair.X.data));
  const ey = sy === pair.Y ? 0 : unitExponent(largestMagnitude(pair.Y.data));
  if (ex === 0 && ey === 0) return fit;
  return {
    ...fit,
    meanX: fit.meanX.map((v) => timesPowerOfTwo(v, ex)),
    meanY: fit.meanY.map((v) => timesPowerOfTwo(v, ey)),
    ...(fit.scaleX === undefined ? {} : { scaleX: timesPowerOfTwo(fit.scaleX, ex) }),
    ...(fit.scaleY === undefined ? {} : { scaleY: timesPowerOfTwo(fit.scaleY, ey) }),
  };
}

function checkHeldOut(fit: LinearMetricFit, X: MatrixLike, Y: MatrixLike, context: string) {
  const a = asMatrix(X, "X", { context });
  const b = asMatrix(Y, "Y", { context });
  if (a.rows !== b.rows) {
    throw new TypeError(
      `${context}: \`X\` and \`Y\` must have the same number of rows: got shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`,
    );
  }
  for (const [M, name, cols] of [[a, "X", fit.colsX], [b, "Y", fit.colsY]] as const) {
    if (M.cols !== cols && M.cols !== fit.width) {
      throw new TypeError(
        `${context}: \`${name}\` must have ${cols} columns as in training: got shape [${M.rows}, ${M.cols}]`,
      );
    }
  }
  return { a, b };
}

/**
 * Map rows (training or held-out) into the aligned space with the training means
 * and maps: A = (pad(X′) − μ_X) W_X, B = (pad(Y′) − μ_Y) W_Y.
 *
 * @param fit A fitted metric.
 * @param X Rows of the first network, [nRows, colsX].
 * @param Y Rows of the second network, [nRows, colsY].
 * @returns `{A, B}`, each [nRows, width].
 *
 * @example Held-out rows mapped to the common width
 * ```ts
 * import { fitLinearMetric, transformLinearMetric } from "./linear.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0, 1], [2, 2]], Y = [[1], [2], [0]];
 * const { A, B } = transformLinearMetric(fitLinearMetric(X, Y), [[1, 1]], [[3]]);
 * assert.deepEqual([A.cols, B.cols], [2, 2]);
 * ```
 */
export function transformLinearMetric(
  fit: LinearMetricFit,
  X: MatrixLike,
  Y: MatrixLike,
): { A: Matrix; B: Matrix } {
  const { a, b } = checkHeldOut(fit, X, Y, "Cannot transform with linear metric");
  return align(fit, applyCenterAndPad(a, fit.meanX), applyCenterAndPad(b, fit.meanY));
}

/** A = Cx·W_X and B = Cy·W_Y for centred, padded rows. */
function align(fit: LinearMetricFit, Cx: Matrix, Cy: Matrix): { A: Matrix; B: Matrix } {
  const backend = getBackend();
  return {
    A: backend.gemm(Cx, fit.Wx, false, false),
    B: backend.gemm(Cy, fit.Wy, false, false),
  };
}

/**
 * Score a fitted metric on rows (typically held-out stimuli): the angle between
 * the aligned responses or their Frobenius distance.
 *
 * @param fit A fitted metric.
 * @param X Rows of the first network.
 * @param Y The same stimuli for the second network.
 * @returns The distance (radians for `angular`).
 * @throws {RangeError} For the angle, when the rows of X or Y are their training
 *   means up to rounding ({@link checkHeldOutCentred}): the angle between two
 *   rounding errors means nothing.
 *
 * @example Held-out rows
 * ```ts
 * import { fitLinearMetric, scoreLinearMetric } from "./linear.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5], [1, 1]];
 * const Y = X.map(([a, b]) => [2 * a + b, b]); // an invertible linear map
 * const fit = fitLinearMetric(X.slice(0, 4), Y.slice(0, 4), { alpha: 0 });
 * assert.ok(scoreLinearMetric(fit, X.slice(4), Y.slice(4)) < 1e-9);
 * ```
 *
 * @example Rows at the training means have no angle
 * ```ts
 * import { fitLinearMetric, scoreLinearMetric } from "./linear.ts";
 * import assert from "node:assert/strict";
 * const X = [[0.1, 0.7], [0.2, 0.1], [0.3, 0.4], [0.6, 0.2]];
 * const Y = [[0.3, 0.1], [0.1, 0.5], [0.7, 0.2], [0.2, 0.9]];
 * const fit = fitLinearMetric(X, Y); // the means are 0.30000000000000004, 0.35, …
 * assert.throws(() => scoreLinearMetric(fit, [[0.3, 0.35]], [[0.325, 0.425]]),
 *   /the held-out rows of `X` are its training means up to rounding/);
 * ```
 */
export function scoreLinearMetric(fit: LinearMetricFit, X: MatrixLike, Y: MatrixLike): number {
  const context = "Cannot score linear metric";
  // shape errors as transformLinearMetric words them (scoring transforms first)
  const { a, b } = checkHeldOut(fit, X, Y, "Cannot transform with linear metric");
  let Cx = applyCenterAndPad(a, fit.meanX), Cy = applyCenterAndPad(b, fit.meanY);
  if (fit.score === "angular") {
    checkHeldOutCentred(Cx, fit.scaleX, "X", context);
    checkHeldOutCentred(Cy, fit.scaleY, "Y", context);
    // the angle ignores each side's scale: far from unit scale, compute at it (exact)
    Cx = unitScale(Cx);
    Cy = unitScale(Cy);
  }
  const { A, B } = align(fit, Cx, Cy);
  return scoreAligned(A, B, fit.score, context);
}

/**
 * The RMS row norm of a network's training rows (padded, uncentred),
 * √(‖μ‖² + ‖Φ‖²/n): exact for α = 1; for α < 1 the whitening preserves the
 * variance up to its floor, so ‖Φ‖ stands for ‖X − μ‖.
 *
 * @param prep The prepared network (its means, Φ and ‖Φ‖²).
 * @returns The RMS row norm.
 *
 * @example Rows (1, 0) and (3, 0): mean 2, centred RMS 1
 * ```ts
 * import { trainingScale } from "./linear.ts";
 * import { prepareLinearMetric } from "./whiten.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const prep = prepareLinearMetric(fromRows([[1, 0], [3, 0]]), 1, true, 2);
 * assert.equal(trainingScale(prep), Math.sqrt(5)); // √((1 + 9) / 2)
 * ```
 */
export function trainingScale(
  prep: Pick<PreparedLinearNetwork, "means" | "phi" | "normSq">,
): number {
  let m = 0;
  for (let j = 0; j < prep.means.length; j++) m += prep.means[j]! * prep.means[j]!;
  return Math.sqrt(m + prep.normSq / Math.max(1, prep.phi.rows));
}

/**
 * Refuse held-out rows whose centred (padded) representation is zero up to
 * rounding: their RMS row norm is positive but at most {@link HELD_OUT_ZERO}
 * (1e-12) × the training rows' RMS norm `scale`. Such rows are the training
 * means up to rounding, so the angle between their aligned responses is the
 * angle between rounding errors (it came out as 1.4, say). Rows that centre to
 * exact zeros are left to the angle's own check.
 *
 * @param centred Held-out rows minus the training means, [nRows, width].
 * @param scale The training rows' RMS row norm ({@link trainingScale}).
 * @param name The argument's name in the message.
 * @param context Message prefix.
 * @throws {RangeError} Naming the argument, with both norms.
 *
 * @example
 * ```ts
 * import { checkHeldOutCentred } from "./linear.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * checkHeldOutCentred(fromRows([[1e-3, 0]]), 1, "X", "ctx"); // small but real
 * assert.throws(() => checkHeldOutCentred(fromRows([[2e-17, 0]]), 0.5, "X", "ctx"), {
 *   name: "RangeError",
 *   message:
 *     "ctx: the angle is undefined because the held-out rows of `X` are its training means up to rounding: after centring their RMS row norm is 2e-17, at most 1e-12 × the training rows' RMS norm 0.5",
 * });
 * ```
 */
export function checkHeldOutCentred(
  centred: MatrixLike,
  scale: number | undefined,
  name: string,
  context: string,
): void {
  centred = matrixArg(centred, "centred");
  const m = largestMagnitude(centred.data);
  if (centred.rows === 0 || m === 0) return;
  // squares of (c / max|c|), so that tiny or huge rows neither underflow nor overflow
  let s = 0;
  for (let k = 0; k < centred.data.length; k++) s += (centred.data[k]! / m) ** 2;
  checkHeldOutRms(m * Math.sqrt(s / centred.rows), scale, name, context);
}

/**
 * {@link checkHeldOutCentred} from the RMS row norm of the centred held-out rows
 * (for rows read in blocks, whose norms are accumulated).
 *
 * @param rms RMS row norm of the held-out rows minus the training means.
 * @param scale The training rows' RMS row norm ({@link trainingScale}); a fit
 *   without one (0 or missing) is not checked.
 * @param name The argument's name in the message.
 * @param context Message prefix.
 * @throws {RangeError} When 0 < rms ≤ {@link HELD_OUT_ZERO} · scale.
 *
 * @example
 * ```ts
 * import { checkHeldOutRms } from "./linear.ts";
 * import assert from "node:assert/strict";
 * checkHeldOutRms(0, 1, "X", "ctx"); // exact zeros: the angle's own check refuses them
 * assert.throws(() => checkHeldOutRms(1e-13, 1, "Y", "ctx"), /held-out rows of `Y` are its training means/);
 * ```
 */
export function checkHeldOutRms(
  rms: number,
  scale: number | undefined,
  name: string,
  context: string,
): void {
  if (scale === undefined || !(scale > 0)) return; // a fit without scales (hand-made, or saved before): no check
  if (rms > 0 && rms <= HELD_OUT_ZERO * scale) {
    throw new RangeError(
      `${context}: the angle is undefined because the held-out rows of \`${name}\` are its training means up to rounding: after centring their RMS row norm is ${rms}, at most ${HELD_OUT_ZERO} × the training rows' RMS norm ${scale}`,
    );
  }
}

/**
 * The linear shape distance between two networks on the same stimuli (fit and
 * score on the same rows), accurate to rounding near zero.
 *
 * @param X Responses of the first network, [nStimuli, nUnitsX].
 * @param Y Responses of the second network, [nStimuli, nUnitsY].
 * @param opts {@link LinearMetricOptions}.
 * @returns The distance: radians in [0, π/2] for `angular`, a Frobenius norm for `euclidean`.
 *
 * @example α = 1 closed form: arccos(‖XᵀY‖_* / (‖X‖‖Y‖)) for centred inputs
 * ```ts
 * import { linearMetric } from "./linear.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [-1, 0], [0, 1], [0, -1]];
 * const Y = [[1, 0], [-1, 0], [0, 2], [0, -2]];
 * // XᵀY = diag(2, 4), ‖X‖ = 2, ‖Y‖ = √10
 * const expected = Math.acos(6 / (2 * Math.sqrt(10)));
 * assert.ok(Math.abs(linearMetric(X, Y, { alpha: 1 }) - expected) < 1e-14);
 * assert.equal(linearMetric(X, X), 0);
 * ```
 */
export function linearMetric(
  X: MatrixLike,
  Y: MatrixLike,
  opts: LinearMetricOptions = {},
): number {
  const context = "Cannot compute linear metric";
  const { alpha, score, center, pad } = options(opts, context);
  const pair = checkPair(X, Y, pad, context);
  const invariant = score === "angular" && (alpha === 0 || alpha === 1);
  const sx = scaleOrRefuse(pair.X, invariant, "X", context);
  const sy = scaleOrRefuse(pair.Y, invariant, "Y", context);
  const px = prepareLinearMetric(sx, alpha, center, pair.width);
  const py = prepareLinearMetric(sy, alpha, center, pair.width);
  return preparedLinearDistance(px, py, score);
}
