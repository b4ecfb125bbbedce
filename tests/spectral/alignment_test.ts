import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fromRows, type Matrix } from "../../lib/linalg/matrix.ts";
import { matmul } from "../../lib/linalg/products.ts";
import { lstsq } from "../../lib/linalg/lstsq.ts";
import { randn } from "../../lib/random.ts";
import { alignment, participationRatio, spectralDecomposition } from "../../lib/spectral/mod.ts";

const sum = (a: readonly number[]) => a.reduce((u, v) => u + v, 0);

Deno.test("alignment() W_full and every per-neuron row sum to 1 (property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 3, max: 25 }),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 1, max: 4 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 10000 }),
      (P, M, N, center, seed) => {
        const X = randn(P, M, seed), Y = randn(P, N, seed + 1);
        const a = alignment(X, Y, { center });
        assertAllClose(sum(a.weights), 1, { rtol: 1e-12 });
        a.weightsPerNeuron.forEach((w) => assertAllClose(sum(w), 1, { rtol: 1e-12 }));
        assert.ok(a.weights.slice(a.rank + 1).every((v) => v === 0));
        assert.ok(a.weights.every((v) => v >= 0));
        return true;
      },
    ),
    { numRuns: 60, seed: 11 },
  );
});

Deno.test("alignment() puts a target equal to eigenvector k entirely on mode k", () => {
  const X = randn(12, 30, 4);
  const d = spectralDecomposition(X, "eigh");
  for (const k of [0, 3, 10]) {
    const y: Matrix = { rows: 12, cols: 1, data: new Float64Array(12) };
    for (let i = 0; i < 12; i++) y.data[i] = 5 * d.vectors.data[i * d.rank + k]!;
    const a = alignment(X, y, { center: false });
    const expected = new Array(12).fill(0);
    expected[k] = 1;
    assertAllClose(a.weights, expected, { atol: 1e-12 });
  }
});

Deno.test("alignment() out-of-span power is the least-squares residual, placed at index r", () => {
  const X = randn(20, 6, 8), Y = randn(20, 3, 9);
  const a = alignment(X, Y, { center: false });
  const { x } = lstsq(X, Y);
  const fit = matmul(X, x);
  let res = 0, tot = 0;
  const resN = [0, 0, 0], totN = [0, 0, 0];
  Y.data.forEach((v, k) => {
    const e = (v - fit.data[k]!) ** 2;
    res += e;
    tot += v * v;
    resN[k % 3]! += e;
    totN[k % 3]! += v * v;
  });
  assertAllClose(a.outOfSpan, res / tot, { rtol: 1e-12 });
  assertAllClose(a.outOfSpanPerNeuron, resN.map((r, n) => r / totN[n]!), { rtol: 1e-12 });
  assert.equal(a.rank, 6);
  assert.equal(a.weights[6], a.outOfSpan);
  assertAllClose(1 - sum(a.weights.slice(0, 6)), a.outOfSpan, { rtol: 1e-12 });
});

Deno.test("alignment() out-of-span power is exactly 0 for centred data of rank P − 1", () => {
  const a = alignment(randn(15, 40, 2), randn(15, 4, 3));
  assert.equal(a.rank, 14);
  assert.equal(a.outOfSpan, 0);
  assert.deepEqual(a.outOfSpanPerNeuron, [0, 0, 0, 0]);
  assert.equal(a.weights[14], 0);
});

Deno.test("alignment() pooled W is the power-weighted mean of the per-neuron W", () => {
  const Y = randn(18, 3, 5);
  for (let i = 0; i < 18; i++) Y.data[i * 3 + 2] *= 10;
  const a = alignment(randn(18, 9, 6), Y);
  const T = a.targetPower;
  assertAllClose(sum(a.neuronPower), T, { rtol: 1e-14 });
  const mixed = a.weights.map((_, i) =>
    a.weightsPerNeuron.reduce((u, w, n) => u + (w[i]! * a.neuronPower[n]!) / T, 0)
  );
  assertAllClose(mixed, a.weights, { rtol: 1e-12, atol: 1e-15 });
});

