/**
 * Choosing the rank of a low-rank model by held-out error over a grid of ranks and
 * seeds: the smallest rank whose held-out error is within a tolerance of the best.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import type { Tensor3Like } from "../tensor/tensor.ts";
import { ltrBlockMasks, type LtrMaskOptions } from "./cv.ts";
import { type FitLtrOptions, fitLtrRnn } from "./fit.ts";

/** One fit of the grid. */
export interface RankRow {
  /** Rank fitted. */
  rank: number;
  /** Seed of the fit. */
  seed: number;
  /** Error on the training entries. */
  trainError: number;
  /** Error on the held-out entries. */
  testError: number;
}

/** Per-rank summary (aggregated over seeds). */
export interface RankSummary {
  /** Rank. */
  rank: number;
  /** Aggregated training error. */
  trainError: number;
  /** Aggregated held-out error. */
  testError: number;
}

/** Result of {@link selectRank}. */
export interface RankSelection {
  /** `"rankSelection"`. */
  readonly kind: string;
  /** Every fit, in grid order (rank-major). */
  table: RankRow[];
  /** Aggregated errors per rank, ascending rank. */
  summary: RankSummary[];
  /** Smallest rank whose held-out error is within `tolerance` of the best. */
  chosenRank: number;
  /** Relative tolerance used. */
  tolerance: number;
  /** How seeds were aggregated. */
  aggregate: "min" | "mean";
}

/** Options for {@link selectRank}. */
export interface SelectRankOptions {
  /** Ranks to try (integers ≥ 1). */
  ranks: readonly number[];
  /** Seeds per rank. @default [0] */
  seeds?: readonly number[];
  /**
   * Choose the smallest rank with held-out error ≤ (1 + tolerance) × the best rank's
   * (the start of the plateau). @default 0.05
   */
  tolerance?: number;
  /**
   * Aggregate seeds by the minimum (the best optimisation run; robust to bad local
   * optima) or the mean. @default "min"
   */
  aggregate?: "min" | "mean";
}

/**
 * Run `evaluate(rank, seed)` over a grid and pick the rank at the start of the held-out
 * error plateau: the smallest rank whose (seed-aggregated) held-out error is within
 * `tolerance` (relative) of the lowest.
 *
 * @param evaluate Fits one model and returns its train and held-out errors.
 * @param options Grid and choice rule.
 * @returns The tidy table, the per-rank summary and the chosen rank.
 *
 * @example The plateau starts at rank 3
 * ```ts
 * import { selectRank } from "./rank_select.ts";
 * import assert from "node:assert/strict";
 * const err = [0, 0.5, 0.3, 0.1, 0.099, 0.1];
 * const sel = selectRank((rank) => ({ trainError: err[rank]!, testError: err[rank]! }), { ranks: [1, 2, 3, 4, 5] });
 * assert.equal(sel.chosenRank, 3);
 * assert.equal(sel.table.length, 5);
 * ```
 */
export function selectRank(
  evaluate: (rank: number, seed: number) => { trainError: number; testError: number },
  options: SelectRankOptions,
): RankSelection {
  const ctx = "Cannot select rank";
  const { ranks, seeds = [0], tolerance = 0.05, aggregate = "min" } = options;
  if (!Array.isArray(ranks) || ranks.length === 0) {
    throw new RangeError(`${ctx}: \`ranks\` must be a non-empty array of integers >= 1`);
  }
  for (const r of ranks) {
    if (!Number.isInteger(r) || r < 1) {
      throw new RangeError(`${ctx}: \`ranks\` must hold integers >= 1: got ${r}`);
    }
  }
  if (!Array.isArray(seeds) || seeds.length === 0) {
    throw new RangeError(`${ctx}: \`seeds\` must be a non-empty array`);
  }
  if (!(tolerance >= 0)) {
    throw new RangeError(`${ctx}: \`tolerance\` must be >= 0: got ${tolerance}`);
  }
  if (aggregate !== "min" && aggregate !== "mean") {
    throw new RangeError(`${ctx}: \`aggregate\` must be "min" or "mean": got ${aggregate}`);
  }
  const table: RankRow[] = [];
  for (const rank of ranks) {
    for (const seed of seeds) {
      const { trainError, testError } = evaluate(rank, seed) ?? {};
      for (const [name, v] of [["trainError", trainError], ["testError", testError]] as const) {
        if (typeof v !== "number" || !Number.isFinite(v)) {
          throw new RangeError(
            `${ctx}: \`evaluate(${rank}, ${seed})\` must return a finite \`${name}\`: got ${v}`,
          );
        }
      }
      table.push({ rank, seed, trainError: trainError!, testError: testError! });
    }
  }
  const agg = (xs: number[]) =>
    aggregate === "min" ? Math.min(...xs) : xs.reduce((a, b) => a + b, 0) / xs.length;
  const summary = [...new Set(ranks)].sort((a, b) => a - b).map((rank) => {
    const rows = table.filter((r) => r.rank === rank);
    return {
      rank,
      trainError: agg(rows.map((r) => r.trainError)),
      testError: agg(rows.map((r) => r.testError)),
    };
  });
  const best = Math.min(...summary.map((s) => s.testError));
  const chosen = summary.find((s) => s.testError <= best * (1 + tolerance))!;
  return tagResult("rankSelection", {
    table,
    summary,
    chosenRank: chosen.rank,
    tolerance,
    aggregate,
  });
}

/** Options for {@link selectLtrRank}. */
export interface SelectLtrRankOptions
  extends SelectRankOptions, Omit<FitLtrOptions, "rank" | "seed" | "trainMask" | "testMask"> {
  /** Block masks shared by every fit of the grid. @default ltrBlockMasks defaults, seed 0 */
  masks?: LtrMaskOptions;
}

/**
 * Rank selection for ltrRNNs: fit every rank × seed on the same block-mask split of `Y`
 * and choose the rank where the held-out error plateaus (see {@link selectRank}).
 *
 * @param Y Recordings `[K, T, N]`, NaN = missing.
 * @param options Ranks, seeds, choice rule, fit and mask options.
 * @returns The table and the chosen rank.
 *
 * @example Two ranks on a small rank-1 teacher
 * ```ts
 * import { teacherLtr } from "./teacher.ts";
 * import { selectLtrRank } from "./rank_select.ts";
 * import assert from "node:assert/strict";
 * const t = teacherLtr({ rank: 1, nUnits: 5, nTrials: 6, nTime: 8, nConditions: 2, seed: 2 });
 * const sel = selectLtrRank(t.Y, { ranks: [1, 2], conditions: t.model.conditions, iterations: 100, learningRate: 0.02 });
 * assert.equal(sel.summary.length, 2);
 * ```
 */
export function selectLtrRank(Y: Tensor3Like, options: SelectLtrRankOptions): RankSelection {
  const { ranks, seeds, tolerance, aggregate, masks = {}, ...fitOptions } = options;
  const { train, test } = ltrBlockMasks(Y, masks);
  return selectRank((rank, seed) => {
    const fit = fitLtrRnn(Y, { ...fitOptions, rank, seed, trainMask: train, testMask: test });
    return { trainError: fit.trainError, testError: fit.testError! };
  }, {
    ranks,
    ...(seeds ? { seeds } : {}),
    ...(tolerance !== undefined ? { tolerance } : {}),
    ...(aggregate ? { aggregate } : {}),
  });
}
