/**
 * The centre-out reaching experiment of the low-tensor-rank reproduction
 * (Pellegrino, Cayco-Gajic & Chadwick 2023): a tanh RNN is trained on centre-out
 * reaches, then adapts to a 45° visuomotor rotation and washes it out by gradient
 * descent on its recurrent weights; the weight changes `ΔW_k = W_k − W_baseline` form a
 * trials × neurons × neurons tensor. A random walk with the same step sizes is the
 * control.
 *
 * @module
 */

import { mulberry32, normalSampler } from "../random.ts";
import { type Tensor3, tensor3 } from "../tensor/tensor.ts";
import { adam } from "../optim/adam.ts";
import {
  initTanhRnn,
  type RnnBatch,
  type TanhRnn,
  tanhRnnLayout,
  tanhRnnLossGrad,
} from "./tanh_rnn.ts";

/** Options for {@link centreOutTask}. */
export interface CentreOutTaskOptions {
  /** Number of targets, evenly spaced on the circle. @default 8 */
  nTargets?: number;
  /** Time steps per trial. @default 25 */
  nTime?: number;
  /** Time step of the go cue (the reach starts there). @default 5 */
  goTime?: number;
  /** Duration of the reach in steps (then the hand holds at the target). @default 12 */
  reachTime?: number;
}

/**
 * The centre-out task: inputs `[cos θ, sin θ, go(t)]` (the target direction throughout,
 * a go cue from `goTime` on) and target hand positions `(cos θ, sin θ) · s(t)` with a
 * smoothstep `s` from 0 at the go cue to 1 after `reachTime` steps.
 *
 * @param options Targets and timing.
 * @returns One trial per target.
 *
 * @example The hand ends on the unit circle
 * ```ts
 * import { centreOutTask } from "./centre_out.ts";
 * import assert from "node:assert/strict";
 * const b = centreOutTask({ nTargets: 4 });
 * const last = (b.nTime - 1) * 2;
 * assert.ok(Math.abs(b.targets[last]! - 1) < 1e-12 && Math.abs(b.targets[last + 1]!) < 1e-12);
 * ```
 */
export function centreOutTask(options: CentreOutTaskOptions = {}): RnnBatch {
  const { nTargets = 8, nTime = 25, goTime = 5, reachTime = 12 } = options;
  const ctx = "Cannot build centre-out task";
  for (
    const [name, v] of [["nTargets", nTargets], ["nTime", nTime], ["reachTime", reachTime]] as const
  ) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`${ctx}: \`${name}\` must be an integer >= 1: got ${v}`);
    }
  }
  if (!Number.isInteger(goTime) || goTime < 0 || goTime >= nTime) {
    throw new RangeError(
      `${ctx}: \`goTime\` must be an integer in [0, ${nTime - 1}]: got ${goTime}`,
    );
  }
  const inputs = new Float64Array(nTargets * nTime * 3);
  const targets = new Float64Array(nTargets * nTime * 2);
  for (let m = 0; m < nTargets; m++) {
    const th = (2 * Math.PI * m) / nTargets;
    const c = Math.cos(th), s = Math.sin(th);
    for (let t = 0; t < nTime; t++) {
      const u = Math.min(1, Math.max(0, (t - goTime) / reachTime));
      const ramp = u * u * (3 - 2 * u);
      inputs.set([c, s, t >= goTime ? 1 : 0], (m * nTime + t) * 3);
      targets.set([c * ramp, s * ramp], (m * nTime + t) * 2);
    }
  }
  return { nTrials: nTargets, nTime, inputs, targets };
}

/** Options for {@link centreOutExperiment}. */
export interface CentreOutOptions extends CentreOutTaskOptions {
  /** Units of the RNN. @default 50 */
  nUnits?: number;
  /** Adam steps of baseline training (all parameters). @default 1500 */
  baselineIterations?: number;
  /** Adam step size of baseline training. @default 0.01 */
  baselineLearningRate?: number;
  /** Gradient-descent steps (trials) under the rotation. @default 100 */
  adaptationTrials?: number;
  /** Gradient-descent steps (trials) after the rotation is removed. @default 100 */
  washoutTrials?: number;
  /** Step size of the gradient descent on W during adaptation and washout. @default 0.5 */
  learningRate?: number;
  /** Rotation of the cursor, degrees. @default 45 */
  rotationDegrees?: number;
  /** Seed (network and random walk). @default 0 */
  seed?: number;
}

/** Result of {@link centreOutExperiment}. */
export interface CentreOutExperiment {
  /** `ΔW_k = W_k − W_baseline` after every adaptation and washout step, `[K, n, n]`. */
  deltaW: Tensor3;
  /** The random-walk control with the same step norms, `[K, n, n]`. */
  randomWalk: Tensor3;
  /** Frobenius norm of each weight step `‖W_k − W_{k−1}‖`. */
  stepNorms: number[];
  /** Task loss at the end of baseline training (no rotation). */
  baselineLoss: number;
  /** Task loss on each adaptation and washout trial, before its update. */
  trialLoss: number[];
  /** The trained baseline network. */
  baseline: TanhRnn;
}

