/**
 * A noisy ring attractor and its perturbation into a line attractor (DSA case
 * study 2), as a 2-D normal form observed through a random readout.
 *
 * Drift f_β(z) = (1 − β)·α(1 − |z|²)z + β·(0, −αz₂): at β = 0 the unit circle
 * is a ring of fixed points (neutral along the ring, attracting radially); at
 * β = 1 the z₁-axis is a line of fixed points; any β > 0 changes the topology
 * of the attractor. Noise diffuses the state along the attractor.
 *
 * @module
 */

import type { ShapedArray } from "../data.ts";
import { integrate, resolveSimulateOptions, type SimulateOptions } from "./integrate.ts";
import { linearReadout } from "./readout.ts";
import { checkOptions } from "../../validate/options.ts";
import { RING_OPTIONS } from "../option_kinds.ts";

/** Options for {@link simulateRingAttractor}. */
export interface RingAttractorOptions extends SimulateOptions {
  /** Perturbation β ∈ [0, 1] towards a line attractor. @default 0 */
  perturbation?: number;
  /** Attraction rate α. @default 2 */
  alpha?: number;
  /** Observed dimensions (random orthonormal readout of the 2 latent ones). @default 2 */
  dims?: number;
}

/**
 * Simulate the (perturbed) ring attractor from random starts near the ring.
 * Defaults: dt = 0.05, 500 samples, process noise 0.3, 10 trials.
 *
 * @param options β, α, readout and the common simulation options.
 * @returns Trajectories `{shape: [trials, steps, dims], data}`.
 *
 * @example Without noise, states on the ring stay there
 * ```ts
 * import { simulateRingAttractor } from "./ring.ts";
 * import assert from "node:assert/strict";
 * const X = simulateRingAttractor({ processNoise: 0, trials: 1, steps: 50, seed: 1 });
 * const r = Math.hypot(X.data[98]!, X.data[99]!);
 * assert.ok(Math.abs(r - 1) < 0.05);
 * ```
 */
export function simulateRingAttractor(options: RingAttractorOptions = {}): ShapedArray {
  const context = "Cannot simulate ring attractor";
  checkOptions(options, RING_OPTIONS, context);
  const { perturbation = 0, alpha = 2, dims = 2 } = options;
  if (!(perturbation >= 0 && perturbation <= 1)) {
    throw new RangeError(`${context}: \`perturbation\` must be in [0, 1]: got ${perturbation}`);
  }
  if (!Number.isFinite(alpha) || alpha <= 0) {
    throw new RangeError(`${context}: \`alpha\` must be a finite number > 0: got ${alpha}`);
  }
  const o = resolveSimulateOptions(
    options,
    { dt: 0.05, steps: 500, processNoise: 0.3, trials: 10 },
    context,
  );
  const b = perturbation;
  const latent = integrate(
    (z, _t, out) => {
      const r2 = z[0]! * z[0]! + z[1]! * z[1]!;
      out[0] = (1 - b) * alpha * (1 - r2) * z[0]!;
      out[1] = (1 - b) * alpha * (1 - r2) * z[1]! - b * alpha * z[1]!;
    },
    2,
    (_i, rand) => {
      const th = 2 * Math.PI * rand(), r = 0.9 + 0.2 * rand();
      return [r * Math.cos(th), r * Math.sin(th)];
    },
    o,
  );
  return linearReadout(latent, dims, o.seed + 1);
}
