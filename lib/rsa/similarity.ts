/**
 * RSA as a similarity measure between two networks: the RDM of each, compared.
 * The measure registry wraps {@link rsaSimilarity}.
 *
 * @module
 */

import { asMatrix, type MatrixLike } from "../linalg/matrix.ts";
import { assertKnownOptions, assertSameRows } from "../validate/mod.ts";
import { checkComparator, compareChecked, type RdmComparator } from "./comparators.ts";
import { rdmVector } from "./layout.ts";
import { computeRdm, type RdmMethod } from "./rdm.ts";

/** Options for {@link rsaSimilarity}. */
export interface RsaSimilarityOptions {
  /** Dissimilarity for both RDMs (as `computeRdm`'s `method`). @default "euclidean" */
  rdm?: RdmMethod;
  /** Comparator of the two RDMs. @default "cosine" */
  compare?: RdmComparator;
}

/**
 * Representational similarity of two networks' responses to the same stimuli:
 * compare(RDM(X), RDM(Y)). Rows are stimuli (conditions), columns units.
 *
 * @param X `[nStimuli, nUnitsX]` responses.
 * @param Y `[nStimuli, nUnitsY]` responses.
 * @param options Dissimilarity and comparator.
 * @returns The similarity.
 * @throws {RangeError} When the comparator is undefined for one of the RDMs (e.g. a
 *   constant RDM, equidistant stimuli, under corr or spearman), as {@link compareRdms} does.
 *
 * @example Invariant to rotating and scaling the units
 * ```ts
 * import { rsaSimilarity } from "./similarity.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0, 2], [3, 1], [2, 2]];
 * const Y = X.map(([a, b]) => [3 * (a! - b!), 3 * (a! + b!)]);
 * const s = rsaSimilarity(X, Y, { rdm: "euclidean", compare: "corr" });
 * assert.ok(Math.abs(s - 1) < 1e-12);
 * ```
 *
 * @example Equidistant stimuli give a constant RDM: no correlation
 * ```ts
 * import { rsaSimilarity } from "./similarity.ts";
 * import assert from "node:assert/strict";
 * const I = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
 * assert.throws(() => rsaSimilarity(I, [[1, 2], [0, 1], [2, 2]], { compare: "corr" }), {
 *   name: "RangeError",
 *   message: /`RDM\(X\)` is constant .*corr is undefined for it/,
 * });
 * ```
 */
export function rsaSimilarity(
  X: MatrixLike,
  Y: MatrixLike,
  options: RsaSimilarityOptions = {},
): number {
  const ctx = "Cannot compute RSA similarity";
  assertKnownOptions(options, ["rdm", "compare"] satisfies (keyof RsaSimilarityOptions)[], ctx);
  const { rdm = "euclidean", compare = "cosine" } = options;
  checkComparator(compare, ctx);
  const A = asMatrix(X, "X", { context: ctx }), B = asMatrix(Y, "Y", { context: ctx });
  assertSameRows(A, "X", B, "Y", ctx);
  const a = rdmVector(computeRdm(A, { method: rdm }).rdm, "RDM(X)", ctx);
  const b = rdmVector(computeRdm(B, { method: rdm }).rdm, "RDM(Y)", ctx);
  return compareChecked(a, b, A.rows, compare, ["`RDM(X)`", "`RDM(Y)`"], ctx);
}
