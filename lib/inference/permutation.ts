/**
 * Permutation tests of "more similar than chance": permute the units of one
 * side (e.g. the stimulus rows of Y), recompute the statistic, and count how
 * often the null reaches the observed value, in the direction of similarity.
 * p = (1 + #{null ≥ observed}) / (N + 1), never 0.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { assertInteger, assertKnownOptions, assertSeed } from "../validate/mod.ts";
import { drawRng, permutationDraw } from "./resample.ts";

/** Which values count as evidence against the null. */
export type Alternative = "greater" | "less";

/** Options for {@link permutationTest}. */
export interface PermutationOptions {
  /** Number of permutations. @default 1000 */
  permutations?: number;
  /** Seed of the permutations. @default 0 */
  seed?: number;
  /**
   * `greater` for similarities (large = similar), `less` for distances
   * (small = similar). @default "greater"
   */
  alternative?: Alternative;
}

/** A permutation test. */
export interface PermutationResult {
  /** The statistic on the data as paired. */
  observed: number;
  /** (1 + #{null at least as extreme}) / (N + 1). */
  pValue: number;
  /** Number of permutations. */
  permutations: number;
  /** Direction of the test. */
  alternative: Alternative;
  /** The null distribution, in permutation order. */
  distribution: Float64Array;
  /** Seed of the permutations. */
  seed: number;
}

/**
 * Permutation test: `statistic(perm)` pairs unit i of one side with unit
 * perm[i] of the other (`null` = as observed).
 *
 * @param n Number of units.
 * @param statistic The statistic under a pairing.
 * @param opts {@link PermutationOptions}.
 * @returns Observed value, p-value and null distribution (tagged `permutationTest`).
 *
 * @example A strong association is significant, and p is never 0
 * ```ts
 * import { permutationTest } from "./permutation.ts";
 * import assert from "node:assert/strict";
 * const x = Array.from({ length: 30 }, (_, i) => i), y = x.map((v) => 2 * v + (v % 3));
 * const dot = (p: Int32Array | null) => x.reduce((s, v, i) => s + v * y[p ? p[i]! : i]!, 0);
 * const r = permutationTest(30, dot, { permutations: 199, seed: 2 });
 * assert.equal(r.pValue, 1 / 200);
 * ```
 */
export function permutationTest(
  n: number,
  statistic: (perm: Int32Array | null) => number,
  opts: PermutationOptions = {},
): Readonly<PermutationResult & { kind: string }> {
  const context = "Cannot run permutation test";
  assertKnownOptions(
    opts,
    ["permutations", "seed", "alternative"] satisfies (keyof PermutationOptions)[],
    context,
  );
  const { permutations = 1000, seed = 0, alternative = "greater" } = opts;
  assertInteger(n, "n", 2, 2 ** 31, context);
  assertInteger(permutations, "permutations", 1, 1e8, context);
  assertSeed(seed, context);
  if (alternative !== "greater" && alternative !== "less") {
    throw new RangeError(
      `${context}: \`alternative\` must be one of greater, less: got ${alternative}`,
    );
  }
  const observed = statistic(null);
  if (!Number.isFinite(observed)) {
    throw new RangeError(`${context}: the statistic is not finite on the data: got ${observed}`);
  }
  const distribution = new Float64Array(permutations);
  let extreme = 0;
  for (let k = 0; k < permutations; k++) {
    const v = statistic(permutationDraw(n, drawRng(seed, k)));
    if (!Number.isFinite(v)) {
      throw new RangeError(`${context}: the statistic is not finite on permutation ${k}: got ${v}`);
    }
    distribution[k] = v;
    if (alternative === "greater" ? v >= observed : v <= observed) extreme++;
  }
  return tagResult("permutationTest", {
    observed,
    pValue: (1 + extreme) / (permutations + 1),
    permutations,
    alternative,
    distribution,
    seed,
  });
}
