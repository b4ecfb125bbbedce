/**
 * The `uniformity-diff` measure: difference of log mean exp(−2‖x_i − x_j‖²) (not a metric). The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { uniformityStatistic } from "../metrics/descriptive.ts";
import { registerMeasure } from "./registry.ts";
import { responseInput } from "./inputs.ts";
import type { Measure } from "./types.ts";
import { invariantTo } from "./zoo_shared.ts";

/**
 * The `uniformity-diff` measure (registered on import).
 *
 * @example Zero for a network compared with itself
 * ```ts
 * import { uniformityDiffMeasure } from "./uniformity_diff.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("uniformity-diff");
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = uniformityDiffMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = uniformityDiffMeasure.compare(a, a, options).distance!;
 * assert.ok(r < 1e-12);
 * ```
 */
export const uniformityDiffMeasure: Measure<number> = registerMeasure<number>({
  name: "uniformity-diff",
  description: "difference of log mean exp(−2‖x_i − x_j‖²) (not a metric)",
  aliases: {},
  ...responseInput,
  returns: "distance",
  options: [],
  properties() {
    return {
      metric: false,
      symmetric: true,
      invariances: invariantTo("rotation", "permutation", "translation"),
    };
  },
  reference: "Wang & Isola, ICML 2020; Klabunde et al. 2024 (ReSi benchmark)",
  padded: false,
  heldOut: false,
  checks: [],
  prepare(X) {
    return uniformityStatistic(X as Matrix);
  },
  compare(a, b) {
    return ({ distance: Math.abs(a - b) });
  },
});
