/**
 * Running an ltrRNN forward in latent coordinates: the state of trial k is
 * `x_t = Ĉ κ_t` with an R-dimensional κ_t, so each step costs O(nR) instead of O(n²).
 *
 * @module
 */

import { matmul } from "../linalg/products.ts";
import { type Tensor3, tensor3 } from "../tensor/tensor.ts";
import { ltrLayout, type LtrModel, trialFactorArray, unitColumns } from "./ltr_model.ts";
import { tanh } from "./tanh.ts";

/** Parameters of a model in the form the forward and backward passes use. */
export interface Derived {
  /** Ĉ `[n, R]`, unit columns. */
  Ch: Float64Array;
  /** Column norms of the raw column factors. */
  cNorms: Float64Array;
  /** ρ̂ `[n, R]`, unit columns. */
  Ph: Float64Array;
  /** Row-factor norms. */
  pNorms: Float64Array;
  /** Trial factors a `[K, R]`. */
  A: Float64Array;
  /** Ĉᵀ `[R, n]` (rows contiguous, for the inner loops). */
  ChT: Float64Array;
  /** ρ̂ᵀ `[R, n]`. */
  PhT: Float64Array;
}

function transposed(M: Float64Array, n: number, R: number): Float64Array {
  const out = new Float64Array(n * R);
  for (let i = 0; i < n; i++) for (let r = 0; r < R; r++) out[r * n + i] = M[i * R + r]!;
  return out;
}

/** Evaluate the derived parameters of a model. */
export function derive(model: LtrModel): Derived {
  const lay = ltrLayout(model);
  const c = unitColumns(model.theta, lay.columns, model.nUnits, model.rank);
  const p = unitColumns(model.theta, lay.rows, model.nUnits, model.rank);
  const n = model.nUnits, R = model.rank;
  return {
    Ch: c.M,
    cNorms: c.norms,
    Ph: p.M,
    pNorms: p.norms,
    A: trialFactorArray(model),
    ChT: transposed(c.M, n, R),
    PhT: transposed(p.M, n, R),
  };
}

/** Buffers of one forward pass over a set of trials (reused across iterations). */
export interface Workspace {
  /** Trials simulated, in order. */
  trials: Int32Array;
  /** Number of valid entries of `trials`. */
  count: number;
  /** Latents κ_t, t = 0..T, `[count, T + 1, R]`. */
  kap: Float64Array;
  /** Pre-activations x_t = Ĉ κ_t, `[count, T + 1, n]`. */
  X: Float64Array;
  /** Activations tanh(x_t), `[count, T + 1, n]` (rows t ≥ 1 feed the readout). */
  H: Float64Array;
  /** Latent inputs β u_c(t), `[C, T, R]`. */
  V: Float64Array;
  /** Recurrent drive ρ̂ᵀ h_t for t = 0..T−1, `[count, T, R]`. */
  S: Float64Array;
  /** Backward buffer: dL/dx_t, `[count, T + 1, n]`. */
  DX: Float64Array;
  /** Backward buffer: α a ⊙ dL/dκ_{t+1} (zero at t = T), `[count, T + 1, R]`. */
  AG: Float64Array;
}

/** Allocate buffers for up to `K` trials. */
export function workspace(model: LtrModel): Workspace {
  const { nTrials: K, nTime: T, rank: R, nUnits: n, nConditions: C } = model;
  return {
    trials: new Int32Array(K),
    count: 0,
    kap: new Float64Array(K * (T + 1) * R),
    X: new Float64Array(K * (T + 1) * n),
    H: new Float64Array(K * (T + 1) * n),
    V: new Float64Array(C * T * R),
    S: new Float64Array(K * T * R),
    DX: new Float64Array(K * (T + 1) * n),
    AG: new Float64Array(K * (T + 1) * R),
  };
}

/** Latent inputs `v_c(t) = β u_c(t)` for every condition and time, into `V` `[C, T, R]`. */
export function latentInputs(model: LtrModel, V: Float64Array): void {
  const { nConditions: C, nTime: T, rank: R, nInputs: U, theta } = model;
  const beta = ltrLayout(model).inputWeights;
  const u = model.inputs.data;
  for (let c = 0; c < C; c++) {
    for (let t = 0; t < T; t++) {
      const uo = (c * T + t) * U, vo = (c * T + t) * R;
      for (let r = 0; r < R; r++) {
        let s = 0;
        for (let q = 0; q < U; q++) s += theta[beta + r * U + q]! * u[uo + q]!;
        V[vo + r] = s;
      }
    }
  }
}

/**
 * Forward pass over `w.trials[0..w.count)`: fills κ, x, tanh(x) and ρ̂ᵀ tanh(x) in the
 * workspace (loops over units innermost, on Ĉᵀ and ρ̂ᵀ rows).
 */
