/**
 * The options each exported function of `lib/dynamics/` reads, declared once
 * (checked by the compiler against the options types) and checked at entry by
 * `checkOptions`: a misspelt option (`{ ndelays: 5 }`) is an error, and boolean
 * options must be booleans.
 *
 * @module
 */

import { type OptionKinds, optionKinds } from "../validate/options.ts";
import type { DmdOptions } from "./dmd.ts";
import type { DsaScoreOptions } from "./dsa.ts";
import type { DelayEmbedOptions } from "./embed.ts";
import type { GramianDistanceOptions } from "./gramian_distance.ts";
import type { ControllabilityMatrixOptions, InputDsaOptions } from "./input_dsa.ts";
import type { InputDsaJointOptions } from "./input_dsa_joint.ts";
import type { TransientGrowthOptions } from "./nonnormal.ts";
import type { DsaPairwiseOptions } from "./pairwise.ts";
import type { PredictOptions } from "./predict.ts";
import type { CleanedWassersteinOptions, CleanOptions } from "./residual.ts";
import type { SimilarityOptions } from "./similarity.ts";
import type { SubspaceDmdcOptions } from "./subspace_core.ts";
import type { DmdSweepOptions, DmdSweepParallelOptions } from "./sweep.ts";
import type { MatchedAttractorOptions } from "./simulate/attractors.ts";
import type { DeformOptions } from "./simulate/deform.ts";
import type { DrivenSimulateOptions } from "./simulate/driven.ts";
import type {
  ConjugateOptions,
  LinearSimulateOptions,
  RandomStableOptions,
} from "./simulate/linear.ts";
import type { LorenzOptions } from "./simulate/lorenz.ts";
import type { RingAttractorOptions } from "./simulate/ring.ts";
import type { VanDerPolOptions } from "./simulate/van_der_pol.ts";

/** `fitDmd`, `fitDmdc`, `trialStatistics`. */
export const DMD_OPTIONS: OptionKinds<DmdOptions> = optionKinds<DmdOptions>({
  nDelays: "any",
  delayInterval: "any",
  rank: "any",
  rankThreshold: "any",
  explainedVariance: "any",
  ridge: "any",
  center: "boolean",
  scale: "boolean",
});

/** `similarityTransformDistance`. */
export const SIMILARITY_OPTIONS: OptionKinds<SimilarityOptions> = optionKinds<SimilarityOptions>({
  score: "any",
  seed: "any",
  maxStarts: "any",
  minRandomStarts: "any",
  maxTotalIterations: "any",
  screen: "any",
  screenIterations: "any",
  agree: "any",
  agreeTolerance: "any",
  maxUnseenMass: "any",
  gateIterations: "any",
  gateMargin: "any",
  exploreValueRel: "any",
  memory: "any",
  pad: "boolean",
  maxIterations: "any",
  gradRel: "any",
  gradAbs: "any",
  valueRel: "any",
});

/** `scoreOperators`, `dsaScore`. */
export const DSA_SCORE_OPTIONS: OptionKinds<DsaScoreOptions> = optionKinds<DsaScoreOptions>(
  SIMILARITY_OPTIONS,
);

/** `dsa`. */
export const DSA_OPTIONS: Readonly<Record<string, "any" | "boolean">> = {
  ...DMD_OPTIONS,
  ...DSA_SCORE_OPTIONS,
};

/** `dsaPairwise`, `dsaCross`. */
export const DSA_PAIRWISE_OPTIONS: OptionKinds<DsaPairwiseOptions> = optionKinds<
  DsaPairwiseOptions
>({ ...DMD_OPTIONS, ...DSA_SCORE_OPTIONS, workers: "any", shard: "any", onProgress: "any" });

/** `predictDmd`, `predictDmdc`. */
export const PREDICT_OPTIONS: OptionKinds<PredictOptions> = optionKinds<PredictOptions>({
  steps: "any",
});

/** `delayEmbed`. */
export const DELAY_EMBED_OPTIONS: OptionKinds<DelayEmbedOptions> = optionKinds<DelayEmbedOptions>({
  nDelays: "any",
  delayInterval: "any",
});

/** `gramianDistance`. */
export const GRAMIAN_OPTIONS: OptionKinds<GramianDistanceOptions> = optionKinds<
  GramianDistanceOptions
>({ score: "any" });

/** `controllabilityMatrix`. */
export const CONTROLLABILITY_OPTIONS: OptionKinds<ControllabilityMatrixOptions> = optionKinds<
  ControllabilityMatrixOptions
>({ powers: "any", transposePowers: "boolean" });

/** `inputDsaDistance`. */
export const INPUT_DSA_OPTIONS: OptionKinds<InputDsaOptions> = optionKinds<InputDsaOptions>({
  ...CONTROLLABILITY_OPTIONS,
  ...SIMILARITY_OPTIONS,
  compare: "any",
});

