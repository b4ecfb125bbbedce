/**
 * The permutation shape metric: units of one network are matched one-to-one
 * with units of the other (zero-padded to a common width, centred, no
 * whitening) by the maximum-weight assignment on C = X_cᵀY_c, solved exactly
 * (`assignment.ts`). Then A = X_c, B = Y_c[:, π], scored by angle or distance.
 * Invariant to permuting the columns of either input.
 *
 * @module
 */

import { matrixArg } from "../linalg/matrix.ts";
import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { asMatrix } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { scoreAligned } from "./angular.ts";
import { linearSumAssignment } from "../optim/assignment.ts";
import {
  applyCenterAndPad,
  centerAndPad,
  checkPair,
  checkScore,
  scaleOrRefuse,
  type ScoreMethod,
} from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";
import { checkHeldOutCentred, trainingScale } from "./linear.ts";

/** Options for the permutation metric. */
export interface PermutationMetricOptions {
  /** Ground metric. @default "angular" */
  score?: ScoreMethod;
  /** Centre columns. @default true */
  center?: boolean;
  /** Zero-pad the narrower input; when false, widths must match. @default true */
  pad?: boolean;
}

/** A fitted permutation metric (plain data). */
export interface PermutationMetricFit {
  /** Ground metric used by {@link scorePermutationMetric}. */
  score: ScoreMethod;
  /** Whether columns were centred. */
  center: boolean;
  /** Whether zero-padding was allowed. */
  pad: boolean;
  /** Columns of X and Y before padding, and the common width. */
  colsX: number;
  /** Columns of Y before padding. */
  colsY: number;
  /** Common padded width. */
  width: number;
  /** Training column means of pad(X), pad(Y), length `width`. */
  meanX: number[];
  /** Training column means of pad(Y), length `width`. */
  meanY: number[];
  /** Column k of the aligned Y is column `permutation[k]` of pad(Y). */
  permutation: number[];
  /**
   * RMS row norm of X's (padded) training rows: held-out rows within 1e-12 of it of
   * the training means are refused by the angle (as `LinearMetricFit.scaleX`).
   */
  scaleX?: number;
  /** The same for Y's training rows. */
  scaleY?: number;
}

function options(opts: PermutationMetricOptions, context: string) {
  checkOptionNames(opts, ["score", "center", "pad"], context, ["center", "pad"]);
  const { score = "angular", center = true, pad = true } = opts ?? {};
  checkScore(score, context);
  return { score, center, pad };
}

/**
 * Reorder columns: column k of the output is column `perm[k]` of the input.
 *
 * @param B Matrix [n, p].
 * @param perm Column order, length p.
 * @returns The reordered copy.
 *
 * @example Reorder columns
 * ```ts
 * import { permuteColumns } from "./permutation.ts";
 * import { fromRows, toRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(permuteColumns(fromRows([[1, 2, 3]]), [2, 0, 1])), [[3, 1, 2]]);
 * ```
 */
export function permuteColumns(B: MatrixLike, perm: ArrayLike<number>): Matrix {
  B = matrixArg(B, "B");
  const { rows: n, cols: p, data } = B;
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let k = 0; k < p; k++) out[o + k] = data[o + perm[k]!]!;
  }
  return { rows: n, cols: p, data: out };
}

/**
 * The optimal matching of centred, padded training responses: maximises ⟨X_c, Y_c[:, π]⟩.
 *
 * @param Xc Centred, padded [n, p].
 * @param Yc Centred, padded [n, p].
 * @returns π, length p.
 *
 * @example Swapped columns are matched back
 * ```ts
 * import { optimalPermutation } from "./permutation.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(optimalPermutation(fromRows([[1, 0], [0, 1]]), fromRows([[0, 1], [1, 0]])), [1, 0]);
 * ```
 */
export function optimalPermutation(Xc: MatrixLike, Yc: MatrixLike): number[] {
  Xc = matrixArg(Xc, "Xc");
  Yc = matrixArg(Yc, "Yc");
  const C = getBackend().gemm(Xc, Yc, true, false);
  return linearSumAssignment(C, { maximize: true }).colIndex;
}

/**
 * Fit the permutation metric on training rows.
 *
 * @param X Training responses [nStimuli, nUnitsX].
 * @param Y Training responses [nStimuli, nUnitsY].
 * @param opts {@link PermutationMetricOptions}.
 * @returns Means and the matching.
 *
 * @example The matching of swapped columns
 * ```ts
 * import { fitPermutationMetric } from "./permutation.ts";
 * import assert from "node:assert/strict";
 * const fit = fitPermutationMetric([[1, 5], [2, 0], [3, 1]], [[5, 1], [0, 2], [1, 3]]);
 * assert.deepEqual(fit.permutation, [1, 0]);
 * ```
 */
