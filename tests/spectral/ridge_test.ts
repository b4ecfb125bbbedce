import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fromRows } from "../../lib/linalg/matrix.ts";
import { matmul } from "../../lib/linalg/products.ts";
import { randn } from "../../lib/random.ts";
import fc from "fast-check";
import {
  fitRidge,
  mergeStats,
  predictRidge,
  rowScores,
  rowStats,
  scoresFromStats,
  solveShifted,
} from "../../lib/spectral/mod.ts";

Deno.test("fitRidge() primal and dual give the same coefficients", () => {
  // n = 12 > M = 5: primal; transposed problem sizes: n = 5 ≤ M = 12: dual
  for (const [n, M] of [[12, 5], [5, 12]] as const) {
    const X = randn(n, M, n), Y = randn(n, 2, M);
    const fit = fitRidge(X, Y, { ridge: 0.3 });
    assert.equal(fit.solver, n > M ? "primal" : "dual");
    // normal equations: (XcᵀXc + αI) β = XcᵀYc
    const mean = (A: typeof X, j: number) => {
      let s = 0;
      for (let i = 0; i < A.rows; i++) s += A.data[i * A.cols + j]!;
      return s / A.rows;
    };
    const Xc = { ...X, data: X.data.map((v, k) => v - mean(X, k % M)) };
    const Yc = { ...Y, data: Y.data.map((v, k) => v - mean(Y, k % 2)) };
    const beta = fromRows(fit.coef);
    const lhs = matmul(matmul(Xc, Xc, { transA: true }), beta);
    for (let j = 0; j < M; j++) {
      for (let k = 0; k < 2; k++) lhs.data[j * 2 + k] += 0.3 * n * beta.data[j * 2 + k]!;
    }
    assertAllClose(lhs, matmul(Xc, Yc, { transA: true }), { rtol: 1e-10, atol: 1e-12 });
  }
});

Deno.test("fitRidge() intercept makes predictions at the feature mean equal the target mean", () => {
  const X = randn(15, 4, 1), Y = randn(15, 3, 2);
  const fit = fitRidge(X, Y, { ridge: 0.5 });
  const xm = [0, 1, 2, 3].map((j) =>
    Array.from({ length: 15 }, (_, i) => X.data[i * 4 + j]!).reduce((u, v) => u + v) / 15
  );
  const ym = [0, 1, 2].map((k) =>
    Array.from({ length: 15 }, (_, i) => Y.data[i * 3 + k]!).reduce((u, v) => u + v) / 15
  );
  assertAllClose(predictRidge(fit, [xm]), ym, { rtol: 1e-12, atol: 1e-14 });
  const none = fitRidge(X, Y, { ridge: 0.5, center: false });
  assert.deepEqual(none.intercept, [0, 0, 0]);
});

Deno.test("solveShifted() uses Cholesky when positive definite and the pseudo-inverse otherwise", () => {
  const A = matmul(randn(3, 6, 1), randn(3, 6, 1), { transA: true }); // rank 3, 6×6
  const B = randn(6, 2, 2);
  assert.equal(solveShifted(A, 0, B).method, "pinv");
  const r = solveShifted(A, 0.1, B);
  assert.equal(r.method, "cholesky");
  const back = matmul(A, r.x);
  back.data.forEach((_, k) => (back.data[k] += 0.1 * r.x.data[k]!));
  assertAllClose(back, B, { rtol: 1e-10, atol: 1e-12 });
  const copy = A.data.slice();
  solveShifted(A, 2, B);
  assert.deepEqual(A.data, copy);
});

Deno.test("scoresFromStats() follows scikit-learn's conventions for constant targets and predictions", () => {
  const Y = fromRows([[1, 2], [1, 3], [1, 4]]);
  const s = scoresFromStats(rowStats(Y, fromRows([[1, 5], [1, 5], [1, 5]])));
  assert.deepEqual(Array.from(s.r2), [1, 1 - 14 / 2]);
  assert.deepEqual(Array.from(s.pearson), [0, 0]);
  const t = scoresFromStats(rowStats(Y, fromRows([[2, 2], [2, 3], [2, 4]]), [0, 2]));
  assert.deepEqual(Array.from(t.r2), [0, 1]);
  assert.deepEqual(Array.from(t.sse), [2, 0]);
  // a target constant up to the rounding of its mean is constant: no R² of -1e30
  const third = fromRows([[0.1], [0.1], [0.1]]);
  const u = scoresFromStats(rowStats(third, fromRows([[0.2], [0.1], [0.1]])));
  assert.deepEqual([u.r2[0], u.pearson[0]], [0, 0]);
});

