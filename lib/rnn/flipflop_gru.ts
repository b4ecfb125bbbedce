/**
 * A gated recurrent unit (GRU; Cho et al. 2014) with a linear readout, trained by BPTT
 * with hand-written gradients — the gated architecture of the flip-flop case study of
 * Dynamical Similarity Analysis (Ostrow et al. 2023):
 * `z = σ(W_z h + U_z u + b_z)`, `r = σ(W_r h + U_r u + b_r)`,
 * `c = tanh(W_c (r ⊙ h) + U_c u + b_c)`, `h' = (1 − z) ⊙ h + z ⊙ c`, `h_0 = 0`,
 * output `y_t = W_out h_{t+1}`, loss `mean((y_t − y*_t)²)`.
 *
 * @module
 */

import { mulberry32, normalSampler } from "../random.ts";
import { tanh } from "./tanh.ts";
import type { RnnBatch } from "./tanh_rnn.ts";

/** A GRU (plain data; parameters in one flat vector). */
export interface GruRnn {
  /** n. */
  nUnits: number;
  /** Input channels. */
  nInputs: number;
  /** Readout size. */
  nOutputs: number;
  /** `[W_z, W_r, W_c (n×n each), U_z, U_r, U_c (n×nInputs each), b_z, b_r, b_c (n each), W_out (nOutputs×n)]`. */
  theta: Float64Array;
}

/**
 * Offsets of the blocks of {@link GruRnn.theta}: gate g ∈ {0: z, 1: r, 2: c} has
 * `W` at `W + g·n²`, `U` at `U + g·n·nInputs`, `b` at `b + g·n`.
 *
 * @param net Sizes.
 * @returns Offsets and total size.
 *
 * @example
 * ```ts
 * import { gruLayout } from "./flipflop_gru.ts";
 * import assert from "node:assert/strict";
 * assert.equal(gruLayout({ nUnits: 2, nInputs: 1, nOutputs: 1 }).size, 12 + 6 + 6 + 2);
 * ```
 */
export function gruLayout(
  net: Pick<GruRnn, "nUnits" | "nInputs" | "nOutputs">,
): { W: number; U: number; b: number; Wout: number; size: number } {
  const { nUnits: n, nInputs: U, nOutputs: O } = net;
  const W = 0, Ui = 3 * n * n, b = Ui + 3 * n * U, Wout = b + 3 * n;
  return { W, U: Ui, b, Wout, size: Wout + O * n };
}

/** Options for {@link initGru}. */
export interface InitGruOptions {
  /** Gain g of the recurrent weights, `W ~ N(0, g²/n)`. @default 1 */
  gain?: number;
  /** Seed. @default 0 */
  seed?: number;
}

/**
 * A GRU with Gaussian initial weights: `W ~ N(0, g²/n)`, `U ~ N(0, 1)`, `b = 0`,
 * `W_out ~ N(0, 1/n)`.
 *
 * @param nUnits n.
 * @param nInputs Input channels.
 * @param nOutputs Readout size.
 * @param options Gain, seed.
 * @returns The network.
 *
 * @example
 * ```ts
 * import { initGru } from "./flipflop_gru.ts";
 * import assert from "node:assert/strict";
 * assert.equal(initGru(4, 3, 3).theta.length, 3 * 16 + 3 * 12 + 3 * 4 + 12);
 * ```
 */
export function initGru(
  nUnits: number,
  nInputs: number,
  nOutputs: number,
  options: InitGruOptions = {},
): GruRnn {
  const { gain = 1, seed = 0 } = options;
  const ctx = "Cannot build GRU";
  for (
    const [name, v] of [["nUnits", nUnits], ["nInputs", nInputs], ["nOutputs", nOutputs]] as const
  ) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`${ctx}: \`${name}\` must be an integer >= 1: got ${v}`);
    }
  }
  const lay = gruLayout({ nUnits, nInputs, nOutputs });
  const theta = new Float64Array(lay.size);
  const g = normalSampler(mulberry32(seed));
  for (let p = 0; p < 3 * nUnits * nUnits; p++) theta[lay.W + p] = gain * g() / Math.sqrt(nUnits);
  for (let p = 0; p < 3 * nUnits * nInputs; p++) theta[lay.U + p] = g();
  for (let p = 0; p < nOutputs * nUnits; p++) theta[lay.Wout + p] = g() / Math.sqrt(nUnits);
  return { nUnits, nInputs, nOutputs, theta };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Forward pass of one trial; fills h (T+1)×n and the gates z, r, c (T×n each). */