function rotation(deg: number): Float64Array {
  const a = (deg * Math.PI) / 180;
  return new Float64Array([Math.cos(a), -Math.sin(a), Math.sin(a), Math.cos(a)]);
}

/**
 * Run the experiment: train a tanh RNN on centre-out reaching (Adam, all parameters),
 * then take `adaptationTrials` gradient steps on W alone with the cursor rotated by
 * `rotationDegrees`, then `washoutTrials` steps without rotation, recording W after every
 * step; and draw the random-walk control `W_k = W_baseline + Σ_{j ≤ k} ξ_j` with Gaussian
 * ξ_j scaled to the same step norms.
 *
 * @param options Sizes, schedule and seed.
 * @returns The two weight-change tensors and the learning curves.
 *
 * @example A small run adapts: the loss after adaptation is below the loss at its start
 * ```ts
 * import { centreOutExperiment } from "./centre_out.ts";
 * import assert from "node:assert/strict";
 * const e = centreOutExperiment({ nUnits: 12, baselineIterations: 200, adaptationTrials: 30, washoutTrials: 5, nTargets: 4 });
 * assert.deepEqual(e.deltaW.shape, [35, 12, 12]);
 * assert.ok(e.trialLoss[29]! < e.trialLoss[0]!);
 * ```
 */
export function centreOutExperiment(options: CentreOutOptions = {}): CentreOutExperiment {
  const {
    nUnits = 50,
    baselineIterations = 1500,
    baselineLearningRate = 0.01,
    adaptationTrials = 100,
    washoutTrials = 100,
    learningRate = 0.5,
    rotationDegrees = 45,
    seed = 0,
  } = options;
  const ctx = "Cannot run centre-out experiment";
  for (
    const [name, v] of [
      ["baselineIterations", baselineIterations],
      ["adaptationTrials", adaptationTrials],
      ["washoutTrials", washoutTrials],
    ] as const
  ) {
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`${ctx}: \`${name}\` must be an integer >= 0: got ${v}`);
    }
  }
  if (adaptationTrials + washoutTrials < 1) {
    throw new RangeError(`${ctx}: \`adaptationTrials + washoutTrials\` must be >= 1: got 0`);
  }
  if (!(learningRate > 0)) {
    throw new RangeError(`${ctx}: \`learningRate\` must be positive: got ${learningRate}`);
  }
  const batch = centreOutTask(options);
  const net = initTanhRnn(nUnits, 3, 2, { seed });
  const grad = new Float64Array(net.theta.length);
  const opt = adam(net.theta.length, { learningRate: baselineLearningRate });
  let baselineLoss = tanhRnnLossGrad(net, batch, grad);
  for (let it = 0; it < baselineIterations; it++) {
    tanhRnnLossGrad(net, batch, grad);
    opt.step(net.theta, grad);
  }
  baselineLoss = tanhRnnLossGrad(net, batch, grad);
  const baseline: TanhRnn = { ...net, theta: net.theta.slice() };

  const n = nUnits, n2 = n * n;
  const W = tanhRnnLayout(net).W;
  const K = adaptationTrials + washoutTrials;
  const deltaW = new Float64Array(K * n2);
  const stepNorms: number[] = [], trialLoss: number[] = [];
  const rot = rotation(rotationDegrees);
  for (let k = 0; k < K; k++) {
    const G = k < adaptationTrials ? rot : undefined;
    trialLoss.push(tanhRnnLossGrad(net, batch, grad, G));
    let s2 = 0;
    for (let p = 0; p < n2; p++) {
      const step = learningRate * grad[W + p]!;
      net.theta[W + p] -= step;
      s2 += step * step;
      deltaW[k * n2 + p] = net.theta[W + p]! - baseline.theta[W + p]!;
    }
    stepNorms.push(Math.sqrt(s2));
  }
  // Random-walk control with matched step norms.
  const g = normalSampler(mulberry32(seed + 7919));
  const walk = new Float64Array(K * n2), xi = new Float64Array(n2);
  for (let k = 0; k < K; k++) {
    let s2 = 0;
    for (let p = 0; p < n2; p++) {
      xi[p] = g();
      s2 += xi[p]! * xi[p]!;
    }
    const sc = stepNorms[k]! / Math.sqrt(s2);
    for (let p = 0; p < n2; p++) {
      walk[k * n2 + p] = (k > 0 ? walk[(k - 1) * n2 + p]! : 0) + sc * xi[p]!;
    }
  }
  return {
    deltaW: tensor3([K, n, n], deltaW),
    randomWalk: tensor3([K, n, n], walk),
    stepNorms,
    baselineLoss,
    trialLoss,
    baseline,
  };
}
