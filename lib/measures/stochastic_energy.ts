/**
 * The energy-distance stochastic shape metric (Duong et al., ICLR 2023):
 * distributions of repeated trials per stimulus, no Gaussian assumption,
 * minimised over one alignment (`lib/metrics/stochastic_energy.ts`). Held-out
 * stimuli are scored with the training alignment. Declared not a metric: the
 * finite-trial estimator breaks the triangle inequality (the property tests
 * found violations of 0.1–0.3), although its population limit is one.
 *
 * @module
 */

import { fitEnergyShapeMetric, scoreEnergyShapeMetric } from "../metrics/stochastic_energy.ts";
import type { Tensor } from "../metrics/inputs.ts";
import type { AlignmentGroup } from "../metrics/align.ts";
import { registerMeasure } from "./registry.ts";
import { tensorInput } from "./inputs.ts";
import { ALIGNMENT_OPTIONS, stochasticProperties } from "./stochastic.ts";
import type { Measure } from "./types.ts";

/** A network for the energy metric: training and held-out trials. */
export interface PreparedEnergy {
  /** Trials [nStimuli, nTrials, nUnits]. */
  x: Tensor;
  /** Held-out stimuli, or null. */
  test: Tensor | null;
}

/**
 * The `stochastic-energy` measure (registered on import).
 *
 * @example Identical trials are at distance 0
 * ```ts
 * import { energyMeasure } from "./stochastic_energy.ts";
 * import { resolveOptions } from "./registry.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("stochastic-energy");
 * const X = energyMeasure.validate([[[0, 1], [1, 0]], [[2, 2], [3, 1]]], "X", "ctx");
 * const p = energyMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * assert.ok(energyMeasure.compare(p, p, options).distance! < 1e-6);
 * ```
 */
export const energyMeasure: Measure<PreparedEnergy> = registerMeasure<PreparedEnergy>({
  name: "stochastic-energy",
  description: "energy-distance stochastic shape metric over repeated trials",
  aliases: { "energy-stochastic": {} },
  input: "stochastic",
  returns: "distance",
  options: ALIGNMENT_OPTIONS,
  // The estimator (cross term over all trial pairs, within terms over distinct
  // pairs, clamped at 0) is a metric only in the population limit: on finite
  // trials the triangle inequality fails (by 0.1–0.3 on 5 stimuli × 6 trials).
  properties: (o) => ({ ...stochasticProperties(o), metric: false }),
  reference: "Duong, Zhou, Nassar, Berman, Olieslagers & Williams, ICLR 2023",
  padded: false,
  heldOut: true,
  tolerance: 1e-5,
  checks: [{ group: "perm" }],
  ...tensorInput(3),
  prepare: (x, _o, ctx) => ({ x: x as Tensor, test: (ctx.test ?? null) as Tensor | null }),
  compare(a, b, o) {
    const fit = fitEnergyShapeMetric(a.x, b.x, {
      group: o.group as AlignmentGroup,
      maxIter: o.maxIter as number,
      tol: o.tol as number,
    });
    const distance = scoreEnergyShapeMetric(fit, a.x, b.x);
    if (a.test === null || b.test === null) return { distance };
    return { distance, testDistance: scoreEnergyShapeMetric(fit, a.test, b.test) };
  },
});
