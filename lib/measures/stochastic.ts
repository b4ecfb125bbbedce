/**
 * Shared option specs and properties of the stochastic shape metrics
 * (Duong et al., ICLR 2023): the alignment group, the iteration controls and
 * the degrees of freedom of covariances estimated from trials.
 *
 * @module
 */

import type { MeasureProperties, OptionSpec, ResolvedOptions } from "./types.ts";

/** `group`, `maxIter`, `tol`. */
export const ALIGNMENT_OPTIONS: readonly OptionSpec[] = [
  {
    name: "group",
    type: "choice",
    default: "orth",
    choices: ["orth", "perm", "identity"],
    description: "alignment group applied to the second network's units",
    flag: "group",
  },
  {
    name: "maxIter",
    type: "integer",
    default: 100,
    min: 1,
    description: "most alternating-minimisation iterations",
    flag: "max-iter",
  },
  {
    name: "tol",
    type: "number",
    default: 1e-10,
    min: 0,
    description: "stop when the objective falls by less than tol times its value",
    flag: "tol",
  },
];

/** `ddof` of the Gaussian metrics' covariances estimated from trials. */
export const DDOF_OPTION: OptionSpec = {
  name: "ddof",
  type: "integer",
  default: 1,
  min: 0,
  description: "delta degrees of freedom of covariances estimated from trials",
  flag: "ddof",
};

/**
 * Properties of a stochastic metric at the given alignment group.
 *
 * @param o Resolved options (`group`).
 * @returns Metric and symmetric; rotation invariance for `orth`, permutation for `orth`/`perm`.
 *
 * @example
 * ```ts
 * import { stochasticProperties } from "./stochastic.ts";
 * import assert from "node:assert/strict";
 * assert.equal(stochasticProperties({ group: "perm" }).invariances.rotation, false);
 * ```
 */
export function stochasticProperties(o: ResolvedOptions): MeasureProperties {
  return {
    metric: true,
    symmetric: true,
    invariances: {
      rotation: o.group === "orth",
      permutation: o.group !== "identity",
      isotropicScale: false,
      translation: false,
      invertibleLinear: false,
    },
  };
}
