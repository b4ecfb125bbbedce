/**
 * The whitened geometry behind the `cosine_cov`, `corr_cov` and `bures`
 * comparators (Diedrichsen et al. 2021, "Comparing representational geometries
 * using whitened unbiased-distance-matrix similarity").
 *
 * Distance estimates of the pairs (i, j) have covariance V = Ξ∘Ξ with Ξ = C Cᵀ,
 * C the pairwise-contrast matrix: V has 4 on the diagonal, 1 for two pairs
 * sharing one condition and 0 otherwise. On a complete RDM aᵀV⁻¹b equals the
 * Frobenius product ⟨G_a, G_b⟩ of the double-centred matrices G = −½·H D H, so
 * complete RDMs never need V. With entries missing (bootstrap copies of one
 * condition) the principal submatrix of V on the kept pairs is solved by
 * conjugate gradients, applied in O(pairs) as (Vx)_ij = 2x_ij + S_i + S_j with
 * S_c the sum of x over the kept pairs that touch condition c.
 *
 * @module
 */

/**
 * G = −½·H D H of an RDM vector, H = I − 11ᵀ/n: `[n, n]` row-major.
 *
 * @param v RDM vector (m = n(n−1)/2).
 * @param n Number of conditions.
 * @returns G's entries.
 *
 * @example Rows of G sum to zero
 * ```ts
 * import { doubleCentred } from "./whitening.ts";
 * import assert from "node:assert/strict";
 * const G = doubleCentred([1, 2, 3], 3);
 * assert.ok(Math.abs(G[0]! + G[1]! + G[2]!) < 1e-15);
 * ```
 */
export function doubleCentred(v: ArrayLike<number>, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 2 || v.length !== n * (n - 1) / 2) {
    throw new RangeError(
      `Cannot double-centre RDM: \`v\` must have n(n−1)/2 entries for \`n\` = ${n} conditions: got ${v.length}`,
    );
  }
  const G = new Float64Array(n * n);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      G[i * n + j] = v[e]!;
      G[j * n + i] = v[e]!;
      e++;
    }
  }
  const rowMean = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += G[i * n + j]!;
    rowMean[i] = s / n;
    total += s;
  }
  const grand = total / (n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      G[i * n + j] = -0.5 * (G[i * n + j]! - rowMean[i]! - rowMean[j]! + grand);
    }
  }
  return G;
}

/**
 * Inner product of two equal-length arrays (the Frobenius product of two matrices'
 * entries).
 *
 * @param a First array.
 * @param b Second array.
 * @returns Σ a_k b_k.
 *
 * @example
 * ```ts
 * import { dot } from "./whitening.ts";
 * import assert from "node:assert/strict";
 * assert.equal(dot([1, 2], [3, 4]), 11);
 * ```
 */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/**
 * A set of kept pairs among `nCond` conditions: pair p joins conditions
 * `left[p]` and `right[p]` (left ≠ right).
 */
export interface PairSet {
  /** Number of conditions (copies count separately). */
  nCond: number;
  /** First condition of each pair. */
  left: Uint32Array;
  /** Second condition of each pair. */
  right: Uint32Array;
}

/**
 * y = V x on the kept pairs (V restricted to them).
 *
 * @param x One value per kept pair.
 * @param pairs The kept pairs.
 * @param out Where to write V x.
 * @param sums Scratch of length `nCond`.
 * @returns `out`.
 *
 * @example The complete 3-condition V has 4 on the diagonal and 1 elsewhere
 * ```ts
 * import { applyV } from "./whitening.ts";
 * import assert from "node:assert/strict";
 * const pairs = { nCond: 3, left: new Uint32Array([0, 0, 1]), right: new Uint32Array([1, 2, 2]) };
 * const y = applyV([1, 0, 0], pairs, new Float64Array(3), new Float64Array(3));
 * assert.deepEqual(Array.from(y), [4, 1, 1]);
 * ```
 */
export function applyV(
  x: ArrayLike<number>,
  pairs: PairSet,
  out: Float64Array,
  sums: Float64Array,
): Float64Array {
  const { left, right } = pairs;
  sums.fill(0);
  for (let p = 0; p < left.length; p++) {
    sums[left[p]!]! += x[p]!;
    sums[right[p]!]! += x[p]!;
  }
  for (let p = 0; p < left.length; p++) out[p] = 2 * x[p]! + sums[left[p]!]! + sums[right[p]!]!;
  return out;
}

/**
 * Solve V x = b on the kept pairs by conjugate gradients (V is positive
 * definite, and so is every principal submatrix).
 *
 * @param b Right-hand side, one value per kept pair.
 * @param pairs The kept pairs.
 * @returns x = V⁻¹ b.
 *
 * @example On a complete RDM, bᵀV⁻¹b equals ‖G_b‖²
 * ```ts
 * import { doubleCentred, dot, solveV } from "./whitening.ts";
 * import assert from "node:assert/strict";
 * const b = [1, 2, 3, 4, 5, 7];
 * const pairs = {
 *   nCond: 4,
 *   left: new Uint32Array([0, 0, 0, 1, 1, 2]),
 *   right: new Uint32Array([1, 2, 3, 2, 3, 3]),
 * };
 * const G = doubleCentred(b, 4);
 * assert.ok(Math.abs(dot(b, solveV(b, pairs)) - dot(G, G)) < 1e-10);
 * ```
 */
export function solveV(b: ArrayLike<number>, pairs: PairSet): Float64Array {
  const m = b.length;
  const x = new Float64Array(m), r = Float64Array.from(b), p = Float64Array.from(b);
  const Ap = new Float64Array(m), sums = new Float64Array(pairs.nCond);
  let rr = dot(r, r);
  const stop = 1e-26 * Math.max(rr, 1e-300);
  for (let it = 0; it < 4 * m + 10 && rr > stop; it++) {
    applyV(p, pairs, Ap, sums);
    const alpha = rr / dot(p, Ap);
    for (let k = 0; k < m; k++) {
      x[k]! += alpha * p[k]!;
      r[k]! -= alpha * Ap[k]!;
    }
    const next = dot(r, r);
    const beta = next / rr;
    rr = next;
    for (let k = 0; k < m; k++) p[k] = r[k]! + beta * p[k]!;
  }
  return x;
}

/**
 * The pairs (i < j, i outer) of n conditions, in RDM-vector order.
 *
 * @param n Number of conditions.
 * @returns The complete pair set.
 *
 * @example
 * ```ts
 * import { allPairs } from "./whitening.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(allPairs(3).right), [1, 2, 2]);
 * ```
 */
export function allPairs(n: number): PairSet {
  const m = n * (n - 1) / 2;
  const left = new Uint32Array(m), right = new Uint32Array(m);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      left[e] = i;
      right[e++] = j;
    }
  }
  return { nCond: n, left, right };
}
