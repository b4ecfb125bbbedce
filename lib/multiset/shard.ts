/**
 * Shards of distance matrices: the one format of `lib/pairwise/shard.ts`
 * (contiguous ranges of the row-major pair list, fingerprinted JSON, verified
 * merge), re-exported for the shape-metric matrices. The cluster recipes
 * (SLURM job array, Kubernetes Indexed Job) are in `lib/pairwise/shard.ts`.
 *
 * @module
 */

import type { ScoreMethod } from "../metrics/inputs.ts";
import type { MatrixShard } from "../pairwise/shard.ts";
import type { WidthMode } from "../pairwise/collect.ts";

export {
  type Mode,
  pairCount,
  pairsInRange,
  parseShard,
  shardRange,
  type ShardSpec,
} from "../pairwise/pairs.ts";
export { assembleEntries, fingerprint, verifyShards } from "../pairwise/shard.ts";
export type { WidthMode } from "../pairwise/collect.ts";

/** Metrics of {@link pairwiseDistances} (any registered measure works with `pairwiseMatrix`). */
export type PairwiseMetric = "linear" | "permutation" | "cka";

/** The options a shape-metric matrix was computed with (everything that changes the numbers). */
export interface ShardOptions {
  /** Which metric. */
  metric: PairwiseMetric;
  /** α of the linear family. */
  alpha: number;
  /** Ground metric (linear and permutation; CKA is always angular). */
  score: ScoreMethod;
  /** Centre columns. */
  center: boolean;
  /** Padding mode. */
  width: WidthMode;
}

/** A partial distance matrix: the one shard format. */
export type DistanceShard = MatrixShard;
