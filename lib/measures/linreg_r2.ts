/**
 * The `linreg-r2` measure: R² of X predicted linearly from Y (asymmetric). The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { linregR2Prepared, type PreparedLinregR2, prepareLinregR2 } from "../metrics/linreg.ts";
import { registerMeasure } from "./registry.ts";
import { responseInput } from "./inputs.ts";
import type { Measure } from "./types.ts";
import { invariantTo } from "./zoo_shared.ts";

/**
 * The `linreg-r2` measure (registered on import).
 *
 * @example One for a network compared with itself
 * ```ts
 * import { linregR2Measure } from "./linreg_r2.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("linreg-r2");
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = linregR2Measure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = linregR2Measure.compare(a, a, options).similarity!;
 * assert.ok(Math.abs(r - 1) < 1e-12);
 * ```
 */
export const linregR2Measure: Measure<PreparedLinregR2> = registerMeasure<PreparedLinregR2>({
  name: "linreg-r2",
  description: "R² of X predicted linearly from Y (asymmetric)",
  aliases: {},
  ...responseInput,
  returns: "similarity",
  options: [],
  properties() {
    return {
      metric: false,
      symmetric: false,
      invariances: invariantTo("rotation", "permutation", "isotropicScale", "translation"),
    };
  },
  reference: "Klabunde et al. 2024 (ReSi benchmark)",
  padded: false,
  heldOut: false,
  checks: [],
  prepare(X, _o, ctx) {
    return prepareLinregR2(X as Matrix, ctx.name);
  },
  compare(a, b) {
    return ({ similarity: linregR2Prepared(a, b) });
  },
});
