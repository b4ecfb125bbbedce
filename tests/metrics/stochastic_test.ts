import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import {
  energyShapeMetric,
  fitEnergyShapeMetric,
  fitGaussianShapeMetric,
  gaussianMoments,
  gaussianShapeMetric,
} from "../../lib/metrics/mod.ts";
import { singularValues } from "../../lib/linalg/svd.ts";
import { matmul } from "../../lib/linalg/products.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { mul, orthogonal, permutation, rand } from "./_gen.ts";

/** Random Gaussian summaries: n stimuli, p units. */
function gaussians(n: number, p: number, seed: number) {
  const means = rand(n, p, seed);
  const covs = new Float64Array(n * p * p);
  for (let i = 0; i < n; i++) {
    const A = rand(p, p, seed + 100 + i);
    const C = matmul(A, A, { transB: true });
    covs.set(C.data, i * p * p);
  }
  return { means, covariances: { shape: [n, p, p], data: covs } };
}

/** Apply y ↦ y Q to means and Qᵀ Σ Q to covariances. */
function rotate(g: ReturnType<typeof gaussians>, Q: Matrix) {
  const [n, p] = g.covariances.shape as [number, number];
  const covs = new Float64Array(g.covariances.data.length);
  for (let i = 0; i < n; i++) {
    const C = { rows: p, cols: p, data: g.covariances.data.slice(i * p * p, (i + 1) * p * p) };
    covs.set(matmul(matmul(Q, C, { transA: true }), Q).data, i * p * p);
  }
  return { means: mul(g.means, Q), covariances: { shape: [n, p, p], data: covs } };
}

function trials(n: number, r: number, p: number, seed: number) {
  return { shape: [n, r, p], data: rand(1, n * r * p, seed).data };
}

function rotateTrials(t: { shape: number[]; data: Float64Array }, Q: Matrix) {
  const p = t.shape[2]!;
  return { shape: t.shape, data: mul({ rows: t.data.length / p, cols: p, data: t.data }, Q).data };
}

Deno.test("gaussianShapeMetric() is below 1e-10 for a rotated copy at every α", () => {
  const X = gaussians(6, 3, 1);
  const Y = rotate(X, orthogonal(3, 2));
  for (const alpha of [0.5, 1, 2]) {
    assert.ok(gaussianShapeMetric(X, Y, { alpha }) < 1e-10, `α=${alpha}`);
  }
});

Deno.test("gaussianShapeMetric() at α = 2 equals √2 × the Procrustes distance of the means per stimulus", () => {
  const X = gaussians(7, 3, 3), Y = gaussians(7, 3, 4);
  const mx = X.means, my = Y.means;
  const nuc = singularValues(matmul(my, mx, { transA: true })).reduce((a, b) => a + b, 0);
  let sx = 0, sy = 0;
  for (const v of mx.data) sx += v * v;
  for (const v of my.data) sy += v * v;
  const expected = Math.sqrt((2 * (sx + sy - 2 * nuc)) / 7);
  assertAllClose(gaussianShapeMetric(X, Y, { alpha: 2 }), expected, { rtol: 1e-9 });
});

Deno.test("gaussianShapeMetric() at α = 0 ignores the means", () => {
  const X = gaussians(5, 2, 5);
  const Y = { means: rand(5, 2, 99), covariances: X.covariances };
  assert.ok(gaussianShapeMetric(X, Y, { alpha: 0, group: "identity" }) < 1e-7);
});

Deno.test("fitGaussianShapeMetric() never increases the objective and is nearly symmetric", () => {
  const X = gaussians(8, 3, 6), Y = gaussians(8, 3, 7);
  const fit = fitGaussianShapeMetric(X, Y, { alpha: 1 });
  for (let k = 1; k < fit.lossHistory.length; k++) {
    assert.ok(fit.lossHistory[k]! <= fit.lossHistory[k - 1]! * (1 + 1e-12));
  }
  assertAllClose(gaussianShapeMetric(X, Y), gaussianShapeMetric(Y, X), { rtol: 1e-4 });
});

Deno.test("gaussianMoments() estimates means and unbiased covariances; trials and moments inputs agree", () => {
  const t = trials(3, 6, 2, 8);
  const { means, covariances } = gaussianMoments(t);
  // stimulus 0, unit 0: mean and variance by hand
  const v = [0, 1, 2, 3, 4, 5].map((a) => t.data[a * 2]!);
  const mu = v.reduce((a, b) => a + b, 0) / 6;
  assertAllClose(means.data[0]!, mu, { rtol: 1e-14 });
  assertAllClose(covariances.data[0]!, v.reduce((a, b) => a + (b - mu) ** 2, 0) / 5, {
    rtol: 1e-13,
  });
  const u = trials(3, 6, 2, 9);
  assertAllClose(
    gaussianShapeMetric(t, u),
    gaussianShapeMetric(gaussianMoments(t), gaussianMoments(u)),
    {
      rtol: 1e-14,
    },
  );
});

