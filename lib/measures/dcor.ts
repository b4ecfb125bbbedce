/**
 * The `dcor` measure: distance correlation of the stimulus distances (V-statistic). The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import {
  distanceCorrelationPrepared,
  type PreparedDistanceCorrelation,
  prepareDistanceCorrelation,
} from "../metrics/dcor.ts";
import { registerMeasure } from "./registry.ts";
import { responseInput } from "./inputs.ts";
import type { Measure } from "./types.ts";
import { invariantTo } from "./zoo_shared.ts";

/**
 * The `dcor` measure (registered on import).
 *
 * @example One for a network compared with itself
 * ```ts
 * import { dcorMeasure } from "./dcor.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("dcor");
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = dcorMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = dcorMeasure.compare(a, a, options).similarity!;
 * assert.ok(Math.abs(r - 1) < 1e-12);
 * ```
 */
export const dcorMeasure: Measure<PreparedDistanceCorrelation> = registerMeasure<
  PreparedDistanceCorrelation
>({
  name: "dcor",
  description: "distance correlation of the stimulus distances (V-statistic)",
  aliases: { "distance-correlation": {} },
  ...responseInput,
  returns: "similarity",
  options: [],
  properties() {
    return {
      metric: false,
      symmetric: true,
      invariances: invariantTo("rotation", "permutation", "isotropicScale", "translation"),
    };
  },
  reference: "Székely, Rizzo & Bakirov, Ann. Stat. 2007",
  padded: false,
  heldOut: false,
  checks: [],
  prepare(X, _o, ctx) {
    return prepareDistanceCorrelation(X as Matrix, ctx.name);
  },
  compare(a, b) {
    return ({ similarity: distanceCorrelationPrepared(a, b) });
  },
});
