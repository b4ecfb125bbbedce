/**
 * The MID benchmark over seeds: build the biased training, biased held-out and
 * unbiased test sets (procedural sprites or coloured digits), run
 * {@link runMidExperiment} per seed, and summarise each method's mean and
 * worst-group test accuracy as mean ± sample standard deviation over seeds.
 *
 * The summary uses snake_case keys: it is the `mid-benchmark` CLI output.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { mulberry32 } from "../random.ts";
import type { AttributedImages } from "./dataset.ts";
import { generateSprites } from "./sprites.ts";
import { colouredDigits, loadDigits } from "./digits.ts";
import {
  MID_METHODS,
  type MidExperiment,
  type MidExperimentOptions,
  runMidExperiment,
} from "./experiment.ts";
import type { GroupAccuracyRow } from "./groups.ts";

/** Options for {@link midBenchmark}. */
export interface MidBenchmarkOptions extends Omit<MidExperimentOptions, "seed"> {
  /** Data set. @default "sprites" */
  data?: "sprites" | "digits";
  /** P(attribute = class) in the training and held-out sets. @default 0.95 */
  correlation?: number;
  /** Number of seeds (0, 1, …, seeds − 1). @default 5 */
  seeds?: number;
  /** Training-set size. @default 10000 (sprites), 6000 (digits) */
  nTrain?: number;
  /** Held-out (retraining) set size. @default 2000 */
  nHeldout?: number;
  /** Test-set size. @default 2000 */
  nTest?: number;
  /** Sprites only: number of classes (2 or 3). @default 2 */
  nClasses?: number;
  /** Sprites only: pixel noise. @default 0.05 */
  noise?: number;
  /** Called after each seed. @default undefined */
  onProgress?: (progress: { seed: number; result: MidExperiment }) => void;
}

/** Mean and sample standard deviation over seeds. */
export interface MeanSd {
  /** Mean over seeds. */
  mean: number;
  /** Sample standard deviation over seeds (0 for one seed). */
  sd: number;
}

/** One method's summary. */
export interface MethodSummary {
  /** Test accuracy over all samples. */
  mean_accuracy: MeanSd;
  /** Accuracy of the worst (class, attribute) group. */
  worst_group_accuracy: MeanSd;
}

/** Result of {@link midBenchmark}. */
export interface MidBenchmark {
  /** Data set the benchmark ran on. */
  data: "sprites" | "digits";
  /** Architecture trained. */
  model: "mlp" | "cnn";
  /** Spurious correlation between class and attribute in the training set. */
  correlation: number;
  /** Number of seeds averaged. */
  seeds: number;
  /** Training samples per seed. */
  n_train: number;
  /** Held-out samples per seed (where MIDs are chosen). */
  n_heldout: number;
  /** Test samples per seed. */
  n_test: number;
  /** Plain training (empirical risk minimisation). */
  erm: MethodSummary;
  /** Last layer retrained on a random held-out subset of the MID count. */
  random: MethodSummary;
  /** Last layer retrained on the mid-range activation samples. */
  mid: MethodSummary;
  /** Last layer retrained with group labels (upper reference). */
  oracle: MethodSummary;
  /** Fraction of MIDs that are minority (attribute ≠ class) samples. */
  mid_minority_fraction: MeanSd;
  /** Minority fraction of the whole held-out set. */
  base_rate: MeanSd;
  /** Number of MIDs per seed. */
  mid_count: MeanSd;
  /** Minority fraction of each decile (lowest first) of the last class's held-out logit, mean over seeds. */
  logit_decile_minority_fraction: number[];
  /** Fraction of the top logit decile that is aligned (the class in its own band). */
  top_decile_aligned_fraction: MeanSd;
  /** Per-seed worst-group accuracy per method, and the per-group table of the last seed. */
  per_seed: { seed: number; worst_group_accuracy: Record<string, number> }[];
  /** Per-group accuracy table of the last seed, per method. */
  groups_last_seed: Record<string, GroupAccuracyRow[]>;
}

/**
 * Mean and sample standard deviation (n − 1; 0 for one value).
 *
 * @param values At least one number.
 * @returns `{mean, sd}`.
 *
 * @example
 * ```ts
 * import { meanSd } from "./benchmark.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(meanSd([1, 3]), { mean: 2, sd: Math.SQRT2 });
 * ```
 */
export function meanSd(values: readonly number[]): MeanSd {
  const n = values.length;
  if (n === 0) throw new RangeError("Cannot summarise: `values` must not be empty");
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, sd: 0 };
  const ss = values.reduce((a, b) => a + (b - mean) * (b - mean), 0);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

/**
 * The three sets of one seed.
 *
 * @param options Data choice and sizes.
 * @param seed The seed.
 * @returns Training, held-out and test sets.
 *
 * @example
 * ```ts
 * import { benchmarkData } from "./benchmark.ts";
 * import assert from "node:assert/strict";
 * const d = benchmarkData({ nTrain: 50, nHeldout: 40, nTest: 30 }, 0);
 * assert.deepEqual([d.train.X.rows, d.heldout.X.rows, d.test.X.rows], [50, 40, 30]);
 * ```
 */
