/**
 * The regression steps HAVOK DMD and DMDc share: optional standardisation,
 * the one-row shift within trials, and ridge regression by normal equations.
 *
 * @module
 */

import { getBackend } from "../linalg/backend.ts";
import type { Matrix } from "../linalg/matrix.ts";
import { svd } from "../linalg/svd.ts";
import type { Trials } from "./data.ts";
import { mm, spdSolve } from "./dense.ts";

/**
 * Per-dimension means and standard deviations (population) of stacked trials;
 * zeros/ones where the corresponding flag is off, and 1 for a constant dimension.
 *
 * @param X Stacked trials.
 * @param center Compute means.
 * @param scale Compute standard deviations.
 * @returns `{means, scales}`.
 *
 * @example
 * ```ts
 * import { moments } from "./regression.ts";
 * import assert from "node:assert/strict";
 * const X = { dims: 1, lengths: [2], data: new Float64Array([1, 3]), batched: false };
 * const { means, scales } = moments(X, true, true);
 * assert.deepEqual([means[0], scales[0]], [2, 1]);
 * ```
 */
export function moments(
  X: Trials,
  center: boolean,
  scale: boolean,
): { means: Float64Array; scales: Float64Array } {
  const N = X.dims, rows = X.data.length / N;
  const means = new Float64Array(N), scales = new Float64Array(N).fill(1);
  if (!center && !scale) return { means, scales };
  const mu = new Float64Array(N);
  for (let i = 0; i < rows; i++) for (let j = 0; j < N; j++) mu[j] += X.data[i * N + j]!;
  for (let j = 0; j < N; j++) mu[j] /= rows;
  if (center) means.set(mu);
  if (scale) {
    for (let j = 0; j < N; j++) {
      let ss = 0;
      for (let i = 0; i < rows; i++) ss += (X.data[i * N + j]! - mu[j]!) ** 2;
      const sd = Math.sqrt(ss / rows);
      scales[j] = sd > 0 ? sd : 1;
    }
  }
  return { means, scales };
}

/**
 * Subtract means and divide by scales (a copy; the input itself when both are trivial).
 *
 * @param X Stacked trials.
 * @param means Per-dimension values to subtract.
 * @param scales Per-dimension divisors.
 * @returns Standardised trials.
 *
 * @example
 * ```ts
 * import { standardizeTrials } from "./regression.ts";
 * import assert from "node:assert/strict";
 * const X = { dims: 1, lengths: [2], data: new Float64Array([1, 3]), batched: false };
 * const Z = standardizeTrials(X, new Float64Array([2]), new Float64Array([1]));
 * assert.deepEqual(Array.from(Z.data), [-1, 1]);
 * ```
 */
export function standardizeTrials(X: Trials, means: Float64Array, scales: Float64Array): Trials {
  const N = X.dims;
  let trivial = true;
  for (let j = 0; j < N; j++) if (means[j] !== 0 || scales[j] !== 1) trivial = false;
  if (trivial) return X;
  const data = new Float64Array(X.data.length);
  for (let i = 0; i < data.length; i++) {
    const j = i % N;
    data[i] = (X.data[i]! - means[j]!) / scales[j]!;
  }
  return { ...X, data };
}

/**
 * Split the first r columns of V [rows, k] into V₋ (every row but each trial's
 * last) and V₊ (every row but each trial's first): the one-row shift, never
 * across trials.
 *
 * @param V Row-major [Σ rows, k].
 * @param k Columns of V.
 * @param r Columns to keep.
 * @param rowsPerTrial Rows of each trial.
 * @returns `{minus, plus, count}` with `count` transitions, each [count, r].
 *
 * @example Two trials of two rows give two transitions
 * ```ts
 * import { shiftedPairs } from "./regression.ts";
 * import assert from "node:assert/strict";
 * const V = new Float64Array([1, 2, 3, 4]);
 * const { minus, plus } = shiftedPairs(V, 1, 1, [2, 2]);
 * assert.deepEqual([Array.from(minus), Array.from(plus)], [[1, 3], [2, 4]]);
 * ```
 */
export function shiftedPairs(
  V: Float64Array,
  k: number,
  r: number,
  rowsPerTrial: readonly number[],
): { minus: Float64Array; plus: Float64Array; count: number } {
  const count = rowsPerTrial.reduce((a, T) => a + Math.max(0, T - 1), 0);
  const minus = new Float64Array(count * r), plus = new Float64Array(count * r);
  let row = 0, out = 0;
  for (const T of rowsPerTrial) {
    for (let t = 0; t + 1 < T; t++, out++) {
      for (let j = 0; j < r; j++) {
        minus[out * r + j] = V[(row + t) * k + j]!;
        plus[out * r + j] = V[(row + t + 1) * k + j]!;
      }
    }
    row += T;
  }
  return { minus, plus, count };
}

