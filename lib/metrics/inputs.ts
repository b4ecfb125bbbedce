/**
 * Argument checks and shared option types for the shape metrics: a pair of
 * response matrices `X: [nStimuli, nUnitsX]`, `Y: [nStimuli, nUnitsY]` must
 * have the same rows, be finite and non-empty, and (unless zero-padding is on)
 * the same number of columns.
 *
 * @module
 */

import { matrixArg } from "../linalg/matrix.ts";
import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { assertInRange } from "../validate/mod.ts";
import { exactConstantMeans } from "./zoo_inputs.ts";
import { binaryExponent, divideByPowerOfTwo, largestMagnitude } from "../linalg/scale.ts";

/** How aligned responses are compared: the angle between them or the plain distance. */
export type ScoreMethod = "angular" | "euclidean";

/** The two score methods, for validation and CLI choices. */
export const SCORE_METHODS: readonly ScoreMethod[] = ["angular", "euclidean"];

/**
 * Validate one response matrix at an API entry point (finite, non-empty).
 *
 * @param X The argument.
 * @param name Its name in messages.
 * @param context Message prefix, e.g. "Cannot fit linear metric".
 * @returns The matrix (not copied when it already is one).
 *
 * @example Empty input is rejected
 * ```ts
 * import { checkResponses } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkResponses([], "X", "Cannot fit"), /`X` must not be empty/);
 * ```
 */
export function checkResponses(X: MatrixLike, name: string, context: string): Matrix {
  return asMatrix(X, name, { context });
}

/** Range of max|x| inside which squares and products of entries neither overflow nor underflow. */
export const SAFE_SCALE: readonly [number, number] = [1e-100, 1e100];

/**
 * Range of max|x| inside which fourth powers of entries, summed over up to
 * (n·p)² ≤ 2^106 terms (CKA's ‖XᵀY‖²_F, ‖K‖²_F of a Gram matrix), neither
 * overflow nor underflow: m⁴ stays in [1e-200, 1e200].
 */
export const FOURTH_POWER_SCALE: readonly [number, number] = [1e-50, 1e50];

/**
 * The exponent e with max|x| · 2^-e in [0.5, 1).
 *
 * @param maxAbs max|x| (> 0, finite).
 * @returns The integer e.
 *
 * @example
 * ```ts
 * import { unitExponent } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.equal(unitExponent(1), 1);
 * assert.equal(unitExponent(0.75), 0);
 * assert.equal(unitExponent(2 ** 600), 601);
 * assert.equal(unitExponent(1e-310), -1029); // subnormal: 1e-310 · 2^1029 ≈ 0.58
 * ```
 */
export function unitExponent(maxAbs: number): number {
  return binaryExponent(maxAbs) + 1;
}

/**
 * `value · 2^e`, exact unless the result over- or underflows (two factors, so
 * that 2^e itself never does).
 *
 * @param value The number.
 * @param e The exponent.
 * @returns value · 2^e.
 *
 * @example
 * ```ts
 * import { timesPowerOfTwo } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.equal(timesPowerOfTwo(0.75, 1100), 0.75 * 2 ** 1000 * 2 ** 100);
 * ```
 */
export function timesPowerOfTwo(value: number, e: number): number {
  const h = Math.trunc(e / 2);
  return (value * Math.pow(2, h)) * Math.pow(2, e - h);
}

/**
 * Multiply entries by the power of two that brings their largest magnitude
 * into [0.5, 1) (exact in floating point: only the exponents change).
 *
 * @param data Entries.
 * @param maxAbs max|data| (> 0).
 * @returns A scaled copy.
 *
 * @example Exact rescaling of a huge vector
 * ```ts
 * import { rescaleToUnit } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * const out = rescaleToUnit(new Float64Array([3e200, -1e200]), 3e200);
 * assert.ok(out[0]! >= 0.5 && out[0]! < 1);
 * assert.equal(out[0]! / out[1]!, -3);
 * const tiny = rescaleToUnit(new Float64Array([1e-310]), 1e-310); // subnormal
 * assert.ok(tiny[0]! >= 0.5 && tiny[0]! < 1);
 * ```
 */
