/**
 * Neighbourhood measures on the k nearest neighbours of each stimulus: mutual kNN
 * (Huh et al. 2024, "platonic representation"), Jaccard kNN, rank similarity and
 * second-order cosine similarity (as in the ReSi benchmark, Klabunde et al. 2024).
 *
 * Neighbour sets: the network is first brought to unit scale, multiplied by the power
 * of two that puts max|X| in [0.5, 1) (exact in floating point, so every result is
 * the same for X and c·X, however small or large c > 0), then rows are scaled to unit
 * norm, x / max(‖x‖, 1e-12) (no centring; the floor only keeps rows that are zero, or
 * 10¹² times smaller than the largest entry, from dividing by zero);
 * N(i) is the k rows j ≠ i (self excluded by index) of largest cosine x̂_iᵀx̂_j,
 * listed by decreasing cosine. Ties are broken stably by index: the lower row
 * index ranks first, also at the k-th place. Cosines are compared after rounding
 * to the nearest multiple of 2⁻⁴⁰ (≈ 9·10⁻¹³), so that cosines equal in exact
 * arithmetic but a few ulps apart after rounding (integer or binary data, repeated
 * angles) count as ties, whatever the BLAS; the cosines themselves are kept unrounded.
 *
 * Each measure is split into {@link prepareKnn} (once per network: unit rows and
 * neighbour lists, plain structured-cloneable data) and a pairwise step
 * (`mutualKnnPrepared(a, b)`, …); `mutualKnn(X, Y, {k})` does both.
 * The similarity matrix is formed in blocks of rows, so memory beyond the
 * neighbour lists is O(block · n).
 *
 * @module
 */

import { getBackend } from "../linalg/backend.ts";
import type { MatrixLike } from "../linalg/matrix.ts";
import { checkK, checkSameStimuli, checkZooInput, unitRows } from "./zoo_inputs.ts";
import { unitScale } from "./inputs.ts";

/**
 * max|X| is brought into [0.5, 1) before rows are scaled to unit norm, so that the
 * 1e-12 floor on a row's norm is relative to the network's scale, not absolute.
 */
const UNIT_RANGE: readonly [number, number] = [0.5, 1 - Number.EPSILON / 2];
import { checkOptionNames } from "../validate/options.ts";

/** Options for the kNN measures. */
export interface KnnOptions {
  /** Neighbours per stimulus, an integer in [1, nStimuli − 1]. @default 10 */
  k?: number;
}

/** One network prepared for the kNN measures ({@link prepareKnn}). */
export interface PreparedKnn {
  /** Number of stimuli (rows). */
  n: number;
  /** Number of units (columns). */
  p: number;
  /** Neighbours per stimulus. */
  k: number;
  /** Unit-norm rows, row-major [n, p]. */
  unit: Float64Array;
  /** Row i's neighbours at [i·k, (i+1)·k), by decreasing cosine, ties by lower index. */
  neighbours: Int32Array;
  /** The cosines of those neighbours, same layout. */
  similarities: Float64Array;
}

const BLOCK = 128;
/** Grid on which cosines are compared: 2⁴⁰ steps per unit. */
const TIE_SCALE = 2 ** 40;

/** A cosine rounded to the nearest multiple of 2⁻⁴⁰ (halves up), for ordering only. */
function tieKey(v: number): number {
  return Math.floor(v * TIE_SCALE + 0.5);
}

/**
 * Prepare one network for the kNN measures: unit-norm rows and each stimulus's k
 * nearest neighbours by cosine (self excluded by index, ties broken by lower index).
 *
 * @param X Responses [nStimuli, nUnits] (finite).
 * @param options `k` ({@link KnnOptions}).
 * @param name Argument name used in messages. @default "X"
 * @returns {@link PreparedKnn}.
 * @throws {RangeError} When every pair of rows has the same cosine (n > 2): constant,
 *   proportional or zero responses have no neighbour order.
 *
 * @example Neighbours by cosine, ties to the lower index
 * ```ts
 * import { prepareKnn } from "./knn.ts";
 * import assert from "node:assert/strict";
 * const a = prepareKnn([[1, 0], [2, 0], [0, 1], [0, 3]], { k: 2 });
 * // row 0: rows 1 (cos 1), then rows 2 and 3 tie at cos 0 → the lower index, 2
 * assert.deepEqual(Array.from(a.neighbours.subarray(0, 2)), [1, 2]);
 * ```
 */
