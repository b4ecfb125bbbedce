import assert from "node:assert/strict";
import fc from "fast-check";
import { cpAls } from "../../lib/tensor/cp_als.ts";
import { denseSweep, denseWorkspace, maskedSweep } from "../../lib/tensor/cp_als.ts";
import { prepareCp } from "../../lib/tensor/cp_core.ts";
import { cpReconstruct, cpScore } from "../../lib/tensor/cp_score.ts";
import { kruskalSimilarity, kruskalToTensor } from "../../lib/tensor/kruskal.ts";
import { randomMask } from "../../lib/tensor/masks.ts";
import { randn } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { factors, fx, R, tens } from "./_fixtures.ts";

function randomKruskal(dims: number[], rank: number, seed: number) {
  const F = dims.map((d, m) => {
    const M = randn(d, rank, seed * 10 + m);
    return { rows: d, cols: rank, data: M.data };
  });
  return { F, T: kruskalToTensor(F) };
}

Deno.test("one dense ALS sweep matches the numpy sweep from the same initial factors", () => {
  const T = tens(fx.T);
  const prob = prepareCp(T, { rank: R }, "test");
  const F = factors(fx.init).map((f) => ({ ...f, data: f.data.slice() }));
  const err = denseSweep(prob, F);
  F.forEach((f, m) =>
    assertAllClose(f.data, fx.als_sweep.factors[m], {
      rtol: 1e-9,
      atol: 1e-10,
      label: `factor ${m}: `,
    })
  );
  assertAllClose(err, fx.als_sweep.relative_error, { rtol: 1e-9 });
});

Deno.test("dense ALS sweeps into one reused workspace equal sweeps with fresh buffers bit for bit", () => {
  const prob = prepareCp(tens(fx.T), { rank: R }, "test");
  const copy = () => factors(fx.init).map((f) => ({ ...f, data: f.data.slice() }));
  const F1 = copy(), F2 = copy();
  const ws = denseWorkspace(prob);
  for (let it = 0; it < 4; it++) {
    assert.equal(denseSweep(prob, F1, ws), denseSweep(prob, F2));
  }
  F1.forEach((f, m) => assert.deepEqual(f.data, F2[m]!.data));
});

Deno.test("one masked ALS sweep matches numpy's per-row masked least squares", () => {
  const T = tens(fx.T);
  const prob = prepareCp(T, { rank: R, mask: fx.mask }, "test");
  const F = factors(fx.init).map((f) => ({ ...f, data: f.data.slice() }));
  const err = maskedSweep(prob, F);
  F.forEach((f, m) =>
    assertAllClose(f.data, fx.masked_sweep.factors[m], {
      rtol: 1e-8,
      atol: 1e-9,
      label: `factor ${m}: `,
    })
  );
  assertAllClose(err, fx.masked_sweep.relative_error, { rtol: 1e-9 });
});

Deno.test("cpAls() recovers exactly low-rank tensors up to permutation and scale", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
      const { F, T } = randomKruskal([7, 6, 5], 3, seed);
      const fit = cpAls(T, { rank: 3, restarts: 3, seed, tol: 1e-14, maxIter: 2000 });
      assert.ok(fit.relativeError < 1e-6, `relative error ${fit.relativeError}`);
      assert.ok(fit.varianceExplained > 1 - 1e-10);
      assert.ok(kruskalSimilarity(fit.factors, F).similarity > 0.999);
    }),
    { numRuns: 8, seed: 42 },
  );
});

Deno.test("cpAls() returns the canonical form: unit columns, descending weights", () => {
  const { T } = randomKruskal([6, 5, 4], 2, 3);
  const fit = cpAls(T, { rank: 2 });
  for (const f of fit.factors) {
    for (let r = 0; r < 2; r++) {
      let s = 0;
      for (let i = 0; i < f.rows; i++) s += f.data[i * 2 + r]! ** 2;
      assertAllClose(s, 1, { rtol: 1e-12 });
    }
  }
  assert.ok(fit.weights[0]! >= fit.weights[1]!);
  assertAllClose(cpReconstruct(fit).data, T.data, { rtol: 1e-6, atol: 1e-8 });
});

Deno.test("cpAls() is deterministic given a seed and does not mutate its input", () => {
  const T = tens(fx.T);
  const copy = T.data.slice();
  const a = cpAls(T, { rank: 2, seed: 5, restarts: 2 });
  const b = cpAls(T, { rank: 2, seed: 5, restarts: 2 });
  assert.deepEqual(a.weights, b.weights);
  assert.deepEqual(a.factors[0].data, b.factors[0].data);
  assert.deepEqual(T.data, copy);
});

Deno.test("cpAls() keeps the restart with the lowest error", () => {
  const T = tens(fx.T);
  const fit = cpAls(T, { rank: 3, restarts: 4, seed: 1, maxIter: 50 });
  assert.equal(fit.restartErrors.length, 4);
  assert.equal(fit.relativeError, fit.restartErrors[fit.bestRestart]);
  assert.ok(fit.restartErrors.every((e) => e >= fit.relativeError - 1e-9));
});

Deno.test("cpAls() relative error and variance explained follow their definitions", () => {
  const T = tens(fx.T);
  const fit = cpAls(T, { rank: 2, seed: 2 });
  const That = cpReconstruct(fit).data;
  let res = 0, ss = 0, mean = 0;
  for (const v of T.data) mean += v / T.data.length;
  let tot = 0;
  T.data.forEach((v, p) => {
    res += (v - That[p]!) ** 2;
    ss += v * v;
    tot += (v - mean) ** 2;
  });
  assertAllClose(fit.relativeError, Math.sqrt(res / ss), { rtol: 1e-12 });
  assertAllClose(fit.varianceExplained, 1 - res / tot, { rtol: 1e-12 });
  assert.ok(fit.errorHistory.every((e, i) => i === 0 || e <= fit.errorHistory[i - 1]! + 1e-12));
});