export function rescaleToUnit(data: Float64Array, maxAbs: number): Float64Array {
  return divideByPowerOfTwo(data, unitExponent(maxAbs));
}

/**
 * {@link unitScale} for several matrices sharing one factor (a computation
 * that is not invariant to scaling each input separately, but whose result
 * scales by a known power of the common factor): all are returned as given
 * when the largest |x| over all of them lies in `window`, else all are
 * multiplied by the one power of two 2^-e that brings it into [0.5, 1).
 *
 * @param Ms The matrices.
 * @param window Range of max|x| left untouched. @default SAFE_SCALE
 * @returns The matrices (same order) and the exponent e.
 *
 * @example One factor for both
 * ```ts
 * import { commonUnitScale } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * const a = { rows: 1, cols: 1, data: new Float64Array([3e200]) };
 * const b = { rows: 1, cols: 1, data: new Float64Array([1e200]) };
 * const { Xs, exponent } = commonUnitScale([a, b]);
 * assert.equal(Xs[0]!.data[0]! / Xs[1]!.data[0]!, 3);
 * assert.equal(exponent, 666); // 2^665 ≤ 3e200 < 2^666
 * ```
 */
export function commonUnitScale(
  Ms: readonly Matrix[],
  window: readonly [number, number] = SAFE_SCALE,
): { Xs: Matrix[]; exponent: number } {
  let m = 0;
  for (const M of Ms) m = Math.max(m, largestMagnitude(M.data));
  if (m === 0 || (m >= window[0] && m <= window[1])) return { Xs: [...Ms], exponent: 0 };
  return {
    Xs: Ms.map((M) => ({ rows: M.rows, cols: M.cols, data: rescaleToUnit(M.data, m) })),
    exponent: unitExponent(m),
  };
}

/**
 * A matrix at a safe scale for a scale-invariant computation: itself when
 * max|X| lies in `window` (or X is zero), else a copy multiplied by a power of
 * two bringing max|X| into [0.5, 1). The registry (`compareWith`) and the
 * direct functions of scale-invariant measures both scale this way.
 *
 * @param X The matrix.
 * @param window Range of max|X| left untouched: {@link SAFE_SCALE} for
 * computations that square entries, {@link FOURTH_POWER_SCALE} for those that
 * square squares (CKA). @default SAFE_SCALE
 * @returns X or a rescaled copy.
 *
 * @example Tiny responses are brought to unit scale
 * ```ts
 * import { FOURTH_POWER_SCALE, unitScale } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * const X = unitScale({ rows: 2, cols: 1, data: new Float64Array([1e-200, 2e-200]) });
 * assert.ok(X.data[1]! >= 0.5 && X.data[1]! < 1);
 * const Y = { rows: 1, cols: 1, data: new Float64Array([1e80]) };
 * assert.equal(unitScale(Y), Y); // safe for squares
 * assert.ok(unitScale(Y, FOURTH_POWER_SCALE).data[0]! < 1); // not for fourth powers
 * ```
 */
export function unitScale(
  X: MatrixLike,
  window: readonly [number, number] = SAFE_SCALE,
): Matrix {
  X = matrixArg(X, "X");
  const m = largestMagnitude(X.data);
  if (m === 0 || (m >= window[0] && m <= window[1])) return X;
  return { rows: X.rows, cols: X.cols, data: rescaleToUnit(X.data, m) };
}

/**
 * {@link unitScale} for a scale-invariant computation, or, for one that is
 * not, a RangeError when max|X| lies outside {@link SAFE_SCALE} (its value
 * would over- or underflow).
 *
 * @param X The matrix.
 * @param invariant Whether the computation is invariant to scaling X.
 * @param name Argument name for errors.
 * @param context Message prefix.
 * @returns X or a rescaled copy.
 *
 * @example Refused when the result would depend on the scale
 * ```ts
 * import { scaleOrRefuse } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * const X = { rows: 1, cols: 1, data: new Float64Array([1e160]) };
 * assert.throws(() => scaleOrRefuse(X, false, "X", "ctx"), /`X` has max\|X\| = 1e\+160/);
 * assert.ok(scaleOrRefuse(X, true, "X", "ctx").data[0]! < 1);
 * ```
 */
