// Comparisons that are undefined (a constant or all-zero RDM, a bad length, an unknown
// method) are errors at every public entry point, with one shared check: never NaN.
import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import {
  compareChecked,
  compareRdms,
  compareVectors,
  computeRdm,
  doubleCentred,
  poolRdms,
  rsaSimilarity,
  zScore,
} from "../../lib/rsa/mod.ts";

const I = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]; // equidistant stimuli: a constant RDM
const X = [[1, 2, 0], [0, 1, 3], [2, 2, 2]];

Deno.test("rsaSimilarity() refuses a constant RDM under corr and spearman, as compareRdms() does", () => {
  for (const compare of ["corr", "spearman", "kendall"] as const) {
    assert.throws(() => rsaSimilarity(I, X, { compare }), {
      name: "RangeError",
      message: new RegExp(
        `^Cannot compute RSA similarity: \`RDM\\(X\\)\` is constant \\(every dissimilarity is 0.666+7?\\): ${compare} is undefined`,
      ),
    });
    assert.throws(() => rsaSimilarity(X, I, { compare }), /`RDM\(Y\)` is constant/);
    assert.throws(
      () => compareRdms(computeRdm(I).rdm, computeRdm(X).rdm, { method: compare }),
      /Cannot compare RDMs: `A` is constant/,
    );
  }
  // cosine does not centre: a constant RDM is a valid direction
  const s = rsaSimilarity(I, X, { compare: "cosine" });
  const a = computeRdm(I).rdm.data, b = computeRdm(X).rdm.data;
  const u = [a[1]!, a[2]!, a[5]!], v = [b[1]!, b[2]!, b[5]!];
  const dot = (p: number[], q: number[]) => p.reduce((t, x, i) => t + x * q[i]!, 0);
  assertAllClose(s, dot(u, v) / Math.sqrt(dot(u, u) * dot(v, v)), { rtol: 1e-14 });
});

Deno.test("compareVectors() refuses constant, all-zero and non-finite vectors instead of returning NaN", () => {
  assert.throws(() => compareVectors([1, 1, 1], [1, 2, 3], "corr"), {
    name: "RangeError",
    message:
      "Cannot compare RDM vectors: `a` is constant (every dissimilarity is 1): corr is undefined for it (no variance)",
  });
  assert.throws(() => compareVectors([1, 2, 3], [0, 0, 0], "cosine"), {
    name: "RangeError",
    message: "Cannot compare RDM vectors: `b` is all zeros: cosine is undefined for it",
  });
  assert.throws(() => compareVectors([1, NaN, 3], [1, 2, 3], "corr"), {
    name: "RangeError",
    message: "Cannot compare RDM vectors: `a` must be finite: got NaN at index 1",
  });
  // tau-a and rho-a are defined (0) for a constant RDM
  assert.equal(compareVectors([1, 1, 1], [1, 2, 3], "tau-a"), 0);
});

Deno.test("compareVectors() takes RDM vectors: lengths must agree and be n(n-1)/2 with n >= 3", () => {
  assert.throws(() => compareVectors([1, 2, 3], [1, 2, 3, 4, 5, 6], "corr"), {
    name: "TypeError",
    message: "Cannot compare RDM vectors: `a` and `b` must have the same length: got 3 and 6",
  });
  for (const bad of [[1, 2, 3, 4], [1], []]) {
    assert.throws(() => compareVectors(bad, bad, "corr"), {
      name: "TypeError",
      message:
        `Cannot compare RDM vectors: \`a\` must be an RDM vector of n(n−1)/2 entries with n ≥ 3 (3, 6, 10, …): got ${bad.length} entries`,
    });
  }
  // 6 = 4·3/2 entries: four conditions
  assertAllClose(compareVectors([1, 2, 3, 4, 5, 6], [2, 4, 6, 8, 10, 12], "corr"), 1, {
    rtol: 1e-15,
  });
});

Deno.test("compareVectors() refuses an unknown method, listing the methods", () => {
  assert.throws(() => compareVectors([1, 2, 3], [1, 2, 3], "pearson" as "corr"), {
    name: "RangeError",
    message:
      'Cannot compare RDM vectors: `method` must be one of cosine, corr, spearman, kendall, tau-a, rho-a, cosine_cov, corr_cov, bures: got "pearson"',
  });
});

Deno.test("compareVectors() is unchanged by scaling one RDM to an extreme magnitude", () => {
  const a = [1, 3, 2, 5, 4, 6], b = [2, 1, 4, 3, 6, 7];
  for (const method of ["cosine", "corr", "spearman", "kendall", "corr_cov", "bures"] as const) {
    const big = b.map((x) => x * 2 ** 600);
    assertAllClose(compareVectors(a, big, method), compareVectors(a, b, method), {
      rtol: 1e-14,
    });
  }
});

Deno.test("compareChecked() names the RDMs it is given in its messages", () => {
  const flat = Float64Array.from([2, 2, 2]), v = Float64Array.from([1, 2, 3]);
  assert.throws(
    () => compareChecked(v, flat, 3, "spearman", ["`model`", "`data`"], "Cannot fit"),
    /^RangeError: Cannot fit: `data` is constant/,
  );
});

Deno.test("zScore(), poolRdms() and doubleCentred() refuse input they are undefined for", () => {
  assert.throws(() => zScore([2, 2, 2]), {
    name: "RangeError",
    message:
      "Cannot standardise values: `v` is constant (every value is 2): its z-scores are undefined",
  });
  assert.throws(() => zScore([]), /`v` is constant \(empty\)/);
  assert.throws(() => zScore([1, NaN]), /`v` must be finite: got NaN at index 1/);
  const v = [Float64Array.from([1, 2, 3]), Float64Array.from([0.5, 0.5, 0.5])];
  assert.throws(() => poolRdms(v, "corr"), /Cannot standardise values: `vectors\[1\]` is constant/);
  assert.throws(
    () => poolRdms([v[0]!, Float64Array.from([0, 0, 0])], "cosine"),
    /Cannot pool RDMs: `vectors\[1\]` is all zeros/,
  );
  assert.throws(() => doubleCentred([1, 2, 3], 4), {
    name: "RangeError",
    message:
      "Cannot double-centre RDM: `v` must have n(n−1)/2 entries for `n` = 4 conditions: got 3",
  });
});
