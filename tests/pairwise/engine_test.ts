import assert from "node:assert/strict";
import {
  crossMatrix,
  entriesChecksum,
  type MatrixShard,
  matrixShard,
  mergeMatrixShards,
  pairwiseMatrix,
} from "../../lib/pairwise/mod.ts";
import { resolveOptions } from "../../lib/measures/all.ts";
import { compareWith } from "../../lib/measures/compare.ts";
import { dsaPairwise } from "../../lib/dynamics/pairwise.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";
import { simulateVanDerPol } from "../../lib/dynamics/simulate/van_der_pol.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

function tensor(shape: number[], seed: number) {
  const g = normalSampler(mulberry32(seed));
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float64Array.from({ length: n }, () => g()) };
}
const responses = (seed: number, cols = 3) => {
  const t = tensor([15, cols], seed);
  return { rows: 15, cols, data: t.data };
};

/** Inputs of each kind, and a measure (with options) per kind. */
const cases: [string, Record<string, unknown>, unknown[]][] = [
  ["rbf-cka", {}, [1, 2, 3, 4].map((s) => responses(s, 2 + s))],
  ["debiased-cka", {}, [1, 2, 3, 4].map((s) => responses(s))],
  ["cca", { score: "euclidean" }, [1, 2, 3, 4].map((s) => responses(s))],
  ["stochastic-gaussian", { alpha: 0.5 }, [1, 2, 3, 4].map((s) => tensor([4, 5, 2], s))],
  ["stochastic-energy", {}, [1, 2, 3].map((s) => tensor([4, 5, 2], s))],
  ["conv-linear", {}, [1, 2, 3].map((s) => tensor([2, 3, 3, 2], s))],
  [
    "dsa",
    { nDelays: 2, rank: 3 },
    [0.5, 1, 1.5].map((mu, i) =>
      simulateVanDerPol({ mu, steps: 120, seed: i, observationNoise: 0.01 })
    ),
  ],
];

function single(name: string, o: Record<string, unknown>, x: unknown, y: unknown): number {
  const { measure: m, options } = resolveOptions(name, o);
  const X = m.validate(x, "X", "t"), Y = m.validate(y, "Y", "t");
  const width = m.padded ? Math.max(m.widthOf(X), m.widthOf(Y)) : m.widthOf(X);
  const wy = m.padded ? width : m.widthOf(Y);
  return m.compare(
    m.prepare(X, options, { width, test: null, name: "X" }),
    m.prepare(Y, options, { width: wy, test: null, name: "Y" }),
    options,
  ).distance!;
}

for (const [name, o, inputs] of cases) {
  Deno.test(`pairwiseMatrix() with ${name} equals compare() per pair, for 1 and 2 workers`, async () => {
    const one = await pairwiseMatrix(inputs, { measure: name, ...o, workers: 1 });
    const two = await pairwiseMatrix(inputs, { measure: name, ...o, workers: 2 });
    assert.deepEqual(two.matrix.data, one.matrix.data);
    const K = inputs.length;
    for (let i = 0; i < K; i++) {
      assert.equal(one.matrix.data[i * K + i], 0);
      for (let j = i + 1; j < K; j++) {
        // single() runs with this thread's BLAS threading, the engine single-threaded
        assertAllClose(one.matrix.data[i * K + j]!, single(name, o, inputs[i], inputs[j]), {
          rtol: 1e-12,
        });
        assert.equal(one.matrix.data[j * K + i], one.matrix.data[i * K + j]);
      }
    }
  });

  Deno.test(`shards of ${name} merge into the single-process matrix bit for bit`, async () => {
    const whole = await pairwiseMatrix(inputs, { measure: name, ...o, workers: 1 });
    for (const count of [1, 2, 4]) {
      const parts: MatrixShard[] = [];
      for (let k = count - 1; k >= 0; k--) {
        const s = await matrixShard(inputs, `${k}/${count}`, { measure: name, ...o, workers: 1 });
        parts.push(JSON.parse(JSON.stringify(s)));
      }
      const merged = mergeMatrixShards(parts);
      assert.deepEqual(merged.matrix.data, whole.matrix.data, `${count} shards`);
      assert.deepEqual(merged.options, whole.options);
      assert.deepEqual(merged.info, whole.info);
    }
  });
}

