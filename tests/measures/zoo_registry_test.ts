/** The zoo's registry entries give exactly what the library functions give. */
import assert from "node:assert/strict";
import { compareWith } from "../../lib/measures/compare.ts";
import "../../lib/measures/all.ts";
import { randn } from "../../lib/random.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import {
  cknna,
  concentricityDiff,
  distanceCorrelation,
  eigenspaceOverlap,
  jaccardKnn,
  linregR2,
  magnitudeDiff,
  mutualKnn,
  procrustesSq,
  pwcca,
  rankSimilarity,
  secondOrderCosine,
  softMatchDistance,
  svcca,
  uniformityDiff,
} from "../../lib/metrics/mod.ts";

const X = randn(30, 4, 1), Y = randn(30, 6, 2);
const CASES: [
  string,
  Record<string, number>,
  "similarity" | "distance",
  (X: Matrix, Y: Matrix) => number,
][] = [
  ["mutual-knn", { k: 4 }, "similarity", (a, b) => mutualKnn(a, b, { k: 4 })],
  ["cknna", {}, "similarity", (a, b) => cknna(a, b)],
  ["jaccard-knn", {}, "similarity", (a, b) => jaccardKnn(a, b)],
  ["rank-similarity", { k: 3 }, "similarity", (a, b) => rankSimilarity(a, b, { k: 3 })],
  ["second-order-cosine", {}, "similarity", (a, b) => secondOrderCosine(a, b)],
  ["svcca", {}, "similarity", (a, b) => svcca(a, b)],
  ["svcca", { dims: 2 }, "similarity", (a, b) => svcca(a, b, { dims: 2 })],
  ["pwcca", {}, "similarity", pwcca],
  ["dcor", {}, "similarity", distanceCorrelation],
  ["distance-correlation", {}, "similarity", distanceCorrelation],
  ["eigenspace-overlap", {}, "similarity", eigenspaceOverlap],
  ["procrustes-sq", {}, "distance", procrustesSq],
  ["linreg-r2", {}, "similarity", linregR2],
  ["soft-match", {}, "distance", softMatchDistance],
  ["magnitude-diff", {}, "distance", magnitudeDiff],
  ["concentricity-diff", {}, "distance", concentricityDiff],
  ["uniformity-diff", {}, "distance", uniformityDiff],
];

Deno.test("compareWith() on each zoo measure returns the library function's value under the stated key", () => {
  for (const [name, opts, key, fn] of CASES) {
    const r = compareWith(name, X, Y, opts);
    assert.equal(r[key], fn(X, Y), name);
    assert.equal(r[key === "distance" ? "similarity" : "distance"], undefined, name);
  }
});

Deno.test("compareWith() refuses options a zoo measure does not take and k out of range", () => {
  assert.throws(
    () => compareWith("svcca", X, Y, { k: 3 }),
    /`k` is not an option of measure svcca/,
  );
  assert.throws(
    () => compareWith("mutual-knn", X, Y, { k: 0 }),
    /`k` must be in \[1, Infinity\]: got 0/,
  );
  assert.throws(
    () => compareWith("mutual-knn", X, Y, { k: 30 }),
    /`k` must be an integer in \[1, 29\]: got 30/,
  );
});

/** A network whose every row is X's first row (bitwise equal rows), and a constant one. */
function constantNetworks(): [string, Matrix][] {
  const rows = X.rows, cols = X.cols;
  const repeated = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) repeated.set(X.data.subarray(0, cols), i * cols);
  return [
    ["ones", { rows, cols, data: new Float64Array(rows * cols).fill(1) }],
    ["X's first row repeated", { rows, cols, data: repeated }],
  ];
}

Deno.test("measures undefined on constant responses refuse them, naming the argument, instead of returning a number", () => {
  const centred = /`Y` has zero variance (across stimuli|after centring) \(constant responses\)/;
  const knn = /`Y` has no neighbour order: all its rows have the same cosine with one another/;
  const cases: [string, RegExp][] = [
    ["cka", centred],
    ["rbf-cka", centred],
    ["debiased-cka", centred],
    ["procrustes", centred],
    ["cca", centred],
    ["permutation", centred],
    ["svcca", centred],
    ["mutual-knn", knn],
    ["cknna", knn],
    ["jaccard-knn", knn],
    ["rank-similarity", knn],
    ["second-order-cosine", knn],
  ];
  for (const [what, C] of constantNetworks()) {
    for (const [name, re] of cases) {
      assert.throws(
        () => compareWith(name, X, C),
        { name: "RangeError", message: re },
        `${name}, ${what}`,
      );
    }
  }
});

Deno.test("measures defined on constant responses still give their value (uncentred, Euclidean or by definition)", () => {
  const [[, ones]] = constantNetworks() as [[string, Matrix]];
  // dcor: Székely et al. (2007) define R(X, Y) = 0 when dVar²(X)·dVar²(Y) = 0 (a constant is independent)
  assert.equal(compareWith("dcor", X, ones).similarity, 0);
  // uncentred linear CKA of a constant non-zero network: ‖Xᵀ1‖² / (‖XᵀX‖_F · n)
  const r = compareWith("cka", X, ones, { center: false }).similarity!;
  assert.ok(r > 0 && r < 1, String(r));
  // the Euclidean shape distance to a point is the norm of the centred X
  let ss = 0;
  const n = X.rows, p = X.cols;
  for (let j = 0; j < p; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += X.data[i * p + j]!;
    m /= n;
    for (let i = 0; i < n; i++) ss += (X.data[i * p + j]! - m) ** 2;
  }
  const d = compareWith("procrustes", X, ones, { score: "euclidean" }).distance!;
  assert.ok(Math.abs(d - Math.sqrt(ss)) < 1e-12 * Math.sqrt(ss), `${d} vs ${Math.sqrt(ss)}`);
  // eigenspace overlap is uncentred: the ones vector spans a rank-1 column space
  assert.ok(compareWith("eigenspace-overlap", X, ones).similarity! > 0);
});