Deno.test("alignment() W is invariant to scaling X and Y; λ scales with X²", () => {
  const X = randn(14, 20, 1), Y = randn(14, 2, 2);
  const a = alignment(X, Y);
  const b = alignment({ ...X, data: X.data.map((v) => 3 * v) }, {
    ...Y,
    data: Y.data.map((v) => -0.5 * v),
  });
  assertAllClose(b.weights, a.weights, { rtol: 1e-10, atol: 1e-14 });
  assertAllClose(b.eigenvalues, a.eigenvalues.map((v) => 9 * v), { rtol: 1e-12, atol: 1e-14 });
  assertAllClose(b.edModel, a.edModel, { rtol: 1e-12 });
  assertAllClose(b.targetPower, 0.25 * a.targetPower, { rtol: 1e-14 });
});

Deno.test("alignment() effective dimensionalities follow their definitions", () => {
  const X = fromRows([[2, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]]);
  const Y = fromRows([[1, 0], [0, 1], [1, 1], [0, 0]]);
  const a = alignment(X, Y, { center: false });
  assertAllClose(a.edModel, participationRatio(a.eigenvalues), { rtol: 1e-15 });
  assertAllClose(a.edAlignment, participationRatio(a.weights), { rtol: 1e-15 });
  // Y Yᵀ/4 has eigenvalues 3/4 and 1/4
  assertAllClose(a.edNeural, 1 / (0.75 ** 2 + 0.25 ** 2), { rtol: 1e-14 });
  assert.equal(a.kind, "spectralAlignment");
});

Deno.test("alignment() by SVD agrees with alignment() by eigh", () => {
  const X = randn(25, 60, 12), Y = randn(25, 5, 13);
  const a = alignment(X, Y), b = alignment(X, Y, { method: "svd" });
  assertAllClose(b.weights, a.weights, { rtol: 1e-9, atol: 1e-13 });
  assertAllClose(b.outOfSpan, a.outOfSpan, { atol: 1e-14 });
});

Deno.test("alignment() does not mutate its inputs", () => {
  const X = randn(10, 4, 1), Y = randn(10, 2, 2);
  const cx = X.data.slice(), cy = Y.data.slice();
  alignment(X, Y);
  assert.deepEqual(X.data, cx);
  assert.deepEqual(Y.data, cy);
});

Deno.test("alignment() rejects bad input with clear errors", () => {
  const ctx = "Cannot compute spectral alignment";
  const X = [[1, 0], [0, 1], [1, 1], [2, 0]];
  assert.throws(() => alignment(X, [[1], [2], [3]]), {
    name: "TypeError",
    message:
      `${ctx}: \`X\` and \`Y\` must have the same number of rows: got shapes [4, 2] and [3, 1]`,
  });
  assert.throws(() => alignment(X, [[1], [2], [Infinity], [0]]), {
    name: "RangeError",
    message: `${ctx}: \`Y\` must be finite: got Infinity at [2, 0]`,
  });
  assert.throws(() => alignment(X, [[1, 5], [2, 5], [3, 5], [4, 5]]), {
    name: "RangeError",
    message: `${ctx}: \`Y\` column 1 has zero variance (a constant neuron): drop it first`,
  });
  assert.throws(() => alignment(X, [[1, 0], [2, 0], [3, 0], [4, 0]], { center: false }), {
    name: "RangeError",
    message: `${ctx}: \`Y\` column 1 has zero power (all zeros): drop it first`,
  });
  assert.throws(() => alignment([[1], [2]], [[1], [2]]), {
    name: "RangeError",
    message: `${ctx}: \`X\` must have at least 3 rows (stimuli): got shape [2, 1]`,
  });
});

Deno.test("alignment() refuses X or Y whose squares leave float64's range, naming the input, instead of failing in LAPACK", () => {
  const X = randn(20, 4, 1), Y = randn(20, 3, 2);
  const times = (A: typeof X, f: number) => ({ ...A, data: A.data.map((v: number) => v * f) });
  assert.throws(() => alignment(times(X, 1e300), Y), {
    name: "RangeError",
    message:
      /^Cannot compute spectral alignment: `X` reaches \|x\| = .*e\+300, outside \[2\^-500, 2\^500\].*would overflow float64; rescale `X`/,
  });
  assert.throws(() => alignment(X, times(Y, 1e-300)), {
    name: "RangeError",
    message: /^Cannot compute spectral alignment: `Y` reaches .* would underflow float64/,
  });
  // inside the range the weights do not depend on X's scale
  assertAllClose(alignment(times(X, 1e100), Y).weights, alignment(X, Y).weights, {
    rtol: 1e-9,
    atol: 1e-15,
  });
});