Deno.test("crossMatrix() with stochastic-gaussian equals compare() per pair", async () => {
  const A = [1, 2].map((s) => tensor([4, 5, 2], s)), B = [3, 4, 5].map((s) => tensor([4, 5, 2], s));
  const r = await crossMatrix(A, B, { measure: "stochastic-gaussian", workers: 1 });
  assert.deepEqual([r.matrix.rows, r.matrix.cols], [2, 3]);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 3; j++) {
      assertAllClose(r.matrix.data[i * 3 + j]!, single("stochastic-gaussian", {}, A[i], B[j]), {
        rtol: 1e-12,
      });
    }
  }
});

Deno.test("pairwiseMatrix() gives held-out matrices for measures that support them", async () => {
  const train = [1, 2, 3].map((s) => tensor([4, 5, 2], s));
  const test = [4, 5, 6].map((s) => tensor([3, 5, 2], s));
  const r = await pairwiseMatrix(train, { measure: "stochastic-gaussian", test, workers: 1 });
  assert.ok(r.test !== null && r.test.data[1]! > 0 && r.test.data[1] === r.test.data[3]);
  await assert.rejects(
    () => pairwiseMatrix([tensor([2, 3, 3, 2], 1)], { measure: "conv-linear", test: [1] }),
    {
      name: "RangeError",
      message:
        "Cannot compute pairwise distances: measure conv-linear does not take held-out `test` data",
    },
  );
});

Deno.test("pairwiseMatrix() rejects options the measure does not take, naming them", async () => {
  const nets = [1, 2].map((s) => responses(s));
  await assert.rejects(() => pairwiseMatrix(nets, { measure: "cka", alpha: 0.5 }), {
    name: "RangeError",
    message:
      "Cannot compute pairwise distances: `alpha` is not an option of measure cka (its options: kernel, threshold, debiased, center)",
  });
  await assert.rejects(() => pairwiseMatrix(nets, { measure: "rbf-cka", threshold: 0 }), {
    name: "RangeError",
    message: "Cannot compute pairwise distances: `threshold` must be in (0, Infinity]: got 0",
  });
  await assert.rejects(() => pairwiseMatrix(nets, { measure: "nope" }), /`measure` must be one of/);
});

Deno.test("DSA shards from the engine merge into dsaPairwise()'s matrix bit for bit", async () => {
  const systems = [0.5, 1, 1.5, 2].map((mu, i) =>
    simulateVanDerPol({ mu, steps: 150, seed: i, observationNoise: 0.01 })
  );
  const o = { measure: "dsa", nDelays: 3, rank: 4, score: "euclidean", workers: 1 };
  const parts = await Promise.all([0, 1, 2].map((k) => matrixShard(systems, `${k}/3`, o)));
  const merged = mergeMatrixShards(parts);
  const whole = await dsaPairwise(systems, { nDelays: 3, rank: 4, score: "euclidean" });
  assert.deepEqual(merged.matrix.data, whole.matrix.data);
  assert.deepEqual(merged.info.map((x) => x?.rank), whole.ranks);
});

Deno.test("mergeMatrixShards() refuses relabelled, duplicated, missing, tampered and foreign shards", async () => {
  const nets = [1, 2, 3, 4].map((s) => responses(s));
  const o = { measure: "linear", alpha: 0.5, workers: 1 };
  const parts = await Promise.all([0, 1, 2].map((k) => matrixShard(nets, `${k}/3`, o)));
  const names = ["a.json", "b.json", "c.json"];
  const copy = () => parts.map((p) => JSON.parse(JSON.stringify(p)) as MatrixShard);
  // relabelled: shard indices swapped
  const swapped = copy();
  [swapped[0]!.shard.index, swapped[2]!.shard.index] = [2, 0];
  assert.throws(() => mergeMatrixShards(swapped, names), {
    name: "RangeError",
    message:
      /^Cannot merge shards: a\.json (\(shard 2\/3\) holds 1 pairs, expected 2|holds pair .* which belongs to another shard)/,
  });
  // duplicated and missing
  assert.throws(() => mergeMatrixShards([...parts, parts[1]!], [...names, "d.json"]), {
    message: "Cannot merge shards: shard 1/3 is given twice (b.json and d.json)",
  });
  assert.throws(() => mergeMatrixShards(parts.slice(1)), {
    message: "Cannot merge shards: missing shard(s) 0 of 3",
  });
  // tampered value: the checksum no longer matches
  const edited = copy();
  edited[1]!.entries[0]![2] = 0.25;
  assert.throws(() => mergeMatrixShards(edited, names), {
    message: "Cannot merge shards: b.json has been altered: its entries do not match its checksum",
  });
  // tampered with a recomputed checksum: negative, non-finite and out-of-range entries
  for (
    const [edit, message] of [
      [
        (e: number[]) => (e[2] = -1),
        /b\.json has a bad value for pair \(\d, \d\): -1 \(must be finite and ≥ 0\)/,
      ],
      [(e: number[]) => (e[2] = NaN), /b\.json has a bad value for pair \(\d, \d\): null/],
      [
        (e: number[]) => (e[1] = 9),
        /b\.json has an entry that is not a pair of the 4 pairwise matrix/,
      ],
      [(e: number[]) => (e[0] = 3), /b\.json has an entry that is not a pair|pair \(3, \d\)/],
    ] as const
  ) {
    const t = copy();
    edit(t[1]!.entries[0]!);
    const reparsed = JSON.parse(JSON.stringify(t[1])) as MatrixShard;
    reparsed.checksum = entriesChecksum(reparsed.entries);
    t[1] = reparsed;
    assert.throws(() => mergeMatrixShards(t, names), { name: "RangeError", message });
  }
  // foreign: other options
  const other = await matrixShard(nets, "0/3", { ...o, alpha: 0.6 });
  assert.throws(
    () => mergeMatrixShards([other, parts[1]!, parts[2]!], names),
    /Cannot merge shards: b\.json comes from different inputs, options or shard count \(fingerprint [0-9a-f]{16}, 3 shards\) than a\.json/,
  );
  // the intact set still merges
  assert.equal(mergeMatrixShards(parts, names).matrix.rows, 4);
});

