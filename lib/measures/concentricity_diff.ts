/**
 * The `concentricity-diff` measure: difference of mean cosines to the mean row (not a metric). The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { concentricityStatistic } from "../metrics/descriptive.ts";
import { registerMeasure } from "./registry.ts";
import { responseInput } from "./inputs.ts";
import type { Measure } from "./types.ts";
import { invariantTo } from "./zoo_shared.ts";

/**
 * The `concentricity-diff` measure (registered on import).
 *
 * @example Zero for a network compared with itself
 * ```ts
 * import { concentricityDiffMeasure } from "./concentricity_diff.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("concentricity-diff");
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = concentricityDiffMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = concentricityDiffMeasure.compare(a, a, options).distance!;
 * assert.ok(r < 1e-12);
 * ```
 */
export const concentricityDiffMeasure: Measure<number> = registerMeasure<number>({
  name: "concentricity-diff",
  description: "difference of mean cosines to the mean row (not a metric)",
  aliases: {},
  ...responseInput,
  returns: "distance",
  options: [],
  properties() {
    return {
      metric: false,
      symmetric: true,
      invariances: invariantTo("rotation", "permutation", "isotropicScale"),
    };
  },
  reference: "Klabunde et al. 2024 (ReSi benchmark)",
  padded: false,
  heldOut: false,
  checks: [],
  prepare(X) {
    return concentricityStatistic(X as Matrix);
  },
  compare(a, b) {
    return ({ distance: Math.abs(a - b) });
  },
});
