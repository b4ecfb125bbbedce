import assert from "node:assert/strict";
import { chooseCell, sweepDmd, sweepDmdParallel, sweepRow } from "../../lib/dynamics/sweep.ts";
import { fitDmd } from "../../lib/dynamics/dmd.ts";
import { predictDmd } from "../../lib/dynamics/predict.ts";
import { randomStableMatrix, simulateLinear } from "../../lib/dynamics/simulate/linear.ts";
import type { ShapedArray } from "../../lib/dynamics/data.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

/** y_t = cos(θt) + 0.5 sin(2θ't): one channel of a 4-D linear system (needs ≥ 4 delays). */
function twoTones(T: number): number[][] {
  return Array.from({ length: T }, (_, t) => [Math.cos(0.3 * t) + 0.5 * Math.sin(0.71 * t)]);
}

Deno.test("sweepDmd() predicts one noiseless channel of a 4-D linear system exactly from 4 delays and rank 4, not below", () => {
  const s = sweepDmd(twoTones(300), { nDelays: [1, 2, 4], ranks: [2, 4, 6], ridge: 0 });
  assert.equal(s.cells.length, 9);
  const cell = (D: number, r: number) => s.cells.find((c) => c.nDelays === D && c.rank === r)!;
  assert.ok(cell(4, 4).r2 > 1 - 1e-8, `${cell(4, 4).r2}`);
  assert.ok(cell(4, 4).mase < 1e-4 && cell(4, 4).nmse < 1e-8);
  assert.ok(cell(2, 2).r2 < 0.99 && cell(4, 2).r2 < 0.99);
  assert.equal(cell(1, 6).effectiveRank, 1);
  assert.deepEqual(cell(1, 6), { ...cell(1, 2), rank: 6 });
});

Deno.test("sweepDmd() picks the system's order (rank 4) under observation noise by every criterion", () => {
  const g = normalSampler(mulberry32(3));
  const X = twoTones(300).map(([y]) => [y! + 0.01 * g()]);
  for (const criterion of ["mase", "nmse", "r2", "aic"] as const) {
    const s = sweepDmd(X, { nDelays: [1, 2, 4, 6, 10], ranks: [2, 4, 6], criterion });
    assert.equal(s.best.rank, 4, criterion);
    if (criterion === "aic") {
      // AIC penalises the 20 extra parameters of rank 6 wherever rank 6 is available (D ≥ 6)
      for (const D of [6, 10]) {
        const at = (r: number) => s.cells.find((c) => c.nDelays === D && c.rank === r)!.aic;
        assert.ok(at(4) < at(6), `D = ${D}`);
      }
    }
  }
});

Deno.test("sweepDmd() cells equal separate fitDmd() fits on the training part scored on the held-out part", () => {
  const A = randomStableMatrix(3, { seed: 4 });
  const X = simulateLinear(A, { steps: 200, seed: 4, processNoise: 0.2 }) as ShapedArray;
  const T = 200, N = 3, cut = Math.floor(0.75 * T);
  const s = sweepDmd(X, { nDelays: [1, 3], ranks: [2, 5], testFraction: 0.25 });
  const full: Matrix = { rows: T, cols: N, data: X.data.slice() };
  const train: Matrix = { rows: cut, cols: N, data: X.data.slice(0, cut * N) };
  for (const c of s.cells) {
    const fit = fitDmd(train, { nDelays: c.nDelays, rank: c.rank });
    const P = (predictDmd(fit, full).prediction as Matrix).data;
    let sse = 0, sae = 0, sst = 0, trainSse = 0, trainCount = 0;
    const mean = [0, 0, 0];
    for (let t = cut; t < T; t++) {
      for (let j = 0; j < N; j++) mean[j] += X.data[t * N + j]! / (T - cut);
    }
    const nmse = [0, 0, 0], var_ = [0, 0, 0];
    for (let t = cut; t < T; t++) {
      for (let j = 0; j < N; j++) {
        const e = X.data[t * N + j]! - P[t * N + j]!;
        sse += e * e;
        sae += Math.abs(e);
        nmse[j] += e * e;
        var_[j] += (X.data[t * N + j]! - mean[j]!) ** 2;
        sst += (X.data[t * N + j]! - mean[j]!) ** 2;
      }
    }
    for (let t = c.nDelays; t < cut; t++) {
      for (let j = 0; j < N; j++) trainSse += (X.data[t * N + j]! - P[t * N + j]!) ** 2;
      trainCount += N;
    }
    let naive = 0;
    for (let t = 1; t < cut; t++) {
      for (let j = 0; j < N; j++) naive += Math.abs(X.data[t * N + j]! - X.data[(t - 1) * N + j]!);
    }
    naive /= (cut - 1) * N;
    const label = `D = ${c.nDelays}, r = ${c.rank}`;
    assertAllClose(c.r2, 1 - sse / sst, { rtol: 1e-9, label });
    assertAllClose(c.mse, sse / ((T - cut) * N), { rtol: 1e-9, label });
    assertAllClose(c.nmse, (nmse[0]! / var_[0]! + nmse[1]! / var_[1]! + nmse[2]! / var_[2]!) / 3, {
      rtol: 1e-9,
      label,
    });
    assertAllClose(c.mase, sae / ((T - cut) * N) / naive, { rtol: 1e-9, label });
    const r = Math.min(c.rank, N * c.nDelays);
    assertAllClose(c.aic, trainCount * Math.log(trainSse / trainCount) + 2 * r * r, {
      rtol: 1e-9,
      label,
    });
  }
});

