/**
 * Penalised logistic regression (binary and multinomial) — the last-layer model
 * of the retraining experiments.
 *
 * Objective, as in scikit-learn's `LogisticRegression` (intercept unpenalised):
 * `R(W) + C · Σᵢ lossᵢ` with `R = ½‖W‖²` (L2) or `‖W‖₁` (L1) and lossᵢ the
 * negative log-likelihood. Internally it is divided by `C·n`, which leaves the
 * minimiser unchanged. Two classes use one weight row (sigmoid); more classes one
 * row per class (softmax).
 *
 * Solvers: damped Newton with Cholesky steps (L2, binary), L-BFGS (L2,
 * multinomial), accelerated proximal gradient with backtracking and adaptive
 * restart (L1, FISTA). All stop when the first-order optimality residual
 * (max-norm, objective divided by `C·n`) is below `tol`.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { matmul } from "../linalg/products.ts";
import { solveTriangular, tryCholesky } from "../linalg/cholesky.ts";
import { asLabels, bincount, countLevels, type LabelsLike } from "./labels.ts";
import { decisionValues, logisticLoss, outputRows } from "./logistic_loss.ts";
import { fistaL1 } from "./logistic_l1.ts";

/** Options for {@link fitLogistic}. */
export interface LogisticOptions {
  /** Penalty on the weights (never on the intercept). @default "l2" */
  penalty?: "l2" | "l1";
  /** Inverse regularisation strength, as in scikit-learn. @default 1 */
  C?: number;
  /** Stop when the max-norm optimality residual is below this. @default 1e-8 */
  tol?: number;
  /** Iteration cap (Newton/L-BFGS iterations or FISTA steps). @default 1000 for L2, 20000 for L1 */
  maxIter?: number;
  /** Number of classes. @default largest label + 1 */
  nClasses?: number;
}

/** A fitted logistic regression: plain JSON-friendly data. */
export interface LogisticFit {
  /** Penalty used. */
  penalty: "l2" | "l1";
  /** Inverse regularisation strength used. */
  C: number;
  /** Number of classes. */
  nClasses: number;
  /** Weights, [rows, nFeatures]; rows = 1 for two classes, else nClasses. */
  coef: number[][];
  /** Intercepts, length rows. */
  intercept: number[];
  /** Solver that ran. */
  solver: "newton" | "lbfgs" | "fista";
  /** Iterations used. */
  iterations: number;
  /** Whether the optimality residual reached `tol`. */
  converged: boolean;
}

const CTX = "Cannot fit logistic regression";

/**
 * Fit a penalised logistic regression.
 *
 * @param X Features [nSamples, nFeatures] (standardise them first for the usual meaning of `C`).
 * @param y Class labels in `0 … nClasses−1`, one per row; every class must occur.
 * @param options Penalty, `C`, tolerances.
 * @returns The fitted coefficients.
 *
 * @example Separates two clusters
 * ```ts
 * import { fitLogistic, predictLogistic } from "./logistic.ts";
 * import assert from "node:assert/strict";
 * const X = [[-2], [-1], [1], [2]], y = [0, 0, 1, 1];
 * const fit = fitLogistic(X, y, { C: 10 });
 * assert.ok(fit.converged);
 * assert.deepEqual(Array.from(predictLogistic(fit, X)), y);
 * ```
 */
