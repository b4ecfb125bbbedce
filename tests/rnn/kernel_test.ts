import assert from "node:assert/strict";
import { rationalQuadraticKernel, trialKernelCholesky } from "../../lib/rnn/kernel.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fx } from "./_fixtures.ts";

const k = fx.kernel;
const opts = {
  sigma: k.sigma,
  lengthScale: k.lengthScale,
  alpha: k.alpha,
  observationStd: k.observationStd,
  epochs: k.epochs,
};

Deno.test("rationalQuadraticKernel() matches numpy, block-diagonal across epochs", () => {
  assertAllClose(rationalQuadraticKernel(k.K, opts).data, k.cov, { rtol: 1e-14, atol: 0 });
});

Deno.test("trialKernelCholesky() matches numpy's Cholesky of kernel + σ_obs² I", () => {
  assertAllClose(trialKernelCholesky(k.K, opts).data, k.chol, { rtol: 1e-12, atol: 1e-14 });
});

Deno.test("rationalQuadraticKernel() uses trialIds as positions", () => {
  const Kmat = rationalQuadraticKernel(2, { trialIds: [0, 10], lengthScale: 5 });
  assertAllClose(Kmat.data[1]!, 1 / (1 + 100 / 50), { rtol: 1e-15 });
});

Deno.test("kernel functions reject bad hyperparameters", () => {
  assert.throws(() => rationalQuadraticKernel(0), {
    name: "RangeError",
    message: "Cannot build trial kernel: `nTrials` must be an integer >= 1: got 0",
  });
  assert.throws(() => rationalQuadraticKernel(3, { lengthScale: -1 }), {
    name: "RangeError",
    message: "Cannot build trial kernel: `lengthScale` must be a positive number: got -1",
  });
  assert.throws(() => trialKernelCholesky(3, { observationStd: -0.1 }), {
    name: "RangeError",
    message: "Cannot build trial kernel: `observationStd` must be >= 0: got -0.1",
  });
  assert.throws(() => rationalQuadraticKernel(3, { epochs: [0, 1] }), {
    name: "TypeError",
    message: "Cannot build trial kernel: `epochs` must have 3 entries: got 2",
  });
});
