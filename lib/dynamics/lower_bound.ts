/**
 * Lower bounds on min over C ∈ O(n) of ‖Â − C B̂ Cᵀ‖_F from similarity
 * invariants, to show how tight an optimised distance is.
 *
 * @module
 */

import { eigh } from "../linalg/eigh.ts";
import { singularValues } from "../linalg/svd.ts";

function sortedDistance(a: Float64Array, b: Float64Array, descending: boolean): number {
  const x = Array.from(a).sort((p, q) => descending ? q - p : p - q);
  const y = Array.from(b).sort((p, q) => descending ? q - p : p - q);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - y[i]!) ** 2;
  return s;
}

function part(A: Float64Array, n: number, sign: 1 | -1): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = 0.5 * (A[i * n + j]! + sign * A[j * n + i]!);
  }
  return out;
}

/** The similarity invariants a lower bound needs: singular values and the spectra of the symmetric and skew parts. */
export interface OperatorSpectra {
  /** Singular values of A, descending. */
  singular: Float64Array;
  /** Eigenvalues of (A + Aᵀ)/2. */
  symmetric: Float64Array;
  /** Singular values of (A − Aᵀ)/2. */
  skew: Float64Array;
}

/**
 * The invariants of one operator used by {@link similarityLowerBound}, so they
 * can be computed once per operator when many pairs are compared.
 *
 * @param A Operator [n, n].
 * @param n Order.
 * @returns Its spectra.
 *
 * @example
 * ```ts
 * import { operatorSpectra } from "./lower_bound.ts";
 * import assert from "node:assert/strict";
 * const s = operatorSpectra(new Float64Array([0, 1, -1, 0]), 2);
 * assert.deepEqual(Array.from(s.skew), [1, 1]);
 * ```
 */
export function operatorSpectra(A: Float64Array, n: number): OperatorSpectra {
  const M = (data: Float64Array) => ({ rows: n, cols: n, data });
  return {
    singular: singularValues(M(A)),
    symmetric: eigh(M(part(A, n, 1)), { vectors: false }).values,
    skew: singularValues(M(part(A, n, -1))),
  };
}

/**
 * {@link similarityLowerBound} from precomputed spectra.
 *
 * @param a Spectra of the first operator.
 * @param b Spectra of the second operator (same order).
 * @returns The bound (euclidean units).
 *
 * @example
 * ```ts
 * import { lowerBoundFromSpectra, operatorSpectra } from "./lower_bound.ts";
 * import assert from "node:assert/strict";
 * const a = operatorSpectra(new Float64Array([1, 0, 0, 2]), 2);
 * assert.equal(lowerBoundFromSpectra(a, a), 0);
 * ```
 */
export function lowerBoundFromSpectra(a: OperatorSpectra, b: OperatorSpectra): number {
  const mirsky = sortedDistance(a.singular, b.singular, true);
  const split = sortedDistance(a.symmetric, b.symmetric, true) +
    sortedDistance(a.skew, b.skew, true);
  return Math.sqrt(Math.max(mirsky, split));
}

/**
 * A lower bound on the euclidean similarity-transform distance
 * min_{C ∈ O(n)} ‖Â − C B̂ Cᵀ‖_F, the larger of two bounds:
 *
 * 1. Mirsky: ‖X − Y‖_F ≥ ‖σ(X) − σ(Y)‖₂ (sorted singular values) and
 *    σ(C B̂ Cᵀ) = σ(B̂).
 * 2. The symmetric and skew parts are Frobenius-orthogonal and each is mapped
 *    to itself by the similarity, so ‖Â − CB̂Cᵀ‖² = ‖sym Â − C sym B̂ Cᵀ‖² +
 *    ‖skew Â − C skew B̂ Cᵀ‖² ≥ ‖λ(sym Â) − λ(sym B̂)‖² + ‖σ(skew Â) − σ(skew B̂)‖²
 *    (Hoffman–Wielandt for the symmetric part, Mirsky for the skew part).
 *
 * Both are zero for conjugate pairs; neither is attained in general.
 *
 * @param A First matrix [n, n] (normalise first for the DSA distance).
 * @param B Second matrix [n, n].
 * @param n Order.
 * @returns The bound (euclidean units).
 *
 * @example Diagonal matrices: the bound is attained by a permutation
 * ```ts
 * import { similarityLowerBound } from "./lower_bound.ts";
 * import assert from "node:assert/strict";
 * const lb = similarityLowerBound(new Float64Array([3, 0, 0, 1]), new Float64Array([0, 0, 0, 2]), 2);
 * assert.ok(Math.abs(lb - Math.sqrt(2)) < 1e-12); // best is diag(3, 1) vs diag(2, 0)
 * ```
 */
export function similarityLowerBound(A: Float64Array, B: Float64Array, n: number): number {
  return lowerBoundFromSpectra(operatorSpectra(A, n), operatorSpectra(B, n));
}
