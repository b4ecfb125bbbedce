import assert from "node:assert/strict";
import { fitDmd } from "../../lib/dynamics/dmd.ts";
import { dsaScore } from "../../lib/dynamics/dsa.ts";
import { liftedOperator } from "../../lib/dynamics/modes.ts";
import { selectDmdRank } from "../../lib/dynamics/rank.ts";
import { randomStableMatrix, simulateLinear } from "../../lib/dynamics/simulate/linear.ts";
import { eig } from "../../lib/linalg/eig.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import fixtures from "./fixtures/dynamics.json" with { type: "json" };

function sortedEigs(re: Float64Array, im: Float64Array): number[] {
  return Array.from(re).flatMap((r, i) => [r, im[i]!]);
}

Deno.test("fitDmd() matches the numpy fixtures (A_v, singular values, eigenvalues, rank)", () => {
  for (const c of fixtures.dmd) {
    const fit = fitDmd(c.X as number[][], {
      nDelays: c.nDelays,
      delayInterval: c.delayInterval,
      ridge: c.ridge,
      ...(c.rule as Record<string, number>),
    });
    const label = `${c.name}: `;
    assert.equal(fit.rank, c.rank, `${label}rank`);
    assertAllClose(fit.singularValues, c.singularValues, { rtol: 1e-12, atol: 1e-12, label });
    assertAllClose(fit.Av.data, (c.Av as number[][]).flat(), { rtol: 1e-7, atol: 1e-9, label });
    assertAllClose(
      sortedEigs(fit.eigenvalues.re, fit.eigenvalues.im),
      (c.eigenvalues as number[][]).flat(),
      {
        rtol: 1e-7,
        atol: 1e-9,
        label,
      },
    );
  }
});

Deno.test("fitDmd() recovers a known linear system from noiseless trajectories", () => {
  const A = randomStableMatrix(4, { spectralRadius: 0.9, seed: 7 });
  const X = simulateLinear(A, { steps: 40, trials: 3, seed: 1 });
  const fit = fitDmd(X, { ridge: 0 });
  const truth = eig(A);
  assertAllClose(
    sortedEigs(fit.eigenvalues.re, fit.eigenvalues.im),
    sortedEigs(truth.re, truth.im),
    {
      rtol: 1e-9,
      atol: 1e-10,
    },
  );
  // with one delay and full rank the lifted operator is A itself
  assertAllClose(liftedOperator(fit).data, A.data, { rtol: 1e-8, atol: 1e-9 });
});

Deno.test("fitDmd() with delays recovers the eigenvalues of a scalar-observed linear system", () => {
  // observe only the first coordinate of a 3-D system: 3 delays suffice (observability)
  const A = randomStableMatrix(3, { spectralRadius: 0.95, seed: 3 });
  const full = simulateLinear(A, { steps: 60, seed: 2 });
  const x = Array.from({ length: 60 }, (_, t) => [full.data[t * 3]!]);
  const fit = fitDmd(x, { nDelays: 3, rank: 3, ridge: 0 });
  const truth = eig(A);
  assertAllClose(
    sortedEigs(fit.eigenvalues.re, fit.eigenvalues.im),
    sortedEigs(truth.re, truth.im),
    {
      rtol: 1e-7,
      atol: 1e-8,
    },
  );
});

Deno.test("fitDmd() never fits transitions across trial boundaries", () => {
  // two trials of x_{t+1} = 0.5 x_t; concatenating them would add a jump 0.03 → 1
  const trial = Array.from({ length: 6 }, (_, t) => [0.5 ** t]);
  const fit = fitDmd([trial, trial], { ridge: 0 });
  assertAllClose(fit.eigenvalues.re[0]!, 0.5, { rtol: 1e-12 });
  const glued = fitDmd([...trial, ...trial], { ridge: 0 });
  assert.ok(Math.abs(glued.eigenvalues.re[0]! - 0.5) > 0.01);
});

Deno.test("fitDmd() ridge shrinks the operator", () => {
  const X = Array.from({ length: 30 }, (_, t) => [Math.cos(0.4 * t), Math.sin(0.4 * t)]);
  const a = fitDmd(X, { ridge: 0 }), b = fitDmd(X, { ridge: 10 });
  const mod = (f: typeof a) => Math.hypot(f.eigenvalues.re[0]!, f.eigenvalues.im[0]!);
  assertAllClose(mod(a), 1, { rtol: 1e-10 });
  assert.ok(mod(b) < 0.9);
});

