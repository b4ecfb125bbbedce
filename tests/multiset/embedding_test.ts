import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { linearMetric, permutationMetric } from "../../lib/metrics/mod.ts";
import {
  barycenter,
  classicalMDS,
  pairwiseDistances,
  tangentEmbedding,
} from "../../lib/multiset/mod.ts";
import { randn } from "../../lib/random.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { networks } from "./_nets.ts";

function euclidean(points: Matrix): number[][] {
  const K = points.rows, d = points.cols;
  return Array.from({ length: K }, (_, i) =>
    Array.from({ length: K }, (_, j) => {
      let s = 0;
      for (let k = 0; k < d; k++) s += (points.data[i * d + k]! - points.data[j * d + k]!) ** 2;
      return Math.sqrt(s);
    }));
}

Deno.test("classicalMDS() recovers Euclidean configurations exactly, with no negative mass", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 3, max: 12 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 1e6 }),
      (K, d, seed) => {
        fc.pre(d < K);
        const P = randn(K, d, seed);
        const D = euclidean(P);
        const r = classicalMDS(D, { dims: d });
        const back = euclidean(r.coordinates);
        assertAllClose(back.flat(), D.flat(), { atol: 1e-10 });
        assert.equal(r.negativeMass, 0);
        assertAllClose(r.explained, 1, { atol: 1e-12 });
      },
    ),
    { numRuns: 400, seed: 2 },
  );
});

Deno.test("classicalMDS() reports the negative eigenvalue mass of a non-Euclidean metric", () => {
  // shortest-path metric of a 4-cycle: opposite corners at 2 (a unit square would need √2)
  const D = [[0, 1, 2, 1], [1, 0, 1, 2], [2, 1, 0, 1], [1, 2, 1, 0]];
  const r = classicalMDS(D, { dims: 2 });
  assert.ok(r.negativeMass > 0.05);
  assert.equal(r.eigenvalues.length, 4);
  for (let k = 1; k < 4; k++) assert.ok(r.eigenvalues[k]! <= r.eigenvalues[k - 1]!);
});

Deno.test("classicalMDS() of a pairwise result keeps its labels", async () => {
  const D = await pairwiseDistances(networks(4, 20, [3], 1), {
    labels: ["a", "b", "c", "d"],
    workers: 1,
  });
  const r = classicalMDS(D);
  assert.deepEqual(r.labels, ["a", "b", "c", "d"]);
  assert.equal(r.kind, "classicalMDS");
});

Deno.test("classicalMDS() rejects non-distance matrices", () => {
  assert.throws(() => classicalMDS([[0, 1, 2], [1, 0, 1]]), {
    name: "TypeError",
    message: "Cannot compute classical MDS: `D` must be square: got shape [2, 3]",
  });
  assert.throws(() => classicalMDS([[0, 1], [2, 0]]), {
    name: "RangeError",
    message: "Cannot compute classical MDS: `D` must be symmetric: D[0, 1] = 1 but D[1, 0] = 2",
  });
  assert.throws(() => classicalMDS([[0, -1], [-1, 0]]), {
    name: "RangeError",
    message: "Cannot compute classical MDS: `D` must be non-negative: got D[0, 1] = -1",
  });
  assert.throws(() => classicalMDS([[1, 1], [1, 0]]), {
    name: "RangeError",
    message: "Cannot compute classical MDS: `D` must have a zero diagonal: got D[0, 0] = 1",
  });
  assert.throws(() => classicalMDS([[0, 1], [1, 0]], { dims: 3 }), {
    name: "RangeError",
    message: "Cannot compute classical MDS: `dims` must be an integer in [1, 2]: got 3",
  });
});

Deno.test("barycenter() does not increase its objective and beats every input network as a mean", () => {
  const nets = networks(5, 20, [4], 7);
  const r = barycenter(nets);
  for (let k = 1; k < r.objective.length; k++) {
    assert.ok(r.objective[k]! <= r.objective[k - 1]! * (1 + 1e-12));
  }
  assert.ok(r.converged);
  const d2 = (A: Matrix, B: Matrix) => linearMetric(A, B, { alpha: 1, score: "euclidean" }) ** 2;
  const atMean = nets.reduce((s, X) => s + d2(X, r.mean), 0) / 5;
  assertAllClose(atMean, r.objective.at(-1)!, { rtol: 1e-8 });
  for (const C of nets) assert.ok(atMean <= nets.reduce((s, X) => s + d2(X, C), 0) / 5);
});

