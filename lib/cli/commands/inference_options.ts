/**
 * The resampling options shared by `compare`, `compare-models` and `pairwise`:
 * `--bootstrap N`, `--permutations N`, `--seed S`, `--ci LEVEL`,
 * `--interval bca|percentile`, read and checked in one place.
 *
 * @module
 */

import {
  choiceOption,
  integerOption,
  numberOption,
  type OptionSpec,
  type OptionValue,
  UsageError,
} from "../command.ts";
import type { Measure } from "../../measures/types.ts";

/** Option declarations. */
export const INFERENCE_OPTIONS: OptionSpec = {
  bootstrap: { type: "string" },
  permutations: { type: "string" },
  seed: { type: "string" },
  ci: { type: "string" },
  interval: { type: "string" },
};

/** Help lines. */
export const INFERENCE_HELP =
  `  --bootstrap N        bootstrap over stimuli (over trials for dsa): adds "se" and "ci" of the
                       similarity (or of the distance for distance-only measures), "ci_method";
                       N ≥ 2 samples
  --permutations N     permutation test (Y's stimuli permuted): adds "p_value", one-sided in the
                       direction of similarity, p = (1 + #{null as similar}) / (N + 1)
  --seed S             seed of the draws (default 0)
  --ci LEVEL           confidence level in (0, 1) (default 0.95)
  --interval M         bca (default) or percentile`;

/** Parsed resampling options. */
export interface InferenceFlags {
  /** Bootstrap samples, or undefined. */
  bootstrap?: number;
  /** Permutations, or undefined. */
  permutations?: number;
  /** Seed. */
  seed: number;
  /** Confidence level. */
  level: number;
  /** Interval method. */
  interval: "bca" | "percentile";
}

/**
 * Read the resampling flags. `--seed` belongs to the measure when the measure
 * has a seed option of its own (DSA's search); resampling then refuses it.
 *
 * @param values Parsed options.
 * @param measure The chosen measure (its own flags are left alone), or null.
 * @returns The flags, and `values` without the ones that are not the measure's.
 *
 * @example
 * ```ts
 * import { inferenceFlags } from "./inference_options.ts";
 * import assert from "node:assert/strict";
 * const { flags } = inferenceFlags({ bootstrap: "200", ci: "0.9" }, null);
 * assert.deepEqual(flags, { bootstrap: 200, seed: 0, level: 0.9, interval: "bca" });
 * assert.throws(() => inferenceFlags({ bootstrap: "1" }, null), /--bootstrap must be >= 2: got 1/);
 * ```
 */
export function inferenceFlags(
  values: Record<string, OptionValue>,
  measure: Measure | null,
): { flags: InferenceFlags; rest: Record<string, OptionValue> } {
  const ownSeed = measure?.options.some((o) => o.flag === "seed") ?? false;
  const bootstrap = integerOption(values, "bootstrap");
  const permutations = integerOption(values, "permutations");
  if (bootstrap !== undefined && bootstrap < 2) {
    throw new UsageError(`--bootstrap must be >= 2: got ${bootstrap}`);
  }
  if (permutations !== undefined && permutations < 1) {
    throw new UsageError(`--permutations must be >= 1: got ${permutations}`);
  }
  const resampling = bootstrap !== undefined || permutations !== undefined;
  for (const flag of ["ci", "interval"]) {
    if (values[flag] !== undefined && bootstrap === undefined) {
      throw new UsageError(`--${flag} needs --bootstrap`);
    }
  }
  if (!ownSeed && values.seed !== undefined && !resampling) {
    throw new UsageError("--seed needs --bootstrap or --permutations");
  }
  // measures of time series have no stimuli; those with a unit resampler bootstrap over trials
  const trialsOnly = measure?.input === "timeSeries";
  if (
    trialsOnly &&
    (permutations !== undefined || (bootstrap !== undefined && !measure.unitResampler))
  ) {
    throw new UsageError(
      `--${permutations !== undefined ? "permutations" : "bootstrap"} does not apply to measure ${
        measure!.name
      } (it compares time series: no stimuli to resample${
        measure!.unitResampler ? "; --bootstrap resamples trials" : ""
      })`,
    );
  }
  const level = numberOption(values, "ci", 0.95);
  if (!(level > 0 && level < 1)) throw new UsageError(`--ci must be in (0, 1): got ${level}`);
  const rest = { ...values };
  for (const k of ["bootstrap", "permutations", "ci", "interval"]) delete rest[k];
  if (!ownSeed) delete rest.seed;
  return {
    flags: {
      ...(bootstrap !== undefined ? { bootstrap } : {}),
      ...(permutations !== undefined ? { permutations } : {}),
      seed: ownSeed ? 0 : integerOption(values, "seed", 0),
      level,
      interval: choiceOption(values, "interval", ["bca", "percentile"] as const, "bca"),
    },
    rest,
  };
}
