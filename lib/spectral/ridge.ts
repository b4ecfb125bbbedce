/**
 * Ridge regression from model features to neural responses, in the
 * convention of the spectral theory: the penalty on the unnormalised kernel
 * K = X Xᵀ is α = n·λ_reg for n training rows (sklearn's `Ridge(alpha=n·ridge)`).
 * The primal (M×M) or dual (n×n) system is chosen by shape and solved by
 * Cholesky, with a pseudo-inverse fallback when it is not numerically
 * positive definite (e.g. ridgeless beyond the rank).
 *
 * @module
 */

import { matrixArg } from "../linalg/matrix.ts";
import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { matmul } from "../linalg/products.ts";
import { getBackend } from "../linalg/backend.ts";
import { pinv } from "../linalg/lstsq.ts";
import { colMeans, subtractRow } from "../linalg/elementwise.ts";
import { asMatrix } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { checkPair, checkRidge } from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";

/** How a ridge system was solved. */
export type SolveMethod = "cholesky" | "pinv";

/**
 * Solve S Z = B for symmetric positive semi-definite S: Cholesky, or the
 * pseudo-inverse when S is not numerically positive definite. S is not modified.
 *
 * @param S Symmetric [n, n].
 * @param B Right-hand sides [n, k].
 * @returns `{x, method}`.
 *
 * @example A 2×2 positive-definite system
 * ```ts
 * import { solveSpd } from "./ridge.ts";
 * import { fromRows, toRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const r = solveSpd(fromRows([[4, 2], [2, 5]]), fromRows([[6], [7]]));
 * assert.equal(r.method, "cholesky");
 * assert.deepEqual(toRows(r.x), [[1], [1]]);
 * ```
 */
export function solveSpd(S: MatrixLike, B: MatrixLike): { x: Matrix; method: SolveMethod } {
  S = matrixArg(S, "S");
  B = matrixArg(B, "B");
  // straight to the backend: the inputs are internal and already checked
  const backend = getBackend();
  const L = backend.cholesky(S);
  if (L) {
    const z = backend.solveTriangular(L, B, true, false);
    return { x: backend.solveTriangular(L, z, true, true), method: "cholesky" };
  }
  return { x: matmul(pinv(S), B), method: "pinv" };
}

/**
 * Solve (A + shift·I) Z = B for symmetric positive semi-definite A: Cholesky,
 * or the pseudo-inverse when Cholesky fails. A is not modified.
 *
 * @param A Symmetric [n, n].
 * @param shift Added to the diagonal (α ≥ 0).
 * @param B Right-hand sides [n, k].
 * @returns `{x, method}`.
 *
 * @example A singular system falls back to the pseudo-inverse
 * ```ts
 * import { solveShifted } from "./ridge.ts";
 * import { fromRows, toRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const r = solveShifted(fromRows([[1, 1], [1, 1]]), 0, fromRows([[2], [2]]));
 * assert.equal(r.method, "pinv");
 * assert.ok(toRows(r.x).every(([v]) => Math.abs(v! - 1) < 1e-12));
 * assert.equal(solveShifted(fromRows([[1, 1], [1, 1]]), 1, fromRows([[3], [3]])).method, "cholesky");
 * ```
 */
export function solveShifted(
  A: MatrixLike,
  shift: number,
  B: MatrixLike,
): { x: Matrix; method: SolveMethod } {
  A = matrixArg(A, "A");
  B = matrixArg(B, "B");
  if (shift === 0) return solveSpd(A, B);
  const n = A.rows;
  const S = { rows: n, cols: n, data: A.data.slice() };
  for (let i = 0; i < n; i++) S.data[i * n + i] += shift;
  return solveSpd(S, B);
}

/** Options for {@link fitRidge}. */
export interface RidgeOptions {
  /** λ_reg ≥ 0; the penalty is α = nTrain·λ_reg on the unnormalised kernel. @default 0 */
  ridge?: number;
  /** Fit an intercept by centring X and Y with their training means. @default true */
  center?: boolean;
}

/** A fitted ridge regression (plain data). */
export interface RidgeFit {
  /** Coefficients β, [M][N]. */
  coef: number[][];
  /** Intercept per neuron (ȳ − x̄ᵀβ; zeros without centring), length N. */
  intercept: number[];
  /** λ_reg. */
  ridge: number;
  /** α = nTrain·λ_reg. */
  alpha: number;
  /** Number of training rows. */
  nTrain: number;
  /** `"primal"` (M×M system, nTrain > M) or `"dual"` (nTrain×nTrain). */
  solver: "primal" | "dual";
  /** How the system was solved. */
  method: SolveMethod;
}

