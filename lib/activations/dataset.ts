/**
 * The labelled-image record shared by the synthetic sprites and the digits
 * benchmark: images as rows, a class label and a spurious attribute per row.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";

/** Images with a class and a spurious attribute per row. */
export interface AttributedImages {
  /** Pixels, [nSamples, channels · height · width] (channel-major within a row). */
  X: Matrix;
  /** Class of each sample, in `0 … nClasses−1`. */
  labels: Int32Array;
  /** Spurious attribute of each sample, in `0 … nAttributes−1`. */
  attribute: Int32Array;
  /** Number of classes. */
  nClasses: number;
  /** Number of attribute values. */
  nAttributes: number;
  /** Image height in pixels. */
  height: number;
  /** Image width in pixels. */
  width: number;
  /** Colour channels. */
  channels: number;
  /** Name of each class. */
  classNames: string[];
  /** Name of each attribute value. */
  attributeNames: string[];
}

/**
 * The fraction of samples whose attribute differs from their class — the
 * minority (bias-conflicting) rate when attribute `k` is the one aligned with class `k`.
 *
 * @param data Labels and attributes.
 * @returns The minority fraction in [0, 1].
 *
 * @example
 * ```ts
 * import { minorityFraction } from "./dataset.ts";
 * import assert from "node:assert/strict";
 * assert.equal(minorityFraction({ labels: [0, 1, 1, 0], attribute: [0, 1, 0, 0] }), 0.25);
 * ```
 */
export function minorityFraction(
  data: { labels: ArrayLike<number>; attribute: ArrayLike<number> },
): number {
  const n = data.labels.length;
  if (n === 0) return 0;
  let m = 0;
  for (let i = 0; i < n; i++) if (data.labels[i] !== data.attribute[i]) m++;
  return m / n;
}
