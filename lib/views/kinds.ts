/**
 * Result kinds and their data types: kind name → the type a renderer of that kind
 * receives. One map for the whole package, in the views layer (which may import every
 * area), so no module augments another: a new kind is added here, beside its renderer,
 * and {@link registerView} checks each renderer against its kind's type.
 * `tests/views/mod_test.ts` checks that every kind tagged in `lib/` is listed here and has
 * a renderer.
 *
 * @module
 */

import { type MimeBundle, registerRenderer, registerTable, type ResultTable } from "../result.ts";
import type { MidBenchmark } from "../activations/benchmark.ts";
import type { ActivationAnalysis } from "../activations/composition.ts";
import type { LastLayerFit } from "../activations/curation.ts";
import type { MidExperiment } from "../activations/experiment.ts";
import type { GroupAccuracy } from "../activations/groups.ts";
import type { LogisticFit } from "../activations/logistic.ts";
import type { MidSelection } from "../activations/mid.ts";
import type { SortedRsm } from "../activations/rsm.ts";
import type { Figure } from "../display/figure.ts";
import type { Table } from "../display/table.ts";
import type { DmdFit } from "../dynamics/dmd.ts";
import type { DmdcFit } from "../dynamics/dmdc.ts";
import type { DsaResult } from "../dynamics/dsa.ts";
import type { DmdModes } from "../dynamics/modes.ts";
import type { DsaMatrix } from "../dynamics/pairwise.ts";
import type { DmdPrediction } from "../dynamics/predict.ts";
import type { CleanedWassersteinResult, DmdResiduals } from "../dynamics/residual.ts";
import type { SimilarityResult } from "../dynamics/similarity.ts";
import type { DmdSweepResult } from "../dynamics/sweep.ts";
import type { WassersteinResult } from "../dynamics/wasserstein.ts";
import type { BootstrapResult } from "../inference/bootstrap.ts";
import type { ModelComparison } from "../inference/compare_models.ts";
import type { PermutationResult } from "../inference/permutation.ts";
import type { SplitHalfResult } from "../inference/reliability.ts";
import type { TwoFactorResult } from "../inference/two_factor.ts";
import type { Dataset } from "../io/dataset.ts";
import type { MeasureDescription } from "../measures/registry.ts";
import type { ConvMetricResult } from "../metrics/conv.ts";
import type { Barycenter } from "../multiset/barycenter.ts";
import type { ClassicalMDS } from "../multiset/mds.ts";
import type { DistanceMatrix } from "../multiset/pairwise.ts";
import type { TangentEmbedding } from "../multiset/tangent.ts";
import type { MeasureMatrix } from "../pairwise/engine.ts";
import type { LtrFit } from "../rnn/fit.ts";
import type { RankSelection } from "../rnn/rank_select.ts";
import type { RdmModelComparison, RsaEvaluation } from "../rsa/bootstrap.ts";
import type { ModelFit } from "../rsa/fit.ts";
import type { NoiseCeiling } from "../rsa/noise_ceiling.ts";
import type { RdmResult } from "../rsa/rdm.ts";
import type { AlignmentResult } from "../spectral/alignment.ts";
import type { AnalysisResult } from "../spectral/analysis.ts";
import type { EmpiricalResult } from "../spectral/learning_curve.ts";
import type { PredictivityResult } from "../spectral/predictivity.ts";
import type { RidgeFit } from "../spectral/ridge.ts";
import type { SpectrumResult } from "../spectral/spectrum.ts";
import type { SweepResult } from "../spectral/sweep.ts";
import type { TheoryResult } from "../spectral/theory.ts";
import type { CpFit } from "../tensor/cp_core.ts";
import type { CpRankSweep } from "../tensor/cp_rank.ts";
import type { ProgressView } from "./metrics/progress.ts";
import type { ProcrustesKMeans } from "../multiset/kmeans.ts";
import type { SubspaceDmdcFit } from "../dynamics/subspace_dmdc.ts";
import type { InputDsaResult } from "../dynamics/input_dsa.ts";
import type { MeasureSensitivity } from "../measures/sensitivity.ts";