export function benchmarkData(
  options: Pick<
    MidBenchmarkOptions,
    "data" | "correlation" | "nTrain" | "nHeldout" | "nTest" | "nClasses" | "noise"
  >,
  seed: number,
): { train: AttributedImages; heldout: AttributedImages; test: AttributedImages } {
  const ctx = "Cannot build benchmark data";
  const { data = "sprites", correlation = 0.95, nHeldout = 2000, nTest = 2000 } = options;
  if (data === "sprites") {
    const { nTrain = 10000, nClasses = 2, noise = 0.05 } = options;
    const base = { nClasses, noise };
    return {
      train: generateSprites({ ...base, n: nTrain, correlation, seed: 1000 * seed + 1 }),
      heldout: generateSprites({ ...base, n: nHeldout, correlation, seed: 1000 * seed + 2 }),
      test: generateSprites({
        ...base,
        n: nTest,
        correlation: 1 / nClasses,
        seed: 1000 * seed + 3,
      }),
    };
  }
  if (data !== "digits") {
    throw new RangeError(`${ctx}: \`data\` must be "sprites" or "digits": got ${String(data)}`);
  }
  const digits = loadDigits();
  const { nTrain = 6000 } = options;
  if (nTrain + nHeldout + nTest > digits.count) {
    throw new RangeError(
      `${ctx}: nTrain + nHeldout + nTest must be <= ${digits.count} digits: got ${
        nTrain + nHeldout + nTest
      }`,
    );
  }
  const order = Array.from({ length: digits.count }, (_, i) => i);
  const rand = mulberry32(1000 * seed + 7);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const part = (a: number, b: number) => order.slice(a, b);
  return {
    train: colouredDigits(digits, part(0, nTrain), { correlation, seed: 1000 * seed + 1 }),
    heldout: colouredDigits(digits, part(nTrain, nTrain + nHeldout), {
      correlation,
      seed: 1000 * seed + 2,
    }),
    test: colouredDigits(digits, part(nTrain + nHeldout, nTrain + nHeldout + nTest), {
      correlation: 0.5,
      seed: 1000 * seed + 3,
    }),
  };
}

/**
 * Run the MID benchmark over seeds and summarise it.
 *
 * @param options Data, correlation, number of seeds, sizes and experiment settings.
 * @returns Mean ± sd of mean and worst-group accuracy per method, MID statistics.
 *
 * @example A tiny run
 * ```ts
 * import { midBenchmark } from "./benchmark.ts";
 * import assert from "node:assert/strict";
 * const r = midBenchmark({ seeds: 1, nTrain: 300, nHeldout: 300, nTest: 200, mlp: { epochs: 2 }, retrain: { resamples: 1 } });
 * assert.equal(r.erm.worst_group_accuracy.sd, 0);
 * assert.ok(r.base_rate.mean < 0.2);
 * ```
 */
export function midBenchmark(
  options: MidBenchmarkOptions = {},
): Readonly<MidBenchmark & { kind: string }> {
  const {
    data = "sprites",
    correlation = 0.95,
    seeds = 5,
    nHeldout = 2000,
    nTest = 2000,
    onProgress,
    ...rest
  } = options;
  const nTrain = options.nTrain ?? (data === "digits" ? 6000 : 10000);
  const ctx = "Cannot run MID benchmark";
  if (!Number.isInteger(seeds) || seeds < 1) {
    throw new RangeError(`${ctx}: \`seeds\` must be an integer >= 1: got ${seeds}`);
  }
  if (!(correlation >= 0 && correlation <= 1)) {
    throw new RangeError(`${ctx}: \`correlation\` must be in [0, 1]: got ${correlation}`);
  }
  const runs: MidExperiment[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const sets = benchmarkData({ ...rest, data, correlation, nTrain, nHeldout, nTest }, seed);
    const experiment: MidExperimentOptions = {
      seed,
      mlp: { hidden: [64], epochs: 20, ...rest.mlp },
      cnn: { epochs: 10, ...rest.cnn },
    };
    if (rest.model) experiment.model = rest.model;
    if (rest.retrain) experiment.retrain = rest.retrain;
    if (rest.band) experiment.band = rest.band;
    const result = runMidExperiment(sets, experiment);
    runs.push(result);
    onProgress?.({ seed, result });
  }
  const summary = (m: typeof MID_METHODS[number]): MethodSummary => ({
    mean_accuracy: meanSd(runs.map((r) => r.methods[m].meanAccuracy)),
    worst_group_accuracy: meanSd(runs.map((r) => r.methods[m].worstGroupAccuracy)),
  });
  const last = runs[runs.length - 1]!;
  const out: MidBenchmark = {
    data,
    model: rest.model ?? "mlp",
    correlation,
    seeds,
    n_train: nTrain,
    n_heldout: nHeldout,
    n_test: nTest,
    erm: summary("erm"),
    random: summary("random"),
    mid: summary("mid"),
    oracle: summary("oracle"),
    mid_minority_fraction: meanSd(runs.map((r) => r.mids.minorityFraction)),
    base_rate: meanSd(runs.map((r) => r.mids.baseRate)),
    mid_count: meanSd(runs.map((r) => r.mids.count)),
    logit_decile_minority_fraction: Array.from(
      { length: 10 },
      (_, b) => meanSd(runs.map((r) => r.deciles.minorityFraction[b]!)).mean,
    ),
    top_decile_aligned_fraction: meanSd(runs.map((r) => r.deciles.topAlignedFraction)),
    per_seed: runs.map((r, seed) => ({
      seed,
      worst_group_accuracy: Object.fromEntries(
        MID_METHODS.map((m) => [m, r.methods[m].worstGroupAccuracy]),
      ),
    })),
    groups_last_seed: Object.fromEntries(MID_METHODS.map((m) => [m, last.methods[m].groups])),
  };
  return tagResult("midBenchmark", out);
}
