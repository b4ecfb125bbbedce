import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { matmul } from "../../lib/linalg/products.ts";
import { padColumns } from "../../lib/linalg/elementwise.ts";
import { randn } from "../../lib/random.ts";
import { maybeCenter } from "../../lib/spectral/inputs.ts";
import {
  empiricalCurve,
  spectralAnalysis,
  type SpectralProgress,
  trainTestSplit,
} from "../../lib/spectral/mod.ts";

/** Power-law features (λ_i ∝ i^-a) and a linear teacher with weights ∝ i^-b/2: target in the span. */
function teacher(P: number, M: number, N: number, a: number, b: number, seed: number) {
  const X = randn(P, M, seed);
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < M; j++) X.data[i * M + j] *= (j + 1) ** (-a / 2);
  }
  const B = randn(M, N, seed + 1);
  for (let j = 0; j < M; j++) {
    for (let n = 0; n < N; n++) B.data[j * N + n] *= (j + 1) ** (-b / 2);
  }
  return { X, Y: matmul(X, B) };
}

for (const seed of [2, 3]) {
  Deno.test(`theory and experiment agree within 2% for p ≤ 0.6P in the paper's regime (seed ${seed})`, () => {
    // tiny ridge, rank(K) = P − 1 (centred), power-law spectrum, target in the span
    const P = 300;
    const { X, Y } = teacher(P, 600, 50, 1.0, 0.5, seed);
    const ps = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map((f) => Math.round(f * P));
    const r = spectralAnalysis(X, Y, { ps, ridge: 1e-14, subsets: 20, seed: 3 });
    assert.equal(r.alignment.rank, P - 1);
    assert.equal(r.alignment.outOfSpan, 0);
    ps.forEach((p, k) => {
      const theory = r.theory.Eg[k]!, emp = r.empirical!.gen.error[k]!;
      assert.ok(
        Math.abs(emp / theory - 1) < 0.02,
        `p = ${p}: theory ${theory}, empirical ${emp}`,
      );
    });
  });
}

Deno.test("empiricalCurve() pooled gen error is the row-weighted mix of train and test errors", () => {
  const X = randn(40, 15, 1), Y = randn(40, 3, 2);
  const e = empiricalCurve(X, Y, { ps: [5, 20, 39], ridge: 0.01, subsets: 3, seed: 4 });
  e.ps.forEach((p, k) => {
    for (let j = 0; j < 3; j++) {
      const mix = (p * e.train.errorSubsets[k]![j]! + (40 - p) * e.test.errorSubsets[k]![j]!) / 40;
      assertAllClose(e.gen.errorSubsets[k]![j]!, mix, { rtol: 1e-12 });
    }
    assertAllClose(
      e.gen.error[k]!,
      e.gen.errorSubsets[k]!.reduce((u, v) => u + v, 0) / 3,
      { rtol: 1e-14 },
    );
  });
});

Deno.test("empiricalCurve() gen R² of centred data is 1 − the per-neuron gen error", () => {
  const X = randn(30, 50, 5), Y = randn(30, 4, 6);
  const e = empiricalCurve(X, Y, { ps: [6, 15], ridge: 0.1, subsets: 2 });
  e.gen.r2.forEach((row, k) =>
    assertAllClose(row, e.gen.errorPerNeuron[k]!.map((v) => 1 - v), { rtol: 1e-12, atol: 1e-14 })
  );
});

Deno.test("empiricalCurve() is deterministic in the seed, and subsets at one p ignore the other ps", () => {
  const X = randn(25, 10, 7), Y = randn(25, 2, 8);
  const a = empiricalCurve(X, Y, { ps: [4, 12], ridge: 0.05, subsets: 3, seed: 9 });
  const b = empiricalCurve(X, Y, { ps: [12], ridge: 0.05, subsets: 3, seed: 9 });
  const c = empiricalCurve(X, Y, { ps: [12], ridge: 0.05, subsets: 3, seed: 10 });
  assert.deepEqual(b.gen.errorSubsets[0], a.gen.errorSubsets[1]);
  assert.deepEqual(b.test.pearson[0], a.test.pearson[1]);
  assert.notDeepEqual(c.gen.errorSubsets[0], b.gen.errorSubsets[0]);
});

Deno.test("empiricalCurve() primal solves (p > M) agree with dual solves on the Gram", () => {
  // zero feature columns change no kernel but switch every solve to the dual
  const X = randn(30, 8, 3), Y = randn(30, 3, 4);
  const opts = { ps: [5, 12, 25], ridge: 0.02, subsets: 2, seed: 1 };
  const primal = empiricalCurve(X, Y, opts);
  const dual = empiricalCurve(padColumns(X, 40), Y, opts);
  for (const set of ["gen", "test", "train"] as const) {
    assertAllClose(primal[set].errorSubsets.flat(), dual[set].errorSubsets.flat(), {
      rtol: 1e-9,
    });
    assertAllClose(primal[set].r2.flat(), dual[set].r2.flat(), { rtol: 1e-9, atol: 1e-12 });
  }
});

