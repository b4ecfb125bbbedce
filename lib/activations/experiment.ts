/**
 * One run of the spurious-correlation experiment: train the classifier on the
 * biased training set (ERM), take its penultimate features and logits on a
 * held-out set drawn from the same biased distribution, retrain the last layer
 * three ways (random class-balanced subset, MID curation, group-label oracle)
 * and score every head on an unbiased test set.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { asMatrix, type Matrix } from "../linalg/matrix.ts";
import type { AttributedImages } from "./dataset.ts";
import { minorityFraction } from "./dataset.ts";
import { type GroupAccuracy, groupAccuracy } from "./groups.ts";
import { argmaxRows, mlpForward, type MlpOptions, trainMlp } from "./mlp.ts";
import { cnnForward, type CnnOptions, trainCnn } from "./cnn.ts";
import { midCuratedRetrain, predictLastLayer, type RetrainOptions } from "./curation.ts";
import { oracleRetrain, randomSubsetRetrain } from "./baselines.ts";
import type { MidBandOptions } from "./mid.ts";
import { activationBins } from "./bins.ts";

/**
 * The four methods compared.
 *
 * @example
 * ```ts
 * import { MID_METHODS } from "./experiment.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([...MID_METHODS], ["erm", "random", "mid", "oracle"]);
 * ```
 */
export const MID_METHODS = ["erm", "random", "mid", "oracle"] as const;
/** One of {@link MID_METHODS}. */
export type MidMethod = typeof MID_METHODS[number];

/** Options for {@link runMidExperiment}. */
export interface MidExperimentOptions {
  /** Classifier: the MLP or the small CNN. @default "mlp" */
  model?: "mlp" | "cnn";
  /** CNN settings when `model` is "cnn" (its `seed` defaults to the experiment seed). @default {epochs: 10} */
  cnn?: CnnOptions;
  /** MLP settings (its `seed` defaults to the experiment seed). @default {hidden: [64], epochs: 10} */
  mlp?: MlpOptions;
  /** Last-layer retraining settings (seed defaults to the experiment seed). @default {penalty: "l2", C: 1, resamples: 10} */
  retrain?: Omit<RetrainOptions, "nGroups" | "groupNames" | "nClasses">;
  /** MID band. @default {rule: "range", width: 0.1} */
  band?: MidBandOptions;
  /** Seed for training and resampling. @default 0 */
  seed?: number;
}

/** Result of {@link runMidExperiment}. */
export interface MidExperiment {
  /** Test metrics per method. */
  methods: Record<MidMethod, GroupAccuracy>;
  /** MID statistics on the held-out set. */
  mids: {
    /** Number of MIDs. */
    count: number;
    /** Fraction of MIDs whose attribute differs from their class. */
    minorityFraction: number;
    /** The same fraction over the whole held-out set. */
    baseRate: number;
  };
  /**
   * Decile analysis of the last class's logit on the held-out set (quantile bins,
   * lowest first): the minority fraction of each decile, and the fraction of the top
   * decile that is aligned (that class in its own band).
   */
  deciles: { minorityFraction: number[]; topAlignedFraction: number };
  /** Training loss per epoch. */
  losses: number[];
}

/**
 * Run the experiment once.
 *
 * @param data Training (biased), held-out (biased, used for retraining) and test (unbiased) sets.
 * @param options Classifier, retraining and band settings, seed.
 * @returns Per-method test metrics and MID statistics.
 *
 * @example
 * ```ts
 * import { runMidExperiment } from "./experiment.ts";
 * import { generateSprites } from "./sprites.ts";
 * import assert from "node:assert/strict";
 * const data = {
 *   train: generateSprites({ n: 300, seed: 1 }),
 *   heldout: generateSprites({ n: 300, seed: 2 }),
 *   test: generateSprites({ n: 200, correlation: 0.5, seed: 3 }),
 * };
 * const r = runMidExperiment(data, { mlp: { epochs: 2 }, retrain: { resamples: 1 } });
 * assert.ok(r.mids.count > 0);
 * assert.equal(Object.keys(r.methods).length, 4);
 * ```
 */
