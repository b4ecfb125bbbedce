/**
 * Subspace DMD with control: an N4SID-style identification of a linear
 * input-driven state-space model from observations and inputs only,
 *
 *   x_{t+1} = A x_t + B u_t (+ w_t),   y_t = C x_t + D u_t (+ v_t),
 *
 * as InputDSA fits it (Huang, Ostrow et al. 2025, "InputDSA: demixing then
 * comparing recurrent and externally driven dynamics", arXiv 2510.25943,
 * Alg. 1; the subspace method is Van Overschee & De Moor 1994/1996):
 *
 * 1. Block Hankel matrices with p past and f future block rows per trial, column t
 *    holding U_p = [u_t; …; u_{t+p−1}], Y_p likewise, U_f = [u_{t+p}; …; u_{t+p+f−1}],
 *    Y_f likewise; W_p = [U_p; Y_p]. Columns never cross trial boundaries.
 * 2. Oblique projection of the future outputs along the future inputs onto the
 *    past: O = Y_f /_{U_f} W_p, computed from the LQ factorisation of
 *    [U_f; W_p; Y_f] = L Qᵀ as O = L₃₂ L₂₂⁺ W_p. In the noise-free case O = Γ_f X
 *    (extended observability matrix times the state sequence).
 * 3. SVD O = U S Vᵀ; the order n is chosen (explicitly, or the smallest n keeping a
 *    fraction of Σσ²); Γ = U_n S_n^½ and the states X̂ = S_n^½ V_nᵀ, one column per
 *    time t + p.
 * 4. Least squares (ridge λ) on consecutive states of each trial:
 *    [A B] from x̂_{t+1} ≈ A x̂_t + B u_{t+p}, and [C D] from y_{t+p} ≈ C x̂_t + D u_{t+p}.
 *    The penalty acts on the regressors scaled to unit root mean square (λ·rows·‖W̃‖²), so
 *    the fit is equivariant to rescaling Y or U.
 *
 * The state basis is the one the SVD gives (fixed signs); eigenvalues of A and the
 * Markov parameters D, CB, CAB, … do not depend on it.
 *
 * @module
 */

import { eig } from "../linalg/eig.ts";
import { lstsq } from "../linalg/lstsq.ts";
import { pinv, qr } from "../linalg/lstsq.ts";
import type { Matrix } from "../linalg/matrix.ts";
import { svd } from "../linalg/svd.ts";
import { tagResult } from "../result.ts";
import { assertInRange, assertInteger } from "../validate/mod.ts";
import { asTrials, type TimeSeriesLike, type Trials } from "./data.ts";
import { mm } from "./dense.ts";

/** Options for {@link fitSubspaceDmdc}. */
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

/** A fitted subspace DMDc model (tagged `"subspaceDmdc"`). */
export interface SubspaceDmdcFit {
  /** State operator A [n, n]. */
  A: Matrix;
  /** Input operator B [n, inputs]. */
  B: Matrix;
  /** Readout C [outputs, n]. */
  C: Matrix;
  /** Feedthrough D [outputs, inputs]. */
  D: Matrix;
  /** Eigenvalues of A (complex, as `{re, im}`). */
  eigenvalues: { re: Float64Array; im: Float64Array };
  /** Model order n. */
  order: number;
  /** Singular values of the oblique projection O, descending. */
  singularValues: Float64Array;
  /** Past window p. */
  nDelays: number;
  /** Future window f. */
  horizon: number;
  /** Ridge λ used. */
  ridge: number;
  /** Observed channels. */
  outputs: number;
  /** Input channels. */
  inputs: number;
  /** Hankel columns used (over all trials). */
  columns: number;
  /** Channel means removed from Y (zeros without `center`). */
  outputMeans: Float64Array;
  /** Channel means removed from U (zeros without `center`). */
  inputMeans: Float64Array;
}

