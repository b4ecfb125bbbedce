/**
 * The Gaussian stochastic shape metric (Duong et al., ICLR 2023): per-stimulus
 * means and covariances compared with the Bures/2-Wasserstein ground metric,
 * α ∈ [0, 2], minimised over one alignment (`lib/metrics/stochastic_gaussian.ts`).
 * Held-out stimuli are scored with the alignment fitted on the training stimuli.
 *
 * @module
 */

import {
  fitGaussianShapeMetric,
  type GaussianResponses,
  scoreGaussianShapeMetric,
} from "../metrics/stochastic_gaussian.ts";
import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { asTensor, type Tensor, type TensorLike } from "../metrics/inputs.ts";
import { registerMeasure } from "./registry.ts";
import { ALIGNMENT_OPTIONS, DDOF_OPTION, stochasticProperties } from "./stochastic.ts";
import type { AlignmentGroup } from "../metrics/align.ts";
import type { Measure } from "./types.ts";

/** One side of the Gaussian metric: trials (repeats × stimuli × units) or their means and covariances. */
export type GaussianInput = Tensor | { means: Matrix; covariances: Tensor };

/** A network for the Gaussian metric: its trials (or summaries), training and held-out. */
export interface PreparedGaussian {
  /** Training stimuli. */
  x: GaussianInput;
  /** Held-out stimuli, or null. */
  test: GaussianInput | null;
}

function isSummary(x: unknown): x is GaussianResponses {
  return typeof x === "object" && x !== null && !Array.isArray(x) && "means" in x;
}

/**
 * The `stochastic-gaussian` measure (registered on import).
 *
 * @example α = 2 compares means only
 * ```ts
 * import { gaussianMeasure } from "./stochastic_gaussian.ts";
 * import { resolveOptions } from "./registry.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("stochastic-gaussian", { alpha: 2 });
 * const cov = [[[1, 0], [0, 1]], [[1, 0], [0, 1]], [[2, 0], [0, 1]]];
 * const X = gaussianMeasure.validate({ means: [[1, 0], [0, 2], [1, 1]], covariances: cov }, "X", "ctx");
 * const Y = gaussianMeasure.validate({ means: [[0, 1], [-2, 0], [-1, 1]], covariances: cov }, "Y", "ctx");
 * const ctx = { width: 2, test: null, name: "X" };
 * const r = gaussianMeasure.compare(gaussianMeasure.prepare(X, options, ctx), gaussianMeasure.prepare(Y, options, ctx), options);
 * assert.ok(r.distance! < 1e-12);
 * ```
 */
export const gaussianMeasure: Measure<PreparedGaussian> = registerMeasure<PreparedGaussian>({
  name: "stochastic-gaussian",
  description: "Gaussian stochastic shape metric (Bures/2-Wasserstein per stimulus, α ∈ [0, 2])",
  aliases: { "gaussian-stochastic": {} },
  input: "stochastic",
  returns: "distance",
  options: [
    {
      name: "alpha",
      type: "number",
      default: 1,
      min: 0,
      max: 2,
      description: "0 covariances only, 1 the 2-Wasserstein distance, 2 means only",
      flag: "alpha",
    },
    ...ALIGNMENT_OPTIONS,
    DDOF_OPTION,
  ],
  properties: stochasticProperties,
  reference: "Duong, Zhou, Nassar, Berman, Olieslagers & Williams, ICLR 2023",
  padded: false,
  heldOut: true,
  tolerance: 1e-6,
  checks: [{ alpha: 0.5 }, { group: "perm" }, { group: "identity" }],
  validate(x, name, context) {
    if (isSummary(x)) {
      return {
        means: asMatrix(x.means as MatrixLike, `${name}.means`, { context }),
        covariances: asTensor(x.covariances, `${name}.covariances`, 3, context),
      };
    }
    return asTensor(x as TensorLike, name, 3, context);
  },
  widthOf: (x) => isSummary(x) ? (x.means as Matrix).cols : (x as Tensor).shape[2]!,
  rowsOf: (x) => isSummary(x) ? (x.means as Matrix).rows : (x as Tensor).shape[0]!,
  prepare: (x, _o, ctx) => ({
    x: x as GaussianInput,
    test: (ctx.test ?? null) as GaussianInput | null,
  }),
  compare(a, b, o) {
    const opts = {
      alpha: o.alpha as number,
      group: o.group as AlignmentGroup,
      maxIter: o.maxIter as number,
      tol: o.tol as number,
      ddof: o.ddof as number,
    };
    const fit = fitGaussianShapeMetric(a.x, b.x, opts);
    const score = { ddof: opts.ddof }; // scoring reads only ddof
    const distance = scoreGaussianShapeMetric(fit, a.x, b.x, score);
    if (a.test === null || b.test === null) return { distance };
    return { distance, testDistance: scoreGaussianShapeMetric(fit, a.test, b.test, score) };
  },
});
