import assert from "node:assert/strict";
import { fitLtrRnn } from "../../lib/rnn/fit.ts";
import { teacherLtr } from "../../lib/rnn/teacher.ts";
import { adam } from "../../lib/optim/adam.ts";
import { initLtrModel } from "../../lib/rnn/init.ts";
import { scoreLtr } from "../../lib/rnn/loss.ts";

const small = () =>
  teacherLtr({ rank: 1, nUnits: 6, nTrials: 8, nTime: 10, nConditions: 2, seed: 4, noise: 0.1 });

Deno.test("fitLtrRnn() lowers the training error more than tenfold on a rank-1 teacher", () => {
  const t = small();
  const fit = fitLtrRnn(t.Y, {
    rank: 1,
    conditions: t.model.conditions,
    iterations: 600,
    learningRate: 0.02,
    evalEvery: 100,
  });
  assert.ok(fit.trainError < 0.1, `train ${fit.trainError}`);
  assert.ok(fit.history[0]!.trainError > 10 * fit.trainError);
  assert.equal(fit.lossHistory.length, 600);
  assert.equal(fit.testError, null);
  assert.equal(fit.kind, "ltrFit");
  assert.equal(fit.trainMse, scoreLtr(fit.model, t.Y).mse);
});

Deno.test("fitLtrRnn() is deterministic given a seed and does not mutate its inputs", () => {
  const t = small();
  const before = t.Y.data.slice();
  const opts = { rank: 1, conditions: t.model.conditions, iterations: 30, seed: 3 };
  const a = fitLtrRnn(t.Y, opts), b = fitLtrRnn(t.Y, opts);
  assert.deepEqual(a.model.theta, b.model.theta);
  assert.deepEqual(t.Y.data, before);
  const init = initLtrModel(a.model, { conditions: t.model.conditions });
  const theta0 = init.theta.slice();
  fitLtrRnn(t.Y, { ...opts, init });
  assert.deepEqual(init.theta, theta0);
});

Deno.test("fitLtrRnn() treats NaN as missing and never fits it", () => {
  const t = small();
  const Y = { shape: t.Y.shape, data: t.Y.data.slice() };
  for (let p = 0; p < Y.data.length; p += 7) Y.data[p] = NaN;
  const fit = fitLtrRnn(Y, { rank: 1, conditions: t.model.conditions, iterations: 50 });
  assert.ok(Number.isFinite(fit.trainError));
  assert.ok(fit.model.theta.every(Number.isFinite));
});

Deno.test("fitLtrRnn() rejects bad options and data with clear errors", () => {
  const t = small();
  const c = t.model.conditions;
  assert.throws(() => fitLtrRnn(t.Y, { rank: 0 }), {
    name: "RangeError",
    message: "Cannot fit ltrRNN: `rank` must be an integer >= 1: got 0",
  });
  assert.throws(() => fitLtrRnn(t.Y, { rank: 1, trainMask: new Uint8Array(t.Y.data.length) }), {
    name: "RangeError",
    message: "Cannot fit ltrRNN: `trainMask` and the observed entries of `Y` leave nothing to fit",
  });
  const allNaN = { shape: t.Y.shape, data: new Float64Array(t.Y.data.length).fill(NaN) };
  assert.throws(() => fitLtrRnn(allNaN, { rank: 1 }), {
    name: "RangeError",
    message: /leave nothing to fit/,
  });
  assert.throws(() => fitLtrRnn(t.Y, { rank: 1, testMask: new Uint8Array(3) }), {
    name: "TypeError",
    message: `Cannot fit ltrRNN: \`testMask\` must have ${t.Y.data.length} entries: got 3`,
  });
  const inf = { shape: t.Y.shape, data: t.Y.data.slice() };
  inf.data[5] = Infinity;
  assert.throws(() => fitLtrRnn(inf, { rank: 1 }), {
    name: "RangeError",
    message: "Cannot fit ltrRNN: `Y` must be finite or NaN (missing): got Infinity at flat index 5",
  });
  assert.throws(() => fitLtrRnn(t.Y, { rank: 1, trialDropout: 1 }), {
    name: "RangeError",
    message: "Cannot fit ltrRNN: `trialDropout` must be in [0, 1): got 1",
  });
  assert.throws(() => fitLtrRnn(t.Y, { rank: 1, conditions: [0, 1] }), {
    name: "TypeError",
    message: "Cannot build ltrRNN: `conditions` must have 8 entries: got 2",
  });
  const wrong = initLtrModel({
    rank: 1,
    nUnits: 6,
    nOutputs: 6,
    nTrials: 8,
    nTime: 9,
    nConditions: 2,
    nInputs: 2,
  });
  assert.throws(() => fitLtrRnn(t.Y, { rank: 1, conditions: c, init: wrong }), {
    name: "TypeError",
    message:
      "Cannot fit ltrRNN: `Y` must have shape [8, 9, 6] (trials, time, neurons) to match the model: got [8, 10, 6]",
  });
  assert.throws(
    () => fitLtrRnn({ shape: [2, 2], data: new Float64Array(4) } as never, { rank: 1 }),
    {
      name: "TypeError",
      message: "Cannot fit ltrRNN: `Y` must be a 3-tensor: got shape [2, 2]",
    },
  );
});

Deno.test("adam() minimises a quadratic and rejects bad step sizes", () => {
  const opt = adam(2, { learningRate: 0.05 });
  const x = new Float64Array([3, -2]);
  for (let i = 0; i < 2000; i++) opt.step(x, new Float64Array([2 * x[0]!, 8 * x[1]!]));
  assert.ok(Math.abs(x[0]!) < 1e-3 && Math.abs(x[1]!) < 1e-3);
  assert.equal(opt.steps, 2000);
  assert.throws(() => adam(2, { learningRate: 0 }), {
    name: "RangeError",
    message: "Cannot create Adam optimiser: `learningRate` must be a positive number: got 0",
  });
  assert.throws(() => adam(2, { beta2: 1 }), {
    name: "RangeError",
    message: "Cannot create Adam optimiser: `beta2` must be in [0, 1): got 1",
  });
});