/**
 * Fit ridge regression Y ≈ X β + b: minimises ‖Y − Xβ − b‖² + α‖β‖² with α = n·ridge.
 *
 * @param X Features [n, M] (finite, n ≥ 3).
 * @param Y Responses [n, N].
 * @param options `ridge`, `center`.
 * @returns A `ridgeFit` result; predict with {@link predictRidge}.
 *
 * @example An exact linear map is recovered with a tiny ridge
 * ```ts
 * import { fitRidge, predictRidge } from "./ridge.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0, 1], [1, 1], [2, 1]];
 * const Y = [[1], [2], [3], [4]]; // y = x₁ + 2x₂
 * const fit = fitRidge(X, Y, { ridge: 0, center: false });
 * assert.ok(Math.abs(fit.coef[0]![0]! - 1) < 1e-12 && Math.abs(fit.coef[1]![0]! - 2) < 1e-12);
 * assert.ok(Math.abs(predictRidge(fit, [[3, 3]]).data[0]! - 9) < 1e-12);
 * ```
 */
export function fitRidge(
  X: MatrixLike,
  Y: MatrixLike,
  options: RidgeOptions = {},
): Readonly<RidgeFit & { kind: string }> {
  const ctx = "Cannot fit ridge regression";
  checkOptionNames(options, ["ridge", "center"] satisfies (keyof RidgeOptions)[], ctx, ["center"]);
  const { ridge = 0, center = true } = options;
  const pair = checkPair(X, Y, ctx);
  checkRidge(ridge, ctx);
  const n = pair.X.rows, M = pair.X.cols, N = pair.Y.cols;
  const xm = center ? colMeans(pair.X) : new Float64Array(M);
  const ym = center ? colMeans(pair.Y) : new Float64Array(N);
  const x = center ? subtractRow(pair.X, xm) : pair.X;
  const y = center ? subtractRow(pair.Y, ym) : pair.Y;
  const alpha = n * ridge;
  const solver = n > M ? "primal" : "dual";
  let beta: Matrix, method: SolveMethod;
  if (solver === "primal") {
    const s = solveShifted(matmul(x, x, { transA: true }), alpha, matmul(x, y, { transA: true }));
    beta = s.x;
    method = s.method;
  } else {
    const s = solveShifted(matmul(x, x, { transB: true }), alpha, y);
    beta = matmul(x, s.x, { transA: true });
    method = s.method;
  }
  const coef: number[][] = [];
  for (let j = 0; j < M; j++) coef.push(Array.from(beta.data.subarray(j * N, (j + 1) * N)));
  const intercept = new Array<number>(N).fill(0);
  for (let k = 0; k < N; k++) {
    let s = ym[k]!;
    for (let j = 0; j < M; j++) s -= xm[j]! * beta.data[j * N + k]!;
    intercept[k] = s;
  }
  return tagResult("ridgeFit", { coef, intercept, ridge, alpha, nTrain: n, solver, method });
}

/**
 * Predictions X β + b of a fitted ridge regression on (held-out) rows.
 *
 * @param fit A {@link fitRidge} result.
 * @param X Rows to predict, [k, M].
 * @returns Predictions [k, N].
 *
 * @example Extrapolate a line
 * ```ts
 * import { fitRidge, predictRidge } from "./ridge.ts";
 * import assert from "node:assert/strict";
 * const fit = fitRidge([[0], [1], [2]], [[1], [3], [5]], { ridge: 0 });
 * assert.ok(Math.abs(predictRidge(fit, [[10]]).data[0]! - 21) < 1e-12);
 * ```
 */
export function predictRidge(fit: RidgeFit, X: MatrixLike): Matrix {
  const ctx = "Cannot predict with ridge regression";
  const x = asMatrix(X, "X", { context: ctx });
  const M = fit.coef.length, N = fit.intercept.length;
  if (x.cols !== M) {
    throw new TypeError(
      `${ctx}: \`X\` must have ${M} columns like the training features: got shape [${x.rows}, ${x.cols}]`,
    );
  }
  const beta = new Float64Array(M * N);
  fit.coef.forEach((row, j) => beta.set(row, j * N));
  const out = matmul(x, { rows: M, cols: N, data: beta });
  for (let i = 0; i < x.rows; i++) {
    for (let k = 0; k < N; k++) out.data[i * N + k] += fit.intercept[k]!;
  }
  return out;
}
