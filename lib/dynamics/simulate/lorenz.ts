/**
 * The Lorenz system (Lorenz 1963).
 *
 * @module
 */

import type { ShapedArray } from "../data.ts";
import { integrate, resolveSimulateOptions, type SimulateOptions } from "./integrate.ts";
import { checkOptions } from "../../validate/options.ts";
import { LORENZ_OPTIONS } from "../option_kinds.ts";

/** Options for {@link simulateLorenz}. */
export interface LorenzOptions extends SimulateOptions {
  /** σ. @default 10 */
  sigma?: number;
  /** ρ. @default 28 */
  rho?: number;
  /** β. @default 8/3 */
  beta?: number;
  /** Initial state (else random near (1, 1, 1) per trial, from the seed). @default undefined */
  initial?: readonly number[];
}

/**
 * Simulate ẋ = σ(y − x), ẏ = x(ρ − z) − y, ż = xy − βz with RK4.
 * Defaults: dt = 0.01, 1000 samples after a burn-in of 500, one trial.
 *
 * @param options Parameters and the common simulation options.
 * @returns Trajectories `{shape: [trials, steps, 3], data}`.
 *
 * @example On the attractor, z stays positive
 * ```ts
 * import { simulateLorenz } from "./lorenz.ts";
 * import assert from "node:assert/strict";
 * const X = simulateLorenz({ steps: 200, seed: 1 });
 * assert.deepEqual(X.shape, [1, 200, 3]);
 * for (let t = 0; t < 200; t++) assert.ok(X.data[t * 3 + 2]! > 0);
 * ```
 */
export function simulateLorenz(options: LorenzOptions = {}): ShapedArray {
  checkOptions(options, LORENZ_OPTIONS, "Cannot simulate Lorenz system");
  const { sigma = 10, rho = 28, beta = 8 / 3, initial } = options;
  const o = resolveSimulateOptions(
    options,
    { dt: 0.01, burnIn: 500 },
    "Cannot simulate Lorenz system",
  );
  return integrate(
    (x, _t, out) => {
      out[0] = sigma * (x[1]! - x[0]!);
      out[1] = x[0]! * (rho - x[2]!) - x[1]!;
      out[2] = x[0]! * x[1]! - beta * x[2]!;
    },
    3,
    (_i, rand) => initial ?? [1 + rand() - 0.5, 1 + rand() - 0.5, 1 + rand() - 0.5],
    o,
  );
}
