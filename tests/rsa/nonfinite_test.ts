// Non-finite entries in the rank comparators: each of these calls looped forever before
// (NaN === NaN is false, so a run of tied values never closed). Every test here is fast
// by construction: the fixed loops advance by at least one entry per step.
import assert from "node:assert/strict";
import {
  averageRanks,
  compareVectors,
  kendallTau,
  noiseCeiling,
  poolRdms,
} from "../../lib/rsa/mod.ts";

Deno.test("averageRanks() refuses NaN at its index instead of hanging", () => {
  assert.throws(() => averageRanks([1, NaN, 0]), {
    name: "RangeError",
    message: "Cannot rank values: `v` must be finite: got NaN at index 1",
  });
  assert.throws(() => averageRanks([NaN, NaN]), /`v` must be finite: got NaN at index 0/);
  assert.throws(() => averageRanks([2, 1, -Infinity]), /got -Infinity at index 2/);
  // with multiplicities and a cached order, as the bootstrap calls it
  assert.throws(
    () => averageRanks([1, 2, NaN, 3], [1, 0, 2, 1], [0, 1, 3, 2]),
    /`v` must be finite: got NaN at index 2/,
  );
});

Deno.test("averageRanks() still ranks finite values with ties and multiplicities", () => {
  assert.deepEqual(Array.from(averageRanks([3, 1, 3, 2])), [3.5, 1, 3.5, 2]);
  assert.deepEqual(Array.from(averageRanks([5, 5, 5])), [2, 2, 2]);
  assert.deepEqual(Array.from(averageRanks([])), []);
  // entry 0 counts twice, entry 2 is dropped: expanded [1, 1, 2] ranks 1.5, 1.5, 3
  assert.deepEqual(Array.from(averageRanks([1, 2, 0], [2, 1, 0])), [1.5, 3, NaN]);
});

Deno.test("kendallTau() refuses NaN in either vector instead of hanging", () => {
  assert.throws(() => kendallTau([1, NaN, 3], [1, 2, 3], undefined, true), {
    name: "RangeError",
    message: "Cannot compute Kendall's tau: `a` must be finite: got NaN at index 1",
  });
  assert.throws(
    () => kendallTau([1, 2, 3], [1, 2, NaN], [1, 1, 1], false),
    /`b` must be finite: got NaN at index 2/,
  );
  assert.throws(
    () => kendallTau([1, 2, 3], [1, 2], undefined, true),
    { name: "TypeError", message: /must have the same length: got 3, 2/ },
  );
});

Deno.test("compareVectors() with a rank comparator refuses NaN instead of hanging", () => {
  for (const method of ["spearman", "rho-a", "kendall", "tau-a"] as const) {
    assert.throws(
      () => compareVectors([1, NaN, 3], [1, 2, 3], method),
      { name: "RangeError", message: /must be finite: got NaN at index 1/ },
      method,
    );
    assert.throws(
      () => compareVectors([1, 2, 3], [Infinity, 2, 3], method),
      { name: "RangeError", message: /must be finite: got Infinity at index 0/ },
      method,
    );
  }
});

Deno.test("poolRdms() names the vector and the index of a NaN instead of hanging", () => {
  const v = [Float64Array.from([1, 2, 3]), Float64Array.from([1, NaN, 3])];
  for (const method of ["spearman", "corr", "cosine"] as const) {
    assert.throws(() => poolRdms(v, method), {
      name: "RangeError",
      message: "Cannot pool RDMs: `vectors[1]` must be finite: got NaN at index 1",
    });
  }
  assert.throws(() => poolRdms([], "corr"), { name: "TypeError", message: /non-empty array/ });
  assert.throws(
    () => poolRdms([Float64Array.from([1, 2, 3]), Float64Array.from([1, 2])], "corr"),
    /`vectors\[1\]` must have the length of `vectors\[0\]` \(3\): got 2/,
  );
  assert.throws(
    () => poolRdms(v, "pearson" as "corr"),
    /`method` must be one of cosine, corr, spearman/,
  );
});

Deno.test("poolRdms() of rank comparators averages the ranks (closed form)", () => {
  const pooled = poolRdms([Float64Array.from([1, 2, 3]), Float64Array.from([3, 2, 1])], "spearman");
  assert.deepEqual(Array.from(pooled), [2, 2, 2]);
});

Deno.test("noiseCeiling() refuses a NaN dissimilarity naming the subject", () => {
  const D = [[0, 1, 2], [1, 0, 3], [2, 3, 0]];
  const bad = [[0, NaN, 2], [NaN, 0, 3], [2, 3, 0]];
  assert.throws(() => noiseCeiling([D, bad], { method: "spearman" }), RangeError);
});
