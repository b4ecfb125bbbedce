import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAllClose } from "../_helpers/assert_close.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { matmul } from "../../lib/linalg/products.ts";
import { qr } from "../../lib/linalg/lstsq.ts";
import { randn } from "../../lib/random.ts";
import { alignment, errorModeGeometry, theoryCurve } from "../../lib/spectral/mod.ts";

/** X = c·Q with Q [P, r] orthonormal: K = X Xᵀ/P has r eigenvalues c²/P. */
function whiteX(P: number, r: number, c: number, seed: number): Matrix {
  const { Q } = qr(randn(P, r, seed));
  return { rows: P, cols: r, data: Q.data.map((v) => v * c) };
}

/** κ for a white spectrum (r modes of height l): root of κ² + κ(pl − α − rl) − αpl = 0. */
function whiteKappa(l: number, r: number, p: number, alpha: number): number {
  const b = p * l - alpha - r * l, c = -alpha * p * l;
  // stable quadratic formula for the positive root
  return b <= 0 ? (-b + Math.sqrt(b * b - 4 * c)) / 2 : (2 * -c) / (b + Math.sqrt(b * b - 4 * c));
}

Deno.test("theoryCurve() matches the closed form for a white spectrum at any ridge", () => {
  const P = 30, r = 12, c = 3;
  const X = whiteX(P, r, c, 1);
  const Y = matmul(X, randn(r, 4, 2)); // in the span
  const a = alignment(X, Y, { center: false });
  const l = (c * c) / P;
  assert.equal(a.rank, r);
  assertAllClose(a.eigenvalues.slice(0, r), new Array(r).fill(l), { rtol: 1e-13 });
  for (const ridge of [0, 1e-3, 0.1, 10]) {
    const ps = [0.5, 1, 4, 7.5, 11, 20, 29];
    const t = theoryCurve(a, { ps, ridge });
    ps.forEach((p, k) => {
      const alpha = p * ridge;
      if (ridge === 0 && p >= r) {
        assert.equal(t.kappa[k], 0);
        assertAllClose(t.Eg[k]!, 0, { atol: 1e-15 });
        return;
      }
      const kappa = whiteKappa(l, r, p, alpha);
      const gamma = (r * p * l * l) / (p * l + kappa) ** 2;
      const Eg = kappa ** 2 / (1 - gamma) / (p * l + kappa) ** 2;
      assertAllClose(t.kappa[k]!, kappa, { rtol: 1e-13, label: `kappa p=${p} ridge=${ridge} ` });
      assertAllClose(t.gamma[k]!, gamma, { rtol: 1e-12, atol: 1e-15 });
      assertAllClose(t.Eg[k]!, Eg, { rtol: 1e-11, label: `Eg p=${p} ridge=${ridge} ` });
      assertAllClose(t.Etr[k]!, (alpha / kappa) ** 2 * Eg, { rtol: 1e-11, atol: 1e-300 });
    });
  }
});

Deno.test("theoryCurve() ridgeless white spectrum: E_g = 1 − p/r below the rank", () => {
  const r = 8;
  const lam = [...new Array(r).fill(0.5), 0, 0];
  const W = [...new Array(r).fill(1 / r), 0, 0];
  const ps = [0.25, 1, 2, 5, 7.9];
  const t = theoryCurve({ eigenvalues: lam, weights: W }, { ps });
  assert.equal(t.rank, r);
  assertAllClose(t.Eg, ps.map((p) => 1 - p / r), { rtol: 1e-13 });
  assertAllClose(t.Etr, ps.map(() => 0), { atol: 0 });
});

Deno.test("theoryCurve() ridgeless beyond the rank: E_g = W_null·p/(p − r), E_tr = W_null·(p − r)/p", () => {
  const lam = [3, 2, 1, 0, 0, 0, 0, 0, 0, 0];
  const W = [0.2, 0.3, 0.1, 0.4, 0, 0, 0, 0, 0, 0];
  const ps = [4, 5, 9];
  const t = theoryCurve({ eigenvalues: lam, weights: W }, { ps });
  assertAllClose(t.Eg, ps.map((p) => (0.4 * p) / (p - 3)), { rtol: 1e-14 });
  assertAllClose(t.Etr, ps.map((p) => (0.4 * (p - 3)) / p), { rtol: 1e-14 });
  assertAllClose(t.gamma, ps.map((p) => 3 / p), { rtol: 1e-15 });
  assert.deepEqual(t.Dem, [1, 1, 1]);
});