Deno.test("sweepDmd() holds out whole trials with split: trials", () => {
  const A = randomStableMatrix(2, { seed: 8 });
  const X = simulateLinear(A, { steps: 60, trials: 5, seed: 8, processNoise: 0.1 }) as ShapedArray;
  const s = sweepDmd(X, { nDelays: [1, 2], ranks: [2], split: "trials", testFraction: 0.4 });
  // fit on trials 0–2, score trials 3–4
  const train: ShapedArray = { shape: [3, 60, 2], data: X.data.slice(0, 3 * 60 * 2) };
  const test: ShapedArray = { shape: [2, 60, 2], data: X.data.slice(3 * 60 * 2) };
  for (const c of s.cells) {
    const fit = fitDmd(train, { nDelays: c.nDelays, rank: c.rank });
    assertAllClose(c.mse, predictDmd(fit, test).mse, { rtol: 1e-9 });
  }
});

Deno.test("chooseCell() prefers the smallest model within the tolerance and maximises R²", () => {
  const cell = (nDelays: number, rank: number, r2: number) => ({
    nDelays,
    rank,
    effectiveRank: rank,
    mase: 0,
    nmse: 0,
    r2,
    mse: 0,
    aic: 0,
  });
  const cells = [cell(2, 4, 0.9), cell(1, 4, 0.9), cell(3, 10, 0.95), cell(1, 2, -Infinity)];
  assert.deepEqual(chooseCell(cells, "r2"), { nDelays: 3, rank: 10 });
  assert.deepEqual(chooseCell(cells, "r2", 1), { nDelays: 1, rank: 4 });
});

Deno.test("sweepDmd() rejects bad options with clear errors", () => {
  const X = twoTones(50);
  const ctx = "Cannot sweep DMD";
  assert.throws(() => sweepDmd(X, { nDelays: [] }), {
    name: "TypeError",
    message: `${ctx}: \`nDelays\` must be a non-empty list of integers: got `,
  });
  assert.throws(() => sweepDmd(X, { ranks: [0] }), {
    name: "RangeError",
    message: `${ctx}: \`ranks\` must be an integer >= 1: got 0`,
  });
  assert.throws(() => sweepDmd(X, { testFraction: 1 }), {
    name: "RangeError",
    message: `${ctx}: \`testFraction\` must be in (0, 1): got 1`,
  });
  assert.throws(() => sweepDmd(X, { criterion: "bic" as "aic" }), {
    name: "RangeError",
    message: `${ctx}: \`criterion\` must be "mase", "nmse", "r2" or "aic": got bic`,
  });
  assert.throws(() => sweepDmd(X, { split: "trials" }), {
    name: "TypeError",
    message:
      `${ctx}: \`split: "trials"\` needs data with a trial axis: got one series of 50 samples`,
  });
});

Deno.test("sweepDmdParallel() cells are bit-identical on 1 and 2 workers and equal sweepDmd()", async () => {
  const X = simulateLinear(randomStableMatrix(3, { seed: 4 }), {
    steps: 400,
    seed: 4,
    processNoise: 0.1,
  });
  const options = { nDelays: [2], ranks: [1, 2, 3, 5, 6], criterion: "nmse" as const };
  const one = await sweepDmdParallel(X, { ...options, workers: 1 });
  const two = await sweepDmdParallel(X, { ...options, workers: 2 });
  // one row split into two blocks of ranks on two workers: each block rebuilds the same basis
  assert.deepEqual(two.cells, one.cells);
  assert.deepEqual(two.best, one.best);
  assertAllClose(
    one.cells.map((c) => c.nmse),
    sweepDmd(X, options).cells.map((c) => c.nmse),
    { rtol: 1e-12 },
  );
});

Deno.test("sweepRow() computes the requested cells of one row and rejects a delay not swept", () => {
  const X = twoTones(120);
  const options = { nDelays: [1, 4], ranks: [2, 4] };
  assert.deepEqual(sweepRow(X, options, 4, [1, 0]), [
    sweepDmd(X, options).cells[3],
    sweepDmd(X, options).cells[2],
  ]);
  assert.throws(() => sweepRow(X, options, 3, [0]), {
    name: "RangeError",
    message: "Cannot sweep DMD: `nDelays` must be one of the sweep's delays (1,4): got 3",
  });
});

/** Three noisy oscillations, 200 × 3 (the review's S1). */
function oscillations(T = 200): number[][] {
  const g = normalSampler(mulberry32(11));
  return Array.from(
    { length: T },
    (_, t) => [Math.sin(0.1 * t), Math.cos(0.1 * t), Math.sin(0.23 * t)].map((v) => v + 0.01 * g()),
  );
}

