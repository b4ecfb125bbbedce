/**
 * Centred kernel alignment (Kornblith, Norouzi, Lee & Hinton 2019) and its
 * metric form arccos(CKA) (as in Williams et al. 2021).
 *
 * - linear CKA = ‖X_cᵀY_c‖² / (‖X_cᵀX_c‖ ‖Y_cᵀY_c‖), computed in feature space
 *   (O(n p²)) or in Gram space (O(n² p)), whichever is cheaper;
 * - RBF CKA on double-centred RBF Gram matrices, bandwidth a fraction of the
 *   median distance (`gram.ts`);
 * - debiased CKA: the unbiased HSIC estimator (Song et al. 2012) in place of the
 *   biased one, for either kernel (can be negative; needs n ≥ 4).
 *
 * @module
 */

import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { qr } from "../linalg/lstsq.ts";
import { angularDistance, clippedArccos } from "./angular.ts";
import { centerAndPad, checkPair, FOURTH_POWER_SCALE, unitScale } from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";
import { isConstantAcrossStimuli } from "./zoo_inputs.ts";
import { centerGram, linearGram, rbfGram, uCenterGram } from "./gram.ts";

/** Kernels available to CKA. */
export type CKAKernel = "linear" | "rbf";

/** Options for {@link linearCKA} and {@link ckaDistance}. */
export interface CKAOptions {
  /** Kernel on stimuli (`"rbf"` computes {@link rbfCKA}). @default "linear" */
  kernel?: CKAKernel;
  /** RBF bandwidth as a fraction of the median distance between stimuli. @default 1 */
  threshold?: number;
  /** Centre columns first (linear kernel; the RBF kernel and debiased CKA do not depend on it). @default true */
  center?: boolean;
  /** Use the unbiased HSIC estimator (computes {@link debiasedCKA}). @default false */
  debiased?: boolean;
}

/** Options for {@link rbfCKA}: the bandwidth. */
export type RbfCKAOptions = Pick<CKAOptions, "threshold">;

/** Options for {@link debiasedCKA}: the kernel and, for the RBF kernel, its bandwidth. */
export type DebiasedCKAOptions = Pick<CKAOptions, "kernel" | "threshold">;

const CKA_OPTIONS = ["kernel", "threshold", "center", "debiased"] as const;
const CKA_BOOLEANS = ["center", "debiased"] as const;

/** Above this similarity the metric form is computed from the Gram difference, not arccos. */
const NEAR_ONE = 0.97;
/** Largest n for which n×n Gram matrices are formed to refine a near-zero distance. */
const MAX_GRAM = 4096;

function prepare(
  X: MatrixLike,
  Y: MatrixLike,
  center: boolean,
  context: string,
  translationInvariant = center,
) {
  const pair = checkPair(X, Y, true, context);
  if (pair.X.rows < 2) {
    throw new RangeError(
      `${context}: \`X\` and \`Y\` need at least 2 stimuli (rows): got ${pair.X.rows}`,
    );
  }
  if (translationInvariant) {
    // judged on the input: a repeated row leaves rounding noise after centring
    for (const [name, M] of [["X", pair.X], ["Y", pair.Y]] as const) {
      if (isConstantAcrossStimuli(M)) throw constantError(name, context);
    }
  }
  // CKA is invariant to scaling either input, and it squares squares (‖XᵀY‖², ‖K‖²):
  // compute at unit scale whenever fourth powers of the entries would over- or underflow
  const a = unitScale(pair.X, FOURTH_POWER_SCALE), b = unitScale(pair.Y, FOURTH_POWER_SCALE);
  return {
    X: center ? centerAndPad(a, a.cols, true).centered : a,
    Y: center ? centerAndPad(b, b.cols, true).centered : b,
  };
}

