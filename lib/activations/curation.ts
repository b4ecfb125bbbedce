/**
 * Last-layer retraining on a group-balanced subset, averaged over resamples —
 * the procedure shared by MID curation, the random class-balanced baseline and
 * the group-label oracle (Deep Feature Reweighting, Kirichenko, Izmailov &
 * Wilson, ICLR 2023).
 *
 * Each resample draws, without replacement, as many samples from every group
 * as the smallest group holds, fits a penalised logistic regression on the
 * standardised features of that subset, and the coefficients are averaged over
 * resamples. The standardiser is fitted once on all the retraining rows.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { asMatrix, type Matrix, type MatrixLike, takeRows } from "../linalg/matrix.ts";
import { mulberry32 } from "../random.ts";
import { asLabels, bincount, countLevels, type LabelsLike } from "./labels.ts";
import { fitLogistic, logisticDecision, type LogisticOptions } from "./logistic.ts";
import { fitStandardizer, standardize, type Standardizer } from "./standardize.ts";
import { argmaxRows } from "./mlp.ts";
import { type MidBandOptions, type MidSelection, selectMids } from "./mid.ts";

/** Options for {@link groupBalancedRetrain}. */
export interface RetrainOptions extends Omit<LogisticOptions, "nClasses"> {
  /** Number of balanced resamples whose coefficients are averaged. @default 10 */
  resamples?: number;
  /** Seed for the resampling. @default 0 */
  seed?: number;
  /** Number of classes. @default largest label + 1 */
  nClasses?: number;
  /** Number of groups; every group `0 … nGroups−1` must be non-empty. @default largest group id + 1 */
  nGroups?: number;
  /** Group names for error messages. @default "group k" */
  groupNames?: string[];
}

/** A retrained last layer: standardiser plus averaged logistic coefficients (plain data). */
export interface LastLayerFit extends Standardizer {
  /** Number of classes. */
  nClasses: number;
  /** Averaged weights on standardised features, [rows, nFeatures] (rows = 1 for two classes). */
  coef: number[][];
  /** Averaged intercepts. */
  intercept: number[];
  /** Size of each group in the retraining set. */
  groupSizes: number[];
  /** Samples drawn per group in each resample (the smallest group size). */
  perGroup: number;
  /** Number of resamples averaged. */
  resamples: number;
  /** Penalty used. */
  penalty: "l2" | "l1";
  /** Inverse regularisation strength used. */
  C: number;
  /** Whether every resample's solver converged. */
  converged: boolean;
}

/**
 * Retrain a last layer on group-balanced resamples of the retraining set.
 *
 * @param features Penultimate features [nSamples, nFeatures].
 * @param labels Class labels, one per row.
 * @param groups Group id per row (e.g. class × attribute); every group must be non-empty.
 * @param options Logistic settings, resamples, seed.
 * @returns The averaged last layer.
 *
 * @example Balances two unequal groups
 * ```ts
 * import { groupBalancedRetrain, predictLastLayer } from "./curation.ts";
 * import assert from "node:assert/strict";
 * const F = [[-2], [-1.5], [-1], [1], [1.5], [2]], y = [0, 0, 0, 1, 1, 1];
 * const fit = groupBalancedRetrain(F, y, [0, 0, 1, 2, 3, 3], { resamples: 3 });
 * assert.equal(fit.perGroup, 1);
 * assert.deepEqual(Array.from(predictLastLayer(fit, F)), y);
 * ```
 */
