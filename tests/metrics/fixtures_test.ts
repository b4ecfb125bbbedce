/**
 * Parity with an independent numpy implementation of the spec
 * (fixtures/make_fixtures.py → fixtures/shape_metrics.json).
 */
import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fromRows, sliceRows } from "../../lib/linalg/matrix.ts";
import {
  convLinearMetric,
  debiasedCKA,
  energyShapeMetric,
  fitLinearMetric,
  gaussianShapeMetric,
  linearCKA,
  linearMetric,
  permutationMetric,
  rbfCKA,
  scoreLinearMetric,
} from "../../lib/metrics/mod.ts";

const F = JSON.parse(
  await Deno.readTextFile(new URL("./fixtures/shape_metrics.json", import.meta.url)),
);
const inputs = (name: string) => ({
  X: fromRows(F.inputs[name].X),
  Y: fromRows(F.inputs[name].Y),
});

Deno.test("linearMetric() matches the numpy reference on every fixture (shapes, α, scores, centring)", () => {
  assert.ok(F.linear.length >= 40);
  for (const c of F.linear) {
    const { X, Y } = inputs(c.name);
    const label = `${c.name} α=${c.alpha} ${c.score} center=${c.center}: `;
    const opts = { alpha: c.alpha, score: c.score, center: c.center };
    const fit = fitLinearMetric(X, Y, opts);
    for (const d of [linearMetric(X, Y, opts), scoreLinearMetric(fit, X, Y)]) {
      if (c.expected < 1e-6) {
        // numpy's arccos is only accurate to ~1e-8 here (the true value is 0); we must do better
        assert.ok(d < 1e-10, `${label}expected ~0, got ${d}`);
      } else {
        assertAllClose(d, c.expected, { rtol: 1e-9, atol: 1e-11, label });
      }
    }
  }
});

Deno.test("scoreLinearMetric() on held-out rows matches the numpy reference", () => {
  const X = fromRows(F.held_out.X), Y = fromRows(F.held_out.Y);
  for (const c of F.held_out.cases) {
    const [a, b] = c.train, [s, e] = c.test;
    const fit = fitLinearMetric(sliceRows(X, a, b), sliceRows(Y, a, b), {
      alpha: c.alpha,
      score: c.score,
    });
    const label = `α=${c.alpha} ${c.score}: `;
    assertAllClose(
      scoreLinearMetric(fit, sliceRows(X, s, e), sliceRows(Y, s, e)),
      c.expected_test,
      {
        rtol: 1e-9,
        label,
      },
    );
    assertAllClose(
      scoreLinearMetric(fit, sliceRows(X, a, b), sliceRows(Y, a, b)),
      c.expected_train,
      {
        rtol: 1e-9,
        label,
      },
    );
  }
});

Deno.test("linearMetric() at α = 1 equals the nuclear-norm closed form", () => {
  for (const c of F.closed) {
    const { X, Y } = inputs(c.name);
    assertAllClose(linearMetric(X, Y, { alpha: 1 }), c.alpha1_angular, {
      rtol: 1e-12,
      label: c.name,
    });
    assertAllClose(linearMetric(X, Y, { alpha: 1, score: "euclidean" }), c.alpha1_euclidean, {
      rtol: 1e-11,
      label: c.name,
    });
  }
});

Deno.test("linearMetric() at α = 0 equals arccos of the mean canonical correlation", () => {
  for (const c of F.cca) {
    const X = fromRows(c.X), Y = fromRows(c.Y);
    assertAllClose(linearMetric(X, Y, { alpha: 0 }), c.expected, { rtol: 1e-9 });
  }
});

Deno.test("permutationMetric() matches the numpy/scipy reference", () => {
  for (const c of F.permutation) {
    const X = fromRows(c.X), Y = fromRows(c.Y);
    assertAllClose(permutationMetric(X, Y, { score: c.score, center: c.center }), c.expected, {
      rtol: 1e-12,
      label: `${c.name} ${c.score} center=${c.center}: `,
    });
  }
});

Deno.test("linearCKA(), rbfCKA() and debiasedCKA() match the numpy reference in both spaces", () => {
  for (const c of F.cka) {
    const X = fromRows(c.X), Y = fromRows(c.Y);
    const label = `${c.name}: `;
    assertAllClose(linearCKA(X, Y), c.linear, { rtol: 1e-12, label });
    assertAllClose(rbfCKA(X, Y), c.rbf_1, { rtol: 1e-12, label });
    assertAllClose(rbfCKA(X, Y, { threshold: 0.5 }), c.rbf_0_5, { rtol: 1e-12, label });
    assertAllClose(debiasedCKA(X, Y), c.debiased_linear, { rtol: 1e-10, atol: 1e-13, label });
    assertAllClose(debiasedCKA(X, Y, { kernel: "rbf" }), c.debiased_rbf_1, { rtol: 1e-10, label });
  }
});

Deno.test("convLinearMetric() reproduces the numpy shift map and its minimum", () => {
  const c = F.conv;
  const r = convLinearMetric(c.X, c.Y, { alpha: c.alpha, score: c.score });
  const expected = (c.map as number[][]).flat();
  assertAllClose(r.map.data, expected, { rtol: 1e-9 });
  assert.equal(r.distance, Math.min(...r.map.data));
  // Y was built from X rolled by (1, −2): that shift should win
  assert.deepEqual(r.shift, [1, -2]);
});

Deno.test("gaussianShapeMetric() with the identity group equals the closed-form Bures/Wasserstein value", () => {
  const g = F.gaussian;
  const X = { means: g.means_X, covariances: g.covs_X };
  const Y = { means: g.means_Y, covariances: g.covs_Y };
  for (const [alpha, expected] of Object.entries(g.identity)) {
    const d = gaussianShapeMetric(X, Y, { alpha: Number(alpha), group: "identity" });
    assertAllClose(d, expected as number, { rtol: 1e-10, label: `α=${alpha}: ` });
  }
});

Deno.test("energyShapeMetric() with the identity group equals the numpy energy distance", () => {
  const e = F.energy;
  assertAllClose(energyShapeMetric(e.X, e.Y, { group: "identity" }), e.identity, { rtol: 1e-12 });
});
