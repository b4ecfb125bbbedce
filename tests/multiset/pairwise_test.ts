import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { padColumns } from "../../lib/linalg/elementwise.ts";
import { sliceRows } from "../../lib/linalg/matrix.ts";
import {
  ckaDistance,
  fitLinearMetric,
  fitPermutationMetric,
  linearMetric,
  permutationMetric,
  scoreLinearMetric,
  scorePermutationMetric,
} from "../../lib/metrics/mod.ts";
import {
  crossDistances,
  type DistanceProgress,
  pairwiseDistances,
} from "../../lib/multiset/mod.ts";
import { networks } from "./_nets.ts";

const nets = networks(6, 30, [4, 5, 3], 1);
const train = nets.map((X) => sliceRows(X, 0, 22)), test = nets.map((X) => sliceRows(X, 22, 30));

Deno.test("pairwiseDistances() is symmetric with a zero diagonal and matches linearMetric() per pair", async () => {
  for (const score of ["angular", "euclidean"] as const) {
    const { matrix } = await pairwiseDistances(nets, { alpha: 0.5, score, workers: 1 });
    for (let i = 0; i < 6; i++) {
      assert.equal(matrix.data[i * 6 + i], 0);
      for (let j = 0; j < 6; j++) {
        assert.equal(matrix.data[i * 6 + j], matrix.data[j * 6 + i]);
        if (i < j) {
          assertAllClose(
            matrix.data[i * 6 + j]!,
            linearMetric(nets[i]!, nets[j]!, { alpha: 0.5, score }),
            {
              rtol: 1e-12,
            },
          );
        }
      }
    }
  }
});

Deno.test("pairwiseDistances() with `width: common` pads every network to the widest", async () => {
  const { matrix } = await pairwiseDistances(nets, {
    alpha: 0.5,
    score: "euclidean",
    width: "common",
    workers: 1,
  });
  const d = linearMetric(padColumns(nets[2]!, 5), nets[0]!, { alpha: 0.5, score: "euclidean" });
  assertAllClose(matrix.data[2 * 6 + 0]!, d, { rtol: 1e-12 });
});

Deno.test("pairwiseDistances() linear angular distances, training and held-out, do not depend on `width`", async () => {
  for (const alpha of [0, 0.3, 1]) {
    const pair = await pairwiseDistances(train, { alpha, test, workers: 1 });
    const common = await pairwiseDistances(train, { alpha, test, width: "common", workers: 1 });
    assertAllClose(Array.from(common.matrix.data), Array.from(pair.matrix.data), { atol: 1e-9 });
    assertAllClose(Array.from(common.test!.data), Array.from(pair.test!.data), { atol: 1e-9 });
  }
});

Deno.test("pairwiseDistances() permutation distances never grow with common padding (more zero units to match)", async () => {
  const pair = await pairwiseDistances(train, { metric: "permutation", workers: 1 });
  const common = await pairwiseDistances(train, {
    metric: "permutation",
    width: "common",
    workers: 1,
  });
  let smaller = 0;
  for (let k = 0; k < 36; k++) {
    assert.ok(common.matrix.data[k]! <= pair.matrix.data[k]! + 1e-12, `entry ${k}`);
    if (common.matrix.data[k]! < pair.matrix.data[k]! - 1e-6) smaller++;
  }
  assert.ok(smaller > 0); // the widths differ (3, 4, 5), so some pairs gain from the extra padding
});

