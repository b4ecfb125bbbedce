import assert from "node:assert/strict";
import { dsaCross, dsaPairwise, mergeDsaShards, parseDsaShard } from "../../lib/dynamics/pairwise.ts";
import { dsa } from "../../lib/dynamics/dsa.ts";
import { fitDmd } from "../../lib/dynamics/dmd.ts";
import { simulateVanDerPol } from "../../lib/dynamics/simulate/van_der_pol.ts";
import {
  orthogonalConjugate,
  randomStableMatrix,
  simulateLinear,
} from "../../lib/dynamics/simulate/linear.ts";
import { classicalMds } from "../../lib/dynamics/mds.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

const systems = [0.5, 1, 1.5, 2].map((mu, i) =>
  simulateVanDerPol({ mu, steps: 300, seed: i, observationNoise: 0.01 })
);
const opts = { nDelays: 4, rank: 6 };

Deno.test("dsaPairwise() is symmetric with a zero diagonal and equals dsa() pair by pair", async () => {
  const { matrix, pairs, ranks } = await dsaPairwise(systems, opts);
  const K = systems.length;
  assert.equal(pairs, (K * (K - 1)) / 2);
  assert.deepEqual(ranks, [6, 6, 6, 6]);
  for (let i = 0; i < K; i++) {
    assert.equal(matrix.data[i * K + i], 0);
    for (let j = i + 1; j < K; j++) {
      assert.equal(matrix.data[i * K + j], matrix.data[j * K + i]);
      assertAllClose(matrix.data[i * K + j]!, dsa(systems[i]!, systems[j]!, opts).distance, {
        rtol: 1e-12,
      });
    }
  }
});

Deno.test("dsaPairwise() shards merge into the full matrix", async () => {
  const full = await dsaPairwise(systems, { ...opts, score: "euclidean" });
  const parts = await Promise.all(
    [1, 2, 3].map((k) => dsaPairwise(systems, { ...opts, score: "euclidean", shard: `${k}/3` })),
  );
  assert.deepEqual(parts.map((p) => p.pairs), [2, 2, 2]);
  assert.ok(parts.every((p) => p.matrix.data.some(Number.isNaN)));
  assert.deepEqual(mergeDsaShards(parts.map((p) => p.matrix)).data, full.matrix.data);
});

Deno.test("dsaPairwise() gives identical results with workers", async () => {
  const one = await dsaPairwise(systems, opts);
  const two = await dsaPairwise(systems, { ...opts, workers: 2 });
  assert.deepEqual(two.matrix.data, one.matrix.data);
});

Deno.test("dsaPairwise() reports progress and accepts fitted models", async () => {
  const fits = systems.map((X) => fitDmd(X, opts));
  const seen: number[] = [];
  const r = await dsaPairwise(fits, {
    score: "wasserstein",
    onProgress: (done) => seen.push(done),
  });
  assert.deepEqual(seen, [1, 2, 3, 4, 5, 6]);
  assert.ok(r.matrix.data[1]! > 0);
});

Deno.test("dsaCross() compares every system of one set with every system of the other", async () => {
  const r = await dsaCross(systems.slice(0, 2), systems.slice(1), opts);
  assert.deepEqual([r.matrix.rows, r.matrix.cols], [2, 3]);
  assert.ok(r.matrix.data[1 * 3 + 0]! < 1e-12); // systems[1] with itself
  assertAllClose(r.matrix.data[0]!, dsa(systems[0]!, systems[1]!, opts).distance, { rtol: 1e-12 });
});

Deno.test("dsaPairwise() gives 0 for rotated and reflected copies of the same data", async () => {
  const X = simulateLinear(randomStableMatrix(3, { seed: 1 }), {
    steps: 80,
    trials: 3,
    processNoise: 0.1,
    seed: 4,
  });
  const copies = [1, -1].map((det, s) => {
    const Q = orthogonalConjugate([[1, 0, 0], [0, 1, 0], [0, 0, 1]], {
      seed: s,
      determinant: det as 1 | -1,
    }).Q.data;
    const data = new Float64Array(X.data.length);
    for (let r = 0; r < X.data.length / 3; r++) {
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) data[r * 3 + i] += Q[i * 3 + j]! * X.data[r * 3 + j]!;
      }
    }
    return { shape: X.shape, data };
  });
  const { matrix } = await dsaPairwise([X, ...copies], { nDelays: 2, rank: 6 });
  for (const k of [1, 2, 5]) assert.ok(matrix.data[k]! < 1e-8, `entry ${k}: ${matrix.data[k]}`);
});

Deno.test("DSA separates two classes of noise-driven linear systems seen in random bases (MDS)", async () => {
  const A = randomStableMatrix(3, { seed: 1, spectralRadius: 0.9 }),
    B = randomStableMatrix(3, { seed: 2, spectralRadius: 0.9 });
  const sim = (M: typeof A, s: number) =>
    simulateLinear(orthogonalConjugate(M, { seed: s, determinant: s % 2 ? -1 : 1 }).A, {
      steps: 3000,
      processNoise: 1,
      seed: s,
    });
  const data = [0, 1, 2].map((s) => sim(A, s)).concat([3, 4, 5].map((s) => sim(B, s)));
  const { matrix } = await dsaPairwise(data, { rank: 3 });
  const d = (i: number, j: number) => matrix.data[i * 6 + j]!;
  const within = Math.max(d(0, 1), d(0, 2), d(1, 2), d(3, 4), d(3, 5), d(4, 5));
  const between = Math.min(...[0, 1, 2].flatMap((i) => [3, 4, 5].map((j) => d(i, j))));
  assert.ok(within < between / 3, `within ${within}, between ${between}`);
  const x = Array.from(classicalMds(matrix, { dims: 1 }).coordinates.data);
  assert.ok([0, 1, 2].every((i) => Math.sign(x[i]!) === Math.sign(x[0]!)));
  assert.ok([3, 4, 5].every((i) => Math.sign(x[i]!) === -Math.sign(x[0]!)));
});

Deno.test("dsaPairwise() rejects bad input with clear errors", async () => {
  await assert.rejects(() => dsaPairwise([systems[0]!]), {
    name: "RangeError",
    message: "Cannot compute DSA matrix: `systems` must list at least 2 systems: got 1",
  });
  await assert.rejects(() => dsaPairwise(systems, { shard: "0/2" }), {
    name: "RangeError",
    message: 'Cannot compute DSA matrix: `shard` must be "k/n" with 1 ≤ k ≤ n: got 0/2',
  });
  await assert.rejects(() => dsaPairwise([systems[0]!, [[1, 2], [3, 4]]], { nDelays: 4 }), {
    name: "RangeError",
    message:
      "Cannot fit DMD: too few time steps for the delays: trial 0 has 2 samples but nDelays = 4 with delayInterval = 1 needs at least 4 (in `systems[1]`)",
  });
  await assert.rejects(() => dsaPairwise(systems, { workers: 0 }), {
    name: "RangeError",
    message: "Cannot compute DSA matrix: `workers` must be an integer in [1, 256]: got 0",
  });
  assert.deepEqual(parseDsaShard(" 3 / 4 "), [3, 4]);
  assert.throws(
    () =>
      mergeDsaShards([{ rows: 1, cols: 1, data: new Float64Array([1]) }, {
        rows: 1,
        cols: 1,
        data: new Float64Array([2]),
      }]),
    {
      name: "RangeError",
      message: "Cannot merge DSA shards: parts disagree at [0, 0]: got 1 and 2",
    },
  );
});
