/**
 * The 3-bit flip-flop task (Sussillo & Barak 2013) and small RNNs trained on it —
 * case study 3 of Dynamical Similarity Analysis (Ostrow et al. 2023): vanilla tanh
 * RNNs and GRUs reach the same 2³ fixed-point solution with different state-space
 * geometry. Training is BPTT with hand-written gradients and Adam.
 *
 * @module
 */

import { adam } from "../optim/adam.ts";
import { mulberry32 } from "../random.ts";
import { gruLossGrad, type GruRnn, gruStates, initGru } from "./flipflop_gru.ts";
import {
  initTanhRnn,
  type RnnBatch,
  type TanhRnn,
  tanhRnnLayout,
  tanhRnnLossGrad,
} from "./tanh_rnn.ts";
import { tanh } from "./tanh.ts";

/** Options for {@link flipFlopTask}. */
export interface FlipFlopTaskOptions {
  /** Trials B. @default 32 */
  nTrials?: number;
  /** Time steps T per trial. @default 40 */
  nTime?: number;
  /** Bits (input and output channels). @default 3 */
  nBits?: number;
  /** Probability of a pulse on each channel at each step. @default 0.08 */
  pulseProbability?: number;
  /** Seed. @default 0 */
  seed?: number;
}

/**
 * The flip-flop task: on each channel and step, with probability `pulseProbability`, a
 * pulse of +1 or −1 (equally likely); the target of each channel is the sign of its
 * most recent pulse, the pulse's own step included (0 before the first pulse).
 *
 * @param options Sizes, pulse rate, seed.
 * @returns Inputs and targets `[B, T, nBits]`.
 *
 * @example Targets hold the last pulse
 * ```ts
 * import { flipFlopTask } from "./flipflop.ts";
 * import assert from "node:assert/strict";
 * const b = flipFlopTask({ nTrials: 2, nTime: 50, seed: 3 });
 * let last = 0;
 * for (let t = 0; t < 50; t++) {
 *   const u = b.inputs[t * 3]!;
 *   if (u !== 0) last = u;
 *   assert.equal(b.targets[t * 3], last);
 * }
 * ```
 */
export function flipFlopTask(options: FlipFlopTaskOptions = {}): RnnBatch {
  const { nTrials = 32, nTime = 40, nBits = 3, pulseProbability = 0.08, seed = 0 } = options;
  const ctx = "Cannot build flip-flop task";
  for (
    const [name, v] of [["nTrials", nTrials], ["nTime", nTime], ["nBits", nBits]] as const
  ) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`${ctx}: \`${name}\` must be an integer >= 1: got ${v}`);
    }
  }
  if (!(pulseProbability > 0 && pulseProbability <= 1)) {
    throw new RangeError(`${ctx}: \`pulseProbability\` must be in (0, 1]: got ${pulseProbability}`);
  }
  const rand = mulberry32(seed);
  const inputs = new Float64Array(nTrials * nTime * nBits);
  const targets = new Float64Array(nTrials * nTime * nBits);
  for (let m = 0; m < nTrials; m++) {
    for (let k = 0; k < nBits; k++) {
      let state = 0;
      for (let t = 0; t < nTime; t++) {
        const p = (m * nTime + t) * nBits + k;
        if (rand() < pulseProbability) {
          state = rand() < 0.5 ? -1 : 1;
          inputs[p] = state;
        }
        targets[p] = state;
      }
    }
  }
  return { nTrials, nTime, inputs, targets };
}

/**
 * Unit activations `h_t = tanh(x_t)`, t = 1..T, of a tanh RNN (see `tanhRnnLossGrad`)
 * on every trial, flat `[B, T, n]`.
 *
 * @param net The network.
 * @param batch Inputs (targets are ignored).
 * @returns The activations.
 *
 * @example One step of a one-unit network
 * ```ts
 * import { tanhRnnStates } from "./flipflop.ts";
 * import assert from "node:assert/strict";
 * const net = { nUnits: 1, nInputs: 1, nOutputs: 1, alpha: 1, theta: new Float64Array([0.5, 2, 0, 1]) };
 * const H = tanhRnnStates(net, { nTrials: 1, nTime: 1, inputs: new Float64Array([1]), targets: new Float64Array(1) });
 * assert.ok(Math.abs(H[0]! - Math.tanh(2)) < 1e-15);
 * ```
 */
export function tanhRnnStates(net: TanhRnn, batch: RnnBatch): Float64Array {
  const { nUnits: n, nInputs: U, alpha, theta } = net;
  const { nTrials: B, nTime: T, inputs } = batch;
  const lay = tanhRnnLayout(net);
  const out = new Float64Array(B * T * n);
  const x = new Float64Array(n), h = new Float64Array(n), xn = new Float64Array(n);
  for (let m = 0; m < B; m++) {
    x.fill(0);
    h.fill(0);
    for (let t = 0; t < T; t++) {
      const uo = (m * T + t) * U;
      for (let i = 0; i < n; i++) {
        let s = theta[lay.b + i]!;
        const wo = lay.W + i * n, wi = lay.Win + i * U;
        for (let j = 0; j < n; j++) s += theta[wo + j]! * h[j]!;
        for (let q = 0; q < U; q++) s += theta[wi + q]! * inputs[uo + q]!;
        xn[i] = (1 - alpha) * x[i]! + alpha * s;
      }
      x.set(xn);
      for (let i = 0; i < n; i++) h[i] = tanh(x[i]!);
      out.set(h, (m * T + t) * n);
    }
  }
  return out;
}