Deno.test("pairwiseDistances() held-out matrix equals fit on training rows, score on test rows", async () => {
  const r = await pairwiseDistances(train, { alpha: 0.3, test, workers: 1 });
  const p = await pairwiseDistances(train, { metric: "permutation", test, workers: 1 });
  const c = await pairwiseDistances(train, { metric: "cka", test, workers: 1 });
  for (const [i, j] of [[0, 1], [1, 2], [2, 5]]) {
    const fit = fitLinearMetric(train[i]!, train[j]!, { alpha: 0.3 });
    assertAllClose(r.test!.data[i! * 6 + j!]!, scoreLinearMetric(fit, test[i]!, test[j]!), {
      rtol: 1e-10,
    });
    const pf = fitPermutationMetric(train[i]!, train[j]!);
    assertAllClose(p.test!.data[i! * 6 + j!]!, scorePermutationMetric(pf, test[i]!, test[j]!), {
      rtol: 1e-12,
    });
    assertAllClose(p.matrix.data[i! * 6 + j!]!, permutationMetric(train[i]!, train[j]!), {
      rtol: 1e-12,
    });
    assertAllClose(c.matrix.data[i! * 6 + j!]!, ckaDistance(train[i]!, train[j]!), { rtol: 1e-12 });
    assertAllClose(c.test!.data[i! * 6 + j!]!, ckaDistance(test[i]!, test[j]!), { rtol: 1e-12 });
  }
  // the training matrix does not depend on whether held-out rows are given
  const plain = await pairwiseDistances(train, { alpha: 0.3, workers: 1 });
  assert.deepEqual(plain.matrix.data, r.matrix.data);
  assert.equal(plain.test, null);
});

Deno.test("pairwiseDistances() results are bitwise identical for 1, 2 and 3 workers", async () => {
  for (const metric of ["linear", "permutation"] as const) {
    const runs = [];
    for (const workers of [1, 2, 3]) {
      const alpha = metric === "linear" ? { alpha: 0.5 } : {};
      runs.push(await pairwiseDistances(train, { metric, ...alpha, test, workers }));
    }
    for (const r of runs.slice(1)) {
      assert.deepEqual(r.matrix.data, runs[0]!.matrix.data, metric);
      assert.deepEqual(r.test!.data, runs[0]!.test!.data, metric);
    }
  }
});

Deno.test("pairwiseDistances() reports progress for both phases up to the totals", async () => {
  const seen: DistanceProgress[] = [];
  await pairwiseDistances(nets, { workers: 2, onProgress: (p) => seen.push(p) });
  const prep = seen.filter((p) => p.phase === "prepare"),
    pairs = seen.filter((p) => p.phase === "pairs");
  assert.equal(prep.at(-1)!.done, prep.at(-1)!.total);
  assert.equal(pairs.at(-1)!.done, 15);
  assert.equal(pairs.at(-1)!.total, 15);
  for (let k = 1; k < pairs.length; k++) assert.ok(pairs[k]!.done > pairs[k - 1]!.done);
});

Deno.test("pairwiseDistances() result is tagged and carries labels and options", async () => {
  const r = await pairwiseDistances(nets.slice(0, 2), { labels: ["a", "b"], workers: 1 });
  assert.equal(r.kind, "pairwiseDistances");
  assert.deepEqual(r.labels, ["a", "b"]);
  assert.deepEqual(r.options, {
    metric: "linear",
    alpha: 1,
    score: "angular",
    center: true,
    width: "pair",
  });
});

Deno.test("crossDistances() entries equal linearMetric() between the two sets", async () => {
  const A = nets.slice(0, 2), B = nets.slice(2, 5);
  const r = await crossDistances(A, B, {
    alpha: 0,
    workers: 2,
    labels: [["a0", "a1"], ["b0", "b1", "b2"]],
  });
  assert.deepEqual([r.matrix.rows, r.matrix.cols], [2, 3]);
  assert.deepEqual(r.columnLabels, ["b0", "b1", "b2"]);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 3; j++) {
      assertAllClose(r.matrix.data[i * 3 + j]!, linearMetric(A[i]!, B[j]!, { alpha: 0 }), {
        rtol: 1e-12,
      });
    }
  }
});