function channelMeans(t: Trials, center: boolean): Float64Array {
  const d = t.dims, out = new Float64Array(d);
  if (!center) return out;
  const rows = t.data.length / d;
  for (let i = 0; i < rows; i++) for (let j = 0; j < d; j++) out[j] += t.data[i * d + j]!;
  for (let j = 0; j < d; j++) out[j] /= rows;
  return out;
}

/**
 * Check that observations and inputs have the same trials and time steps.
 *
 * @param Y Observations (stacked trials).
 * @param U Inputs (stacked trials).
 * @param context Error message prefix.
 *
 * @example
 * ```ts
 * import { checkSameTrials } from "./subspace_dmdc.ts";
 * import { asTrials } from "./data.ts";
 * import assert from "node:assert/strict";
 * const Y = asTrials([[1], [2], [3]], "Y", "ctx"), U = asTrials([[1], [2]], "U", "ctx");
 * assert.throws(() => checkSameTrials(Y, U, "ctx"), /got trial lengths \[3\] and \[2\]/);
 * ```
 */
export function checkSameTrials(Y: Trials, U: Trials, context: string): void {
  const same = Y.lengths.length === U.lengths.length &&
    Y.lengths.every((l, i) => l === U.lengths[i]);
  if (!same) {
    throw new TypeError(
      `${context}: \`U\` must have the same trials and time steps as \`Y\`: got trial lengths [${
        Y.lengths.join(", ")
      }] and [${U.lengths.join(", ")}]`,
    );
  }
}

/**
 * Ridge least squares with the penalty on standardised regressors: each column of Z is divided
 * by its root mean square s_j, W̃ = argmin ‖Z̃ W̃ − T‖² + λ·rows·‖W̃‖² (lstsq on [Z̃; √(λ·rows) I]),
 * and W = W̃ / s_j row-wise. The fit is then equivariant to rescaling any regressor. Returns W [p, q].
 */
function ridgeLstsq(
  Z: Float64Array,
  T: Float64Array,
  rows: number,
  p: number,
  q: number,
  ridge: number,
): Float64Array {
  const rms = new Float64Array(p);
  for (let i = 0; i < rows; i++) for (let j = 0; j < p; j++) rms[j] += Z[i * p + j]! ** 2;
  for (let j = 0; j < p; j++) rms[j] = Math.sqrt(rms[j]! / rows) || 1;
  const extra = ridge > 0 ? p : 0;
  const Za = new Float64Array((rows + extra) * p), Ta = new Float64Array((rows + extra) * q);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < p; j++) Za[i * p + j] = Z[i * p + j]! / rms[j]!;
  }
  Ta.set(T);
  const s = Math.sqrt(ridge * rows);
  for (let i = 0; i < extra; i++) Za[(rows + i) * p + i] = s;
  const W = lstsq({ rows: rows + extra, cols: p, data: Za }, {
    rows: rows + extra,
    cols: q,
    data: Ta,
  }).x.data;
  for (let j = 0; j < p; j++) for (let c = 0; c < q; c++) W[j * q + c] = W[j * q + c]! / rms[j]!;
  return W;
}

/**
 * Fit a subspace DMDc model (N4SID-style) to observations `Y` driven by known
 * inputs `U`; see the module notes for the formulas.
 *
 * @param Y Observations `[time, outputs]`, `[trials, time, outputs]` or a list of trials.
 * @param U Inputs with the same trials and time steps, `[time, inputs]` etc.
 * @param options Windows, order, ridge, centring.
 * @returns The fitted model (tagged `"subspaceDmdc"`).
 *
 * @example Recovers a scalar system exactly
 * ```ts
 * import { fitSubspaceDmdc } from "./subspace_dmdc.ts";
 * import assert from "node:assert/strict";
 * const U: number[][] = [], Y: number[][] = [];
 * let x = 0;
 * for (let t = 0; t < 80; t++) {
 *   const u = Math.sin(1.7 * t) + Math.cos(0.3 * t * t);
 *   U.push([u]);
 *   Y.push([2 * x + 0.5 * u]);
 *   x = 0.8 * x + u;
 * }
 * const fit = fitSubspaceDmdc(Y, U, { nDelays: 2, rank: 1, ridge: 0 });
 * assert.ok(Math.abs(fit.A.data[0]! - 0.8) < 1e-9);
 * assert.ok(Math.abs(fit.C.data[0]! * fit.B.data[0]! - 2) < 1e-9); // CB
 * assert.ok(Math.abs(fit.D.data[0]! - 0.5) < 1e-9);
 * ```
 */
