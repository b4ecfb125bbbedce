// The exported inference helpers refuse input outside their domain with a RangeError
// naming the argument, instead of returning NaN or ±Infinity.
import assert from "node:assert/strict";
import {
  bootstrapDraw,
  confidenceInterval,
  drawRng,
  jackknife,
  normalCdf,
  permutationDraw,
  quantileSorted,
  sampleSd,
  spearmanBrown,
  splitHalfReliability,
  subsampleDraw,
  twoFactorBootstrap,
} from "../../lib/inference/mod.ts";

Deno.test("spearmanBrown() refuses r at or below its pole −1/(k − 1) instead of returning −Infinity", () => {
  assert.throws(() => spearmanBrown(-1), {
    name: "RangeError",
    message:
      "Cannot apply Spearman–Brown: `r` must be > −1/(factor − 1) = -1 for factor 2 (1 + (factor − 1)·r must be positive): got -1",
  });
  assert.throws(
    () => spearmanBrown(-0.5, 3),
    /`r` must be > −1\/\(factor − 1\) = -0.5 for factor 3/,
  );
  assert.throws(() => spearmanBrown(-0.6, 3), /= -0.5 for factor 3/);
  assert.throws(
    () => spearmanBrown(0.5, Infinity),
    /`factor` must be finite and > 0: got Infinity/,
  );
  assert.throws(() => spearmanBrown(NaN), /`r` must be in \[-1, 1\]: got NaN/);
  // just inside the pole, and shortening (k < 1), the formula holds
  assert.ok(Math.abs(spearmanBrown(-0.4, 3) - -1.2 / 0.2) < 1e-12);
  assert.equal(spearmanBrown(-1, 0.5), -0.5 / 1.5);
});

Deno.test("splitHalfReliability() names a unit whose halves are perfectly anti-correlated", () => {
  // 2 repeats, 3 stimuli: the halves are the repeats themselves, correlation −1 in every split
  const data = new Float64Array([1, 2, 3, 3, 2, 1]);
  assert.throws(() => splitHalfReliability(data, [2, 3, 1]), {
    name: "RangeError",
    message:
      /^Cannot compute split-half reliability: unit 0 has half correlation −1 \(-0\.9{10,}\d*\) in every split, so its Spearman–Brown reliability is undefined \(−1 is the formula's pole\)$/,
  });
});

Deno.test("quantileSorted() refuses an empty input and q outside [0, 1]", () => {
  assert.throws(() => quantileSorted([], 0.5), {
    name: "RangeError",
    message: "Cannot compute quantile: `sorted` must hold at least one value: got 0",
  });
  for (const q of [2, -0.1, NaN]) {
    assert.throws(() => quantileSorted([1, 2, 3], q), {
      name: "RangeError",
      message: `Cannot compute quantile: \`q\` must be in [0, 1]: got ${q}`,
    });
  }
  assert.throws(() => quantileSorted([1, 3, 2], 0.5), {
    name: "RangeError",
    message:
      "Cannot compute quantile: `sorted` must be in increasing order: got 3 before 2 at index 2",
  });
  assert.throws(() => quantileSorted([1, NaN], 0.5), /`sorted` must be finite: got NaN at index 1/);
  // numpy's linear interpolation: position (m − 1)·q
  assert.equal(quantileSorted([7], 0.3), 7);
  assert.equal(quantileSorted([0, 10, 20], 0.75), 15);
});

Deno.test("sampleSd() refuses fewer than two values instead of returning NaN", () => {
  for (const v of [[1], []]) {
    assert.throws(() => sampleSd(v), {
      name: "RangeError",
      message:
        `Cannot compute sample standard deviation: \`values\` must hold at least 2 values (ddof 1): got ${v.length}`,
    });
  }
  assert.throws(() => sampleSd([1, Infinity]), /`values` must be finite: got Infinity at index 1/);
  assert.equal(sampleSd([2, 4]), Math.SQRT2);
});

Deno.test("normalCdf() refuses NaN and maps ±Infinity to 1 and 0", () => {
  assert.throws(() => normalCdf(NaN), {
    name: "RangeError",
    message: "Cannot compute normal distribution: `x` must be a number: got NaN",
  });
  assert.throws(() => normalCdf("1" as unknown as number), /`x` must be a number: got 1/);
  assert.equal(normalCdf(Infinity), 1);
  assert.equal(normalCdf(-Infinity), 0);
  assert.equal(normalCdf(0), 0.5);
});

Deno.test("the draw helpers refuse counts and seeds outside their domain", () => {
  const r = drawRng(0, 0);
  assert.throws(
    () => drawRng(NaN, 0),
    /Cannot seed draw: `seed` must be an integer in \[-2147483648, 4294967295\]: got NaN/,
  );
  assert.throws(
    () => drawRng(0, -1),
    /Cannot seed draw: `k` must be an integer in \[0, 9007199254740992\]: got -1/,
  );
  assert.throws(() => drawRng(0, 1.5), /`k` must be an integer .*: got 1.5/);
  assert.throws(
    () => bootstrapDraw(2.5, r),
    /Cannot draw bootstrap sample: `n` must be an integer in \[1, 2147483647\]: got 2.5/,
  );
  assert.throws(() => bootstrapDraw(0, r), /`n` must be an integer in \[1, 2147483647\]: got 0/);
  assert.throws(() => permutationDraw(2.5, r), /Cannot draw permutation: `n` must be an integer/);
  assert.throws(
    () => subsampleDraw(5, 7, r),
    /Cannot draw subsample: `m` must be an integer in \[1, 5\]: got 7/,
  );
  assert.throws(() => subsampleDraw(5, -1, r), /`m` must be an integer in \[1, 5\]: got -1/);
  assert.throws(
    () => jackknife(1, () => 1),
    /Cannot compute jackknife: `n` must be an integer in \[2, 2147483648\]: got 1/,
  );
  // a two-factor bootstrap at the largest seed still runs (its per-factor seeds wrap)
  const t = twoFactorBootstrap(3, 4, (a, b) => a[0]! + b[0]!, { samples: 10, seed: 2 ** 32 - 1 });
  assert.ok(Number.isFinite(t.se));
});

Deno.test("confidenceInterval() refuses a bad level, method or estimate", () => {
  const sorted = [0, 1, 2, 3];
  assert.throws(() => confidenceInterval(0.5, sorted, 2, "percentile"), {
    name: "RangeError",
    message: "Cannot form confidence interval: `level` must be strictly between 0 and 1: got 2",
  });
  assert.throws(
    () => confidenceInterval(0.5, sorted, 0.9, "normal" as "bca"),
    /`interval` must be one of bca, percentile, basic: got "normal"/,
  );
  assert.throws(
    () => confidenceInterval(NaN, sorted, 0.9, "bca"),
    /`estimate` must be finite: got NaN/,
  );
  // the percentile interval of 0…3 at 50%: the 25% and 75% quantiles
  assert.deepEqual(confidenceInterval(1.5, sorted, 0.5, "percentile"), [0.75, 2.25]);
});