Deno.test("fitDmd() with centring is invariant to a constant offset", () => {
  const X = Array.from(
    { length: 40 },
    (_, t) => [Math.cos(0.3 * t), Math.sin(0.3 * t) * Math.exp(-0.02 * t)],
  );
  const shifted = X.map(([a, b]) => [a! + 5, b! - 2]);
  const a = fitDmd(X, { center: true, nDelays: 2 }),
    b = fitDmd(shifted, { center: true, nDelays: 2 });
  assertAllClose(b.eigenvalues.re, a.eigenvalues.re, { rtol: 1e-9, atol: 1e-12 });
  assertAllClose(b.eigenvalues.im, a.eigenvalues.im, { rtol: 1e-9, atol: 1e-12 });
  assert.ok(Math.abs(b.means[0]! - a.means[0]! - 5) < 1e-12);
});

Deno.test("selectDmdRank() follows the three rules", () => {
  const s = new Float64Array([4, 2, 1, 0.5]);
  assert.equal(selectDmdRank(s, 4, {}), 4);
  assert.equal(selectDmdRank(s, 8, { rank: 3 }), 3);
  assert.equal(selectDmdRank(s, 3, { rank: 10 }), 3); // clipped to the width
  assert.equal(selectDmdRank(s, 4, { rankThreshold: 2 }), 1); // strictly greater
  assert.throws(() => selectDmdRank(s, 4, { rankThreshold: 100 }, "Cannot fit DMD"), {
    name: "RangeError",
    message: "Cannot fit DMD: no singular value is above `rankThreshold` = 100: the largest is 4",
  });
  assert.equal(selectDmdRank(s, 4, { rankThreshold: 0 }), 4);
  // σ² = 16, 4, 1, 0.25 (total 21.25): 16/21.25 = 0.753, 20/21.25 = 0.941
  assert.equal(selectDmdRank(s, 4, { explainedVariance: 0.75 }), 1);
  assert.equal(selectDmdRank(s, 4, { explainedVariance: 0.76 }), 2);
  assert.equal(selectDmdRank(s, 4, { explainedVariance: 1 }), 4);
});

Deno.test("selectDmdRank() rejects conflicting or out-of-range rules", () => {
  const s = new Float64Array([1, 0.5]);
  assert.throws(() => selectDmdRank(s, 2, { rank: 1, rankThreshold: 0.1 }, "Cannot fit DMD"), {
    name: "RangeError",
    message:
      "Cannot fit DMD: give at most one of `rank`, `rankThreshold`, `explainedVariance`: got rank = 1, rankThreshold = 0.1, explainedVariance = undefined",
  });
  assert.throws(() => selectDmdRank(s, 2, { rank: 0 }, "Cannot fit DMD"), {
    name: "RangeError",
    message: "Cannot fit DMD: `rank` must be an integer >= 1: got 0",
  });
  assert.throws(() => selectDmdRank(s, 2, { explainedVariance: 1.5 }, "Cannot fit DMD"), {
    name: "RangeError",
    message: "Cannot fit DMD: `explainedVariance` must be in [0, 1]: got 1.5",
  });
  assert.throws(() => selectDmdRank(s, 2, { explainedVariance: 0 }, "Cannot fit DMD"), {
    name: "RangeError",
    message: "Cannot fit DMD: `explainedVariance` must be in (0, 1]: got 0",
  });
  assert.throws(() => selectDmdRank(s, 2, { rankThreshold: -1 }, "Cannot fit DMD"), {
    name: "RangeError",
    message: "Cannot fit DMD: `rankThreshold` must be a finite number >= 0: got -1",
  });
});

Deno.test("fitDmd() rejects a rank larger than the data provides", () => {
  // 5 samples, 4 delays of 2 dims: 2 Hankel rows, width 8, only 2 singular values
  const X = Array.from({ length: 5 }, (_, t) => [t, t * t]);
  assert.throws(() => fitDmd(X, { nDelays: 4, rank: 6 }), {
    name: "RangeError",
    message:
      "Cannot fit DMD: `rank` is larger than available: the Hankel matrix has only 2 singular values (rows × width = 2 × 8 after embedding): got rank = 6",
  });
});