export function prepareKnn(X: MatrixLike, options: KnnOptions = {}, name = "X"): PreparedKnn {
  const context = "Cannot find nearest neighbours";
  checkOptionNames(options, ["k"], context);
  const { k = 10 } = options ?? {};
  const M = checkZooInput(X, name, context);
  const n = M.rows, p = M.cols;
  checkK(k, n, context);
  // invariant to scaling X: the unit rows are those of X at unit scale (exact power of two)
  const U = unitRows(unitScale(M, UNIT_RANGE));
  const neighbours = new Int32Array(n * k);
  const similarities = new Float64Array(n * k);
  const backend = getBackend();
  const idx = new Int32Array(k), val = new Float64Array(k);
  let lo = Infinity, hi = -Infinity; // range of the compared cosines, over all pairs
  for (let r0 = 0; r0 < n; r0 += BLOCK) {
    const r1 = Math.min(n, r0 + BLOCK);
    const block = { rows: r1 - r0, cols: p, data: U.data.subarray(r0 * p, r1 * p) };
    const S = backend.gemm(block, U, false, true).data;
    for (let i = r0; i < r1; i++) {
      const o = (i - r0) * n;
      let count = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const v = tieKey(S[o + j]!);
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        // j ascends, so an equal value ranks after those already kept (stable by index)
        if (count === k && !(v > val[k - 1]!)) continue;
        let t = count < k ? count++ : k - 1;
        while (t > 0 && v > val[t - 1]!) {
          val[t] = val[t - 1]!;
          idx[t] = idx[t - 1]!;
          t--;
        }
        val[t] = v;
        idx[t] = j;
      }
      neighbours.set(idx, i * k);
      for (let t = 0; t < k; t++) similarities[i * k + t] = S[o + idx[t]!]!;
    }
  }
  // with k ≥ n − 1 every other row is a neighbour, so ties cannot change the lists
  if (n > 2 && k < n - 1 && lo === hi) {
    throw new RangeError(
      `${context}: \`${name}\` has no neighbour order: all its rows have the same cosine with one another (${
        sameCosine(lo)
      }), so its k nearest neighbours are undefined`,
    );
  }
  return { n, p, k, unit: U.data, neighbours, similarities };
}

/** What rows that all share one cosine look like, for the message. */
function sameCosine(key: number): string {
  return key === tieKey(1)
    ? "cosine 1: constant or proportional responses"
    : key === 0
    ? "cosine 0: zero or mutually orthogonal responses"
    : `cosine ${key / TIE_SCALE}`;
}

function checkPrepared(a: PreparedKnn, b: PreparedKnn, context: string): void {
  checkSameStimuli(a, b, context);
  if (a.k !== b.k) {
    throw new RangeError(
      `${context}: \`X\` and \`Y\` were prepared with different \`k\`: got ${a.k} and ${b.k}`,
    );
  }
}

/** Calls `fn(i, stampX, posX)` with row i's X neighbours marked: stampX[j] = i + 1, posX[j] = rank. */
function eachRow(
  a: PreparedKnn,
  fn: (i: number, stamp: Int32Array, pos: Int32Array) => void,
): void {
  const stamp = new Int32Array(a.n), pos = new Int32Array(a.n);
  for (let i = 0; i < a.n; i++) {
    for (let t = 0; t < a.k; t++) {
      const j = a.neighbours[i * a.k + t]!;
      stamp[j] = i + 1;
      pos[j] = t + 1;
    }
    fn(i, stamp, pos);
  }
}

/**
 * Mutual kNN of two prepared networks: mean_i |N_X(i) ∩ N_Y(i)| / k.
 *
 * @param a `X` prepared by {@link prepareKnn}.
 * @param b `Y` prepared with the same k and stimuli.
 * @returns Similarity in [0, 1] (1 for identical neighbour sets).
 *
 * @example
 * ```ts
 * import { mutualKnnPrepared, prepareKnn } from "./knn.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]];
 * assert.equal(mutualKnnPrepared(prepareKnn(X, { k: 1 }), prepareKnn(X, { k: 1 })), 1);
 * ```
 */
export function mutualKnnPrepared(a: PreparedKnn, b: PreparedKnn): number {
  checkPrepared(a, b, "Cannot compute mutual kNN");
  const k = a.k;
  let shared = 0;
  eachRow(a, (i, stamp) => {
    for (let t = 0; t < k; t++) if (stamp[b.neighbours[i * k + t]!] === i + 1) shared++;
  });
  return shared / (a.n * k); // the exact rational, correctly rounded
}

/**
 * Mutual kNN similarity (Huh et al. 2024): the mean over stimuli of the fraction of
 * shared nearest neighbours, mean_i |N_X(i) ∩ N_Y(i)| / k.
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @param options `k` (default 10).
 * @returns Similarity in [0, 1].
 *
 * @example Invariant to rotating and rescaling the units
 * ```ts
 * import { mutualKnn } from "./knn.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4]];
 * const Y = X.map(([a, b]) => [3 * b, -3 * a]);
 * assert.equal(mutualKnn(X, Y, { k: 2 }), 1);
 * ```
 */
