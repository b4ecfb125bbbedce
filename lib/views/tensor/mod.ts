/**
 * Views of the tensor and low-tensor-rank RNN results (`lib/tensor`, `lib/rnn`):
 * CP factors, rank curves, trial factors and variance explained. Importing this
 * module registers their renderers.
 *
 * @module
 */

import "./renderers.ts";
export {
  plotRankCurve,
  type RankCurveInput,
  type RankCurveOptions,
  type RankCurveRow,
} from "./rank_curve.ts";
export { plotTrialFactors, type TrialFactorsOptions } from "./trial_factors.ts";
export {
  plotVarianceExplained,
  type VarianceExplainedOptions,
  type VarianceSeries,
} from "./variance_explained.ts";
