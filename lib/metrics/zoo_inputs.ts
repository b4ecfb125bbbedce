/**
 * Shared steps of the measure zoo (`knn.ts`, `svcca.ts`, `pwcca.ts`, `dcor.ts`, …):
 * unit-norm rows, column centring, squared distances without cancellation for
 * near-identical points, and the checks that two prepared networks share stimuli.
 *
 * @module
 */

import { getBackend } from "../linalg/backend.ts";
import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { assertInteger } from "../validate/mod.ts";

/** Floor on a row norm when rows are scaled to unit norm: x / max(‖x‖, 1e-12). */
export const UNIT_NORM_FLOOR = 1e-12;

/**
 * Validate one response matrix `[nStimuli, nUnits]` (finite, non-empty).
 *
 * @param X The argument.
 * @param name Its name in messages.
 * @param context Message prefix.
 * @returns The matrix (not copied when it already is one).
 *
 * @example NaN is refused, naming the argument
 * ```ts
 * import { checkZooInput } from "./zoo_inputs.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkZooInput([[1, NaN]], "X", "Cannot compare"), /`X` must be finite: got NaN at \[0, 1\]/);
 * ```
 */
export function checkZooInput(X: MatrixLike, name: string, context: string): Matrix {
  return asMatrix(X, name, { context });
}

/**
 * Check that two prepared networks (or matrices) have the same number of stimuli.
 *
 * @param a First: `{n}` or `{rows}` and optional width.
 * @param b Second.
 * @param context Message prefix.
 * @param names Argument names. @default ["X", "Y"]
 *
 * @example
 * ```ts
 * import { checkSameStimuli } from "./zoo_inputs.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkSameStimuli({ n: 3, p: 2 }, { n: 4, p: 2 }, "Cannot compare"),
 *   /`X` and `Y` must have the same number of rows: got shapes \[3, 2\] and \[4, 2\]/);
 * ```
 */
export function checkSameStimuli(
  a: { n: number; p: number },
  b: { n: number; p: number },
  context: string,
  names: readonly [string, string] = ["X", "Y"],
): void {
  if (a.n !== b.n) {
    throw new TypeError(
      `${context}: \`${names[0]}\` and \`${
        names[1]
      }\` must have the same number of rows: got shapes [${a.n}, ${a.p}] and [${b.n}, ${b.p}]`,
    );
  }
}

/**
 * Rows scaled to unit norm, x / max(‖x‖, 1e-12) (zero rows stay zero).
 *
 * @param X Matrix [n, p].
 * @returns The scaled copy [n, p].
 *
 * @example
 * ```ts
 * import { unitRows } from "./zoo_inputs.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(unitRows(fromRows([[0, 4], [0, 0]])).data), [0, 1, 0, 0]);
 * ```
 */
export function unitRows(X: Matrix): Matrix {
  const { rows: n, cols: p, data } = X;
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += data[i * p + j]! ** 2;
    const inv = 1 / Math.max(Math.sqrt(s), UNIT_NORM_FLOOR);
    for (let j = 0; j < p; j++) out[i * p + j] = data[i * p + j]! * inv;
  }
  return { rows: n, cols: p, data: out };
}

/**
 * Columns centred (column means subtracted), a copy.
 *
 * @param X Matrix [n, p].
 * @returns X − 1 x̄ᵀ.
 *
 * @example
 * ```ts
 * import { centredColumns } from "./zoo_inputs.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(centredColumns(fromRows([[1, 2], [3, 2]])).data), [-1, 0, 1, 0]);
 * ```
 */
export function centredColumns(X: Matrix): Matrix {
  const { rows: n, cols: p, data } = X;
  const mu = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mu[j] += data[i * p + j]!;
  for (let j = 0; j < p; j++) mu[j] /= n;
  exactConstantMeans(data, n, p, mu);
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) out[i * p + j] = data[i * p + j]! - mu[j]!;
  }
  return { rows: n, cols: p, data: out };
}

