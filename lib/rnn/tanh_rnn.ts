/**
 * A plain (full-rank) tanh RNN with a linear readout, trained by BPTT — the network
 * whose weight changes over learning are analysed with CP decomposition:
 * `x_{t+1} = (1 − α) x_t + α (W tanh(x_t) + W_in u_t + b)`, `x_0 = 0`,
 * `z_t = W_out tanh(x_{t+1})`, loss `mean((G z_t − z*_t)²)` with an optional fixed 2×2
 * output perturbation G (e.g. a visuomotor rotation).
 *
 * @module
 */

import { mulberry32, normalSampler } from "../random.ts";
import { tanh } from "./tanh.ts";

/** A tanh RNN (plain data; parameters in one flat vector). */
export interface TanhRnn {
  /** n. */
  nUnits: number;
  /** Input channels. */
  nInputs: number;
  /** Readout size. */
  nOutputs: number;
  /** `dt/τ`. */
  alpha: number;
  /** `[W (n×n), W_in (n×nInputs), b (n), W_out (nOutputs×n)]`, row-major blocks. */
  theta: Float64Array;
}

/** Offsets of the blocks of {@link TanhRnn.theta}. */
export function tanhRnnLayout(net: Pick<TanhRnn, "nUnits" | "nInputs" | "nOutputs">) {
  const { nUnits: n, nInputs: U, nOutputs: O } = net;
  const W = 0, Win = n * n, b = Win + n * U, Wout = b + n;
  return { W, Win, b, Wout, size: Wout + O * n };
}

/** Options for {@link initTanhRnn}. */
export interface InitTanhRnnOptions {
  /** `dt/τ`. @default 0.2 */
  alpha?: number;
  /** Gain g of the initial recurrent weights, `W ~ N(0, g²/n)`. @default 0.8 */
  gain?: number;
  /** Seed. @default 0 */
  seed?: number;
}

/**
 * A tanh RNN with Gaussian initial weights: `W ~ N(0, g²/n)`, `W_in ~ N(0, 1)`,
 * `b = 0`, `W_out ~ N(0, 1/n)`.
 *
 * @param nUnits n.
 * @param nInputs Input channels.
 * @param nOutputs Readout size.
 * @param options Step, gain, seed.
 * @returns The network.
 *
 * @example Parameter count
 * ```ts
 * import { initTanhRnn } from "./tanh_rnn.ts";
 * import assert from "node:assert/strict";
 * assert.equal(initTanhRnn(4, 3, 2).theta.length, 16 + 12 + 4 + 8);
 * ```
 */
export function initTanhRnn(
  nUnits: number,
  nInputs: number,
  nOutputs: number,
  options: InitTanhRnnOptions = {},
): TanhRnn {
  const { alpha = 0.2, gain = 0.8, seed = 0 } = options;
  const ctx = "Cannot build tanh RNN";
  for (
    const [name, v] of [["nUnits", nUnits], ["nInputs", nInputs], ["nOutputs", nOutputs]] as const
  ) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`${ctx}: \`${name}\` must be an integer >= 1: got ${v}`);
    }
  }
  if (!(alpha > 0 && alpha <= 1)) {
    throw new RangeError(`${ctx}: \`alpha\` must be in (0, 1]: got ${alpha}`);
  }
  const lay = tanhRnnLayout({ nUnits, nInputs, nOutputs });
  const theta = new Float64Array(lay.size);
  const g = normalSampler(mulberry32(seed));
  for (let p = 0; p < nUnits * nUnits; p++) theta[lay.W + p] = (gain * g()) / Math.sqrt(nUnits);
  for (let p = 0; p < nUnits * nInputs; p++) theta[lay.Win + p] = g();
  for (let p = 0; p < nOutputs * nUnits; p++) theta[lay.Wout + p] = g() / Math.sqrt(nUnits);
  return { nUnits, nInputs, nOutputs, alpha, theta };
}

/** A batch of trials: inputs `[B, T, nInputs]` and targets `[B, T, nOutputs]`, flat. */
export interface RnnBatch {
  /** B. */
  nTrials: number;
  /** T. */
  nTime: number;
  /** Inputs, flat `[B, T, nInputs]`. */
  inputs: Float64Array;
  /** Targets, flat `[B, T, nOutputs]`. */
  targets: Float64Array;
}

/**
 * Loss `mean over (trial, t, output) of (G z_t − z*_t)²` and its gradient by BPTT
 * (written into `grad`, same layout as `theta`). `G` is a row-major nOutputs×nOutputs
 * perturbation (identity when omitted).
 *
 * @param net The network.
 * @param batch Inputs and targets.
 * @param grad Output gradient, length of `theta`.
 * @param G Output perturbation. @default identity
 * @param feedback Matrix [nOutputs, nUnits] (row-major) that carries the readout
 * errors back to the units in place of the readout weights (feedback alignment);
 * the readout's own gradient is unchanged. @default the readout weights (exact BPTT)
 * @returns The loss.
 *
 * @example Zero gradient for zero readout and zero targets
 * ```ts
 * import { initTanhRnn, tanhRnnLossGrad, tanhRnnLayout } from "./tanh_rnn.ts";
 * import assert from "node:assert/strict";
 * const net = initTanhRnn(3, 1, 1);
 * net.theta.fill(0, tanhRnnLayout(net).Wout);
 * const grad = new Float64Array(net.theta.length);
 * const batch = { nTrials: 1, nTime: 4, inputs: new Float64Array(4).fill(1), targets: new Float64Array(4) };
 * assert.equal(tanhRnnLossGrad(net, batch, grad), 0);
 * assert.ok(grad.every((g) => g === 0));
 * ```
 */
