import assert from "node:assert/strict";
import { measureSensitivity, perturbedCopies } from "../../lib/measures/sensitivity.ts";
import { getMeasure, resolveOptions } from "../../lib/measures/all.ts";
import { matmul } from "../../lib/linalg/products.ts";
import { randn } from "../../lib/random.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";

/** 80 stimuli × 5 units with unequal variances and a non-zero mean (a shift is visible). */
function network(seed: number): Matrix {
  const X = randn(80, 5, seed);
  for (let i = 0; i < 80; i++) {
    for (let j = 0; j < 5; j++) X.data[i * 5 + j] = X.data[i * 5 + j]! / (j + 1) + 0.5;
  }
  return X;
}

const study = measureSensitivity(network(3), { seed: 2 });
const column = (prefix: string) => study.perturbations.findIndex((p) => p.startsWith(prefix));

Deno.test("measureSensitivity() finds no change wherever a measure declares the invariance", () => {
  const checks = [
    ["rotation", "rotation"],
    ["permuted units", "permutation"],
    ["scaled", "isotropicScale"],
    ["translated", "translation"],
    ["linear map", "invertibleLinear"],
  ] as const;
  let checked = 0;
  for (const row of study.rows) {
    const { measure, options } = resolveOptions(row.measure);
    const inv = measure.properties(options).invariances;
    for (const [label, key] of checks) {
      if (!inv[key]) continue;
      assert.equal(row.change[column(label)], 0, `${row.measure} under ${label}`);
      checked++;
    }
  }
  assert.ok(checked > 50, `${checked} declared invariances checked`);
});

Deno.test("measureSensitivity() runs every response measure plus cca, and skips the other input kinds", () => {
  const ran = study.rows.map((r) => r.measure);
  assert.ok(ran.includes("cca") && ran.includes("soft-match") && ran.includes("linear"));
  assert.equal(ran.indexOf("cca"), ran.indexOf("linear") + 1);
  for (const r of study.rows) assert.equal(getMeasure(r.measure).measure.input, "responses");
  assert.deepEqual(study.skipped.map((s) => s.measure), [
    "stochastic-gaussian",
    "stochastic-energy",
    "conv-linear",
    "dsa",
    "dsa-wasserstein",
    "stochastic-process",
    "input-dsa",
    "controllability",
  ]);
  assert.match(study.skipped[3]!.reason, /^input kind timeSeries \(needs time series/);
});

Deno.test("measureSensitivity() scales each row to its largest change, with shuffled stimuli the largest for CKA", () => {
  for (const r of study.rows) {
    const top = Math.max(...r.change);
    assert.ok(top === 1 || top === 0, `${r.measure}: max change ${top}`);
    assert.ok(r.change.every((c) => c >= 0), r.measure);
  }
  const cka = study.rows.find((r) => r.measure === "cka")!;
  assert.equal(cka.returns, "distance");
  assert.equal(cka.change[column("shuffled")], 1);
  // more noise, further away
  const noise = study.perturbations.flatMap((p, k) => (p.startsWith("noise") ? [k] : []));
  assert.equal(noise.length, 4);
  for (let t = 1; t < noise.length; t++) {
    assert.ok(cka.values[noise[t]!]! > cka.values[noise[t - 1]!]!);
  }
  const knn = study.rows.find((r) => r.measure === "mutual-knn")!;
  assert.equal(knn.returns, "similarity");
  assert.equal(knn.identical, 1);
});

Deno.test("measureSensitivity() skips a measure that refuses the inputs, with its message", () => {
  const r = measureSensitivity(randn(6, 8, 1), { measures: ["pwcca", "cka"], noise: [1] });
  assert.deepEqual(r.rows.map((x) => x.measure), ["cka"]);
  assert.equal(r.skipped[0]!.measure, "pwcca");
  assert.match(
    r.skipped[0]!.reason,
    /Cannot prepare PWCCA: `X` must have fewer units \(columns\) than stimuli/,
  );
});

Deno.test("perturbedCopies() are the stated transforms of X, the same for the same seed", () => {
  const X = network(1);
  const copies = perturbedCopies(X, { seed: 5, scale: 2, noise: [0.5] });
  assert.deepEqual(copies.map((c) => c.label), [
    "rotation",
    "permuted units",
    "scaled ×2",
    "translated (1 sd)",
    "linear map (cond. 10)",
    "noise 0.5 sd",
    "shuffled stimuli",
  ]);
  const gram = (A: Matrix) => matmul(A, A, { transB: true }).data;
  const g = gram(X), gr = gram(copies[0]!.Y);
  assert.ok(g.every((v, k) => Math.abs(v - gr[k]!) < 1e-12), "rotation keeps XXᵀ");
  // permuted units: each column of the copy is a column of X
  const col = (A: Matrix, j: number) =>
    Array.from({ length: A.rows }, (_, i) => A.data[i * A.cols + j]);
  const cols = Array.from({ length: 5 }, (_, j) => JSON.stringify(col(X, j)));
  const pcols = Array.from({ length: 5 }, (_, j) => JSON.stringify(col(copies[1]!.Y, j)));
  assert.deepEqual([...pcols].sort(), [...cols].sort());
  assert.notDeepEqual(pcols, cols);
  assert.ok(copies[2]!.Y.data.every((v, k) => v === 2 * X.data[k]!));
  // the translation adds the same vector to every row
  const d0 = Array.from({ length: 5 }, (_, j) => copies[3]!.Y.data[j]! - X.data[j]!);
  for (let i = 1; i < 80; i++) {
    for (let j = 0; j < 5; j++) {
      assert.ok(Math.abs(copies[3]!.Y.data[i * 5 + j]! - X.data[i * 5 + j]! - d0[j]!) < 1e-12);
    }
  }
  const again = perturbedCopies(X, { seed: 5, scale: 2, noise: [0.5] });
  assert.deepEqual(again.map((c) => Array.from(c.Y.data)), copies.map((c) => Array.from(c.Y.data)));
});

Deno.test("measureSensitivity() refuses unknown measures and bad options, naming them", () => {
  const X = network(1);
  assert.throws(() => measureSensitivity(X, { measures: ["nope"] }), {
    name: "RangeError",
    message: /Unknown measure: `measure` must be one of .*: got nope/,
  });
  assert.throws(() => measureSensitivity(X, { noise: [0.1, -1] }), {
    name: "RangeError",
    message:
      /Cannot run the measure sensitivity study: `noise\[1\]` must be in \[0, Infinity\]: got -1/,
  });
  assert.throws(
    () => perturbedCopies(X, { condition: 0.5 }),
    /`condition` must be in \[1, Infinity\]: got 0.5/,
  );
  assert.throws(() => perturbedCopies(X, { seed: 1.5 }), /`seed` must be an integer/);
  assert.throws(() => perturbedCopies([[1, NaN]]), /`X` must be finite: got NaN at \[0, 1\]/);
});
