import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { matmul } from "../../lib/linalg/products.ts";
import { randn } from "../../lib/random.ts";
import {
  alignment,
  empiricalCurve,
  layerSweep,
  spectralAnalysis,
  type SpectralProgress,
  theoryCurve,
} from "../../lib/spectral/mod.ts";

/** Random-feature stack: layer d = tanh(layer d−1 · W_d). */
function stack(depth: number, P: number, width: number, seed: number) {
  const layers: { name: string; X: ReturnType<typeof randn> }[] = [];
  let H = randn(P, width, seed);
  for (let d = 1; d <= depth; d++) {
    const W = randn(width, width, seed + d);
    const Z = matmul(H, W);
    H = { ...Z, data: Z.data.map((v) => Math.tanh(v / Math.sqrt(width))) };
    layers.push({ name: `layer${d}`, X: H });
  }
  return layers;
}

Deno.test("layerSweep() rows equal spectralAnalysis() of each layer", () => {
  const layers = stack(3, 30, 20, 1);
  const Y = randn(30, 4, 9);
  const opts = { ps: [5, 15, 25], ridge: 1e-3, subsets: 2, seed: 4 };
  const s = layerSweep(layers, Y, opts);
  assert.deepEqual(s.layers, ["layer1", "layer2", "layer3"]);
  assert.equal(s.P, 30);
  assert.equal(s.rows.length, 9);
  layers.forEach((l, i) => {
    const r = spectralAnalysis(l.X, Y, opts);
    const rows = s.rows.filter((row) => row.layer === l.name);
    assert.deepEqual(rows.map((row) => [row.layerIndex, row.p]), [[i, 5], [i, 15], [i, 25]]);
    assertAllClose(rows.map((row) => row.Eg), r.theory.Eg, { rtol: 1e-14 });
    assertAllClose(rows.map((row) => row.Dem), r.theory.Dem, { rtol: 1e-14 });
    assertAllClose(rows.map((row) => row.genError!), r.empirical!.gen.error, { rtol: 1e-14 });
    assertAllClose(
      rows.map((row) => row.testR2!),
      r.empirical!.test.r2.map((a) => a.reduce((u, v) => u + v) / a.length),
      { rtol: 1e-14 },
    );
    assert.ok(
      rows.every((row) => row.edModel === r.alignment.edModel && row.rank === r.alignment.rank),
    );
  });
  assert.equal(s.details, undefined);
  assert.equal(s.kind, "spectralSweep");
});

Deno.test("layerSweep() accepts an object of layers, theory only, with details", () => {
  const [a, b] = stack(2, 20, 12, 3);
  const s = layerSweep({ early: a!.X, late: b!.X }, randn(20, 2, 5), {
    ps: [4, 10],
    empirical: false,
    details: true,
  });
  assert.deepEqual(s.layers, ["early", "late"]);
  assert.ok(s.rows.every((r) => r.genError === null && r.testPearson === null));
  assert.equal(s.details!.length, 2);
  assert.equal(s.details![0]!.theory.modeErrors!.length, 2);
  // rows are JSON-friendly
  assert.deepEqual(JSON.parse(JSON.stringify(s.rows)), s.rows);
});

Deno.test("layerSweep() reports progress over all layers", () => {
  const seen: SpectralProgress[] = [];
  layerSweep(stack(2, 12, 5, 1), randn(12, 1, 2), {
    ps: [3],
    subsets: 2,
    onProgress: (p) => seen.push(p),
  });
  assert.deepEqual(seen.map((p) => [p.done, p.total]), [[1, 6], [2, 6], [3, 6], [4, 6], [5, 6], [
    6,
    6,
  ]]);
});

Deno.test("layerSweep() errors name the offending layer", () => {
  const Y = randn(10, 1, 1);
  assert.throws(() => layerSweep({ good: randn(10, 3, 2), bad: randn(9, 3, 3) }, Y, { ps: [3] }), {
    name: "TypeError",
    message:
      "Cannot run layer sweep: layer `bad`: Cannot compute spectral analysis: `X` and `Y` must have the same number of rows: got shapes [9, 3] and [10, 1]",
  });
  assert.throws(() => layerSweep([], Y), {
    name: "TypeError",
    message:
      "Cannot run layer sweep: `layers` must be a non-empty array of {name, X} or an object of matrices",
  });
  assert.throws(() => layerSweep({ a: randn(10, 3, 2) }, Y, { ps: [10] }), {
    name: "RangeError",
    message:
      "Cannot run layer sweep: layer `a`: Cannot compute spectral analysis: `ps` must lie in [1, P - 1] = [1, 9]: got 10 at index 0",
  });
});

Deno.test("spectralAnalysis() equals alignment(), theoryCurve() and empiricalCurve() run separately", () => {
  const X = randn(25, 40, 1), Y = randn(25, 3, 2);
  const opts = { ps: [5, 20], ridge: 0.01, subsets: 2, seed: 8 };
  const r = spectralAnalysis(X, Y, opts);
  const a = alignment(X, Y);
  assert.deepEqual(r.alignment.weights, a.weights);
  assert.deepEqual(r.theory.Eg, theoryCurve(a, { ps: opts.ps, ridge: opts.ridge }).Eg);
  const e = empiricalCurve(X, Y, opts);
  assertAllClose(r.empirical!.gen.errorSubsets.flat(), e.gen.errorSubsets.flat(), { rtol: 1e-12 });
  assertAllClose(r.empirical!.test.pearson.flat(), e.test.pearson.flat(), { rtol: 1e-12 });
  // theory takes real p when the empirical curve is off
  const t = spectralAnalysis(X, Y, { ps: [2.5], empirical: false });
  assert.equal(t.empirical, null);
  assert.throws(() => spectralAnalysis(X, Y, { ps: [2.5] }), /`ps` must be integers: got 2.5/);
});

Deno.test("spectralAnalysis() by SVD gives the same curves as by eigh", () => {
  const X = randn(20, 35, 3), Y = randn(20, 2, 4);
  const opts = { ps: [4, 12], ridge: 0.01, subsets: 2, seed: 2 };
  const a = spectralAnalysis(X, Y, opts);
  const b = spectralAnalysis(X, Y, { ...opts, method: "svd" });
  assertAllClose(b.theory.Eg, a.theory.Eg, { rtol: 1e-10 });
  assertAllClose(b.empirical!.gen.error, a.empirical!.gen.error, { rtol: 1e-10 });
});
