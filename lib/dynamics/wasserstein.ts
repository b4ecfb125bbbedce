/**
 * The Wasserstein eigenvalue score of DSA: optimal transport between the DMD
 * eigenvalues of two systems as points in the complex plane.
 *
 * @module
 */

import { eig } from "../linalg/eig.ts";
import { asMatrix, type MatrixLike } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { assertFiniteArray } from "../validate/mod.ts";
import { linearSumAssignment } from "../optim/assignment.ts";

/** Complex numbers as parallel arrays of real and imaginary parts. */
export interface ComplexList {
  /** Real parts. */
  re: ArrayLike<number>;
  /** Imaginary parts. */
  im: ArrayLike<number>;
}

/** The score and the optimal matching. */
export interface WassersteinResult {
  /** (1/N) min over permutations π of Σ |λᵢ − μ_π(i)|² (squared 2-Wasserstein, no square root). */
  score: number;
  /** N = the larger number of eigenvalues (the smaller set is padded with zeros). */
  size: number;
  /** `match[i]` is the index (in the padded second set) matched to eigenvalue i of the padded first set. */
  match: number[];
}

function padded(
  z: ComplexList,
  N: number,
  name: string,
  context: string,
): { re: Float64Array; im: Float64Array } {
  if (z.re.length !== z.im.length) {
    throw new TypeError(
      `${context}: \`${name}.re\` and \`${name}.im\` must have the same length: got ${z.re.length} and ${z.im.length}`,
    );
  }
  assertFiniteArray(z.re, `${name}.re`, context);
  assertFiniteArray(z.im, `${name}.im`, context);
  const re = new Float64Array(N), im = new Float64Array(N);
  for (let i = 0; i < z.re.length; i++) {
    re[i] = z.re[i]!;
    im[i] = z.im[i]!;
  }
  return { re, im };
}

/**
 * Squared 2-Wasserstein distance between two sets of complex numbers with
 * uniform weights, the smaller set padded with zeros: cost |λᵢ − μⱼ|², score =
 * the optimal transport cost itself, (1/N) min_π Σᵢ |λᵢ − μ_π(i)|² (with equal
 * sizes and uniform weights an optimal plan is a permutation; solved exactly).
 *
 * @param a First set.
 * @param b Second set.
 * @returns `{score, size, match}`.
 *
 * @example Two pairs swapped cost nothing; a shifted point costs |δ|²/N
 * ```ts
 * import { wassersteinComplex } from "./wasserstein.ts";
 * import assert from "node:assert/strict";
 * assert.equal(wassersteinComplex({ re: [1, 2], im: [0, 0] }, { re: [2, 1], im: [0, 0] }).score, 0);
 * assert.equal(wassersteinComplex({ re: [1, 2], im: [0, 0] }, { re: [1, 2], im: [0, 2] }).score, 2);
 * ```
 */
export function wassersteinComplex(a: ComplexList, b: ComplexList): WassersteinResult {
  const context = "Cannot compute Wasserstein eigenvalue score";
  const N = Math.max(a.re.length, b.re.length);
  if (N === 0) throw new RangeError(`${context}: both sets are empty`);
  const x = padded(a, N, "a", context), y = padded(b, N, "b", context);
  const cost = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      cost[i * N + j] = (x.re[i]! - y.re[j]!) ** 2 + (x.im[i]! - y.im[j]!) ** 2;
    }
  }
  const { colIndex, total } = linearSumAssignment({ rows: N, cols: N, data: cost });
  return { score: total / N, size: N, match: colIndex };
}

/**
 * The DSA Wasserstein score between two operators: eigenvalues of the
 * un-normalised A and B as points (Re, Im), see {@link wassersteinComplex}.
 * Operators may differ in size.
 *
 * @param A First operator [n, n] (e.g. `fitDmd(X).Av`).
 * @param B Second operator [m, m].
 * @returns `{score, size, match}` (tagged `"wassersteinEigenvalues"`).
 *
 * @example Invariant to any similarity transform
 * ```ts
 * import { wassersteinEigenvalues } from "./wasserstein.ts";
 * import assert from "node:assert/strict";
 * const r = wassersteinEigenvalues([[0.5, 1], [0, 0.9]], [[0.9, 0], [3, 0.5]]);
 * assert.ok(r.score < 1e-30);
 * ```
 */
export function wassersteinEigenvalues(A: MatrixLike, B: MatrixLike): WassersteinResult {
  const context = "Cannot compute Wasserstein eigenvalue score";
  const a = asMatrix(A, "A", { context }), b = asMatrix(B, "B", { context });
  for (const [M, name] of [[a, "A"], [b, "B"]] as const) {
    if (M.rows !== M.cols) {
      throw new TypeError(
        `${context}: \`${name}\` must be square: got shape [${M.rows}, ${M.cols}]`,
      );
    }
  }
  return tagResult("wassersteinEigenvalues", wassersteinComplex(eig(a), eig(b)));
}
