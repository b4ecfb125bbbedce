import assert from "node:assert/strict";
import { fromRows } from "../../lib/linalg/matrix.ts";
import { fitLogistic, logisticDecision, predictLogistic } from "../../lib/activations/logistic.ts";
import { logisticLoss } from "../../lib/activations/logistic_loss.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

interface Case {
  name: string;
  penalty: "l2" | "l1";
  C: number;
  X: number[][];
  y: number[];
  coef: number[][];
  intercept: number[];
}
const cases: Case[] = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/logistic.json", import.meta.url)),
);

for (const c of cases) {
  Deno.test(`fitLogistic() matches scikit-learn LogisticRegression (${c.name})`, () => {
    const fit = fitLogistic(c.X, c.y, { penalty: c.penalty, C: c.C, tol: 1e-10 });
    assert.ok(fit.converged, `${c.name}: not converged after ${fit.iterations}`);
    assertAllClose(fit.coef.flat(), c.coef.flat(), { rtol: 1e-7, atol: 1e-8, label: c.name });
    assertAllClose(fit.intercept, c.intercept, { rtol: 1e-7, atol: 1e-8, label: c.name });
    if (c.penalty === "l1") {
      // The zero pattern of the lasso solution agrees too.
      const ours = fit.coef.flat().map((v) => v === 0);
      const ref = c.coef.flat().map((v) => Math.abs(v) < 1e-8);
      assert.deepEqual(ours, ref);
    }
  });
}

Deno.test("fitLogistic() reaches a stationary point of the L2 objective", () => {
  const c = cases.find((k) => k.penalty === "l2" && k.name.includes("multinomial"))!;
  const fit = fitLogistic(c.X, c.y, { C: c.C, tol: 1e-10 });
  const X = fromRows(c.X), n = X.rows, d = X.cols;
  const theta = new Float64Array([...fit.coef.flat(), ...fit.intercept]);
  const g = new Float64Array(theta.length);
  logisticLoss(X, Int32Array.from(c.y), theta, 3, g);
  for (let k = 0; k < 3 * d; k++) g[k]! += theta[k]! / (c.C * n);
  assert.ok(Math.max(...g.map(Math.abs)) < 1e-9);
});

Deno.test("fitLogistic() uses Newton for binary L2, L-BFGS for multinomial L2 and FISTA for L1", () => {
  const X = [[0], [1], [2], [3], [4], [5]];
  assert.equal(fitLogistic(X, [0, 0, 1, 0, 1, 1]).solver, "newton");
  assert.equal(fitLogistic(X, [0, 1, 2, 0, 1, 2]).solver, "lbfgs");
  assert.equal(fitLogistic(X, [0, 0, 1, 0, 1, 1], { penalty: "l1" }).solver, "fista");
});

Deno.test("fitLogistic() with a tiny C shrinks every L1 weight to zero", () => {
  const fit = fitLogistic([[1, 2], [2, 1], [3, 5], [4, 4]], [0, 0, 1, 1], {
    penalty: "l1",
    C: 1e-3,
  });
  assert.deepEqual(fit.coef, [[0, 0]]);
});

Deno.test("predictLogistic() thresholds the log-odds at 0 and takes the argmax otherwise", () => {
  const bin = { coef: [[1]], intercept: [-1], nClasses: 2 };
  assert.deepEqual(Array.from(predictLogistic(bin, [[0.5], [1.5]])), [0, 1]);
  assert.deepEqual(Array.from(logisticDecision(bin, [[3]]).data), [2]);
});

Deno.test("fitLogistic() does not mutate its inputs", () => {
  const X = fromRows([[0, 1], [1, 0], [2, 2], [3, 1]]);
  const before = X.data.slice();
  const y = [0, 1, 0, 1];
  fitLogistic(X, y);
  assert.deepEqual(X.data, before);
  assert.deepEqual(y, [0, 1, 0, 1]);
});

Deno.test("fitLogistic() rejects bad input with clear errors", () => {
  const X = [[0], [1], [2]];
  assert.throws(() => fitLogistic(X, [0, 1]), {
    name: "TypeError",
    message: "Cannot fit logistic regression: `y` must have one label per row (3): got 2 labels",
  });
  assert.throws(() => fitLogistic(X, [0, 0, 0]), {
    name: "RangeError",
    message: "Cannot fit logistic regression: `nClasses` must be an integer >= 2: got 1",
  });
  assert.throws(() => fitLogistic(X, [0, 2, 2]), {
    name: "RangeError",
    message:
      "Cannot fit logistic regression: `y` has no sample of class 1; every class in 0…2 must occur",
  });
  assert.throws(() => fitLogistic(X, [0, 1, 1], { C: 0 }), {
    name: "RangeError",
    message: "Cannot fit logistic regression: `C` must be a positive finite number: got 0",
  });
  assert.throws(() => fitLogistic(X, [0, 1, 0.5]), {
    name: "RangeError",
    message:
      "Cannot fit logistic regression: `y` must hold non-negative integers: got 0.5 at index 2",
  });
  assert.throws(() => fitLogistic([[0], [NaN]], [0, 1]), /`X` must be finite: got NaN at \[1, 0\]/);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => fitLogistic(X, [0, 1, 1], { penalty: "l3" as any }), {
    name: "RangeError",
    message: 'Cannot fit logistic regression: `penalty` must be "l2" or "l1": got l3',
  });
  assert.throws(() => logisticDecision({ coef: [[1, 2]], intercept: [0], nClasses: 2 }, X), {
    name: "TypeError",
    message:
      "Cannot evaluate logistic regression: `X` must have 2 columns like the fitted model: got shape [3, 1]",
  });
});
