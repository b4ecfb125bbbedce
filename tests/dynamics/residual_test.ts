import assert from "node:assert/strict";
import { cleanedWasserstein, cleanSpectrum, dmdResiduals } from "../../lib/dynamics/residual.ts";
import { fitDmd } from "../../lib/dynamics/dmd.ts";
import { wassersteinEigenvalues } from "../../lib/dynamics/wasserstein.ts";
import { embedTrials } from "../../lib/dynamics/embed.ts";
import { projectOntoBasis } from "../../lib/dynamics/havok.ts";
import { asTrials } from "../../lib/dynamics/data.ts";
import { eig } from "../../lib/linalg/eig.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

/** A rotation by 0.3 rad per step observed with noise σ. */
function noisyRotation(seed: number, phase: number, sigma = 0.05, T = 400): number[][] {
  const g = normalSampler(mulberry32(seed));
  return Array.from({ length: T }, (_, t) => [
    Math.cos(0.3 * t + phase) + sigma * g(),
    Math.sin(0.3 * t + phase) + sigma * g(),
  ]);
}

Deno.test("dmdResiduals() of a scalar rank-1 model is ‖x₊ − λx₋‖/‖x₋‖ with λ the least-squares ratio", () => {
  const g = normalSampler(mulberry32(9));
  const x: number[] = [1];
  for (let t = 1; t < 50; t++) x.push(0.8 * x[t - 1]! + 0.3 * g());
  const fit = fitDmd(x.map((v) => [v]), { ridge: 0 });
  const r = dmdResiduals(fit, x.map((v) => [v]));
  let xy = 0, xx = 0;
  for (let t = 0; t + 1 < 50; t++) {
    xy += x[t]! * x[t + 1]!;
    xx += x[t]! * x[t]!;
  }
  const lambda = xy / xx;
  let ss = 0;
  for (let t = 0; t + 1 < 50; t++) ss += (x[t + 1]! - lambda * x[t]!) ** 2;
  assertAllClose(r.re[0]!, lambda, { rtol: 1e-12 });
  assertAllClose(r.residuals[0]!, Math.sqrt(ss / xx), { rtol: 1e-10 });
  assert.equal(r.transitions, 49);
});

Deno.test("dmdResiduals() equals Colbrook–Townsend's quadratic form gᴴ(L − λAᴴ − λ̄A + |λ|²G)g / gᴴGg", () => {
  const X = noisyRotation(3, 0, 0.2, 200);
  const fit = fitDmd(X, { nDelays: 4, rank: 6 });
  const res = dmdResiduals(fit, X);
  const emb = embedTrials(asTrials(X, "X", "t"), 4, 1, "t");
  const V = projectOntoBasis(emb.H, fit), r = 6, M = emb.H.rows - 1;
  // G, A, L of the dictionary v_t (real), then the quadratic form with complex g
  const G = new Float64Array(r * r), A = new Float64Array(r * r), L = new Float64Array(r * r);
  for (let t = 0; t < M; t++) {
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < r; j++) {
        G[i * r + j] += V[t * r + i]! * V[t * r + j]!;
        A[i * r + j] += V[t * r + i]! * V[(t + 1) * r + j]!;
        L[i * r + j] += V[(t + 1) * r + i]! * V[(t + 1) * r + j]!;
      }
    }
  }
  const At = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) At[j * r + i] = fit.Av.data[i * r + j]!;
  const e = eig({ rows: r, cols: r, data: At }, { vectors: true });
  for (let k = 0; k < r; k++) {
    const gr = Array.from({ length: r }, (_, i) => e.vectorsRe!.data[i * r + k]!);
    const gi = Array.from({ length: r }, (_, i) => e.vectorsIm!.data[i * r + k]!);
    // real part of gᴴ M g for a real matrix M: grᵀMgr + giᵀMgi; imaginary part grᵀMgi − giᵀMgr
    const form = (Mx: Float64Array) => {
      let re = 0, im = 0;
      for (let i = 0; i < r; i++) {
        for (let j = 0; j < r; j++) {
          const m = Mx[i * r + j]!;
          re += m * (gr[i]! * gr[j]! + gi[i]! * gi[j]!);
          im += m * (gr[i]! * gi[j]! - gi[i]! * gr[j]!);
        }
      }
      return { re, im };
    };
    const lr = e.re[k]!, li = e.im[k]!;
    const a = form(A); // gᴴAg; gᴴAᴴg is its conjugate
    const num = form(L).re - 2 * (lr * a.re + li * a.im) + (lr * lr + li * li) * form(G).re;
    assertAllClose(res.residuals[k]!, Math.sqrt(num / form(G).re), { rtol: 1e-8, label: `k=${k}` });
  }
});

