/**
 * Dense 3-tensors and CP decomposition (tensor component analysis): CP-ALS with masks
 * and restarts, nonnegative CP by HALS, Kruskal similarity between fits, block masks for
 * cross-validation.
 *
 * @example Fit a rank-2 tensor and compare two fits
 * ```ts
 * import { cpAls, kruskalSimilarity, kruskalToTensor } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const T = kruskalToTensor([[[1, 0], [1, 1], [0, 2]], [[2, 1], [0, 1]], [[1, 1], [3, 0]]]);
 * const a = cpAls(T, { rank: 2, seed: 1 }), b = cpAls(T, { rank: 2, seed: 2 });
 * assert.ok(a.relativeError < 1e-6);
 * assert.ok(kruskalSimilarity(a.factors, b.factors).similarity > 0.999);
 * ```
 *
 * @module
 */

export * from "./tensor.ts";
export { khatriRao, mttkrp } from "./khatri_rao.ts";
export { kruskalSimilarity, kruskalToTensor, normalizeKruskal } from "./kruskal.ts";
export type { KruskalSimilarity, KruskalSimilarityOptions, NormalizedKruskal } from "./kruskal.ts";
export { reconstructionError } from "./fit_error.ts";
export type { FitError, ReconstructionErrorOptions } from "./fit_error.ts";
export { cpAls } from "./cp_als.ts";
export type { CpFit, CpOptions } from "./cp_core.ts";
export { cpHals } from "./cp_hals.ts";
export { cpReconstruct, cpScore, type CpScoreOptions } from "./cp_score.ts";
export { blockMasks, randomMask } from "./masks.ts";
export type { BlockMaskOptions, BlockMasks, RandomMaskOptions } from "./masks.ts";
export { cpRankSweep } from "./cp_rank.ts";
export type { CpRankRow, CpRankSweep, CpRankSweepOptions } from "./cp_rank.ts";
