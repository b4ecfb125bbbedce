import assert from "node:assert/strict";
import {
  initMlp,
  mlpForward,
  mlpGradients,
  predictMlp,
  trainMlp,
} from "../../lib/activations/mlp.ts";
import { adamStep, createAdam } from "../../lib/optim/adam.ts";
import { randn } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

Deno.test("mlpGradients() agrees with central finite differences", () => {
  const model = initMlp([5, 7, 4, 3], 2);
  for (const b of model.biases) for (let j = 0; j < b.length; j++) b[j] = 0.1 * Math.sin(j + 1);
  const X = randn(6, 5, 9);
  const y = Int32Array.from([0, 1, 2, 2, 1, 0]);
  const { grads } = mlpGradients(model, X, y);
  const params = model.weights.flatMap((w, l) => [w.data, model.biases[l]!]);
  const h = 1e-6;
  for (let p = 0; p < params.length; p++) {
    const arr = params[p]!;
    for (let j = 0; j < arr.length; j += 3) {
      const keep = arr[j]!;
      arr[j] = keep + h;
      const up = mlpGradients(model, X, y).loss;
      arr[j] = keep - h;
      const down = mlpGradients(model, X, y).loss;
      arr[j] = keep;
      assertAllClose(grads[p]![j]!, (up - down) / (2 * h), {
        rtol: 1e-5,
        atol: 1e-8,
        label: `param ${p}[${j}]`,
      });
    }
  }
});

Deno.test("trainMlp() is deterministic given a seed and differs across seeds", () => {
  const X = randn(64, 6, 1);
  const y = Array.from({ length: 64 }, (_, i) => (X.data[i * 6]! > 0 ? 1 : 0));
  const a = trainMlp(X, y, { epochs: 3, seed: 4, hidden: [8] });
  const b = trainMlp(X, y, { epochs: 3, seed: 4, hidden: [8] });
  assert.deepEqual(a.model.weights[0]!.data, b.model.weights[0]!.data);
  assert.deepEqual(a.losses, b.losses);
  const c = trainMlp(X, y, { epochs: 3, seed: 5, hidden: [8] });
  assert.notDeepEqual(a.model.weights[0]!.data, c.model.weights[0]!.data);
});

Deno.test("trainMlp() fits a nonlinear (XOR) problem", () => {
  const X: number[][] = [], y: number[] = [];
  for (let i = 0; i < 200; i++) {
    const u = Math.sin(i * 12.9898) * 2, v = Math.cos(i * 78.233) * 2;
    X.push([u, v]);
    y.push(u * v > 0 ? 1 : 0);
  }
  const { model, losses } = trainMlp(X, y, {
    hidden: [16, 16],
    epochs: 150,
    learningRate: 0.01,
    batchSize: 32,
  });
  const p = predictMlp(model, X);
  let correct = 0;
  for (let i = 0; i < 200; i++) if (p[i] === y[i]) correct++;
  assert.ok(correct / 200 > 0.95, `accuracy ${correct / 200}`);
  assert.ok(losses[losses.length - 1]! < 0.5 * losses[0]!);
});

Deno.test("mlpForward() exposes the last hidden layer as the penultimate features", () => {
  const model = initMlp([3, 5, 4, 2], 0);
  const out = mlpForward(model, [[1, 2, 3]]);
  assert.equal(out.activations.length, 2);
  assert.equal(out.features, out.activations[1]);
  assert.ok(Array.from(out.features.data).every((v) => v >= 0));
  // logits = features · W3 + b3
  const W = model.weights[2]!;
  for (let c = 0; c < 2; c++) {
    let s = 0;
    for (let j = 0; j < 4; j++) s += out.features.data[j]! * W.data[j * 2 + c]!;
    assertAllClose(out.logits.data[c]!, s, { rtol: 1e-14, atol: 1e-15 });
  }
});

Deno.test("adamStep() matches the bias-corrected update written out by hand", () => {
  const theta = new Float64Array([0.5, -1]);
  const s = createAdam([2], { learningRate: 0.01, beta1: 0.8, beta2: 0.9, epsilon: 1e-8 });
  const g1 = new Float64Array([0.3, -2]), g2 = new Float64Array([-0.1, 1]);
  adamStep(s, [theta], [g1]);
  adamStep(s, [theta], [g2]);
  const expected = [0.5, -1].map((t0, j) => {
    let t = t0, m = 0, v = 0;
    [g1, g2].forEach((g, k) => {
      m = 0.8 * m + 0.2 * g[j]!;
      v = 0.9 * v + 0.1 * g[j]! ** 2;
      const mh = m / (1 - 0.8 ** (k + 1)), vh = v / (1 - 0.9 ** (k + 1));
      t -= 0.01 * mh / (Math.sqrt(vh) + 1e-8);
    });
    return t;
  });
  assertAllClose(theta, expected, { rtol: 1e-6, atol: 1e-12 });
});

Deno.test("trainMlp(), mlpForward() and createAdam() reject bad input", () => {
  assert.throws(() => trainMlp([[0], [1]], [0, 1, 1]), {
    name: "TypeError",
    message: "Cannot train MLP: `y` must have one label per row (2): got 3 labels",
  });
  assert.throws(
    () => trainMlp([[0], [1]], [0, 1], { hidden: [0] }),
    /`hidden` must list positive integer widths: got \[0\]/,
  );
  assert.throws(
    () => trainMlp([[0], [1]], [0, 1], { epochs: 0 }),
    /`epochs` must be an integer >= 1: got 0/,
  );
  assert.throws(() => mlpForward(initMlp([3, 2], 0), [[1, 2]]), {
    name: "TypeError",
    message: "Cannot run MLP: `X` must have 3 columns (the input width): got shape [1, 2]",
  });
  assert.throws(() => createAdam([1], { beta1: 1 }), /`beta1` must be in \[0, 1\): got 1/);
  assert.throws(
    () => trainMlp([[1e300], [-1e300]], [0, 1], { learningRate: 1e10, epochs: 3, hidden: [4] }),
    /the training loss became/,
  );
});
