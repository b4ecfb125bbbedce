import assert from "node:assert/strict";
import { departureFromNormality, transientGrowth } from "../../lib/dynamics/nonnormal.ts";
import { haarOrthogonal } from "../../lib/dynamics/orthogonal.ts";
import { mm } from "../../lib/dynamics/dense.ts";
import { mulberry32, randn } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

const conj = (A: Float64Array, n: number, seed: number) => {
  const Q = haarOrthogonal(n, mulberry32(seed), 1);
  return { rows: n, cols: n, data: mm(mm(Q, A, n, n, n), Q, n, n, n, false, true) };
};

Deno.test("departureFromNormality() is the norm of the strictly upper part of a triangular matrix, invariant to orthogonal conjugation", () => {
  for (const n of [2, 5, 9]) {
    const G = randn(n, n, n).data;
    const T = new Float64Array(n * n);
    let upper = 0, fro = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        T[i * n + j] = G[i * n + j]!;
        if (j > i) upper += G[i * n + j]! ** 2;
        fro += G[i * n + j]! ** 2;
      }
    }
    const d = departureFromNormality(conj(T, n, 7 + n));
    assertAllClose(d.departure, Math.sqrt(upper), { rtol: 1e-9 });
    assertAllClose(d.relative, Math.sqrt(upper / fro), { rtol: 1e-9 });
  }
});

Deno.test("departureFromNormality() is 0 for normal operators (symmetric, orthogonal)", () => {
  const n = 6;
  const G = randn(n, n, 2).data;
  const sym = G.map((v, k) => v + G[(k % n) * n + Math.floor(k / n)]!);
  const orth = haarOrthogonal(n, mulberry32(3), -1);
  for (const A of [sym, orth]) {
    const d = departureFromNormality({ rows: n, cols: n, data: A });
    assert.ok(d.relative < 1e-6, `${d.relative}`);
  }
});

Deno.test("transientGrowth() of the Jordan-like block [[a, b], [0, a]] matches the closed form max_t (|tbaᵗ⁻¹| + √((tbaᵗ⁻¹)² + 4a²ᵗ))/2", () => {
  for (const [a, b] of [[0.9, 1], [0.95, 0.5], [-0.8, 3], [0.5, 0.1]]) {
    let peak = 1, at = 0;
    for (let t = 1; t < 3000; t++) {
      const off = Math.abs(t * b! * a! ** (t - 1));
      const s = (off + Math.sqrt(off * off + 4 * a! ** (2 * t))) / 2;
      if (s > peak) {
        peak = s;
        at = t;
      }
    }
    const g = transientGrowth(conj(new Float64Array([a!, b!, 0, a!]), 2, 5));
    assertAllClose(g.peak, peak, { rtol: 1e-9, label: `a=${a}, b=${b}` });
    assert.equal(g.peakStep, at);
    assert.ok(g.certified);
    assert.ok(g.norms[g.steps]! < 1);
  }
});

Deno.test("transientGrowth() is 1 at t = 0 for a normal contraction and uncertified when the spectral radius is ≥ 1", () => {
  const g = transientGrowth(conj(new Float64Array([0.9, 0, 0, -0.3]), 2, 1));
  assert.deepEqual([g.peakStep, g.certified, g.steps], [0, true, 1]);
  assertAllClose(g.peak, 1, { rtol: 0 });
  const h = transientGrowth([[1.01, 0], [0, 0.5]], { maxSteps: 50 });
  assert.equal(h.certified, false);
  assertAllClose(h.peak, 1.01 ** 50, { rtol: 1e-12 });
  assert.throws(() => transientGrowth([[1, 2]]), {
    name: "TypeError",
    message: "Cannot compute transient growth: `A` must be square: got shape [1, 2]",
  });
});
