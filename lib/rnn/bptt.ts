/**
 * The ltrRNN training loss and its exact gradient by backpropagation through time,
 * written by hand in latent coordinates (O(nR) per step; the readout and its
 * gradient run as three gemms over all trials and time steps at once).
 *
 * @module
 */

import { matmul } from "../linalg/products.ts";
import { ltrLayout, type LtrModel } from "./ltr_model.ts";
import { type Derived, readoutFull, type Workspace } from "./simulate.ts";

/** Weights of the L2 penalties of the ltrRNN loss. */
export interface PenaltyOptions {
  /** λ_x: weight of the mean square of the unit states x_t (t = 1..T). @default 0.01 */
  lambdaState?: number;
  /** λ_u: weight of the mean square of the latent inputs β u_c(t). @default 0.01 */
  lambdaInput?: number;
}

/** Value of the loss on one batch of trials. */
export interface LossValue {
  /** `mse + penalty`. */
  loss: number;
  /** Mean squared error over the masked entries of the batch's trials. */
  mse: number;
  /** The L2 penalty term. */
  penalty: number;
  /** Number of entries in the MSE. */
  count: number;
}

/**
 * Loss and gradient for the trials in the workspace (after `forward`).
 *
 * `loss = (1/M) Σ_{k,t,i ∈ mask} (ŷ_{k,t,i} − y_{k,t,i})²
 *        + λ_x mean_{k,t,i}(x_{k,t,i}²) + λ_u mean_{k,t,r}((β u_{c(k)}(t))_r²)`,
 * over the workspace's trials k, t = 1..T for states and t = 0..T−1 for inputs. The
 * gradient with respect to `theta` (same layout) is written into `grad`.
 *
 * @param model The model (its `theta` is read).
 * @param d Derived parameters of `model`.
 * @param w Workspace after `forward`.
 * @param Y Data `[K, T, N]` (read only where `mask` is set).
 * @param mask Entries in the loss, `[K, T, N]`.
 * @param options Penalty weights.
 * @param grad Output, length of `theta`.
 * @returns The loss terms.
 */