export function forward(model: LtrModel, d: Derived, w: Workspace): void {
  const { nTime: T, rank: R, nUnits: n, alpha, theta } = model;
  const lay = ltrLayout(model);
  const { ChT, PhT, A } = d;
  const { kap, X, H, V, S } = w;
  latentInputs(model, V);
  const b0 = lay.latentBias, k0 = lay.initialState;
  const beta1 = 1 - alpha;
  for (let m = 0; m < w.count; m++) {
    const k = w.trials[m]!;
    const c = model.conditions[k]!;
    const ko = m * (T + 1) * R;
    for (let r = 0; r < R; r++) kap[ko + r] = theta[k0 + c * R + r]!;
    for (let t = 0; t <= T; t++) {
      const kt = ko + t * R;
      // x_t = Ĉ κ_t, h_t = tanh(x_t)
      const xo = (m * (T + 1) + t) * n;
      for (let i = 0; i < n; i++) X[xo + i] = 0;
      for (let r = 0; r < R; r++) {
        const kr = kap[kt + r]!, co = r * n;
        for (let i = 0; i < n; i++) X[xo + i] += ChT[co + i]! * kr;
      }
      for (let i = 0; i < n; i++) H[xo + i] = tanh(X[xo + i]!);
      if (t === T) break;
      // κ_{t+1} = (1 − α) κ_t + α (a ⊙ ρ̂ᵀ h_t + β u_c(t) + b₀)
      const vo = (c * T + t) * R, ao = k * R, kn = kt + R, so = (m * T + t) * R;
      for (let r = 0; r < R; r++) {
        let sr = 0;
        const po = r * n;
        for (let i = 0; i < n; i++) sr += PhT[po + i]! * H[xo + i]!;
        S[so + r] = sr;
        kap[kn + r] = beta1 * kap[kt + r]! +
          alpha * (A[ao + r]! * sr + V[vo + r]! + theta[b0 + r]!);
      }
    }
  }
}

/** Readout `D h_t + d` for every simulated trial and t = 0..T, `[count · (T + 1), N]` (one gemm). */
export function readoutFull(model: LtrModel, w: Workspace): Float64Array {
  const { nTime: T, nUnits: n, nOutputs: N, theta } = model;
  const lay = ltrLayout(model);
  const rows = w.count * (T + 1);
  const Y = matmul(
    { rows, cols: n, data: w.H.subarray(0, rows * n) },
    { rows: N, cols: n, data: theta.subarray(lay.readout, lay.readout + N * n) },
    { transB: true },
  ).data;
  for (let p = 0; p < rows; p++) {
    for (let i = 0; i < N; i++) Y[p * N + i] += theta[lay.readoutBias + i]!;
  }
  return Y;
}

/** Readout ŷ_t = D tanh(x_{t+1}) + d for the simulated trials, `[count, T, N]`. */
export function readoutOf(model: LtrModel, w: Workspace): Float64Array {
  const { nTime: T, nOutputs: N } = model;
  const full = readoutFull(model, w);
  const out = new Float64Array(w.count * T * N);
  for (let m = 0; m < w.count; m++) {
    out.set(full.subarray((m * (T + 1) + 1) * N, (m + 1) * (T + 1) * N), m * T * N);
  }
  return out;
}

/** Activations for t = 1..T, `[count, T, n]`. */
function ratesOf(model: LtrModel, w: Workspace): Float64Array {
  const { nTime: T, nUnits: n } = model;
  const out = new Float64Array(w.count * T * n);
  for (let m = 0; m < w.count; m++) {
    out.set(w.H.subarray((m * (T + 1) + 1) * n, (m + 1) * (T + 1) * n), m * T * n);
  }
  return out;
}

/** Result of {@link simulateLtr}. */
export interface LtrSimulation {
  /** Latent states κ_t, `[K, T + 1, R]` (t = 0 is the initial state). */
  latents: Tensor3;
  /** Unit activations tanh(x_t) for t = 1..T, `[K, T, n]`. */
  rates: Tensor3;
  /** Readout ŷ_t = D tanh(x_{t+1}) + d, `[K, T, N]` (trials × time × neurons). */
  outputs: Tensor3;
}

/**
 * Simulate every trial of an ltrRNN (noise-free).
 *
 * @param model An ltrRNN.
 * @returns Latents, rates and readout.
 *
 * @example Shapes follow the model
 * ```ts
 * import { initLtrModel } from "./init.ts";
 * import { simulateLtr } from "./simulate.ts";
 * import assert from "node:assert/strict";
 * const m = initLtrModel({ rank: 2, nUnits: 6, nOutputs: 3, nTrials: 4, nTime: 5, nConditions: 2, nInputs: 2 });
 * const sim = simulateLtr(m);
 * assert.deepEqual(sim.outputs.shape, [4, 5, 3]);
 * assert.deepEqual(sim.latents.shape, [4, 6, 2]);
 * ```
 */
export function simulateLtr(model: LtrModel): LtrSimulation {
  const { nTrials: K, nTime: T, rank: R, nUnits: n, nOutputs: N } = model;
  const w = workspace(model);
  for (let k = 0; k < K; k++) w.trials[k] = k;
  w.count = K;
  forward(model, derive(model), w);
  return {
    latents: tensor3([K, T + 1, R], w.kap),
    rates: tensor3([K, T, n], ratesOf(model, w)),
    outputs: tensor3([K, T, N], readoutOf(model, w)),
  };
}
