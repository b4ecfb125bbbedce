/**
 * The worker pool of the pairwise engine, re-exported where the shape-metric
 * matrices used to keep their own (`lib/pairwise/pool.ts` is the one pool).
 *
 * @module
 */

export {
  autoWorkers,
  type DistanceProgress,
  INLINE_WORK,
  type RunOptions,
} from "../pairwise/pool.ts";
