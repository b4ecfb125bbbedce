/**
 * The direct metric functions at extreme scales: X·1e160 and X·1e-200 give the
 * unit-scale value for every scale-invariant form (the audit found π/2, 0 and
 * "constant responses"); forms that depend on the scale refuse, naming X.
 */

import assert from "node:assert/strict";
import {
  ckaDistance,
  debiasedCKA,
  linearCKA,
  linearMetric,
  permutationMetric,
  rbfCKA,
} from "../../lib/metrics/mod.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

const g = normalSampler(mulberry32(5));
const rand = (n: number, p: number) =>
  Array.from({ length: n }, () => Array.from({ length: p }, g));
const X = rand(20, 3), Y = rand(20, 4);
const times = (A: number[][], c: number) => A.map((r) => r.map((v) => v * c));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

const invariant: [string, (A: number[][], B: number[][]) => number][] = [
  ["angular Procrustes", (A, B) => linearMetric(A, B, { alpha: 1 })],
  ["angular CCA", (A, B) => linearMetric(A, B, { alpha: 0 })],
  ["linear CKA", (A, B) => linearCKA(A, B)],
  ["RBF CKA", (A, B) => rbfCKA(A, B)],
  ["debiased CKA", (A, B) => debiasedCKA(A, B)],
  ["CKA distance", (A, B) => ckaDistance(A, B)],
  ["angular permutation", (A, B) => permutationMetric(A, B)],
];
for (const [name, f] of invariant) {
  Deno.test(`${name} of X·1e160 and X·1e-200 equals its value at unit scale`, () => {
    const ref = f(X, Y);
    for (const c of [1e160, 1e-200]) {
      const v = f(times(X, c), Y);
      assert.ok(close(v, ref), `scale ${c}: ${v} vs ${ref}`);
      const w = f(X, times(Y, c));
      assert.ok(close(w, ref), `scale ${c} on Y: ${w} vs ${ref}`);
    }
  });
}

Deno.test("angular Procrustes of X·1e160 is not π/2 (the audit's case)", () => {
  const d = linearMetric(times(X, 1e160), Y, { alpha: 1 });
  assert.ok(Math.abs(d - Math.PI / 2) > 1e-3);
});

const scaled: [string, (A: number[][], B: number[][]) => number][] = [
  ["euclidean Procrustes", (A, B) => linearMetric(A, B, { alpha: 1, score: "euclidean" })],
  ["regularised linear metric (alpha 0.5)", (A, B) => linearMetric(A, B, { alpha: 0.5 })],
  ["euclidean permutation", (A, B) => permutationMetric(A, B, { score: "euclidean" })],
];
for (const [name, f] of scaled) {
  Deno.test(`${name} refuses X·1e160 and X·1e-200 with a RangeError naming X`, () => {
    for (const c of [1e160, 1e-200]) {
      assert.throws(
        () => f(times(X, c), Y),
        (e: Error) =>
          e instanceof RangeError && /`X` has max\|X\| = .*not invariant/.test(e.message),
      );
    }
  });
}
