/**
 * The Gaussian-process stochastic shape metric (netrep's `GPStochasticMetric`;
 * Duong et al., ICLR 2023, extended to trajectories): each condition's noisy
 * trajectories as one Gaussian over (time, unit), compared with the
 * 2-Wasserstein ground metric, α ∈ [0, 2], minimised over one unit alignment
 * applied at every time point (`lib/metrics/stochastic_process.ts`). The
 * per-network step (means and covariance roots) is done once per network;
 * held-out conditions are scored with the alignment fitted on the training ones.
 *
 * @module
 */

import {
  checkProcessInput,
  fitPreparedProcess,
  type PreparedProcess,
  prepareGaussianProcess,
  scorePreparedProcess,
} from "../metrics/stochastic_process.ts";
import type { Tensor } from "../metrics/inputs.ts";
import type { AlignmentGroup } from "../metrics/align.ts";
import { registerMeasure } from "./registry.ts";
import { ALIGNMENT_OPTIONS, DDOF_OPTION, stochasticProperties } from "./stochastic.ts";
import type { Measure } from "./types.ts";

/** A network for the Gaussian-process metric: its Gaussians, training and held-out. */
export interface PreparedTrajectories {
  /** Training conditions. */
  x: PreparedProcess;
  /** Held-out conditions, or null. */
  test: PreparedProcess | null;
}

type Input = ReturnType<typeof checkProcessInput>;

const shapeOf = (x: Input): readonly number[] =>
  "means" in x ? (x.means as Tensor).shape : (x as Tensor).shape;

/**
 * The `stochastic-process` measure (registered on import).
 *
 * @example A copy with rotated units is at distance 0
 * ```ts
 * import { processMeasure } from "./stochastic_process.ts";
 * import { resolveOptions } from "./registry.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("stochastic-process");
 * // one condition: 6 trials × 2 time points × 2 units
 * const trials = [[[1, 0], [0, 2]], [[3, 1], [1, 1]], [[0, 0], [2, 1]], [[1, 2], [2, 2]], [[0, 3], [1, 4]], [[2, 1], [0, 0]]];
 * const rotated = trials.map((tr) => tr.map(([a, b]) => [-b, a]));
 * const ctx = { width: 2, test: null, name: "X" };
 * const p = processMeasure.prepare(processMeasure.validate(trials, "X", "ctx"), options, ctx);
 * const q = processMeasure.prepare(processMeasure.validate(rotated, "Y", "ctx"), options, ctx);
 * assert.ok(processMeasure.compare(p, q, options).distance! < 1e-9);
 * ```
 */
export const processMeasure: Measure<PreparedTrajectories> = registerMeasure<
  PreparedTrajectories
>({
  name: "stochastic-process",
  description:
    "Gaussian-process stochastic shape metric (2-Wasserstein between trajectory Gaussians, α ∈ [0, 2])",
  aliases: { "gp-stochastic": {} },
  input: "trajectories",
  returns: "distance",
  options: [
    {
      name: "alpha",
      type: "number",
      default: 1,
      min: 0,
      max: 2,
      description: "0 covariances only, 1 the 2-Wasserstein distance, 2 mean trajectories only",
      flag: "alpha",
    },
    ...ALIGNMENT_OPTIONS,
    DDOF_OPTION,
  ],
  properties: stochasticProperties,
  reference:
    "Duong, Zhou, Nassar, Berman, Olieslagers & Williams, ICLR 2023; netrep GPStochasticMetric",
  padded: false,
  heldOut: true,
  tolerance: 1e-6,
  checks: [{ alpha: 0.5 }, { alpha: 2 }, { group: "perm" }, { group: "identity" }],
  validate: (x, name, context) => checkProcessInput(x, name, context),
  widthOf: (x) => shapeOf(x as Input).at(-1)!,
  rowsOf: (x) => shapeOf(x as Input)[0]!,
  prepare(x, o, ctx) {
    const ddof = o.ddof as number, context = "Cannot prepare Gaussian-process metric";
    return {
      x: prepareGaussianProcess(x as Input, ddof, ctx.name, context),
      test: ctx.test == null
        ? null
        : prepareGaussianProcess(ctx.test as Input, ddof, `${ctx.name} (held out)`, context),
    };
  },
  compare(a, b, o) {
    const fit = fitPreparedProcess(a.x, b.x, {
      alpha: o.alpha as number,
      group: o.group as AlignmentGroup,
      maxIter: o.maxIter as number,
      tol: o.tol as number,
    });
    const distance = scorePreparedProcess(fit, a.x, b.x);
    if (a.test === null || b.test === null) return { distance };
    return { distance, testDistance: scorePreparedProcess(fit, a.test, b.test) };
  },
});
