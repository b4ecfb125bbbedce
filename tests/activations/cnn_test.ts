import assert from "node:assert/strict";
import { cnnForward, cnnGradients, initCnn, trainCnn } from "../../lib/activations/cnn.ts";
import { generateSprites } from "../../lib/activations/sprites.ts";
import { randn } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

Deno.test("cnnGradients() agrees with central finite differences", () => {
  const model = initCnn({ channels: 2, height: 7, width: 5 }, [3, 4], 5, 3, 1);
  for (const b of model.biases) for (let j = 0; j < b.length; j++) b[j] = 0.05 * Math.cos(j + 1);
  const X = randn(3, 2 * 7 * 5, 2);
  const y = [0, 2, 1];
  const { grads } = cnnGradients(model, X, y);
  const params = model.weights.flatMap((w, l) => [w.data, model.biases[l]!]);
  const h = 1e-6;
  for (let p = 0; p < params.length; p++) {
    const arr = params[p]!;
    for (let j = 0; j < arr.length; j += 5) {
      const keep = arr[j]!;
      arr[j] = keep + h;
      const up = cnnGradients(model, X, y).loss;
      arr[j] = keep - h;
      const down = cnnGradients(model, X, y).loss;
      arr[j] = keep;
      assertAllClose(grads[p]![j]!, (up - down) / (2 * h), {
        rtol: 1e-5,
        atol: 1e-8,
        label: `param ${p}[${j}]`,
      });
    }
  }
});

Deno.test("cnnForward() gives a row the same output alone as inside a large batch", () => {
  const model = initCnn({ channels: 1, height: 8, width: 8 }, [2, 3], 4, 2, 3);
  const X = randn(300, 64, 4);
  const all = cnnForward(model, X);
  const one = cnnForward(model, { rows: 1, cols: 64, data: X.data.slice(299 * 64) });
  assertAllClose(one.logits.data, all.logits.data.slice(299 * 2), { rtol: 1e-12, atol: 1e-14 });
});

Deno.test("trainCnn() learns sprite shapes better than chance on unbiased data and is deterministic", () => {
  const tr = generateSprites({ n: 600, correlation: 0.5, noise: 0.05, seed: 1 });
  const te = generateSprites({ n: 300, correlation: 0.5, noise: 0.05, seed: 2 });
  const shape = { channels: 1, height: 16, width: 16 };
  const a = trainCnn(tr.X, tr.labels, shape, { epochs: 8, seed: 3, learningRate: 3e-3 });
  const b = trainCnn(tr.X, tr.labels, shape, { epochs: 8, seed: 3, learningRate: 3e-3 });
  assert.deepEqual(a.losses, b.losses);
  const z = cnnForward(a.model, te.X).logits;
  let correct = 0;
  for (let i = 0; i < 300; i++) {
    if ((z.data[2 * i + 1]! > z.data[2 * i]! ? 1 : 0) === te.labels[i]) correct++;
  }
  assert.ok(correct / 300 > 0.8, `accuracy ${correct / 300}`);
});

Deno.test("trainCnn() and cnnForward() reject bad shapes", () => {
  assert.throws(
    () => trainCnn([[0, 1, 2]], [0], { channels: 1, height: 3, width: 1 }),
    /`shape` must have integer channels >= 1 and height, width >= 4: got 1×3×1/,
  );
  const model = initCnn({ channels: 1, height: 4, width: 4 }, [2, 2], 3, 2, 0);
  assert.throws(() => cnnForward(model, [[1, 2]]), {
    name: "TypeError",
    message: "Cannot run CNN: `X` must have 1·4·4 = 16 columns: got shape [1, 2]",
  });
  assert.throws(() => cnnGradients(model, [new Array(16).fill(0)], [0, 1]), {
    name: "TypeError",
    message: "Cannot compute CNN gradients: `y` must have one label per row (1): got 2 labels",
  });
});