export function fitLogistic(
  X: MatrixLike,
  y: LabelsLike,
  options: LogisticOptions = {},
): LogisticFit {
  const A = asMatrix(X, "X", { context: CTX });
  const labels = asLabels(y, "y", A.rows, CTX);
  const {
    penalty = "l2",
    C = 1,
    tol = 1e-8,
    maxIter = penalty === "l1" ? 20000 : 1000,
    nClasses = countLevels(labels),
  } = options;
  if (penalty !== "l2" && penalty !== "l1") {
    throw new RangeError(`${CTX}: \`penalty\` must be "l2" or "l1": got ${String(penalty)}`);
  }
  if (!(C > 0) || !Number.isFinite(C)) {
    throw new RangeError(`${CTX}: \`C\` must be a positive finite number: got ${C}`);
  }
  if (!(tol > 0)) throw new RangeError(`${CTX}: \`tol\` must be > 0: got ${tol}`);
  if (!Number.isInteger(maxIter) || maxIter < 1) {
    throw new RangeError(`${CTX}: \`maxIter\` must be an integer >= 1: got ${maxIter}`);
  }
  if (!Number.isInteger(nClasses) || nClasses < 2) {
    throw new RangeError(`${CTX}: \`nClasses\` must be an integer >= 2: got ${nClasses}`);
  }
  const counts = bincount(labels, Math.max(nClasses, countLevels(labels)));
  if (counts.length > nClasses) {
    throw new RangeError(
      `${CTX}: \`y\` must be < nClasses = ${nClasses}: got ${counts.length - 1}`,
    );
  }
  const missing = counts.findIndex((c) => c === 0);
  if (missing >= 0) {
    throw new RangeError(
      `${CTX}: \`y\` has no sample of class ${missing}; every class in 0…${
        nClasses - 1
      } must occur`,
    );
  }
  const lambda = 1 / (C * A.rows);
  const rows = outputRows(nClasses);
  let out: { theta: Float64Array; iterations: number; converged: boolean };
  let solver: LogisticFit["solver"];
  if (penalty === "l1") {
    solver = "fista";
    out = fistaL1(A, labels, nClasses, lambda, tol, maxIter);
  } else if (rows === 1) {
    solver = "newton";
    out = newtonBinary(A, labels, lambda, tol, maxIter);
  } else {
    solver = "lbfgs";
    out = lbfgsL2(A, labels, nClasses, lambda, tol, maxIter);
  }
  const d = A.cols;
  const coef: number[][] = [];
  for (let r = 0; r < rows; r++) coef.push(Array.from(out.theta.subarray(r * d, (r + 1) * d)));
  return tagResult("logisticFit", {
    penalty,
    C,
    nClasses,
    coef,
    intercept: Array.from(out.theta.subarray(rows * d)),
    solver,
    iterations: out.iterations,
    converged: out.converged,
  });
}

/**
 * Pack a fit's coefficients as `[W row-major, b]`.
 *
 * @param fit Coefficients and intercepts.
 * @returns The packed parameter vector.
 *
 * @example
 * ```ts
 * import { packTheta } from "./logistic.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(packTheta({ coef: [[1, 2], [3, 4]], intercept: [5, 6] })), [1, 2, 3, 4, 5, 6]);
 * ```
 */
export function packTheta(fit: Pick<LogisticFit, "coef" | "intercept">): Float64Array {
  const rows = fit.coef.length, d = fit.coef[0]?.length ?? 0;
  const theta = new Float64Array(rows * d + rows);
  fit.coef.forEach((row, r) => theta.set(row, r * d));
  theta.set(fit.intercept, rows * d);
  return theta;
}

/**
 * Decision values X Wᵀ + b, [nSamples, rows] (rows = 1 for two classes: the log-odds of class 1).
 *
 * @param fit A fitted model.
 * @param X Features [nSamples, nFeatures].
 * @returns The decision values.
 *
 * @example
 * ```ts
 * import { logisticDecision } from "./logistic.ts";
 * import assert from "node:assert/strict";
 * const fit = { coef: [[2]], intercept: [-1], nClasses: 2 };
 * assert.deepEqual(Array.from(logisticDecision(fit, [[1], [0]]).data), [1, -1]);
 * ```
 */
export function logisticDecision(
  fit: Pick<LogisticFit, "coef" | "intercept" | "nClasses">,
  X: MatrixLike,
): Matrix {
  const ctx = "Cannot evaluate logistic regression";
  const A = asMatrix(X, "X", { context: ctx, nonEmpty: false });
  const d = fit.coef[0]?.length ?? 0;
  if (A.cols !== d) {
    throw new TypeError(
      `${ctx}: \`X\` must have ${d} columns like the fitted model: got shape [${A.rows}, ${A.cols}]`,
    );
  }
  return decisionValues(A, packTheta(fit), fit.coef.length);
}

