/**
 * The permutation shape metric: units matched one-to-one by an exact
 * assignment on Φ_aᵀΦ_b after centring and zero-padding
 * (`lib/metrics/permutation.ts`). Held-out rows use the training means and
 * matching.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { scoreAligned } from "../metrics/angular.ts";
import { applyCenterAndPad, centerAndPad, type ScoreMethod } from "../metrics/inputs.ts";
import { optimalPermutation, permuteColumns } from "../metrics/permutation.ts";
import { checkHeldOutCentred, trainingScale } from "../metrics/linear.ts";
import { registerMeasure } from "./registry.ts";
import { checkAngularDefined, responseInput, SCORE_OPTION, SHAPE_OPTIONS } from "./inputs.ts";
import type { Measure } from "./types.ts";
import type { PreparedLinear } from "./linear.ts";

/**
 * The `permutation` measure (registered on import).
 *
 * @example Permuted units are at distance 0
 * ```ts
 * import { permutationMeasure } from "./permutation.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("permutation", { score: "euclidean" });
 * const ctx = { width: 2, test: null, name: "X" };
 * const a = permutationMeasure.prepare(fromRows([[1, 0], [0, 2], [3, 3]]), options, ctx);
 * const b = permutationMeasure.prepare(fromRows([[0, 1], [2, 0], [3, 3]]), options, ctx);
 * assert.equal(permutationMeasure.compare(a, b, options).distance, 0);
 * ```
 */
export const permutationMeasure: Measure<PreparedLinear> = registerMeasure<PreparedLinear>({
  name: "permutation",
  description: "units matched one-to-one (exact assignment), then angular or euclidean",
  aliases: {},
  ...responseInput,
  returns: "distance",
  options: [SCORE_OPTION, ...SHAPE_OPTIONS],
  properties(o) {
    return {
      metric: true,
      symmetric: true,
      invariances: {
        rotation: false,
        permutation: true,
        isotropicScale: o.score === "angular",
        translation: o.center === true,
        invertibleLinear: false,
      },
    };
  },
  reference: "Williams et al., NeurIPS 2021 (netrep PermutationMetric)",
  padded: true,
  heldOut: true,
  checks: [{ score: "euclidean" }, { center: false }],
  prepare(X, o, ctx) {
    checkAngularDefined(X as Matrix, o, ctx.name, "Cannot compute permutation metric");
    const { centered, means } = centerAndPad(X as Matrix, ctx.width, o.center as boolean);
    let normSq = 0;
    for (let k = 0; k < centered.data.length; k++) normSq += centered.data[k]! ** 2;
    const test = ctx.test === null ? null : applyCenterAndPad(ctx.test as Matrix, means);
    if (test !== null && o.score === "angular") {
      // held-out rows at the training means up to rounding have no angle
      const scale = trainingScale({ means, phi: centered, normSq });
      checkHeldOutCentred(test, scale, ctx.name, "Cannot compute permutation metric");
    }
    return { phi: centered, normSq, test };
  },
  compare(a, b, o) {
    const score = o.score as ScoreMethod;
    const perm = optimalPermutation(a.phi, b.phi);
    const context = "Cannot compute permutation metric";
    const distance = scoreAligned(a.phi, permuteColumns(b.phi, perm), score, context);
    if (a.test === null || b.test === null) return { distance };
    return {
      distance,
      testDistance: scoreAligned(a.test, permuteColumns(b.test, perm), score, context),
    };
  },
});
