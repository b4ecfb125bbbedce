/**
 * The steps of subspace DMDc (`subspace_dmdc.ts`) that the direct fit and the
 * refit from per-trial statistics (`subspace_resample.ts`) share: option
 * checks, the order and state basis from the R factor of the stacked Hankel
 * matrix, the ridge least squares, and the assembly of A, B, C, D.
 *
 * @module
 */

import { lstsq, pinv } from "../linalg/lstsq.ts";
import type { Matrix } from "../linalg/matrix.ts";
import { svd } from "../linalg/svd.ts";
import { assertInRange, assertInteger } from "../validate/mod.ts";
import { mm } from "./dense.ts";

/** Subspace DMDc options after defaults and checks. */
export interface ResolvedSubspaceOptions {
  /** Past window p. */
  nDelays: number;
  /** Future window f. */
  horizon: number;
  /** Explicit order, or undefined (chosen by `explainedVariance`). */
  rank: number | undefined;
  /** Fraction of Σσ² the order keeps without `rank`. */
  explainedVariance: number;
  /** Ridge λ. */
  ridge: number;
  /** Whether channel means are removed. */
  center: boolean;
}

/** Options of subspace DMDc (`fitSubspaceDmdc`, `subspaceTrialStatistics`). */
export interface SubspaceDmdcOptions {
  /** Past window p: block rows of the past Hankel matrices. @default 1 */
  nDelays?: number;
  /** Future window f: block rows of the future Hankel matrices (the order is at most f·outputs). @default nDelays */
  horizon?: number;
  /** Model order n (clipped to what the data allow). @default chosen by `explainedVariance` */
  rank?: number;
  /** Without `rank`: the smallest order keeping this fraction of Σσ² of O. @default 0.999 */
  explainedVariance?: number;
  /** Ridge penalty λ of the final least squares (on regressors scaled to unit RMS). @default 1e-8 */
  ridge?: number;
  /** Subtract each channel's mean from the observations and the inputs. @default false */
  center?: boolean;
}

/**
 * Defaults and range checks of the subspace DMDc options.
 *
 * @param options As given to `fitSubspaceDmdc`.
 * @param context Error message prefix.
 * @returns The resolved options.
 *
 * @example
 * ```ts
 * import { resolveSubspaceOptions } from "./subspace_core.ts";
 * import assert from "node:assert/strict";
 * assert.equal(resolveSubspaceOptions({ nDelays: 3 }, "ctx").horizon, 3);
 * assert.throws(() => resolveSubspaceOptions({ explainedVariance: 2 }, "ctx"), RangeError);
 * ```
 */
export function resolveSubspaceOptions(
  options: SubspaceDmdcOptions,
  context: string,
): ResolvedSubspaceOptions {
  const {
    nDelays = 1,
    horizon = nDelays,
    rank,
    explainedVariance = 0.999,
    ridge = 1e-8,
    center = false,
  } = options;
  assertInteger(nDelays, "nDelays", 1, Infinity, context);
  assertInteger(horizon, "horizon", 1, Infinity, context);
  if (rank !== undefined) assertInteger(rank, "rank", 1, Infinity, context);
  if (!(explainedVariance > 0 && explainedVariance <= 1)) {
    throw new RangeError(
      `${context}: \`explainedVariance\` must be in (0, 1]: got ${explainedVariance}`,
    );
  }
  assertInRange(ridge, "ridge", 0, Infinity, context);
  return { nDelays, horizon, rank, explainedVariance, ridge, center };
}

/** Sizes and offsets of {@link hankelRows}. */
export interface HankelLayout {
  /** Outputs. */
  q: number;
  /** Inputs. */
  m: number;
  /** Past window. */
  p: number;
  /** Future window. */
  f: number;
  /** Subtracted from every output sample [q]. */
  yMean: Float64Array;
  /** Subtracted from every input sample [m]. */
  uMean: Float64Array;
  /** Row length of the result (≥ (f + p)(m + q); extra columns are left 0). */
  stride: number;
}

/**
 * The rows of Hᵀ of one trial: row t is [u_{t+p} … u_{t+p+f−1} | u_t … u_{t+p−1} |
 * y_t … y_{t+p−1} | y_{t+p} … y_{t+p+f−1}] (U_f, U_p, Y_p, Y_f), t = 0 … T − p − f.
 *
 * @param y Outputs of the trial [T, q].
 * @param u Inputs of the trial [T, m].
 * @param T Time steps.
 * @param layout Sizes, means and row stride.
 * @returns [max(0, T − p − f + 1), stride].
 *
 * @example
 * ```ts
 * import { hankelRows } from "./subspace_core.ts";
 * import assert from "node:assert/strict";
 * const z = new Float64Array(1);
 * const H = hankelRows(new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6]), 3,
 *   { q: 1, m: 1, p: 1, f: 1, yMean: z, uMean: z, stride: 4 });
 * assert.deepEqual(Array.from(H), [5, 4, 1, 2, 6, 5, 2, 3]);
 * ```
 */
