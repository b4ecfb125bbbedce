/**
 * The `cknna` measure: CKA (unbiased HSIC) restricted to mutual k-nearest-neighbour pairs. The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { type PreparedKnn, prepareKnn } from "../metrics/knn.ts";
import { cknnaPrepared } from "../metrics/cknna.ts";
import { registerMeasure } from "./registry.ts";
import { responseInput } from "./inputs.ts";
import type { Measure } from "./types.ts";
import { invariantTo, K_OPTION } from "./zoo_shared.ts";

/**
 * The `cknna` measure (registered on import).
 *
 * @example One for a network compared with itself
 * ```ts
 * import { cknnaMeasure } from "./cknna.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("cknna", { k: 3 });
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = cknnaMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = cknnaMeasure.compare(a, a, options).similarity!;
 * assert.ok(Math.abs(r - 1) < 1e-12);
 * ```
 */
export const cknnaMeasure: Measure<PreparedKnn> = registerMeasure<PreparedKnn>({
  name: "cknna",
  description: "CKA (unbiased HSIC) restricted to mutual k-nearest-neighbour pairs",
  aliases: {},
  ...responseInput,
  returns: "similarity",
  options: [K_OPTION],
  halfSample: false,
  properties() {
    return {
      metric: false,
      symmetric: false,
      invariances: invariantTo("rotation", "permutation", "isotropicScale"),
    };
  },
  reference: "Huh, Cheung, Wang & Isola, ICML 2024 (platonic representation)",
  padded: false,
  heldOut: false,
  checks: [{ k: 3 }],
  prepare(X, o, ctx) {
    return prepareKnn(X as Matrix, { k: o.k as number }, ctx.name);
  },
  compare(a, b) {
    return ({ similarity: cknnaPrepared(a, b) });
  },
});