export function tanhRnnLossGrad(
  net: TanhRnn,
  batch: RnnBatch,
  grad: Float64Array,
  G?: Float64Array,
  feedback?: Float64Array,
): number {
  const { nUnits: n, nInputs: U, nOutputs: O, alpha, theta } = net;
  const { nTrials: B, nTime: T, inputs, targets } = batch;
  const lay = tanhRnnLayout(net);
  const Gm = G ?? identity(O);
  const F = feedback ?? theta.subarray(lay.Wout, lay.Wout + O * n);
  grad.fill(0);
  const X = new Float64Array((T + 1) * n), H = new Float64Array((T + 1) * n);
  const dz = new Float64Array(O), z = new Float64Array(O);
  const gx = new Float64Array(n), gh = new Float64Array(n), dxs = new Float64Array((T + 1) * n);
  const scale = 2 / (B * T * O);
  let loss = 0;
  for (let m = 0; m < B; m++) {
    // Forward.
    X.fill(0, 0, n);
    H.fill(0, 0, n);
    for (let t = 0; t < T; t++) {
      const xo = t * n, xn = xo + n, uo = (m * T + t) * U;
      for (let i = 0; i < n; i++) {
        let s = theta[lay.b + i]!;
        const wo = lay.W + i * n;
        for (let j = 0; j < n; j++) s += theta[wo + j]! * H[xo + j]!;
        const wi = lay.Win + i * U;
        for (let q = 0; q < U; q++) s += theta[wi + q]! * inputs[uo + q]!;
        const x = (1 - alpha) * X[xo + i]! + alpha * s;
        X[xn + i] = x;
        H[xn + i] = tanh(x);
      }
    }
    // Backward: readout errors enter at h_{t+1}.
    gx.fill(0);
    for (let t = T - 1; t >= -1; t--) {
      // gh = dL/dh_{t+1}: readout term (t ≥ 0) + recurrent term Wᵀ (α g_{x_{t+2}}).
      const hn = (t + 1) * n;
      gh.fill(0);
      if (t >= 0) {
        const to = (m * T + t) * O;
        for (let o = 0; o < O; o++) {
          let s = 0;
          const wo = lay.Wout + o * n;
          for (let j = 0; j < n; j++) s += theta[wo + j]! * H[hn + j]!;
          z[o] = s;
        }
        for (let a = 0; a < O; a++) {
          let s = 0;
          for (let o = 0; o < O; o++) s += Gm[a * O + o]! * z[o]!;
          const e = s - targets[to + a]!;
          loss += e * e;
          dz[a] = e * scale;
        }
        for (let o = 0; o < O; o++) {
          let s = 0;
          for (let a = 0; a < O; a++) s += Gm[a * O + o]! * dz[a]!;
          const wo = lay.Wout + o * n, fo = o * n;
          for (let j = 0; j < n; j++) {
            gh[j] += F[fo + j]! * s;
            grad[wo + j] += s * H[hn + j]!;
          }
        }
      }
      if (t < T - 1) {
        // x_{t+2} = (1 − α) x_{t+1} + α (W h_{t+1} + …): gh += α Wᵀ gx, where gx = dL/dx_{t+2}.
        for (let i = 0; i < n; i++) {
          const gi = alpha * gx[i]!;
          if (gi === 0) continue;
          const wo = lay.W + i * n;
          for (let j = 0; j < n; j++) gh[j] += theta[wo + j]! * gi;
        }
      }
      if (t < 0) break;
      // dL/dx_{t+1} = gh ⊙ (1 − h²) + (1 − α) dL/dx_{t+2}.
      for (let i = 0; i < n; i++) {
        const h = H[hn + i]!;
        gx[i] = gh[i]! * (1 - h * h) + (t < T - 1 ? (1 - alpha) * gx[i]! : 0);
      }
      dxs.set(gx, hn);
    }
    // Weight gradients: x_{t+1} gets α (W h_t + W_in u_t + b).
    for (let t = 0; t < T; t++) {
      const ho = t * n, go = (t + 1) * n, uo = (m * T + t) * U;
      for (let i = 0; i < n; i++) {
        const gi = alpha * dxs[go + i]!;
        if (gi === 0) continue;
        grad[lay.b + i] += gi;
        const wo = lay.W + i * n;
        for (let j = 0; j < n; j++) grad[wo + j] += gi * H[ho + j]!;
        const wi = lay.Win + i * U;
        for (let q = 0; q < U; q++) grad[wi + q] += gi * inputs[uo + q]!;
      }
    }
  }
  return loss / (B * T * O);
}

function identity(O: number): Float64Array {
  const I = new Float64Array(O * O);
  for (let o = 0; o < O; o++) I[o * O + o] = 1;
  return I;
}