Deno.test("theoryCurve() ridgeless at p = rank: E_g diverges with out-of-span power, vanishes without", () => {
  const lam = [3, 2, 1, 0, 0];
  const noisy = theoryCurve({ eigenvalues: lam, weights: [0.3, 0.3, 0.3, 0.1, 0] }, { ps: [3] });
  assert.equal(noisy.Eg[0], Infinity);
  assert.equal(noisy.Rem[0], Infinity);
  assert.equal(noisy.Dem[0], 1);
  assert.equal(noisy.Etr[0], 0);
  const clean = theoryCurve({ eigenvalues: lam, weights: [0.5, 0.3, 0.2, 0, 0] }, { ps: [3] });
  assert.deepEqual([clean.Eg[0], clean.Rem[0], clean.Dem[0], clean.Etr[0]], [0, 0, 0, 0]);
});

Deno.test("theoryCurve() single-mode target: E_g = E_k(p), R_em = E_g and D_em = 1", () => {
  const lam = [5, 2, 1, 0.5, 0.1, 0.02, 0];
  for (const k of [0, 2, 5]) {
    const W = lam.map((_, i) => (i === k ? 1 : 0));
    const t = theoryCurve({ eigenvalues: lam, weights: W }, { ps: [1, 2.5, 5], ridge: 0.01 });
    t.ps.forEach((_, j) => {
      assertAllClose(t.Eg[j]!, t.modeErrors![j]![k]!, { rtol: 1e-15 });
      assertAllClose(t.Rem[j]!, t.Eg[j]!, { rtol: 1e-15 });
      assert.equal(t.Dem[j], 1);
    });
  }
});

Deno.test("theoryCurve() tends to E_g = 1 as p → 0", () => {
  const lam = [4, 2, 1, 0.5, 0.25, 0];
  const W = [0.1, 0.4, 0.2, 0.1, 0.1, 0.1];
  for (const ridge of [0, 1e-3, 1]) {
    const ps = [1e-3, 1e-6, 1e-9];
    const t = theoryCurve({ eigenvalues: lam, weights: W }, { ps, ridge });
    t.Eg.forEach((e, k) => {
      assert.ok(e < 1 && 1 - e < 10 * ps[k]!, `E_g(${ps[k]}) = ${e}`);
    });
    // κ → α + Σλ
    assertAllClose(t.kappa[2]!, 1e-9 * ridge + 7.75, { rtol: 1e-8 });
  }
});

Deno.test("theoryCurve() tends to E_g = E_tr = 1 as the ridge → ∞", () => {
  const lam = [4, 2, 1, 0.5, 0.25, 0];
  const W = [0.1, 0.4, 0.2, 0.1, 0.1, 0.1];
  const t = theoryCurve({ eigenvalues: lam, weights: W }, { ps: [1, 3, 5], ridge: 1e12 });
  assertAllClose(t.Eg, [1, 1, 1], { rtol: 1e-10 });
  assertAllClose(t.Etr, [1, 1, 1], { rtol: 1e-10 });
});

Deno.test("theoryCurve() satisfies E_g = R_em·√D_em (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 1e-6, max: 10, noNaN: true }), { minLength: 2, maxLength: 30 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 31, maxLength: 31 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      (lamRaw, wRaw, ridge, frac) => {
        const lam = [...lamRaw].sort((a, b) => b - a).concat([0]);
        const P = lam.length;
        const w = wRaw.slice(0, P);
        const s = w.reduce((u, v) => u + v, 0) || 1;
        const W = w.map((v) => v / s);
        const t = theoryCurve({ eigenvalues: lam, weights: W }, { ps: [frac * (P - 1)], ridge });
        const Eg = t.Eg[0]!;
        if (Eg === 0) return true;
        assertAllClose(Eg, t.Rem[0]! * Math.sqrt(t.Dem[0]!), { rtol: 1e-14 });
        assertAllClose(Eg, t.errorModes![0]!.reduce((u, v) => u + v, 0), { rtol: 1e-14 });
        return true;
      },
    ),
    { numRuns: 200, seed: 42 },
  );
});

Deno.test("theoryCurve() mode errors grow down the spectrum and equal 1/(1 − γ) on the null mode", () => {
  const lam = [5, 3, 1, 0.2, 0.01, 0, 0];
  const t = theoryCurve({ eigenvalues: lam, weights: [0.2, 0.2, 0.2, 0.2, 0.1, 0.1, 0] }, {
    ps: [2, 4],
    ridge: 0.05,
  });
  t.modeErrors!.forEach((E, k) => {
    for (let i = 1; i < E.length; i++) assert.ok(E[i]! >= E[i - 1]!);
    assertAllClose(E[5]!, 1 / (1 - t.gamma[k]!), { rtol: 1e-14 });
    assert.equal(E[6], E[5]);
  });
});

