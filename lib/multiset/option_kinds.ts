/**
 * The options each exported function of `lib/multiset/` reads, declared once
 * (checked by the compiler against the options types) and checked at entry by
 * `checkOptions`: a misspelt option is an error, and boolean options must be booleans.
 *
 * @module
 */

import { type OptionKinds, optionKinds } from "../validate/options.ts";
import type { BarycenterOptions } from "./barycenter.ts";
import type { ProcrustesKMeansOptions } from "./kmeans.ts";
import type { ClassicalMDSOptions } from "./mds.ts";
import type { CrossOptions, PairwiseOptions } from "./pairwise.ts";
import type { TangentEmbeddingOptions } from "./tangent.ts";

/** `barycenter`. */
export const BARYCENTER_OPTIONS: OptionKinds<BarycenterOptions> = optionKinds<BarycenterOptions>({
  group: "any",
  center: "boolean",
  maxIter: "any",
  tol: "any",
  seed: "any",
  init: "any",
});

/** `tangentEmbedding`. */
export const TANGENT_OPTIONS: OptionKinds<TangentEmbeddingOptions> = optionKinds<
  TangentEmbeddingOptions
>({ ...BARYCENTER_OPTIONS, dims: "any", barycenter: "any" });

/** `procrustesKMeans`. */
export const KMEANS_OPTIONS: OptionKinds<ProcrustesKMeansOptions> = optionKinds<
  ProcrustesKMeansOptions
>({
  alpha: "any",
  center: "boolean",
  seed: "any",
  restarts: "any",
  maxIter: "any",
  barycenterIter: "any",
  tol: "any",
  labels: "any",
});

/** `classicalMDS`. */
export const MDS_OPTIONS: OptionKinds<ClassicalMDSOptions> = optionKinds<ClassicalMDSOptions>({
  dims: "any",
});

/** `pairwiseDistances`, `pairwiseShard`. */
export const PAIRWISE_OPTIONS: OptionKinds<PairwiseOptions> = optionKinds<PairwiseOptions>({
  metric: "any",
  alpha: "any",
  score: "any",
  center: "boolean",
  pad: "boolean",
  width: "any",
  workers: "any",
  onProgress: "any",
  test: "any",
  labels: "any",
});

/** `crossDistances`, `crossShard` (the same names as {@link PAIRWISE_OPTIONS}). */
export const CROSS_OPTIONS: OptionKinds<CrossOptions> = optionKinds<CrossOptions>(
  PAIRWISE_OPTIONS,
);