function forward(
  net: GruRnn,
  inputs: Float64Array,
  uBase: number,
  T: number,
  h: Float64Array,
  z: Float64Array,
  r: Float64Array,
  c: Float64Array,
): void {
  const { nUnits: n, nInputs: U, theta } = net;
  const lay = gruLayout(net);
  h.fill(0, 0, n);
  const rh = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const ho = t * n, go = t * n, uo = uBase + t * U;
    for (let gate = 0; gate < 2; gate++) {
      const out = gate === 0 ? z : r;
      for (let i = 0; i < n; i++) {
        let s = theta[lay.b + gate * n + i]!;
        const wo = lay.W + gate * n * n + i * n, ui = lay.U + gate * n * U + i * U;
        for (let j = 0; j < n; j++) s += theta[wo + j]! * h[ho + j]!;
        for (let q = 0; q < U; q++) s += theta[ui + q]! * inputs[uo + q]!;
        out[go + i] = sigmoid(s);
      }
    }
    for (let j = 0; j < n; j++) rh[j] = r[go + j]! * h[ho + j]!;
    for (let i = 0; i < n; i++) {
      let s = theta[lay.b + 2 * n + i]!;
      const wo = lay.W + 2 * n * n + i * n, ui = lay.U + 2 * n * U + i * U;
      for (let j = 0; j < n; j++) s += theta[wo + j]! * rh[j]!;
      for (let q = 0; q < U; q++) s += theta[ui + q]! * inputs[uo + q]!;
      const ci = tanh(s), zi = z[go + i]!;
      c[go + i] = ci;
      h[ho + n + i] = (1 - zi) * h[ho + i]! + zi * ci;
    }
  }
}

/**
 * Hidden states `h_1 … h_T` of every trial, flat `[B, T, n]`.
 *
 * @param net The network.
 * @param batch Inputs (targets are ignored).
 * @returns The states.
 *
 * @example The state stays at zero without input when biases are zero
 * ```ts
 * import { gruStates, initGru } from "./flipflop_gru.ts";
 * import assert from "node:assert/strict";
 * const net = initGru(3, 1, 1);
 * const H = gruStates(net, { nTrials: 1, nTime: 5, inputs: new Float64Array(5), targets: new Float64Array(5) });
 * assert.ok(H.every((v) => v === 0));
 * ```
 */
export function gruStates(net: GruRnn, batch: RnnBatch): Float64Array {
  const { nUnits: n, nInputs: U } = net;
  const { nTrials: B, nTime: T, inputs } = batch;
  const out = new Float64Array(B * T * n);
  const h = new Float64Array((T + 1) * n);
  const z = new Float64Array(T * n), r = new Float64Array(T * n), c = new Float64Array(T * n);
  for (let m = 0; m < B; m++) {
    forward(net, inputs, m * T * U, T, h, z, r, c);
    out.set(h.subarray(n), m * T * n);
  }
  return out;
}

/**
 * Loss `mean over (trial, t, output) of (W_out h_{t+1} − y*_t)²` and its gradient by
 * BPTT (written into `grad`, same layout as `theta`).
 *
 * @param net The network.
 * @param batch Inputs and targets.
 * @param grad Output gradient, length of `theta`.
 * @returns The loss.
 *
 * @example Zero readout and zero targets give zero loss and gradient
 * ```ts
 * import { gruLayout, gruLossGrad, initGru } from "./flipflop_gru.ts";
 * import assert from "node:assert/strict";
 * const net = initGru(3, 1, 1);
 * net.theta.fill(0, gruLayout(net).Wout);
 * const grad = new Float64Array(net.theta.length);
 * const batch = { nTrials: 1, nTime: 4, inputs: new Float64Array(4).fill(1), targets: new Float64Array(4) };
 * assert.equal(gruLossGrad(net, batch, grad), 0);
 * assert.ok(grad.every((g) => g === 0));
 * ```
 */
