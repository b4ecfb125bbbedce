import assert from "node:assert/strict";
import { ceilingNormalized, spearmanBrown, splitHalfReliability } from "../../lib/inference/mod.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

Deno.test("spearmanBrown() of the half-split reliability recovers the full-data reliability of a simulated unit", () => {
  // signal variance 1, noise variance σ² per repeat: reliability of the mean of R repeats = 1 / (1 + σ²/R)
  const R = 8, S = 400, sigma2 = 4;
  const g = normalSampler(mulberry32(3));
  const signal = Array.from({ length: S }, g);
  const data = new Float64Array(R * S);
  for (let r = 0; r < R; r++) {
    for (let s = 0; s < S; s++) data[r * S + s] = signal[s]! + Math.sqrt(sigma2) * g();
  }
  const out = splitHalfReliability(data, [R, S, 1], { splits: 20 });
  const expectedHalf = 1 / (1 + sigma2 / (R / 2));
  const expectedFull = 1 / (1 + sigma2 / R);
  assert.ok(Math.abs(out.halfCorrelation[0]! - expectedHalf) < 0.06, `${out.halfCorrelation[0]}`);
  assert.ok(Math.abs(out.reliability[0]! - expectedFull) < 0.05, `${out.reliability[0]}`);
});

Deno.test("ceilingNormalized() divides by the ceiling and never squares the ratio", () => {
  assert.equal(ceilingNormalized(0.3, 0.6), 0.5);
  assert.notEqual(ceilingNormalized(0.3, 0.6), (0.3 / 0.6) ** 2);
});

Deno.test("spearmanBrown() is the prophecy formula k·r/(1 + (k − 1)·r)", () => {
  assert.ok(Math.abs(spearmanBrown(0.6, 3) - 1.8 / 2.2) < 1e-15);
  assert.throws(() => spearmanBrown(1.2), /`r` must be in \[-1, 1\]: got 1.2/);
});

Deno.test("splitHalfReliability() names a unit with constant responses", () => {
  const data = new Float64Array(4 * 3 * 2).map((_, k) => (k % 2 === 0 ? 1 : k));
  assert.throws(() => splitHalfReliability(data, [4, 3, 2]), /unit 0 has constant responses/);
  assert.throws(
    () => splitHalfReliability(new Float64Array(5), [2, 3, 1]),
    /must hold repeats·stimuli·units = 6 values: got 5/,
  );
});
