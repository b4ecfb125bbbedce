/**
 * Calibrated inference for any statistic of resampled units: bootstrap SEs and
 * CIs (BCa or percentile), the two-factor bootstrap with its variance
 * correction, permutation tests, bootstrap model comparison, and split-half
 * reliability with Spearman–Brown. Every function takes the statistic as a
 * function of a draw of unit indices, so callers resample cached per-unit
 * state by index; draws depend only on (seed, draw index).
 *
 * @example A permutation test of a correlation
 * ```ts
 * import { permutationTest } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = [1, 2, 3, 4, 5, 6, 7, 8], y = [2, 1, 4, 3, 6, 5, 8, 7];
 * const stat = (p: Int32Array | null) => x.reduce((s, v, i) => s + v * y[p ? p[i]! : i]!, 0);
 * assert.ok(permutationTest(8, stat, { permutations: 500 }).pValue < 0.05);
 * ```
 *
 * @module
 */

export {
  biasWarning,
  bootstrap,
  type BootstrapOptions,
  type BootstrapResult,
  confidenceInterval,
  type DrawPlan,
  type IntervalMethod,
  jackknife,
  quantileSorted,
  type ResampleScheme,
  sampleSd,
  UnusableDraw,
} from "./bootstrap.ts";
export {
  compareModels,
  type CompareModelsOptions,
  type ModelComparison,
  type ModelDifference,
  type ModelScore,
} from "./compare_models.ts";
export { normalCdf, normalQuantile } from "./normal.ts";
export {
  type Alternative,
  type PermutationOptions,
  type PermutationResult,
  permutationTest,
} from "./permutation.ts";
export {
  ceilingNormalized,
  spearmanBrown,
  type SplitHalfOptions,
  splitHalfReliability,
  type SplitHalfResult,
} from "./reliability.ts";
export {
  bootstrapDraw,
  distinctCount,
  drawRng,
  permutationDraw,
  subsampleDraw,
} from "./resample.ts";
export { twoFactorBootstrap, type TwoFactorResult } from "./two_factor.ts";
export {
  bootstrapMatrix,
  type BootstrapMatrixOptions,
  bootstrapMeasure,
  bootstrapMeasureSubjects,
  compareModelsSubjects,
  compareModelsWith,
  type InferenceValue,
  type MeasureInferenceOptions,
  permutationMeasure,
  type SubjectBootstrap,
  type SubjectInferenceOptions,
  type SubjectResample,
  withBootstrapSe,
} from "./measure.ts";
