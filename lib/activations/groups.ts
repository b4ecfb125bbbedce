/**
 * Mean and worst-group accuracy: the metrics of spurious-correlation
 * benchmarks. A group is a (class, attribute) pair; worst-group accuracy is the
 * minimum accuracy over all class × attribute groups.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { asLabels, countLevels, type LabelsLike } from "./labels.ts";

/** One row of the per-group table. */
export interface GroupAccuracyRow {
  /** Class label of the group. */
  class: number;
  /** Spurious-attribute value of the group. */
  attribute: number;
  /** Number of samples in the group. */
  n: number;
  /** Correctly classified samples. */
  correct: number;
  /** `correct / n`. */
  accuracy: number;
}

/** Result of {@link groupAccuracy}. */
export interface GroupAccuracy {
  /** Fraction of all samples classified correctly. */
  meanAccuracy: number;
  /** Minimum of the per-group accuracies. */
  worstGroupAccuracy: number;
  /** The group achieving the minimum (first one on ties). */
  worstGroup: { class: number; attribute: number };
  /** Per-group table, class-major (class 0 × every attribute, then class 1, …). */
  groups: GroupAccuracyRow[];
}

/** Options for {@link groupAccuracy}. */
export interface GroupAccuracyOptions {
  /** Number of classes. @default largest label in `labels` or `predicted` + 1 */
  nClasses?: number;
  /** Number of attribute values. @default largest value in `attribute` + 1 */
  nAttributes?: number;
}

/**
 * Mean accuracy, worst-group accuracy and the per-group table.
 *
 * @param predicted Predicted classes, one per sample.
 * @param labels True classes, same length.
 * @param attribute Spurious attribute of each sample, same length.
 * @param options Level counts; every class × attribute group must be non-empty.
 * @returns The metrics.
 *
 * @example Worst group
 * ```ts
 * import { groupAccuracy } from "./groups.ts";
 * import assert from "node:assert/strict";
 * const r = groupAccuracy([0, 0, 1, 0], [0, 0, 1, 1], [0, 1, 1, 0]);
 * assert.equal(r.meanAccuracy, 0.75);
 * assert.equal(r.worstGroupAccuracy, 0);
 * assert.deepEqual(r.worstGroup, { class: 1, attribute: 0 });
 * ```
 */
export function groupAccuracy(
  predicted: LabelsLike,
  labels: LabelsLike,
  attribute: LabelsLike,
  options: GroupAccuracyOptions = {},
): GroupAccuracy {
  const ctx = "Cannot compute group accuracy";
  const y = asLabels(labels, "labels", undefined, ctx);
  const p = asLabels(predicted, "predicted", y.length, ctx);
  const a = asLabels(attribute, "attribute", y.length, ctx);
  if (y.length === 0) throw new RangeError(`${ctx}: \`labels\` must not be empty: got 0 samples`);
  const { nClasses = Math.max(countLevels(y), countLevels(p)), nAttributes = countLevels(a) } =
    options;
  const n = new Array<number>(nClasses * nAttributes).fill(0);
  const c = new Array<number>(nClasses * nAttributes).fill(0);
  let correct = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i]! >= nClasses) {
      throw new RangeError(`${ctx}: \`labels\` must be < nClasses = ${nClasses}: got ${y[i]}`);
    }
    if (a[i]! >= nAttributes) {
      throw new RangeError(
        `${ctx}: \`attribute\` must be < nAttributes = ${nAttributes}: got ${a[i]}`,
      );
    }
    const g = y[i]! * nAttributes + a[i]!;
    n[g]!++;
    if (p[i] === y[i]) {
      c[g]!++;
      correct++;
    }
  }
  const groups: GroupAccuracyRow[] = [];
  let worst = -1;
  for (let k = 0; k < n.length; k++) {
    const cls = Math.floor(k / nAttributes), att = k % nAttributes;
    if (n[k] === 0) {
      throw new RangeError(
        `${ctx}: group (class ${cls}, attribute ${att}) is empty; worst-group accuracy needs every class × attribute group`,
      );
    }
    groups.push({ class: cls, attribute: att, n: n[k]!, correct: c[k]!, accuracy: c[k]! / n[k]! });
    if (worst < 0 || groups[k]!.accuracy < groups[worst]!.accuracy) worst = k;
  }
  const w = groups[worst]!;
  return tagResult("groupAccuracy", {
    meanAccuracy: correct / y.length,
    worstGroupAccuracy: w.accuracy,
    worstGroup: { class: w.class, attribute: w.attribute },
    groups,
  });
}
