/**
 * Representational similarity analysis as rsatoolbox computes it: RDMs from
 * patterns, RDM comparators, noise ceilings, weighted-model fits and bootstrap
 * evaluation.
 *
 * @example RDM of three conditions, compared with a model
 * ```ts
 * import { compareRdms, computeRdm } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const { rdm } = computeRdm([[0, 0], [1, 0], [0, 3]], { method: "euclidean" });
 * const model = [[0, 1, 2], [1, 0, 3], [2, 3, 0]];
 * assert.equal(compareRdms(rdm, model, { method: "spearman" }), 1);
 * ```
 *
 * @module
 */

export * from "./layout.ts";
export * from "./ranks.ts";
export * from "./rdm.ts";
export * from "./noise.ts";
export * from "./comparators.ts";
export { kendallTau } from "./kendall.ts";
export { buresSimilarity } from "./bures.ts";
export * from "./noise_ceiling.ts";
export * from "./nnls.ts";
export * from "./fit.ts";
export * from "./bootstrap.ts";
export * from "./similarity.ts";
export { allPairs, applyV, doubleCentred, type PairSet, solveV } from "./whitening.ts";
export * from "./rdm_stream.ts";