export function hankelRows(
  y: Float64Array,
  u: Float64Array,
  T: number,
  layout: HankelLayout,
): Float64Array {
  const { q, m, p, f, yMean, uMean, stride } = layout;
  const a = f * m, b = p * (m + q);
  const cols = Math.max(0, T - p - f + 1);
  const H = new Float64Array(cols * stride);
  for (let t = 0; t < cols; t++) {
    const h = t * stride;
    for (let k = 0; k < f; k++) {
      for (let j = 0; j < m; j++) H[h + k * m + j] = u[(t + p + k) * m + j]! - uMean[j]!;
      for (let j = 0; j < q; j++) H[h + a + b + k * q + j] = y[(t + p + k) * q + j]! - yMean[j]!;
    }
    for (let k = 0; k < p; k++) {
      for (let j = 0; j < m; j++) H[h + a + k * m + j] = u[(t + k) * m + j]! - uMean[j]!;
      for (let j = 0; j < q; j++) H[h + a + p * m + k * q + j] = y[(t + k) * q + j]! - yMean[j]!;
    }
  }
  return H;
}

/**
 * The order and state basis of subspace DMDc from the R factor of the QR of
 * Hᵀ = [U_f | U_p | Y_p | Y_f] (one row per Hankel column): with L = Rᵀ,
 * M = L₃₂ L₂₂⁺ [L₂₁ L₂₂] = U S Vᵀ, the order n, and Vs = V_n S_n^½, so that the
 * states are X̂ᵀ = Q₁₂ Vs (Q₁₂: the first a + b columns of Q).
 *
 * @param Rq R factor [k, a + b + c] (k ≥ a + b + c; upper triangular).
 * @param a Rows of U_f (f·inputs).
 * @param b Rows of W_p (p·(inputs + outputs)).
 * @param c Rows of Y_f (f·outputs).
 * @param o Resolved options (`rank`, `explainedVariance`).
 * @param context Error message prefix.
 * @returns Singular values of M, the order n and Vs [a + b, n].
 *
 * @example One past and one future sample of a scalar input and output
 * ```ts
 * import { subspaceStates, resolveSubspaceOptions } from "./subspace_core.ts";
 * import assert from "node:assert/strict";
 * const Rq = { rows: 4, cols: 4, data: new Float64Array([2, 0, 0, 1, 0, 2, 0, 1, 0, 0, 2, 1, 0, 0, 0, 1]) };
 * const r = subspaceStates(Rq, 1, 2, 1, resolveSubspaceOptions({ rank: 1 }, "ctx"), "ctx");
 * assert.equal(r.order, 1);
 * ```
 */
export function subspaceStates(
  Rq: Matrix,
  a: number,
  b: number,
  c: number,
  o: ResolvedSubspaceOptions,
  context: string,
): { singularValues: Float64Array; order: number; Vs: Float64Array } {
  const R = Rq.cols;
  const L = (i: number, j: number) => Rq.data[j * R + i]!;
  const L22 = new Float64Array(b * b),
    L32 = new Float64Array(c * b),
    Lw = new Float64Array(b * (a + b));
  for (let i = 0; i < b; i++) {
    for (let j = 0; j < b; j++) L22[i * b + j] = L(a + i, a + j);
    for (let j = 0; j < a + b; j++) Lw[i * (a + b) + j] = L(a + i, j);
  }
  for (let i = 0; i < c; i++) for (let j = 0; j < b; j++) L32[i * b + j] = L(a + b + i, a + j);
  // O = L₃₂ L₂₂⁺ W_p = M Q₁₂ᵀ with M = L₃₂ L₂₂⁺ [L₂₁ L₂₂] (Q₁₂: the first a + b columns of Q)
  const L22p = pinv({ rows: b, cols: b, data: L22 }, { rcond: 1e-12 }).data;
  const M = mm(mm(L32, L22p, c, b, b), Lw, c, b, a + b);
  const dec = svd({ rows: c, cols: a + b, data: M });
  const s = dec.s;
  const maxOrder = Math.min(c, a + b);
  let n: number;
  if (o.rank !== undefined) n = Math.min(o.rank, maxOrder);
  else {
    let total = 0;
    for (const v of s) total += v * v;
    let acc = 0;
    n = 0;
    while (n < s.length && acc < o.explainedVariance * total * (1 - 1e-12)) acc += s[n]! ** 2, n++;
    n = Math.max(1, Math.min(n, maxOrder));
  }
  if (!(s[n - 1]! > 0)) {
    throw new RangeError(
      `${context}: the oblique projection has rank below the order: singular value ${n} is ${
        s[n - 1]
      } (are the inputs exciting enough?): lower \`rank\``,
    );
  }
  const half = Float64Array.from(s.subarray(0, n), Math.sqrt);
  const Vs = new Float64Array((a + b) * n);
  for (let i = 0; i < a + b; i++) {
    for (let k = 0; k < n; k++) Vs[i * n + k] = dec.Vt.data[k * (a + b) + i]! * half[k]!;
  }
  return { singularValues: s, order: n, Vs };
}

