/**
 * Shape metrics on neural representations: the linear family (Procrustes ↔ CCA,
 * Williams et al. 2021), the permutation metric, CKA (linear, RBF, debiased),
 * convolutional layers over spatial shifts, and stochastic metrics for
 * repeated-trial responses (Gaussian/Bures, energy distance, and Gaussian processes over
 * noisy trajectories).
 *
 * @example Distance between two networks on the same stimuli
 * ```ts
 * import { linearMetric, linearCKA, permutationMetric } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5]];
 * const Y = X.map(([a, b]) => [b, a]);
 * assert.equal(permutationMetric(X, Y), 0);
 * assert.ok(linearMetric(X, Y, { alpha: 1 }) < 1e-12);
 * assert.ok(Math.abs(linearCKA(X, Y) - 1) < 1e-12);
 * ```
 *
 * @module
 */

export * from "./inputs.ts";
export * from "./angular.ts";
export * from "./whiten.ts";
export * from "./linear.ts";
export * from "./permutation.ts";
export * from "./gram.ts";
export * from "./cka.ts";
export * from "./conv.ts";
export * from "./align.ts";
export * from "./stochastic_gaussian.ts";
export * from "./stochastic_energy.ts";
export * from "./stochastic_process.ts";
// the measure zoo: neighbourhood, CCA-family, distance, regression and descriptive measures
export * from "./knn.ts";
export * from "./cknna.ts";
export * from "./svcca.ts";
export * from "./pwcca.ts";
export * from "./dcor.ts";
export * from "./eigenspace.ts";
export * from "./procrustes_sq.ts";
export * from "./linreg.ts";
export * from "./soft_match.ts";
export * from "./descriptive.ts";
export * from "./streaming.ts";