Deno.test("theoryCurve() is invariant to rescaling λ and the ridge together", () => {
  const lam = [5, 3, 1, 0.2, 0.01, 0];
  const W = [0.3, 0.3, 0.1, 0.1, 0.1, 0.1];
  const a = theoryCurve({ eigenvalues: lam, weights: W }, { ps: [1, 3, 5], ridge: 0.02 });
  const b = theoryCurve({ eigenvalues: lam.map((v) => v * 1e-6), weights: W }, {
    ps: [1, 3, 5],
    ridge: 0.02e-6,
  });
  assertAllClose(b.Eg, a.Eg, { rtol: 1e-13 });
  assertAllClose(b.Etr, a.Etr, { rtol: 1e-13 });
  assertAllClose(b.kappa, a.kappa.map((k) => k * 1e-6), { rtol: 1e-13 });
});

Deno.test("theoryCurve() per-neuron errors average to the pooled error by neuron power", () => {
  const X = randn(20, 30, 5);
  const Y = randn(20, 3, 6);
  Y.data.forEach((_, i) => (Y.data[i] *= 1 + (i % 3)));
  const a = alignment(X, Y);
  const t = theoryCurve(a, { ps: [2, 10, 19], ridge: 1e-3 });
  const T = a.targetPower;
  t.EgPerNeuron!.forEach((row, k) => {
    const pooled = row.reduce((u, e, n) => u + (e * a.neuronPower[n]!) / T, 0);
    assertAllClose(pooled, t.Eg[k]!, { rtol: 1e-12 });
  });
});

Deno.test("theoryCurve() drops the per-mode arrays with modes: false", () => {
  const t = theoryCurve({ eigenvalues: [2, 1, 0], weights: [0.5, 0.5, 0] }, {
    ps: [1],
    modes: false,
  });
  assert.equal(t.modeErrors, undefined);
  assert.equal(t.errorModes, undefined);
  assert.equal(t.kind, "spectralTheory");
});

Deno.test("theoryCurve() rejects bad input with clear errors", () => {
  const modes = { eigenvalues: [2, 1, 0, 0], weights: [0.5, 0.3, 0.2, 0] };
  const ctx = "Cannot compute theoretical learning curve";
  assert.throws(() => theoryCurve(modes, { ps: [1, 5] }), {
    name: "RangeError",
    message: `${ctx}: \`ps\` must lie in (0, P] = (0, 4]: got 5 at index 1`,
  });
  assert.throws(() => theoryCurve(modes, { ps: [0] }), {
    name: "RangeError",
    message: `${ctx}: \`ps\` must lie in (0, P] = (0, 4]: got 0 at index 0`,
  });
  assert.throws(() => theoryCurve(modes, { ps: [1], ridge: -1 }), {
    name: "RangeError",
    message: `${ctx}: \`ridge\` must be a finite number >= 0: got -1`,
  });
  assert.throws(() => theoryCurve(modes, { ps: [] }), {
    name: "TypeError",
    message: `${ctx}: \`ps\` must be a non-empty array of training-set sizes`,
  });
  assert.throws(() => theoryCurve({ eigenvalues: [1, 0, 0], weights: [1, 0] }, { ps: [1] }), {
    name: "TypeError",
    message: `${ctx}: \`eigenvalues\` and \`weights\` must have the same length: got 3 and 2`,
  });
  assert.throws(() => theoryCurve({ eigenvalues: [1, 0, 0], weights: [1, NaN, 0] }, { ps: [1] }), {
    name: "RangeError",
    message: `${ctx}: \`weights\` must be finite and >= 0: got NaN at index 1`,
  });
  assert.throws(
    () => theoryCurve({ eigenvalues: [1, -1, 0], weights: [1, 0, 0] }, { ps: [1] }),
    /`eigenvalues` must be finite and >= 0: got -1 at index 1/,
  );
  assert.throws(
    () =>
      theoryCurve({ eigenvalues: [1, 0, 0], weights: [1, 0, 0], weightsPerNeuron: [[1, 0]] }, {
        ps: [1],
      }),
    {
      name: "TypeError",
      message: `${ctx}: \`weightsPerNeuron\` rows must have length 3: got 2 at row 0`,
    },
  );
});

Deno.test("errorModeGeometry() handles zero and infinite error modes", () => {
  assert.deepEqual(errorModeGeometry([0, 0]), { Eg: 0, Rem: 0, Dem: 0 });
  assert.deepEqual(errorModeGeometry([1, Infinity, Infinity]), {
    Eg: Infinity,
    Rem: Infinity,
    Dem: 2,
  });
  const g = errorModeGeometry([1e-200, 1e-200]);
  assertAllClose([g.Eg, g.Rem, g.Dem], [2e-200, Math.SQRT2 * 1e-200, 2], { rtol: 1e-15 });
  assert.throws(() => errorModeGeometry([1, -1]), {
    name: "RangeError",
    message: "Cannot compute error-mode geometry: `errorModes` must be >= 0: got -1 at index 1",
  });
});
