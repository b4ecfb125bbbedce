/**
 * Dynamical Similarity Analysis (Ostrow, Eisen, Kozachkov & Fiete, NeurIPS
 * 2023): delay embedding, HAVOK DMD (with control inputs, prediction, modes),
 * the similarity-transform distance over all of O(n) with a lower bound, the
 * Wasserstein eigenvalue score, DSA matrices over many systems (embed them
 * with `classicalMDS` from the multiset area), and seeded simulators of the
 * paper's systems.
 *
 * @example A rotated copy of a Lorenz trajectory has the same dynamics; another ρ does not
 * ```ts
 * import { dsa, simulateLorenz } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const X = simulateLorenz({ steps: 600, seed: 1 });
 * const c = Math.cos(0.5), s = Math.sin(0.5);
 * const Y = { shape: X.shape, data: X.data.map((v, k) => {
 *   const t = Math.floor(k / 3), j = k % 3, x = X.data[3 * t]!, y = X.data[3 * t + 1]!;
 *   return j === 0 ? c * x - s * y : j === 1 ? s * x + c * y : v;
 * }) };
 * const options = { nDelays: 5, rank: 10 };
 * assert.ok(dsa(X, Y, options).distance < 1e-6);
 * assert.ok(dsa(X, simulateLorenz({ steps: 600, seed: 1, rho: 45 }), options).distance > 0.05);
 * ```
 *
 * @module
 */

export * from "./data.ts";
export * from "./embed.ts";
export * from "./rank.ts";
export * from "./dmd.ts";
export * from "./modes.ts";
export * from "./predict.ts";
export * from "./sweep.ts";
export * from "./resample.ts";
export * from "./residual.ts";
export * from "./nonnormal.ts";
export * from "./controllability.ts";
export * from "./dmdc.ts";
export { type OperatorSpectra, similarityLowerBound } from "./lower_bound.ts";
export { type Basis } from "./starts.ts";
export { type SchurBasis } from "./schur.ts";
export * from "./subspace_dmdc.ts";
export * from "./subspace_resample.ts";
export * from "./input_dsa.ts";
export * from "./input_dsa_joint.ts";
export * from "./gramian_distance.ts";
export {
  distanceFromPrepared,
  type SimilarityOptions,
  type SimilarityResult,
  similarityTransformDistance,
} from "./similarity.ts";
export { type PreparedOperator, prepareOperator } from "./prepared.ts";
export type { LocalOptions } from "./optimize.ts";
export { determinantSign, haarOrthogonal } from "./orthogonal.ts";
export * from "./wasserstein.ts";
export * from "./dsa.ts";
export { dsaCross, type DsaMatrix, dsaPairwise, type DsaPairwiseOptions } from "./pairwise.ts";
export { mergeDsaShards } from "./shards.ts";
export { type SimulateOptions } from "./simulate/integrate.ts";
export * from "./simulate/lorenz.ts";
export * from "./simulate/van_der_pol.ts";
export * from "./simulate/linear.ts";
export * from "./simulate/attractors.ts";
export * from "./simulate/ring.ts";
export * from "./simulate/deform.ts";
export { linearReadout } from "./simulate/readout.ts";
export * from "./simulate/driven.ts";