/** `inputDsaJoint`, `inputDsaWeighted`. */
export const INPUT_DSA_JOINT_OPTIONS: OptionKinds<InputDsaJointOptions> = optionKinds<
  InputDsaJointOptions
>({
  ...CONTROLLABILITY_OPTIONS,
  alpha: "any",
  score: "any",
  starts: "any",
  randomStarts: "any",
  maxIterations: "any",
  gradientTolerance: "any",
  pad: "boolean",
  seed: "any",
});

/** `transientGrowth`. */
export const TRANSIENT_GROWTH_OPTIONS: OptionKinds<TransientGrowthOptions> = optionKinds<
  TransientGrowthOptions
>({ maxSteps: "any" });

/** `cleanSpectrum`. */
export const CLEAN_OPTIONS: OptionKinds<CleanOptions> = optionKinds<CleanOptions>({
  threshold: "any",
});

/** `cleanedWasserstein`. */
export const CLEANED_WASSERSTEIN_OPTIONS: OptionKinds<CleanedWassersteinOptions> = optionKinds<
  CleanedWassersteinOptions
>({ ...DMD_OPTIONS, ...CLEAN_OPTIONS });

/** `fitSubspaceDmdc`, `subspaceTrialStatistics`. */
export const SUBSPACE_OPTIONS: OptionKinds<SubspaceDmdcOptions> = optionKinds<
  SubspaceDmdcOptions
>({
  nDelays: "any",
  horizon: "any",
  rank: "any",
  explainedVariance: "any",
  ridge: "any",
  center: "boolean",
});

/** `sweepDmd`. */
export const SWEEP_OPTIONS: OptionKinds<DmdSweepOptions> = optionKinds<DmdSweepOptions>({
  nDelays: "any",
  ranks: "any",
  delayInterval: "any",
  ridge: "any",
  split: "any",
  testFraction: "any",
  steps: "any",
  criterion: "any",
  tolerance: "any",
});

/** `sweepDmdParallel`. */
export const SWEEP_PARALLEL_OPTIONS: OptionKinds<DmdSweepParallelOptions> = optionKinds<
  DmdSweepParallelOptions
>({ ...SWEEP_OPTIONS, workers: "any" });

const SIMULATE = {
  steps: "any",
  dt: "any",
  substeps: "any",
  burnIn: "any",
  trials: "any",
  processNoise: "any",
  observationNoise: "any",
  seed: "any",
} as const;

/** `simulateLorenz`. */
export const LORENZ_OPTIONS: OptionKinds<LorenzOptions> = optionKinds<LorenzOptions>({
  ...SIMULATE,
  sigma: "any",
  rho: "any",
  beta: "any",
  initial: "any",
});

/** `simulateVanDerPol`. */
export const VAN_DER_POL_OPTIONS: OptionKinds<VanDerPolOptions> = optionKinds<VanDerPolOptions>({
  ...SIMULATE,
  mu: "any",
  initial: "any",
});

/** `simulateRingAttractor`. */
export const RING_OPTIONS: OptionKinds<RingAttractorOptions> = optionKinds<RingAttractorOptions>({
  ...SIMULATE,
  perturbation: "any",
  alpha: "any",
  dims: "any",
});

/** `simulateLinear`. */
export const LINEAR_SIMULATE_OPTIONS: OptionKinds<LinearSimulateOptions> = optionKinds<
  LinearSimulateOptions
>({
  steps: "any",
  trials: "any",
  processNoise: "any",
  observationNoise: "any",
  initialScale: "any",
  seed: "any",
});

/** `randomStableMatrix`. */
export const RANDOM_STABLE_OPTIONS: OptionKinds<RandomStableOptions> = optionKinds<
  RandomStableOptions
>({ spectralRadius: "any", seed: "any" });

/** `orthogonalConjugate`. */
export const CONJUGATE_OPTIONS: OptionKinds<ConjugateOptions> = optionKinds<ConjugateOptions>({
  determinant: "any",
  seed: "any",
});

/** `simulateDriven`. */
export const DRIVEN_OPTIONS: OptionKinds<DrivenSimulateOptions> = optionKinds<
  DrivenSimulateOptions
>({ processNoise: "any", observationNoise: "any", initialScale: "any", seed: "any" });

/** `simulateMatchedAttractor`. */
export const MATCHED_ATTRACTOR_OPTIONS: OptionKinds<MatchedAttractorOptions> = optionKinds<
  MatchedAttractorOptions
>({
  conditions: "any",
  trialsPerCondition: "any",
  steps: "any",
  dt: "any",
  tau: "any",
  targetTau: "any",
  processNoise: "any",
  dims: "any",
  seed: "any",
});

/** `deformStateSpace`. */
export const DEFORM_OPTIONS: OptionKinds<DeformOptions> = optionKinds<DeformOptions>({
  strength: "any",
  layers: "any",
  frequency: "any",
  seed: "any",
});