Deno.test("cpAls() with a mask ignores missing entries and predicts held-out ones", () => {
  const { T } = randomKruskal([8, 7, 6], 2, 11);
  const mask = randomMask(T.data.length, { fraction: 0.3, seed: 1 });
  const X = { shape: T.shape, data: T.data.slice() };
  mask.forEach((m, p) => {
    if (!m) X.data[p] = NaN;
  });
  const fit = cpAls(X, { rank: 2, mask, restarts: 3, tol: 1e-14, maxIter: 3000 });
  assert.ok(fit.relativeError < 1e-6);
  assert.equal(fit.observed, mask.reduce((a, b) => a + b, 0));
  const heldOut = mask.map((m) => 1 - m);
  assert.ok(cpScore(fit, T, { mask: heldOut }).relativeError < 1e-5);
});

Deno.test("cpAls() rejects bad ranks, masks and data with clear errors", () => {
  const T = tens(fx.T);
  assert.throws(() => cpAls(T, { rank: 0 }), {
    name: "RangeError",
    message: "Cannot fit CP decomposition: `rank` must be an integer >= 1: got 0",
  });
  assert.throws(() => cpAls(T, { rank: 1.5 }), {
    name: "RangeError",
    message: /`rank` must be an integer >= 1: got 1.5/,
  });
  assert.throws(() => cpAls(T, { rank: 2, mask: new Uint8Array(T.data.length) }), {
    name: "RangeError",
    message: "Cannot fit CP decomposition: `mask` leaves no observed entries to fit",
  });
  assert.throws(() => cpAls(T, { rank: 2, mask: new Uint8Array(3) }), {
    name: "TypeError",
    message: "Cannot fit CP decomposition: `mask` must have 120 entries: got 3",
  });
  const bad = { shape: T.shape, data: T.data.slice() };
  bad.data[7] = NaN;
  assert.throws(() => cpAls(bad, { rank: 2 }), {
    name: "RangeError",
    message: "Cannot fit CP decomposition: `T` must be finite: got NaN at [0, 1, 1]",
  });
  assert.throws(() => cpAls({ shape: [2, 2, 2], data: new Float64Array(8) }, { rank: 1 }), {
    name: "RangeError",
    message: "Cannot fit CP decomposition: `T` is zero at every observed entry: nothing to fit",
  });
  assert.throws(() => cpAls({ shape: [2, 3], data: new Float64Array(6) } as never, { rank: 1 }), {
    name: "TypeError",
    message: "Cannot fit CP decomposition: `T` must be a 3-tensor: got shape [2, 3]",
  });
  assert.throws(() => cpAls(T, { rank: 2, restarts: 0 }), {
    name: "RangeError",
    message: /`restarts` must be an integer >= 1: got 0/,
  });
  assert.throws(() => cpAls(T, { rank: 2, init: factors(fx.init) }), {
    name: "TypeError",
    message: "Cannot fit CP decomposition: `init[0]` must have shape [5, 2]: got [5, 3]",
  });
  assert.throws(() => cpAls(T, undefined as never), {
    name: "TypeError",
    message: /`options` must be an object/,
  });
});

Deno.test("cpAls() starts from `init` and handles a rank above the tensor's dimensions", () => {
  const T = tens(fx.T);
  const a = cpAls(T, { rank: 3, init: factors(fx.init), maxIter: 1 });
  assertAllClose(a.relativeError, fx.als_sweep.relative_error, { rtol: 1e-9 });
  const big = cpAls({ shape: [2, 2, 2], data: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 9]) }, {
    rank: 4,
    restarts: 2,
    maxIter: 500,
  });
  assert.ok(Number.isFinite(big.relativeError) && big.relativeError < 0.05);
});

Deno.test("cpAls() on T·2^±600 gives T's fit, weights scaled by 2^±600 (1e300 no longer fails in the pseudo-inverse)", () => {
  const T = { shape: [5, 4, 3] as [number, number, number], data: randn(5, 12, 7).data };
  const base = cpAls(T, { rank: 2 });
  for (const k of [600, -600]) {
    const fit = cpAls({ ...T, data: T.data.map((v) => v * 2 ** k) }, { rank: 2 });
    // the fit runs on T·2^±600 / 2^k' with |entries| in [1, 2): the same up to rounding
    assertAllClose(fit.relativeError, base.relativeError, { rtol: 1e-12 });
    assertAllClose(fit.weights, base.weights.map((w) => w * 2 ** k), { rtol: 1e-9 });
    fit.factors.forEach((F, m) =>
      assertAllClose(F.data, base.factors[m]!.data, { rtol: 1e-9, atol: 1e-12 })
    );
  }
  const huge = cpAls({ ...T, data: T.data.map((v) => v * 1e300) }, { rank: 2 });
  assertAllClose(huge.relativeError, base.relativeError, { rtol: 1e-9 });
  // masked: the scale is taken over the observed entries
  const mask = randomMask(60, { fraction: 0.2, seed: 3 });
  const m0 = cpAls(T, { rank: 2, mask });
  const m1 = cpAls({ ...T, data: T.data.map((v) => v * 2 ** -600) }, { rank: 2, mask });
  assertAllClose(m1.relativeError, m0.relativeError, { rtol: 1e-12 });
});
