/**
 * Representational similarity matrices (RSMs) of feature vectors with the
 * samples sorted by an attribute, so that block structure shows which
 * attribute the representation groups by; the mean similarity of each block
 * summarises it.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { matmul } from "../linalg/products.ts";
import { tagResult } from "../result.ts";
import { asLabels, countLevels, type LabelsLike } from "./labels.ts";

/** Options for {@link sortedRsm}. */
export interface SortedRsmOptions {
  /** "correlation" (Pearson r between samples) or "cosine". @default "correlation" */
  metric?: "correlation" | "cosine";
}

/** Result of {@link sortedRsm}, tagged `sortedRsm`. */
export interface SortedRsm {
  /** Similarity metric used. */
  metric: "correlation" | "cosine";
  /** Sample indices in sorted order. */
  order: number[];
  /** Start (in sorted order) of each attribute level's block. */
  boundaries: number[];
  /** [n, n] similarity matrix in sorted order. */
  matrix: Matrix;
  /** Mean similarity between each pair of levels (null for a single-sample level). */
  blockMeans: (number | null)[][];
}

/**
 * The RSM of the features with samples sorted by an attribute (stable: ties keep
 * their original order).
 *
 * @param features Features [nSamples, nFeatures].
 * @param attribute Attribute per sample.
 * @param options Similarity metric.
 * @returns The sorted order, the start of each level's block, the [n, n] RSM in
 *   sorted order and the mean similarity between each pair of levels (diagonal
 *   blocks exclude self-similarity; null for a level with a single sample).
 *
 * @example Two clusters give a block structure
 * ```ts
 * import { sortedRsm } from "./rsm.ts";
 * import assert from "node:assert/strict";
 * const F = [[1, 0, 0], [0, 1, 0], [1, 0.1, 0], [0, 1, 0.1]];
 * const r = sortedRsm(F, [0, 1, 0, 1]);
 * assert.deepEqual(r.order, [0, 2, 1, 3]);
 * assert.ok(r.blockMeans[0]![0]! > 0.9 && r.blockMeans[0]![1]! < 0);
 * ```
 */
export function sortedRsm(
  features: MatrixLike,
  attribute: LabelsLike,
  options: SortedRsmOptions = {},
): Readonly<SortedRsm & { kind: string }> {
  const ctx = "Cannot compute RSM";
  const F = asMatrix(features, "features", { context: ctx });
  const a = asLabels(attribute, "attribute", F.rows, ctx);
  const { metric = "correlation" } = options;
  if (metric !== "correlation" && metric !== "cosine") {
    throw new RangeError(
      `${ctx}: \`metric\` must be "correlation" or "cosine": got ${String(metric)}`,
    );
  }
  const n = F.rows, d = F.cols;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i]! - a[j]! || i - j);
  const Z: Matrix = { rows: n, cols: d, data: new Float64Array(n * d) };
  for (let k = 0; k < n; k++) {
    const src = order[k]! * d;
    let mean = 0;
    if (metric === "correlation") {
      for (let j = 0; j < d; j++) mean += F.data[src + j]!;
      mean /= d;
    }
    let ss = 0;
    for (let j = 0; j < d; j++) {
      const v = F.data[src + j]! - mean;
      Z.data[k * d + j] = v;
      ss += v * v;
    }
    if (ss === 0) {
      throw new RangeError(
        `${ctx}: sample ${order[k]} has ${
          metric === "correlation" ? "constant" : "all-zero"
        } features; its ${metric} is undefined`,
      );
    }
    const inv = 1 / Math.sqrt(ss);
    for (let j = 0; j < d; j++) Z.data[k * d + j]! *= inv;
  }
  const S = matmul(Z, Z, { transB: true });
  const L = countLevels(a);
  const boundaries: number[] = [];
  for (let k = 0, level = -1; k < n; k++) {
    while (a[order[k]!]! > level) {
      level++;
      boundaries.push(k);
    }
  }
  while (boundaries.length < L) boundaries.push(n);
  const sums = Array.from({ length: L }, () => new Array<number>(L).fill(0));
  const cnt = Array.from({ length: L }, () => new Array<number>(L).fill(0));
  for (let p = 0; p < n; p++) {
    const lp = a[order[p]!]!;
    for (let q = 0; q < n; q++) {
      if (p === q) continue;
      const lq = a[order[q]!]!;
      sums[lp]![lq]! += S.data[p * n + q]!;
      cnt[lp]![lq]!++;
    }
  }
  const blockMeans = sums.map((row, i) =>
    row.map((s, j) => (cnt[i]![j]! ? s / cnt[i]![j]! : null))
  );
  return tagResult("sortedRsm", { metric, order, boundaries, matrix: S, blockMeans });
}
