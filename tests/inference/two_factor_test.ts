import assert from "node:assert/strict";
import { compareModels, twoFactorBootstrap } from "../../lib/inference/mod.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

/** T[s][c] = a_s + b_c + e_sc with standard deviations ta, tb, te. */
function crossed(K: number, n: number, ta: number, tb: number, te: number, seed: number) {
  const g = normalSampler(mulberry32(seed));
  const a = Array.from({ length: K }, () => ta * g());
  const b = Array.from({ length: n }, () => tb * g());
  return a.map((as) => b.map((bc) => as + bc + te * g()));
}

const meanOf = (T: number[][]) => (s: Int32Array, c: Int32Array) => {
  let sum = 0;
  for (const i of s) for (const j of c) sum += T[i]![j]!;
  return sum / (s.length * c.length);
};

Deno.test("the corrected two-factor SE matches the SD over new subjects and stimuli; the uncorrected one overestimates it", () => {
  const K = 10, n = 20, ta = 1, tb = 1, te = 4;
  const trueSd = Math.sqrt(ta ** 2 / K + tb ** 2 / n + te ** 2 / (K * n));
  let se = 0, seBoth = 0;
  const datasets = 12;
  for (let d = 0; d < datasets; d++) {
    const r = twoFactorBootstrap(K, n, meanOf(crossed(K, n, ta, tb, te, 100 + d)), {
      samples: 300,
      seed: d,
    });
    se += r.se / datasets;
    seBoth += r.seBoth / datasets;
  }
  assert.ok(Math.abs(se / trueSd - 1) < 0.3, `corrected ${se} vs true ${trueSd}`);
  assert.ok(seBoth > 1.15 * trueSd, `uncorrected ${seBoth} vs true ${trueSd}`);
});

Deno.test("compareModels() uses the same draws for every model, so a constant offset has zero SE", () => {
  const x = Array.from({ length: 30 }, (_, i) => Math.sin(i * 1.7));
  const mean = (shift: number) => (d: Int32Array | null) =>
    d
      ? [...d].reduce((s, i) => s + x[i]! + shift, 0) / d.length
      : x.reduce((s, v) => s + v + shift, 0) / 30;
  const r = compareModels(30, { a: mean(0.5), b: mean(0) }, {
    samples: 200,
    interval: "percentile",
  });
  const d = r.differences[0]!;
  assert.ok(Math.abs(d.estimate - 0.5) < 1e-12);
  assert.ok(d.se < 1e-12);
  assert.ok(d.pValue <= 2 / 201);
  assert.ok(r.models[0]!.se > 0.05);
});

Deno.test("compareModels() p-values do not reject equal models too often", () => {
  const g = normalSampler(mulberry32(5));
  let rejections = 0;
  const trials = 60;
  for (let t = 0; t < trials; t++) {
    const a = Array.from({ length: 25 }, g), b = Array.from({ length: 25 }, g);
    const mean = (x: number[]) => (d: Int32Array | null) =>
      d ? [...d].reduce((s, i) => s + x[i]!, 0) / d.length : x.reduce((s, v) => s + v, 0) / 25;
    const r = compareModels(25, { a: mean(a), b: mean(b) }, {
      samples: 199,
      seed: t,
      interval: "percentile",
    });
    if (r.differences[0]!.pValue <= 0.05) rejections++;
  }
  assert.ok(rejections <= 9, `${rejections} of ${trials}`);
});

Deno.test("with half-samples of the stimuli the corrected two-factor SE still matches the SD over new subjects and stimuli, and a mean has no bias", () => {
  const K = 10, n = 20, ta = 1, tb = 1, te = 4;
  const trueSd = Math.sqrt(ta ** 2 / K + tb ** 2 / n + te ** 2 / (K * n));
  let se = 0, bias = 0;
  const datasets = 12;
  for (let d = 0; d < datasets; d++) {
    const r = twoFactorBootstrap(K, n, meanOf(crossed(K, n, ta, tb, te, 100 + d)), {
      samples: 300,
      seed: d,
      scheme: "subsample",
    });
    assert.equal(r.scheme, "subsample");
    se += r.se / datasets;
    bias += r.bias / datasets;
  }
  assert.ok(Math.abs(se / trueSd - 1) < 0.3, `corrected ${se} vs true ${trueSd}`);
  assert.ok(Math.abs(bias) < 0.1 * trueSd, `bias ${bias}`);
  assert.throws(
    () =>
      twoFactorBootstrap(K, n, meanOf(crossed(K, n, ta, tb, te, 1)), {
        scheme: "subsample",
        subsampleSize: 5,
      }),
    /`subsampleSize` must be ⌊nSecond\/2⌋ = 10 .*: got 5/,
  );
});
