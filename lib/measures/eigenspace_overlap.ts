/**
 * The `eigenspace-overlap` measure: ‖UᵀV‖²_F / max(p_X, p_Y) for the rank-truncated left singular vectors (uncentred). The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import {
  eigenspaceOverlapPrepared,
  type PreparedEigenspaceOverlap,
  prepareEigenspaceOverlap,
} from "../metrics/eigenspace.ts";
import { registerMeasure } from "./registry.ts";
import { responseInput } from "./inputs.ts";
import type { Measure } from "./types.ts";
import { invariantTo } from "./zoo_shared.ts";

/**
 * The `eigenspace-overlap` measure (registered on import).
 *
 * @example One for a network compared with itself
 * ```ts
 * import { eigenspaceOverlapMeasure } from "./eigenspace_overlap.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("eigenspace-overlap");
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = eigenspaceOverlapMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = eigenspaceOverlapMeasure.compare(a, a, options).similarity!;
 * assert.ok(Math.abs(r - 1) < 1e-12);
 * ```
 */
export const eigenspaceOverlapMeasure: Measure<PreparedEigenspaceOverlap> = registerMeasure<
  PreparedEigenspaceOverlap
>({
  name: "eigenspace-overlap",
  description: "‖UᵀV‖²_F / max(p_X, p_Y) for the rank-truncated left singular vectors (uncentred)",
  aliases: {},
  ...responseInput,
  returns: "similarity",
  options: [],
  properties() {
    return {
      metric: false,
      symmetric: true,
      invariances: invariantTo("rotation", "permutation", "isotropicScale", "invertibleLinear"),
    };
  },
  reference: "May, Zhang, Dao & Ré, NeurIPS 2019; Klabunde et al. 2024 (ReSi benchmark)",
  padded: false,
  heldOut: false,
  checks: [],
  prepare(X, _o, ctx) {
    return prepareEigenspaceOverlap(X as Matrix, ctx.name);
  },
  compare(a, b) {
    return ({ similarity: eigenspaceOverlapPrepared(a, b) });
  },
});
