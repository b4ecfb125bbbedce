/**
 * The Gaussian-process stochastic shape metric: parity with an independent
 * numpy/scipy implementation (fixtures/make_gp_fixtures.py →
 * fixtures/gp_stochastic.json: closed-form Bures by scipy's sqrtm, the minimum
 * over O(2) by angle search, over permutations exhaustively), and the
 * reductions and invariances the formula implies.
 */
import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import {
  fitGaussianProcessMetric,
  gaussianProcessMetric,
  gaussianProcessMoments,
  prepareGaussianProcess,
  scoreGaussianProcessMetric,
} from "../../lib/metrics/stochastic_process.ts";
import { gaussianShapeMetric } from "../../lib/metrics/stochastic_gaussian.ts";
import type { Tensor } from "../../lib/metrics/inputs.ts";
import { compareWith } from "../../lib/measures/compare.ts";
import "../../lib/measures/all.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";
import { haarOrthogonal } from "../../lib/dynamics/orthogonal.ts";

const F = JSON.parse(
  await Deno.readTextFile(new URL("./fixtures/gp_stochastic.json", import.meta.url)),
);
const tight = { maxIter: 5000, tol: 1e-15 };

function randomTrials(shape: number[], seed: number): Tensor {
  const g = normalSampler(mulberry32(seed));
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  for (let k = 0; k < data.length; k++) data[k] = g();
  return { shape, data };
}

/** x ↦ x·Q on the last axis (the units, at every time point). */
function mapUnits(x: Tensor, Q: Float64Array): Tensor {
  const p = x.shape.at(-1)!, out = new Float64Array(x.data.length);
  for (let r = 0; r < x.data.length / p; r++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += x.data[r * p + k]! * Q[k * p + j]!;
      out[r * p + j] = s;
    }
  }
  return { shape: x.shape, data: out };
}

Deno.test("gaussianProcessMoments() matches numpy's means and time-major covariances (ddof 1 and 0)", () => {
  const c = F.cases[0];
  const m1 = gaussianProcessMoments(c.X);
  assert.deepEqual(m1.means.shape, [3, 3, 2]);
  assert.deepEqual(m1.covariances.shape, [3, 6, 6]);
  assertAllClose(m1.means.data, c.means_X.flat(2), { rtol: 1e-12, atol: 1e-14 });
  assertAllClose(m1.covariances.data, c.covariances_X.flat(2), { rtol: 1e-12, atol: 1e-14 });
  const m0 = gaussianProcessMoments(c.X, 0);
  assertAllClose(m0.covariances.data, c.covariances_X_ddof0.flat(2), { rtol: 1e-12, atol: 1e-14 });
});

Deno.test("gaussianProcessMetric() with the identity group equals scipy's closed-form Bures/Wasserstein value", () => {
  for (const c of F.cases) {
    for (const v of c.values) {
      const d = gaussianProcessMetric(c.X, c.Y, {
        alpha: v.alpha,
        group: "identity",
        ddof: c.ddof ?? 1,
      });
      assertAllClose(d, v.identity, { rtol: 1e-10, label: `${c.name} α=${v.alpha}: ` });
    }
  }
});

Deno.test("gaussianProcessMetric() over permutations equals the exhaustive minimum over every permutation", () => {
  for (const c of F.cases) {
    for (const v of c.values.filter((v: { perm?: number }) => v.perm !== undefined)) {
      const d = gaussianProcessMetric(c.X, c.Y, { alpha: v.alpha, group: "perm", ...tight });
      assertAllClose(d, v.perm, { rtol: 1e-10, label: `${c.name} α=${v.alpha}: ` });
    }
  }
});

Deno.test("gaussianProcessMetric() over rotations equals the global minimum over O(2) found by angle search", () => {
  for (const c of F.cases.filter((c: { name: string }) => c.name.includes("N2"))) {
    for (const v of c.values) {
      const d = gaussianProcessMetric(c.X, c.Y, { alpha: v.alpha, ddof: c.ddof ?? 1, ...tight });
      // the angle search's optimum is accurate to ~1e-13 in the angle: 1e-9 relative in d
      assertAllClose(d, v.orth, { rtol: 1e-9, label: `${c.name} α=${v.alpha}: ` });
    }
  }
});

Deno.test("gaussianProcessMetric() over rotations of 3 units matches numpy's alternating minimisation", () => {
  const c = F.cases.find((c: { name: string }) => c.name === "two_conditions_N3");
  for (const v of c.values) {
    const d = gaussianProcessMetric(c.X, c.Y, { alpha: v.alpha, ...tight });
    assertAllClose(d, v.orth, { rtol: 1e-9, label: `α=${v.alpha}: ` });
  }
});

Deno.test("gaussianProcessMetric() at α = 2 is the Procrustes distance of the stacked mean trajectories ×√2", () => {
  const c = F.cases[0];
  const d = gaussianProcessMetric(c.X, c.Y, { alpha: 2 });
  assertAllClose(d, c.alpha2_closed_form, { rtol: 1e-12 });
});

Deno.test("gaussianProcessMetric() with one time point equals gaussianShapeMetric() with conditions as stimuli", () => {
  for (const seed of [1, 2, 3]) {
    const X = randomTrials([4, 7, 1, 3], seed), Y = randomTrials([4, 7, 1, 3], seed + 10);
    const flat = (t: Tensor) => ({ shape: [4, 7, 3], data: t.data });
    for (const alpha of [0, 0.5, 1, 2]) {
      for (const group of ["orth", "perm", "identity"] as const) {
        const gp = gaussianProcessMetric(X, Y, { alpha, group });
        const g = gaussianShapeMetric(flat(X), flat(Y), { alpha, group });
        assertAllClose(gp, g, { rtol: 1e-12, label: `seed ${seed} α=${alpha} ${group}: ` });
      }
    }
  }
});

