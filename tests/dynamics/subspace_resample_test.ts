import assert from "node:assert/strict";
import { fitSubspaceDmdc, markovParameters } from "../../lib/dynamics/subspace_dmdc.ts";
import {
  refitSubspaceTrials,
  subspaceTrialStatistics,
} from "../../lib/dynamics/subspace_resample.ts";
import { simulateDriven, type StateSpaceSystem } from "../../lib/dynamics/simulate/driven.ts";
import type { ShapedArray } from "../../lib/dynamics/data.ts";
import { bootstrapMeasure } from "../../lib/inference/measure.ts";
import { bootstrapDraw, drawRng } from "../../lib/inference/resample.ts";
import { compareWith } from "../../lib/measures/compare.ts";
import "../../lib/measures/all.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

const A = [[0.9, 0.2, 0], [-0.2, 0.9, 0.1], [0, 0, 0.5]];
const C = [[1, 0, 0.3], [0, 1, -1]];

/** K trials of T steps of a noisy 3-state, 2-output system driven by `m` inputs (offset inputs). */
function driven(
  B: number[][],
  K: number,
  T: number,
  seed: number,
  noise = { processNoise: 0.1, observationNoise: 0.05 },
): { Y: ShapedArray; U: ShapedArray } {
  const m = B[0]!.length;
  const g = normalSampler(mulberry32(seed));
  const U = { shape: [K, T, m], data: Float64Array.from({ length: K * T * m }, () => g() + 0.3) };
  const system: StateSpaceSystem = {
    A,
    B,
    C,
    D: [[0.1, ...Array(m - 1).fill(0)], Array(m).fill(0)],
  };
  return { Y: simulateDriven(system, U, { ...noise, seed: seed + 1 }), U };
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

const flat = (h: { data: Float64Array }[]) => h.flatMap((x) => Array.from(x.data));

Deno.test("refitSubspaceTrials() equals fitSubspaceDmdc() on the resampled trials to 1e-10", () => {
  const { Y, U } = driven([[1, 0], [0, 1], [0.5, 0]], 6, 70, 3);
  const draw = bootstrapDraw(6, drawRng(5, 0));
  for (
    const options of [
      { nDelays: 3 }, // order by explained variance
      { nDelays: 2, horizon: 3, rank: 3 },
      { nDelays: 4, rank: 5, center: true, ridge: 1e-3 },
      { nDelays: 2, rank: 2, ridge: 0 },
    ]
  ) {
    const refit = refitSubspaceTrials(subspaceTrialStatistics(Y, U, options), draw);
    const fit = fitSubspaceDmdc(take(Y, draw), take(U, draw), options);
    assert.equal(refit.order, fit.order);
    assert.equal(refit.columns, fit.columns);
    assertAllClose(refit.singularValues, fit.singularValues, { rtol: 0, atol: 1e-10 });
    // the basis agrees too (both QR factors have a non-negative diagonal)
    for (const k of ["A", "B", "C", "D"] as const) {
      assertAllClose(refit[k].data, fit[k].data, { rtol: 0, atol: 1e-10, label: k });
    }
    assertAllClose(flat(markovParameters(refit, 6)), flat(markovParameters(fit, 6)), {
      rtol: 0,
      atol: 1e-10,
    });
    assertAllClose(refit.outputMeans, fit.outputMeans, { rtol: 0, atol: 1e-14 });
  }
});

Deno.test("refitSubspaceTrials() handles trials of different lengths, some too short for a Hankel column", () => {
  const { Y, U } = driven([[1], [0], [0.5]], 4, 60, 9);
  // trials of 60, 45, 3 and 30 steps as a list
  const lengths = [60, 45, 3, 30];
  const cut = (X: ShapedArray, d: number) =>
    lengths.map((T, k) =>
      Array.from(
        { length: T },
        (_, t) => Array.from(X.data.subarray((k * 60 + t) * d, (k * 60 + t + 1) * d)),
      )
    );
  const y = cut(Y, 2), u = cut(U, 1);
  const options = { nDelays: 3, rank: 3, center: true };
  const stats = subspaceTrialStatistics(y, u, options);
  assert.deepEqual(stats.columns, [55, 40, 0, 25]);
  const draw = [1, 2, 3, 1, 0];
  const refit = refitSubspaceTrials(stats, draw);
  const fit = fitSubspaceDmdc(draw.map((k) => y[k]!), draw.map((k) => u[k]!), options);
  for (const k of ["A", "B", "C", "D"] as const) {
    assertAllClose(refit[k].data, fit[k].data, { rtol: 0, atol: 1e-10, label: k });
  }
});

Deno.test("refitSubspaceTrials() on every trial once equals the fit on the data, and rejects bad draws", () => {
  const { Y, U } = driven([[1], [0], [0.5]], 3, 50, 4);
  const stats = subspaceTrialStatistics(Y, U, { nDelays: 2, rank: 3 });
  const fit = fitSubspaceDmdc(Y, U, { nDelays: 2, rank: 3 });
  assertAllClose(refitSubspaceTrials(stats, [0, 1, 2]).A.data, fit.A.data, { atol: 1e-10 });
  const context = "Cannot refit subspace DMDc from trial statistics";
  assert.throws(() => refitSubspaceTrials(stats, [0, 3]), {
    name: "RangeError",
    message: `${context}: \`draw\` must hold trial indices in 0…2: got 3 at 1`,
  });
  assert.throws(() => refitSubspaceTrials(stats, []), {
    name: "RangeError",
    message: `${context}: \`draw\` must list at least one trial`,
  });
  const short = subspaceTrialStatistics(take(Y, [0]), take(U, [0]), { nDelays: 20 });
  assert.throws(() => refitSubspaceTrials(short, [0]), {
    name: "RangeError",
    message:
      `${context}: the Hankel matrices need at least 120 columns (rows of [U_f; U_p; Y_p; Y_f] for nDelays 20, horizon 20, 2 outputs and 1 inputs): got 11 from the draw's trials`,
  });
  assert.throws(() => subspaceTrialStatistics(Y, take(U, [0, 1]), {}), {
    name: "TypeError",
    message:
      "Cannot compute subspace DMDc trial statistics: `U` must have the same trials and time steps as `Y`: got trial lengths [50, 50, 50] and [50, 50]",
  });
});

for (const measure of ["input-dsa", "controllability"]) {
  Deno.test(`bootstrapMeasure('${measure}') resamples trials: each draw equals ${measure} on the resampled data`, () => {
    const x = driven([[1], [0], [0.5]], 5, 80, 11), y = driven([[0.6], [0.8], [0.5]], 5, 80, 12);
    const options = { nDelays: 3, rank: 3 };
    const r = bootstrapMeasure(measure, x, y, { ...options, samples: 6, seed: 2 });
    assert.equal(r.scheme, "replacement");
    assertAllClose([r.estimate], [compareWith(measure, x, y, options).distance!], { rtol: 1e-12 });
    const expected = Array.from({ length: 6 }, (_, k) => {
      const d = bootstrapDraw(5, drawRng(2, k));
      const pick = (s: typeof x) => ({ Y: take(s.Y, d), U: take(s.U, d) });
      return compareWith(measure, pick(x), pick(y), options).distance!;
    });
    assertAllClose(r.distribution, expected, { rtol: 1e-9, atol: 1e-12 });
    // deterministic for a seed, and another seed draws other trials
    const again = bootstrapMeasure(measure, x, y, { ...options, samples: 6, seed: 2 });
    assert.deepEqual(Array.from(again.distribution), Array.from(r.distribution));
    const other = bootstrapMeasure(measure, x, y, { ...options, samples: 6, seed: 3 });
    assert.notDeepEqual(Array.from(other.distribution), Array.from(r.distribution));
  });
}

Deno.test("the trial-bootstrap SE of input-dsa and controllability is within 25% of the Monte-Carlo SD over fresh simulations", () => {
  const B1 = [[1], [0], [0.5]], B2 = [[0.6], [0.8], [0.5]];
  const noise = { processNoise: 0.3, observationNoise: 0.1 };
  const options = { nDelays: 3, rank: 3 };
  for (const measure of ["input-dsa", "controllability"]) {
    const mc = Array.from(
      { length: 100 },
      (_, i) =>
        compareWith(
          measure,
          driven(B1, 30, 60, 1000 + 2 * i, noise),
          driven(B2, 30, 60, 5000 + 2 * i, noise),
          options,
        ).distance!,
    );
    const mean = mc.reduce((a, b) => a + b, 0) / mc.length;
    const sd = Math.sqrt(mc.reduce((a, v) => a + (v - mean) ** 2, 0) / (mc.length - 1));
    // 30 trials of 60 steps; the bootstrap SE averaged over 8 independent datasets (one
    // dataset's SE varies by about ±20%)
    const ses = [1, 2, 3, 4, 5, 6, 7, 8].map((s) =>
      bootstrapMeasure(
        measure,
        driven(B1, 30, 60, 10 * s, noise),
        driven(B2, 30, 60, 10 * s + 7, noise),
        { ...options, samples: 200, seed: s },
      ).se
    );
    const se = ses.reduce((a, b) => a + b, 0) / ses.length;
    assert.ok(sd > 0.003, `${measure}: Monte-Carlo SD ${sd}`);
    assert.ok(
      Math.abs(se / sd - 1) < 0.25,
      `${measure}: bootstrap SE ${se} vs Monte-Carlo SD ${sd}`,
    );
  }
});

Deno.test("bootstrapMeasure('input-dsa') refuses fitted models and unequal trial counts", () => {
  const x = driven([[1], [0], [0.5]], 4, 60, 1), y = driven([[1], [0], [0.5]], 3, 60, 2);
  assert.throws(() => bootstrapMeasure("input-dsa", x, y, { samples: 5, nDelays: 2 }), {
    name: "TypeError",
    message:
      "Cannot bootstrap measure: `X` and `Y` must have the same number of trials (they are resampled together): got 4 and 3",
  });
  const fit = fitSubspaceDmdc(x.Y, x.U, { nDelays: 2 });
  assert.throws(() => bootstrapMeasure("input-dsa", fit, fit, { samples: 5 }), {
    name: "TypeError",
    message:
      "Cannot resample trials: `X` is a fitted subspace DMDc model: resampling trials needs the time series",
  });
});

/** Six short trials of a system with a pole at 0.995: some resampled fits come out unstable. */
function nearlyUnstable(seed: number) {
  const g = normalSampler(mulberry32(seed));
  const U = { shape: [6, 40, 1], data: Float64Array.from({ length: 240 }, g) };
  const sys = { A: [[0.995, 0], [0, 0.5]], B: [[0.3], [1]], C: [[1, 0], [0, 1]] };
  const Y = simulateDriven(sys, U, { processNoise: 0.3, observationNoise: 0.3, seed: seed + 1 });
  return { Y, U };
}

Deno.test("a trial bootstrap leaves out the draws whose refit fails, counts them and says why", () => {
  const x = nearlyUnstable(40), y = nearlyUnstable(45);
  const options = { nDelays: 2, rank: 2 };
  const estimate = compareWith("controllability", x, y, options).distance!;
  const r = bootstrapMeasure("controllability", x, y, { ...options, samples: 50, seed: 1 });
  assert.equal(r.estimate, estimate);
  assert.ok(r.failed > 0 && r.failed < 50, `failed ${r.failed}`);
  assert.equal(r.distribution.length, 50 - r.failed);
  assert.match(
    r.warning!,
    /of 50 bootstrap draws could not be evaluated.*trials \[.*must be stable/,
  );
  assert.ok(r.se > 0 && r.ci[0] <= r.ci[1]);
});

Deno.test("when a leave-one-out refit fails, the default BCa interval falls back to percentile, and an explicit BCa request is refused", () => {
  const x = nearlyUnstable(10), y = nearlyUnstable(15);
  const options = { nDelays: 2, rank: 2, samples: 50, seed: 1 };
  const r = bootstrapMeasure("controllability", x, y, options);
  assert.equal(r.interval, "percentile");
  assert.match(r.warning!, /without unit \d+ .*percentile interval is given instead of BCa/);
  assert.throws(
    () => bootstrapMeasure("controllability", x, y, { ...options, interval: "bca" }),
    /BCa interval needs the statistic without each unit.*use the "percentile" or "basic" interval/,
  );
});
