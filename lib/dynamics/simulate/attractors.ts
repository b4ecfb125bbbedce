/**
 * Same trajectories, different dynamics (DSA case study 1, after Galgali et al.
 * 2023): a line attractor, a point attractor (linear) and a bistable switch
 * (nonlinear), each driven by condition-dependent inputs chosen so that its
 * noise-free trajectory equals one shared target per condition. The
 * condition-averaged trajectories therefore match across systems; the
 * dynamics differ in how noise-driven deviations evolve.
 *
 * Latent state z ∈ ℝ² (z₁ decision variable, z₂ a condition-independent
 * transient). Drifts, with time constant τ:
 * - line: f(z) = (0, −z₂/τ);
 * - point: f(z) = (−z₁/τ, −z₂/τ);
 * - bistable: f(z) = ((z₁ − z₁³)/τ, −z₂/τ).
 *
 * Target for condition c ∈ [−1, 1]: m_c(t) = (0.9·tanh(2c)·(1 − e^{−t/τₘ}), 0.5·sin(πt/T)).
 * Input u_c(t) = (m_c(t + dt) − m_c(t))/dt − f(m_c(t)), then Euler–Maruyama
 * z ← z + dt·(f(z) + u_c(t)) + σ√dt·ξ, so without noise z(t) = m_c(t) exactly.
 *
 * @module
 */

import { mulberry32, normalSampler } from "../../random.ts";
import { assertInteger } from "../../validate/mod.ts";
import type { ShapedArray } from "../data.ts";
import { linearReadout } from "./readout.ts";
import { checkOptions } from "../../validate/options.ts";
import { MATCHED_ATTRACTOR_OPTIONS } from "../option_kinds.ts";

/** The three systems. */
export type AttractorKind = "line" | "point" | "bistable";

/** Options for {@link simulateMatchedAttractor}. */
export interface MatchedAttractorOptions {
  /** Number of conditions (targets at c evenly spaced in [−1, 1]). @default 6 */
  conditions?: number;
  /** Trials per condition. @default 10 */
  trialsPerCondition?: number;
  /** Samples per trial. @default 100 */
  steps?: number;
  /** Time step. @default 0.05 */
  dt?: number;
  /** Time constant τ of the drift. @default 1 */
  tau?: number;
  /** Time constant τₘ of the target's rise. @default 1 */
  targetTau?: number;
  /** Process noise σ (per unit time); the averages match up to O(σ²) for the bistable switch. @default 0.1 */
  processNoise?: number;
  /** Observed dimensions (random orthonormal readout of the 2 latent ones). @default 2 */
  dims?: number;
  /** Seed of noise and readout. @default 0 */
  seed?: number;
}

/** Matched-attractor data: trajectories plus their conditions and inputs. */
export interface MatchedAttractorData extends ShapedArray {
  /** Condition value c of each trial. */
  conditions: number[];
  /** The inputs u_c(t), `{shape: [trials, steps, 2], data}` (for DMDc). */
  inputs: ShapedArray;
}

function drift(kind: AttractorKind, z1: number, z2: number, tau: number): [number, number] {
  if (kind === "line") return [0, -z2 / tau];
  if (kind === "point") return [-z1 / tau, -z2 / tau];
  return [(z1 - z1 * z1 * z1) / tau, -z2 / tau];
}

/**
 * Simulate one of the matched systems for several conditions and noisy trials.
 *
 * @param kind `"line"`, `"point"` or `"bistable"`.
 * @param options Conditions, trials, timing, noise, readout.
 * @returns Trajectories `[conditions·trialsPerCondition, steps, dims]` with conditions and inputs.
 *
 * @example Noise-free trajectories coincide across systems
 * ```ts
 * import { simulateMatchedAttractor } from "./attractors.ts";
 * import assert from "node:assert/strict";
 * const a = simulateMatchedAttractor("line", { processNoise: 0, trialsPerCondition: 1 });
 * const b = simulateMatchedAttractor("bistable", { processNoise: 0, trialsPerCondition: 1 });
 * let d = 0;
 * for (let k = 0; k < a.data.length; k++) d = Math.max(d, Math.abs(a.data[k]! - b.data[k]!));
 * assert.ok(d < 1e-12);
 * ```
 */
export function simulateMatchedAttractor(
  kind: AttractorKind,
  options: MatchedAttractorOptions = {},
): MatchedAttractorData {
  const context = "Cannot simulate matched attractor";
  checkOptions(options, MATCHED_ATTRACTOR_OPTIONS, context);
  if (kind !== "line" && kind !== "point" && kind !== "bistable") {
    throw new RangeError(
      `${context}: \`kind\` must be one of line, point, bistable: got ${String(kind)}`,
    );
  }
  const {
    conditions = 6,
    trialsPerCondition = 10,
    steps = 100,
    dt = 0.05,
    tau = 1,
    targetTau = 1,
    processNoise = 0.1,
    dims = 2,
    seed = 0,
  } = options;
  assertInteger(conditions, "conditions", 1, Infinity, context);
  assertInteger(trialsPerCondition, "trialsPerCondition", 1, Infinity, context);
  assertInteger(steps, "steps", 2, Infinity, context);
  for (const [name, v] of [["dt", dt], ["tau", tau], ["targetTau", targetTau]] as const) {
    if (!Number.isFinite(v) || v <= 0) {
      throw new RangeError(`${context}: \`${name}\` must be a finite number > 0: got ${v}`);
    }
  }
  if (!Number.isFinite(processNoise) || processNoise < 0) {
    throw new RangeError(
      `${context}: \`processNoise\` must be a finite number >= 0: got ${processNoise}`,
    );
  }
  const g = normalSampler(mulberry32(seed));
  const T = steps * dt;
  const target = (c: number, t: number): [number, number] => [
    0.9 * Math.tanh(2 * c) * (1 - Math.exp(-t / targetTau)),
    0.5 * Math.sin((Math.PI * t) / T),
  ];
  const trials = conditions * trialsPerCondition;
  const latent = new Float64Array(trials * steps * 2);
  const inputs = new Float64Array(trials * steps * 2);
  const labels: number[] = [];
  let tr = 0;
  for (let ci = 0; ci < conditions; ci++) {
    const c = conditions === 1 ? 0 : -1 + (2 * ci) / (conditions - 1);
    for (let rep = 0; rep < trialsPerCondition; rep++, tr++) {
      labels.push(c);
      let [z1, z2] = target(c, 0);
      for (let s = 0; s < steps; s++) {
        const o = (tr * steps + s) * 2;
        latent[o] = z1;
        latent[o + 1] = z2;
        const m = target(c, s * dt), mNext = target(c, (s + 1) * dt);
        const fm = drift(kind, m[0], m[1], tau);
        const u1 = (mNext[0] - m[0]) / dt - fm[0], u2 = (mNext[1] - m[1]) / dt - fm[1];
        inputs[o] = u1;
        inputs[o + 1] = u2;
        const f = drift(kind, z1, z2, tau);
        const sd = processNoise * Math.sqrt(dt);
        z1 = z1 + dt * (f[0] + u1) + (sd > 0 ? sd * g() : 0);
        z2 = z2 + dt * (f[1] + u2) + (sd > 0 ? sd * g() : 0);
      }
    }
  }
  const observed = linearReadout({ shape: [trials, steps, 2], data: latent }, dims, seed + 1);
  return {
    shape: observed.shape,
    data: observed.data,
    conditions: labels,
    inputs: { shape: [trials, steps, 2], data: inputs },
  };
}
