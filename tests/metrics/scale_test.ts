/**
 * The direct metric functions at extreme scales: X·1e160 and X·1e-200 give the
 * unit-scale value for every scale-invariant form (the audit found π/2, 0 and
 * "constant responses"); forms that depend on the scale refuse, naming X.
 */

import assert from "node:assert/strict";
import {
  accumulateMoments,
  ckaDistance,
  cknna,
  concentricityDiff,
  debiasedCKA,
  distanceCorrelation,
  eigenspaceOverlap,
  FOURTH_POWER_SCALE,
  jaccardKnn,
  linearCKA,
  linearCKAFromMoments,
  linearMetric,
  linregR2,
  magnitudeDiff,
  magnitudeStatistic,
  mutualKnn,
  permutationMetric,
  procrustesSq,
  pwcca,
  rankSimilarity,
  rbfCKA,
  secondOrderCosine,
  streamingLinearCKA,
  streamingPairwise,
  svcca,
  uniformityDiff,
  uniformityStatistic,
  unitScale,
} from "../../lib/metrics/mod.ts";
import { memoryReader } from "../_helpers/memory_reader.ts";
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

// CKA squares squares (‖XᵀY‖², ‖K‖²): fourth powers overflow above ~1e77 and lose digits
// below ~1e-77 even where squares are safe (the audit found 0, NaN and 0.99999856 there)
const ckaForms: [string, (A: number[][], B: number[][]) => number][] = [
  ["linear CKA", (A, B) => linearCKA(A, B)],
  ["uncentred linear CKA", (A, B) => linearCKA(A, B, { center: false })],
  ["RBF CKA", (A, B) => rbfCKA(A, B)],
  ["debiased CKA", (A, B) => debiasedCKA(A, B)],
  ["debiased RBF CKA", (A, B) => debiasedCKA(A, B, { kernel: "rbf" })],
  ["CKA distance", (A, B) => ckaDistance(A, B)],
];
const fourthPowerScales = [1e77, 1e80, 1e90, 1e100, 1e-77, 1e-80, 1e-90, 1e-100];
for (const [name, f] of ckaForms) {
  Deno.test(`${name} of X·s equals its unit-scale value for s from 1e77 to 1e100 and 1e-77 to 1e-100`, () => {
    const ref = f(X, Y);
    for (const c of fourthPowerScales) {
      const v = f(times(X, c), Y);
      assert.ok(close(v, ref), `scale ${c}: ${v} vs ${ref}`);
      const both = f(times(X, c), times(Y, c));
      assert.ok(close(both, ref), `both scaled ${c}: ${both} vs ${ref}`);
    }
  });
}

Deno.test("linear and debiased CKA(X, s·X) are 1 and ckaDistance 0 at every scale s", () => {
  for (const c of [1, 1e50, 1e76, 1e80, 1e90, 1e100, 1e-80, 1e-90, 1e-100]) {
    const S = times(X, c);
    assert.ok(Math.abs(linearCKA(X, S) - 1) < 1e-14, `linear, scale ${c}`);
    assert.ok(Math.abs(debiasedCKA(X, S) - 1) < 1e-13, `debiased, scale ${c}`);
    assert.ok(ckaDistance(X, S) < 1e-10, `distance, scale ${c}`);
    assert.ok(Math.abs(linearCKA(S, S) - 1) < 1e-14, `linear of S with itself, scale ${c}`);
  }
});

Deno.test("unitScale() leaves matrices inside the window untouched (ordinary data is bit-identical)", () => {
  const M = { rows: 2, cols: 1, data: new Float64Array([1e40, -3e-40]) };
  assert.equal(unitScale(M, FOURTH_POWER_SCALE), M);
  const big = { rows: 1, cols: 2, data: new Float64Array([1e80, 3]) };
  assert.equal(unitScale(big), big);
  const s = unitScale(big, FOURTH_POWER_SCALE);
  assert.ok(s.data[0]! >= 0.5 && s.data[0]! < 1);
  assert.equal(s.data[0]! / s.data[1]!, 1e80 / 3);
});

const inMemory = (rows: number[][]) => memoryReader(rows, 7, "mem");

Deno.test("streaming CKA of X·1e90 rescales (rescale: true) to the in-memory value, else refuses", async () => {
  const ref = linearCKA(X, Y);
  const big = times(X, 1e90);
  const v = await streamingLinearCKA(inMemory(big), inMemory(Y), { rescale: true });
  assert.ok(close(v, ref), `${v} vs ${ref}`);
  const d = await streamingLinearCKA(inMemory(big), inMemory(Y), {
    rescale: true,
    debiased: true,
  });
  assert.ok(close(d, debiasedCKA(X, Y)), `debiased ${d}`);
  const pw = await streamingPairwise([inMemory(big), inMemory(Y)], {
    metric: "cka",
    rescale: true,
  });
  assert.ok(close(pw.data[1]!, Math.acos(ref)));
  await assert.rejects(
    () => streamingLinearCKA(inMemory(big), inMemory(Y)),
    (e: Error) =>
      e instanceof RangeError &&
      /`mem` has max\|x\| = .*e\+90, outside \[1e-50, 1e\+50\]/.test(e.message),
  );
});

