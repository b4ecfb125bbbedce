/**
 * Eigenspace overlap (May et al. 2019; as in the ReSi benchmark): how much the
 * column spaces of two uncentred representations overlap.
 *
 * Conventions: no centring; U and V are the left singular vectors of X and Y
 * truncated to the numerical rank (singular values above σ_max · max(n, p) · ε);
 * the score is ‖UᵀV‖_F² / max(p_X, p_Y), divided by the larger column count (not
 * the larger rank), so a network compared with itself scores rank / p.
 *
 * @module
 */

import { getBackend } from "../linalg/backend.ts";
import type { MatrixLike } from "../linalg/matrix.ts";
import {
  checkSameStimuli,
  checkZooInput,
  rankFromSingularValues,
  sumOfSquares,
  thinLeftSingular,
} from "./zoo_inputs.ts";
import { unitScale } from "./inputs.ts";

/** One network prepared for eigenspace overlap ({@link prepareEigenspaceOverlap}). */
export interface PreparedEigenspaceOverlap {
  /** Number of stimuli. */
  n: number;
  /** Number of units (the divisor's candidate). */
  p: number;
  /** Numerical rank. */
  rank: number;
  /** Left singular vectors up to the rank, row-major [n, rank]. */
  basis: Float64Array;
}

/**
 * Prepare one network for eigenspace overlap: the left singular vectors of the
 * uncentred responses, truncated to the numerical rank.
 *
 * @param X Responses [nStimuli, nUnits].
 * @param name Argument name used in messages. @default "X"
 * @returns {@link PreparedEigenspaceOverlap}.
 *
 * @example A rank-1 matrix
 * ```ts
 * import { prepareEigenspaceOverlap } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(prepareEigenspaceOverlap([[1, 2], [2, 4], [3, 6]]).rank, 1);
 * ```
 */
export function prepareEigenspaceOverlap(X: MatrixLike, name = "X"): PreparedEigenspaceOverlap {
  const M = checkZooInput(X, name, "Cannot prepare eigenspace overlap");
  const n = M.rows, p = M.cols;
  const { U, s } = thinLeftSingular(M); // signs do not matter here
  const r = rankFromSingularValues(s, n, p);
  const m = U.cols;
  const basis = new Float64Array(n * r);
  for (let i = 0; i < n; i++) for (let j = 0; j < r; j++) basis[i * r + j] = U.data[i * m + j]!;
  return { n, p, rank: r, basis };
}

/**
 * Eigenspace overlap of two prepared networks: ‖UᵀV‖_F² / max(p_X, p_Y).
 *
 * @param a `X` prepared by {@link prepareEigenspaceOverlap}.
 * @param b `Y` prepared on the same stimuli.
 * @returns Similarity in [0, 1].
 *
 * @example
 * ```ts
 * import { eigenspaceOverlapPrepared, prepareEigenspaceOverlap } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const a = prepareEigenspaceOverlap([[1, 2], [3, 1], [0, 0], [2, 5]]);
 * assert.ok(Math.abs(eigenspaceOverlapPrepared(a, a) - 1) < 1e-12);
 * ```
 */
export function eigenspaceOverlapPrepared(
  a: PreparedEigenspaceOverlap,
  b: PreparedEigenspaceOverlap,
): number {
  checkSameStimuli(a, b, "Cannot compute eigenspace overlap");
  if (a.rank === 0 || b.rank === 0) return 0;
  const C = getBackend().gemm(
    { rows: a.n, cols: a.rank, data: a.basis },
    { rows: b.n, cols: b.rank, data: b.basis },
    true,
    false,
  );
  return sumOfSquares(C.data) / Math.max(a.p, b.p);
}

/**
 * Eigenspace overlap score: ‖UᵀV‖_F² / max(p_X, p_Y) for the rank-truncated left
 * singular vectors of the uncentred X and Y.
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @returns Similarity in [0, 1].
 *
 * @example Invariant to an invertible linear map, not to translation
 * ```ts
 * import { eigenspaceOverlap } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5]];
 * assert.ok(Math.abs(eigenspaceOverlap(X, X.map(([a, b]) => [a + b, 2 * b])) - 1) < 1e-12);
 * assert.ok(eigenspaceOverlap(X, X.map(([a, b]) => [a + 1, b])) < 0.99);
 * ```
 */
export function eigenspaceOverlap(X: MatrixLike, Y: MatrixLike): number {
  const context = "Cannot compute eigenspace overlap";
  // invariant to scaling either input: far from unit scale, compute at unit scale (as the registry)
  const a = unitScale(checkZooInput(X, "X", context));
  const b = unitScale(checkZooInput(Y, "Y", context));
  checkSameStimuli({ n: a.rows, p: a.cols }, { n: b.rows, p: b.cols }, context);
  return eigenspaceOverlapPrepared(
    prepareEigenspaceOverlap(a, "X"),
    prepareEigenspaceOverlap(b, "Y"),
  );
}