export function lossAndGradient(
  model: LtrModel,
  d: Derived,
  w: Workspace,
  Y: Float64Array,
  mask: Uint8Array,
  options: PenaltyOptions,
  grad: Float64Array,
): LossValue {
  const { lambdaState = 0.01, lambdaInput = 0.01 } = options;
  const { nTime: T, rank: R, nUnits: n, nOutputs: N, nInputs: U, alpha, theta } = model;
  const lay = ltrLayout(model);
  const { Ch, Ph, ChT, PhT, A } = d;
  const { kap, X, H, V, S, DX, AG } = w;
  const count = w.count, T1 = T + 1;
  grad.fill(0);

  // Readout error, on rows t = 1..T of every trial (rows t = 0 get zero residual).
  const E = readoutFull(model, w);
  let sse = 0, M = 0;
  for (let m = 0; m < count; m++) {
    const k = w.trials[m]!;
    E.fill(0, m * T1 * N, (m * T1 + 1) * N);
    for (let t = 0; t < T; t++) {
      const po = (m * T1 + t + 1) * N, dOff = (k * T + t) * N;
      for (let i = 0; i < N; i++) {
        if (mask[dOff + i]) {
          const e = E[po + i]! - Y[dOff + i]!;
          sse += e * e;
          M++;
          E[po + i] = e;
        } else E[po + i] = 0;
      }
    }
  }
  const mse = M > 0 ? sse / M : 0;
  const rows = count * T1;
  const Hm = { rows, cols: n, data: H.subarray(0, rows * n) };
  let dH: Float64Array;
  if (M > 0) {
    const sc = 2 / M;
    for (let p = 0; p < rows * N; p++) E[p] *= sc;
    const Em = { rows, cols: N, data: E };
    grad.set(matmul(Em, Hm, { transA: true }).data, lay.readout);
    for (let p = 0; p < rows; p++) {
      for (let i = 0; i < N; i++) grad[lay.readoutBias + i] += E[p * N + i]!;
    }
    dH = matmul(Em, {
      rows: N,
      cols: n,
      data: theta.subarray(lay.readout, lay.readout + N * n),
    }).data;
  } else dH = new Float64Array(rows * n);

  // Penalties: states x_t for t = 1..T, latent inputs for t = 0..T−1.
  const nStates = count * T * n, nIn = count * T * R;
  let xs2 = 0;
  for (let m = 0; m < count; m++) {
    for (let p = (m * T1 + 1) * n; p < (m + 1) * T1 * n; p++) xs2 += X[p]! * X[p]!;
  }
  const cx = (2 * lambdaState) / nStates;
  let vs2 = 0;
  for (let m = 0; m < count; m++) {
    const vo = model.conditions[w.trials[m]!]! * T * R;
    for (let q = 0; q < T * R; q++) vs2 += V[vo + q]! ** 2;
  }
  const cu = (2 * lambdaInput) / nIn;
  const penalty = (lambdaState * xs2) / nStates + (lambdaInput * vs2) / nIn;

  // Backpropagation through time, trial by trial (loops over units innermost). The
  // sequential part is the R-dimensional adjoint g_t = dL/dκ_t; the weight gradients
  // are collected afterwards as two gemms over all (trial, t) rows.
  const gA = new Float64Array(model.nTrials * R);
  const gV = new Float64Array(model.nConditions * T * R);
  const g = new Float64Array(R);
  const b0 = lay.latentBias, k0 = lay.initialState;
  const beta1 = 1 - alpha;
  for (let m = 0; m < count; m++) {
    const k = w.trials[m]!, c = model.conditions[k]!;
    const ao = k * R;
    g.fill(0); // dL/dκ_{T+1}: none
    for (let t = T; t >= 0; t--) {
      const xo = (m * T1 + t) * n, ro = (m * T1 + t) * R;
      // dL/dh_t: from the readout (zero at t = 0) …
      for (let i = 0; i < n; i++) DX[xo + i] = dH[xo + i]!;
      // … and from the step κ_{t+1} = … + α a ⊙ ρ̂ᵀ h_t (t ≤ T − 1).
      if (t < T) {
        const vo = (c * T + t) * R, so = (m * T + t) * R;
        for (let r = 0; r < R; r++) {
          const ar = alpha * g[r]!;
          const agr = ar * A[ao + r]!;
          AG[ro + r] = agr;
          gA[ao + r] += ar * S[so + r]!;
          grad[b0 + r] += ar;
          gV[vo + r] += ar + cu * V[vo + r]!;
          const po = r * n;
          for (let i = 0; i < n; i++) DX[xo + i] += PhT[po + i]! * agr;
        }
      } else for (let r = 0; r < R; r++) AG[ro + r] = 0;
      // Through tanh, plus the state penalty: dL/dx_t.
      const pen = t >= 1 ? cx : 0;
      for (let i = 0; i < n; i++) {
        const h = H[xo + i]!;
        DX[xo + i] = DX[xo + i]! * (1 - h * h) + pen * X[xo + i]!;
      }
      // g_t = (1 − α) g_{t+1} + Ĉᵀ dL/dx_t.
      for (let r = 0; r < R; r++) {
        const co = r * n;
        let acc = t < T ? beta1 * g[r]! : 0;
        for (let i = 0; i < n; i++) acc += ChT[co + i]! * DX[xo + i]!;
        g[r] = acc;
      }
    }
    for (let r = 0; r < R; r++) grad[k0 + c * R + r] += g[r]!;
  }
  // dL/dĈ = Σ dL/dx_t κ_tᵀ and dL/dρ̂ = Σ h_t (α a ⊙ g_{t+1})ᵀ, as gemms.
  const gCh = matmul({ rows, cols: n, data: DX.subarray(0, rows * n) }, {
    rows,
    cols: R,
    data: kap.subarray(0, rows * R),
  }, { transA: true }).data;
  const gPh = matmul(Hm, { rows, cols: R, data: AG.subarray(0, rows * R) }, { transA: true })
    .data;

  // Chain rule to the raw parameters.
  const { nTrials: K, nConditions: C } = model;
  const L = model.kernelCholesky.data;
  for (let q = 0; q < K; q++) {
    for (let r = 0; r < R; r++) {
      let acc = 0;
      for (let k = q; k < K; k++) acc += L[k * K + q]! * gA[k * R + r]!;
      grad[lay.z + q * R + r] = acc;
    }
  }
  for (let k = 0; k < K; k++) for (let r = 0; r < R; r++) grad[lay.trialBias + r] += gA[k * R + r]!;
  const u = model.inputs.data;
  for (let c = 0; c < C; c++) {
    for (let t = 0; t < T; t++) {
      const vo = (c * T + t) * R, uo = (c * T + t) * U;
      for (let r = 0; r < R; r++) {
        const gv = gV[vo + r]!;
        if (gv === 0) continue;
        for (let q = 0; q < U; q++) grad[lay.inputWeights + r * U + q] += gv * u[uo + q]!;
      }
    }
  }
  unitColumnGradient(gCh, Ch, d.cNorms, n, R, grad, lay.columns);
  unitColumnGradient(gPh, Ph, d.pNorms, n, R, grad, lay.rows);
  return { loss: mse + penalty, mse, penalty, count: M };
}

/** Gradient through `ĉ = c / ‖c‖` per column: `(g − ĉ (ĉᵀ g)) / ‖c‖`. */
function unitColumnGradient(
  gHat: Float64Array,
  hat: Float64Array,
  norms: Float64Array,
  n: number,
  R: number,
  out: Float64Array,
  offset: number,
): void {
  for (let r = 0; r < R; r++) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += hat[i * R + r]! * gHat[i * R + r]!;
    for (let i = 0; i < n; i++) {
      out[offset + i * R + r] = (gHat[i * R + r]! - hat[i * R + r]! * dot) / norms[r]!;
    }
  }
}
