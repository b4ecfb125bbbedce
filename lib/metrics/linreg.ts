/**
 * Linear regression R² (as in the ReSi benchmark): how much of X's centred
 * variance a least-squares linear map from Y explains. Asymmetric: X is predicted
 * from Y.
 *
 * Conventions: R² = ‖P_Y Xc‖_F² / ‖Xc‖_F², with P_Y the orthogonal projector onto
 * the columns of Yc (computed from Yc's left singular vectors). Yc must have full
 * column rank (so fewer units than stimuli) and Xc must not be zero.
 *
 * @module
 */

import { getBackend } from "../linalg/backend.ts";
import type { MatrixLike } from "../linalg/matrix.ts";
import {
  centredColumns,
  checkSameStimuli,
  checkZooInput,
  rankFromSingularValues,
  sumOfSquares,
  thinLeftSingular,
} from "./zoo_inputs.ts";
import { unitScale } from "./inputs.ts";

/** One network prepared for linear-regression R², as predictor or as target ({@link prepareLinregR2}). */
export interface PreparedLinregR2 {
  /** Number of stimuli. */
  n: number;
  /** Number of units. */
  p: number;
  /** Centred responses, row-major [n, p]. */
  centred: Float64Array;
  /** ‖Xc‖_F². */
  sqNorm: number;
  /** Numerical rank of the centred responses. */
  rank: number;
  /** Orthonormal basis of the centred columns (left singular vectors), row-major [n, p]; empty unless rank = p. */
  basis: Float64Array;
}

/**
 * Prepare one network for linear-regression R² (either role).
 *
 * @param X Responses [nStimuli, nUnits].
 * @param name Argument name used in messages. @default "X"
 * @returns {@link PreparedLinregR2}.
 *
 * @example
 * ```ts
 * import { prepareLinregR2 } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(prepareLinregR2([[1, 2], [2, 4], [3, 6]]).rank, 1);
 * ```
 */
export function prepareLinregR2(X: MatrixLike, name = "X"): PreparedLinregR2 {
  const M = checkZooInput(X, name, "Cannot prepare linear regression");
  const n = M.rows, p = M.cols;
  const C = centredColumns(M);
  const { U, s } = thinLeftSingular(C);
  const r = rankFromSingularValues(s, n, p);
  const basis = r === p ? U.data : new Float64Array(0);
  return { n, p, centred: C.data, sqNorm: sumOfSquares(C.data), rank: r, basis };
}

/**
 * Linear-regression R² of two prepared networks, X (`a`) predicted from Y (`b`).
 *
 * @param a `X` (the target) prepared by {@link prepareLinregR2}.
 * @param b `Y` (the predictor) prepared on the same stimuli, full column rank.
 * @returns R² in [0, 1].
 *
 * @example
 * ```ts
 * import { linregR2Prepared, prepareLinregR2 } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const a = prepareLinregR2([[1], [2], [4]]);
 * assert.ok(Math.abs(linregR2Prepared(a, a) - 1) < 1e-12);
 * ```
 */
export function linregR2Prepared(
  a: Pick<PreparedLinregR2, "n" | "p" | "centred" | "sqNorm">,
  b: PreparedLinregR2,
): number {
  const context = "Cannot compute linear regression R²";
  checkSameStimuli(a, b, context);
  if (b.rank < b.p) {
    throw new RangeError(
      `${context}: the predictor \`Y\` must have full column rank after centring: got rank ${b.rank} for shape [${b.n}, ${b.p}]`,
    );
  }
  if (a.sqNorm === 0) {
    throw new RangeError(
      `${context}: \`X\` has zero variance across stimuli (constant responses), so R² is undefined`,
    );
  }
  const C = getBackend().gemm(
    { rows: b.n, cols: b.rank, data: b.basis },
    { rows: a.n, cols: a.p, data: a.centred },
    true,
    false,
  );
  return Math.min(1, sumOfSquares(C.data) / a.sqNorm);
}

/**
 * Linear-regression R² of X predicted from Y: ‖P_Y Xc‖_F² / ‖Xc‖_F² (asymmetric).
 *
 * @param X Responses to predict [nStimuli, nUnitsX].
 * @param Y Predictor responses [nStimuli, nUnitsY], full column rank after centring.
 * @returns R² in [0, 1] (1 when X is a linear map of Y plus a shift).
 *
 * @example X is a linear function of Y, not the other way round
 * ```ts
 * import { linregR2 } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const Y = [[1, 2], [3, 1], [0, 0], [2, 5]];
 * const X = Y.map(([a, b]) => [a + b + 1]);
 * assert.ok(Math.abs(linregR2(X, Y) - 1) < 1e-12);
 * assert.ok(linregR2(Y, X) < 1);
 * ```
 */
export function linregR2(X: MatrixLike, Y: MatrixLike): number {
  const context = "Cannot compute linear regression R²";
  // invariant to scaling either input: far from unit scale, compute at unit scale (as the registry)
  const a = unitScale(checkZooInput(X, "X", context));
  const b = unitScale(checkZooInput(Y, "Y", context));
  checkSameStimuli({ n: a.rows, p: a.cols }, { n: b.rows, p: b.cols }, context);
  const Xc = centredColumns(a); // the target needs no factorisation
  const target = { n: a.rows, p: a.cols, centred: Xc.data, sqNorm: sumOfSquares(Xc.data) };
  return linregR2Prepared(target, prepareLinregR2(b, "Y"));
}
