import assert from "node:assert/strict";
import { flipFlopTask } from "../../lib/rnn/flipflop.ts";
import {
  tanhRnnFeedbackGrad,
  tanhRnnLoss,
  trainWithRule,
  weightPerturbationGrad,
} from "../../lib/rnn/learning_rules.ts";
import {
  initTanhRnn,
  type RnnBatch,
  tanhRnnLayout,
  tanhRnnLossGrad,
} from "../../lib/rnn/tanh_rnn.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

const small: RnnBatch = flipFlopTask({ nTrials: 3, nTime: 12, pulseProbability: 0.3, seed: 5 });

function perturbed(alpha: number) {
  const net = initTanhRnn(5, 3, 3, { alpha, seed: 2 });
  for (let p = 0; p < net.theta.length; p++) net.theta[p] += 0.1 * Math.sin(p); // non-zero biases
  return net;
}

Deno.test("tanhRnnFeedbackGrad() without feedback equals tanhRnnLossGrad() (alpha 1 and 0.3)", () => {
  for (const alpha of [1, 0.3]) {
    const net = perturbed(alpha);
    const a = new Float64Array(net.theta.length), b = new Float64Array(net.theta.length);
    const la = tanhRnnFeedbackGrad(net, small, a), lb = tanhRnnLossGrad(net, small, b);
    assert.ok(Math.abs(la - lb) < 1e-14);
    for (let p = 0; p < a.length; p++) assert.ok(Math.abs(a[p]! - b[p]!) < 1e-13, `p = ${p}`);
  }
});

Deno.test("tanhRnnLoss() is the loss of tanhRnnLossGrad()", () => {
  const net = perturbed(0.5);
  const g = new Float64Array(net.theta.length);
  assert.ok(Math.abs(tanhRnnLoss(net, small) - tanhRnnLossGrad(net, small, g)) < 1e-15);
});

Deno.test("tanhRnnFeedbackGrad() with random feedback keeps the exact W_out gradient and changes the rest", () => {
  const net = perturbed(1);
  const lay = tanhRnnLayout(net);
  const B = Float64Array.from({ length: 15 }, (_, i) => Math.cos(3 * i));
  const exact = new Float64Array(net.theta.length), fa = new Float64Array(net.theta.length);
  tanhRnnFeedbackGrad(net, small, exact);
  tanhRnnFeedbackGrad(net, small, fa, B);
  for (let p = lay.Wout; p < lay.size; p++) assert.equal(fa[p], exact[p]);
  let diff = 0;
  for (let p = 0; p < lay.Wout; p++) diff += Math.abs(fa[p]! - exact[p]!);
  assert.ok(diff > 1e-3);
});

Deno.test("tanhRnnFeedbackGrad() with feedback B is linear in B (the error enters only through Bᵀe)", () => {
  const net = perturbed(1);
  const lay = tanhRnnLayout(net);
  const B1 = Float64Array.from({ length: 15 }, (_, i) => Math.cos(3 * i));
  const B2 = Float64Array.from({ length: 15 }, (_, i) => Math.sin(2 * i + 1));
  const B12 = B1.map((v, i) => 2 * v - 0.5 * B2[i]!);
  const g1 = new Float64Array(net.theta.length), g2 = g1.slice(), g12 = g1.slice();
  tanhRnnFeedbackGrad(net, small, g1, B1);
  tanhRnnFeedbackGrad(net, small, g2, B2);
  tanhRnnFeedbackGrad(net, small, g12, B12);
  for (let p = 0; p < lay.Wout; p++) {
    assert.ok(Math.abs(g12[p]! - (2 * g1[p]! - 0.5 * g2[p]!)) < 1e-13, `p = ${p}`);
  }
});

Deno.test("weightPerturbationGrad() averaged over many directions points along the gradient", () => {
  const net = perturbed(1);
  const g = new Float64Array(net.theta.length), e = new Float64Array(net.theta.length);
  tanhRnnFeedbackGrad(net, small, g);
  const before = net.theta.slice();
  const loss = weightPerturbationGrad(net, small, e, normalSampler(mulberry32(4)), {
    directions: 3000,
  });
  assert.deepEqual(net.theta, before);
  assert.ok(Math.abs(loss - tanhRnnLoss(net, small)) < 1e-15);
  let dot = 0, gg = 0, ee = 0;
  for (let p = 0; p < g.length; p++) (dot += g[p]! * e[p]!), (gg += g[p]! ** 2), (ee += e[p]! ** 2);
  // With K directions, ĝ = g + noise of variance ≈ ‖g‖²·P/K per norm²: cosine ≈ 1/√(1 + P/K).
  const P = g.length;
  assert.ok(
    dot / Math.sqrt(gg * ee) > 0.9 / Math.sqrt(1 + P / 3000),
    `cos ${dot / Math.sqrt(gg * ee)}`,
  );
});

Deno.test("weightPerturbationGrad() rejects a bad scale or number of directions", () => {
  const net = perturbed(1);
  const g = new Float64Array(net.theta.length), r = normalSampler(mulberry32(1));
  assert.throws(() => weightPerturbationGrad(net, small, g, r, { scale: 0 }), RangeError);
  assert.throws(
    () => weightPerturbationGrad(net, small, g, r, { directions: 1.5 }),
    /`directions` must be an integer >= 1: got 1.5/,
  );
});

Deno.test("trainWithRule() is deterministic given a seed and records the initial and final weights", () => {
  const a = trainWithRule("perturbation", {
    nUnits: 5,
    iterations: 12,
    nTrials: 3,
    nTime: 8,
    recordEvery: 5,
    seed: 3,
  });
  const b = trainWithRule("perturbation", {
    nUnits: 5,
    iterations: 12,
    nTrials: 3,
    nTime: 8,
    recordEvery: 5,
    seed: 3,
  });
  assert.deepEqual(a.losses, b.losses);
  assert.deepEqual(a.recordedAt, [0, 5, 10, 12]);
  assert.deepEqual(a.weights.at(-1), a.net.theta);
  assert.deepEqual(a.weights[0], initTanhRnn(5, 3, 3, { alpha: 1, gain: 0.9, seed: 3 }).theta);
});

Deno.test("trainWithRule() gradient and feedback alignment start from the same weights and then differ", () => {
  const o = { nUnits: 6, iterations: 20, nTrials: 4, nTime: 10, recordEvery: 10, seed: 1 };
  const gd = trainWithRule("gradient", o), fa = trainWithRule("feedback-alignment", o);
  assert.deepEqual(gd.weights[0], fa.weights[0]);
  assert.equal(gd.losses[0], fa.losses[0]);
  assert.notDeepEqual(gd.net.theta, fa.net.theta);
});

Deno.test("trainWithRule() rejects an unknown rule", () => {
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => trainWithRule("hebbian" as any),
    /`rule` must be "gradient", "perturbation" or "feedback-alignment": got hebbian/,
  );
});
