import assert from "node:assert/strict";
import { refitTrials, trialStatistics } from "../../lib/dynamics/resample.ts";
import { fitDmd } from "../../lib/dynamics/dmd.ts";
import { randomStableMatrix, simulateLinear } from "../../lib/dynamics/simulate/linear.ts";
import type { ShapedArray } from "../../lib/dynamics/data.ts";
import { bootstrapMeasure } from "../../lib/inference/measure.ts";
import { compareWith } from "../../lib/measures/compare.ts";
import "../../lib/measures/all.ts";
import { bootstrapDraw, drawRng } from "../../lib/inference/resample.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

/** K trials of a noisy stable 3-D linear system, each from its own seed: [K, T, 3]. */
function trials(K: number, T: number, seed: number, offset = 0): ShapedArray {
  const A = randomStableMatrix(3, { seed });
  const data = new Float64Array(K * T * 3);
  for (let k = 0; k < K; k++) {
    const X = simulateLinear(A, { steps: T, seed: seed + 100 * k, processNoise: 0.2 });
    for (let i = 0; i < T * 3; i++) data[k * T * 3 + i] = X.data[i]! + offset;
  }
  return { shape: [K, T, 3], data };
}

/** The trials of `draw`, stacked (what a bootstrap refits on). */
function take(X: ShapedArray, draw: ArrayLike<number>): ShapedArray {
  const [, T, N] = X.shape as [number, number, number];
  const data = new Float64Array(draw.length * T * N);
  for (let i = 0; i < draw.length; i++) {
    data.set(X.data.subarray(draw[i]! * T * N, (draw[i]! + 1) * T * N), i * T * N);
  }
  return { shape: [draw.length, T, N], data };
}

/** |A| entrywise and the sign pattern S A S removed: A_v is defined up to singular-vector signs. */
function unsign(A: Float64Array, ref: Float64Array, r: number): Float64Array {
  const s = new Float64Array(r).fill(1);
  // s_j from the first row (s_0 = 1): A_0j = s_0 s_j ref_0j
  for (let j = 1; j < r; j++) s[j] = Math.sign(A[j]! * ref[j]!) || 1;
  return A.map((v, k) => v * s[Math.floor(k / r)]! * s[k % r]!);
}

Deno.test("refitTrials() equals fitDmd() on the resampled trials to 1e-10 (up to singular-vector signs)", () => {
  const X = trials(6, 150, 3, 0.7);
  const draw = bootstrapDraw(6, drawRng(5, 0));
  for (
    const options of [
      { nDelays: 3, rank: 5 },
      { nDelays: 2 }, // full rank
      { nDelays: 3, rank: 6, center: true, scale: true, ridge: 1e-3 },
      { nDelays: 2, explainedVariance: 0.9, center: true },
    ]
  ) {
    const stats = trialStatistics(X, options);
    const refit = refitTrials(stats, draw);
    const fit = fitDmd(take(X, draw), options);
    assert.equal(refit.rank, fit.rank);
    assertAllClose(refit.singularValues, fit.singularValues, { rtol: 1e-10, atol: 0 });
    assertAllClose(unsign(refit.Av.data, fit.Av.data, fit.rank), fit.Av.data, {
      atol: 1e-10,
      rtol: 0,
    });
  }
});

Deno.test("refitTrials() on every trial once equals fitDmd() on the data, and rejects bad draws", () => {
  const X = trials(4, 80, 8);
  const stats = trialStatistics(X, { nDelays: 2, rank: 4 });
  const fit = fitDmd(X, { nDelays: 2, rank: 4 });
  const refit = refitTrials(stats, [0, 1, 2, 3]);
  assertAllClose(unsign(refit.Av.data, fit.Av.data, 4), fit.Av.data, { atol: 1e-10, rtol: 0 });
  assert.throws(() => refitTrials(stats, [0, 4]), {
    name: "RangeError",
    message:
      "Cannot refit DMD from trial statistics: `draw` must hold trial indices in 0…3: got 4 at 1",
  });
  assert.throws(() => refitTrials(stats, []), {
    name: "RangeError",
    message: "Cannot refit DMD from trial statistics: `draw` must list at least one trial",
  });
});

Deno.test("bootstrapMeasure('dsa') resamples trials: each draw equals DSA on the refitted resampled data", () => {
  const X = trials(5, 120, 11), Y = trials(5, 120, 12);
  const options = { nDelays: 2, rank: 4, score: "wasserstein" };
  const r = bootstrapMeasure("dsa", X, Y, { ...options, samples: 6, seed: 2 });
  assert.equal(r.distribution.length, 6);
  assertAllClose([r.estimate], [compareWith("dsa", X, Y, options).distance!], { rtol: 1e-12 });
  // the engine's k-th draw of 5 trials (seed 2), refitted by fitDmd on the stacked trials
  const expected = Array.from({ length: 6 }, (_, k) => {
    const d = bootstrapDraw(5, drawRng(2, k));
    return compareWith("dsa", take(X, d), take(Y, d), options).distance!;
  });
  assertAllClose(r.distribution, expected, { rtol: 1e-9, atol: 1e-12 });
});

Deno.test("bootstrapMeasure('dsa') needs the same number of trials, at least 2", () => {
  assert.throws(() => bootstrapMeasure("dsa", trials(3, 60, 1), trials(4, 60, 2), { samples: 5 }), {
    name: "TypeError",
    message:
      "Cannot bootstrap measure: `X` and `Y` must have the same number of trials (they are resampled together): got 3 and 4",
  });
  const one = { shape: [60, 3], data: trials(1, 60, 1).data };
  assert.throws(() => bootstrapMeasure("dsa", one, one, { samples: 5 }), {
    name: "RangeError",
    message:
      "Cannot bootstrap measure: resampling trials needs [trials, time, dims] input with at least 2 trials: got 1",
  });
});
