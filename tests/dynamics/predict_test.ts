import assert from "node:assert/strict";
import { fitDmd } from "../../lib/dynamics/dmd.ts";
import { predictDmd } from "../../lib/dynamics/predict.ts";
import { fitDmdc, predictDmdc } from "../../lib/dynamics/dmdc.ts";
import { dmdModes, liftedOperator } from "../../lib/dynamics/modes.ts";
import { randomStableMatrix, simulateLinear } from "../../lib/dynamics/simulate/linear.ts";
import { simulateLorenz } from "../../lib/dynamics/simulate/lorenz.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";
import { eig } from "../../lib/linalg/eig.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

Deno.test("predictDmd() is exact on held-out trials of a noiseless linear system, one and many steps", () => {
  const A = randomStableMatrix(3, { seed: 5, spectralRadius: 0.97 });
  const train = simulateLinear(A, { steps: 30, trials: 2, seed: 1 });
  const test = simulateLinear(A, { steps: 30, trials: 2, seed: 2 });
  const fit = fitDmd(train, { ridge: 0 });
  for (const steps of [1, 5, 20]) {
    const p = predictDmd(fit, test, { steps });
    assert.ok(p.r2 > 1 - 1e-10, `steps ${steps}: r2 ${p.r2}`);
    assert.equal(p.predicted, 2 * (30 - steps));
    assertAllClose((p.prediction as { data: Float64Array }).data, test.data, {
      rtol: 1e-8,
      atol: 1e-10,
    });
  }
});

Deno.test("predictDmd() copies the unpredictable first samples and keeps the input layout", () => {
  const X = Array.from({ length: 20 }, (_, t) => [Math.cos(0.5 * t), Math.sin(0.5 * t)]);
  const fit = fitDmd(X, { nDelays: 3, ridge: 0 });
  const p = predictDmd(fit, X, { steps: 2 });
  const out = p.prediction as { rows: number; cols: number; data: Float64Array };
  assert.deepEqual([out.rows, out.cols], [20, 2]);
  // (D − 1)·k + steps = 4 samples are copied
  assert.deepEqual(Array.from(out.data.slice(0, 8)), X.slice(0, 4).flat());
  assert.equal(p.predicted, 16);
});

Deno.test("predictDmd() on Lorenz: one-step beats many-step prediction", () => {
  const X = simulateLorenz({ steps: 1500, seed: 3 });
  const fit = fitDmd(X, { nDelays: 10, rank: 20 });
  const one = predictDmd(fit, X, { steps: 1 }).r2, far = predictDmd(fit, X, { steps: 50 }).r2;
  assert.ok(one > 0.999 && far < one, `${one} ${far}`);
});

Deno.test("predictDmd() rejects mismatched dims and too-short data", () => {
  const fit = fitDmd(Array.from({ length: 10 }, (_, t) => [t % 3, t % 2]), { nDelays: 2 });
  assert.throws(() => predictDmd(fit, [[1], [2], [3]]), {
    name: "TypeError",
    message: "Cannot predict with DMD: `X` must have the 2 dims the model was fitted on: got 1",
  });
  assert.throws(() => predictDmd(fit, [[1, 2], [3, 4], [5, 6]], { steps: 2 }), {
    name: "RangeError",
    message:
      "Cannot predict with DMD: too few time steps to predict 2 step(s) ahead: the longest trial has 3 samples but needs at least 4",
  });
  assert.throws(() => predictDmd(fit, [[1, 2], [3, 4], [5, 6]], { steps: 0 }), {
    name: "RangeError",
    message: "Cannot predict with DMD: `steps` must be an integer >= 1: got 0",
  });
});

Deno.test("fitDmdc() recovers A and B of a driven linear system and predicts it exactly", () => {
  const A = [[0.9, -0.2], [0.2, 0.9]], Bm = [[0.5], [-0.3]];
  const g = normalSampler(mulberry32(4));
  const X: number[][] = [[1, 0]], U: number[][] = [];
  for (let t = 0; t < 100; t++) {
    const u = g();
    U.push([u]);
    const [a, b] = X[t]!;
    X.push([
      A[0]![0]! * a! + A[0]![1]! * b! + Bm[0]![0]! * u,
      A[1]![0]! * a! + A[1]![1]! * b! + Bm[1]![0]! * u,
    ]);
  }
  U.push([0]);
  const fit = fitDmdc(X, U, { ridge: 0 });
  // with one delay and full rank the lifted operators are A and B themselves
  assertAllClose(liftedOperator(fit).data, A.flat(), { rtol: 1e-9, atol: 1e-10 });
  const r = fit.rank, lifted = new Float64Array(2);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < r; j++) {
      lifted[i] += fit.U.data[i * r + j]! * fit.singularValues[j]! * fit.Bv.data[j]!;
    }
  }
  assertAllClose(lifted, [0.5, -0.3], { rtol: 1e-9 });
  const truth = eig(A);
  assertAllClose(fit.eigenvalues.im, truth.im, { rtol: 1e-9, atol: 1e-12 });
  assert.ok(predictDmdc(fit, X, U, { steps: 10 }).r2 > 1 - 1e-12);
  // ignoring the input is clearly worse
  assert.ok(predictDmd(fitDmd(X, { ridge: 0 }), X, { steps: 10 }).r2 < 0.9);
});

Deno.test("fitDmdc() rejects inputs that do not match the state's trials", () => {
  assert.throws(() => fitDmdc([[1], [2], [3]], [[1], [2]]), {
    name: "TypeError",
    message:
      "Cannot fit DMDc: `U` must have the same trials and time steps as `X`: got trial lengths [3] and [2]",
  });
});

Deno.test("dmdModes() are eigenvectors of the lifted operator", () => {
  const X = simulateLinear(randomStableMatrix(4, { seed: 8 }), { steps: 40, trials: 2, seed: 3 });
  const fit = fitDmd(X, { nDelays: 2, rank: 4, ridge: 0 });
  const { re, im, eigenvalues } = dmdModes(fit);
  const L = liftedOperator(fit), W = L.rows, r = fit.rank;
  for (let k = 0; k < r; k++) {
    const lr = eigenvalues.re[k]!, li = eigenvalues.im[k]!;
    for (let i = 0; i < W; i++) {
      let ar = 0, ai = 0;
      for (let j = 0; j < W; j++) {
        ar += L.data[i * W + j]! * re.data[j * r + k]!;
        ai += L.data[i * W + j]! * im.data[j * r + k]!;
      }
      const pr = lr * re.data[i * r + k]! - li * im.data[i * r + k]!;
      const pi = lr * im.data[i * r + k]! + li * re.data[i * r + k]!;
      assert.ok(Math.abs(ar - pr) < 1e-9 && Math.abs(ai - pi) < 1e-9);
    }
  }
});