export function gruLossGrad(net: GruRnn, batch: RnnBatch, grad: Float64Array): number {
  const { nUnits: n, nInputs: U, nOutputs: O, theta } = net;
  const { nTrials: B, nTime: T, inputs, targets } = batch;
  const lay = gruLayout(net);
  grad.fill(0);
  const h = new Float64Array((T + 1) * n);
  const z = new Float64Array(T * n), r = new Float64Array(T * n), c = new Float64Array(T * n);
  const gh = new Float64Array(n), ghPrev = new Float64Array(n);
  const da = new Float64Array(3 * n), drh = new Float64Array(n);
  const scale = 2 / (B * T * O);
  let loss = 0;
  for (let m = 0; m < B; m++) {
    const uBase = m * T * U;
    forward(net, inputs, uBase, T, h, z, r, c);
    gh.fill(0);
    for (let t = T - 1; t >= 0; t--) {
      const hn = (t + 1) * n, ho = t * n, go = t * n, uo = uBase + t * U;
      // Readout error at h_{t+1}.
      const to = (m * T + t) * O;
      for (let o = 0; o < O; o++) {
        let s = 0;
        const wo = lay.Wout + o * n;
        for (let j = 0; j < n; j++) s += theta[wo + j]! * h[hn + j]!;
        const e = s - targets[to + o]!;
        loss += e * e;
        const d = e * scale;
        for (let j = 0; j < n; j++) {
          gh[j] += theta[wo + j]! * d;
          grad[wo + j] += d * h[hn + j]!;
        }
      }
      // Through h' = (1 − z) h + z c: pre-activation gradients of z (da[0..n)) and c (da[2n..3n)).
      for (let i = 0; i < n; i++) {
        const zi = z[go + i]!, ci = c[go + i]!, g = gh[i]!;
        da[i] = g * (ci - h[ho + i]!) * zi * (1 - zi);
        da[2 * n + i] = g * zi * (1 - ci * ci);
        ghPrev[i] = g * (1 - zi);
      }
      // c = tanh(W_c (r ⊙ h) + …): gradient with respect to r ⊙ h.
      drh.fill(0);
      for (let i = 0; i < n; i++) {
        const d = da[2 * n + i]!;
        if (d === 0) continue;
        const wo = lay.W + 2 * n * n + i * n;
        for (let j = 0; j < n; j++) drh[j] += theta[wo + j]! * d;
      }
      for (let j = 0; j < n; j++) {
        const rj = r[go + j]!;
        da[n + j] = drh[j]! * h[ho + j]! * rj * (1 - rj);
        ghPrev[j] += drh[j]! * rj;
      }
      // Parameter gradients and the recurrent terms W_zᵀ da_z + W_rᵀ da_r.
      for (let gate = 0; gate < 3; gate++) {
        for (let i = 0; i < n; i++) {
          const d = da[gate * n + i]!;
          if (d === 0) continue;
          grad[lay.b + gate * n + i] += d;
          const wo = lay.W + gate * n * n + i * n, ui = lay.U + gate * n * U + i * U;
          for (let q = 0; q < U; q++) grad[ui + q] += d * inputs[uo + q]!;
          if (gate === 2) {
            for (let j = 0; j < n; j++) grad[wo + j] += d * r[go + j]! * h[ho + j]!;
          } else {
            for (let j = 0; j < n; j++) {
              grad[wo + j] += d * h[ho + j]!;
              ghPrev[j] += theta[wo + j]! * d;
            }
          }
        }
      }
      gh.set(ghPrev);
    }
  }
  return loss / (B * T * O);
}