function sumSq(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * a[k]!;
  return s;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/** The error for a network whose responses do not vary across stimuli (CKA is 0/0). */
function constantError(name: string, context: string): RangeError {
  return new RangeError(
    `${context}: CKA is undefined because \`${name}\` has zero variance across stimuli (constant responses)`,
  );
}

function ratio(num: number, kk: number, ll: number, context: string): number {
  if (kk === 0 || ll === 0) throw constantError(kk === 0 ? "X" : "Y", context);
  return num / (Math.sqrt(kk) * Math.sqrt(ll));
}

function featureSpaceCheaper(X: Matrix, Y: Matrix): boolean {
  const n = X.rows, px = X.cols, py = Y.cols;
  return px * py + px * px + py * py <= n * (px + py);
}

function linearSimilarity(X: Matrix, Y: Matrix, context: string): number {
  const b = getBackend();
  if (featureSpaceCheaper(X, Y)) {
    const xy = sumSq(b.gemm(X, Y, true, false).data);
    return ratio(
      xy,
      sumSq(b.gemm(X, X, true, false).data),
      sumSq(b.gemm(Y, Y, true, false).data),
      context,
    );
  }
  const K = linearGram(X), L = linearGram(Y);
  return ratio(dot(K.data, L.data), sumSq(K.data), sumSq(L.data), context);
}

/**
 * Linear CKA between two response matrices on the same stimuli; with
 * `kernel: "rbf"` it is {@link rbfCKA}, with `debiased: true` {@link debiasedCKA}
 * (options are never ignored).
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY] (widths may differ).
 * @param opts `center`, and `kernel`, `threshold`, `debiased` ({@link CKAOptions}).
 * @returns CKA in [0, 1] (debiased CKA may be slightly negative).
 *
 * @example Invariant to rotation and isotropic scaling
 * ```ts
 * import { linearCKA } from "./cka.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5]];
 * const Y = X.map(([a, b]) => [3 * b, -3 * a]);
 * assert.ok(Math.abs(linearCKA(X, Y) - 1) < 1e-14);
 * ```
 */
export function linearCKA(X: MatrixLike, Y: MatrixLike, opts: CKAOptions = {}): number {
  const context = "Cannot compute linear CKA";
  checkOptionNames(opts, CKA_OPTIONS, context, CKA_BOOLEANS);
  const { kernel = "linear", threshold, center = true, debiased = false } = opts ?? {};
  checkKernel(kernel, context);
  if (debiased) return debiasedCKA(X, Y, { kernel, threshold });
  if (kernel === "rbf") return rbfCKA(X, Y, { threshold });
  if (threshold !== undefined) {
    throw new RangeError(
      `${context}: \`threshold\` applies to the rbf kernel only: got ${threshold} with kernel linear`,
    );
  }
  const p = prepare(X, Y, center, context);
  return linearSimilarity(p.X, p.Y, context);
}

function checkThreshold(threshold: number, context: string): void {
  if (typeof threshold !== "number" || !(threshold > 0) || !Number.isFinite(threshold)) {
    throw new RangeError(`${context}: \`threshold\` must be a positive number: got ${threshold}`);
  }
}

/**
 * RBF-kernel CKA (biased HSIC on double-centred Gram matrices).
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @param opts `threshold`: bandwidth as a fraction of the median distance ({@link RbfCKAOptions}).
 * @returns CKA in [0, 1].
 *
 * @example Invariant to rotations and translations of either input
 * ```ts
 * import { rbfCKA } from "./cka.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5], [4, 4]];
 * const Y = X.map(([a, b]) => [b + 7, -a]);
 * assert.ok(Math.abs(rbfCKA(X, Y, { threshold: 0.5 }) - 1) < 1e-14);
 * ```
 */
export function rbfCKA(X: MatrixLike, Y: MatrixLike, opts: RbfCKAOptions = {}): number {
  const context = "Cannot compute RBF CKA";
  checkOptionNames(opts, ["threshold"], context);
  const { threshold = 1 } = opts ?? {};
  checkThreshold(threshold, context);
  const p = prepare(X, Y, false, context, true);
  const K = centerGram(rbfGram(p.X, threshold).K), L = centerGram(rbfGram(p.Y, threshold).K);
  return ratio(dot(K.data, L.data), sumSq(K.data), sumSq(L.data), context);
}

/** Unbiased HSIC (times n(n − 3)) of linear kernels, in feature space. */
function hsicLinearFeature(X: Matrix, Y: Matrix, XtY: Matrix): number {
  const n = X.rows;
  const b = getBackend();
  const dx = new Float64Array(n), dy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sx = 0, sy = 0;
    for (let j = 0; j < X.cols; j++) sx += X.data[i * X.cols + j]! ** 2;
    for (let j = 0; j < Y.cols; j++) sy += Y.data[i * Y.cols + j]! ** 2;
    dx[i] = sx;
    dy[i] = sy;
  }
  const rowSums = (M: Matrix, d: Float64Array) => {
    const ones = { rows: n, cols: 1, data: new Float64Array(n).fill(1) };
    const s = b.gemm(M, b.gemm(M, ones, true, false), false, false).data; // M (Mᵀ1)
    for (let i = 0; i < n; i++) s[i] -= d[i]!;
    return s;
  };
  const kx = rowSums(X, dx), ky = rowSums(Y, dy);
  const trace = sumSq(XtY.data) - dot(dx, dy);
  let tx = 0, ty = 0;
  for (let i = 0; i < n; i++) {
    tx += kx[i]!;
    ty += ky[i]!;
  }
  return trace + (tx * ty) / ((n - 1) * (n - 2)) - (2 / (n - 2)) * dot(kx, ky);
}

