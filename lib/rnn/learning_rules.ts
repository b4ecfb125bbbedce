/**
 * One tanh RNN trained on the flip-flop task with three learning rules — the
 * learning-rules case study of Dynamical Similarity Analysis (Ostrow et al. 2023,
 * after Nayebi et al. 2020): **gradient descent** (exact BPTT gradient), **weight
 * perturbation** (a zeroth-order estimate of the gradient from the loss change under
 * random weight perturbations), and **feedback alignment** (Lillicrap et al. 2016:
 * the readout error reaches the recurrent units through a fixed random matrix instead
 * of `W_outᵀ`). Each rule's update direction goes to the same Adam optimiser; the
 * weights are recorded along training so the trajectories of learning can be compared.
 *
 * @module
 */

import { adam } from "../optim/adam.ts";
import { mulberry32, normalSampler } from "../random.ts";
import { flipFlopTask, type FlipFlopTaskOptions } from "./flipflop.ts";
import {
  initTanhRnn,
  type RnnBatch,
  type TanhRnn,
  tanhRnnLayout,
  tanhRnnLossGrad,
} from "./tanh_rnn.ts";
import { tanh } from "./tanh.ts";

/** Forward pass of one trial: pre-activations and activations, rows 0..T (row 0 = 0). */
function forwardTrial(
  net: TanhRnn,
  inputs: Float64Array,
  m: number,
  T: number,
  X: Float64Array,
  H: Float64Array,
): void {
  const { nUnits: n, nInputs: U, alpha, theta } = net;
  const lay = tanhRnnLayout(net);
  X.fill(0, 0, n);
  H.fill(0, 0, n);
  for (let t = 0; t < T; t++) {
    const xo = t * n, xn = xo + n, uo = (m * T + t) * U;
    for (let i = 0; i < n; i++) {
      let s = theta[lay.b + i]!;
      const wo = lay.W + i * n, wi = lay.Win + i * U;
      for (let j = 0; j < n; j++) s += theta[wo + j]! * H[xo + j]!;
      for (let q = 0; q < U; q++) s += theta[wi + q]! * inputs[uo + q]!;
      const x = (1 - alpha) * X[xo + i]! + alpha * s;
      X[xn + i] = x;
      H[xn + i] = tanh(x);
    }
  }
}

/**
 * The flip-flop loss of a tanh RNN, `mean over (trial, t, output) of (W_out h_{t+1} − y*_t)²`
 * (the loss of `tanhRnnLossGrad`, forward pass only).
 *
 * @param net The network.
 * @param batch Inputs and targets.
 * @returns The loss.
 *
 * @example A zero readout scores the mean squared target
 * ```ts
 * import { tanhRnnLoss } from "./learning_rules.ts";
 * import { initTanhRnn, tanhRnnLayout } from "./tanh_rnn.ts";
 * import assert from "node:assert/strict";
 * const net = initTanhRnn(3, 1, 1);
 * net.theta.fill(0, tanhRnnLayout(net).Wout);
 * const batch = { nTrials: 1, nTime: 2, inputs: new Float64Array(2), targets: new Float64Array([1, -1]) };
 * assert.equal(tanhRnnLoss(net, batch), 1);
 * ```
 */
export function tanhRnnLoss(net: TanhRnn, batch: RnnBatch): number {
  const { nUnits: n, nOutputs: O, theta } = net;
  const { nTrials: B, nTime: T, inputs, targets } = batch;
  const lay = tanhRnnLayout(net);
  const X = new Float64Array((T + 1) * n), H = new Float64Array((T + 1) * n);
  let loss = 0;
  for (let m = 0; m < B; m++) {
    forwardTrial(net, inputs, m, T, X, H);
    for (let t = 0; t < T; t++) {
      const hn = (t + 1) * n, to = (m * T + t) * O;
      for (let o = 0; o < O; o++) {
        let s = 0;
        const wo = lay.Wout + o * n;
        for (let j = 0; j < n; j++) s += theta[wo + j]! * H[hn + j]!;
        const e = s - targets[to + o]!;
        loss += e * e;
      }
    }
  }
  return loss / (B * T * O);
}

