/**
 * Spectral theory of neural prediction (Canatar, Feather, Wakhloo & Chung,
 * "A Spectral Theory of Neural Prediction and Alignment", NeurIPS 2023): why
 * many models predict a brain area equally well by regression, and through
 * which geometry. For a model layer X: [P stimuli, M features] and neural
 * responses Y: [P stimuli, N neurons]: the eigenspectrum of X Xᵀ/P, how Y
 * aligns with it, the theoretical learning curve and its error modes, and
 * the empirical ridge-regression curve beside it; plus cross-validated ridge
 * predictivity and layer sweeps.
 *
 * @example Spectrum, alignment and theory of a small problem
 * ```ts
 * import { alignment, theoryCurve } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const X = [[2, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [0, 1, 1]];
 * const Y = [[1], [0], [2], [1], [3]];
 * const a = alignment(X, Y);
 * const t = theoryCurve(a, { ps: [1, 2, 3], ridge: 1e-3 });
 * assert.ok(t.Eg[0]! > t.Eg[2]!); // more data, less error
 * assert.ok(Math.abs(a.weights.reduce((u, v) => u + v, 0) - 1) < 1e-12);
 * ```
 *
 * @module
 */

export * from "./spectrum.ts";
export * from "./alignment.ts";
export * from "./kappa.ts";
export * from "./theory.ts";
export * from "./geometry.ts";
export * from "./ridge.ts";
export * from "./scores.ts";
export * from "./learning_curve.ts";
export * from "./predictivity.ts";
export * from "./analysis.ts";
export * from "./sweep.ts";