export function fitSubspaceDmdc(
  Y: TimeSeriesLike,
  U: TimeSeriesLike,
  options: SubspaceDmdcOptions = {},
): SubspaceDmdcFit {
  const context = "Cannot fit subspace DMDc";
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
  const ys = asTrials(Y, "Y", context), us = asTrials(U, "U", context);
  checkSameTrials(ys, us, context);
  const p = nDelays, f = horizon, q = ys.dims, m = us.dims;
  const yMean = channelMeans(ys, center), uMean = channelMeans(us, center);
  const cols = ys.lengths.map((N) => Math.max(0, N - p - f + 1));
  const J = cols.reduce((a, b) => a + b, 0);
  const a = f * m, b = p * (m + q), c = f * q, R = a + b + c;
  if (J < R) {
    throw new RangeError(
      `${context}: the Hankel matrices need at least ${R} columns (rows of [U_f; U_p; Y_p; Y_f] for nDelays ${p}, horizon ${f}, ${q} outputs and ${m} inputs): got ${J} from trial lengths [${
        ys.lengths.join(", ")
      }]`,
    );
  }
  // Hᵀ: one row per Hankel column t, laid out [U_f | U_p | Y_p | Y_f]
  const Ht = new Float64Array(J * R);
  const yAt = (row: number, j: number) => ys.data[row * q + j]! - yMean[j]!;
  const uAt = (row: number, j: number) => us.data[row * m + j]! - uMean[j]!;
  let o = 0, start = 0;
  ys.lengths.forEach((N, trial) => {
    for (let t = 0; t < cols[trial]!; t++, o++) {
      const h = o * R;
      for (let k = 0; k < f; k++) {
        for (let j = 0; j < m; j++) Ht[h + k * m + j] = uAt(start + t + p + k, j);
        for (let j = 0; j < q; j++) Ht[h + a + b + k * q + j] = yAt(start + t + p + k, j);
      }
      for (let k = 0; k < p; k++) {
        for (let j = 0; j < m; j++) Ht[h + a + k * m + j] = uAt(start + t + k, j);
        for (let j = 0; j < q; j++) Ht[h + a + p * m + k * q + j] = yAt(start + t + k, j);
      }
    }
    start += N;
  });
  // LQ of H from the QR of Hᵀ: H = L Qᵀ with L = Rᵀ (lower triangular)
  const { Q, R: Rq } = qr({ rows: J, cols: R, data: Ht });
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
  if (rank !== undefined) n = Math.min(rank, maxOrder);
  else {
    let total = 0;
    for (const v of s) total += v * v;
    let acc = 0;
    n = 0;
    while (n < s.length && acc < explainedVariance * total * (1 - 1e-12)) acc += s[n]! ** 2, n++;
    n = Math.max(1, Math.min(n, maxOrder));
  }
  if (!(s[n - 1]! > 0)) {
    throw new RangeError(
      `${context}: the oblique projection has rank below the order: singular value ${n} is ${
        s[n - 1]
      } (are the inputs exciting enough?): lower \`rank\``,
    );
  }
  // states X̂ᵀ [J, n] = Q₁₂ V_n S_n^½
  const half = Float64Array.from(s.subarray(0, n), Math.sqrt);
  const Vs = new Float64Array((a + b) * n);
  for (let i = 0; i < a + b; i++) {
    for (let k = 0; k < n; k++) Vs[i * n + k] = dec.Vt.data[k * (a + b) + i]! * half[k]!;
  }
  const Q12 = new Float64Array(J * (a + b));
  for (let i = 0; i < J; i++) {
    for (let j = 0; j < a + b; j++) Q12[i * (a + b) + j] = Q.data[i * Q.cols + j]!;
  }
  const X = mm(Q12, Vs, J, a + b, n);
  // regressions on [x̂_t, u_{t+p}]
  const k = n + m;
  const transitions = cols.reduce((acc, j) => acc + Math.max(0, j - 1), 0);
  if (transitions < 1) {
    throw new RangeError(`${context}: no trial has two Hankel columns: got columns [${cols}]`);
  }
  const Zs = new Float64Array(transitions * k), Ts = new Float64Array(transitions * n);
  const Zo = new Float64Array(J * k), To = new Float64Array(J * q);
  let col = 0, tr = 0;
  start = 0;
  ys.lengths.forEach((N, trial) => {
    for (let t = 0; t < cols[trial]!; t++, col++) {
      for (let i = 0; i < n; i++) Zo[col * k + i] = X[col * n + i]!;
      for (let j = 0; j < m; j++) Zo[col * k + n + j] = uAt(start + t + p, j);
      for (let j = 0; j < q; j++) To[col * q + j] = yAt(start + t + p, j);
      if (t + 1 < cols[trial]!) {
        Zs.set(Zo.subarray(col * k, col * k + n), tr * k);
        for (let j = 0; j < m; j++) Zs[tr * k + n + j] = uAt(start + t + p, j);
        for (let i = 0; i < n; i++) Ts[tr * n + i] = X[(col + 1) * n + i]!;
        tr++;
      }
    }
    start += N;
  });
  const W = ridgeLstsq(Zs, Ts, transitions, k, n, ridge); // [k, n]: rows of [Aᵀ; Bᵀ]
  const V = ridgeLstsq(Zo, To, J, k, q, ridge); // [k, q]: rows of [Cᵀ; Dᵀ]
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
  const { re, im } = eig({ rows: n, cols: n, data: A });
  return tagResult("subspaceDmdc", {
    A: { rows: n, cols: n, data: A },
    B: { rows: n, cols: m, data: B },
    C: { rows: q, cols: n, data: C },
    D: { rows: q, cols: m, data: D },
    eigenvalues: { re, im },
    order: n,
    singularValues: s,
    nDelays: p,
    horizon: f,
    ridge,
    outputs: q,
    inputs: m,
    columns: J,
    outputMeans: yMean,
    inputMeans: uMean,
  });
}

