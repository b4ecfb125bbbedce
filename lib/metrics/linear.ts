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
import { asMatrix, transpose } from "../linalg/matrix.ts";
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
} from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";
import {
  type LinearMetricOptions,
  type PreparedLinearNetwork,
  prepareLinearMetric,
  whiteningFloorWarning,
} from "./whiten.ts";

export type { LinearMetricOptions } from "./whiten.ts";

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
  return finalizeLinearMetric(px, py, score, pad);
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
  const backend = getBackend();
  return {
    A: backend.gemm(applyCenterAndPad(a, fit.meanX), fit.Wx, false, false),
    B: backend.gemm(applyCenterAndPad(b, fit.meanY), fit.Wy, false, false),
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
 */
export function scoreLinearMetric(fit: LinearMetricFit, X: MatrixLike, Y: MatrixLike): number {
  const { A, B } = transformLinearMetric(fit, X, Y);
  return scoreAligned(A, B, fit.score, "Cannot score linear metric");
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
