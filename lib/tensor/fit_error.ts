/**
 * Goodness of fit of a tensor model, over observed entries.
 *
 * @module
 */

import { asMask, asTensor3, type MaskLike, type Tensor3, type Tensor3Like } from "./tensor.ts";
import { assertKnownOptions } from "../validate/mod.ts";

/** Normalised reconstruction error and variance explained, over the entries in a mask. */
export interface FitError {
  /**
   * `‖T − T̂‖_F / ‖T‖_F` over the observed entries (tensorly/tensortools' relative error;
   * the CLI prints it as `relative_error`).
   */
  relativeError: number;
  /**
   * `1 − ‖T − T̂‖²_F / ‖T − mean(T)‖²_F` over the observed entries, with `mean(T)` the mean
   * of the observed entries (the coefficient of determination; the CLI prints it as
   * `variance_explained`). For a tensor whose observed entries are all equal it is 1 when
   * the fit is exact and 0 otherwise.
   */
  varianceExplained: number;
  /** Number of entries scored. */
  count: number;
}

/** Options for {@link reconstructionError}. */
export interface ReconstructionErrorOptions {
  /** Entries to score (nonzero = scored). @default every entry */
  mask?: MaskLike;
}

/**
 * The relative error `‖T − T̂‖_F / ‖T‖_F` and the variance explained
 * `1 − ‖T − T̂‖² / ‖T − mean(T)‖²`, both over the entries selected by `mask` — e.g. the
 * training entries of a fit, or held-out entries.
 *
 * @param T The data, `[I, J, K]`.
 * @param That The reconstruction, same shape.
 * @param options Entries to score.
 * @returns Relative error, variance explained and the number of entries scored.
 *
 * @example Half the energy left over
 * ```ts
 * import { reconstructionError } from "./fit_error.ts";
 * import assert from "node:assert/strict";
 * const e = reconstructionError([[[3, 4]]], [[[3, 0]]]);
 * assert.equal(e.relativeError, 0.8);
 * assert.equal(e.varianceExplained, 1 - 16 / 0.5);
 * ```
 */
export function reconstructionError(
  T: Tensor3Like,
  That: Tensor3Like,
  options: ReconstructionErrorOptions = {},
): FitError {
  const ctx = "Cannot score reconstruction";
  assertKnownOptions(options, ["mask"] satisfies (keyof ReconstructionErrorOptions)[], ctx);
  const a = asTensor3(T, "T", { context: ctx, finite: false });
  const b = asTensor3(That, "That", { context: ctx, finite: false });
  if (a.shape.some((d, m) => d !== b.shape[m])) {
    throw new TypeError(
      `${ctx}: \`T\` and \`That\` must have the same shape: got [${a.shape.join(", ")}] and [${
        b.shape.join(", ")
      }]`,
    );
  }
  const mask = options.mask === undefined
    ? undefined
    : asMask(options.mask, a.data.length, "mask", ctx);
  return errorOnMask(a, b.data, mask, ctx);
}

/** {@link reconstructionError} on validated data (internal). */
export function errorOnMask(
  T: Tensor3,
  fitted: Float64Array,
  mask: Uint8Array | undefined,
  ctx: string,
): FitError {
  const d = T.data;
  let count = 0, sum = 0;
  for (let p = 0; p < d.length; p++) {
    if (mask && !mask[p]) continue;
    const v = d[p]!;
    if (!Number.isFinite(v) || !Number.isFinite(fitted[p]!)) {
      throw new RangeError(
        `${ctx}: scored entries must be finite: got ${v} and ${fitted[p]} at flat index ${p}`,
      );
    }
    count++;
    sum += v;
  }
  if (count === 0) throw new RangeError(`${ctx}: \`mask\` selects no entries`);
  const mean = sum / count;
  let ss = 0, res = 0, tot = 0;
  for (let p = 0; p < d.length; p++) {
    if (mask && !mask[p]) continue;
    const v = d[p]!;
    ss += v * v;
    res += (v - fitted[p]!) ** 2;
    tot += (v - mean) ** 2;
  }
  return fitErrorFromSums(ss, res, tot, count, ctx);
}

/**
 * The fit error from its sums over the scored entries: Σv², Σ(v − f)²,
 * Σ(v − mean)² and the count (shared by the dense and the slab-wise scorers).
 *
 * @param ss Σ v² of the data.
 * @param res Σ (v − fitted)².
 * @param tot Σ (v − mean)².
 * @param count Scored entries.
 * @param ctx Message prefix.
 * @returns Relative error, variance explained and count.
 * @throws {RangeError} When the data are zero at every scored entry.
 *
 * @example
 * ```ts
 * import { fitErrorFromSums } from "./fit_error.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(fitErrorFromSums(4, 1, 2, 2, "ctx"), {
 *   relativeError: 0.5,
 *   varianceExplained: 0.5,
 *   count: 2,
 * });
 * ```
 */
export function fitErrorFromSums(
  ss: number,
  res: number,
  tot: number,
  count: number,
  ctx: string,
): FitError {
  if (ss === 0) {
    throw new RangeError(
      `${ctx}: \`T\` is zero at every scored entry, so its relative error is undefined`,
    );
  }
  return {
    relativeError: Math.sqrt(res / ss),
    varianceExplained: tot > 0 ? 1 - res / tot : (res === 0 ? 1 : 0),
    count,
  };
}