export function runMidExperiment(
  data: { train: AttributedImages; heldout: AttributedImages; test: AttributedImages },
  options: MidExperimentOptions = {},
): MidExperiment {
  const { seed = 0, band = {} } = options;
  const { train, heldout, test } = data;
  const ctx = "Cannot run MID experiment";
  for (const [name, set] of Object.entries(data)) {
    asMatrix(set.X, `${name}.X`, { context: ctx });
    if (set.X.cols !== train.X.cols) {
      throw new TypeError(
        `${ctx}: \`${name}.X\` must have ${train.X.cols} columns like \`train.X\`: got ${set.X.cols}`,
      );
    }
  }
  const nClasses = train.nClasses;
  let held: { features: Matrix; logits: Matrix }, tst: typeof held, losses: number[];
  if (options.model === "cnn") {
    const cnn: CnnOptions = { epochs: 10, ...options.cnn, nClasses };
    cnn.seed ??= seed;
    const shape = { channels: train.channels, height: train.height, width: train.width };
    const fit = trainCnn(train.X, train.labels, shape, cnn);
    held = cnnForward(fit.model, heldout.X);
    tst = cnnForward(fit.model, test.X);
    losses = fit.losses;
  } else if (options.model === undefined || options.model === "mlp") {
    const mlp: MlpOptions = { hidden: [64], epochs: 10, ...options.mlp, nClasses };
    mlp.seed ??= seed;
    const fit = trainMlp(train.X, train.labels, mlp);
    held = mlpForward(fit.model, heldout.X);
    tst = mlpForward(fit.model, test.X);
    losses = fit.losses;
  } else {
    throw new RangeError(`${ctx}: \`model\` must be "mlp" or "cnn": got ${String(options.model)}`);
  }
  const retrain = { resamples: 10, seed, ...options.retrain, nClasses };
  const score = (pred: Int32Array) =>
    groupAccuracy(pred, test.labels, test.attribute, {
      nClasses,
      nAttributes: test.nAttributes,
    });
  const random = randomSubsetRetrain(held.features, heldout.labels, retrain);
  const oracle = oracleRetrain(held.features, heldout.labels, heldout.attribute, {
    ...retrain,
    nAttributes: heldout.nAttributes,
  });
  const mid = midCuratedRetrain(held.features, heldout.labels, held.logits, {
    ...retrain,
    ...band,
  });
  const sel = mid.selection.indices;
  const c = nClasses - 1;
  const logit = Array.from(
    { length: held.logits.rows },
    (_, i) => held.logits.data[i * nClasses + c]!,
  );
  const bins = activationBins(logit, { rule: "quantile", nBins: 10 });
  const minorityPerBin = new Array<number>(10).fill(0);
  let topAligned = 0;
  for (let i = 0; i < logit.length; i++) {
    const b = bins.bin[i]!;
    if (heldout.labels[i] !== heldout.attribute[i]) minorityPerBin[b]!++;
    if (b === 9 && heldout.labels[i] === c && heldout.attribute[i] === c) topAligned++;
  }
  let minority = 0;
  for (const i of sel) if (heldout.labels[i] !== heldout.attribute[i]) minority++;
  return tagResult("midExperiment", {
    methods: {
      erm: score(argmaxRows(tst.logits)),
      random: score(predictLastLayer(random, tst.features)),
      mid: score(predictLastLayer(mid.fit, tst.features)),
      oracle: score(predictLastLayer(oracle, tst.features)),
    },
    mids: {
      count: sel.length,
      minorityFraction: minority / sel.length,
      baseRate: minorityFraction(heldout),
    },
    deciles: {
      minorityFraction: minorityPerBin.map((m, b) => m / bins.counts[b]!),
      topAlignedFraction: topAligned / bins.counts[9]!,
    },
    losses,
  });
}
