/**
 * The resampling options shared by `compare`, `compare-models` and `pairwise`:
 * `--bootstrap N`, `--permutations N`, `--seed S`, `--ci LEVEL`,
 * `--interval bca|percentile|basic`, `--resample stimuli|subjects|both`,
 * `--scheme subsample|replacement`, `--subsample-size M`, read and checked in one place.
 *
 * @module
 */

import {
  choiceOption,
  integerOption,
  numberOption,
  type OptionSpec,
  type OptionValue,
  seedOption,
  UsageError,
} from "../command.ts";
import type { Measure } from "../../measures/types.ts";
import type { IntervalMethod, ResampleScheme } from "../../inference/bootstrap.ts";

/** Option declarations. */
export const INFERENCE_OPTIONS: OptionSpec = {
  bootstrap: { type: "string" },
  permutations: { type: "string" },
  seed: { type: "string" },
  ci: { type: "string" },
  interval: { type: "string" },
  resample: { type: "string" },
  scheme: { type: "string" },
  "subsample-size": { type: "string" },
};

/** Help lines. */
export const INFERENCE_HELP =
  `  --bootstrap N        bootstrap (over trials for dsa, input-dsa and controllability): adds "se"
                       and "ci" of the similarity (or of the distance for distance-only
                       measures), "ci_method", "resample", "bootstrap_samples" (draws used)
                       and "bootstrap_discarded" (draws with fewer than 3 distinct units, left
                       out with a notice); N ≥ 2 samples
  --resample U         what is resampled: stimuli (default), subjects (an input given as a stack
                       [subjects, stimuli, units] .npy or as a comma-separated list of files,
                       one per subject; the score is the mean over subjects, bootstrapped over
                       subjects), or both (subjects and stimuli, two-factor bootstrap with the
                       variance correction 2(V_subjects + V_stimuli) − V_both, normal interval)
  --scheme S           how stimuli are drawn: subsample (half-samples without replacement,
                       spread and first-order bias rescaled to all stimuli, basic interval;
                       repeated stimuli would make fitted measures look alike) or replacement
                       (the ordinary bootstrap, BCa or percentile interval). Default: subsample,
                       or replacement for kNN measures, fewer than 6 stimuli, or a measure a
                       half-sample cannot carry; "scheme" in the JSON says which
  --subsample-size M   stimuli per half-sample draw (default ⌊stimuli/2⌋)
  --permutations N     permutation test (Y's stimuli permuted): adds "p_value", one-sided in the
                       direction of similarity, p = (1 + #{null as similar}) / (N + 1)
  --seed S             seed of the draws (default 0)
  --ci LEVEL           confidence level in (0, 1) (default 0.95)
  --interval M         bca or percentile (then --scheme replacement unless given), or basic
                       (default with --scheme subsample; bca with replacement)`;

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
  /**
   * Interval method (two-factor resampling ignores it: its interval is normal), or undefined:
   * basic for half-samples, BCa for the ordinary bootstrap.
   */
  interval?: IntervalMethod;
  /** What is resampled. */
  resample: "stimuli" | "subjects" | "both";
  /**
   * How stimuli are drawn, or undefined: the library chooses per measure (half-samples, or the
   * ordinary bootstrap for kNN measures, fewer than 6 stimuli or a measure a half-sample cannot
   * carry) and reports its choice as `scheme`.
   */
  scheme?: ResampleScheme;
  /** Stimuli per subsample draw, or undefined for the default. */
  subsampleSize?: number;
}

/**
 * Read the resampling flags. `--seed` belongs to the measure when the measure
 * has a seed option of its own (DSA's search), and then seeds the resampling too.
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
 * // no scheme or interval: the library picks them per measure and reports them
 * assert.deepEqual(flags, { bootstrap: 200, seed: 0, level: 0.9, resample: "stimuli" });
 * // a bootstrap interval asks for the ordinary bootstrap
 * const old = inferenceFlags({ bootstrap: "200", interval: "bca" }, null).flags;
 * assert.equal(old.scheme, "replacement");
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
  for (const flag of ["ci", "interval", "resample", "scheme", "subsample-size"]) {
    if (values[flag] !== undefined && bootstrap === undefined) {
      throw new UsageError(`--${flag} needs --bootstrap`);
    }
  }
  const resample = choiceOption(
    values,
    "resample",
    ["stimuli", "subjects", "both"] as const,
    "stimuli",
  );
  const given = values.interval === undefined
    ? undefined
    : choiceOption(values, "interval", ["bca", "percentile", "basic"] as const, "basic");
  // measures of time series have no stimuli; those with a unit resampler bootstrap over trials,
  // drawn with replacement unless asked otherwise (a repeated trial only reweights the fit)
  const trialsOnly = measure?.input === "timeSeries" || measure?.input === "drivenTimeSeries";
  const subsampleSize = integerOption(values, "subsample-size");
  const scheme: ResampleScheme | undefined = values.scheme !== undefined
    ? choiceOption(values, "scheme", ["subsample", "replacement"] as const, "subsample")
    : given === "bca" || given === "percentile" || trialsOnly
    ? "replacement"
    : subsampleSize !== undefined
    ? "subsample"
    : undefined; // the library chooses per measure and says which
  const interval = given ??
    (scheme === "subsample" ? "basic" : scheme === "replacement" ? "bca" : undefined);
  if (scheme === "subsample" && interval !== "basic" && resample !== "subjects") {
    throw new UsageError(
      `--interval ${interval} is a bootstrap interval: give it with --scheme replacement (--scheme subsample takes basic)`,
    );
  }
  if (subsampleSize !== undefined && (scheme !== "subsample" || resample !== "stimuli")) {
    throw new UsageError(
      "--subsample-size applies to --scheme subsample with --resample stimuli (two-factor resampling uses half-samples)",
    );
  }
  if (resample === "subjects" && values.scheme !== undefined) {
    throw new UsageError("--scheme draws stimuli: give it with --resample stimuli or both");
  }
  if (resample === "both" && values.interval !== undefined) {
    throw new UsageError("--interval does not apply to --resample both (its interval is normal)");
  }
  if (resample !== "stimuli" && permutations !== undefined) {
    throw new UsageError(
      `--permutations permutes the stimuli of single inputs: give it without --resample ${resample}`,
    );
  }
  if (!ownSeed && values.seed !== undefined && !resampling) {
    throw new UsageError("--seed needs --bootstrap or --permutations");
  }
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
  for (
    const k of [
      "bootstrap",
      "permutations",
      "ci",
      "interval",
      "resample",
      "scheme",
      "subsample-size",
    ]
  ) delete rest[k];
  if (!ownSeed) delete rest.seed;
  return {
    flags: {
      ...(bootstrap !== undefined ? { bootstrap } : {}),
      ...(permutations !== undefined ? { permutations } : {}),
      // a measure with its own seed (DSA's search) shares it with the resampling
      seed: seedOption(values),
      level,
      ...(resample === "subjects" && given === undefined
        ? { interval: "bca" as const }
        : trialsOnly && given === undefined
        // the library's default over trials (BCa) may then become percentile when a
        // leave-one-out refit fails; an explicit --interval bca is kept as asked
        ? {}
        : interval !== undefined
        ? { interval }
        : {}),
      resample,
      ...(scheme !== undefined ? { scheme } : {}),
      ...(subsampleSize !== undefined ? { subsampleSize } : {}),
    },
    rest,
  };
}
