import assert from "node:assert/strict";
import { simulateLtr } from "../../lib/rnn/simulate.ts";
import { ltrLayout, ltrParameters, weightTensor } from "../../lib/rnn/ltr_model.ts";
import { initLtrModel } from "../../lib/rnn/init.ts";
import { scoreLtr } from "../../lib/rnn/loss.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fixtureModel, fx } from "./_fixtures.ts";

Deno.test("simulateLtr() in latent coordinates matches numpy's full neuron-space simulation", () => {
  const sim = simulateLtr(fixtureModel());
  assertAllClose(sim.outputs.data, fx.ltr.outputs, { rtol: 1e-12, atol: 1e-12 });
});

Deno.test("weightTensor() matches Σ_r a_r(k) ĉ_r ρ̂_rᵀ computed by numpy", () => {
  assertAllClose(weightTensor(fixtureModel()).data, fx.ltr.weights, { rtol: 1e-12, atol: 1e-13 });
});

Deno.test("simulateLtr() rates are tanh of the latent states mapped by Ĉ", () => {
  const m = fixtureModel();
  const sim = simulateLtr(m);
  const C = ltrParameters(m).columnFactors;
  const { rank: R, nUnits: n, nTime: T } = m;
  for (const [k, t] of [[0, 0], [3, 5]]) {
    for (let i = 0; i < n; i++) {
      let x = 0;
      for (let r = 0; r < R; r++) {
        x += C.data[i * R + r]! * sim.latents.data[(k! * (T + 1) + t! + 1) * R + r]!;
      }
      assertAllClose(sim.rates.data[(k! * T + t!) * n + i]!, Math.tanh(x), {
        rtol: 1e-14,
        atol: 1e-15,
      });
    }
  }
});

Deno.test("ltrLayout() blocks tile the parameter vector", () => {
  const lay = ltrLayout(fx.ltr.dims);
  assert.equal(lay.size, fx.ltr.theta.length);
  assert.equal(lay.readoutBias + fx.ltr.dims.nOutputs, lay.size);
});

Deno.test("initLtrModel() rejects bad sizes, conditions and inputs", () => {
  const dims = {
    rank: 2,
    nUnits: 4,
    nOutputs: 3,
    nTrials: 4,
    nTime: 5,
    nConditions: 2,
    nInputs: 2,
  };
  assert.throws(() => initLtrModel({ ...dims, rank: 0 }), {
    name: "RangeError",
    message: "Cannot build ltrRNN: `rank` must be an integer >= 1: got 0",
  });
  assert.throws(() => initLtrModel(dims, { conditions: [0, 1, 2, 0] }), {
    name: "RangeError",
    message: "Cannot build ltrRNN: `conditions` must hold integers in [0, 1]: got 2 at trial 2",
  });
  assert.throws(() => initLtrModel({ ...dims, nInputs: 3 }), {
    name: "TypeError",
    message:
      "Cannot build ltrRNN: without `inputs`, `nInputs` must equal `nConditions` (one-hot inputs): got 3 and 2",
  });
  assert.throws(
    () => initLtrModel(dims, { inputs: { shape: [2, 4, 2], data: new Float64Array(16) } }),
    {
      name: "TypeError",
      message:
        "Cannot build ltrRNN: `inputs` must have shape [2, 5, 2] (conditions, time, inputs): got [2, 4, 2]",
    },
  );
  assert.throws(() => initLtrModel(dims, { alpha: 0 }), {
    name: "RangeError",
    message: "Cannot build ltrRNN: `alpha` must be in (0, 1]: got 0",
  });
});

Deno.test("scoreLtr() skips NaN entries and rejects wrong data shapes", () => {
  const m = fixtureModel();
  const Y = {
    shape: [5, 7, 4] as [number, number, number],
    data: simulateLtr(m).outputs.data.slice(),
  };
  Y.data[3] = NaN;
  const s = scoreLtr(m, Y);
  assert.equal(s.count, 5 * 7 * 4 - 1);
  assert.ok(s.mse < 1e-24);
  assert.throws(() => scoreLtr(m, { shape: [5, 7, 3], data: new Float64Array(105) }), {
    name: "TypeError",
    message:
      "Cannot score ltrRNN: `Y` must have shape [5, 7, 4] (trials, time, neurons) to match the model: got [5, 7, 3]",
  });
});