/**
 * Predicted classes (argmax of the decision values; for two classes, log-odds > 0).
 *
 * @param fit A fitted model.
 * @param X Features [nSamples, nFeatures].
 * @returns The predicted class of each sample.
 *
 * @example
 * ```ts
 * import { predictLogistic } from "./logistic.ts";
 * import assert from "node:assert/strict";
 * const fit = { coef: [[1, 0], [0, 1], [0, 0]], intercept: [0, 0, 0.5], nClasses: 3 };
 * assert.deepEqual(Array.from(predictLogistic(fit, [[2, 0], [0, 2], [0, 0]])), [0, 1, 2]);
 * ```
 */
export function predictLogistic(
  fit: Pick<LogisticFit, "coef" | "intercept" | "nClasses">,
  X: MatrixLike,
): Int32Array {
  const Z = logisticDecision(fit, X);
  const rows = Z.cols, out = new Int32Array(Z.rows);
  for (let i = 0; i < Z.rows; i++) {
    if (rows === 1) {
      out[i] = Z.data[i]! > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let r = 1; r < rows; r++) if (Z.data[i * rows + r]! > Z.data[i * rows + best]!) best = r;
    out[i] = best;
  }
  return out;
}

/** Smooth L2 objective F = loss + λ/2‖W‖² and its gradient. */
function l2Objective(
  X: Matrix,
  y: Int32Array,
  nClasses: number,
  lambda: number,
  theta: Float64Array,
  grad?: Float64Array,
): { F: number; P: Matrix } {
  const nw = outputRows(nClasses) * X.cols;
  const { loss, P } = logisticLoss(X, y, theta, nClasses, grad);
  let reg = 0;
  for (let k = 0; k < nw; k++) {
    reg += theta[k]! * theta[k]!;
    if (grad) grad[k]! += lambda * theta[k]!;
  }
  return { F: loss + 0.5 * lambda * reg, P };
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let k = 0; k < v.length; k++) m = Math.max(m, Math.abs(v[k]!));
  return m;
}

