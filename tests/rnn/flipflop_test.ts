import assert from "node:assert/strict";
import {
  flipFlopStates,
  flipFlopTask,
  tanhRnnStates,
  trainFlipFlop,
} from "../../lib/rnn/flipflop.ts";
import { gruLossGrad, gruStates, initGru } from "../../lib/rnn/flipflop_gru.ts";
import { initTanhRnn, type RnnBatch, tanhRnnLossGrad } from "../../lib/rnn/tanh_rnn.ts";

/** Largest error |fd − g| / (1e-3 + |fd|) between the analytic gradient and central differences. */
function gradientError(
  theta: Float64Array,
  lossGrad: (grad: Float64Array) => number,
): number {
  const grad = new Float64Array(theta.length), scratch = new Float64Array(theta.length);
  lossGrad(grad);
  let worst = 0;
  const h = 1e-5;
  for (let p = 0; p < theta.length; p++) {
    const v = theta[p]!;
    theta[p] = v + h;
    const up = lossGrad(scratch);
    theta[p] = v - h;
    const down = lossGrad(scratch);
    theta[p] = v;
    const fd = (up - down) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - grad[p]!) / (1e-3 + Math.abs(fd)));
  }
  return worst;
}

const small: RnnBatch = flipFlopTask({ nTrials: 3, nTime: 12, pulseProbability: 0.3, seed: 5 });

Deno.test("gruLossGrad() matches central finite differences", () => {
  const net = initGru(5, 3, 3, { seed: 2 });
  for (let p = 0; p < net.theta.length; p++) net.theta[p] += 0.1 * Math.sin(p); // non-zero biases
  const err = gradientError(net.theta, (g) => gruLossGrad(net, small, g));
  assert.ok(err < 1e-6, `relative error ${err}`);
});

Deno.test("tanhRnnLossGrad() with alpha = 1 matches central finite differences on the flip-flop task", () => {
  const net = initTanhRnn(5, 3, 3, { alpha: 1, gain: 0.9, seed: 4 });
  const err = gradientError(net.theta, (g) => tanhRnnLossGrad(net, small, g));
  assert.ok(err < 1e-6, `relative error ${err}`);
});

Deno.test("flipFlopTask() targets are the sign of the last pulse on each channel", () => {
  const b = flipFlopTask({ nTrials: 4, nTime: 60, seed: 1 });
  let pulses = 0;
  for (let m = 0; m < 4; m++) {
    for (let k = 0; k < 3; k++) {
      let last = 0;
      for (let t = 0; t < 60; t++) {
        const p = (m * 60 + t) * 3 + k, u = b.inputs[p]!;
        assert.ok(u === 0 || u === 1 || u === -1);
        if (u !== 0) (last = u), pulses++;
        assert.equal(b.targets[p], last);
      }
    }
  }
  assert.ok(pulses > 20 && pulses < 100, `pulses ${pulses}`);
  assert.deepEqual(flipFlopTask({ seed: 1 }).inputs, flipFlopTask({ seed: 1 }).inputs);
});

Deno.test("the loss returned by the gradient functions equals the loss of the states", () => {
  const gru = initGru(4, 3, 3, { seed: 1 });
  const H = gruStates(gru, small);
  const lay = 3 * 16 + 3 * 12 + 3 * 4;
  let s = 0;
  for (let p = 0; p < small.nTrials * small.nTime; p++) {
    for (let o = 0; o < 3; o++) {
      let y = 0;
      for (let j = 0; j < 4; j++) y += gru.theta[lay + o * 4 + j]! * H[p * 4 + j]!;
      s += (y - small.targets[p * 3 + o]!) ** 2;
    }
  }
  const loss = gruLossGrad(gru, small, new Float64Array(gru.theta.length));
  assert.ok(Math.abs(loss - s / (small.nTrials * small.nTime * 3)) < 1e-12);
  const tnet = initTanhRnn(4, 3, 3, { alpha: 1, seed: 1 });
  const Ht = tanhRnnStates(tnet, small);
  let st = 0;
  for (let p = 0; p < small.nTrials * small.nTime; p++) {
    for (let o = 0; o < 3; o++) {
      let y = 0;
      for (let j = 0; j < 4; j++) y += tnet.theta[16 + 12 + 4 + o * 4 + j]! * Ht[p * 4 + j]!;
      st += (y - small.targets[p * 3 + o]!) ** 2;
    }
  }
  const lt = tanhRnnLossGrad(tnet, small, new Float64Array(tnet.theta.length));
  assert.ok(Math.abs(lt - st / (small.nTrials * small.nTime * 3)) < 1e-12);
});

Deno.test("trainFlipFlop() solves the task for both architectures on held-out trials", () => {
  for (const architecture of ["tanh", "gru"] as const) {
    const net = trainFlipFlop({ architecture, nUnits: 16, iterations: 250, nTrials: 16, seed: 3 });
    assert.ok(net.losses.at(-1)! < 0.1 * net.losses[0]!, `${architecture}: ${net.losses.at(-1)}`);
    const test = flipFlopTask({ nTrials: 8, seed: 77 });
    const { data, shape } = flipFlopStates(net, test);
    assert.deepEqual(shape, [8, 40, 16]);
    assert.ok(data.every(Number.isFinite));
  }
});

Deno.test("flipFlopTask() and trainFlipFlop() reject bad settings", () => {
  assert.throws(() => flipFlopTask({ nTime: 0 }), {
    name: "RangeError",
    message: "Cannot build flip-flop task: `nTime` must be an integer >= 1: got 0",
  });
  assert.throws(() => flipFlopTask({ pulseProbability: 1.5 }), {
    name: "RangeError",
    message: "Cannot build flip-flop task: `pulseProbability` must be in (0, 1]: got 1.5",
  });
  assert.throws(() => trainFlipFlop({ architecture: "lstm" as "gru" }), {
    name: "RangeError",
    message: 'Cannot train flip-flop RNN: `architecture` must be "tanh" or "gru": got lstm',
  });
  assert.throws(() => trainFlipFlop({ iterations: -1 }), {
    name: "RangeError",
    message: "Cannot train flip-flop RNN: `iterations` must be an integer >= 0: got -1",
  });
  assert.throws(() => initGru(0, 1, 1), {
    name: "RangeError",
    message: "Cannot build GRU: `nUnits` must be an integer >= 1: got 0",
  });
});