export function scaleOrRefuse(
  X: MatrixLike,
  invariant: boolean,
  name: string,
  context: string,
): Matrix {
  X = matrixArg(X, "X");
  const out = unitScale(X);
  if (out === X || invariant) return out;
  let m = 0;
  for (let k = 0; k < X.data.length; k++) m = Math.max(m, Math.abs(X.data[k]!));
  throw new RangeError(
    `${context}: \`${name}\` has max|${name}| = ${m}, outside [${SAFE_SCALE[0]}, ${
      SAFE_SCALE[1]
    }], and the value is not invariant to scaling at these options, so it would over- or underflow: rescale the data`,
  );
}

/**
 * Validate a pair of response matrices and find the common (padded) width.
 *
 * @param X First responses, [nStimuli, nUnitsX].
 * @param Y Second responses, [nStimuli, nUnitsY].
 * @param pad Allow different widths (the narrower one is zero-padded later).
 * @param context Message prefix.
 * @param names Argument names for messages. @default ["X", "Y"]
 * @returns Both matrices and `width = max(nUnitsX, nUnitsY)`.
 *
 * @example Row counts must match
 * ```ts
 * import { checkPair } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.throws(
 *   () => checkPair([[1], [2]], [[1]], true, "Cannot fit linear metric"),
 *   /`X` and `Y` must have the same number of rows: got shapes \[2, 1\] and \[1, 1\]/,
 * );
 * assert.equal(checkPair([[1, 2]], [[1]], true, "ctx").width, 2);
 * ```
 */
export function checkPair(
  X: MatrixLike,
  Y: MatrixLike,
  pad: boolean,
  context: string,
  names: readonly [string, string] = ["X", "Y"],
): { X: Matrix; Y: Matrix; width: number } {
  const [nx, ny] = names;
  const a = asMatrix(X, nx, { context });
  const b = asMatrix(Y, ny, { context });
  if (a.rows !== b.rows) {
    throw new TypeError(
      `${context}: \`${nx}\` and \`${ny}\` must have the same number of rows: got shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`,
    );
  }
  if (!pad && a.cols !== b.cols) {
    throw new TypeError(
      `${context}: \`${nx}\` and \`${ny}\` must have the same number of columns when \`pad\` is false: got shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`,
    );
  }
  return { X: a, Y: b, width: Math.max(a.cols, b.cols) };
}

/**
 * Check `alpha` for the linear family (α ∈ [0, 1]).
 *
 * @param alpha The value.
 * @param context Message prefix.
 * @param hi Upper end of the range. @default 1
 *
 * @example α outside [0, 1]
 * ```ts
 * import { checkAlpha } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.throws(
 *   () => checkAlpha(1.5, "Cannot fit linear metric"),
 *   { name: "RangeError", message: "Cannot fit linear metric: `alpha` must be in [0, 1]: got 1.5" },
 * );
 * ```
 */
export function checkAlpha(alpha: number, context: string, hi = 1): void {
  assertInRange(alpha, "alpha", 0, hi, context);
}

/**
 * Check a score method name.
 *
 * @param score The name.
 * @param context Message prefix.
 *
 * @example Unknown score method
 * ```ts
 * import { checkScore } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkScore("cosine", "ctx"), /`score` must be one of angular, euclidean: got cosine/);
 * ```
 */
export function checkScore(score: string, context: string): asserts score is ScoreMethod {
  if (!(SCORE_METHODS as readonly string[]).includes(score)) {
    throw new RangeError(
      `${context}: \`score\` must be one of ${SCORE_METHODS.join(", ")}: got ${score}`,
    );
  }
}

