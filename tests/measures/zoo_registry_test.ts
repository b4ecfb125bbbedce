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
