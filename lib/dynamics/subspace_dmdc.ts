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
import { qr } from "../linalg/lstsq.ts";
import type { Matrix } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { assertInteger } from "../validate/mod.ts";
import { asTrials, type TimeSeriesLike, type Trials } from "./data.ts";
import { mm } from "./dense.ts";
import {
  hankelRows,
  resolveSubspaceOptions,
  ridgeLstsq,
  stateSpaceFromRegressions,
  type SubspaceDmdcOptions,
  subspaceStates,
} from "./subspace_core.ts";
import { checkOptions } from "../validate/options.ts";
import { SUBSPACE_OPTIONS } from "./option_kinds.ts";

export type { SubspaceDmdcOptions } from "./subspace_core.ts";

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
  checkOptions(options, SUBSPACE_OPTIONS, context);
  const o = resolveSubspaceOptions(options, context);
  const { center, ridge } = o;
  const ys = asTrials(Y, "Y", context), us = asTrials(U, "U", context);
  checkSameTrials(ys, us, context);
  const p = o.nDelays, f = o.horizon, q = ys.dims, m = us.dims;
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
  let start = 0, row = 0;
  ys.lengths.forEach((N, trial) => {
    const y = ys.data.subarray(start * q, (start + N) * q);
    const u = us.data.subarray(start * m, (start + N) * m);
    Ht.set(hankelRows(y, u, N, { q, m, p, f, yMean, uMean, stride: R }), row * R);
    row += cols[trial]!;
    start += N;
  });
  // LQ of H from the QR of Hᵀ: H = L Qᵀ with L = Rᵀ (lower triangular)
  const { Q, R: Rq } = qr({ rows: J, cols: R, data: Ht });
  const { singularValues: s, order: n, Vs } = subspaceStates(Rq, a, b, c, o, context);
  // states X̂ᵀ [J, n] = Q₁₂ V_n S_n^½
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
  const W = ridgeLstsq(Zs, Ts, transitions, k, n, ridge, transitions); // rows of [Aᵀ; Bᵀ]
  const V = ridgeLstsq(Zo, To, J, k, q, ridge, J); // [k, q]: rows of [Cᵀ; Dᵀ]
  const ops = stateSpaceFromRegressions(W, V, n, m, q);
  const { re, im } = eig(ops.A);
  return tagResult("subspaceDmdc", {
    ...ops,
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