/**
 * Where a column holds one value in every row, set its mean to that value exactly: the
 * summed mean can differ by rounding, which would leave ~1e-16 "variance" after centring
 * a repeated row. Updates `means` in place; other columns are left as they are.
 *
 * @param data Row-major values [n, p].
 * @param n Rows.
 * @param p Columns.
 * @param means Column means, length p (updated).
 *
 * @example
 * ```ts
 * import { exactConstantMeans } from "./zoo_inputs.ts";
 * import assert from "node:assert/strict";
 * const data = new Float64Array([0.1, 1, 0.1, 2, 0.1, 4]); // 3 rows, column 0 constant
 * const means = new Float64Array([(0.1 + 0.1 + 0.1) / 3, 7 / 3]);
 * exactConstantMeans(data, 3, 2, means);
 * assert.deepEqual(Array.from(means), [0.1, 7 / 3]);
 * ```
 */
export function exactConstantMeans(
  data: Float64Array,
  n: number,
  p: number,
  means: Float64Array,
): void {
  for (let j = 0; j < p; j++) {
    const v = data[j]!;
    let i = 1;
    while (i < n && data[i * p + j] === v) i++;
    if (i === n && n > 0) means[j] = v;
  }
}

/**
 * Whether every column is constant across stimuli up to rounding: each entry differs
 * from the column's first entry by at most n·ε·max_i |x_ij| (the rounding error of a
 * column mean over n rows, so the variance left after centring such a column is
 * rounding noise, not signal). Rows that are bitwise equal always count as constant.
 *
 * @param X Matrix [n, p].
 * @returns True when the responses do not vary across stimuli (zero variance after centring).
 *
 * @example A repeated row is constant, a change in the 12th digit is not
 * ```ts
 * import { isConstantAcrossStimuli } from "./zoo_inputs.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.equal(isConstantAcrossStimuli(fromRows([[0.1, 3], [0.1, 3], [0.1, 3]])), true);
 * assert.equal(isConstantAcrossStimuli(fromRows([[0.1, 3], [0.1, 3 + 1e-12], [0.1, 3]])), false);
 * ```
 */
export function isConstantAcrossStimuli(X: Matrix): boolean {
  const { rows: n, cols: p, data } = X;
  const tol = n * Number.EPSILON;
  for (let j = 0; j < p; j++) {
    const first = data[j]!;
    let dev = 0, big = 0;
    for (let i = 0; i < n; i++) {
      const v = data[i * p + j]!;
      dev = Math.max(dev, Math.abs(v - first));
      big = Math.max(big, Math.abs(v));
    }
    if (dev > tol * big) return false;
  }
  return true;
}

/** Sum of squares of the entries. */
export function sumOfSquares(a: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * a[k]!;
  return s;
}

/**
 * Squared Euclidean distances between the rows of A [m, d] and the rows of B [n, d],
 * [m, n]. Computed as ‖a‖² + ‖b‖² − 2 aᵀb through one matrix product; wherever that
 * loses more than about four digits to cancellation (d² < 1e-4 (‖a‖² + ‖b‖²)) the
 * entry is recomputed directly as Σ (a_k − b_k)², so identical rows give exactly 0.
 *
 * @param A Rows [m, d].
 * @param B Rows [n, d].
 * @returns D² [m, n].
 *
 * @example Identical rows give exactly zero
 * ```ts
 * import { squaredRowDistances } from "./zoo_inputs.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const A = fromRows([[0.1, 0.7], [3, 4]]);
 * const D2 = squaredRowDistances(A, A).data;
 * assert.equal(D2[0], 0);
 * assert.equal(D2[3], 0);
 * assert.ok(Math.abs(D2[1]! - (2.9 ** 2 + 3.3 ** 2)) < 1e-12);
 * ```
 */
export function squaredRowDistances(A: Matrix, B: Matrix): Matrix {
  const m = A.rows, n = B.rows, d = A.cols;
  const G = getBackend().gemm(A, B, false, true).data;
  const ra = new Float64Array(m), rb = new Float64Array(n);
  for (let i = 0; i < m; i++) ra[i] = sumOfSquares(A.data.subarray(i * d, (i + 1) * d));
  for (let j = 0; j < n; j++) rb[j] = sumOfSquares(B.data.subarray(j * d, (j + 1) * d));
  const out = new Float64Array(m * n);
  const a = A.data, b = B.data;
  for (let i = 0; i < m; i++) {
    const ri = ra[i]!;
    for (let j = 0; j < n; j++) {
      const scale = ri + rb[j]!;
      let v = scale - 2 * G[i * n + j]!;
      if (v < 1e-4 * scale) {
        v = 0;
        for (let k = 0; k < d; k++) {
          const t = a[i * d + k]! - b[j * d + k]!;
          v += t * t;
        }
      }
      out[i * n + j] = v;
    }
  }
  return { rows: m, cols: n, data: out };
}