Deno.test("gaussianProcessMetric() with covariances independent across time is √T times the per-time-point Gaussian metric", () => {
  // summaries: block-diagonal covariances over time, so B² splits into one term per time point
  const C = 2, T = 3, N = 2, D = T * N;
  const g = normalSampler(mulberry32(5));
  const side = () => {
    const means = Array.from(
      { length: C },
      () => Array.from({ length: T }, () => Array.from({ length: N }, () => g())),
    );
    const blocks: number[][][][] = [];
    const covariances = Array.from({ length: C }, (_, c) => {
      const S = Array.from({ length: D }, () => new Array(D).fill(0));
      blocks.push([]);
      for (let t = 0; t < T; t++) {
        const a = [g(), g(), g(), g()];
        const B = [[a[0]! ** 2 + a[1]! ** 2 + 0.1, a[0]! * a[2]! + a[1]! * a[3]!], [0, 0]];
        B[1] = [B[0]![1]!, a[2]! ** 2 + a[3]! ** 2 + 0.1];
        blocks[c]!.push(B);
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < N; j++) S[t * N + i]![t * N + j] = B[i]![j]!;
        }
      }
      return S;
    });
    return { means, covariances, blocks };
  };
  const x = side(), y = side();
  const perTime = (s: ReturnType<typeof side>) => ({
    means: s.means.flat(1),
    covariances: s.blocks.flat(1),
  });
  for (const alpha of [0.5, 1]) {
    const gp = gaussianProcessMetric(x, y, { alpha, ...tight });
    const stat = gaussianShapeMetric(perTime(x), perTime(y), { alpha, maxIter: 5000, tol: 1e-15 });
    assertAllClose(gp, Math.sqrt(T) * stat, { rtol: 1e-8, label: `α=${alpha}: ` });
  }
});

Deno.test("gaussianProcessMetric() is zero for a copy with rotated units and unchanged when either side is rotated", () => {
  for (const seed of [1, 2, 3]) {
    const X = randomTrials([3, 9, 2, 3], seed), Y = randomTrials([3, 9, 2, 3], seed + 7);
    const Q = haarOrthogonal(3, mulberry32(seed + 100));
    assert.ok(gaussianProcessMetric(X, mapUnits(X, Q)) < 1e-9);
    const d = gaussianProcessMetric(X, Y, tight);
    assertAllClose(gaussianProcessMetric(mapUnits(X, Q), Y, tight), d, { rtol: 1e-7 });
    assertAllClose(gaussianProcessMetric(X, mapUnits(Y, Q), tight), d, { rtol: 1e-7 });
  }
});

Deno.test("fitGaussianProcessMetric() never increases the objective", () => {
  for (const seed of [1, 2, 3, 4]) {
    const X = randomTrials([3, 8, 3, 2], seed), Y = randomTrials([3, 8, 3, 2], seed + 20);
    const { lossHistory } = fitGaussianProcessMetric(X, Y, { alpha: 0.7, maxIter: 50, tol: 0 });
    for (let k = 1; k < lossHistory.length; k++) {
      assert.ok(lossHistory[k]! <= lossHistory[k - 1]! * (1 + 1e-12), `step ${k}`);
    }
  }
});

Deno.test("the stochastic-process measure scores held-out conditions with the training alignment", () => {
  const X = randomTrials([3, 8, 2, 2], 1), Y = randomTrials([3, 8, 2, 2], 2);
  const Xt = randomTrials([2, 8, 2, 2], 3), Yt = randomTrials([2, 8, 2, 2], 4);
  const r = compareWith("stochastic-process", X, Y, { test: [Xt, Yt], alpha: 0.5 });
  const fit = fitGaussianProcessMetric(X, Y, { alpha: 0.5 });
  assertAllClose(r.distance!, scoreGaussianProcessMetric(fit, X, Y), { rtol: 1e-12 });
  assertAllClose(r.testDistance!, scoreGaussianProcessMetric(fit, Xt, Yt), { rtol: 1e-12 });
  assert.equal(
    compareWith("gp-stochastic", X, Y).distance,
    compareWith("stochastic-process", X, Y).distance,
  );
});

Deno.test("gaussianProcessMetric() errors name the argument and show the shapes", () => {
  const X = randomTrials([2, 5, 3, 2], 1);
  assert.throws(
    () => gaussianProcessMetric(X, randomTrials([2, 5, 2, 2], 2)),
    (e: Error) =>
      e instanceof TypeError &&
      /`X` and `Y` must have the same conditions, time points and units: got \[2, 3, 2\] and \[2, 2, 2\]/
        .test(e.message),
  );
  assert.throws(
    () => gaussianProcessMetric(X, X, { ddof: 5 }),
    (e: Error) =>
      e instanceof RangeError &&
      /`X` needs more than ddof = 5 trials per condition: got 5/.test(e.message),
  );
  assert.throws(
    () => prepareGaussianProcess({ means: [[[1, 2]]], covariances: [[[1]]] }),
    (e: Error) =>
      e instanceof TypeError &&
      /`X.covariances` must have shape \[1, 2, 2\] to match `X.means` \[1, 1, 2\]: got \[1, 1, 1\]/
        .test(e.message),
  );
  assert.throws(
    () => gaussianProcessMetric(X, X, { alpha: 2.5 }),
    (e: Error) => e instanceof RangeError && /alpha/.test(e.message),
  );
  assert.throws(
    () => gaussianProcessMetric({ shape: [2, 5], data: new Float64Array(10) }, X),
    (e: Error) => e instanceof TypeError && /`X` must be 4-D: got shape \[2, 5\]/.test(e.message),
  );
});