/** Every result kind of the package and the type of its data. */
export interface ResultKinds {
  /** Tagged in `lib/measures/sensitivity.ts`. */
  measureSensitivity: MeasureSensitivity;
  /** Tagged in `lib/dynamics/input_dsa.ts`. */
  inputDsa: InputDsaResult;
  /** Tagged in `lib/dynamics/subspace_dmdc.ts`. */
  subspaceDmdc: SubspaceDmdcFit;
  /** Tagged in `lib/multiset/kmeans.ts`. */
  procrustesKMeans: ProcrustesKMeans;
  /** Tagged in `lib/activations/composition.ts`. */
  activationAnalysis: ActivationAnalysis;
  /** Tagged in `lib/multiset/barycenter.ts`. */
  barycenter: Barycenter;
  /** Tagged in `lib/inference/bootstrap.ts`. */
  bootstrap: BootstrapResult;
  /** Tagged in `lib/measures/registry.ts`. */
  measureList: { measures: MeasureDescription[] };
  /** Tagged in `lib/multiset/mds.ts`. */
  classicalMDS: ClassicalMDS;
  /** Tagged in `lib/dynamics/residual.ts`. */
  cleanedWasserstein: CleanedWassersteinResult;
  /** Tagged in `lib/metrics/conv.ts`. */
  convLinearMetric: ConvMetricResult;
  /** Tagged in `lib/tensor/cp_core.ts`. */
  cpDecomposition: CpFit;
  /** Tagged in `lib/tensor/cp_rank.ts`. */
  cpRankSweep: CpRankSweep;
  /** Tagged in `lib/multiset/pairwise.ts`. */
  crossDistances: DistanceMatrix | MeasureMatrix;
  /** Tagged in `lib/io/dataset.ts`. */
  dataset: Dataset;
  /** Tagged in `lib/views/metrics/progress.ts`. */
  distanceProgress: ProgressView;
  /** Tagged in `lib/dynamics/dmd.ts`. */
  dmd: DmdFit;
  /** Tagged in `lib/dynamics/modes.ts`. */
  dmdModes: DmdModes;
  /** Tagged in `lib/dynamics/predict.ts`. */
  dmdPrediction: DmdPrediction;
  /** Tagged in `lib/dynamics/residual.ts`. */
  dmdResiduals: DmdResiduals;
  /** Tagged in `lib/dynamics/sweep.ts`. */
  dmdSweep: DmdSweepResult;
  /** Tagged in `lib/dynamics/dmdc.ts`. */
  dmdc: DmdcFit;
  /** Tagged in `lib/dynamics/dsa.ts`. */
  dsa: DsaResult;
  /** Tagged in `lib/dynamics/pairwise.ts`. */
  dsaMatrix: DsaMatrix;
  /** Tagged in `lib/display/figure.ts`. */
  figure: Figure;
  /** Tagged in `lib/activations/groups.ts`. */
  groupAccuracy: GroupAccuracy;
  /** Tagged in `lib/activations/curation.ts`. */
  lastLayerFit: LastLayerFit;
  /** Tagged in `lib/activations/logistic.ts`. */
  logisticFit: LogisticFit;
  /** Tagged in `lib/rnn/fit.ts`. */
  ltrFit: LtrFit;
  /** Tagged in `lib/activations/benchmark.ts`. */
  midBenchmark: MidBenchmark;
  /** Tagged in `lib/activations/experiment.ts`. */
  midExperiment: MidExperiment;
  /** Tagged in `lib/activations/mid.ts`. */
  midSelection: MidSelection;
  /** Tagged in `lib/inference/compare_models.ts`. */
  modelComparison: ModelComparison;
  /** Tagged in `lib/rsa/noise_ceiling.ts`. */
  noiseCeiling: NoiseCeiling;
  /** Tagged in `lib/multiset/pairwise.ts`. */
  pairwiseDistances: DistanceMatrix | MeasureMatrix;
  /** Tagged in `lib/inference/permutation.ts`. */
  permutationTest: PermutationResult;
  /** Tagged in `lib/rnn/rank_select.ts`. */
  rankSelection: RankSelection;
  /** Tagged in `lib/rsa/rdm.ts`. */
  rdm: RdmResult;
  /** Tagged in `lib/spectral/ridge.ts`. */
  ridgeFit: RidgeFit;
  /** Tagged in `lib/spectral/predictivity.ts`. */
  ridgePredictivity: PredictivityResult;
  /** Tagged in `lib/rsa/bootstrap.ts`. */
  rsaEvaluation: RsaEvaluation;
  /** Tagged in `lib/rsa/fit.ts`. */
  rsaFit: ModelFit;
  /** Tagged in `lib/rsa/bootstrap.ts`. */
  rsaModelComparison: RdmModelComparison;
  /** Tagged in `lib/dynamics/similarity.ts`. */
  similarityTransform: SimilarityResult;
  /** Tagged in `lib/activations/rsm.ts`. */
  sortedRsm: SortedRsm;
  /** Tagged in `lib/spectral/alignment.ts`. */
  spectralAlignment: AlignmentResult;
  /** Tagged in `lib/spectral/analysis.ts`. */
  spectralAnalysis: AnalysisResult;
  /** Tagged in `lib/spectral/learning_curve.ts`. */
  spectralEmpirical: EmpiricalResult;
  /** Tagged in `lib/spectral/sweep.ts`. */
  spectralSweep: SweepResult;
  /** Tagged in `lib/spectral/theory.ts`. */
  spectralTheory: TheoryResult;
  /** Tagged in `lib/spectral/spectrum.ts`. */
  spectrum: SpectrumResult;
  /** Tagged in `lib/inference/reliability.ts`. */
  splitHalfReliability: SplitHalfResult;
  /** Tagged in `lib/display/table.ts`. */
  table: Table;
  /** Tagged in `lib/multiset/tangent.ts`. */
  tangentEmbedding: TangentEmbedding;
  /** Tagged in `lib/inference/two_factor.ts`. */
  twoFactorBootstrap: TwoFactorResult;
  /** Tagged in `lib/dynamics/wasserstein.ts`. */
  wassersteinEigenvalues: WassersteinResult;
}