Deno.test("gaussianShapeMetric() errors: α range, group, shapes, covariance not PSD, too few trials", () => {
  const X = gaussians(3, 2, 1);
  assert.throws(() => gaussianShapeMetric(X, X, { alpha: 2.5 }), {
    name: "RangeError",
    message: "Cannot fit Gaussian shape metric: `alpha` must be in [0, 2]: got 2.5",
  });
  // deno-lint-ignore no-explicit-any
  assert.throws(() => gaussianShapeMetric(X, X, { group: "affine" as any }), {
    name: "RangeError",
    message:
      "Cannot fit Gaussian shape metric: `group` must be one of orth, perm, identity: got affine",
  });
  assert.throws(() => gaussianShapeMetric(X, gaussians(4, 2, 2)), {
    name: "TypeError",
    message:
      "Cannot fit Gaussian shape metric: `X` and `Y` must have the same stimuli and units: got [3, 2] and [4, 2]",
  });
  const bad = { means: [[0, 0]], covariances: [[[1, 0], [0, -1]]] };
  assert.throws(() => gaussianShapeMetric(bad, bad), {
    name: "RangeError",
    message:
      "Cannot fit Gaussian shape metric: `X` covariance 0 must be positive semidefinite: smallest eigenvalue -1",
  });
  assert.throws(() => gaussianShapeMetric(trials(2, 1, 2, 1), trials(2, 1, 2, 2)), {
    name: "RangeError",
    message: "Cannot estimate Gaussian moments: need more than ddof = 1 trials per stimulus: got 1",
  });
});

Deno.test("energyShapeMetric() is zero for a rotated copy and recovers the rotation", () => {
  const X = trials(5, 4, 3, 1);
  const Q = orthogonal(3, 2);
  const Y = rotateTrials(X, Q); // y = x Q, so y Qᵀ = x
  const fit = fitEnergyShapeMetric(X, Y);
  assertAllClose(fit.T, {
    rows: 3,
    cols: 3,
    data: matmul(Q, { rows: 3, cols: 3, data: new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]) }, {
      transA: true,
    }).data,
  }, { atol: 1e-6 });
  assert.equal(energyShapeMetric(X, Y), 0);
});

Deno.test("energyShapeMetric() with the permutation group is zero for unit-permuted trials", () => {
  const X = trials(4, 5, 4, 3);
  const perm = permutation(4, 4);
  const P = { rows: 4, cols: 4, data: new Float64Array(16) };
  for (let k = 0; k < 4; k++) P.data[perm[k]! * 4 + k] = 1;
  assert.equal(energyShapeMetric(X, rotateTrials(X, P), { group: "perm" }), 0);
});

Deno.test("fitEnergyShapeMetric() never increases the cross term; distance is symmetric under swapping", () => {
  const X = trials(6, 4, 2, 5), Y0 = trials(6, 3, 2, 6);
  const Y = { shape: Y0.shape, data: Y0.data.map((v) => 3 * v) }; // wider trial distributions
  const fit = fitEnergyShapeMetric(X, Y);
  for (let k = 1; k < fit.lossHistory.length; k++) {
    assert.ok(fit.lossHistory[k]! <= fit.lossHistory[k - 1]! * (1 + 1e-12));
  }
  assertAllClose(energyShapeMetric(X, Y), energyShapeMetric(Y, X), { rtol: 1e-5 });
  assert.ok(energyShapeMetric(X, Y) > 0);
});

Deno.test("energyShapeMetric() errors: too few trials, mismatched stimuli", () => {
  assert.throws(() => energyShapeMetric(trials(2, 1, 2, 1), trials(2, 3, 2, 1)), {
    name: "RangeError",
    message:
      "Cannot fit energy shape metric: `X` needs at least 2 trials per stimulus: got shape [2, 1, 2]",
  });
  assert.throws(() => energyShapeMetric(trials(2, 3, 2, 1), trials(3, 3, 2, 1)), {
    name: "TypeError",
    message:
      "Cannot fit energy shape metric: `X` and `Y` must have the same stimuli and units (axes 0 and 2): got shapes [2, 3, 2] and [3, 3, 2]",
  });
});