export function groupBalancedRetrain(
  features: MatrixLike,
  labels: LabelsLike,
  groups: LabelsLike,
  options: RetrainOptions = {},
): LastLayerFit {
  const ctx = "Cannot retrain last layer";
  const F = asMatrix(features, "features", { context: ctx });
  const y = asLabels(labels, "labels", F.rows, ctx);
  const g = asLabels(groups, "groups", F.rows, ctx);
  const {
    resamples = 10,
    seed = 0,
    nClasses = countLevels(y),
    nGroups = countLevels(g),
    groupNames,
    ...logisticOptions
  } = options;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`${ctx}: \`resamples\` must be an integer >= 1: got ${resamples}`);
  }
  const sizes = bincount(g, Math.max(nGroups, countLevels(g)));
  if (sizes.length > nGroups) {
    throw new RangeError(
      `${ctx}: \`groups\` must be < nGroups = ${nGroups}: got ${sizes.length - 1}`,
    );
  }
  const empty = sizes.findIndex((s) => s === 0);
  if (empty >= 0) {
    throw new RangeError(
      `${ctx}: ${
        groupNames?.[empty] ?? `group ${empty}`
      } is empty; every group needs at least one sample to balance on`,
    );
  }
  const members: number[][] = sizes.map(() => []);
  for (let i = 0; i < g.length; i++) members[g[i]!]!.push(i);
  const perGroup = Math.min(...sizes);
  const scaler = fitStandardizer(F);
  const Z = standardize(scaler, F);
  const rand = mulberry32(seed);
  const d = F.cols;
  let coefSum: Float64Array | null = null, interceptSum: Float64Array | null = null;
  let rows = 0, converged = true;
  let penalty: "l2" | "l1" = "l2", C = 1;
  for (let r = 0; r < resamples; r++) {
    const pick: number[] = [];
    for (const m of members) {
      const pool = m.slice();
      for (let k = 0; k < perGroup; k++) {
        const j = k + Math.floor(rand() * (pool.length - k));
        const t = pool[k]!;
        pool[k] = pool[j]!;
        pool[j] = t;
        pick.push(pool[k]!);
      }
    }
    pick.sort((a, b) => a - b);
    const fit = fitLogistic(takeRows(Z, pick), Array.from(pick, (i) => y[i]!), {
      ...logisticOptions,
      nClasses,
    });
    rows = fit.coef.length;
    penalty = fit.penalty;
    C = fit.C;
    converged &&= fit.converged;
    coefSum ??= new Float64Array(rows * d);
    interceptSum ??= new Float64Array(rows);
    for (let k = 0; k < rows; k++) {
      for (let j = 0; j < d; j++) coefSum[k * d + j]! += fit.coef[k]![j]!;
      interceptSum[k]! += fit.intercept[k]!;
    }
  }
  const coef: number[][] = [];
  for (let k = 0; k < rows; k++) {
    coef.push(Array.from(coefSum!.subarray(k * d, (k + 1) * d), (v) => v / resamples));
  }
  return tagResult("lastLayerFit", {
    ...scaler,
    nClasses,
    coef,
    intercept: Array.from(interceptSum!, (v) => v / resamples),
    groupSizes: sizes,
    perGroup,
    resamples,
    penalty,
    C,
    converged,
  });
}

/**
 * Decision values of a retrained last layer on (unstandardised) penultimate features.
 *
 * @param fit A retrained layer (standardiser + coefficients).
 * @param features Penultimate features [nSamples, nFeatures].
 * @returns Decision values [nSamples, rows] (rows = 1 for two classes: log-odds of class 1).
 *
 * @example
 * ```ts
 * import { lastLayerDecision } from "./curation.ts";
 * import assert from "node:assert/strict";
 * const fit = { mean: [1], scale: [2], coef: [[4]], intercept: [0], nClasses: 2 };
 * assert.deepEqual(Array.from(lastLayerDecision(fit, [[3]]).data), [4]);
 * ```
 */
export function lastLayerDecision(
  fit: Pick<LastLayerFit, "mean" | "scale" | "coef" | "intercept" | "nClasses">,
  features: MatrixLike,
): Matrix {
  return logisticDecision(fit, standardize(fit, features));
}

/**
 * Predicted classes of a retrained last layer.
 *
 * @param fit A retrained layer.
 * @param features Penultimate features [nSamples, nFeatures].
 * @returns The predicted class of each sample.
 *
 * @example
 * ```ts
 * import { predictLastLayer } from "./curation.ts";
 * import assert from "node:assert/strict";
 * const fit = { mean: [0], scale: [1], coef: [[1]], intercept: [0], nClasses: 2 };
 * assert.deepEqual(Array.from(predictLastLayer(fit, [[-1], [2]])), [0, 1]);
 * ```
 */
