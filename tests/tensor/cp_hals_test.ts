import assert from "node:assert/strict";
import { cpHals, halsSweep } from "../../lib/tensor/cp_hals.ts";
import { prepareCp } from "../../lib/tensor/cp_core.ts";
import { kruskalSimilarity, kruskalToTensor } from "../../lib/tensor/kruskal.ts";
import { mulberry32 } from "../../lib/random.ts";
import { randomMask } from "../../lib/tensor/masks.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { factors, fx, R, tens } from "./_fixtures.ts";

function nonnegKruskal(dims: number[], rank: number, seed: number) {
  const rand = mulberry32(seed);
  const F = dims.map((d) => ({
    rows: d,
    cols: rank,
    data: Float64Array.from({ length: d * rank }, () => rand()),
  }));
  return { F, T: kruskalToTensor(F) };
}

Deno.test("one HALS sweep matches the numpy sweep from the same initial factors", () => {
  const T = tens(fx.T_nonneg);
  const prob = prepareCp(T, { rank: R }, "test");
  const F = factors(fx.init_nonneg).map((f) => ({ ...f, data: f.data.slice() }));
  const err = halsSweep(prob, F);
  F.forEach((f, m) =>
    assertAllClose(f.data, fx.hals_sweep.factors[m], {
      rtol: 1e-9,
      atol: 1e-11,
      label: `factor ${m}: `,
    })
  );
  assertAllClose(err, fx.hals_sweep.relative_error, { rtol: 1e-9 });
});

Deno.test("cpHals() fits nonnegative low-rank tensors with nonnegative factors", () => {
  for (const seed of [1, 2, 3]) {
    const { F, T } = nonnegKruskal([8, 7, 6], 2, seed);
    const fit = cpHals(T, { rank: 2, restarts: 3, seed, tol: 1e-13, maxIter: 5000 });
    assert.equal(fit.method, "hals");
    assert.ok(fit.relativeError < 1e-4, `seed ${seed}: ${fit.relativeError}`);
    assert.ok(fit.factors.every((f) => f.data.every((x) => x >= 0)));
    assert.ok(kruskalSimilarity(fit.factors, F).similarity > 0.99);
  }
});

Deno.test("cpHals() never goes negative even on signed data", () => {
  const fit = cpHals(tens(fx.T), { rank: 3, seed: 4, maxIter: 200 });
  assert.ok(fit.factors.every((f) => f.data.every((x) => x >= 0)));
  assert.ok(fit.weights.every((w) => w >= 0));
});

Deno.test("cpHals() with a mask fits the observed entries of a nonnegative tensor", () => {
  const { T } = nonnegKruskal([8, 7, 6], 2, 9);
  const mask = randomMask(T.data.length, { fraction: 0.2, seed: 2 });
  const fit = cpHals(T, { rank: 2, mask, restarts: 2, tol: 1e-13, maxIter: 5000 });
  assert.ok(fit.relativeError < 1e-3, `${fit.relativeError}`);
});

Deno.test("cpHals() rejects rank < 1 with the nonnegative context", () => {
  assert.throws(() => cpHals(tens(fx.T), { rank: 0 }), {
    name: "RangeError",
    message: "Cannot fit nonnegative CP decomposition: `rank` must be an integer >= 1: got 0",
  });
});