Deno.test("empiricalCurve() learns an in-span target exactly, ridgeless, once p reaches the rank", () => {
  // rank-3 features, 40-dimensional: dual solves past the rank need the pseudo-inverse
  const X = matmul(randn(20, 3, 1), randn(3, 40, 2));
  const Y = matmul(X, randn(40, 2, 3));
  const e = empiricalCurve(X, Y, { ps: [5, 10, 19], ridge: 0, subsets: 2 });
  assert.ok(e.solves.pinv > 0);
  for (const set of ["gen", "test", "train"] as const) {
    e[set].error.forEach((v) => assert.ok(v < 1e-18, `${set} error ${v}`));
  }
});

Deno.test("empiricalCurve() predicts 0 as the ridge → ∞: each error is its rows' share of power", () => {
  const X = randn(20, 30, 1), Y = randn(20, 2, 2);
  const Yc = maybeCenter(Y, true);
  const T = Yc.data.reduce((u, v) => u + v * v, 0) / 20;
  const e = empiricalCurve(X, Y, { ps: [5, 15], ridge: 1e12, subsets: 2, seed: 6 });
  assertAllClose(e.gen.error, [1, 1], { rtol: 1e-9 });
  e.ps.forEach((p, k) => {
    const { train } = trainTestSplit(20, p, 6, 0);
    let power = 0;
    for (const i of train) power += Yc.data[2 * i]! ** 2 + Yc.data[2 * i + 1]! ** 2;
    assertAllClose(e.train.errorSubsets[k]![0]!, power / p / T, { rtol: 1e-9 });
  });
});

Deno.test("empiricalCurve() reports progress once per fitted subset", () => {
  const seen: SpectralProgress[] = [];
  empiricalCurve(randn(12, 4, 1), randn(12, 1, 2), {
    ps: [3, 6],
    subsets: 2,
    onProgress: (p) => seen.push(p),
  });
  assert.deepEqual(seen.map((p) => [p.done, p.total]), [[1, 4], [2, 4], [3, 4], [4, 4]]);
});

Deno.test("trainTestSplit() splits P rows into disjoint sorted sets", () => {
  for (const [P, p] of [[10, 1], [10, 9], [57, 20]]) {
    const { train, test } = trainTestSplit(P!, p!, 5, 1);
    assert.equal(train.length, p);
    assert.equal(test.length, P! - p!);
    assert.deepEqual(
      [...train, ...test].sort((a, b) => a - b),
      Array.from({ length: P! }, (_, i) => i),
    );
    for (let i = 1; i < train.length; i++) assert.ok(train[i]! > train[i - 1]!);
  }
});

Deno.test("empiricalCurve() does not mutate its inputs", () => {
  const X: Matrix = randn(10, 3, 1), Y: Matrix = randn(10, 2, 2);
  const cx = X.data.slice(), cy = Y.data.slice();
  empiricalCurve(X, Y, { ps: [4], subsets: 1 });
  assert.deepEqual(X.data, cx);
  assert.deepEqual(Y.data, cy);
});

Deno.test("empiricalCurve() rejects bad input with clear errors", () => {
  const ctx = "Cannot compute empirical learning curve";
  const X = randn(10, 3, 1), Y = randn(10, 2, 2);
  assert.throws(() => empiricalCurve(X, Y, { ps: [0, 4] }), {
    name: "RangeError",
    message: `${ctx}: \`ps\` must lie in [1, P - 1] = [1, 9]: got 0 at index 0`,
  });
  assert.throws(() => empiricalCurve(X, Y, { ps: [10] }), {
    name: "RangeError",
    message: `${ctx}: \`ps\` must lie in [1, P - 1] = [1, 9]: got 10 at index 0`,
  });
  assert.throws(() => empiricalCurve(X, Y, { ps: [2.5] }), {
    name: "RangeError",
    message: `${ctx}: \`ps\` must be integers: got 2.5 at index 0`,
  });
  assert.throws(() => empiricalCurve(X, Y, { ps: [2], subsets: 0 }), {
    name: "RangeError",
    message: `${ctx}: \`subsets\` must be an integer >= 1: got 0`,
  });
  assert.throws(() => empiricalCurve(X, Y, { ps: [2], ridge: -0.1 }), {
    name: "RangeError",
    message: `${ctx}: \`ridge\` must be a finite number >= 0: got -0.1`,
  });
  assert.throws(() => empiricalCurve(X, randn(9, 2, 3)), {
    name: "TypeError",
    message:
      `${ctx}: \`X\` and \`Y\` must have the same number of rows: got shapes [10, 3] and [9, 2]`,
  });
});
