/**
 * CP fits over a range of ranks with several replicates each (tensortools'
 * "ensemble"): error and variance explained versus rank, and how similar each
 * replicate is to the best fit of its rank.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { cpAls } from "./cp_als.ts";
import type { CpFit, CpOptions } from "./cp_core.ts";
import { cpHals } from "./cp_hals.ts";
import { kruskalSimilarity } from "./kruskal.ts";
import type { Tensor3Like } from "./tensor.ts";
import { assertSeed } from "../validate/mod.ts";
import { checkOptionNames } from "../validate/options.ts";

/** Options for {@link cpRankSweep}. */
export interface CpRankSweepOptions extends Omit<CpOptions, "rank" | "restarts" | "init" | "seed"> {
  /** Ranks to fit. */
  ranks: readonly number[];
  /** Independent fits (random initialisations) per rank. @default 3 */
  replicates?: number;
  /** Seed of the first fit; fit t of rank r uses `seed + 1000·r + t`. @default 0 */
  seed?: number;
  /** Fit nonnegative factors (HALS). @default false */
  nonnegative?: boolean;
}

/** One replicate of {@link cpRankSweep}. */
export interface CpRankRow {
  /** Rank. */
  rank: number;
  /** Replicate index. */
  replicate: number;
  /** `‖T − T̂‖/‖T‖` over observed entries. */
  relativeError: number;
  /** `1 − ‖T − T̂‖²/‖T − mean‖²` over observed entries. */
  varianceExplained: number;
  /** Kruskal similarity (all modes) to the lowest-error replicate of the same rank. */
  similarityToBest: number;
}

/** Result of {@link cpRankSweep}. */
export interface CpRankSweep {
  /** `"cpRankSweep"`. */
  readonly kind: string;
  /** Every replicate, rank-major. */
  table: CpRankRow[];
  /** The lowest-error fit of each rank, in the order of `ranks`. */
  best: CpFit[];
}

/**
 * Fit CP decompositions of every rank in `ranks`, `replicates` times each from different
 * random initialisations, and tabulate error, variance explained and similarity to the
 * best replicate (Williams et al. 2018's model-selection plots).
 *
 * @param T Data `[I, J, K]`.
 * @param options Ranks, replicates, seed, and CP options.
 * @returns The table and the best fit per rank.
 *
 * @example Variance explained grows with rank
 * ```ts
 * import { cpRankSweep } from "./cp_rank.ts";
 * import { randn } from "../random.ts";
 * import assert from "node:assert/strict";
 * const T = { shape: [6, 5, 4] as [number, number, number], data: randn(120, 1, 1).data };
 * const s = cpRankSweep(T, { ranks: [1, 2, 3], replicates: 2 });
 * assert.equal(s.table.length, 6);
 * assert.ok(s.best[2]!.varianceExplained > s.best[0]!.varianceExplained);
 * ```
 */
export function cpRankSweep(T: Tensor3Like, options: CpRankSweepOptions): CpRankSweep {
  const ctx = "Cannot run CP rank sweep";
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${ctx}: \`options\` must be an object with \`ranks\`: got ${options}`);
  }
  checkOptionNames(
    options,
    Object.keys(
      {
        ranks: 1,
        replicates: 1,
        seed: 1,
        nonnegative: 1,
        mask: 1,
        maxIter: 1,
        tol: 1,
        onProgress: 1,
      } satisfies Record<keyof CpRankSweepOptions, 1>,
    ),
    ctx,
    ["nonnegative"],
  );
  const { ranks, replicates = 3, seed = 0, nonnegative = false, ...cp } = options;
  if (!Array.isArray(ranks) || ranks.length === 0) {
    throw new RangeError(`${ctx}: \`ranks\` must be a non-empty array of integers >= 1`);
  }
  if (!Number.isInteger(replicates) || replicates < 1) {
    throw new RangeError(`${ctx}: \`replicates\` must be an integer >= 1: got ${replicates}`);
  }
  assertSeed(seed, ctx);
  const fitter = nonnegative ? cpHals : cpAls;
  const table: CpRankRow[] = [];
  const best: CpFit[] = [];
  for (const rank of ranks) {
    const fits: CpFit[] = [];
    for (let t = 0; t < replicates; t++) {
      // the generator reads its seed modulo 2^32, so wrapping keeps every stream as it was
      fits.push(fitter(T, { ...cp, rank, seed: (seed + 1000 * rank + t) >>> 0 }));
    }
    const b = fits.reduce((a, f) => (f.relativeError < a.relativeError ? f : a));
    best.push(b);
    fits.forEach((f, t) =>
      table.push({
        rank,
        replicate: t,
        relativeError: f.relativeError,
        varianceExplained: f.varianceExplained,
        similarityToBest: kruskalSimilarity(f.factors, b.factors).similarity,
      })
    );
  }
  return tagResult("cpRankSweep", { table, best });
}
