/**
 * Options shared by the shape-metric subcommands (`compare`, `pairwise`):
 * metric parameters and Python-style row ranges.
 *
 * @module
 */

import { choiceOption, numberOption, type OptionValue, parseSlice } from "../command.ts";
import { SCORE_METHODS, type ScoreMethod } from "../../metrics/inputs.ts";

/**
 * Training and held-out row ranges from `--train-rows` / `--test-rows` (Python slices).
 *
 * @param values Parsed options.
 * @param n Number of rows.
 * @returns `[start, end)` of the training rows and of the held-out rows (null when not given).
 *
 * @example Python slices, open ends
 * ```ts
 * import { rowRanges } from "./metric_options.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(rowRanges({ "train-rows": "0:80", "test-rows": "80:" }, 100), { train: [0, 80], test: [80, 100] });
 * assert.deepEqual(rowRanges({}, 10), { train: [0, 10], test: null });
 * ```
 */
export function rowRanges(
  values: Record<string, OptionValue>,
  n: number,
): { train: [number, number]; test: [number, number] | null } {
  const tr = values["train-rows"] as string | undefined,
    te = values["test-rows"] as string | undefined;
  return {
    train: tr === undefined ? [0, n] : parseSlice(tr, n, "train-rows"),
    test: te === undefined ? null : parseSlice(te, n, "test-rows"),
  };
}

/** Options shared by `compare` and `pairwise`. */
export const METRIC_OPTIONS = {
  metric: { type: "string" },
  alpha: { type: "string" },
  score: { type: "string" },
  "no-center": { type: "boolean" },
  "no-pad": { type: "boolean" },
  "train-rows": { type: "string" },
  "test-rows": { type: "string" },
} as const;

/**
 * Metric options common to the subcommands.
 *
 * @param values Parsed options (`--alpha`, `--score`, `--no-center`, `--no-pad`).
 * @returns `{alpha, score, center, pad}`.
 *
 * @example Defaults and flags
 * ```ts
 * import { metricOptions } from "./metric_options.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(metricOptions({ alpha: "0.5", "no-pad": true }), { alpha: 0.5, score: "angular", center: true, pad: false });
 * ```
 */
export function metricOptions(values: Record<string, OptionValue>) {
  return {
    alpha: numberOption(values, "alpha", 1),
    score: choiceOption(values, "score", SCORE_METHODS, "angular") as ScoreMethod,
    center: !values["no-center"],
    pad: !values["no-pad"],
  };
}