export function fitPermutationMetric(
  X: MatrixLike,
  Y: MatrixLike,
  opts: PermutationMetricOptions = {},
): PermutationMetricFit {
  const context = "Cannot fit permutation metric";
  const { score, center, pad } = options(opts, context);
  const pair = checkPair(X, Y, pad, context);
  const cx = centerAndPad(pair.X, pair.width, center);
  const cy = centerAndPad(pair.Y, pair.width, center);
  return {
    score,
    center,
    pad,
    colsX: pair.X.cols,
    colsY: pair.Y.cols,
    width: pair.width,
    meanX: Array.from(cx.means),
    meanY: Array.from(cy.means),
    permutation: optimalPermutation(cx.centered, cy.centered),
    scaleX: centredScale(cx.centered, cx.means),
    scaleY: centredScale(cy.centered, cy.means),
  };
}

/** {@link trainingScale} of centred rows and their means. */
function centredScale(centered: Matrix, means: Float64Array): number {
  let normSq = 0;
  for (let k = 0; k < centered.data.length; k++) normSq += centered.data[k]! ** 2;
  return trainingScale({ means, phi: centered, normSq });
}

/**
 * Score a fitted permutation metric on (held-out) rows.
 *
 * @param fit A fitted metric.
 * @param X Rows of the first network.
 * @param Y The same stimuli for the second network.
 * @returns The distance.
 *
 * @example Zero for a column-swapped copy
 * ```ts
 * import { fitPermutationMetric, scorePermutationMetric } from "./permutation.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 5], [2, 0], [3, 1]], Y = [[5, 1], [0, 2], [1, 3]];
 * assert.equal(scorePermutationMetric(fitPermutationMetric(X, Y), X, Y), 0);
 * ```
 */
export function scorePermutationMetric(
  fit: PermutationMetricFit,
  X: MatrixLike,
  Y: MatrixLike,
): number {
  const context = "Cannot score permutation metric";
  const a = asMatrix(X, "X", { context }), b = asMatrix(Y, "Y", { context });
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
  const A = applyCenterAndPad(a, fit.meanX), Bc = applyCenterAndPad(b, fit.meanY);
  if (fit.score === "angular") {
    // held-out rows at the training means up to rounding have no angle
    checkHeldOutCentred(A, fit.scaleX, "X", context);
    checkHeldOutCentred(Bc, fit.scaleY, "Y", context);
  }
  return scoreAligned(A, permuteColumns(Bc, fit.permutation), fit.score, context);
}

/**
 * Distance between two centred, padded response matrices under the best matching of units.
 *
 * @param Xc Centred, padded responses [n, p].
 * @param Yc Centred, padded responses [n, p].
 * @param score Ground metric.
 * @returns The distance under the optimal matching.
 *
 * @example Euclidean distance after matching
 * ```ts
 * import { preparedPermutationDistance } from "./permutation.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const d = preparedPermutationDistance(fromRows([[1, 0], [-1, 0]]), fromRows([[0, 3], [0, -3]]), "euclidean");
 * assert.ok(Math.abs(d - 2 * Math.SQRT2) < 1e-15);
 * ```
 */
export function preparedPermutationDistance(
  Xc: MatrixLike,
  Yc: MatrixLike,
  score: ScoreMethod,
): number {
  Xc = matrixArg(Xc, "Xc");
  Yc = matrixArg(Yc, "Yc");
  const B = permuteColumns(Yc, optimalPermutation(Xc, Yc));
  return scoreAligned(Xc, B, score, "Cannot compute permutation metric");
}

/**
 * The permutation shape distance between two networks on the same stimuli.
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @param opts {@link PermutationMetricOptions}.
 * @returns The distance (radians for `angular`).
 *
 * @example Zero for a column-permuted copy
 * ```ts
 * import { permutationMetric } from "./permutation.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2, 0], [0, 1, 3], [4, 0, 1], [1, 1, 1]];
 * const Y = X.map(([a, b, c]) => [c, a, b]);
 * assert.equal(permutationMetric(X, Y), 0);
 * ```
 */
export function permutationMetric(
  X: MatrixLike,
  Y: MatrixLike,
  opts: PermutationMetricOptions = {},
): number {
  const context = "Cannot compute permutation metric";
  const { score, center, pad } = options(opts, context);
  const pair = checkPair(X, Y, pad, context);
  const invariant = score === "angular";
  const sx = scaleOrRefuse(pair.X, invariant, "X", context);
  const sy = scaleOrRefuse(pair.Y, invariant, "Y", context);
  const cx = centerAndPad(sx, pair.width, center).centered;
  const cy = centerAndPad(sy, pair.width, center).centered;
  return preparedPermutationDistance(cx, cy, score);
}
