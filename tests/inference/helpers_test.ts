// The exported inference helpers refuse input outside their domain with a RangeError
// naming the argument, instead of returning NaN or ±Infinity.
import assert from "node:assert/strict";
import {
  normalCdf,
  quantileSorted,
  sampleSd,
  spearmanBrown,
  splitHalfReliability,
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
