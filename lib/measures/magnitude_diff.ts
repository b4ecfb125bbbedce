/**
 * The `magnitude-diff` measure: |‖x̄‖ − ‖ȳ‖|, the difference of mean-row norms (not a metric). The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { magnitudeStatistic } from "../metrics/descriptive.ts";
import { registerMeasure } from "./registry.ts";
import { responseInput } from "./inputs.ts";
import type { Measure } from "./types.ts";
import { invariantTo } from "./zoo_shared.ts";

/**
 * The `magnitude-diff` measure (registered on import).
 *
 * @example Zero for a network compared with itself
 * ```ts
 * import { magnitudeDiffMeasure } from "./magnitude_diff.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("magnitude-diff");
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = magnitudeDiffMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = magnitudeDiffMeasure.compare(a, a, options).distance!;
 * assert.ok(r < 1e-12);
 * ```
 */
export const magnitudeDiffMeasure: Measure<number> = registerMeasure<number>({
  name: "magnitude-diff",
  description: "|‖x̄‖ − ‖ȳ‖|, the difference of mean-row norms (not a metric)",
  aliases: {},
  ...responseInput,
  returns: "distance",
  options: [],
  properties() {
    return { metric: false, symmetric: true, invariances: invariantTo("rotation", "permutation") };
  },
  reference: "Klabunde et al. 2024 (ReSi benchmark)",
  padded: false,
  heldOut: false,
  checks: [],
  prepare(X) {
    return magnitudeStatistic(X as Matrix);
  },
  compare(a, b) {
    return ({ distance: Math.abs(a - b) });
  },
});