Deno.test("pairwiseMatrix() blames a constant network by its index (`networks[2]`), not as `Y`", async () => {
  const g = normalSampler(mulberry32(5));
  const A = Array.from({ length: 12 }, () => [g(), g(), g()]);
  const B = A.map(([x, y, z]) => [y!, z! + g(), x!]);
  const flat = A.map(() => [1, 2, 3]);
  for (const measure of ["cka", "procrustes", "svcca", "mutual-knn"]) {
    await assert.rejects(
      () => pairwiseMatrix([A, B, flat], { measure, workers: 1 }),
      RangeError,
      "`networks[2]`",
    );
  }
});

Deno.test("pairwiseMatrix() of a similarity measure has each input's self-similarity on the diagonal, also after sharding", async () => {
  const g = normalSampler(mulberry32(9));
  const A = Array.from({ length: 15 }, () => [g(), g(), g()]);
  // rank 2 in 3 columns: eigenspace overlap with itself is rank / p = 2/3, not 1
  const B = A.map(([x, y]) => [x!, y!, x! + y!]);
  const C = A.map(([x, y, z]) => [z!, x! * y!, g()]);
  const opts = { measure: "eigenspace-overlap", workers: 1 };
  const r = await pairwiseMatrix([A, B, C], opts);
  assert.equal(r.value, "similarity");
  const self = [A, B, C].map((X) => compareWith("eigenspace-overlap", X, X).similarity!);
  assertAllClose([0, 4, 8].map((k) => r.matrix.data[k]!), self, { rtol: 0, atol: 1e-14 });
  assert.ok(Math.abs(self[1]! - 2 / 3) < 1e-12);
  const parts = [
    await matrixShard([A, B, C], "1/2", opts),
    await matrixShard([A, B, C], "0/2", opts),
  ];
  assert.deepEqual(mergeMatrixShards(parts).matrix.data, r.matrix.data);
  const d = await pairwiseMatrix([A, B, C], { measure: "procrustes", workers: 1 });
  assert.deepEqual([0, 4, 8].map((k) => d.matrix.data[k]), [0, 0, 0]);
});

/** Three networks of different widths on the same 25 stimuli. */
function asymmetricNets(): number[][][] {
  const rng = mulberry32(3);
  const mk = (p: number) =>
    Array.from({ length: 25 }, () => Array.from({ length: p }, () => rng() - 0.5));
  return [mk(5), mk(3), mk(7)];
}