/** A result kind name of the package: a key of {@link ResultKinds}. */
export type ResultKind = keyof ResultKinds;

/**
 * Register the view (renderer) of one of the package's result kinds; the
 * renderer receives the kind's data type from {@link ResultKinds}.
 *
 * @param kind A key of {@link ResultKinds}.
 * @param renderer Returns the MIME bundle (`text/plain` is filled in when missing).
 *
 * @example The views register every kind of the package this way
 * ```ts
 * import "./mod.ts";
 * import { hasRenderer } from "../result.ts";
 * import assert from "node:assert/strict";
 * assert.ok(hasRenderer("ltrFit") && hasRenderer("dsa") && hasRenderer("rdm"));
 * ```
 */
export function registerView<K extends ResultKind>(
  kind: K,
  renderer: (result: ResultKinds[K]) => MimeBundle,
): void {
  registerRenderer(kind, renderer);
}

/**
 * Register the tidy-table function of one of the package's result kinds
 * (`toTable` looks it up); the function receives the kind's data type.
 *
 * @param kind A key of {@link ResultKinds}.
 * @param tabulator Returns named columns of equal length.
 *
 * @example The views register a table for every kind of the package this way
 * ```ts
 * import "./mod.ts";
 * import { hasTable } from "../result.ts";
 * import assert from "node:assert/strict";
 * assert.ok(hasTable("ltrFit") && hasTable("dsa") && hasTable("rdm"));
 * ```
 */
export function registerKindTable<K extends ResultKind>(
  kind: K,
  tabulator: (result: ResultKinds[K]) => ResultTable,
): void {
  registerTable(kind, tabulator);
}