/** Damped Newton for the binary L2 model; Hessian solves by Cholesky. */
function newtonBinary(X: Matrix, y: Int32Array, lambda: number, tol: number, maxIter: number) {
  const n = X.rows, d = X.cols, p = d + 1;
  let theta = new Float64Array(p);
  const g = new Float64Array(p);
  let { F, P } = l2Objective(X, y, 2, lambda, theta, g);
  for (let it = 0; it < maxIter; it++) {
    if (maxAbs(g) <= tol) return { theta, iterations: it, converged: true };
    // H = X̃ᵀ diag(p(1−p)/n) X̃ + λ diag(1,…,1,0), X̃ = [X, 1].
    const S: Matrix = { rows: n, cols: p, data: new Float64Array(n * p) };
    for (let i = 0; i < n; i++) {
      const pi = P.data[i]!, w = Math.sqrt(pi * (1 - pi) / n);
      for (let j = 0; j < d; j++) S.data[i * p + j] = w * X.data[i * d + j]!;
      S.data[i * p + d] = w;
    }
    const H = matmul(S, S, { transA: true });
    for (let j = 0; j < d; j++) H.data[j * p + j]! += lambda;
    const step = solveSpd(H, g);
    const slope = dot(g, step);
    let t = 1, accepted = false;
    for (let k = 0; k < 60; k++) {
      const trial = theta.map((v, j) => v - t * step[j]!);
      const g2 = new Float64Array(p);
      const r = l2Objective(X, y, 2, lambda, trial, g2);
      if (sufficientDecrease(F, r.F, t * slope, g, g2)) {
        theta = trial;
        F = r.F;
        P = r.P;
        g.set(g2);
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) return { theta, iterations: it + 1, converged: maxAbs(g) <= tol };
  }
  return { theta, iterations: maxIter, converged: maxAbs(g) <= tol };
}

/** Solve H x = b for symmetric positive (semi)definite H, adding a ridge if Cholesky fails. */
function solveSpd(H: Matrix, b: Float64Array): Float64Array {
  const p = H.rows;
  let jitter = 0;
  for (let attempt = 0; attempt < 20; attempt++) {
    const Hj = jitter === 0 ? H : { rows: p, cols: p, data: H.data.slice() };
    if (jitter > 0) { for (let j = 0; j < p; j++) Hj.data[j * p + j]! += jitter; }
    const L = tryCholesky(Hj);
    if (L) {
      const B: Matrix = { rows: p, cols: 1, data: Float64Array.from(b) };
      const z = solveTriangular(L, B, { lower: true });
      return solveTriangular(L, z, { lower: true, trans: true }).data;
    }
    let scale = 0;
    for (let j = 0; j < p; j++) scale = Math.max(scale, Math.abs(H.data[j * p + j]!));
    jitter = jitter === 0 ? Math.max(scale, 1) * 1e-12 : jitter * 100;
  }
  throw new RangeError(`${CTX}: the Hessian could not be factorised (non-finite features?)`);
}

/**
 * Armijo test, or — once objective changes are at rounding level — a smaller
 * gradient, so the solver can reach tight gradient tolerances.
 */
function sufficientDecrease(
  F: number,
  F2: number,
  decrease: number,
  g: Float64Array,
  g2: Float64Array,
): boolean {
  if (F2 <= F - 1e-4 * decrease) return true;
  return F2 <= F + 4 * Number.EPSILON * Math.abs(F) && maxAbs(g2) < maxAbs(g);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/** L-BFGS (memory 10, Armijo backtracking) for the multinomial L2 model. */
function lbfgsL2(
  X: Matrix,
  y: Int32Array,
  nClasses: number,
  lambda: number,
  tol: number,
  maxIter: number,
) {
  const m = 10, p = outputRows(nClasses) * (X.cols + 1);
  let theta = new Float64Array(p);
  let g = new Float64Array(p);
  let F = l2Objective(X, y, nClasses, lambda, theta, g).F;
  const S: Float64Array[] = [], Y: Float64Array[] = [], rho: number[] = [];
  for (let it = 0; it < maxIter; it++) {
    if (maxAbs(g) <= tol) return { theta, iterations: it, converged: true };
    // Two-loop recursion: direction = −H g.
    const q = Float64Array.from(g);
    const alpha = new Array<number>(S.length);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(S[k]!, q);
      for (let j = 0; j < p; j++) q[j]! -= alpha[k]! * Y[k]![j]!;
    }
    let gamma = 1 / Math.max(1, Math.sqrt(dot(g, g)));
    if (S.length > 0) {
      gamma = dot(S[S.length - 1]!, Y[Y.length - 1]!) / dot(Y[Y.length - 1]!, Y[Y.length - 1]!);
    }
    for (let j = 0; j < p; j++) q[j]! *= gamma;
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dot(Y[k]!, q);
      for (let j = 0; j < p; j++) q[j]! += (alpha[k]! - beta) * S[k]![j]!;
    }
    let slope = dot(g, q);
    if (!(slope > 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      q.set(g);
      for (let j = 0; j < p; j++) q[j]! /= Math.max(1, Math.sqrt(dot(g, g)));
      slope = dot(g, q);
    }
    let t = 1, accepted = false;
    for (let k = 0; k < 60; k++) {
      const trial = theta.map((v, j) => v - t * q[j]!);
      const g2 = new Float64Array(p);
      const F2 = l2Objective(X, y, nClasses, lambda, trial, g2).F;
      if (sufficientDecrease(F, F2, t * slope, g, g2)) {
        const s = trial.map((v, j) => v - theta[j]!);
        const yv = g2.map((v, j) => v - g[j]!);
        const sy = dot(s, yv);
        if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(yv, yv))) {
          if (S.length === m) {
            S.shift();
            Y.shift();
            rho.shift();
          }
          S.push(s);
          Y.push(yv);
          rho.push(1 / sy);
        }
        theta = trial;
        g = g2;
        F = F2;
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) return { theta, iterations: it + 1, converged: maxAbs(g) <= tol };
  }
  return { theta, iterations: maxIter, converged: maxAbs(g) <= tol };
}