/**
 * Column means (zeros when `center` is false) and the centred, zero-padded copy.
 * A column holding one value is centred to exact zeros.
 *
 * @param X Responses [n, p].
 * @param width Padded width (`>= p`).
 * @param center Subtract column means.
 * @returns `{centered: [n, width], means: length width}` (padded entries zero).
 *
 * @example Centre, then pad with zeros
 * ```ts
 * import { centerAndPad } from "./inputs.ts";
 * import { fromRows, toRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { centered, means } = centerAndPad(fromRows([[1], [3]]), 2, true);
 * assert.deepEqual(toRows(centered), [[-1, 0], [1, 0]]);
 * assert.deepEqual(Array.from(means), [2, 0]);
 * ```
 */
export function centerAndPad(
  X: MatrixLike,
  width: number,
  center: boolean,
): { centered: Matrix; means: Float64Array } {
  X = matrixArg(X, "X");
  const { rows: n, cols: p, data } = X;
  const means = new Float64Array(width);
  if (center) {
    for (let i = 0; i < n; i++) {
      const o = i * p;
      for (let j = 0; j < p; j++) means[j] += data[o + j]!;
    }
    for (let j = 0; j < p; j++) means[j] /= n;
    exactConstantMeans(data, n, p, means);
  }
  const out = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    const o = i * p, q = i * width;
    for (let j = 0; j < p; j++) out[q + j] = data[o + j]! - means[j]!;
  }
  return { centered: { rows: n, cols: width, data: out }, means };
}

/**
 * Subtract given means from held-out rows and zero-pad them (the training-time map).
 *
 * @param X Rows [n, p].
 * @param means Training means, length `width` ≥ p.
 * @returns (pad(X) − means): [n, width].
 *
 * @example Training means applied to a new row
 * ```ts
 * import { applyCenterAndPad } from "./inputs.ts";
 * import { fromRows, toRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(applyCenterAndPad(fromRows([[5]]), [2, 0])), [[3, 0]]);
 * ```
 */
export function applyCenterAndPad(X: MatrixLike, means: ArrayLike<number>): Matrix {
  X = matrixArg(X, "X");
  const { rows: n, cols: p, data } = X;
  const width = means.length;
  const out = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    const o = i * p, q = i * width;
    for (let j = 0; j < p; j++) out[q + j] = data[o + j]! - means[j]!;
  }
  return { rows: n, cols: width, data: out };
}

/** A dense float64 tensor: row-major (C order) `data` with an explicit `shape`. */
export interface Tensor {
  /** Dimensions, e.g. [images, height, width, channels]. */
  readonly shape: readonly number[];
  /** Entries in C (row-major) order. */
  readonly data: Float64Array;
}

/** A tensor or nested arrays of numbers (e.g. number[][][] for 3-D). */
export type TensorLike = Tensor | readonly unknown[];

function flattenNested(
  x: unknown,
  depth: number,
  shape: number[],
  out: number[],
  name: string,
  context: string,
): void {
  if (depth === shape.length) {
    if (typeof x !== "number") {
      throw new TypeError(`${context}: \`${name}\` must hold numbers: got ${typeof x}`);
    }
    out.push(x);
    return;
  }
  if (!Array.isArray(x)) {
    throw new TypeError(
      `${context}: \`${name}\` must be a ${shape.length}-D array: got ${typeof x} at depth ${depth}`,
    );
  }
  if (shape[depth] === -1) shape[depth] = x.length;
  if (x.length !== shape[depth]) {
    throw new TypeError(
      `${context}: \`${name}\` is ragged: axis ${depth} has lengths ${
        shape[depth]
      } and ${x.length}`,
    );
  }
  for (const v of x) flattenNested(v, depth + 1, shape, out, name, context);
}