Deno.test("dmdResiduals() separates the two true eigenvalues of a noisy rotation from spurious ones, on held-out data too", () => {
  const fit = fitDmd(noisyRotation(1, 0), { nDelays: 10, rank: 8 });
  for (const data of [noisyRotation(1, 0), noisyRotation(5, 0.4)]) {
    const r = dmdResiduals(fit, data);
    const order = Array.from(r.residuals.keys()).sort((a, b) => r.residuals[a]! - r.residuals[b]!);
    for (const k of order.slice(0, 2)) {
      assertAllClose(Math.atan2(Math.abs(r.im[k]!), r.re[k]!), 0.3, { atol: 2e-3 });
      assert.ok(r.residuals[k]! < 0.05);
    }
    for (const k of order.slice(2)) assert.ok(r.residuals[k]! > 0.3);
  }
});

Deno.test("cleanedWasserstein() compares only the clean eigenvalues: two noisy copies of a rotation agree once cleaned", () => {
  const X = noisyRotation(1, 0), Y = noisyRotation(2, 1);
  const opts = { nDelays: 10, rank: 8 };
  const raw = wassersteinEigenvalues(fitDmd(X, opts).Av, fitDmd(Y, opts).Av).score;
  const c = cleanedWasserstein(X, Y, { ...opts, threshold: 0.1 });
  assert.deepEqual(c.cleaned.map((s) => s.kept.length), [2, 2]);
  assert.ok(raw > 0.01, `${raw}`);
  assert.ok(c.score < 1e-6, `${c.score}`);
});

Deno.test("cleanedWasserstein() refuses when cleaning leaves no eigenvalue of either system (a score of 0 would read as the same dynamics)", () => {
  const X = noisyRotation(1, 0), Y = noisyRotation(2, 1);
  const opts = { nDelays: 10, rank: 8 };
  assert.throws(() => cleanedWasserstein(X, Y, { ...opts, threshold: 0 }), {
    name: "RangeError",
    message:
      /^Cannot compute cleaned Wasserstein distance: no eigenvalue of either system has a residual at most `threshold` 0 \(smallest residuals \S+ and \S+\): raise `threshold`/,
  });
  // one system emptied still compares, by the zero-padding convention (tests/views/dynamics)
});

Deno.test("cleanSpectrum() keeps residuals at or below the threshold and validates it", () => {
  const res = {
    re: new Float64Array([1, 2, 3]),
    im: new Float64Array([0, 0.5, 0]),
    residuals: new Float64Array([0.1, 0.2, 0.05]),
    transitions: 5,
  };
  const c = cleanSpectrum(res, { threshold: 0.1 });
  assert.deepEqual([c.kept, Array.from(c.re), c.removed], [[0, 2], [1, 3], 1]);
  assert.throws(() => cleanSpectrum(res, { threshold: -1 }), {
    name: "RangeError",
    message: "Cannot clean spectrum: `threshold` must be >= 0: got -1",
  });
  assert.throws(() => dmdResiduals(fitDmd([[1, 2], [2, 1], [1, 1]]), [[1], [2]]), {
    name: "TypeError",
    message:
      "Cannot compute DMD residuals: `X` must have the 2 dims the model was fitted on: got 1",
  });
});
