/**
 * The `procrustes-sq` measure: squared orthogonal Procrustes distance, centred, not normalised. The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import {
  type PreparedProcrustesSq,
  prepareProcrustesSq,
  procrustesSqPrepared,
} from "../metrics/procrustes_sq.ts";
import { registerMeasure } from "./registry.ts";
import { responseInput } from "./inputs.ts";
import type { Measure } from "./types.ts";
import { invariantTo } from "./zoo_shared.ts";

/**
 * The `procrustes-sq` measure (registered on import).
 *
 * @example Zero for a network compared with itself
 * ```ts
 * import { procrustesSqMeasure } from "./procrustes_sq.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("procrustes-sq");
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = procrustesSqMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = procrustesSqMeasure.compare(a, a, options).distance!;
 * assert.ok(r < 1e-12);
 * ```
 */
export const procrustesSqMeasure: Measure<PreparedProcrustesSq> = registerMeasure<
  PreparedProcrustesSq
>({
  name: "procrustes-sq",
  description: "squared orthogonal Procrustes distance, centred, not normalised",
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
  reference: "Klabunde et al. 2024 (ReSi benchmark); Ding, Denain & Steinhardt, NeurIPS 2021",
  padded: false,
  heldOut: false,
  checks: [],
  prepare(X, _o, ctx) {
    return prepareProcrustesSq(X as Matrix, ctx.name);
  },
  compare(a, b) {
    return ({ distance: procrustesSqPrepared(a, b) });
  },
});