Deno.test("rowScores() refuses a target constant on the scored rows, naming its column", () => {
  const Y = fromRows([[1, 2], [1, 3], [1, 4]]);
  assert.throws(() => rowScores(Y, fromRows([[1, 5], [1, 5], [1, 5]])), {
    name: "RangeError",
    message:
      "Cannot score predictions: `Y` column 0 is constant on the 3 scored rows (every value is 1): R² and Pearson r are undefined for it",
  });
  // column 1 is constant on rows 0 and 1 only, and those are the rows scored
  assert.throws(
    () => rowScores(fromRows([[1, 2], [2, 2], [3, 4]]), Y, [0, 1]),
    /`Y` column 1 is constant on the 2 scored rows \(every value is 2\)/,
  );
  // constant predictions of a varying target: R² is defined, r is 0
  const s = rowScores(fromRows([[1], [2], [3]]), fromRows([[2], [2], [2]]));
  assert.deepEqual([s.r2[0], s.pearson[0], s.sse[0]], [0, 0, 2]);
});

Deno.test("rowScores() checks shapes, row indices and finiteness", () => {
  const Y = fromRows([[1], [2], [3]]);
  assert.throws(() => rowScores(Y, fromRows([[1], [2]])), {
    name: "TypeError",
    message:
      "Cannot score predictions: `Y` and `Yhat` must have the same shape: got [3, 1] and [2, 1]",
  });
  assert.throws(() => rowScores(Y, Y, [0, 3]), {
    name: "RangeError",
    message: "Cannot score predictions: `rows[1]` must be a row index in [0, 2]: got 3",
  });
  assert.throws(() => rowScores(Y, Y, [1]), /need at least 2 rows to score: got 1/);
  assert.throws(() => rowScores(Y, fromRows([[1], [NaN], [3]])), /`Yhat` must be finite: got NaN/);
});

Deno.test("fitRidge() and predictRidge() reject bad input with clear errors", () => {
  assert.throws(() => fitRidge([[1], [2], [3]], [[1], [2]]), {
    name: "TypeError",
    message:
      "Cannot fit ridge regression: `X` and `Y` must have the same number of rows: got shapes [3, 1] and [2, 1]",
  });
  assert.throws(() => fitRidge([[1], [2], [3]], [[1], [2], [3]], { ridge: -2 }), {
    name: "RangeError",
    message: "Cannot fit ridge regression: `ridge` must be a finite number >= 0: got -2",
  });
  const fit = fitRidge([[1, 0], [0, 1], [1, 1]], [[1], [2], [3]], { ridge: 0.1 });
  assert.throws(() => predictRidge(fit, [[1, 2, 3]]), {
    name: "TypeError",
    message:
      "Cannot predict with ridge regression: `X` must have 2 columns like the training features: got shape [1, 3]",
  });
});

Deno.test("mergeStats() of two disjoint row sets equals rowStats() of their union (property)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 0, max: 1000 }), (P, seed) => {
      const Y = randn(P, 3, seed), H = randn(P, 3, seed + 1);
      for (let k = 0; k < Y.data.length; k++) Y.data[k] += 100; // a large offset
      const cut = 1 + (seed % (P - 1));
      const key = (i: number) => (i * 37 + seed) % 101;
      const rows = Array.from({ length: P }, (_, i) => i).sort((a, b) => key(a) - key(b) || a - b);
      const m = mergeStats(rowStats(Y, H, rows.slice(0, cut)), rowStats(Y, H, rows.slice(cut)));
      const all = rowStats(Y, H);
      for (const key of ["meanY", "meanH", "syy", "shh", "syh", "sse"] as const) {
        assertAllClose(m[key], all[key], { rtol: 1e-10, atol: 1e-10, label: `${key} ` });
      }
      return true;
    }),
    { numRuns: 50, seed: 5 },
  );
});
