/**
 * Argument checks for figure functions: vectors, label lists and matrices,
 * with messages that name the argument and show the bad value.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";

/**
 * Validate a numeric vector (array or typed array) and copy it.
 *
 * @param x The argument.
 * @param name Its name in messages, e.g. `"re"` or `"series[1].y"`.
 * @param context Message prefix, e.g. `"Cannot plot lines"`.
 * @returns The values as a new `Float64Array`.
 *
 * @example NaN is named with its index
 * ```ts
 * import { asVector } from "./check.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(asVector([1, 2], "y", "Cannot plot")), [1, 2]);
 * assert.throws(() => asVector([1, NaN], "y", "Cannot plot"), {
 *   name: "RangeError",
 *   message: "Cannot plot: `y` must be finite: got NaN at index 1",
 * });
 * ```
 */
export function asVector(x: ArrayLike<number>, name: string, context: string): Float64Array {
  if (!Array.isArray(x) && !(ArrayBuffer.isView(x) && !(x instanceof DataView))) {
    throw new TypeError(
      `${context}: \`${name}\` must be an array of numbers: got ${x === null ? "null" : typeof x}`,
    );
  }
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const v = x[k];
    if (typeof v !== "number") {
      throw new TypeError(`${context}: \`${name}[${k}]\` must be a number: got ${typeof v}`);
    }
    if (!Number.isFinite(v)) {
      throw new RangeError(`${context}: \`${name}\` must be finite: got ${v} at index ${k}`);
    }
    out[k] = v;
  }
  return out;
}

/**
 * Validate an optional list of labels against an expected count.
 *
 * @param labels Labels or undefined.
 * @param n Required length.
 * @param name Argument name.
 * @param context Message prefix.
 * @returns The labels as strings, or `undefined` when none were given.
 *
 * @example Wrong length is an error
 * ```ts
 * import { asLabels } from "./check.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(asLabels(["a", 2], 2, "labels", "Cannot plot"), ["a", "2"]);
 * assert.throws(() => asLabels(["a"], 2, "labels", "Cannot plot"), /`labels` must have 2 entries: got 1/);
 * ```
 */
export function asLabels(
  labels: readonly (string | number)[] | undefined,
  n: number,
  name: string,
  context: string,
): string[] | undefined {
  if (labels === undefined) return undefined;
  if (!Array.isArray(labels)) {
    throw new TypeError(
      `${context}: \`${name}\` must be an array of strings: got ${typeof labels}`,
    );
  }
  if (labels.length !== n) {
    throw new TypeError(`${context}: \`${name}\` must have ${n} entries: got ${labels.length}`);
  }
  return labels.map((v) => String(v));
}

/**
 * Validate a matrix argument (no ragged rows, no NaN/Inf, not empty).
 *
 * @param x Matrix or nested arrays.
 * @param name Argument name.
 * @param context Message prefix.
 * @returns The matrix.
 *
 * @example Ragged rows are an error
 * ```ts
 * import { asFiniteMatrix } from "./check.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => asFiniteMatrix([[1, 2], [3]], "matrix", "Cannot plot heatmap"), {
 *   name: "TypeError",
 *   message: "Cannot plot heatmap: `matrix` is ragged: row 0 has 2 entries but row 1 has 1",
 * });
 * ```
 */
export function asFiniteMatrix(x: MatrixLike, name: string, context: string): Matrix {
  return asMatrix(x, name, { context, finite: true, nonEmpty: true });
}

/**
 * Check a positive integer option.
 *
 * @param v The value.
 * @param name Option name.
 * @param context Message prefix.
 * @param min Smallest allowed value.
 *
 * @example Zero rows is an error
 * ```ts
 * import { checkInteger } from "./check.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkInteger(0, "rows", "Cannot plot", 1), /`rows` must be an integer >= 1: got 0/);
 * ```
 */
export function checkInteger(v: number, name: string, context: string, min = 1): void {
  if (!Number.isInteger(v) || v < min) {
    throw new RangeError(`${context}: \`${name}\` must be an integer >= ${min}: got ${v}`);
  }
}
