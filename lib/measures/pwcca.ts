/**
 * The `pwcca` measure: projection-weighted canonical correlation (A = the narrower side, X on ties). The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { type PreparedPwcca, preparePwcca, pwccaPrepared } from "../metrics/pwcca.ts";
import { registerMeasure } from "./registry.ts";
import { responseInput } from "./inputs.ts";
import type { Measure } from "./types.ts";
import { invariantTo } from "./zoo_shared.ts";

/**
 * The `pwcca` measure (registered on import).
 *
 * @example One for a network compared with itself
 * ```ts
 * import { pwccaMeasure } from "./pwcca.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("pwcca");
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = pwccaMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = pwccaMeasure.compare(a, a, options).similarity!;
 * assert.ok(Math.abs(r - 1) < 1e-12);
 * ```
 */
export const pwccaMeasure: Measure<PreparedPwcca> = registerMeasure<PreparedPwcca>({
  name: "pwcca",
  description: "projection-weighted canonical correlation (A = the narrower side, X on ties)",
  aliases: {},
  ...responseInput,
  returns: "similarity",
  options: [],
  properties() {
    return {
      metric: false,
      symmetric: false,
      invariances: invariantTo("permutation", "isotropicScale", "translation"),
    };
  },
  reference: "Morcos, Raghu & Bengio, NeurIPS 2018",
  padded: false,
  heldOut: false,
  checks: [],
  prepare(X, _o, ctx) {
    return preparePwcca(X as Matrix, ctx.name);
  },
  compare(a, b) {
    return ({ similarity: pwccaPrepared(a, b) });
  },
});
