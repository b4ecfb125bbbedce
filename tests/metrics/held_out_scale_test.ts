/**
 * fitLinearMetric() far from unit scale fits at unit scale (an exact power of two);
 * its means used to stay in those units, so held-out rows at the data's scale were
 * centred with the wrong means: X·1e160 scored 0 instead of 1.7298.
 */

import assert from "node:assert/strict";
import { fitLinearMetric, scoreLinearMetric } from "../../lib/metrics/linear.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

const g = normalSampler(mulberry32(3));
const rand = (n: number, p: number) =>
  Array.from({ length: n }, () => Array.from({ length: p }, () => g() + 1));
const X = rand(12, 3), Y = rand(12, 3);
const times = (M: number[][], c: number) => M.map((r) => r.map((v) => v * c));

Deno.test("scoreLinearMetric() of a fit at X·c, on held-out rows at X·c, is its unit-scale value (c = 1e±160, 1e±300)", () => {
  for (const alpha of [1, 0]) {
    const ref = scoreLinearMetric(
      fitLinearMetric(X.slice(0, 8), Y.slice(0, 8), { alpha }),
      X.slice(8),
      Y.slice(8),
    );
    assert.ok(ref > 1, `a non-trivial held-out angle: ${ref}`);
    for (const c of [1e160, 1e-160, 1e300, 1e-300]) {
      const fit = fitLinearMetric(times(X.slice(0, 8), c), times(Y.slice(0, 8), c), { alpha });
      const v = scoreLinearMetric(fit, times(X.slice(8), c), times(Y.slice(8), c));
      assert.ok(Math.abs(v - ref) < 1e-12, `α = ${alpha}, c = ${c}: ${v} vs ${ref}`);
      // X at c, Y at unit scale: each side's scale is its own
      const w = scoreLinearMetric(
        fitLinearMetric(times(X.slice(0, 8), c), Y.slice(0, 8), { alpha }),
        times(X.slice(8), c),
        Y.slice(8),
      );
      assert.ok(Math.abs(w - ref) < 1e-12, `α = ${alpha}, X at c = ${c}: ${w} vs ${ref}`);
    }
  }
});

Deno.test("fitLinearMetric() of X·2^600 keeps its means in the data's units, exactly", () => {
  const ref = fitLinearMetric(X, Y);
  const fit = fitLinearMetric(times(X, 2 ** 600), Y);
  assert.deepEqual(fit.meanX, ref.meanX.map((v) => v * 2 ** 600));
  assert.deepEqual(fit.meanY, ref.meanY);
  assert.equal(fit.scaleX, ref.scaleX! * 2 ** 600);
  // W_X is scale-free (α = 1: the rotation U)
  fit.Wx.data.forEach((v, k) => assert.ok(Math.abs(v - ref.Wx.data[k]!) < 1e-14, `Wx[${k}]`));
});
