/**
 * Through the registry, the kNN family gives X·1e-70 (and 1e-200, 1e+200) the
 * value of X: it used to refuse X·1e-70 with "no neighbour order".
 */

import assert from "node:assert/strict";
import { compareWith } from "../../lib/measures/compare.ts";
import "../../lib/measures/all.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

const g = normalSampler(mulberry32(12));
const rand = (n: number, p: number) =>
  Array.from({ length: n }, () => Array.from({ length: p }, g));
const X = rand(14, 3), Y = rand(14, 5);
const times = (A: number[][], c: number) => A.map((r) => r.map((v) => v * c));

for (const measure of ["mutual-knn", "jaccard-knn", "rank-similarity"]) {
  Deno.test(`compareWith("${measure}") of X·1e-70, X·1e-200 and X·1e+200 is bit-identical to X's`, () => {
    const ref = compareWith(measure, X, Y, { k: 3 }).similarity!;
    assert.ok(ref > 0 && ref < 1, `a non-trivial value: ${ref}`);
    for (const c of [1e-70, 1e-200, 1e200]) {
      assert.equal(compareWith(measure, times(X, c), Y, { k: 3 }).similarity, ref, `scale ${c}`);
    }
  });
}

for (const measure of ["second-order-cosine", "cknna"]) {
  Deno.test(`compareWith("${measure}") of X·1e-70, X·1e-200 and X·1e+200 is X's within 1e-12`, () => {
    const ref = compareWith(measure, X, Y, { k: 3 }).similarity!;
    assert.ok(ref > 0 && ref < 1, `a non-trivial value: ${ref}`);
    for (const c of [1e-70, 1e-200, 1e200]) {
      const v = compareWith(measure, times(X, c), Y, { k: 3 }).similarity!;
      assert.ok(Math.abs(v - ref) <= 1e-12, `scale ${c}: ${v} vs ${ref}`);
    }
    const exact = compareWith(measure, times(X, 2 ** -230), Y, { k: 3 }).similarity;
    assert.equal(exact, ref, "a power of two changes nothing");
  });
}