export function predictLastLayer(
  fit: Pick<LastLayerFit, "mean" | "scale" | "coef" | "intercept" | "nClasses">,
  features: MatrixLike,
): Int32Array {
  const Z = lastLayerDecision(fit, features);
  if (Z.cols === 1) return Int32Array.from(Z.data, (v) => (v > 0 ? 1 : 0));
  return argmaxRows(Z);
}

/**
 * Pseudo-groups class × (MID / not MID): id `2·class + isMid`.
 *
 * @param labels Class labels.
 * @param isMid 1 for a MID, 0 otherwise, per sample.
 * @returns Group ids and their names.
 *
 * @example
 * ```ts
 * import { pseudoGroups } from "./curation.ts";
 * import assert from "node:assert/strict";
 * const p = pseudoGroups([0, 1, 1], [1, 0, 1]);
 * assert.deepEqual(Array.from(p.groups), [1, 2, 3]);
 * assert.equal(p.names[3], "class 1, MID");
 * ```
 */
export function pseudoGroups(
  labels: LabelsLike,
  isMid: ArrayLike<number>,
): { groups: Int32Array; names: string[] } {
  const ctx = "Cannot form pseudo-groups";
  const y = asLabels(labels, "labels", undefined, ctx);
  const m = asLabels(isMid, "isMid", y.length, ctx);
  const groups = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    if (m[i]! > 1) {
      throw new RangeError(`${ctx}: \`isMid\` must hold 0 or 1: got ${m[i]} at index ${i}`);
    }
    groups[i] = 2 * y[i]! + m[i]!;
  }
  const names: string[] = [];
  for (let c = 0; c < countLevels(y); c++) names.push(`class ${c}, not MID`, `class ${c}, MID`);
  return { groups, names };
}

/** Options for {@link midCuratedRetrain}: the MID band plus the retraining settings. */
export interface MidCurationOptions extends Omit<RetrainOptions, "nGroups" | "groupNames"> {
  /** Band rule for selecting MIDs. @default "range" */
  rule?: "range" | "quantile";
  /** Band half-width (see `midBand`). @default 0.1 */
  width?: number;
  /** Band centre for the "range" rule (see `selectMids`). @default 0 for a binary margin, else "midrange" */
  center?: number | "midrange";
}

/**
 * MID curation without group labels: select the MIDs from the classifier's
 * logits, form pseudo-groups class × (MID / not MID), and retrain the last layer
 * on balanced resamples of them.
 *
 * @param features Penultimate features of the retraining set [nSamples, nFeatures].
 * @param labels Class labels.
 * @param logits The trained classifier's logits on the same rows [nSamples, nClasses].
 * @param options Band and retraining settings.
 * @returns The retrained layer and the MID selection it used.
 *
 * @example
 * ```ts
 * import { midCuratedRetrain } from "./curation.ts";
 * import assert from "node:assert/strict";
 * const F = [[-3], [-2], [-0.1], [0.1], [2], [3]], y = [0, 0, 0, 1, 1, 1];
 * const logits = F.map(([f]) => [-f!, f!]);
 * const { fit, selection } = midCuratedRetrain(F, y, logits, { width: 0.1, resamples: 2 });
 * assert.deepEqual(selection.indices, [2, 3]);
 * assert.equal(fit.perGroup, 1);
 * ```
 */
export function midCuratedRetrain(
  features: MatrixLike,
  labels: LabelsLike,
  logits: MatrixLike,
  options: MidCurationOptions = {},
): { fit: LastLayerFit; selection: MidSelection } {
  const { rule, width, center, ...retrain } = options;
  const band: MidBandOptions = {};
  if (rule !== undefined) band.rule = rule;
  if (width !== undefined) band.width = width;
  if (center !== undefined) band.center = center;
  const selection = selectMids(logits, labels, band);
  const { groups, names } = pseudoGroups(labels, selection.isMid);
  const nClasses = retrain.nClasses ?? countLevels(asLabels(labels, "labels"));
  const fit = groupBalancedRetrain(features, labels, groups, {
    ...retrain,
    nClasses,
    nGroups: 2 * nClasses,
    groupNames: names,
  });
  return { fit, selection };
}
