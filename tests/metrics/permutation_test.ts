import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAllClose } from "../_helpers/assert_close.ts";
import {
  fitPermutationMetric,
  linearMetric,
  permutationMetric,
  scorePermutationMetric,
} from "../../lib/metrics/mod.ts";
import { permutation, permuteCols, rand, translate } from "./_gen.ts";

const RUNS = { numRuns: 25, seed: 11 };
const shape = fc.record({
  n: fc.integer({ min: 5, max: 25 }),
  p: fc.integer({ min: 2, max: 7 }),
  seed: fc.integer({ min: 1, max: 1e6 }),
});

Deno.test("permutationMetric() is exactly zero for a column-permuted, translated copy", () => {
  fc.assert(
    fc.property(shape, ({ n, p, seed }) => {
      const X = rand(n, p, seed);
      const Y = translate(permuteCols(X, permutation(p, seed + 1)), seed + 2);
      assert.ok(permutationMetric(X, Y) < 1e-12);
      assert.ok(permutationMetric(X, Y, { score: "euclidean" }) < 1e-12);
    }),
    RUNS,
  );
});

Deno.test("permutationMetric() is invariant to permuting the columns of either input", () => {
  fc.assert(
    fc.property(shape, ({ n, p, seed }) => {
      const X = rand(n, p, seed), Y = rand(n, p, seed + 1);
      const d = permutationMetric(X, Y);
      const X2 = permuteCols(X, permutation(p, seed + 3)),
        Y2 = permuteCols(Y, permutation(p, seed + 4));
      assertAllClose(permutationMetric(X2, Y2), d, { rtol: 1e-12 });
    }),
    RUNS,
  );
});

Deno.test("permutationMetric() is symmetric, bounded below by the Procrustes distance, and satisfies the triangle inequality", () => {
  fc.assert(
    fc.property(shape, ({ n, p, seed }) => {
      const [X, Y, Z] = [rand(n, p, seed), rand(n, p, seed + 1), rand(n, p, seed + 2)];
      for (const score of ["angular", "euclidean"] as const) {
        const d = (A: typeof X, B: typeof X) => permutationMetric(A, B, { score });
        assertAllClose(d(X, Y), d(Y, X), { rtol: 1e-12 });
        assert.ok(d(X, Z) <= (d(X, Y) + d(Y, Z)) * (1 + 1e-12));
        assert.ok(linearMetric(X, Y, { alpha: 1, score }) <= d(X, Y) * (1 + 1e-12));
      }
    }),
    RUNS,
  );
});

Deno.test("fitPermutationMetric() scores held-out rows with the training means and matching", () => {
  const X = rand(30, 4, 1);
  const perm = [2, 0, 3, 1];
  const Y = translate(permuteCols(X, perm), 9);
  const fit = fitPermutationMetric(X, Y);
  // Y[:, k] = X[:, perm[k]] + t_k: column perm[k] of X pairs with column k of Y
  for (let k = 0; k < 4; k++) assert.equal(fit.permutation[perm[k]!], k);
  const Xtest = rand(6, 4, 2);
  const Ytest = translate(permuteCols(Xtest, perm), 9); // same translation as in training
  assert.ok(scorePermutationMetric(fit, Xtest, Ytest) < 1e-12);
  assert.ok(scorePermutationMetric(fit, Xtest, translate(Ytest, 4)) > 0.01);
});

Deno.test("permutationMetric() pads the narrower input", () => {
  const X = rand(12, 3, 1);
  const Y = { rows: 12, cols: 5, data: new Float64Array(60) };
  for (let i = 0; i < 12; i++) {
    for (let j = 0; j < 3; j++) Y.data[i * 5 + 4 - j] = X.data[i * 3 + j]!;
  }
  assert.ok(permutationMetric(X, Y) < 1e-12);
});

Deno.test("permutationMetric() errors: rows, widths with padding off, score, NaN", () => {
  assert.throws(() => permutationMetric(rand(4, 2, 1), rand(5, 2, 1)), {
    name: "TypeError",
    message:
      "Cannot compute permutation metric: `X` and `Y` must have the same number of rows: got shapes [4, 2] and [5, 2]",
  });
  assert.throws(() => permutationMetric(rand(4, 2, 1), rand(4, 3, 1), { pad: false }), {
    name: "TypeError",
    message:
      "Cannot compute permutation metric: `X` and `Y` must have the same number of columns when `pad` is false: got shapes [4, 2] and [4, 3]",
  });
  // deno-lint-ignore no-explicit-any
  assert.throws(() => fitPermutationMetric([[1], [2]], [[1], [2]], { score: "l1" as any }), {
    name: "RangeError",
    message: "Cannot fit permutation metric: `score` must be one of angular, euclidean: got l1",
  });
  assert.throws(() => permutationMetric([[1], [NaN]], [[1], [2]]), {
    name: "RangeError",
    message: "Cannot compute permutation metric: `X` must be finite: got NaN at [1, 0]",
  });
  assert.throws(() => permutationMetric([[1], [1]], [[1], [2]]), {
    name: "RangeError",
    message:
      "Cannot compute permutation metric: the angle is undefined because `X` is zero after centring and alignment (constant responses?)",
  });
});
