import assert from "node:assert/strict";
import { permutationTest } from "../../lib/inference/mod.ts";
import { linearCKA } from "../../lib/metrics/cka.ts";
import { takeRows } from "../../lib/linalg/matrix.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

function gaussian(n: number, p: number, g: () => number): Matrix {
  return { rows: n, cols: p, data: Float64Array.from({ length: n * p }, g) };
}

const ckaPerm = (X: Matrix, Y: Matrix) => (perm: Int32Array | null) =>
  linearCKA(X, perm ? takeRows(Y, perm) : Y);

Deno.test("permutation p-values of CKA are uniform under independent inputs (share below 0.05 near 5%)", () => {
  const g = normalSampler(mulberry32(11));
  const trials = 300;
  let below = 0, belowHalf = 0;
  for (let t = 0; t < trials; t++) {
    const X = gaussian(16, 2, g), Y = gaussian(16, 2, g);
    const p = permutationTest(16, ckaPerm(X, Y), { permutations: 99, seed: t }).pValue;
    if (p <= 0.05) below++;
    if (p <= 0.5) belowHalf++;
  }
  // Binomial(300, 0.05): sd 0.0126; 2.8 sd either side
  assert.ok(below / trials > 0.015 && below / trials < 0.085, `share ${below / trials}`);
  assert.ok(Math.abs(belowHalf / trials - 0.5) < 0.1, `share below 0.5: ${belowHalf / trials}`);
});

Deno.test("the permutation test of CKA has power under related inputs", () => {
  const g = normalSampler(mulberry32(12));
  let significant = 0;
  for (let t = 0; t < 40; t++) {
    const X = gaussian(16, 2, g);
    const Y = { ...X, data: X.data.map((v) => v + 0.7 * g()) };
    if (permutationTest(16, ckaPerm(X, Y), { permutations: 99, seed: t }).pValue <= 0.05) {
      significant++;
    }
  }
  assert.ok(significant >= 36, `${significant} of 40 significant`);
});

Deno.test("a distance is tested in the direction of small values (alternative less)", () => {
  const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const dist = (p: Int32Array | null) =>
    x.reduce((s, v, i) => s + Math.abs(v - x[p ? p[i]! : i]!), 0);
  const less = permutationTest(10, dist, { permutations: 199, alternative: "less" });
  const greater = permutationTest(10, dist, { permutations: 199, alternative: "greater" });
  assert.equal(less.observed, 0);
  assert.equal(less.pValue, 1 / 200); // only the identity reaches 0, and it is almost never drawn
  assert.equal(greater.pValue, 1);
});

Deno.test("permutationTest() refuses bad options naming them", () => {
  assert.throws(() => permutationTest(5, () => 1, { permutations: 0 }), /`permutations` must be/);
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => permutationTest(5, () => 1, { alternative: "two-sided" as any }),
    /`alternative` must be one of greater, less: got two-sided/,
  );
});