/**
 * Loss and BPTT update direction of a tanh RNN in which the readout error reaches the
 * units through `feedback` (`[nOutputs, nUnits]`, the layout of `W_out`) instead of
 * `W_out` itself: feedback alignment. With `feedback` omitted (or equal to `W_out`) the
 * direction is the exact gradient of {@link tanhRnnLoss}. The `W_out` part is always
 * the exact gradient (the delta rule).
 *
 * @param net The network.
 * @param batch Inputs and targets.
 * @param grad Output, length of `theta`.
 * @param feedback Fixed feedback weights `[nOutputs, nUnits]`. @default W_out
 * @returns The loss.
 *
 * @example With W_out as feedback it is the gradient (checked by a finite difference)
 * ```ts
 * import { tanhRnnFeedbackGrad, tanhRnnLoss } from "./learning_rules.ts";
 * import { flipFlopTask } from "./flipflop.ts";
 * import { initTanhRnn } from "./tanh_rnn.ts";
 * import assert from "node:assert/strict";
 * const net = initTanhRnn(4, 3, 3, { alpha: 1, seed: 2 });
 * const batch = flipFlopTask({ nTrials: 2, nTime: 6, seed: 1 });
 * const g = new Float64Array(net.theta.length);
 * tanhRnnFeedbackGrad(net, batch, g);
 * const h = 1e-6, p = 5, keep = net.theta[p]!;
 * net.theta[p] = keep + h; const up = tanhRnnLoss(net, batch);
 * net.theta[p] = keep - h; const down = tanhRnnLoss(net, batch);
 * net.theta[p] = keep;
 * assert.ok(Math.abs((up - down) / (2 * h) - g[p]!) < 1e-7);
 * ```
 */
export function tanhRnnFeedbackGrad(
  net: TanhRnn,
  batch: RnnBatch,
  grad: Float64Array,
  feedback?: Float64Array,
): number {
  const { nUnits: n, nOutputs: O, theta } = net;
  if (grad.length !== theta.length) {
    throw new TypeError(
      `Cannot compute RNN update: \`grad\` must have length ${theta.length}: got ${grad.length}`,
    );
  }
  if (feedback !== undefined && feedback.length !== O * n) {
    throw new TypeError(
      `Cannot compute RNN update: \`feedback\` must have length ${
        O * n
      } (nOutputs × nUnits): got ${feedback.length}`,
    );
  }
  return tanhRnnLossGrad(net, batch, grad, undefined, feedback);
}

/** Options for {@link weightPerturbationGrad}. */
export interface WeightPerturbationOptions {
  /** Standard deviation σ of each weight's perturbation. @default 1e-3 */
  scale?: number;
  /** Antithetic pairs ±σξ averaged per estimate. @default 4 */
  directions?: number;
}

/**
 * Weight perturbation: a zeroth-order estimate of the gradient of {@link tanhRnnLoss},
 * `ĝ = (1/K) Σ_k [L(θ + σξ_k) − L(θ − σξ_k)] / (2σ) · ξ_k` with `ξ_k ~ N(0, I)` — the
 * rule needs only the scalar loss, no backpropagated error. Unbiased up to O(σ²); its
 * variance grows with the number of parameters.
 *
 * @param net The network (its `theta` is restored on return).
 * @param batch Inputs and targets.
 * @param grad Output, length of `theta`.
 * @param randn Standard normal generator.
 * @param options σ and the number of antithetic pairs.
 * @returns The loss at `theta`.
 *
 * @example On average the estimate points along the gradient
 * ```ts
 * import { tanhRnnFeedbackGrad, weightPerturbationGrad } from "./learning_rules.ts";
 * import { flipFlopTask } from "./flipflop.ts";
 * import { initTanhRnn } from "./tanh_rnn.ts";
 * import { mulberry32, normalSampler } from "../random.ts";
 * import assert from "node:assert/strict";
 * const net = initTanhRnn(4, 3, 3, { alpha: 1, seed: 2 });
 * const batch = flipFlopTask({ nTrials: 2, nTime: 6, seed: 1 });
 * const g = new Float64Array(net.theta.length), e = new Float64Array(net.theta.length);
 * tanhRnnFeedbackGrad(net, batch, g);
 * weightPerturbationGrad(net, batch, e, normalSampler(mulberry32(3)), { directions: 400 });
 * let dot = 0, gg = 0, ee = 0;
 * for (let p = 0; p < g.length; p++) (dot += g[p]! * e[p]!), (gg += g[p]! ** 2), (ee += e[p]! ** 2);
 * assert.ok(dot / Math.sqrt(gg * ee) > 0.5);
 * ```
 */
export function weightPerturbationGrad(
  net: TanhRnn,
  batch: RnnBatch,
  grad: Float64Array,
  randn: () => number,
  options: WeightPerturbationOptions = {},
): number {
  const { scale = 1e-3, directions = 4 } = options;
  const ctx = "Cannot estimate weight-perturbation update";
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new RangeError(`${ctx}: \`scale\` must be a finite number > 0: got ${scale}`);
  }
  if (!Number.isInteger(directions) || directions < 1) {
    throw new RangeError(`${ctx}: \`directions\` must be an integer >= 1: got ${directions}`);
  }
  const theta = net.theta, P = theta.length;
  const base = theta.slice(), xi = new Float64Array(P);
  grad.fill(0);
  for (let k = 0; k < directions; k++) {
    for (let p = 0; p < P; p++) xi[p] = randn();
    for (let p = 0; p < P; p++) theta[p] = base[p]! + scale * xi[p]!;
    const up = tanhRnnLoss(net, batch);
    for (let p = 0; p < P; p++) theta[p] = base[p]! - scale * xi[p]!;
    const down = tanhRnnLoss(net, batch);
    const c = (up - down) / (2 * scale * directions);
    for (let p = 0; p < P; p++) grad[p] += c * xi[p]!;
  }
  theta.set(base);
  return tanhRnnLoss(net, batch);
}