Deno.test("fitDmd() rejects too few time steps, NaN and a bad ridge", () => {
  assert.throws(() => fitDmd([[1], [2], [3]], { nDelays: 4 }), {
    name: "RangeError",
    message:
      "Cannot fit DMD: too few time steps for the delays: trial 0 has 3 samples but nDelays = 4 with delayInterval = 1 needs at least 4",
  });
  assert.throws(() => fitDmd([[1], [2], [3]], { nDelays: 3 }), {
    name: "RangeError",
    message:
      "Cannot fit DMD: too few time steps for the delays: every trial has a single embedded row, so there is no transition to fit (need T − (nDelays − 1)·delayInterval ≥ 2)",
  });
  assert.throws(() => fitDmd([[1], [NaN], [3]]), {
    name: "RangeError",
    message: "Cannot fit DMD: `X` must be finite: got NaN at [1, 0]",
  });
  assert.throws(() => fitDmd([[1], [2], [3]], { ridge: -1 }), {
    name: "RangeError",
    message: "Cannot fit DMD: `ridge` must be a finite number >= 0: got -1",
  });
});

Deno.test("fitDmd() reports a singular regression instead of returning garbage", () => {
  // one transition for two regressors without ridge
  assert.throws(() => fitDmd([[1, 0], [0, 1]], { ridge: 0 }), {
    name: "RangeError",
    message:
      "Cannot fit DMD: the regression is singular (1 transitions for 2 regressors): increase `ridge` or lower `rank`: got ridge = 0",
  });
  // the same with a ridge is fine
  assert.equal(fitDmd([[1, 0], [0, 1]], { ridge: 1e-3 }).rank, 2);
});

Deno.test("fitDmd() does not mutate its input", () => {
  const data = new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]);
  const copy = data.slice();
  fitDmd({ shape: [4, 2], data }, { center: true, scale: true });
  assert.deepEqual(data, copy);
});

Deno.test("DSA scores and eigenvalues are invariant to SVD sign flips (A_v → S A_v S)", () => {
  const X = simulateLinear(randomStableMatrix(3, { seed: 2 }), {
    steps: 200,
    processNoise: 0.3,
    seed: 5,
  });
  const fit = fitDmd(X, { nDelays: 3, rank: 7 });
  const r = fit.rank;
  const s = Array.from({ length: r }, (_, i) => (i % 3 === 1 ? -1 : 1));
  const flipped = {
    ...fit,
    Av: {
      rows: r,
      cols: r,
      data: fit.Av.data.map((v, k) => v * s[Math.floor(k / r)]! * s[k % r]!),
    },
  };
  const e = eig(flipped.Av);
  assertAllClose(e.re, fit.eigenvalues.re, { rtol: 1e-10, atol: 1e-12 });
  assertAllClose(e.im, fit.eigenvalues.im, { rtol: 1e-10, atol: 1e-12 });
  for (const score of ["angular", "euclidean", "wasserstein"] as const) {
    assert.ok(dsaScore(fit, flipped, { score }).distance < 1e-10, score);
  }
});

Deno.test("fitDmd() reports the numerical rank of the Hankel matrix", () => {
  // a pure sinusoid has Hankel rank 2 whatever the number of delays
  const X = Array.from({ length: 50 }, (_, t) => [Math.sin(0.3 * t)]);
  const fit = fitDmd(X, { nDelays: 6 });
  assert.equal(fit.numericalRank, 2);
  assert.equal(fit.rank, 6);
});

Deno.test("fitDmd() refuses a series constant in time (no spurious eigenvalue)", () => {
  const X = Array.from({ length: 30 }, () => [3, -1]);
  assert.throws(() => fitDmd(X), {
    name: "RangeError",
    message:
      "Cannot fit DMD: `X` is constant in time (every time step of every trial equals the first): it has no dynamics to fit",
  });
  assert.throws(() => fitDmd(X, { nDelays: 3, center: true }), /constant in time/);
});

Deno.test("selectDmdRank() refuses a Hankel matrix whose singular values are all 0", () => {
  assert.throws(
    () => selectDmdRank(new Float64Array([0, 0]), 2, {}),
    /no variation after embedding/,
  );
});