/**
 * Ridge regression by normal equations: W = (ZᵀZ + λI)⁻¹ ZᵀY, returned
 * transposed ([q, p]) so that y ≈ Wᵀz.
 *
 * @param Z Regressors [count, p].
 * @param Y Targets [count, q].
 * @param count Rows.
 * @param p Regressors per row.
 * @param q Targets per row.
 * @param ridge λ ≥ 0.
 * @param context Error message prefix.
 * @returns Wᵀ [q, p].
 *
 * @example y = 2z
 * ```ts
 * import { ridgeMap } from "./regression.ts";
 * import assert from "node:assert/strict";
 * const W = ridgeMap(new Float64Array([1, 2]), new Float64Array([2, 4]), 2, 1, 1, 0, "ctx");
 * assert.equal(W[0], 2);
 * ```
 */
export function ridgeMap(
  Z: Float64Array,
  Y: Float64Array,
  count: number,
  p: number,
  q: number,
  ridge: number,
  context: string,
): Float64Array {
  const G = mm(Z, Z, p, count, p, true, false);
  for (let i = 0; i < p; i++) G[i * p + i] += ridge;
  const R = mm(Z, Y, p, count, q, true, false);
  const W = spdSolve(G, R, p, q, 1e-14 * p);
  if (!W) {
    throw new RangeError(
      `${context}: the regression is singular (${count} transitions for ${p} regressors): increase \`ridge\` or lower \`rank\`: got ridge = ${ridge}`,
    );
  }
  const Wt = new Float64Array(q * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) Wt[j * p + i] = W[i * q + j]!;
  return Wt;
}

/**
 * Validate `ridge` and require at least one within-trial transition.
 *
 * @param ridge λ.
 * @param rowsPerTrial Embedded rows per trial.
 * @param context Error message prefix.
 *
 * @example
 * ```ts
 * import { checkFitInputs } from "./regression.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkFitInputs(-1, [5], "Cannot fit DMD"), /`ridge` must be/);
 * assert.throws(() => checkFitInputs(0, [1, 1], "Cannot fit DMD"), /too few time steps/);
 * ```
 */
export function checkFitInputs(
  ridge: number,
  rowsPerTrial: readonly number[],
  context: string,
): void {
  if (typeof ridge !== "number" || !Number.isFinite(ridge) || ridge < 0) {
    throw new RangeError(`${context}: \`ridge\` must be a finite number >= 0: got ${ridge}`);
  }
  if (rowsPerTrial.every((T) => T < 2)) {
    throw new RangeError(
      `${context}: too few time steps for the delays: every trial has a single embedded row, so there is no transition to fit (need T − (nDelays − 1)·delayInterval ≥ 2)`,
    );
  }
}

/**
 * Thin SVD H = V diag(s) Ut of a Hankel matrix, by QR first when H is tall
 * (H = QR, R = U_R s Ut, V = Q U_R: about twice as fast as a direct SVD for
 * the long, narrow Hankel matrices of DMD). Signs as in `svd`: each column of
 * V has its largest-magnitude entry positive.
 *
 * @param H Matrix [rows, width].
 * @returns `{V: [rows, k], s: [k], Ut: [k, width]}`, k = min(rows, width), s descending.
 *
 * @example Reconstructs H
 * ```ts
 * import { hankelSvd } from "./regression.ts";
 * import assert from "node:assert/strict";
 * const H = { rows: 3, cols: 2, data: new Float64Array([1, 2, 3, 4, 5, 6]) };
 * const { V, s, Ut } = hankelSvd(H);
 * const h21 = V.data[2 * 2]! * s[0]! * Ut.data[1]! + V.data[2 * 2 + 1]! * s[1]! * Ut.data[3]!;
 * assert.ok(Math.abs(h21 - 6) < 1e-12);
 * ```
 */
export function hankelSvd(H: Matrix): { V: Matrix; s: Float64Array; Ut: Matrix } {
  const m = H.rows, n = H.cols;
  if (m < 2 * n) {
    const { U, s, Vt } = svd(H);
    return { V: U, s, Ut: Vt };
  }
  const be = getBackend();
  const { Q, R } = be.qr(H);
  const small = be.svd(R, false);
  const k = small.s.length;
  const V = mm(Q.data, small.U.data, m, n, k);
  const Ut = small.Vt.data.slice();
  for (let j = 0; j < k; j++) {
    let best = 0, bestAbs = -1;
    for (let i = 0; i < m; i++) {
      const a = Math.abs(V[i * k + j]!);
      if (a > bestAbs * (1 + 1e-9) + 1e-300) {
        bestAbs = a;
        best = i;
      }
    }
    if (V[best * k + j]! < 0) {
      for (let i = 0; i < m; i++) V[i * k + j] = -V[i * k + j]!;
      for (let c = 0; c < n; c++) Ut[j * n + c] = -Ut[j * n + c]!;
    }
  }
  return { V: { rows: m, cols: k, data: V }, s: small.s, Ut: { rows: k, cols: n, data: Ut } };
}