/**
 * Ridge least squares with the penalty on standardised regressors: each column of Z is divided
 * by its root mean square s_j over `rows` rows, W̃ = argmin ‖Z̃ W̃ − T‖² + λ·rows·‖W̃‖² (lstsq on
 * [Z̃; √(λ·rows) I]), and W = W̃ / s_j row-wise. The fit is then equivariant to rescaling any
 * regressor. Z may be any matrix Pᵀ Z_full with P orthonormal (the same least squares problem
 * with fewer rows): `rows` is the row count of the full problem.
 *
 * @param Z Regressors [zRows, p].
 * @param T Targets [zRows, q].
 * @param zRows Rows of Z and T.
 * @param p Regressors.
 * @param q Targets.
 * @param ridge λ.
 * @param rows Rows of the full problem (scales the RMS and the penalty).
 * @returns W [p, q].
 *
 * @example Without penalty: ordinary least squares
 * ```ts
 * import { ridgeLstsq } from "./subspace_core.ts";
 * import assert from "node:assert/strict";
 * const W = ridgeLstsq(new Float64Array([1, 2, 3]), new Float64Array([2, 4, 6]), 3, 1, 1, 0, 3);
 * assert.ok(Math.abs(W[0]! - 2) < 1e-14);
 * ```
 */
export function ridgeLstsq(
  Z: Float64Array,
  T: Float64Array,
  zRows: number,
  p: number,
  q: number,
  ridge: number,
  rows: number,
): Float64Array {
  const rms = new Float64Array(p);
  for (let i = 0; i < zRows; i++) for (let j = 0; j < p; j++) rms[j] += Z[i * p + j]! ** 2;
  for (let j = 0; j < p; j++) rms[j] = Math.sqrt(rms[j]! / rows) || 1;
  const extra = ridge > 0 ? p : 0;
  const Za = new Float64Array((zRows + extra) * p), Ta = new Float64Array((zRows + extra) * q);
  for (let i = 0; i < zRows; i++) {
    for (let j = 0; j < p; j++) Za[i * p + j] = Z[i * p + j]! / rms[j]!;
  }
  Ta.set(T.subarray(0, zRows * q));
  const s = Math.sqrt(ridge * rows);
  for (let i = 0; i < extra; i++) Za[(zRows + i) * p + i] = s;
  const W = lstsq({ rows: zRows + extra, cols: p, data: Za }, {
    rows: zRows + extra,
    cols: q,
    data: Ta,
  }).x.data;
  for (let j = 0; j < p; j++) for (let c = 0; c < q; c++) W[j * q + c] = W[j * q + c]! / rms[j]!;
  return W;
}

/**
 * A, B, C, D from the two regressions: W [n + m, n] holds the rows of [Aᵀ; Bᵀ] and
 * V [n + m, q] the rows of [Cᵀ; Dᵀ].
 *
 * @param W State regression.
 * @param V Output regression.
 * @param n Order.
 * @param m Inputs.
 * @param q Outputs.
 * @returns The four operators.
 *
 * @example
 * ```ts
 * import { stateSpaceFromRegressions } from "./subspace_core.ts";
 * import assert from "node:assert/strict";
 * const r = stateSpaceFromRegressions(new Float64Array([0.5, 2]), new Float64Array([3, 1]), 1, 1, 1);
 * assert.deepEqual([r.A.data[0], r.B.data[0], r.C.data[0], r.D.data[0]], [0.5, 2, 3, 1]);
 * ```
 */
export function stateSpaceFromRegressions(
  W: Float64Array,
  V: Float64Array,
  n: number,
  m: number,
  q: number,
): { A: Matrix; B: Matrix; C: Matrix; D: Matrix } {
  const A = new Float64Array(n * n), B = new Float64Array(n * m);
  const C = new Float64Array(q * n), D = new Float64Array(q * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) A[i * n + j] = W[j * n + i]!;
    for (let j = 0; j < m; j++) B[i * m + j] = W[(n + j) * n + i]!;
  }
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < n; j++) C[i * n + j] = V[j * q + i]!;
    for (let j = 0; j < m; j++) D[i * m + j] = V[(n + j) * q + i]!;
  }
  return {
    A: { rows: n, cols: n, data: A },
    B: { rows: n, cols: m, data: B },
    C: { rows: q, cols: n, data: C },
    D: { rows: q, cols: m, data: D },
  };
}