/**
 * Validate a tensor argument with a given number of dimensions (finite, non-empty).
 *
 * @param x A {@link Tensor} or nested arrays.
 * @param name Its name in messages.
 * @param ndim Required number of dimensions.
 * @param context Message prefix.
 * @returns The tensor (nested arrays are copied).
 *
 * @example Nested arrays and shape checks
 * ```ts
 * import { asTensor } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(asTensor([[[1], [2]]], "X", 3, "ctx").shape, [1, 2, 1]);
 * assert.throws(() => asTensor({ shape: [2, 2], data: new Float64Array(4) }, "X", 3, "ctx"),
 *   /`X` must be 3-D: got shape \[2, 2\]/);
 * ```
 */
export function asTensor(x: TensorLike, name: string, ndim: number, context: string): Tensor {
  let t: Tensor;
  if (Array.isArray(x)) {
    const shape = new Array(ndim).fill(-1);
    const out: number[] = [];
    flattenNested(x, 0, shape, out, name, context);
    t = { shape: shape.map((s) => Math.max(0, s)), data: Float64Array.from(out) };
  } else if (
    typeof x === "object" && x !== null && "shape" in x &&
    (x as Tensor).data instanceof Float64Array
  ) {
    t = x as Tensor;
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (t.data.length !== size) {
      throw new TypeError(
        `${context}: \`${name}\` has shape [${t.shape.join(", ")}] but ${t.data.length} entries`,
      );
    }
  } else {
    throw new TypeError(
      `${context}: \`${name}\` must be a tensor {shape, data} or nested arrays: got ${
        x === null ? "null" : typeof x
      }`,
    );
  }
  if (t.shape.length !== ndim) {
    throw new TypeError(
      `${context}: \`${name}\` must be ${ndim}-D: got shape [${t.shape.join(", ")}]`,
    );
  }
  if (t.shape.some((s) => s === 0)) {
    throw new RangeError(
      `${context}: \`${name}\` must not be empty: got shape [${t.shape.join(", ")}]`,
    );
  }
  for (let k = 0; k < t.data.length; k++) {
    if (!Number.isFinite(t.data[k]!)) {
      const idx: number[] = [];
      let r = k;
      for (let d = ndim - 1; d >= 0; d--) {
        idx.unshift(r % t.shape[d]!);
        r = Math.floor(r / t.shape[d]!);
      }
      throw new RangeError(
        `${context}: \`${name}\` must be finite: got ${t.data[k]} at [${idx.join(", ")}]`,
      );
    }
  }
  return t;
}

/** Per metric of the shape family, the options it does not read and the value that changes nothing. */
const UNREAD: Readonly<
  Record<"linear" | "permutation" | "cka", Readonly<Record<string, unknown>>>
> = {
  linear: { debiased: false },
  permutation: { alpha: 1, debiased: false },
  cka: { alpha: 1, score: "angular", pad: true },
};

/**
 * Refuse an option that the chosen metric of the shape family does not read
 * (`score` with `cka`, `alpha` with `permutation`, `debiased` with `linear`, …)
 * unless it holds the value that changes nothing (its default, e.g. `alpha: 1`),
 * so that a result's recorded options can be passed back.
 *
 * @param metric `linear`, `permutation` or `cka`.
 * @param options The options as given.
 * @param context Message prefix.
 * @throws {RangeError} Naming the option, the metric and the value.
 *
 * @example
 * ```ts
 * import { assertMetricReads } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assertMetricReads("cka", { alpha: 1, center: false }, "ctx");
 * assert.throws(() => assertMetricReads("cka", { score: "euclidean" }, "ctx"),
 *   { name: "RangeError", message: "ctx: `score` does not apply to metric cka: got euclidean" });
 * ```
 */
export function assertMetricReads(
  metric: "linear" | "permutation" | "cka",
  options: Readonly<Record<string, unknown>>,
  context: string,
): void {
  for (const [name, neutral] of Object.entries(UNREAD[metric])) {
    const value = options[name];
    if (value !== undefined && value !== neutral) {
      throw new RangeError(
        `${context}: \`${name}\` does not apply to metric ${metric}: got ${String(value)}`,
      );
    }
  }
}
