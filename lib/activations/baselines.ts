/**
 * Baselines for last-layer retraining: a random class-balanced subset (no group
 * information) and the group-label oracle, Deep Feature Reweighting (DFR,
 * Kirichenko, Izmailov & Wilson, ICLR 2023), which balances the true
 * class × attribute groups. Plain training (ERM) needs no retraining: it is the
 * trained network's own head.
 *
 * @module
 */

import type { MatrixLike } from "../linalg/matrix.ts";
import { asLabels, countLevels, crossLabels, type LabelsLike } from "./labels.ts";
import { groupBalancedRetrain, type LastLayerFit, type RetrainOptions } from "./curation.ts";

/** Options for the baselines: retraining settings without the grouping. */
export type BaselineOptions = Omit<RetrainOptions, "nGroups" | "groupNames">;

/**
 * Retrain the last layer on random class-balanced subsets (groups = classes).
 *
 * @param features Penultimate features [nSamples, nFeatures].
 * @param labels Class labels.
 * @param options Retraining settings.
 * @returns The averaged last layer.
 *
 * @example
 * ```ts
 * import { randomSubsetRetrain } from "./baselines.ts";
 * import assert from "node:assert/strict";
 * const fit = randomSubsetRetrain([[-2], [-1], [0], [1], [2]], [0, 0, 0, 1, 1], { resamples: 2 });
 * assert.equal(fit.perGroup, 2);
 * ```
 */
export function randomSubsetRetrain(
  features: MatrixLike,
  labels: LabelsLike,
  options: BaselineOptions = {},
): LastLayerFit {
  const y = asLabels(labels, "labels", undefined, "Cannot retrain last layer");
  const nClasses = options.nClasses ?? countLevels(y);
  return groupBalancedRetrain(features, y, y, {
    ...options,
    nClasses,
    nGroups: nClasses,
    groupNames: Array.from({ length: nClasses }, (_, c) => `class ${c}`),
  });
}

/**
 * Group-label oracle (DFR): retrain the last layer on subsets balanced over the
 * true class × attribute groups.
 *
 * @param features Penultimate features [nSamples, nFeatures].
 * @param labels Class labels.
 * @param attribute Spurious attribute of each row.
 * @param options Retraining settings plus `nAttributes` (default: largest attribute + 1).
 * @returns The averaged last layer.
 *
 * @example An empty group is an error
 * ```ts
 * import { oracleRetrain } from "./baselines.ts";
 * import assert from "node:assert/strict";
 * assert.throws(
 *   () => oracleRetrain([[0], [1], [2]], [0, 1, 1], [0, 1, 0]),
 *   /group \(class 0, attribute 1\) is empty/,
 * );
 * ```
 */
export function oracleRetrain(
  features: MatrixLike,
  labels: LabelsLike,
  attribute: LabelsLike,
  options: BaselineOptions & { nAttributes?: number } = {},
): LastLayerFit {
  const ctx = "Cannot retrain last layer";
  const y = asLabels(labels, "labels", undefined, ctx);
  const a = asLabels(attribute, "attribute", y.length, ctx);
  const { nAttributes = countLevels(a), ...rest } = options;
  const nClasses = rest.nClasses ?? countLevels(y);
  const names: string[] = [];
  for (let c = 0; c < nClasses; c++) {
    for (let k = 0; k < nAttributes; k++) names.push(`group (class ${c}, attribute ${k})`);
  }
  return groupBalancedRetrain(features, y, crossLabels(y, a, nAttributes), {
    ...rest,
    nClasses,
    nGroups: nClasses * nAttributes,
    groupNames: names,
  });
}