for (const name of ["cknna", "linreg-r2", "pwcca"]) {
  Deno.test(`pairwiseMatrix() with asymmetric ${name} has m(X_i, X_j) at (i, j) for every i ≠ j, for 1 and 2 workers and merged shards`, async () => {
    const nets = asymmetricNets();
    const one = await pairwiseMatrix(nets, { measure: name, workers: 1 });
    const key = one.value;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        if (i === j) continue;
        const want = compareWith(name, nets[i]!, nets[j]!)[key]!;
        assertAllClose([one.matrix.data[i * 3 + j]!], [want], { rtol: 1e-12, atol: 1e-14 });
      }
    }
    // the two orders really differ somewhere, so mirroring would be wrong (pwcca, declared
    // asymmetric, gives equal values in both orders on these inputs)
    const d = one.matrix.data;
    if (name !== "pwcca") {
      assert.ok(
        Math.max(...[[1, 3], [2, 6], [5, 7]].map(([a, b]) => Math.abs(d[a!]! - d[b!]!))) > 1e-6,
      );
    }
    const two = await pairwiseMatrix(nets, { measure: name, workers: 2 });
    assert.deepEqual(two.matrix.data, one.matrix.data);
    const opts = { measure: name, workers: 1 };
    const parts = [
      await matrixShard(nets, "2/4", opts),
      await matrixShard(nets, "0/4", opts),
      await matrixShard(nets, "3/4", opts),
      await matrixShard(nets, "1/4", opts),
    ];
    assert.ok(parts.every((p) => p.ordered));
    assert.equal(parts.reduce((n, p) => n + p.entries.length, 0), 6);
    assert.deepEqual(mergeMatrixShards(parts).matrix.data, one.matrix.data);
  });
}

Deno.test("pairwiseMatrix() of a symmetric measure computes each pair once and mirrors it", async () => {
  const nets = asymmetricNets();
  const r = await pairwiseMatrix(nets, { measure: "cka", workers: 1 });
  for (const [a, b] of [[1, 3], [2, 6], [5, 7]]) {
    assert.equal(r.matrix.data[a], r.matrix.data[b]);
  }
  const whole = await matrixShard(nets, "0/1", { measure: "cka", workers: 1 });
  assert.equal(whole.ordered, false);
  assert.deepEqual(whole.entries.map(([i, j]) => [i, j]), [[0, 1], [0, 2], [1, 2]]);
});

Deno.test("mergeMatrixShards() reads version-2 shards of symmetric measures, refuses those of asymmetric ones (they mirrored) and shards that do not say which orders they hold", async () => {
  const nets = asymmetricNets();
  const part = await matrixShard(nets, "0/1", { measure: "cknna", workers: 1 });
  const { ordered: _o, ...v2 } = part;
  const old = { ...v2, version: 2 } as unknown as MatrixShard;
  assert.throws(
    () => mergeMatrixShards([old], ["old.json"]),
    {
      name: "TypeError",
      message: /old\.json has shard format version 2, which mirrored the asymmetric measure cknna/,
    },
  );
  // a symmetric measure's version-2 shards held pairs i < j, as version 3 does: they still merge
  const opts = { measure: "cka", workers: 1 } as const;
  const halves = [await matrixShard(nets, "0/2", opts), await matrixShard(nets, "1/2", opts)];
  const oldHalves = halves.map((h) => {
    const { ordered: _, ...rest } = h;
    return { ...rest, version: 2 } as unknown as MatrixShard;
  });
  const whole = await pairwiseMatrix(nets, opts);
  assert.deepEqual(mergeMatrixShards(oldHalves).matrix.data, whole.matrix.data);
  assert.deepEqual(mergeMatrixShards([oldHalves[0]!, halves[1]!]).matrix.data, whole.matrix.data);
  assert.throws(
    () => mergeMatrixShards([{ ...halves[0]!, version: 1 } as unknown as MatrixShard], ["v1.json"]),
    { name: "TypeError", message: /v1\.json has shard format version 1; this version reads 3/ },
  );
  const { ordered: _, ...unsaid } = part;
  assert.throws(
    () => mergeMatrixShards([unsaid as MatrixShard], ["a.json"]),
    { name: "TypeError", message: /a\.json does not say which orders of its pairs it holds/ },
  );
});

Deno.test("pairwiseMatrix() and crossMatrix() refuse null options and a `width` for a measure that does not pad", async () => {
  const nets = asymmetricNets();
  await assert.rejects(() => pairwiseMatrix(nets, null as never), {
    name: "TypeError",
    message: "Cannot compute pairwise distances: `options` must be an object: got null",
  });
  await assert.rejects(() => crossMatrix(nets, nets, null as never), {
    name: "TypeError",
    message: "Cannot compute cross distances: `options` must be an object: got null",
  });
  await assert.rejects(() => pairwiseMatrix(nets, { measure: "cka", width: "common" }), {
    name: "RangeError",
    message:
      "Cannot compute pairwise distances: `width` does not apply to measure cka (it does not pad): got common",
  });
  await assert.rejects(
    () => pairwiseMatrix(nets, { measure: "cka", workerz: 2 }),
    /`workerz` is not an option of measure cka/,
  );
});
