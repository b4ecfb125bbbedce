import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { matmul } from "../../lib/linalg/products.ts";
import { padColumns } from "../../lib/linalg/elementwise.ts";
import { randn } from "../../lib/random.ts";
import {
  kFoldAssignment,
  ridgePredictivity,
  type SpectralProgress,
} from "../../lib/spectral/mod.ts";

Deno.test("kFoldAssignment() makes k folds whose sizes differ by at most one, seeded", () => {
  for (const [P, k] of [[10, 3], [25, 5], [7, 7], [100, 2]] as const) {
    const f = kFoldAssignment(P, k, 1);
    const sizes = Array.from({ length: k }, (_, j) => f.filter((v) => v === j).length);
    assert.deepEqual(
      sizes,
      Array.from({ length: k }, (_, j) => Math.floor(P / k) + (j < P % k ? 1 : 0)),
    );
    assert.deepEqual(kFoldAssignment(P, k, 1), f);
  }
  assert.notDeepEqual(kFoldAssignment(30, 3, 1), kFoldAssignment(30, 3, 2));
});

Deno.test("ridgePredictivity() scores a noiseless linear read-out as R² = r = 1", () => {
  const X = randn(40, 6, 1);
  const Y = matmul(X, randn(6, 3, 2));
  for (let i = 0; i < Y.data.length; i++) Y.data[i] += 4; // an offset the intercept absorbs
  const s = ridgePredictivity(X, Y, { folds: 5, seed: 3 });
  assertAllClose(s.r2, [1, 1, 1], { rtol: 1e-10 });
  assertAllClose(s.pearson, [1, 1, 1], { rtol: 1e-10 });
  assert.equal(s.kind, "ridgePredictivity");
});

Deno.test("ridgePredictivity() scores pure noise near or below zero", () => {
  const s = ridgePredictivity(randn(60, 5, 1), randn(60, 4, 2), { ridge: 0.01, folds: 5 });
  assert.ok(s.meanR2 < 0.05, `mean R² ${s.meanR2}`);
  assert.ok(Math.abs(s.meanPearson) < 0.3, `mean r ${s.meanPearson}`);
});

Deno.test("ridgePredictivity() via the Gram (M ≥ P) equals the per-fold primal/dual solves", () => {
  // zero feature columns change no prediction but switch to the precomputed-Gram path
  const X = randn(24, 10, 5), Y = randn(24, 3, 6);
  for (const center of [true, false]) {
    const opts = { ridge: 0.03, folds: 4, seed: 2, center };
    const a = ridgePredictivity(X, Y, opts);
    const b = ridgePredictivity(padColumns(X, 30), Y, opts);
    assertAllClose(b.r2, a.r2, { rtol: 1e-10, atol: 1e-12 });
    assertAllClose(b.pearson, a.pearson, { rtol: 1e-10, atol: 1e-12 });
  }
});

Deno.test("ridgePredictivity() with a large mean offset loses no accuracy on the Gram path", () => {
  const X = randn(20, 30, 7), Y = randn(20, 2, 8);
  const shifted = { ...X, data: X.data.map((v) => v + 1e6) };
  const opts = { ridge: 0.1, folds: 4, seed: 1 };
  assertAllClose(ridgePredictivity(shifted, Y, opts).r2, ridgePredictivity(X, Y, opts).r2, {
    rtol: 1e-6,
  });
});

Deno.test("ridgePredictivity() shrinks towards the training mean as the ridge grows", () => {
  const X = randn(30, 4, 1);
  const Y = matmul(X, randn(4, 2, 2));
  const r2 = [1e-6, 1, 100, 1e8].map((ridge) =>
    ridgePredictivity(X, Y, { ridge, folds: 3, seed: 1 }).meanR2
  );
  for (let i = 1; i < r2.length; i++) assert.ok(r2[i]! < r2[i - 1]!);
  assert.ok(r2[3]! < 0.01);
});