Deno.test("barycenter() of rotated and permuted copies has zero objective", () => {
  const X = randn(15, 4, 3);
  const Q = [[0, 1, 0, 0], [-1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]];
  const rot = (M: Matrix, R: number[][]) => {
    const out = new Float64Array(M.data.length);
    for (let i = 0; i < M.rows; i++) {
      for (let j = 0; j < 4; j++) {
        for (let k = 0; k < 4; k++) out[i * 4 + j] += M.data[i * 4 + k]! * R[k]![j]!;
      }
    }
    return { rows: M.rows, cols: 4, data: out };
  };
  assert.ok(barycenter([X, rot(X, Q)]).objective.at(-1)! < 1e-20);
  const P = [[0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 1, 0, 0]];
  const r = barycenter([X, rot(X, P), X], { group: "perm" });
  assert.ok(r.objective.at(-1)! < 1e-20);
  assert.ok(permutationMetric(r.mean, X, { score: "euclidean" }) < 1e-10);
});

Deno.test("barycenter() is deterministic for a seed", () => {
  const nets = networks(4, 12, [3], 9);
  assert.deepEqual(
    barycenter(nets, { seed: 5 }).mean.data,
    barycenter(nets, { seed: 5 }).mean.data,
  );
});

Deno.test("tangentEmbedding() vector lengths are distances to the barycenter; 3 networks embed exactly in 2-D", () => {
  const nets = networks(3, 15, [3, 4], 11);
  const r = tangentEmbedding(nets, { dims: 2 });
  for (let i = 0; i < 3; i++) {
    const d = linearMetric(nets[i]!, r.barycenter.mean, { alpha: 1, score: "euclidean" });
    assertAllClose(r.distances[i]!, d, { rtol: 1e-9 });
  }
  // principal coordinates preserve distances between the tangent vectors (rank ≤ 2 after centring)
  assertAllClose(euclidean(r.coordinates).flat(), euclidean(r.vectors).flat(), {
    rtol: 1e-9,
    atol: 1e-12,
  });
  assert.equal(r.kind, "tangentEmbedding");
});

Deno.test("barycenter() and tangentEmbedding() reject bad input", () => {
  assert.throws(() => barycenter([]), {
    name: "RangeError",
    message: "Cannot compute barycenter: `networks` must be a non-empty array of matrices",
  });
  assert.throws(() => barycenter([[[1], [2]], [[1]]]), {
    name: "TypeError",
    message:
      "Cannot compute barycenter: every network must have the same stimuli (rows): `networks[0]` has shape [2, 1] but `networks[1]` has [1, 1]",
  });
  // deno-lint-ignore no-explicit-any
  assert.throws(() => barycenter([[[1], [2]]], { group: "affine" as any }), {
    name: "RangeError",
    message: "Cannot compute barycenter: `group` must be one of orth, perm, identity: got affine",
  });
  assert.throws(() => tangentEmbedding([[[1], [2]], [[2], [5]]], { dims: 3 }), {
    name: "RangeError",
    message: "Cannot compute tangent embedding: `dims` must be an integer in [1, 2]: got 3",
  });
});

Deno.test("classicalMDS() of D·2^-505 is D's MDS scaled exactly, and distances whose eigenvalues leave float64 are refused", () => {
  const D = [[0, 1, 3, 2], [1, 0, 2, 2.5], [3, 2, 0, 1.5], [2, 2.5, 1.5, 0]];
  const times = (f: number) => D.map((row) => row.map((v) => v * f));
  const base = classicalMDS(D);
  const small = classicalMDS(times(2 ** -505));
  assert.deepEqual(
    Array.from(small.coordinates.data),
    Array.from(base.coordinates.data, (v) => v * 2 ** -505),
  );
  assert.deepEqual(small.eigenvalues, base.eigenvalues.map((v) => v * 2 ** -1010));
  assert.equal(small.explained, base.explained);
  for (const [f, size] of [[1e-200, "-399"], [1e300, "601"]] as const) {
    assert.throws(() => classicalMDS(times(f)), {
      name: "RangeError",
      message: new RegExp(
        `^Cannot compute classical MDS: eigenvalue 0 of −½ J \\(D∘D\\) J is about 1e${size}, outside float64's range`,
      ),
    });
  }
});