function uCenteredGrams(X: Matrix, Y: Matrix, kernel: CKAKernel, threshold: number) {
  return kernel === "linear"
    ? { K: uCenterGram(linearGram(X)), L: uCenterGram(linearGram(Y)) }
    : { K: uCenterGram(rbfGram(X, threshold).K), L: uCenterGram(rbfGram(Y, threshold).K) };
}

/**
 * Debiased CKA: CKA with the unbiased HSIC estimator, which removes the
 * upward bias of CKA for few stimuli relative to units. The linear kernel is
 * evaluated in feature space when that is cheaper.
 *
 * @param X Responses [nStimuli, nUnitsX], nStimuli ≥ 4.
 * @param Y Responses [nStimuli, nUnitsY].
 * @param opts `kernel`, `threshold` ({@link DebiasedCKAOptions}).
 * @returns Debiased CKA (at most 1; may be slightly negative for unrelated inputs).
 *
 * @example One for a rotated copy
 * ```ts
 * import { debiasedCKA } from "./cka.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5], [4, 4]];
 * const Y = X.map(([a, b]) => [b, -a]);
 * assert.ok(Math.abs(debiasedCKA(X, Y) - 1) < 1e-13);
 * ```
 */
export function debiasedCKA(
  X: MatrixLike,
  Y: MatrixLike,
  opts: DebiasedCKAOptions = {},
): number {
  const context = "Cannot compute debiased CKA";
  checkOptionNames(opts, ["kernel", "threshold"], context);
  const { kernel = "linear", threshold = 1 } = opts ?? {};
  checkKernel(kernel, context);
  if (kernel === "rbf") checkThreshold(threshold, context);
  const p = prepare(X, Y, true, context);
  if (p.X.rows < 4) {
    throw new RangeError(
      `${context}: debiased CKA needs at least 4 stimuli (rows of \`X\` and \`Y\`): got ${p.X.rows}`,
    );
  }
  if (kernel === "linear" && featureSpaceCheaper(p.X, p.Y)) {
    const b = getBackend();
    const hxy = hsicLinearFeature(p.X, p.Y, b.gemm(p.X, p.Y, true, false));
    const hxx = hsicLinearFeature(p.X, p.X, b.gemm(p.X, p.X, true, false));
    const hyy = hsicLinearFeature(p.Y, p.Y, b.gemm(p.Y, p.Y, true, false));
    return ratio(hxy, Math.max(0, hxx), Math.max(0, hyy), context);
  }
  const { K, L } = uCenteredGrams(p.X, p.Y, kernel, threshold);
  return ratio(dot(K.data, L.data), sumSq(K.data), sumSq(L.data), context);
}

