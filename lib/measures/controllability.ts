/**
 * Controllability comparison of input-driven systems: per system, a subspace
 * DMDc fit (A, B) and the normalised spectrum of its controllability Gramian;
 * per pair, the distance between the spectra, which equals the distance
 * between the normalised Gramians up to an orthogonal change of state basis
 * (`lib/dynamics/gramian_distance.ts`). Inputs are `{Y, U}` or fitted models.
 *
 * @module
 */

import { gramianSpectraDistance, gramianSpectrum } from "../dynamics/gramian_distance.ts";
import { drivenInput, drivenResampler, fitDriven, SUBSPACE_OPTIONS } from "./driven.ts";
import type { SubspaceDmdcFit } from "../dynamics/subspace_dmdc.ts";
import { registerMeasure } from "./registry.ts";
import type { Measure } from "./types.ts";

/** A system after its per-system step. */
export interface PreparedControllability {
  /** λ(W)/‖λ(W)‖, descending. */
  spectrum: Float64Array;
  /** Model order n. */
  order: number;
}

function prepared(fit: SubspaceDmdcFit, name: string): PreparedControllability {
  try {
    return { spectrum: gramianSpectrum(fit.A, fit.B), order: fit.order };
  } catch (e) {
    throw new RangeError(`${(e as Error).message} (in \`${name}\`)`);
  }
}

/**
 * The `controllability` measure (registered on import).
 *
 * @example A system is at distance 0 from itself
 * ```ts
 * import { controllabilityMeasure } from "./controllability.ts";
 * import { resolveOptions } from "./registry.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("controllability", { nDelays: 2, rank: 1 });
 * const U = Array.from({ length: 60 }, (_, t) => [Math.sin(t * t)]);
 * const Y = U.map((_, t) => [t > 0 ? 0.5 * U[t - 1]![0]! : 0]);
 * const X = controllabilityMeasure.validate({ Y, U }, "X", "ctx");
 * const p = controllabilityMeasure.prepare(X, options, { width: 1, test: null, name: "X" });
 * assert.equal(controllabilityMeasure.compare(p, p, options).distance, 0);
 * ```
 */
export const controllabilityMeasure: Measure<PreparedControllability> = registerMeasure<
  PreparedControllability
>({
  name: "controllability",
  description:
    "controllability Gramians of subspace DMDc fits, normalised and compared up to an orthogonal change of basis",
  aliases: {},
  ...drivenInput,
  returns: "distance",
  options: [
    ...SUBSPACE_OPTIONS,
    {
      name: "score",
      type: "choice",
      default: "angular",
      choices: ["angular", "euclidean"],
      description: "angular (radians) or euclidean distance between the normalised spectra",
      flag: "score",
    },
  ],
  properties(o) {
    return {
      metric: true,
      symmetric: true,
      invariances: {
        rotation: true,
        permutation: true,
        isotropicScale: true,
        translation: o.center === true,
        invertibleLinear: false,
      },
    };
  },
  reference: "InputDSA (arXiv 2510.25943, 2025); Hoffman–Wielandt for the alignment",
  padded: false,
  heldOut: false,
  tolerance: 1e-6,
  pairCost: () => 1e3,
  prepare(x, o, ctx) {
    return prepared(fitDriven(x, o, true, ctx.name), ctx.name);
  },
  unitResampler(x, o, name) {
    return drivenResampler(x, o, true, name, (fit) => prepared(fit, name));
  },
  compare(a, b, o) {
    const score = o.score as "angular" | "euclidean";
    return { distance: gramianSpectraDistance(a.spectrum, b.spectrum, score).distance };
  },
  info: (p) => ({ order: p.order }),
});
