import assert from "node:assert/strict";
import { controllability } from "../../lib/dynamics/controllability.ts";
import { randomStableMatrix } from "../../lib/dynamics/simulate/linear.ts";
import { haarOrthogonal } from "../../lib/dynamics/orthogonal.ts";
import { mm } from "../../lib/dynamics/dense.ts";
import { mulberry32, randn } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

Deno.test("controllability() of a diagonal system driven on every state is diag(1/(1 − aᵢ²))", () => {
  const a = [0.9, -0.5, 0.1];
  const A = a.map((v, i) => a.map((_, j) => (i === j ? v : 0)));
  const I = a.map((_, i) => a.map((_, j) => (i === j ? 1 : 0)));
  const c = controllability(A, I);
  assertAllClose(c.gramian.data, A.flat().map((v, k) => (k % 4 === 0 ? 1 / (1 - v * v) : 0)), {
    rtol: 1e-12,
    atol: 1e-15,
  });
  assertAllClose(c.trace, a.reduce((s, v) => s + 1 / (1 - v * v), 0), { rtol: 1e-12 });
  assertAllClose(c.minEigenvalue, 1 / (1 - 0.01), { rtol: 1e-12 });
  assert.equal(c.rank, 3);
});

Deno.test("controllability() solves W = A W Aᵀ + B Bᵀ and is covariant under orthogonal changes of basis", () => {
  const n = 6, m = 2;
  const A = randomStableMatrix(n, { seed: 4, spectralRadius: 0.9 });
  const B = randn(n, m, 5);
  const c = controllability(A, B);
  const W = c.gramian.data;
  const rhs = mm(mm(A.data, W, n, n, n), A.data, n, n, n, false, true);
  const BBt = mm(B.data, B.data, n, m, n, false, true);
  assertAllClose(W, rhs.map((v, k) => v + BBt[k]!), { rtol: 1e-10, atol: 1e-12 });
  const Q = haarOrthogonal(n, mulberry32(6), 1);
  const QA = mm(mm(Q, A.data, n, n, n), Q, n, n, n, false, true);
  const QB = mm(Q, B.data, n, n, m);
  const q = controllability({ rows: n, cols: n, data: QA }, { rows: n, cols: m, data: QB });
  assertAllClose(q.eigenvalues, c.eigenvalues, { rtol: 1e-9, atol: 1e-12 });
});

Deno.test("controllability() finds the uncontrollable direction of a partly driven system", () => {
  const A = [[0.8, 0], [0, 0.5]];
  const partial = controllability(A, [[1], [0]]);
  assert.equal(partial.rank, 1);
  assert.ok(partial.minEigenvalue < 1e-14);
  assert.equal(controllability(A, [[1], [1]]).rank, 2);
});

Deno.test("controllability() rejects unstable or mismatched operators", () => {
  assert.throws(() => controllability([[1.2]], [[1]]), {
    name: "RangeError",
    message:
      "Cannot compute controllability: `A` must be stable (spectral radius < 1) for the Gramian to exist: got 1.2",
  });
  assert.throws(() => controllability([[0.5]], [[1], [1]]), {
    name: "TypeError",
    message:
      "Cannot compute controllability: `B` must have as many rows as `A`: got shapes [1, 1] and [2, 1]",
  });
});