// The zoo functions called directly scale as the registry does (the audit found NaN, 0,
// "dsyevd failed to converge" and 0.362 for 0.351 at 1e±160 and beyond)
const zooInvariant: [string, (A: number[][], B: number[][]) => number][] = [
  ["distanceCorrelation", distanceCorrelation],
  ["linregR2", linregR2],
  ["svcca", (A, B) => svcca(A, B)],
  ["pwcca", pwcca],
  ["eigenspaceOverlap", eigenspaceOverlap],
  ["mutualKnn", (A, B) => mutualKnn(A, B)],
  ["jaccardKnn", (A, B) => jaccardKnn(A, B)],
  ["rankSimilarity", (A, B) => rankSimilarity(A, B)],
  ["secondOrderCosine", (A, B) => secondOrderCosine(A, B)],
  ["cknna", (A, B) => cknna(A, B)],
  ["concentricityDiff", concentricityDiff],
];
for (const [name, f] of zooInvariant) {
  Deno.test(`${name}() of X·s equals its unit-scale value for s = 1e±160, 1e±200, 1e±300`, () => {
    const ref = f(X, Y);
    for (const c of [1e160, 1e200, 1e300, 1e-160, 1e-200, 1e-300]) {
      const v = f(times(X, c), Y);
      assert.ok(close(v, ref), `scale ${c}: ${v} vs ${ref}`);
    }
    assert.ok(close(f(times(X, 1e200), times(Y, 1e-200)), ref), "X up, Y down");
  });
}

Deno.test("magnitudeDiff() and magnitudeStatistic() of X·2^k are 2^k times the unit-scale values", () => {
  const Xs = X.map((r) => r.map((v) => v + 1)); // a non-zero mean
  for (const k of [600, 900, -700, -900]) {
    const c = 2 ** (k / 2) * 2 ** (k / 2);
    const ref = magnitudeDiff(Xs, Y);
    const v = magnitudeDiff(times(Xs, c), times(Y, c));
    assert.ok(close(v / c, ref), `2^${k}: ${v / c} vs ${ref}`);
    assert.ok(close(magnitudeStatistic(times(Xs, c)) / c, magnitudeStatistic(Xs)));
  }
});

Deno.test("uniformityDiff() of far-apart rows at 1e200 is 0 (both reach −log n), not NaN", () => {
  assert.equal(uniformityStatistic(times(X, 1e200)), -Math.log(X.length));
  assert.equal(uniformityDiff(times(X, 1e200), times(Y, 1e200)), 0);
  // tiny: every exp(−2d²) rounds to 1, so u = log(1) = 0
  assert.equal(uniformityStatistic(times(X, 1e-200)), 0);
});

Deno.test("procrustesSq() of 2^k·X, 2^k·Y is 4^k times the unit-scale value, or refused outside float64", () => {
  const ref = procrustesSq(X, Y);
  for (const k of [300, 450, -300, -450]) {
    const c = 2 ** k;
    const v = procrustesSq(times(X, c), times(Y, c));
    assert.ok(close(v / c / c, ref), `2^${k}: ${v / c / c} vs ${ref}`);
  }
  assert.throws(
    () => procrustesSq(times(X, 1e200), times(Y, 1e200)),
    (e: Error) =>
      e instanceof RangeError &&
      /Cannot compute Procrustes distance: the squared distance is .* above the float64 range/
        .test(e.message),
  );
  assert.throws(
    () => procrustesSq(times(X, 1e-200), times(Y, 1e-200)),
    (e: Error) => e instanceof RangeError && /below the float64 range/.test(e.message),
  );
});

Deno.test("linearCKAFromMoments() refuses moments accumulated at a scale where fourth powers overflow", async () => {
  const m = await accumulateMoments([inMemory(times(X, 1e90)), inMemory(Y)]);
  assert.throws(() => linearCKAFromMoments(m, 0, 1), {
    name: "RangeError",
    message: new RegExp(
      "Cannot compute linear CKA: `X` \\(network 0\\) has max\\|x\\| = .*e\\+90, outside \\[1e-50, 1e\\+50\\]",
    ),
  });
  const ok = await accumulateMoments([inMemory(times(X, 1e90)), inMemory(Y)], {
    rescale: true,
    window: FOURTH_POWER_SCALE,
  });
  assert.ok(close(linearCKAFromMoments(ok, 0, 1), linearCKA(X, Y)));
});