Deno.test("pairwiseDistances() rejects bad input naming the network", async () => {
  await assert.rejects(() => pairwiseDistances([]), {
    name: "RangeError",
    message: "Cannot compute pairwise distances: `networks` must be a non-empty array of matrices",
  });
  await assert.rejects(() => pairwiseDistances([nets[0]!, sliceRows(nets[1]!, 0, 10)]), {
    name: "TypeError",
    message:
      "Cannot compute pairwise distances: every network must have the same stimuli (rows): `networks[0]` has shape [30, 4] but `networks[1]` has [10, 5]",
  });
  await assert.rejects(() => pairwiseDistances(nets, { pad: false }), {
    name: "TypeError",
    message:
      "Cannot compute pairwise distances: every network must have the same width when `pad` is false: `networks[0]` has 4 columns but `networks[1]` has 5",
  });
  await assert.rejects(() => pairwiseDistances(nets, { alpha: 2 }), {
    name: "RangeError",
    message: "Cannot compute pairwise distances: `alpha` must be in [0, 1]: got 2",
  });
  // deno-lint-ignore no-explicit-any
  await assert.rejects(() => pairwiseDistances(nets, { metric: "rsa" as any }), {
    name: "RangeError",
    message:
      "Cannot compute pairwise distances: `metric` must be one of linear, permutation, cka: got rsa",
  });
  await assert.rejects(() => pairwiseDistances(nets, { test: test.slice(1) }), {
    name: "TypeError",
    message:
      "Cannot compute pairwise distances: held-out rows must be given for every network of `networks`: got 5 for 6 networks",
  });
  await assert.rejects(() => pairwiseDistances(nets, { workers: 0 }), {
    name: "RangeError",
    message: "Cannot compute distances: `workers` must be a positive integer: got 0",
  });
  const bad = nets.map((X) => X);
  bad[3] = { rows: 30, cols: 3, data: nets[2]!.data.map((v, k) => (k === 7 ? NaN : v)) };
  await assert.rejects(() => pairwiseDistances(bad), {
    name: "RangeError",
    message: "Cannot compute pairwise distances: `networks[3]` must be finite: got NaN at [2, 1]",
  });
});

Deno.test("pairwiseDistances() surfaces an error raised inside a worker with its class", async () => {
  const constant = { rows: 30, cols: 4, data: new Float64Array(120).fill(1) };
  // refused when the network is prepared, so the message names it whichever worker fails
  await assert.rejects(() => pairwiseDistances([nets[0]!, constant, nets[2]!], { workers: 2 }), {
    name: "RangeError",
    message:
      /^Cannot compute linear metric: the angular distance is undefined because `networks\[1\]` has zero variance after centring \(constant responses\)$/,
  });
});

Deno.test("pairwiseDistances() prepares each network once (K per-network steps for K equal-width networks)", async () => {
  const same = networks(7, 20, [4], 2);
  const seen: DistanceProgress[] = [];
  await pairwiseDistances(same, { alpha: 0.5, workers: 1, onProgress: (p) => seen.push(p) });
  const prep = seen.filter((p) => p.phase === "prepare");
  assert.equal(prep.at(-1)!.total, 7);
  assert.equal(seen.filter((p) => p.phase === "pairs").at(-1)!.total, 21);
});

Deno.test("pairwiseDistances() and crossDistances() refuse options their metric does not read (they were dropped silently)", async () => {
  const two = nets.slice(0, 2);
  for (
    const [opts, name] of [
      [{ metric: "cka", score: "euclidean" }, "score"],
      [{ metric: "cka", alpha: 0.5 }, "alpha"],
      [{ metric: "cka", pad: false }, "pad"],
      [{ metric: "permutation", alpha: 0 }, "alpha"],
    ] as const
  ) {
    const message = new RegExp(`\`${name}\` does not apply to metric ${opts.metric}`);
    await assert.rejects(() => pairwiseDistances(two, { ...opts, workers: 1 }), message);
    await assert.rejects(() => crossDistances(two, two, { ...opts, workers: 1 }), message);
  }
  // the options each metric reads still pass
  const cka = await pairwiseDistances(two, { metric: "cka", center: true, workers: 1 });
  // `width` is accepted for CKA, which zero columns do not change (notebook 01 passes it)
  const common = await pairwiseDistances(two, { metric: "cka", width: "common", workers: 1 });
  assert.deepEqual(common.matrix.data, cka.matrix.data);
  const perm = await pairwiseDistances(two, {
    metric: "permutation",
    score: "euclidean",
    workers: 1,
  });
  assert.ok(cka.matrix.data[1]! > 0 && perm.matrix.data[1]! > 0);
});

Deno.test("a distance matrix's recorded options pass back for every metric (defaults of options a metric does not read are accepted)", async () => {
  const two = nets.slice(0, 2);
  for (const metric of ["linear", "permutation", "cka"] as const) {
    const r = await pairwiseDistances(two, { metric, workers: 1 });
    const again = await pairwiseDistances(two, { ...r.options, workers: 1 });
    assert.deepEqual(again.matrix.data, r.matrix.data, metric);
  }
});
