/**
 * CLI subcommand `dmd-sweep`: HAVOK DMD over numbers of delays × ranks, scored
 * on held-out data (see `sweepDmd`; cells in parallel with `--workers`).
 *
 * @module
 */

import {
  choiceOption,
  type Command,
  commandOutput,
  integerOption,
  numberOption,
  UsageError,
} from "../command.ts";
import { INPUT_HELP, INPUT_OPTIONS, inputKeys, readInputTensor } from "../inputs.ts";
import { sweepDmdParallel } from "../../dynamics/sweep.ts";

function integerList(value: unknown, flag: string): number[] {
  if (typeof value !== "string" || value.trim() === "") {
    throw new UsageError(`dmd-sweep: ${flag} is required (a comma-separated list of integers)`);
  }
  const list = value.split(",").map((s) => Number(s.trim()));
  if (list.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new UsageError(
      `dmd-sweep: ${flag} must be positive integers separated by commas: got ${value}`,
    );
  }
  return list;
}

/**
 * `dmd-sweep X.npy --n-delays 5,10,20 --ranks 10,20,50`: prints the scored grid
 * and the chosen (nDelays, rank) as JSON; `--figure` draws the heatmap.
 *
 * @example
 * ```ts
 * import { dmdSweepCommand } from "./dmd_sweep.ts";
 * import assert from "node:assert/strict";
 * assert.equal(dmdSweepCommand.name, "dmd-sweep");
 * ```
 */
export const dmdSweepCommand: Command = {
  name: "dmd-sweep",
  figure: true,
  summary: "Choose DMD delays and rank by held-out prediction (MASE, NMSE, R², AIC)",
  help:
    `Usage: deno task cli dmd-sweep X.npy --n-delays 5,10,20 --ranks 10,20,50 [--criterion mase|nmse|r2|aic]

Fits HAVOK DMD for every (delays, rank) cell on the first (1 − f) of each trial (or on the first
trials with --split trials), predicts the held-out samples, and prints JSON {"nDelays", "ranks",
"cells": [{"nDelays", "rank", "effectiveRank", "mase", "nmse", "r2", "mse", "aic"}, …],
"best": {"nDelays", "rank"}, "criterion", "split", "testFraction", "steps"}. NMSE averages over
the channels that vary in the held-out part (constant ones have no variance to explain). Data
whose training part never changes, or whose held-out part has < 2 samples or no variance, is
refused (exit 1).

Options:
  --n-delays LIST         numbers of delays, comma-separated (required)
  --ranks LIST            ranks, comma-separated (required; capped at dims·D)
  --delay-interval K      samples between delays (default 1)
  --ridge L               ridge penalty (default 1e-8)
  --split S               time (default) or trials
  --test-fraction F       fraction held out (default 0.2)
  --steps S               steps ahead predicted (default 1)
  --criterion C           mase (default), nmse, r2 or aic
  --tolerance T           prefer the smallest model within this relative margin of the best (default 0)
  --workers W             compute cells on W workers (default 1; results do not depend on it)
${INPUT_HELP}`,
  options: {
    "n-delays": { type: "string" },
    ranks: { type: "string" },
    "delay-interval": { type: "string" },
    ridge: { type: "string" },
    split: { type: "string" },
    "test-fraction": { type: "string" },
    steps: { type: "string" },
    criterion: { type: "string" },
    tolerance: { type: "string" },
    workers: { type: "string" },
    ...INPUT_OPTIONS,
  },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const X = await readInputTensor(positionals[0]!, "X", inputKeys(values, positionals)[0]);
    if (X.shape.length !== 2 && X.shape.length !== 3) {
      throw new TypeError(
        `Cannot read time series ${
          positionals[0]
        }: expected 2 axes [time, dims] or 3 axes [trials, time, dims]: got shape [${
          X.shape.join(", ")
        }]`,
      );
    }
    const sweep = await sweepDmdParallel(X, {
      nDelays: integerList(values["n-delays"], "--n-delays"),
      ranks: integerList(values.ranks, "--ranks"),
      delayInterval: integerOption(values, "delay-interval", 1),
      ridge: numberOption(values, "ridge", 1e-8),
      split: choiceOption(values, "split", ["time", "trials"] as const, "time"),
      testFraction: numberOption(values, "test-fraction", 0.2),
      steps: integerOption(values, "steps", 1),
      criterion: choiceOption(values, "criterion", ["mase", "nmse", "r2", "aic"] as const, "mase"),
      tolerance: numberOption(values, "tolerance", 0),
      workers: integerOption(values, "workers", 1),
    });
    return commandOutput({ json: { ...sweep }, result: sweep });
  },
};
