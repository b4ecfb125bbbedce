/**
 * Argument checks and centring shared by the spectral-theory entry points.
 * Every message names the argument and shows the bad value or both shapes.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { centerColumns } from "../linalg/elementwise.ts";
import { assertSameRows } from "../validate/mod.ts";

/**
 * Validate a design matrix X: [P stimuli, M features] (finite, at least 3 rows).
 *
 * @param X The argument.
 * @param context Message prefix, e.g. "Cannot compute spectrum".
 * @param name Argument name for messages.
 * @returns X as a matrix (not copied).
 *
 * @example Too few stimuli
 * ```ts
 * import { checkStimuli } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkStimuli([[1], [2]], "Cannot compute spectrum"), {
 *   name: "RangeError",
 *   message: "Cannot compute spectrum: `X` must have at least 3 rows (stimuli): got shape [2, 1]",
 * });
 * ```
 */
export function checkStimuli(X: MatrixLike, context: string, name = "X"): Matrix {
  const A = asMatrix(X, name, { context });
  if (A.rows < 3) {
    throw new RangeError(
      `${context}: \`${name}\` must have at least 3 rows (stimuli): got shape [${A.rows}, ${A.cols}]`,
    );
  }
  return A;
}

/**
 * Validate a pair X: [P, M], Y: [P, N] (finite, same number of rows, P ≥ 3).
 *
 * @param X Model activations.
 * @param Y Neural responses.
 * @param context Message prefix.
 * @returns Both as matrices (not copied).
 *
 * @example Row counts differ
 * ```ts
 * import { checkPair } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkPair([[1], [2], [3]], [[1], [2]], "Cannot align"), {
 *   name: "TypeError",
 *   message:
 *     "Cannot align: `X` and `Y` must have the same number of rows: got shapes [3, 1] and [2, 1]",
 * });
 * ```
 */
export function checkPair(
  X: MatrixLike,
  Y: MatrixLike,
  context: string,
): { X: Matrix; Y: Matrix } {
  const x = asMatrix(X, "X", { context });
  const y = asMatrix(Y, "Y", { context });
  assertSameRows(x, "X", y, "Y", context);
  return { X: checkStimuli(x, context), Y: y };
}

/**
 * Validate the ridge λ_reg: a finite number ≥ 0.
 *
 * @param ridge The value.
 * @param context Message prefix.
 * @returns The ridge.
 *
 * @example A negative ridge
 * ```ts
 * import { checkRidge } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkRidge(-1, "Cannot fit"), {
 *   name: "RangeError",
 *   message: "Cannot fit: `ridge` must be a finite number >= 0: got -1",
 * });
 * ```
 */
export function checkRidge(ridge: number, context: string): number {
  if (typeof ridge !== "number" || !Number.isFinite(ridge) || ridge < 0) {
    throw new RangeError(`${context}: \`ridge\` must be a finite number >= 0: got ${ridge}`);
  }
  return ridge;
}

/**
 * Validate training-set sizes: each in [1, P − 1], integers when `integer`.
 *
 * @param ps Training-set sizes.
 * @param P Number of stimuli.
 * @param context Message prefix.
 * @param integer Require integers (sample counts for the empirical curve).
 * @param upper Largest size allowed: P − 1 when held-out stimuli are needed (the empirical
 * curve), P for the theory alone.
 * @returns A copy of `ps`.
 *
 * @example p outside [1, P − 1]
 * ```ts
 * import { checkPs } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkPs([5, 10], 10, "Cannot compute theory", false), {
 *   name: "RangeError",
 *   message: "Cannot compute theory: `ps` must lie in [1, P - 1] = [1, 9]: got 10 at index 1",
 * });
 * ```
 */
export function checkPs(
  ps: readonly number[],
  P: number,
  context: string,
  integer: boolean,
  upper: number = P - 1,
): number[] {
  if (!Array.isArray(ps) || ps.length === 0) {
    throw new TypeError(
      `${context}: \`ps\` must be a non-empty array of training-set sizes: got ${
        Array.isArray(ps) ? "[]" : typeof ps
      }`,
    );
  }
  ps.forEach((p, k) => {
    if (typeof p !== "number" || !(p >= 1 && p <= upper)) {
      const bound = upper === P ? "P" : upper === P - 1 ? "P - 1" : String(upper);
      throw new RangeError(
        `${context}: \`ps\` must lie in [1, ${bound}] = [1, ${upper}]: got ${p} at index ${k}`,
      );
    }
    if (integer && !Number.isInteger(p)) {
      throw new RangeError(`${context}: \`ps\` must be integers: got ${p} at index ${k}`);
    }
  });
  return ps.slice();
}

/**
 * Centre the columns (over all rows) when `center` is true; otherwise return A as is.
 *
 * @param A The matrix (not modified).
 * @param center Whether to centre.
 * @returns A centred copy, or A.
 *
 * @example Centre one column
 * ```ts
 * import { maybeCenter } from "./inputs.ts";
 * import { fromRows, toRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(maybeCenter(fromRows([[1], [3]]), true)), [[-1], [1]]);
 * ```
 */
export function maybeCenter(A: Matrix, center: boolean): Matrix {
  return center ? centerColumns(A).centered : A;
}

/**
 * Squared norm of each column of Y divided by its row count (the per-neuron power).
 * With `context`, a column of zero power is an error naming it.
 *
 * @param Y Responses [P, N].
 * @param context Message prefix; when given, zero power is an error.
 * @param centered Whether Y was centred (words the error as variance rather than power).
 * @returns ‖y_n‖²/P per column.
 *
 * @example Power of each neuron
 * ```ts
 * import { columnPower } from "./inputs.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(columnPower(fromRows([[1, 2], [1, 0]]))), [1, 2]);
 * ```
 */
export function columnPower(Y: Matrix, context?: string, centered = true): Float64Array {
  const { rows: P, cols: N, data } = Y;
  const out = new Float64Array(N);
  for (let i = 0; i < P; i++) {
    for (let n = 0; n < N; n++) {
      const v = data[i * N + n]!;
      out[n] += v * v;
    }
  }
  for (let n = 0; n < N; n++) {
    out[n] /= P;
    if (context !== undefined && !(out[n]! > 0)) {
      throw new RangeError(
        `${context}: \`Y\` column ${n} has zero ${
          centered ? "variance (a constant neuron)" : "power (all zeros)"
        }: drop it first`,
      );
    }
  }
  return out;
}
