/**
 * Pieces shared by the measure-zoo registrations (`mutual_knn.ts`, `svcca.ts`, …):
 * the `k` and `dims` options and a compact way to declare invariances.
 *
 * @module
 */

import type { Invariances, OptionSpec } from "./types.ts";

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