/** Architectures of {@link trainFlipFlop}. */
export type FlipFlopArchitecture = "tanh" | "gru";

/** Options for {@link trainFlipFlop}. */
export interface TrainFlipFlopOptions extends FlipFlopTaskOptions {
  /** `"tanh"` (vanilla, `alpha = 1`) or `"gru"`. @default "tanh" */
  architecture?: FlipFlopArchitecture;
  /** Units n. @default 24 */
  nUnits?: number;
  /** Adam steps (0 = the untrained network). @default 300 */
  iterations?: number;
  /** Adam step size. @default 0.01 */
  learningRate?: number;
  /** Seed of the weights (the task uses `seed + 1`). @default 0 */
  seed?: number;
}

/** A network trained on the flip-flop task. */
export interface FlipFlopNetwork {
  /** Architecture. */
  architecture: FlipFlopArchitecture;
  /** The trained network. */
  net: TanhRnn | GruRnn;
  /** Training loss before each Adam step, then after the last. */
  losses: number[];
}

/**
 * Train a vanilla tanh RNN or a GRU on the flip-flop task with Adam on the full-batch
 * loss (a fixed training batch drawn with `seed + 1`).
 *
 * @param options Architecture, sizes, schedule, seed.
 * @returns The network and its learning curve.
 *
 * @example A short run lowers the loss
 * ```ts
 * import { trainFlipFlop } from "./flipflop.ts";
 * import assert from "node:assert/strict";
 * const { losses } = trainFlipFlop({ architecture: "gru", nUnits: 8, iterations: 30, nTrials: 8 });
 * assert.ok(losses.at(-1)! < losses[0]!);
 * ```
 */
export function trainFlipFlop(options: TrainFlipFlopOptions = {}): FlipFlopNetwork {
  const {
    architecture = "tanh",
    nUnits = 24,
    iterations = 300,
    learningRate = 0.01,
    seed = 0,
    nBits = 3,
  } = options;
  const ctx = "Cannot train flip-flop RNN";
  if (architecture !== "tanh" && architecture !== "gru") {
    throw new RangeError(`${ctx}: \`architecture\` must be "tanh" or "gru": got ${architecture}`);
  }
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new RangeError(`${ctx}: \`iterations\` must be an integer >= 0: got ${iterations}`);
  }
  const batch = flipFlopTask({ ...options, seed: seed + 1 });
  const net = architecture === "tanh"
    ? initTanhRnn(nUnits, nBits, nBits, { alpha: 1, gain: 0.9, seed })
    : initGru(nUnits, nBits, nBits, { seed });
  const lossGrad = architecture === "tanh"
    ? (g: Float64Array) => tanhRnnLossGrad(net as TanhRnn, batch, g)
    : (g: Float64Array) => gruLossGrad(net as GruRnn, batch, g);
  const grad = new Float64Array(net.theta.length);
  const opt = adam(net.theta.length, { learningRate });
  const losses: number[] = [];
  for (let it = 0; it < iterations; it++) {
    losses.push(lossGrad(grad));
    opt.step(net.theta, grad);
  }
  losses.push(lossGrad(grad));
  return { architecture, net, losses };
}

/**
 * Hidden-state trajectories of a flip-flop network on a batch, shaped
 * `[trials, time, units]` for DSA (tanh RNN: `tanh(x_t)`; GRU: `h_t`).
 *
 * @param network From {@link trainFlipFlop}.
 * @param batch Inputs, e.g. `flipFlopTask({ seed: 99 })`.
 * @returns `{shape: [B, T, n], data}`.
 *
 * @example
 * ```ts
 * import { flipFlopStates, flipFlopTask, trainFlipFlop } from "./flipflop.ts";
 * import assert from "node:assert/strict";
 * const net = trainFlipFlop({ nUnits: 6, iterations: 0 });
 * assert.deepEqual(flipFlopStates(net, flipFlopTask({ nTrials: 2, nTime: 5 })).shape, [2, 5, 6]);
 * ```
 */
export function flipFlopStates(
  network: FlipFlopNetwork,
  batch: RnnBatch,
): { shape: [number, number, number]; data: Float64Array } {
  const data = network.architecture === "tanh"
    ? tanhRnnStates(network.net as TanhRnn, batch)
    : gruStates(network.net as GruRnn, batch);
  return { shape: [batch.nTrials, batch.nTime, network.net.nUnits], data };
}
