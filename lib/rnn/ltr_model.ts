/**
 * The low-tensor-rank RNN (ltrRNN) of Pellegrino, Cayco-Gajic & Chadwick (2023),
 * "Low Tensor Rank Learning of Neural Dynamics" (NeurIPS):
 *
 * - weights `W^(k) = Σ_r a_r(k) ĉ_r ρ̂_rᵀ` on trial k, with unit-norm column factors ĉ_r,
 *   row factors ρ̂_r and trial factors `a(k) = (L z)(k) + b`, L the Cholesky factor of a
 *   rational-quadratic prior over trials;
 * - dynamics `x_{t+1} = (1 − α) x_t + α (W^(k) tanh(x_t) + B u_c(t) + β₀)` (Euler with
 *   `α = dt/τ`), inputs and bias in span{ĉ_r}: `B = Ĉ β`, `β₀ = Ĉ b₀`, and initial states
 *   `x_0 = Ĉ κ_0(c)` per condition, so the state stays `x_t = Ĉ κ_t` with an R-dimensional
 *   latent κ_t: `κ_{t+1} = (1 − α) κ_t + α (a(k) ⊙ ρ̂ᵀ tanh(Ĉ κ_t) + β u_c(t) + b₀)`;
 * - readout `ŷ_t = D tanh(x_{t+1}) + d` to the recorded neurons (plain linear D).
 *
 * A model is plain data: dimensions, the trial conditions and inputs, the fixed prior
 * factor L and a flat parameter vector `theta` (layout {@link ltrLayout}).
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import type { Tensor3 } from "../tensor/tensor.ts";

/** Sizes of an ltrRNN. */
export interface LtrDims {
  /** R: number of components. */
  rank: number;
  /** n: units of the RNN. */
  nUnits: number;
  /** N: recorded neurons (readout size). */
  nOutputs: number;
  /** K: trials. */
  nTrials: number;
  /** T: time steps per trial. */
  nTime: number;
  /** C: task conditions. */
  nConditions: number;
  /** Input channels. */
  nInputs: number;
}

/** A low-tensor-rank RNN (plain data). */
export interface LtrModel extends LtrDims {
  /** Euler step over time constant, `dt / τ`, in (0, 1]. */
  alpha: number;
  /** Condition index of every trial, length K, values in [0, C). */
  conditions: number[];
  /** Input time series per condition, `[C, T, nInputs]`. */
  inputs: Tensor3;
  /** Lower Cholesky factor of the trial prior, `[K, K]`. */
  kernelCholesky: Matrix;
  /** Flat parameters, laid out by {@link ltrLayout}. */
  theta: Float64Array;
}

/** Offsets (and sizes) of each parameter block in `theta`. */
export interface LtrLayout {
  /** Raw column factors `[n, R]` (normalised to unit columns in use). */
  columns: number;
  /** Raw row factors `[n, R]`. */
  rows: number;
  /** Whitened trial factors z `[K, R]`. */
  z: number;
  /** Trial-factor offset b `[R]`. */
  trialBias: number;
  /** Latent input map β `[R, nInputs]`. */
  inputWeights: number;
  /** Latent bias b₀ `[R]`. */
  latentBias: number;
  /** Initial latent state per condition `[C, R]`. */
  initialState: number;
  /** Readout D `[N, n]`. */
  readout: number;
  /** Readout bias d `[N]`. */
  readoutBias: number;
  /** Total number of parameters. */
  size: number;
}

/**
 * Where each parameter block sits in the flat parameter vector.
 *
 * @param d Model sizes.
 * @returns Offsets and the total size.
 *
 * @example Sizes add up
 * ```ts
 * import { ltrLayout } from "./ltr_model.ts";
 * import assert from "node:assert/strict";
 * const L = ltrLayout({ rank: 2, nUnits: 5, nOutputs: 4, nTrials: 3, nTime: 7, nConditions: 2, nInputs: 2 });
 * assert.equal(L.size, 10 + 10 + 6 + 2 + 4 + 2 + 4 + 20 + 4);
 * ```
 */
export function ltrLayout(d: LtrDims): LtrLayout {
  const { rank: R, nUnits: n, nOutputs: N, nTrials: K, nConditions: C, nInputs: U } = d;
  let o = 0;
  const take = (size: number) => {
    const at = o;
    o += size;
    return at;
  };
  const columns = take(n * R), rows = take(n * R), z = take(K * R), trialBias = take(R);
  const inputWeights = take(R * U), latentBias = take(R), initialState = take(C * R);
  const readout = take(N * n), readoutBias = take(N);
  return {
    columns,
    rows,
    z,
    trialBias,
    inputWeights,
    latentBias,
    initialState,
    readout,
    readoutBias,
    size: o,
  };
}

/** The parameters of an ltrRNN by name, in model coordinates. */
export interface LtrParameters {
  /** Ĉ: unit-norm column factors `[n, R]`. */
  columnFactors: Matrix;
  /** ρ̂: unit-norm row factors `[n, R]`. */
  rowFactors: Matrix;
  /** a: trial factors `[K, R]` (`L z + b`). */
  trialFactors: Matrix;
  /** β: latent input map `[R, nInputs]` (the input map in neuron space is Ĉ β). */
  inputWeights: Matrix;
  /** b₀: latent bias `[R]` (Ĉ b₀ in neuron space). */
  latentBias: number[];
  /** κ₀: initial latent state per condition `[C, R]` (Ĉ κ₀ in neuron space). */
  initialState: Matrix;
  /** D: readout `[N, n]`. */
  readout: Matrix;
  /** d: readout bias `[N]`. */
  readoutBias: number[];
}

