/**
 * Binning a unit's activations (or a logit, or a projection on a direction) by
 * level: quantile bins (equal counts) or value-range bins (equal widths), and
 * the top-k samples that current practice inspects.
 *
 * @module
 */

import { asMatrix, type MatrixLike } from "../linalg/matrix.ts";
import { assertFiniteArray } from "../validate/mod.ts";
import { quantileSorted } from "./mid.ts";

/** Options for {@link activationBins}. */
export interface ActivationBinsOptions {
  /** "quantile" (equal counts) or "range" (equal widths over [min, max]). @default "quantile" */
  rule?: "quantile" | "range";
  /** Number of bins. @default 10 */
  nBins?: number;
}

/** Result of {@link activationBins}. */
export interface ActivationBins {
  /** Rule used. */
  rule: "quantile" | "range";
  /** Bin edges, length nBins + 1, ascending; bin b is [edges[b], edges[b+1]) (last bin closed). */
  edges: number[];
  /** Bin of each sample, 0 (lowest) … nBins − 1 (highest). */
  bin: Int32Array;
  /** Samples per bin. */
  counts: number[];
}

/**
 * Assign each sample to an activation-level bin.
 *
 * @param values One activation per sample.
 * @param options Rule and bin count.
 * @returns Edges, bin per sample, counts.
 *
 * @example Value-range bins
 * ```ts
 * import { activationBins } from "./bins.ts";
 * import assert from "node:assert/strict";
 * const b = activationBins([0, 1, 2, 9, 10], { rule: "range", nBins: 2 });
 * assert.deepEqual(b.edges, [0, 5, 10]);
 * assert.deepEqual(Array.from(b.bin), [0, 0, 0, 1, 1]);
 * ```
 */
export function activationBins(
  values: ArrayLike<number>,
  options: ActivationBinsOptions = {},
): ActivationBins {
  const ctx = "Cannot bin activations";
  const { rule = "quantile", nBins = 10 } = options;
  if (rule !== "quantile" && rule !== "range") {
    throw new RangeError(`${ctx}: \`rule\` must be "quantile" or "range": got ${String(rule)}`);
  }
  if (!Number.isInteger(nBins) || nBins < 1) {
    throw new RangeError(`${ctx}: \`nBins\` must be an integer >= 1: got ${nBins}`);
  }
  if (values.length === 0) throw new RangeError(`${ctx}: \`values\` must not be empty`);
  assertFiniteArray(values, "values", ctx);
  const sorted = Float64Array.from(values).sort();
  const min = sorted[0]!, max = sorted[sorted.length - 1]!;
  const edges: number[] = [];
  for (let b = 0; b <= nBins; b++) {
    edges.push(
      rule === "quantile" ? quantileSorted(sorted, b / nBins) : min + (max - min) * b / nBins,
    );
  }
  edges[0] = min;
  edges[nBins] = max;
  const bin = new Int32Array(values.length);
  const counts = new Array<number>(nBins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // Largest b with edges[b] <= v, capped to the last bin.
    let lo = 0, hi = nBins - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    bin[i] = lo;
    counts[lo]!++;
  }
  return { rule, edges, bin, counts };
}

/**
 * Indices of the k largest values, largest first (lower index first on ties).
 *
 * @param values One value per sample.
 * @param k How many, in [1, values.length].
 * @returns The k indices.
 *
 * @example
 * ```ts
 * import { topK } from "./bins.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(topK([3, 9, 1, 9], 2), [1, 3]);
 * ```
 */
export function topK(values: ArrayLike<number>, k: number): number[] {
  const ctx = "Cannot take top-k";
  if (!Number.isInteger(k) || k < 1 || k > values.length) {
    throw new RangeError(`${ctx}: \`k\` must be an integer in [1, ${values.length}]: got ${k}`);
  }
  assertFiniteArray(values, "values", ctx);
  const idx = Array.from({ length: values.length }, (_, i) => i);
  idx.sort((a, b) => values[b]! - values[a]! || a - b);
  return idx.slice(0, k);
}

/**
 * Activations of a direction: the projection X·v of every sample (a unit is
 * the direction with a single 1; a logit is a column of the logits).
 *
 * @param X Activations [nSamples, nUnits].
 * @param direction Length nUnits.
 * @returns One value per sample.
 *
 * @example
 * ```ts
 * import { directionValues } from "./bins.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(directionValues([[1, 2], [3, 4]], [0, 1])), [2, 4]);
 * ```
 */
export function directionValues(X: MatrixLike, direction: ArrayLike<number>): Float64Array {
  const ctx = "Cannot project activations";
  const A = asMatrix(X, "X", { context: ctx });
  if (direction.length !== A.cols) {
    throw new TypeError(
      `${ctx}: \`direction\` must have ${A.cols} entries (columns of \`X\`): got ${direction.length}`,
    );
  }
  assertFiniteArray(direction, "direction", ctx);
  const out = new Float64Array(A.rows);
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    for (let j = 0; j < A.cols; j++) s += A.data[i * A.cols + j]! * direction[j]!;
    out[i] = s;
  }
  return out;
}