/**
 * Numerical rank of a matrix from its descending singular values:
 * the count above σ_max · max(n, p) · ε (numpy's `matrix_rank` tolerance).
 *
 * @param s Singular values, descending.
 * @param n Rows.
 * @param p Columns.
 * @returns The rank.
 *
 * @example
 * ```ts
 * import { rankFromSingularValues } from "./zoo_inputs.ts";
 * import assert from "node:assert/strict";
 * assert.equal(rankFromSingularValues(new Float64Array([2, 1, 1e-20]), 3, 3), 2);
 * ```
 */
export function rankFromSingularValues(s: ArrayLike<number>, n: number, p: number): number {
  const tol = (s[0] ?? 0) * Math.max(n, p) * Number.EPSILON;
  let r = 0;
  while (r < s.length && s[r]! > tol) r++;
  return r;
}

/**
 * Check the neighbourhood size k: an integer in [1, n − 1].
 *
 * @param k The value.
 * @param n Number of stimuli.
 * @param context Message prefix.
 *
 * @example
 * ```ts
 * import { checkK } from "./zoo_inputs.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkK(5, 5, "Cannot find neighbours"), /`k` must be an integer in \[1, 4\]: got 5/);
 * ```
 */
export function checkK(k: number, n: number, context: string): void {
  if (n < 2) {
    throw new RangeError(`${context}: neighbours need at least 2 rows (stimuli): got ${n}`);
  }
  assertInteger(k, "k", 1, n - 1, context);
}

/**
 * Thin left singular vectors and singular values of a matrix [n, p], signs
 * unspecified. For tall, well-conditioned matrices (n ≥ p, λ_min ≥ 10⁻⁴ λ_max for
 * the eigenvalues λ = s² of CᵀC) they come from the p × p Gram matrix (one product
 * and a small symmetric eigensolver: U = C V / s, accurate to about 10⁻¹² there);
 * otherwise from the SVD (LAPACK `gesdd`), which keeps small singular values exact.
 *
 * @param C Matrix [n, p].
 * @returns `{U: [n, m], s: length m, Vt: [m, p]}` with m = min(n, p), s descending, C = U diag(s) Vt.
 *
 * @example
 * ```ts
 * import { thinLeftSingular } from "./zoo_inputs.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { s } = thinLeftSingular(fromRows([[3, 0], [0, 2], [0, 0]]));
 * assert.ok(Math.abs(s[0]! - 3) < 1e-14 && Math.abs(s[1]! - 2) < 1e-14);
 * ```
 */
export function thinLeftSingular(C: Matrix): { U: Matrix; s: Float64Array; Vt: Matrix } {
  const be = getBackend();
  const n = C.rows, p = C.cols;
  if (n >= p && p > 0) {
    const { values, vectors } = be.eigh(be.gemm(C, C, true, false), true);
    const lmax = values[p - 1]!, lmin = values[0]!;
    if (lmax > 0 && lmin >= 1e-4 * lmax) {
      // columns in descending order of eigenvalue, scaled by 1/s
      const V = vectors!.data, W = new Float64Array(p * p), s = new Float64Array(p);
      const Vt = new Float64Array(p * p);
      for (let j = 0; j < p; j++) s[j] = Math.sqrt(values[p - 1 - j]!);
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < p; j++) {
          const v = V[i * p + (p - 1 - j)]!;
          W[i * p + j] = v / s[j]!;
          Vt[j * p + i] = v;
        }
      }
      const U = be.gemm(C, { rows: p, cols: p, data: W }, false, false);
      return { U, s, Vt: { rows: p, cols: p, data: Vt } };
    }
  }
  return be.svd(C, false);
}
