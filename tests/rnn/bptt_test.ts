import assert from "node:assert/strict";
import { lossAndGradient } from "../../lib/rnn/bptt.ts";
import { derive, forward, workspace } from "../../lib/rnn/simulate.ts";
import { initTanhRnn, tanhRnnLossGrad } from "../../lib/rnn/tanh_rnn.ts";
import { centreOutTask } from "../../lib/rnn/centre_out.ts";
import type { LtrModel } from "../../lib/rnn/ltr_model.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fixtureModel, fx } from "./_fixtures.ts";

const f = fx.ltr;
const Y = Float64Array.from(f.data);
const mask = Uint8Array.from(f.mask);
const pen = { lambdaState: f.lambdaState, lambdaInput: f.lambdaInput };

function evalLoss(m: LtrModel, trials: number[], grad?: Float64Array) {
  const w = workspace(m);
  w.trials.set(trials);
  w.count = trials.length;
  const d = derive(m);
  forward(m, d, w);
  return lossAndGradient(m, d, w, Y, mask, pen, grad ?? new Float64Array(m.theta.length));
}

Deno.test("lossAndGradient() loss matches numpy's masked MSE and penalties", () => {
  const lv = evalLoss(fixtureModel(), [0, 1, 2, 3, 4]);
  assertAllClose(lv.mse, f.mse, { rtol: 1e-12 });
  assertAllClose(lv.penalty, f.penalty, { rtol: 1e-12 });
  assertAllClose(lv.loss, f.mse + f.penalty, { rtol: 1e-12 });
});

Deno.test("lossAndGradient() agrees with central finite differences in every parameter", () => {
  const m = fixtureModel();
  const trials = [0, 2, 3]; // a dropout batch
  const grad = new Float64Array(m.theta.length);
  evalLoss(m, trials, grad);
  const h = 1e-6;
  let worst = 0;
  for (let p = 0; p < m.theta.length; p++) {
    const o = m.theta[p]!;
    m.theta[p] = o + h;
    const lp = evalLoss(m, trials).loss;
    m.theta[p] = o - h;
    const lm = evalLoss(m, trials).loss;
    m.theta[p] = o;
    const num = (lp - lm) / (2 * h);
    const err = Math.abs(num - grad[p]!) / Math.max(1e-4, Math.abs(num));
    worst = Math.max(worst, err);
  }
  assert.ok(worst < 1e-6, `worst relative error ${worst}`);
});

Deno.test("lossAndGradient() gives zero data gradient when the batch has no training entries", () => {
  const m = fixtureModel();
  const w = workspace(m);
  w.trials.set([1]);
  w.count = 1;
  const d = derive(m);
  forward(m, d, w);
  const lv = lossAndGradient(m, d, w, Y, new Uint8Array(Y.length), {
    lambdaState: 0,
    lambdaInput: 0,
  }, new Float64Array(m.theta.length));
  assert.equal(lv.mse, 0);
  assert.equal(lv.count, 0);
});

Deno.test("tanhRnnLossGrad() agrees with central finite differences (with a rotation)", () => {
  const net = initTanhRnn(5, 3, 2, { seed: 3 });
  const batch = centreOutTask({ nTargets: 3, nTime: 6, goTime: 2, reachTime: 3 });
  const G = new Float64Array([Math.SQRT1_2, -Math.SQRT1_2, Math.SQRT1_2, Math.SQRT1_2]);
  const grad = new Float64Array(net.theta.length), tmp = new Float64Array(net.theta.length);
  tanhRnnLossGrad(net, batch, grad, G);
  const h = 1e-6;
  let worst = 0;
  for (let p = 0; p < net.theta.length; p++) {
    const o = net.theta[p]!;
    net.theta[p] = o + h;
    const lp = tanhRnnLossGrad(net, batch, tmp, G);
    net.theta[p] = o - h;
    const lm = tanhRnnLossGrad(net, batch, tmp, G);
    net.theta[p] = o;
    const num = (lp - lm) / (2 * h);
    worst = Math.max(worst, Math.abs(num - grad[p]!) / Math.max(1e-4, Math.abs(num)));
  }
  assert.ok(worst < 1e-6, `worst relative error ${worst}`);
});
