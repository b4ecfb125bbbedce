/**
 * The linear shape metric for convolutional layers: minimum over circular
 * spatial shifts of one input (`lib/metrics/conv.ts`). Inputs are
 * [images, height, width, channels]; the map of every shift is in `details`.
 *
 * @module
 */

import { toRows } from "../linalg/matrix.ts";
import { convLinearMetric } from "../metrics/conv.ts";
import type { ScoreMethod, Tensor } from "../metrics/inputs.ts";
import { registerMeasure } from "./registry.ts";
import { SCORE_OPTION, SHAPE_OPTIONS, tensorInput } from "./inputs.ts";
import { linearMeasure } from "./linear.ts";
import type { Measure } from "./types.ts";

/**
 * The `conv-linear` measure (registered on import).
 *
 * @example A shifted copy is at distance 0
 * ```ts
 * import { convLinearMeasure } from "./conv_linear.ts";
 * import { resolveOptions } from "./registry.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("conv-linear");
 * const img = (s: number) => [[[[1 + s], [2]], [[0], [5]]], [[[3], [1]], [[4], [2 - s]]], [[[1], [1]], [[2], [0]]]];
 * const X = convLinearMeasure.validate(img(0), "X", "ctx");
 * const ctx = { width: 1, test: null, name: "X" };
 * const r = convLinearMeasure.compare(convLinearMeasure.prepare(X, options, ctx), convLinearMeasure.prepare(X, options, ctx), options);
 * assert.equal(r.distance, 0);
 * ```
 */
export const convLinearMeasure: Measure<Tensor> = registerMeasure<Tensor>({
  name: "conv-linear",
  description: "linear shape metric minimised over circular spatial shifts (conv layers)",
  aliases: {},
  input: "images",
  returns: "distance",
  options: linearMeasure.options.filter((s) => s.name === "alpha").concat([
    SCORE_OPTION,
    ...SHAPE_OPTIONS,
  ]),
  properties: (o) => linearMeasure.properties(o),
  reference: "Williams et al., NeurIPS 2021 (netrep convolve_metric)",
  padded: false,
  heldOut: false,
  checks: [{ alpha: 0 }],
  ...tensorInput(4),
  prepare: (x) => x as Tensor,
  compare(a, b, o) {
    const r = convLinearMetric(a, b, {
      alpha: o.alpha as number,
      score: o.score as ScoreMethod,
      center: o.center as boolean,
      pad: o.pad as boolean,
    });
    return {
      distance: r.distance,
      details: { map: toRows(r.map), shift: r.shift, unshifted: r.unshifted },
    };
  },
});
