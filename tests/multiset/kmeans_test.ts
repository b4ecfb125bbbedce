import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { linearMetric } from "../../lib/metrics/mod.ts";
import { barycenter, procrustesKMeans } from "../../lib/multiset/mod.ts";
import { pairwiseMatrix } from "../../lib/pairwise/mod.ts";
import "../../lib/measures/all.ts";
import { mulberry32, randn } from "../../lib/random.ts";
import { haarOrthogonal } from "../../lib/dynamics/orthogonal.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { networks } from "./_nets.ts";

function rotate(X: Matrix, seed: number): Matrix {
  const p = X.cols, Q = haarOrthogonal(p, mulberry32(seed));
  const out = new Float64Array(X.rows * p);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += X.data[i * p + k]! * Q[k * p + j]!;
      out[i * p + j] = s;
    }
  }
  return { rows: X.rows, cols: p, data: out };
}

function plus(X: Matrix, E: Matrix, c: number): Matrix {
  return { ...X, data: X.data.map((v, k) => v + c * E.data[k]!) };
}

/** Rotated, translated, noisy copies of K prototypes of widths 3, 4, 5, interleaved. */
function planted(copies: number, noise: number, seed: number) {
  const widths = [3, 4, 5];
  const protos = widths.map((p, c) => randn(20, p, seed + 10 * c));
  const nets: Matrix[] = [], truth: number[] = [];
  for (let r = 0; r < copies; r++) {
    protos.forEach((P, c) => {
      const s = seed + 1000 + 37 * r + c;
      const shifted = { ...P, data: P.data.map((v, k) => v + (k % P.cols) * 0.5 * r) };
      nets.push(plus(rotate(shifted, s), randn(20, P.cols, s + 500), noise));
      truth.push(c);
    });
  }
  return { nets, truth };
}

Deno.test("procrustesKMeans() recovers planted clusters of rotated, noisy copies exactly", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const { nets, truth } = planted(4, 0.05, seed);
    for (const alpha of [1, 0.5]) {
      const r = procrustesKMeans(nets, 3, { seed, alpha });
      // labels are numbered by first appearance, as the interleaved truth is
      assert.deepEqual(r.labels, truth, `seed ${seed} α=${alpha}`);
      assert.deepEqual(r.sizes, [4, 4, 4]);
      assert.ok(r.converged);
      assert.deepEqual([r.barycenters.length, r.barycenters[0]!.rows, r.width], [3, 20, 5]);
    }
  }
});

Deno.test("procrustesKMeans() labels and inertia do not change when any network is rotated", () => {
  for (const seed of [1, 2, 3]) {
    const nets = networks(10, 15, [3, 4], seed);
    const r = procrustesKMeans(nets, 3, { seed: 7, restarts: 4 });
    for (const i of [0, 4, 9]) {
      const moved = nets.map((X, j) => (j === i ? rotate(X, 100 + i) : X));
      const s = procrustesKMeans(moved, 3, { seed: 7, restarts: 4 });
      assert.deepEqual(s.labels, r.labels, `seed ${seed}, network ${i} rotated`);
      assertAllClose(s.inertia, r.inertia, { rtol: 1e-8 });
    }
  }
});

Deno.test("procrustesKMeans() inertia never increases over the Lloyd iterations", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const nets = networks(14, 12, [2, 3, 4], seed);
    for (const alpha of [1, 0.3]) {
      const r = procrustesKMeans(nets, 4, { seed, restarts: 1, alpha, barycenterIter: 2 });
      const h = r.inertiaHistory;
      assert.ok(h.length >= 2, `seed ${seed}: ${h.length} entries`);
      for (let t = 1; t < h.length; t++) {
        assert.ok(h[t]! <= h[t - 1]! * (1 + 1e-12), `seed ${seed} α=${alpha} step ${t}: ${h}`);
      }
      assert.equal(h.at(-1), r.inertia);
    }
  }
});

