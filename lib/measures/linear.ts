/**
 * The linear shape metric family (Williams et al. 2021), α ∈ [0, 1]: α = 1
 * allows rotations only (Procrustes, alias `procrustes`), α = 0 any invertible
 * linear map (CCA, alias `cca`). Per network: centre, zero-pad, partially
 * whiten (`lib/metrics/whiten.ts`); per pair: the SVD of Φ_aᵀΦ_b
 * (`lib/metrics/linear.ts`). Held-out rows are mapped with the training means
 * and whitening and scored with the training alignment.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { scoreAligned } from "../metrics/angular.ts";
import type { ScoreMethod } from "../metrics/inputs.ts";
import { checkHeldOutCentred, preparedLinearDistance, trainingScale } from "../metrics/linear.ts";
import { applyCenterAndPad } from "../metrics/inputs.ts";
import { prepareLinearMetric, whiteningFloorWarning, whitenRows } from "../metrics/whiten.ts";
import { registerMeasure } from "./registry.ts";
import { checkAngularDefined, responseInput, SCORE_OPTION, SHAPE_OPTIONS } from "./inputs.ts";
import type { Measure } from "./types.ts";

/** A network after the per-network step of the linear metric. */
export interface PreparedLinear {
  /** Whitened training rows Φ [nStimuli, width]. */
  phi: Matrix;
  /** ‖Φ‖². */
  normSq: number;
  /** Held-out rows under the same map, or null. */
  test: Matrix | null;
  /** The argument's name and how many non-negligible eigenvalues the whitening floor raised. */
  raised?: readonly [string, number];
}

/**
 * The `linear` measure (registered on import).
 *
 * @example Procrustes distance of a rotated copy is zero
 * ```ts
 * import { linearMeasure } from "./linear.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("procrustes");
 * const X = fromRows([[1, 0], [0, 2], [3, 1]]), Y = fromRows([[0, 1], [-2, 0], [-1, 3]]);
 * const ctx = { width: 2, test: null, name: "X" };
 * const d = linearMeasure.compare(linearMeasure.prepare(X, options, ctx), linearMeasure.prepare(Y, options, ctx), options);
 * assert.ok(d.distance! < 1e-12);
 * ```
 */
export const linearMeasure: Measure<PreparedLinear> = registerMeasure<PreparedLinear>({
  name: "linear",
  description:
    "linear shape metric: α = 1 rotations only (Procrustes), α = 0 any invertible map (CCA)",
  aliases: { procrustes: { alpha: 1 }, cca: { alpha: 0 } },
  ...responseInput,
  returns: "distance",
  options: [
    {
      name: "alpha",
      type: "number",
      default: 1,
      min: 0,
      max: 1,
      description: "α: 1 rotations only (Procrustes), 0 any invertible linear map (CCA)",
      flag: "alpha",
    },
    SCORE_OPTION,
    ...SHAPE_OPTIONS,
  ],
  properties(o) {
    const angular = o.score === "angular";
    return {
      metric: angular || o.alpha === 1,
      symmetric: true,
      invariances: {
        rotation: true,
        permutation: true,
        isotropicScale: angular && (o.alpha === 1 || o.alpha === 0),
        translation: o.center === true,
        invertibleLinear: angular && o.alpha === 0,
      },
    };
  },
  reference: "Williams, Kunz, Kornblith & Linderman, NeurIPS 2021 (netrep LinearMetric)",
  padded: true,
  heldOut: true,
  checks: [{ alpha: 0.5 }, { score: "euclidean" }, { alpha: 0.5, score: "euclidean" }, {
    center: false,
  }],
  prepare(X, o, ctx) {
    checkAngularDefined(X as Matrix, o, ctx.name, "Cannot compute linear metric");
    const p = prepareLinearMetric(X as Matrix, o.alpha as number, o.center as boolean, ctx.width);
    const test = ctx.test as Matrix | null;
    if (test !== null && o.score === "angular") {
      // held-out rows at the training means up to rounding have no angle
      const centred = applyCenterAndPad(test, p.means);
      checkHeldOutCentred(centred, trainingScale(p), ctx.name, "Cannot score linear metric");
    }
    const raised = [ctx.name, p.floorRaised] as const;
    return { phi: p.phi, normSq: p.normSq, test: test ? whitenRows(p, test) : null, raised };
  },
  compare(a, b, o) {
    const score = o.score as ScoreMethod;
    const distance = preparedLinearDistance(a, b, score);
    // data small in scale: the whitening floor changed the value (netrep's numbers are kept)
    const warning = whiteningFloorWarning([a.raised ?? ["X", 0], b.raised ?? ["Y", 0]]);
    const details = warning === undefined ? {} : { details: { warning } };
    if (a.test === null || b.test === null) return { distance, ...details };
    const backend = getBackend();
    const { U, Vt } = backend.svd(backend.gemm(a.phi, b.phi, true, false), true);
    const A = backend.gemm(a.test, U, false, false), B = backend.gemm(b.test, Vt, false, true);
    return {
      distance,
      testDistance: scoreAligned(A, B, score, "Cannot score linear metric"),
      ...details,
    };
  },
});
