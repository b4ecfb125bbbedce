/**
 * Time-series inputs for the dynamics area: one trajectory `[time, dims]`, a
 * batch of trials `[trials, time, dims]`, or a list of trials (lengths may
 * differ). Everything is normalised once at the API boundary into
 * {@link Trials}: trials stacked row-major with their lengths.
 *
 * @module
 */

import { asMatrix, isMatrix, isMlMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { assertFiniteArray } from "../validate/mod.ts";

/** A row-major array with an explicit shape, e.g. `[trials, time, dims]` (what `.npy` readers return). */
export interface ShapedArray {
  /** Axis lengths; 2 axes `[time, dims]` or 3 axes `[trials, time, dims]`. */
  readonly shape: readonly number[];
  /** Row-major entries, length = product of `shape`. */
  readonly data: Float64Array;
}

/**
 * Anything accepted as time-series data: a matrix `[time, dims]`, a shaped
 * array `[time, dims]` or `[trials, time, dims]`, nested arrays of depth 2 or 3,
 * or a list of `[time, dims]` matrices (one per trial, lengths may differ).
 */
export type TimeSeriesLike =
  | MatrixLike
  | ShapedArray
  | readonly (readonly (readonly number[])[])[]
  | readonly Matrix[];

/** Normalised time series: trials stacked along time. */
export interface Trials {
  /** Number of observed dimensions per sample. */
  readonly dims: number;
  /** Number of samples in each trial. */
  readonly lengths: readonly number[];
  /** Samples of all trials stacked in order, row-major `[Σ lengths, dims]`. */
  readonly data: Float64Array;
  /** Whether the input had a trial axis (3-D or a list), for shaping outputs. */
  readonly batched: boolean;
}

function isShaped(x: unknown): x is ShapedArray {
  return typeof x === "object" && x !== null && !Array.isArray(x) && "shape" in x &&
    (x as ShapedArray).data instanceof Float64Array;
}

/** A shape with a typed array other than Float64Array (Float32Array from a reader, …). */
function isOtherTypedShape(x: unknown): x is { shape: readonly number[]; data: Float32Array } {
  if (typeof x !== "object" || x === null || Array.isArray(x) || !("shape" in x)) return false;
  const data = (x as { data?: unknown }).data;
  return ArrayBuffer.isView(data) && !(data instanceof Float64Array) &&
    !(data instanceof DataView) && !(data instanceof BigInt64Array) &&
    !(data instanceof BigUint64Array) && Array.isArray((x as { shape: unknown }).shape);
}

/**
 * Validate time-series data and stack it into {@link Trials} (data is copied
 * only when it has to be).
 *
 * @param X Data `[time, dims]`, `[trials, time, dims]` or a list of trials.
 * @param name Argument name for error messages.
 * @param context Error message prefix, e.g. "Cannot fit DMD".
 * @returns The stacked trials.
 *
 * @example A 3-D batch becomes two trials of length 3
 * ```ts
 * import { asTrials } from "./data.ts";
 * import assert from "node:assert/strict";
 * const t = asTrials([[[1], [2], [3]], [[4], [5], [6]]], "X", "Cannot fit DMD");
 * assert.deepEqual([t.dims, t.lengths], [1, [3, 3]]);
 * ```
 */
export function asTrials(X: TimeSeriesLike, name: string, context: string): Trials {
  if (isOtherTypedShape(X)) X = { shape: X.shape, data: Float64Array.from(X.data) };
  if (isShaped(X)) {
    const shape = Array.from(X.shape);
    const size = shape.reduce((a, b) => a * b, 1);
    if (shape.length !== 2 && shape.length !== 3) {
      throw new TypeError(
        `${context}: \`${name}\` must have 2 axes [time, dims] or 3 axes [trials, time, dims]: got shape [${
          shape.join(", ")
        }]`,
      );
    }
    if (X.data.length !== size) {
      throw new TypeError(
        `${context}: \`${name}\` has shape [${shape.join(", ")}] but ${X.data.length} entries`,
      );
    }
    if (size === 0) {
      throw new RangeError(
        `${context}: \`${name}\` must not be empty: got shape [${shape.join(", ")}]`,
      );
    }
    assertFiniteArray(X.data, name, context, shape[shape.length - 1]);
    if (shape.length === 2) {
      return { dims: shape[1]!, lengths: [shape[0]!], data: X.data, batched: false };
    }
    return {
      dims: shape[2]!,
      lengths: Array.from({ length: shape[0]! }, () => shape[1]!),
      data: X.data,
      batched: true,
    };
  }
  if (isMatrix(X) || isMlMatrix(X)) {
    const M = asMatrix(X, name, { context });
    return { dims: M.cols, lengths: [M.rows], data: M.data, batched: false };
  }
  if (!Array.isArray(X)) {
    throw new TypeError(
      `${context}: \`${name}\` must be a matrix [time, dims], an array [trials, time, dims] or a list of trials: got ${
        X === null ? "null" : typeof X
      }`,
    );
  }
  if (X.length === 0) throw new RangeError(`${context}: \`${name}\` must not be empty: got []`);
  const first = X[0];
  const isTrialList = isMatrix(first) || isMlMatrix(first) ||
    (Array.isArray(first) && Array.isArray(first[0]));
  if (!isTrialList) {
    const M = asMatrix(X as MatrixLike, name, { context });
    return { dims: M.cols, lengths: [M.rows], data: M.data, batched: false };
  }
  const mats = (X as readonly MatrixLike[]).map((t, i) =>
    asMatrix(t, `${name}[${i}]`, { context })
  );
  const dims = mats[0]!.cols;
  mats.forEach((M, i) => {
    if (M.cols !== dims) {
      throw new TypeError(
        `${context}: every trial of \`${name}\` must have the same number of dims: trial 0 has shape [${
          mats[0]!.rows
        }, ${dims}] but trial ${i} has [${M.rows}, ${M.cols}]`,
      );
    }
  });
  const lengths = mats.map((M) => M.rows);
  const data = new Float64Array(lengths.reduce((a, b) => a + b, 0) * dims);
  let off = 0;
  for (const M of mats) {
    data.set(M.data, off);
    off += M.data.length;
  }
  return { dims, lengths, data, batched: true };
}

/**
 * Put stacked rows back into the layout of the input: a matrix `[time, dims]`
 * for unbatched data, a shaped array `[trials, time, dims]` when all trials
 * have one length, else a list of matrices.
 *
 * @param like The trials whose layout to copy.
 * @param data Rows `[Σ lengths, cols]`.
 * @param cols Number of columns of `data`.
 * @returns The reshaped data (no copy for the first two layouts).
 *
 * @example Back to a 3-D array
 * ```ts
 * import { asTrials, toInputLayout } from "./data.ts";
 * import assert from "node:assert/strict";
 * const t = asTrials([[[1], [2]], [[3], [4]]], "X", "ctx");
 * const out = toInputLayout(t, t.data, 1) as { shape: readonly number[] };
 * assert.deepEqual(out.shape, [2, 2, 1]);
 * ```
 */
export function toInputLayout(
  like: Trials,
  data: Float64Array,
  cols: number,
): Matrix | ShapedArray | Matrix[] {
  const total = like.lengths.reduce((a, b) => a + b, 0);
  if (!like.batched) return { rows: total, cols, data };
  const L = like.lengths[0]!;
  if (like.lengths.every((l) => l === L)) {
    return { shape: [like.lengths.length, L, cols], data };
  }
  const out: Matrix[] = [];
  let off = 0;
  for (const l of like.lengths) {
    out.push({ rows: l, cols, data: data.slice(off * cols, (off + l) * cols) });
    off += l;
  }
  return out;
}
