/**
 * The measure registry: every comparison measure, registered once with its
 * names, input kind, options and declared properties (importing this module
 * registers them all).
 *
 * @example Look a measure up by alias and compare two networks
 * ```ts
 * import { resolveOptions } from "./mod.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { measure, options } = resolveOptions("cca");
 * const X = fromRows([[1, 0], [0, 2], [3, 1], [1, 1]]);
 * const Y = fromRows([[2, 1], [0, 4], [6, 5], [2, 3]]); // X·[[2, 1], [0, 2]]
 * const ctx = { width: 2, test: null, name: "X" };
 * const r = measure.compare(measure.prepare(X, options, ctx), measure.prepare(Y, options, ctx), options);
 * assert.ok(r.distance! < 1e-6);
 * ```
 *
 * @module
 */

export * from "./types.ts";
export * from "./registry.ts";
export * from "./all.ts";
export { responseInput, SCORE_OPTION, SHAPE_OPTIONS, tensorInput } from "./inputs.ts";
export { type PreparedLinear } from "./linear.ts";
export { type PreparedCka } from "./cka.ts";
export { type GaussianInput, type PreparedGaussian } from "./stochastic_gaussian.ts";
export { type PreparedEnergy } from "./stochastic_energy.ts";
export { type PreparedDsa, splitDsaOptions } from "./dsa.ts";
export { compareWith, type CompareWithOptions } from "./compare.ts";
export * from "./sensitivity.ts";