export function mutualKnn(X: MatrixLike, Y: MatrixLike, options: KnnOptions = {}): number {
  return mutualKnnPrepared(...preparePair(X, Y, options, "Cannot compute mutual kNN"));
}

/**
 * Jaccard kNN of two prepared networks: mean_i |N_X(i) ∩ N_Y(i)| / |N_X(i) ∪ N_Y(i)|.
 *
 * @param a `X` prepared by {@link prepareKnn}.
 * @param b `Y` prepared with the same k and stimuli.
 * @returns Similarity in [0, 1].
 *
 * @example Disjoint neighbourhoods give 0
 * ```ts
 * import { jaccardKnnPrepared, prepareKnn } from "./knn.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]];
 * const Y = [[1, 0], [0, 1], [0.9, 0.1], [0.1, 0.9]];
 * assert.equal(jaccardKnnPrepared(prepareKnn(X, { k: 1 }), prepareKnn(Y, { k: 1 })), 0);
 * ```
 */
export function jaccardKnnPrepared(a: PreparedKnn, b: PreparedKnn): number {
  checkPrepared(a, b, "Cannot compute Jaccard kNN");
  const k = a.k;
  let total = 0;
  eachRow(a, (i, stamp) => {
    let c = 0;
    for (let t = 0; t < k; t++) if (stamp[b.neighbours[i * k + t]!] === i + 1) c++;
    total += c / (2 * k - c);
  });
  return total / a.n;
}

/**
 * Jaccard kNN similarity (ReSi): mean_i |N_X(i) ∩ N_Y(i)| / |N_X(i) ∪ N_Y(i)|.
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @param options `k` (default 10).
 * @returns Similarity in [0, 1].
 *
 * @example One for a rotated copy
 * ```ts
 * import { jaccardKnn } from "./knn.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4]];
 * assert.equal(jaccardKnn(X, X.map(([a, b]) => [b, -a]), { k: 2 }), 1);
 * ```
 */
export function jaccardKnn(X: MatrixLike, Y: MatrixLike, options: KnnOptions = {}): number {
  return jaccardKnnPrepared(...preparePair(X, Y, options, "Cannot compute Jaccard kNN"));
}

/**
 * Rank similarity of two prepared networks. With r(j) the 1-based position of j in
 * i's neighbour list and J = N_X(i) ∩ N_Y(i):
 * v_i = Σ_{j∈J} 2 / ((1 + |r_X(j) − r_Y(j)|)(r_X(j) + r_Y(j))) / Σ_{t=1}^{|J|} 1/t
 * (0 when J is empty); the result is mean_i v_i.
 *
 * @param a `X` prepared by {@link prepareKnn}.
 * @param b `Y` prepared with the same k and stimuli.
 * @returns Similarity in [0, 1].
 *
 * @example Identical neighbour orders give 1
 * ```ts
 * import { prepareKnn, rankSimilarityPrepared } from "./knn.ts";
 * import assert from "node:assert/strict";
 * const a = prepareKnn([[1, 0], [0.9, 0.2], [0.5, 0.5], [0, 1]], { k: 2 });
 * assert.ok(Math.abs(rankSimilarityPrepared(a, a) - 1) < 1e-15);
 * ```
 */
export function rankSimilarityPrepared(a: PreparedKnn, b: PreparedKnn): number {
  checkPrepared(a, b, "Cannot compute rank similarity");
  const k = a.k;
  const harmonic = new Float64Array(k + 1);
  for (let t = 1; t <= k; t++) harmonic[t] = harmonic[t - 1]! + 1 / t;
  let total = 0;
  eachRow(a, (i, stamp, pos) => {
    let c = 0, s = 0;
    for (let t = 0; t < k; t++) {
      const j = b.neighbours[i * k + t]!;
      if (stamp[j] !== i + 1) continue;
      const rx = pos[j]!, ry = t + 1;
      s += 2 / ((1 + Math.abs(rx - ry)) * (rx + ry));
      c++;
    }
    if (c > 0) total += s / harmonic[c]!;
  });
  return total / a.n;
}

/**
 * Rank similarity (ReSi; Wang et al. 2022): shared neighbours weighted by how
 * closely, and how near the top, they rank in both lists. See
 * {@link rankSimilarityPrepared} for the formula.
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @param options `k` (default 10).
 * @returns Similarity in [0, 1].
 *
 * @example One for a scaled copy
 * ```ts
 * import { rankSimilarity } from "./knn.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4]];
 * assert.ok(Math.abs(rankSimilarity(X, X.map((r) => r.map((v) => 2 * v)), { k: 3 }) - 1) < 1e-15);
 * ```
 */
export function rankSimilarity(X: MatrixLike, Y: MatrixLike, options: KnnOptions = {}): number {
  return rankSimilarityPrepared(...preparePair(X, Y, options, "Cannot compute rank similarity"));
}