/** Unit-normalise the columns of an `[n, R]` block of theta; returns the normalised copy and norms. */
export function unitColumns(
  theta: Float64Array,
  offset: number,
  n: number,
  R: number,
): { M: Float64Array; norms: Float64Array } {
  const M = theta.slice(offset, offset + n * R);
  const norms = new Float64Array(R);
  for (let i = 0; i < n; i++) for (let r = 0; r < R; r++) norms[r] += M[i * R + r]! ** 2;
  for (let r = 0; r < R; r++) {
    norms[r] = Math.sqrt(norms[r]!);
    if (!(norms[r]! > 0)) {
      throw new RangeError(`Cannot evaluate ltrRNN: factor column ${r} has zero norm`);
    }
  }
  for (let i = 0; i < n; i++) for (let r = 0; r < R; r++) M[i * R + r] /= norms[r]!;
  return { M, norms };
}

/** Trial factors `a = L z + b` as a flat `[K, R]` array. */
export function trialFactorArray(model: LtrModel): Float64Array {
  const { nTrials: K, rank: R, theta, kernelCholesky: L } = model;
  const lay = ltrLayout(model);
  const out = new Float64Array(K * R);
  for (let k = 0; k < K; k++) {
    for (let r = 0; r < R; r++) {
      let s = theta[lay.trialBias + r]!;
      for (let q = 0; q <= k; q++) s += L.data[k * K + q]! * theta[lay.z + q * R + r]!;
      out[k * R + r] = s;
    }
  }
  return out;
}

/**
 * The parameters of a model by name (copies), with normalised factors and the trial
 * factors `a = L z + b` evaluated.
 *
 * @param model An ltrRNN.
 * @returns Named parameter matrices.
 *
 * @example Column factors have unit norm
 * ```ts
 * import { initLtrModel } from "./init.ts";
 * import { ltrParameters } from "./ltr_model.ts";
 * import assert from "node:assert/strict";
 * const m = initLtrModel({ rank: 2, nUnits: 6, nOutputs: 3, nTrials: 4, nTime: 5, nConditions: 1, nInputs: 1 });
 * const C = ltrParameters(m).columnFactors;
 * const norm0 = Math.hypot(...Array.from({ length: 6 }, (_, i) => C.data[i * 2]!));
 * assert.ok(Math.abs(norm0 - 1) < 1e-12);
 * ```
 */
export function ltrParameters(model: LtrModel): LtrParameters {
  const { rank: R, nUnits: n, nOutputs: N, nConditions: C, nInputs: U, theta } = model;
  const lay = ltrLayout(model);
  const m = (rows: number, cols: number, at: number): Matrix => ({
    rows,
    cols,
    data: theta.slice(at, at + rows * cols),
  });
  return {
    columnFactors: { rows: n, cols: R, data: unitColumns(theta, lay.columns, n, R).M },
    rowFactors: { rows: n, cols: R, data: unitColumns(theta, lay.rows, n, R).M },
    trialFactors: { rows: model.nTrials, cols: R, data: trialFactorArray(model) },
    inputWeights: m(R, U, lay.inputWeights),
    latentBias: Array.from(theta.subarray(lay.latentBias, lay.latentBias + R)),
    initialState: m(C, R, lay.initialState),
    readout: m(N, n, lay.readout),
    readoutBias: Array.from(theta.subarray(lay.readoutBias, lay.readoutBias + N)),
  };
}

/**
 * The trial-varying recurrent weights as a `[K, n, n]` tensor,
 * `W^(k) = Σ_r a_r(k) ĉ_r ρ̂_rᵀ` — a CP tensor of rank ≤ R by construction.
 *
 * @param model An ltrRNN.
 * @returns `W[k][i][j]`.
 *
 * @example Every slice has rank ≤ R
 * ```ts
 * import { initLtrModel } from "./init.ts";
 * import { weightTensor } from "./ltr_model.ts";
 * import { singularValues } from "../linalg/mod.ts";
 * import assert from "node:assert/strict";
 * const m = initLtrModel({ rank: 1, nUnits: 4, nOutputs: 2, nTrials: 3, nTime: 2, nConditions: 1, nInputs: 1 });
 * const W = weightTensor(m);
 * const s = singularValues({ rows: 4, cols: 4, data: W.data.slice(0, 16) });
 * assert.ok(s[1]! < 1e-12 * s[0]!);
 * ```
 */
export function weightTensor(model: LtrModel): Tensor3 {
  const { rank: R, nUnits: n, nTrials: K } = model;
  const p = ltrParameters(model);
  const c = p.columnFactors.data, rho = p.rowFactors.data, a = p.trialFactors.data;
  const out = new Float64Array(K * n * n);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let r = 0; r < R; r++) s += a[k * R + r]! * c[i * R + r]! * rho[j * R + r]!;
        out[(k * n + i) * n + j] = s;
      }
    }
  }
  return { shape: [K, n, n], data: out };
}
