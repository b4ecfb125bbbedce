/**
 * The Van der Pol oscillator.
 *
 * @module
 */

import type { ShapedArray } from "../data.ts";
import { integrate, resolveSimulateOptions, type SimulateOptions } from "./integrate.ts";
import { checkOptions } from "../../validate/options.ts";
import { VAN_DER_POL_OPTIONS } from "../option_kinds.ts";

/** Options for {@link simulateVanDerPol}. */
export interface VanDerPolOptions extends SimulateOptions {
  /** Nonlinearity μ ≥ 0 (0: harmonic oscillator). @default 1 */
  mu?: number;
  /** Initial state (else random in [−2, 2]² per trial). @default undefined */
  initial?: readonly number[];
}

/**
 * Simulate ẋ = y, ẏ = μ(1 − x²)y − x with RK4. Defaults: dt = 0.05, 1000
 * samples after a burn-in of 200, one trial.
 *
 * @param options μ and the common simulation options.
 * @returns Trajectories `{shape: [trials, steps, 2], data}`.
 *
 * @example The limit cycle has amplitude ≈ 2
 * ```ts
 * import { simulateVanDerPol } from "./van_der_pol.ts";
 * import assert from "node:assert/strict";
 * const X = simulateVanDerPol({ steps: 400, burnIn: 600, seed: 2 });
 * let max = 0;
 * for (let t = 0; t < 400; t++) max = Math.max(max, X.data[t * 2]!);
 * assert.ok(Math.abs(max - 2) < 0.05);
 * ```
 */
export function simulateVanDerPol(options: VanDerPolOptions = {}): ShapedArray {
  checkOptions(options, VAN_DER_POL_OPTIONS, "Cannot simulate Van der Pol oscillator");
  const { mu = 1, initial } = options;
  if (!Number.isFinite(mu) || mu < 0) {
    throw new RangeError(
      `Cannot simulate Van der Pol oscillator: \`mu\` must be a finite number >= 0: got ${mu}`,
    );
  }
  const o = resolveSimulateOptions(
    options,
    { dt: 0.05, burnIn: 200 },
    "Cannot simulate Van der Pol oscillator",
  );
  return integrate(
    (x, _t, out) => {
      out[0] = x[1]!;
      out[1] = mu * (1 - x[0]! * x[0]!) * x[1]! - x[0]!;
    },
    2,
    (_i, rand) => initial ?? [4 * rand() - 2, 4 * rand() - 2],
    o,
  );
}