function checkKernel(kernel: string, context: string): void {
  if (kernel !== "linear" && kernel !== "rbf") {
    throw new RangeError(`${context}: \`kernel\` must be one of linear, rbf: got ${kernel}`);
  }
}

/** ‖k − l‖ for normalised centred linear Grams k = K/‖K‖, l = L/‖L‖, without forming n×n matrices. */
function linearGramGap(X: Matrix, Y: Matrix): number {
  const b = getBackend();
  const nx = Math.sqrt(Math.sqrt(sumSq(b.gemm(X, X, true, false).data)));
  const ny = Math.sqrt(Math.sqrt(sumSq(b.gemm(Y, Y, true, false).data)));
  const n = X.rows, q = X.cols + Y.cols;
  const J = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < X.cols; j++) J[i * q + j] = X.data[i * X.cols + j]! / nx;
    for (let j = 0; j < Y.cols; j++) J[i * q + X.cols + j] = Y.data[i * Y.cols + j]! / ny;
  }
  const { R } = qr({ rows: n, cols: q, data: J });
  const k = R.rows;
  // G = R_X R_Xᵀ − R_Y R_Yᵀ with R = [R_X R_Y]; ‖G‖ = ‖k − l‖ since Q has orthonormal columns
  const sign = new Float64Array(q);
  for (let j = 0; j < q; j++) sign[j] = j < X.cols ? 1 : -1;
  const RD = new Float64Array(k * q);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < q; j++) RD[i * q + j] = R.data[i * q + j]! * sign[j]!;
  }
  const G = b.gemm({ rows: k, cols: q, data: RD }, R, false, true);
  return Math.sqrt(sumSq(G.data));
}

/**
 * The CKA angular distance arccos(CKA), accurate to rounding near 0 (where
 * arccos of a computed similarity loses half the digits).
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @param opts {@link CKAOptions}: kernel, threshold, centring, debiased.
 * @returns Radians in [0, π/2] (up to π for debiased CKA, which can be negative).
 *
 * @example Zero for a scaled rotated copy
 * ```ts
 * import { ckaDistance } from "./cka.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5]];
 * const Y = X.map(([a, b]) => [2 * b, -2 * a]);
 * assert.ok(ckaDistance(X, Y) < 1e-14);
 * ```
 */
export function ckaDistance(X: MatrixLike, Y: MatrixLike, opts: CKAOptions = {}): number {
  const context = "Cannot compute CKA distance";
  checkOptionNames(opts, CKA_OPTIONS, context, CKA_BOOLEANS);
  const { kernel = "linear", threshold = 1, center = true, debiased = false } = opts ?? {};
  checkKernel(kernel, context);
  const sim = debiased
    ? debiasedCKA(X, Y, { kernel, threshold })
    : kernel === "linear"
    ? linearCKA(X, Y, { center })
    : rbfCKA(X, Y, { threshold });
  if (sim <= NEAR_ONE) return clippedArccos(sim);
  const p = prepare(X, Y, center || debiased, context);
  if (!debiased && kernel === "linear") {
    if (p.X.rows > p.X.cols + p.Y.cols) {
      const gap = linearGramGap(p.X, p.Y);
      return 2 * Math.asin(Math.min(1, gap / 2));
    }
    return angularDistance(linearGram(p.X), linearGram(p.Y), context, ["X", "Y"]);
  }
  if (p.X.rows > MAX_GRAM) return clippedArccos(sim);
  if (debiased) {
    const { K, L } = uCenteredGrams(p.X, p.Y, kernel, threshold);
    return angularDistance(K, L, context, ["X", "Y"]);
  }
  const K = centerGram(rbfGram(p.X, threshold).K), L = centerGram(rbfGram(p.Y, threshold).K);
  return angularDistance(K, L, context, ["X", "Y"]);
}
