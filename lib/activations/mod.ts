/**
 * Mid-range activations (O'Mahony, Nikolov & O'Sullivan, WACV 2025): analyse a
 * unit, logit or direction over its whole range of activations, not only the
 * top; select the mid-range samples (MIDs) of a classifier; curate them into
 * pseudo-groups for last-layer retraining that mitigates spurious correlations
 * without group labels; compare with ERM, a random class-balanced subset and
 * the group-label oracle (DFR), on procedural sprites and coloured digits.
 *
 * @example MIDs of a binary classifier are its near-boundary samples
 * ```ts
 * import { selectMids } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const sel = selectMids([[3, -3], [0.1, 0], [-3, 3]], [0, 1, 1]);
 * assert.deepEqual(sel.indices, [1]);
 * ```
 *
 * @module
 */

export { crossLabels, type LabelsLike } from "./labels.ts";
export { type AttributedImages, minorityFraction } from "./dataset.ts";
export * from "./groups.ts";
export * from "./bins.ts";
export {
  type ActivationAnalysis,
  activationAnalysis,
  type ActivationAnalysisOptions,
  type Composition,
  sampleComposition,
} from "./composition.ts";
export * from "./rsm.ts";
export {
  type MidBand,
  midBand,
  type MidBandOptions,
  type MidSelection,
  selectMids,
} from "./mid.ts";
export * from "./logistic.ts";
export * from "./curation.ts";
export type { Standardizer } from "./standardize.ts";
export * from "./baselines.ts";
export * from "./mlp.ts";
export * from "./cnn.ts";
export * from "./sprites.ts";
export * from "./digits.ts";
export * from "./experiment.ts";
export * from "./benchmark.ts";
