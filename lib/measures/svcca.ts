/**
 * The `svcca` measure: mean canonical correlation of the leading principal components. The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { type PreparedSvcca, prepareSvcca, svccaPrepared } from "../metrics/svcca.ts";
import { registerMeasure } from "./registry.ts";
import { responseInput } from "./inputs.ts";
import type { Measure } from "./types.ts";
import { DIMS_OPTION, invariantTo } from "./zoo_shared.ts";

/**
 * The `svcca` measure (registered on import).
 *
 * @example One for a network compared with itself
 * ```ts
 * import { svccaMeasure } from "./svcca.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("svcca");
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = svccaMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = svccaMeasure.compare(a, a, options).similarity!;
 * assert.ok(Math.abs(r - 1) < 1e-12);
 * ```
 */
export const svccaMeasure: Measure<PreparedSvcca> = registerMeasure<PreparedSvcca>({
  name: "svcca",
  description: "mean canonical correlation of the leading principal components",
  aliases: {},
  ...responseInput,
  returns: "similarity",
  options: [DIMS_OPTION],
  properties() {
    return {
      metric: false,
      symmetric: true,
      invariances: invariantTo("rotation", "permutation", "isotropicScale", "translation"),
    };
  },
  reference: "Raghu, Gilmer, Yosinski & Sohl-Dickstein, NeurIPS 2017",
  padded: false,
  heldOut: false,
  checks: [{ dims: 2 }],
  prepare(X, o, ctx) {
    return prepareSvcca(
      X as Matrix,
      o.dims === undefined ? {} : { dims: o.dims as number },
      ctx.name,
    );
  },
  compare(a, b) {
    return ({ similarity: svccaPrepared(a, b) });
  },
});