/**
 * The Markov parameters (impulse response) of a state-space model:
 * h₀ = D, h_k = C A^{k−1} B for k ≥ 1. They do not depend on the state basis.
 *
 * @param fit A model with `A`, `B`, `C`, `D` (e.g. from {@link fitSubspaceDmdc}).
 * @param count How many (h₀ … h_{count−1}).
 * @returns The parameters, each [outputs, inputs].
 *
 * @example
 * ```ts
 * import { markovParameters } from "./subspace_dmdc.ts";
 * import assert from "node:assert/strict";
 * const one = (v: number) => ({ rows: 1, cols: 1, data: new Float64Array([v]) });
 * const h = markovParameters({ A: one(0.5), B: one(2), C: one(3), D: one(1) }, 3);
 * assert.deepEqual(h.map((x) => x.data[0]), [1, 6, 3]);
 * ```
 */
export function markovParameters(
  fit: { A: Matrix; B: Matrix; C: Matrix; D: Matrix },
  count: number,
): Matrix[] {
  assertInteger(count, "count", 1, Infinity, "Cannot compute Markov parameters");
  const n = fit.A.rows, m = fit.B.cols, q = fit.C.rows;
  const out: Matrix[] = [{ rows: q, cols: m, data: fit.D.data.slice() }];
  let AkB: Float64Array = fit.B.data.slice();
  for (let k = 1; k < count; k++) {
    out.push({ rows: q, cols: m, data: mm(fit.C.data, AkB, q, n, m) });
    AkB = mm(fit.A.data, AkB, n, n, m);
  }
  return out;
}