Deno.test("sweepDmd() refuses data that cannot be scored, naming why, instead of crashing or printing null", () => {
  const ctx = "Cannot sweep DMD";
  const constant = Array.from({ length: 200 }, () => [1, 1, 1]);
  for (const criterion of ["mase", "nmse", "r2", "aic"] as const) {
    assert.throws(() => sweepDmd(constant, { nDelays: [1], ranks: [2], criterion }), {
      name: "RangeError",
      message: new RegExp(
        `^${ctx}: the training part \\(160 samples of 3 channels\\) never changes`,
      ),
    });
  }
  // constant only in the held-out part
  const flatEnd = oscillations().map((row, t) => t >= 150 ? [3, 3, 3] : row);
  assert.throws(() => sweepDmd(flatEnd, { nDelays: [1], ranks: [2], criterion: "nmse" }), {
    name: "RangeError",
    message:
      `${ctx}: the held-out part is constant in every channel (40 samples): NMSE and R² are undefined (no variance to explain)`,
  });
  assert.throws(
    () => sweepDmd(oscillations(), { nDelays: [1], ranks: [2], testFraction: 0.001 }),
    {
      name: "RangeError",
      message:
        `${ctx}: the held-out part has 1 predictable sample: NMSE and R² need at least 2 (their variance): raise \`testFraction\``,
    },
  );
  const nan = {
    nDelays: 1,
    rank: 2,
    effectiveRank: 2,
    mase: NaN,
    nmse: NaN,
    r2: NaN,
    mse: 0,
    aic: 0,
  };
  assert.throws(() => chooseCell([nan], "nmse"), {
    name: "RangeError",
    message:
      "Cannot choose a DMD cell: the criterion nmse is not a finite number in any of the 1 cells: got NaN",
  });
});

Deno.test("sweepDmd() NMSE averages over the channels that vary in the held-out part, leaving a constant one out", () => {
  const T = 200, N = 3, cut = 160;
  // channel 2 is constant (3) in the held-out part only
  const rows = oscillations().map((row, t) => t >= cut ? [row[0]!, row[1]!, 3] : row);
  const X: Matrix = { rows: T, cols: N, data: Float64Array.from(rows.flat()) };
  const s = sweepDmd(X, { nDelays: [1, 2], ranks: [2, 3], criterion: "nmse" });
  const train: Matrix = { rows: cut, cols: N, data: X.data.slice(0, cut * N) };
  for (const c of s.cells) {
    const P =
      (predictDmd(fitDmd(train, { nDelays: c.nDelays, rank: c.rank }), X).prediction as Matrix)
        .data;
    const mean = [0, 0], sse = [0, 0], sst = [0, 0];
    for (let t = cut; t < T; t++) {
      for (let j = 0; j < 2; j++) mean[j] += X.data[t * N + j]! / (T - cut);
    }
    for (let t = cut; t < T; t++) {
      for (let j = 0; j < 2; j++) {
        sse[j] += (X.data[t * N + j]! - P[t * N + j]!) ** 2;
        sst[j] += (X.data[t * N + j]! - mean[j]!) ** 2;
      }
    }
    assertAllClose(c.nmse, (sse[0]! / sst[0]! + sse[1]! / sst[1]!) / 2, { rtol: 1e-9 });
  }
});

Deno.test("sweepDmd() is scale-invariant down to 1e-200 and up to 1e300 (extreme data is rescaled by a power of two)", () => {
  const X = oscillations();
  const options = { nDelays: [1, 2], ranks: [2, 3], criterion: "nmse" as const };
  const base = sweepDmd(X, options);
  // an exact power of two inside the range changes nothing at all
  assert.deepEqual(
    sweepDmd(X.map((row) => row.map((v) => v * 2 ** 400)), options).cells.map((c) => c.r2),
    base.cells.map((c) => c.r2),
  );
  for (const factor of [1e-200, 1e300]) {
    const s = sweepDmd(X.map((row) => row.map((v) => v * factor)), options);
    assert.deepEqual(s.best, base.best, `× ${factor}`);
    for (let i = 0; i < s.cells.length; i++) {
      const label = `× ${factor}, cell ${i}`;
      for (const key of ["mase", "nmse", "r2"] as const) {
        assertAllClose(s.cells[i]![key], base.cells[i]![key], { rtol: 1e-12, label });
      }
      // AIC moves by m·ln(factor²), the same for every cell of a row (m depends on D)
      const first = i - (i % 2);
      assertAllClose(
        s.cells[i]!.aic - s.cells[first]!.aic,
        base.cells[i]!.aic - base.cells[first]!.aic,
        { rtol: 1e-8, atol: 1e-6, label },
      );
    }
  }
  const small = sweepDmd(X.map((row) => row.map((v) => v * 2 ** -600)), options);
  assertAllClose(small.cells[0]!.mse, base.cells[0]!.mse * 2 ** -1200, { rtol: 1e-12 });
});