Deno.test("procrustesKMeans() is deterministic given the seed and keeps the best restart", () => {
  const nets = networks(12, 10, [3, 4], 11);
  const a = procrustesKMeans(nets, 3, { seed: 42, restarts: 5 });
  const b = procrustesKMeans(nets, 3, { seed: 42, restarts: 5 });
  assert.deepEqual(a.labels, b.labels);
  assert.equal(a.inertia, b.inertia);
  assert.deepEqual(a.restartInertia, b.restartInertia);
  assert.deepEqual(Array.from(a.barycenters[0]!.data), Array.from(b.barycenters[0]!.data));
  assert.equal(a.inertia, Math.min(...a.restartInertia));
  assert.equal(a.restartInertia[a.bestRestart], a.inertia);
});

Deno.test("procrustesKMeans() inertia is the sum of squared euclidean Procrustes distances to the barycenters", () => {
  const nets = networks(9, 14, [3, 4, 5], 3);
  const r = procrustesKMeans(nets, 2, { seed: 3 });
  let sum = 0;
  nets.forEach((X, i) => {
    const d = linearMetric(X, r.barycenters[r.labels[i]!]!, { alpha: 1, score: "euclidean" });
    assertAllClose(r.distances.data[i * 2 + r.labels[i]!]!, d, { rtol: 1e-9 });
    sum += d * d;
  });
  assertAllClose(r.inertia, sum, { rtol: 1e-9 });
});

Deno.test("procrustesKMeans() network distances equal the common-width euclidean linear metric at α", async () => {
  const nets = networks(6, 14, [3, 5], 4);
  for (const alpha of [1, 0.5]) {
    const r = procrustesKMeans(nets, 2, { alpha, restarts: 1 });
    const D = await pairwiseMatrix(nets, {
      measure: "linear",
      alpha,
      score: "euclidean",
      width: "common",
      workers: 1,
    });
    assertAllClose(r.networkDistances.data, D.matrix.data, { rtol: 1e-8, atol: 1e-10 });
  }
});

Deno.test("procrustesKMeans() with k = 1 is the barycenter of all networks", () => {
  const nets = networks(7, 12, [3, 4], 8);
  const r = procrustesKMeans(nets, 1, { restarts: 1 });
  const b = barycenter(nets);
  assert.deepEqual(r.labels, new Array(7).fill(0));
  assertAllClose(r.inertia, 7 * b.objective.at(-1)!, { rtol: 1e-8 });
});

Deno.test("procrustesKMeans() errors name the argument and the bad value", () => {
  const nets = networks(4, 10, [3], 1);
  const cases: [() => unknown, RegExp][] = [
    [() => procrustesKMeans(nets, 0), /`k` must be an integer in \[1, 4\]: got 0/],
    [() => procrustesKMeans(nets, 5), /`k` must be an integer in \[1, 4\]: got 5/],
    [() => procrustesKMeans(nets, 2, { restarts: 0 }), /`restarts` must be an integer >= 1: got 0/],
    [() => procrustesKMeans(nets, 2, { alpha: 1.5 }), /`alpha` must be in \[0, 1\]: got 1.5/],
    [
      () => procrustesKMeans(nets, 2, { labels: ["a"] }),
      /`labels` must name every network \(4\): got 1/,
    ],
  ];
  for (const [f, re] of cases) {
    assert.throws(f, (e: Error) => e instanceof RangeError && re.test(e.message), String(re));
  }
  assert.throws(
    () => procrustesKMeans([nets[0]!, randn(9, 3, 1)], 1),
    (e: Error) => e instanceof TypeError && /same stimuli/.test(e.message),
  );
});

Deno.test("procrustesKMeans() converges on identical networks: ties between equal barycenters do not flip labels", () => {
  // these inputs ran all 100 iterations unconverged when exact ties were broken by rounding
  for (const [n, p, s] of [[20, 4, 4], [30, 5, 3], [12, 3, 2]]) {
    const X = randn(n!, p!, s!);
    const r = procrustesKMeans([X, X, X], 2);
    assert.equal(r.converged, true, `${n}×${p}, seed ${s}`);
    assert.ok(r.iterations <= 3, `${r.iterations} iterations`);
    assert.ok(r.inertia < 1e-20);
  }
});