Deno.test("ridgePredictivity() reports progress per fold and records the folds", () => {
  const seen: SpectralProgress[] = [];
  const s = ridgePredictivity(randn(9, 2, 1), randn(9, 1, 2), {
    folds: 3,
    onProgress: (p) => seen.push(p),
  });
  assert.deepEqual(seen.map((p) => p.done), [1, 2, 3]);
  assert.deepEqual(s.foldOf, kFoldAssignment(9, 3, 0));
  assert.equal(s.solves.cholesky + s.solves.pinv, 3);
});

Deno.test("ridgePredictivity() rejects bad input with clear errors", () => {
  const ctx = "Cannot compute ridge predictivity";
  const X = randn(6, 2, 1), Y = randn(6, 1, 2);
  assert.throws(() => ridgePredictivity(X, Y, { folds: 1 }), {
    name: "RangeError",
    message: `${ctx}: \`folds\` must be an integer in [2, 6]: got 1`,
  });
  assert.throws(() => ridgePredictivity(X, Y, { folds: 7 }), {
    name: "RangeError",
    message: `${ctx}: \`folds\` must be an integer in [2, 6]: got 7`,
  });
  assert.throws(() => ridgePredictivity(X, Y, { ridge: -1 }), {
    name: "RangeError",
    message: `${ctx}: \`ridge\` must be a finite number >= 0: got -1`,
  });
  assert.throws(() => ridgePredictivity(X, Y, { seed: 1.5 }), {
    name: "RangeError",
    message: `${ctx}: \`seed\` must be an integer in [-2147483648, 4294967295]: got 1.5`,
  });
  assert.throws(() => ridgePredictivity(X, Y, { foldOf: [0, 1, 0] }), {
    name: "TypeError",
    message: `${ctx}: \`foldOf\` must be an array with one fold per stimulus (6): got length 3`,
  });
  assert.throws(() => ridgePredictivity(X, Y, { foldOf: [0, 0, 2, 2, 0, 2] }), {
    name: "RangeError",
    message: `${ctx}: \`foldOf\` must use every fold 0…k − 1 with k >= 2: fold 1 is empty`,
  });
  assert.throws(() => ridgePredictivity(X, Y, { foldOf: [0, 0, 0, 0, 0, 0] }), {
    name: "RangeError",
    message: `${ctx}: \`foldOf\` must use every fold 0…k − 1 with k >= 2: got a single fold`,
  });
  assert.throws(() => ridgePredictivity(X, Y, { foldOf: [0, 1, -1, 0, 1, 0] }), {
    name: "RangeError",
    message: `${ctx}: \`foldOf\` must hold integers >= 0: got -1 at index 2`,
  });
  assert.throws(() => ridgePredictivity(X, randn(5, 1, 2)), {
    name: "TypeError",
    message:
      `${ctx}: \`X\` and \`Y\` must have the same number of rows: got shapes [6, 2] and [5, 1]`,
  });
});

Deno.test("ridgePredictivity() R² and r do not depend on the scale of X or Y, from 1e-300 to 1e300", () => {
  const X = randn(20, 4, 5), Y = randn(20, 4, 6);
  const scaled = (A: Matrix, f: number): Matrix => ({
    ...A,
    data: A.data.map((v: number) => v * f),
  });
  const base = ridgePredictivity(X, Y);
  for (const f of [1e-300, 1e-200, 1e200, 1e300]) {
    for (const [A, B] of [[scaled(X, f), Y], [X, scaled(Y, f)]]) {
      const s = ridgePredictivity(A!, B!);
      assertAllClose(s.r2, base.r2, { rtol: 1e-9, label: `× ${f}` });
      assertAllClose(s.pearson, base.pearson, { rtol: 1e-9, label: `× ${f}` });
    }
  }
  // the ridge moves with X's scale: X·2^-520 with λ·2^-1040 predicts as X with λ
  const ridged = ridgePredictivity(X, Y, { ridge: 0.5 });
  const tiny = ridgePredictivity(scaled(X, 2 ** -520), Y, { ridge: 0.5 * 2 ** -1040 });
  assertAllClose(tiny.r2, ridged.r2, { rtol: 1e-9 });
});
