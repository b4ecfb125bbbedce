/**
 * Distance correlation (Székely, Rizzo & Bakirov 2007) between two networks on the
 * same stimuli.
 *
 * Conventions: A and B are the Euclidean distance matrices of the rows (stimuli),
 * double-centred (A_ij = a_ij − ā_i· − ā_·j + ā_··); dCov²(X, Y) = mean(A∘B), the
 * biased V-statistic; dCor = √(dCov²(X, Y) / √(dCov²(X, X)·dCov²(Y, Y))), with
 * dCov²(X, Y) clipped at 0 against rounding, and 0 when either side has all rows
 * equal (dCov² = 0, Székely's definition). Distances use one matrix product, with
 * near-coincident pairs recomputed directly (no cancellation).
 *
 * @module
 */

import type { MatrixLike } from "../linalg/matrix.ts";
import {
  centredColumns,
  checkSameStimuli,
  checkZooInput,
  squaredRowDistances,
} from "./zoo_inputs.ts";
import { unitScale } from "./inputs.ts";

/** One network prepared for distance correlation ({@link prepareDistanceCorrelation}). */
export interface PreparedDistanceCorrelation {
  /** Number of stimuli. */
  n: number;
  /** Number of units. */
  p: number;
  /** Double-centred distance matrix, row-major [n, n]. */
  centredDistances: Float64Array;
  /** dCov²(X, X), the V-statistic distance variance. */
  dVar2: number;
}

/**
 * Prepare one network for distance correlation: its double-centred distance matrix.
 *
 * @param X Responses [nStimuli, nUnits].
 * @param name Argument name used in messages. @default "X"
 * @returns {@link PreparedDistanceCorrelation}.
 *
 * @example Distance variance of two points at distance 2
 * ```ts
 * import { prepareDistanceCorrelation } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * // A = [[-1, 1], [1, -1]], mean(A∘A) = 1
 * assert.equal(prepareDistanceCorrelation([[0, 0], [2, 0]]).dVar2, 1);
 * ```
 */
export function prepareDistanceCorrelation(
  X: MatrixLike,
  name = "X",
): PreparedDistanceCorrelation {
  const M = checkZooInput(X, name, "Cannot prepare distance correlation");
  const n = M.rows;
  const C = centredColumns(M); // distances do not depend on a shift; this limits cancellation
  const D = squaredRowDistances(C, C).data;
  const rowMean = new Float64Array(n);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    D[i * n + i] = 0;
    for (let j = i + 1; j < n; j++) {
      const d = Math.sqrt(D[i * n + j]!);
      D[i * n + j] = d;
      D[j * n + i] = d;
    }
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += D[i * n + j]!;
    rowMean[i] = s / n;
    grand += s;
  }
  grand /= n * n;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const ri = rowMean[i]! - grand;
    for (let j = 0; j < n; j++) {
      const a = D[i * n + j]! - ri - rowMean[j]!;
      D[i * n + j] = a;
      v += a * a;
    }
  }
  return { n, p: M.cols, centredDistances: D, dVar2: v / (n * n) };
}

/**
 * Distance correlation of two prepared networks.
 *
 * @param a `X` prepared by {@link prepareDistanceCorrelation}.
 * @param b `Y` prepared on the same stimuli.
 * @returns dCor in [0, 1].
 *
 * @example
 * ```ts
 * import { distanceCorrelationPrepared, prepareDistanceCorrelation } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const a = prepareDistanceCorrelation([[1, 2], [3, 1], [0, 0], [2, 5]]);
 * assert.ok(Math.abs(distanceCorrelationPrepared(a, a) - 1) < 1e-12);
 * ```
 */
export function distanceCorrelationPrepared(
  a: PreparedDistanceCorrelation,
  b: PreparedDistanceCorrelation,
): number {
  checkSameStimuli(a, b, "Cannot compute distance correlation");
  if (a.dVar2 === 0 || b.dVar2 === 0) return 0;
  const A = a.centredDistances, B = b.centredDistances;
  let s = 0;
  for (let k = 0; k < A.length; k++) s += A[k]! * B[k]!;
  const dcov2 = Math.max(0, s / (a.n * a.n));
  return Math.sqrt(dcov2 / Math.sqrt(a.dVar2 * b.dVar2));
}

/**
 * Distance correlation (Székely et al. 2007) with the biased V-statistic:
 * √(dCov²(X, Y) / √(dCov²(X, X)·dCov²(Y, Y))) on row (stimulus) distances.
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @returns dCor in [0, 1] (1 for a rotated, scaled, shifted copy).
 *
 * @example Invariant to rotation, scale and translation
 * ```ts
 * import { distanceCorrelation } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5]];
 * const Y = X.map(([a, b]) => [3 * b + 1, -3 * a]);
 * assert.ok(Math.abs(distanceCorrelation(X, Y) - 1) < 1e-12);
 * ```
 */
export function distanceCorrelation(X: MatrixLike, Y: MatrixLike): number {
  const context = "Cannot compute distance correlation";
  const a = checkZooInput(X, "X", context), b = checkZooInput(Y, "Y", context);
  checkSameStimuli({ n: a.rows, p: a.cols }, { n: b.rows, p: b.cols }, context);
  // invariant to scaling either input: far from unit scale, compute at unit scale (as the registry)
  return distanceCorrelationPrepared(
    prepareDistanceCorrelation(unitScale(a), "X"),
    prepareDistanceCorrelation(unitScale(b), "Y"),
  );
}
