/**
 * Ground metrics between aligned responses: the angle between two matrices
 * under the Frobenius inner product, and their Euclidean (Frobenius) distance.
 *
 * The angle θ = arccos(⟨A, B⟩ / (‖A‖‖B‖)) is computed as
 * θ = 2·atan2(‖a − b‖, ‖a + b‖) with a = A/‖A‖, b = B/‖B‖ (Kahan's formula),
 * which is accurate to rounding over the whole range [0, π]. The plain arccos
 * form loses half the digits near 0: identical inputs give ~1e-8 instead of 0.
 *
 * @module
 */

import { matrixArg, type MatrixLike } from "../linalg/matrix.ts";
import type { ScoreMethod } from "./inputs.ts";

function sumSquares(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * a[k]!;
  return s;
}

/**
 * The angle between two equally shaped matrices, in radians in [0, π],
 * accurate near 0 and near π.
 *
 * @param A First matrix.
 * @param B Second matrix (same shape).
 * @param context Message prefix for errors. @default "Cannot compute angular distance"
 * @param names Argument names for errors. @default ["A", "B"]
 * @returns arccos(⟨A, B⟩ / (‖A‖‖B‖)).
 *
 * @example Orthogonal and identical matrices
 * ```ts
 * import { angularDistance } from "./angular.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const A = fromRows([[1, 0], [0, 0]]), B = fromRows([[0, 2], [0, 0]]);
 * assert.ok(Math.abs(angularDistance(A, B) - Math.PI / 2) < 1e-15);
 * assert.equal(angularDistance(A, A), 0);
 * ```
 */
export function angularDistance(
  A: MatrixLike,
  B: MatrixLike,
  context = "Cannot compute angular distance",
  names: readonly [string, string] = ["A", "B"],
): number {
  A = matrixArg(A, "A");
  B = matrixArg(B, "B");
  if (A.rows !== B.rows || A.cols !== B.cols) {
    throw new TypeError(
      `${context}: \`A\` and \`B\` must have the same shape: got [${A.rows}, ${A.cols}] and [${B.rows}, ${B.cols}]`,
    );
  }
  const na = Math.sqrt(sumSquares(A.data)), nb = Math.sqrt(sumSquares(B.data));
  if (na === 0 || nb === 0) {
    throw new RangeError(
      `${context}: the angle is undefined because \`${names[na === 0 ? 0 : 1]}\` is zero${
        names[0] === "A" ? "" : " after centring and alignment (constant responses?)"
      }`,
    );
  }
  const a = A.data, b = B.data;
  const ia = 1 / na, ib = 1 / nb;
  let dm = 0, dp = 0;
  for (let k = 0; k < a.length; k++) {
    const u = a[k]! * ia, v = b[k]! * ib;
    dm += (u - v) * (u - v);
    dp += (u + v) * (u + v);
  }
  return 2 * Math.atan2(Math.sqrt(dm), Math.sqrt(dp));
}

/**
 * The Frobenius distance ‖A − B‖ (not divided by the number of rows).
 *
 * @param A First matrix.
 * @param B Second matrix (same shape).
 * @returns ‖A − B‖.
 *
 * @example A 3-4-5 triangle
 * ```ts
 * import { euclideanDistance } from "./angular.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.equal(euclideanDistance(fromRows([[3, 0]]), fromRows([[0, 4]])), 5);
 * ```
 */
export function euclideanDistance(A: MatrixLike, B: MatrixLike): number {
  A = matrixArg(A, "A");
  B = matrixArg(B, "B");
  if (A.rows !== B.rows || A.cols !== B.cols) {
    throw new TypeError(
      `Cannot compute euclidean distance: \`A\` and \`B\` must have the same shape: got [${A.rows}, ${A.cols}] and [${B.rows}, ${B.cols}]`,
    );
  }
  let s = 0;
  for (let k = 0; k < A.data.length; k++) {
    const d = A.data[k]! - B.data[k]!;
    s += d * d;
  }
  return Math.sqrt(s);
}

/**
 * Score aligned responses with the chosen ground metric.
 *
 * @param A Aligned responses of X.
 * @param B Aligned responses of Y (same shape).
 * @param score `angular` or `euclidean`.
 * @param context Message prefix for errors.
 * @returns The angle (radians) or the Frobenius distance.
 *
 * @example Euclidean score of two unit rows
 * ```ts
 * import { scoreAligned } from "./angular.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const A = fromRows([[1, 0]]), B = fromRows([[0, 1]]);
 * assert.ok(Math.abs(scoreAligned(A, B, "euclidean") - Math.SQRT2) < 1e-15);
 * ```
 */
export function scoreAligned(
  A: MatrixLike,
  B: MatrixLike,
  score: ScoreMethod,
  context?: string,
): number {
  A = matrixArg(A, "A");
  B = matrixArg(B, "B");
  return score === "angular" ? angularDistance(A, B, context, ["X", "Y"]) : euclideanDistance(A, B);
}

/**
 * arccos of a cosine, clipped to [−1, 1] (for values that are far from ±1,
 * where arccos is well conditioned).
 *
 * @param c A cosine, possibly just outside [−1, 1] from rounding.
 * @returns The angle in [0, π].
 *
 * @example Rounding past 1 is clipped
 * ```ts
 * import { clippedArccos } from "./angular.ts";
 * import assert from "node:assert/strict";
 * assert.equal(clippedArccos(1 + 1e-16), 0);
 * ```
 */
export function clippedArccos(c: number): number {
  return Math.acos(Math.max(-1, Math.min(1, c)));
}