/** Flags rows that are zero (their unit row is zero). */
function zeroRows(u: Float64Array, n: number, p: number): Uint8Array {
  const z = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let any = false;
    for (let t = 0; t < p && !any; t++) any = u[i * p + t] !== 0;
    z[i] = any ? 0 : 1;
  }
  return z;
}

/**
 * The cosine distance 1 − x̂_iᵀx̂_j, as ‖x̂_i − x̂_j‖²/2 when both rows are non-zero
 * (no cancellation: identical rows give exactly 0), else 1 − 0 = 1.
 */
function cosineDistance(u: Float64Array, p: number, zero: Uint8Array, i: number, j: number) {
  if (zero[i] || zero[j]) return 1;
  let s = 0;
  const oi = i * p, oj = j * p;
  for (let t = 0; t < p; t++) {
    const d = u[oi + t]! - u[oj + t]!;
    s += d * d;
  }
  return s / 2;
}

/**
 * Second-order cosine similarity of two prepared networks. With U = N_X(i) ∪ N_Y(i),
 * d_X = (1 − cos(x_i, x_j))_{j∈U} and d_Y likewise, v_i = cos(d_X, d_Y); the result
 * is mean_i v_i. Where a vector d is zero (all of U at cosine 1) the cosine is taken
 * as 1 if both are zero and 0 otherwise. For unit rows 1 − cos = ‖x̂_i − x̂_j‖²/2,
 * which is how it is computed (exactly 0 for repeated rows; zero rows have
 * cosine 0 with everything, so distance 1).
 *
 * @param a `X` prepared by {@link prepareKnn}.
 * @param b `Y` prepared with the same k and stimuli.
 * @returns Similarity in [0, 1] (both vectors d are non-negative).
 *
 * @example One for the same network
 * ```ts
 * import { prepareKnn, secondOrderCosinePrepared } from "./knn.ts";
 * import assert from "node:assert/strict";
 * const a = prepareKnn([[1, 0], [0.9, 0.2], [0.5, 0.5], [0, 1]], { k: 2 });
 * assert.ok(Math.abs(secondOrderCosinePrepared(a, a) - 1) < 1e-15);
 * ```
 */
export function secondOrderCosinePrepared(a: PreparedKnn, b: PreparedKnn): number {
  checkPrepared(a, b, "Cannot compute second-order cosine similarity");
  const k = a.k;
  const za = zeroRows(a.unit, a.n, a.p), zb = zeroRows(b.unit, b.n, b.p);
  let total = 0;
  eachRow(a, (i, stamp) => {
    let xy = 0, xx = 0, yy = 0;
    const add = (j: number) => {
      const dx = cosineDistance(a.unit, a.p, za, i, j), dy = cosineDistance(b.unit, b.p, zb, i, j);
      xy += dx * dy;
      xx += dx * dx;
      yy += dy * dy;
    };
    for (let t = 0; t < k; t++) add(a.neighbours[i * k + t]!);
    for (let t = 0; t < k; t++) {
      const j = b.neighbours[i * k + t]!;
      if (stamp[j] !== i + 1) add(j);
    }
    if (xx === 0 || yy === 0) total += xx === yy ? 1 : 0;
    else total += xy / (Math.sqrt(xx) * Math.sqrt(yy));
  });
  return total / a.n;
}

/**
 * Second-order cosine similarity (ReSi; Hamilton et al. 2016): for each stimulus,
 * the cosine between its cosine distances to the union of both neighbour sets as
 * seen by X and by Y, averaged over stimuli ({@link secondOrderCosinePrepared}).
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @param options `k` (default 10).
 * @returns Similarity (1 for identical cosine structure).
 *
 * @example One for a rotated copy
 * ```ts
 * import { secondOrderCosine } from "./knn.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4]];
 * assert.ok(Math.abs(secondOrderCosine(X, X.map(([a, b]) => [b, -a]), { k: 2 }) - 1) < 1e-12);
 * ```
 */
export function secondOrderCosine(
  X: MatrixLike,
  Y: MatrixLike,
  options: KnnOptions = {},
): number {
  return secondOrderCosinePrepared(
    ...preparePair(X, Y, options, "Cannot compute second-order cosine similarity"),
  );
}

/** Validate a pair (errors name `X`, `Y` and show both shapes), then prepare both. */
function preparePair(
  X: MatrixLike,
  Y: MatrixLike,
  options: KnnOptions,
  context: string,
): [PreparedKnn, PreparedKnn] {
  checkOptionNames(options, ["k"], context);
  // invariant to scaling either input: prepareKnn computes at unit scale
  const a = checkZooInput(X, "X", context);
  const b = checkZooInput(Y, "Y", context);
  checkSameStimuli({ n: a.rows, p: a.cols }, { n: b.rows, p: b.cols }, context);
  return [prepareKnn(a, options, "X"), prepareKnn(b, options, "Y")];
}