/** The learning rules of {@link trainWithRule}. */
export type LearningRule = "gradient" | "perturbation" | "feedback-alignment";

/** Options for {@link trainWithRule}. */
export interface TrainWithRuleOptions extends FlipFlopTaskOptions {
  /** Units n. @default 16 */
  nUnits?: number;
  /** Updates. @default 300 */
  iterations?: number;
  /** Adam step size. @default 0.01 */
  learningRate?: number;
  /** Record the weights every this many updates (and after the last). @default 5 */
  recordEvery?: number;
  /** Weight perturbation's σ and antithetic pairs (rule `"perturbation"`). @default {} */
  perturbation?: WeightPerturbationOptions;
  /** Seed of the weights, the feedback matrix and the perturbations (the task uses `seed + 1`). @default 0 */
  seed?: number;
}

/** A network trained with one learning rule, with its weights along training. */
export interface RuleTraining {
  /** The rule. */
  rule: LearningRule;
  /** The trained network. */
  net: TanhRnn;
  /** Loss before each update, then after the last. */
  losses: number[];
  /** Update indices at which `weights` were recorded (0 = initial). */
  recordedAt: number[];
  /** Copies of `theta` at `recordedAt`. */
  weights: Float64Array[];
}

/**
 * Train a vanilla tanh RNN (`alpha = 1`, gain 0.9) on the 3-bit flip-flop task with a
 * learning rule; the update direction of the rule (exact gradient, weight-perturbation
 * estimate, or feedback-alignment direction with a fixed `N(0, 1/n)` feedback matrix)
 * goes to Adam. The training batch is fixed (drawn with `seed + 1`).
 *
 * @param rule `"gradient"`, `"perturbation"` or `"feedback-alignment"`.
 * @param options Sizes, schedule, recording, seed.
 * @returns The network, its loss curve and its recorded weights.
 *
 * @example Every rule lowers the loss
 * ```ts
 * import { trainWithRule } from "./learning_rules.ts";
 * import assert from "node:assert/strict";
 * for (const rule of ["gradient", "perturbation", "feedback-alignment"] as const) {
 *   const r = trainWithRule(rule, { nUnits: 6, iterations: 40, nTrials: 4, nTime: 10, recordEvery: 10 });
 *   assert.ok(r.losses.at(-1)! < r.losses[0]!);
 *   assert.deepEqual(r.recordedAt, [0, 10, 20, 30, 40]);
 * }
 * ```
 */
export function trainWithRule(
  rule: LearningRule,
  options: TrainWithRuleOptions = {},
): RuleTraining {
  const {
    nUnits = 16,
    iterations = 300,
    learningRate = 0.01,
    recordEvery = 5,
    perturbation = {},
    seed = 0,
    nBits = 3,
  } = options;
  const ctx = "Cannot train RNN with a learning rule";
  if (rule !== "gradient" && rule !== "perturbation" && rule !== "feedback-alignment") {
    throw new RangeError(
      `${ctx}: \`rule\` must be "gradient", "perturbation" or "feedback-alignment": got ${rule}`,
    );
  }
  for (
    const [name, v, min] of [["iterations", iterations, 0], [
      "recordEvery",
      recordEvery,
      1,
    ]] as const
  ) {
    if (!Number.isInteger(v) || v < min) {
      throw new RangeError(`${ctx}: \`${name}\` must be an integer >= ${min}: got ${v}`);
    }
  }
  const batch = flipFlopTask({ ...options, seed: seed + 1 });
  const net = initTanhRnn(nUnits, nBits, nBits, { alpha: 1, gain: 0.9, seed });
  const randn = normalSampler(mulberry32(seed + 7919));
  let feedback: Float64Array | undefined;
  if (rule === "feedback-alignment") {
    feedback = new Float64Array(nBits * nUnits);
    for (let p = 0; p < feedback.length; p++) feedback[p] = randn() / Math.sqrt(nUnits);
  }
  const step = (g: Float64Array) =>
    rule === "perturbation"
      ? weightPerturbationGrad(net, batch, g, randn, perturbation)
      : tanhRnnFeedbackGrad(net, batch, g, feedback);
  const grad = new Float64Array(net.theta.length);
  const opt = adam(net.theta.length, { learningRate });
  const losses: number[] = [], recordedAt: number[] = [], weights: Float64Array[] = [];
  for (let it = 0; it < iterations; it++) {
    if (it % recordEvery === 0) recordedAt.push(it), weights.push(net.theta.slice());
    losses.push(step(grad));
    opt.step(net.theta, grad);
  }
  if (recordedAt.at(-1) !== iterations) {
    recordedAt.push(iterations), weights.push(net.theta.slice());
  }
  losses.push(tanhRnnLoss(net, batch));
  return { rule, net, losses, recordedAt, weights };
}
