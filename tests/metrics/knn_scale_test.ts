/**
 * The kNN family (mutual kNN, Jaccard kNN, rank similarity, second-order cosine,
 * CKNNA) is invariant to scaling each network: rows are made unit-norm after the
 * network is brought to unit scale, so the 1e-12 floor on a row norm is relative.
 * X·1e-70 used to be refused with "no neighbour order" (every row norm was under
 * the absolute floor, so every cosine was ~0).
 */

import assert from "node:assert/strict";
import {
  cknna,
  jaccardKnn,
  mutualKnn,
  prepareKnn,
  rankSimilarity,
  secondOrderCosine,
} from "../../lib/metrics/mod.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

const g = normalSampler(mulberry32(11));
const rand = (n: number, p: number) =>
  Array.from({ length: n }, () => Array.from({ length: p }, g));
const X = rand(15, 3), Y = rand(15, 4);
const times = (A: number[][], c: number) => A.map((r) => r.map((v) => v * c));

/** Exact rationals of the neighbour lists: bit-identical whenever the lists are. */
const setMeasures: [string, (A: number[][], B: number[][]) => number][] = [
  ["mutualKnn", (A, B) => mutualKnn(A, B, { k: 4 })],
  ["jaccardKnn", (A, B) => jaccardKnn(A, B, { k: 4 })],
  ["rankSimilarity", (A, B) => rankSimilarity(A, B, { k: 4 })],
];
/** These use the cosines too, which X·c (c not a power of two) changes by a few ulps. */
const cosineMeasures: [string, (A: number[][], B: number[][]) => number][] = [
  ["secondOrderCosine", (A, B) => secondOrderCosine(A, B, { k: 4 })],
  ["cknna", (A, B) => cknna(A, B, { k: 4 })],
];
const SCALES = [1e-70, 1e-200, 1e200, 1e-12, 1e-15];

for (const [name, f] of setMeasures) {
  Deno.test(`${name}() of X·1e-70, X·1e-200 and X·1e200 is bit-identical to its value for X`, () => {
    const ref = f(X, Y);
    assert.ok(ref > 0 && ref < 1, `a non-trivial value: ${ref}`);
    for (const c of SCALES) assert.equal(f(times(X, c), Y), ref, `scale ${c}`);
    assert.equal(f(times(X, 1e-70), times(Y, 1e200)), ref, "X down, Y up");
  });
}

for (const [name, f] of cosineMeasures) {
  Deno.test(`${name}() of X·1e-70, X·1e-200 and X·1e200 is its value for X within 1e-12`, () => {
    const ref = f(X, Y);
    assert.ok(ref > 0 && ref < 1, `a non-trivial value: ${ref}`);
    for (const c of SCALES) {
      const v = f(times(X, c), Y);
      assert.ok(Math.abs(v - ref) <= 1e-12, `scale ${c}: ${v} vs ${ref}`);
    }
  });
}

for (const [name, f] of [...setMeasures, ...cosineMeasures]) {
  Deno.test(`${name}() of X·2^-240 and X·2^700 is bit-identical to its value for X`, () => {
    const ref = f(X, Y);
    for (const c of [2 ** -240, 2 ** 700, 2 ** -1000]) {
      assert.equal(f(times(X, c), Y), ref, `scale ${c}`);
    }
  });
}

Deno.test("prepareKnn() of X·1e-70 has the unit rows and neighbours of X", () => {
  const a = prepareKnn(X, { k: 4 }), b = prepareKnn(times(X, 1e-70), { k: 4 });
  assert.deepEqual(Array.from(b.neighbours), Array.from(a.neighbours));
  for (let i = 0; i < a.unit.length; i++) {
    assert.ok(Math.abs(b.unit[i]! - a.unit[i]!) <= 4e-16, `unit[${i}]`);
  }
});

Deno.test("prepareKnn() still refuses zero responses at any scale: no neighbour order", () => {
  const zeros = Array.from({ length: 5 }, () => [0, 0]);
  assert.throws(() => prepareKnn(zeros, { k: 2 }), {
    name: "RangeError",
    message:
      "Cannot find nearest neighbours: `X` has no neighbour order: all its rows have the same cosine with one another (cosine 0: zero or mutually orthogonal responses), so its k nearest neighbours are undefined",
  });
});

Deno.test("prepareKnn()'s 1e-12 floor on row norms is relative to the network's largest entry", () => {
  const M = [[1, 0], [0, 1], [1e-13, 1e-13], [1, 1]];
  for (const c of [1, 2 ** -300, 2 ** 300]) {
    const a = prepareKnn(times(M, c), { k: 1 });
    // at unit scale (max|X| = 0.5) the tiny row is x / 1e-12: norm 0.5·√2·1e-13 / 1e-12, at every c
    const r = Math.hypot(a.unit[4]!, a.unit[5]!);
    assert.equal(r, Math.hypot(0.5e-13 / 1e-12, 0.5e-13 / 1e-12), `scale ${c}`);
    assert.ok(Math.abs(r - 0.05 * Math.SQRT2) < 1e-15);
  }
});
