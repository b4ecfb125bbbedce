/**
 * Pieces shared by the measure-zoo registrations (`mutual_knn.ts`, `svcca.ts`, …):
 * the `k` and `dims` options and a compact way to declare invariances.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { type PreparedKnn, prepareKnn } from "../metrics/knn.ts";
import { responseInput } from "./inputs.ts";
import { registerMeasure } from "./registry.ts";
import type { Invariances, Measure, OptionSpec } from "./types.ts";

/** `k`: neighbours per stimulus for the kNN measures (flag `--k`). */
export const K_OPTION: OptionSpec = {
  name: "k",
  type: "integer",
  default: 10,
  min: 1,
  description: "neighbours per stimulus (cosine of uncentred rows; at most nStimuli − 1)",
  flag: "k",
};

/** `dims`: principal components kept per side by SVCCA (flag `--dims`). */
export const DIMS_OPTION: OptionSpec = {
  name: "dims",
  type: "integer",
  default: null,
  min: 1,
  description: "principal components kept per side (default: the fewest explaining 99% variance)",
  flag: "dims",
};

/**
 * The invariances named in `which` are true, the others false.
 *
 * @param which Invariance names.
 * @returns The invariance record.
 *
 * @example
 * ```ts
 * import { invariantTo } from "./zoo_shared.ts";
 * import assert from "node:assert/strict";
 * assert.equal(invariantTo("rotation").rotation, true);
 * assert.equal(invariantTo("rotation").translation, false);
 * ```
 */
export function invariantTo(...which: (keyof Invariances)[]): Invariances {
  return {
    rotation: which.includes("rotation"),
    permutation: which.includes("permutation"),
    isotropicScale: which.includes("isotropicScale"),
    translation: which.includes("translation"),
    invertibleLinear: which.includes("invertibleLinear"),
  };
}

/** What distinguishes one neighbour-set measure from another. */
export interface KnnSetMeasureSpec {
  /** Standard name. */
  name: string;
  /** One line on what it computes. */
  description: string;
  /** Where it comes from. */
  reference: string;
  /** The pairwise step on two prepared neighbour sets. */
  pairwise(a: PreparedKnn, b: PreparedKnn): number;
}

/**
 * Register a similarity between the k-nearest-neighbour sets of two networks
 * (uncentred cosine, self excluded by index, ties stable by index): the
 * measures of `lib/metrics/knn.ts` differ only in their pairwise step.
 *
 * @param spec Name, description, reference and pairwise step.
 * @returns The registered measure.
 *
 * @example A network is fully similar to itself
 * ```ts
 * import { getMeasure } from "./registry.ts";
 * import "./mutual_knn.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { measure } = getMeasure("mutual-knn");
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = measure.prepare(X, { k: 3 }, { width: 2, test: null, name: "X" });
 * assert.equal(measure.compare(a, a, { k: 3 }).similarity, 1);
 * ```
 */
export function knnSetMeasure(spec: KnnSetMeasureSpec): Measure<PreparedKnn> {
  return registerMeasure<PreparedKnn>({
    name: spec.name,
    description: spec.description,
    aliases: {},
    ...responseInput,
    returns: "similarity",
    options: [K_OPTION],
    halfSample: false,
    properties() {
      return {
        metric: false,
        symmetric: true,
        invariances: invariantTo("rotation", "permutation", "isotropicScale"),
      };
    },
    reference: spec.reference,
    padded: false,
    heldOut: false,
    checks: [{ k: 3 }],
    prepare(X, o, ctx) {
      return prepareKnn(X as Matrix, { k: o.k as number }, ctx.name);
    },
    compare(a, b) {
      return { similarity: spec.pairwise(a, b) };
    },
  });
}
