/**
 * Seeded integration of (stochastic) differential equations: classical
 * Runge–Kutta 4 for the drift, Euler–Maruyama increments for process noise,
 * optional observation noise, several trials from random initial conditions.
 *
 * @module
 */

import { mulberry32, normalSampler } from "../../random.ts";
import { assertInteger } from "../../validate/mod.ts";
import type { ShapedArray } from "../data.ts";

/** dx/dt = f(x, t), written into `out`. */
export type VectorField = (x: Float64Array, t: number, out: Float64Array) => void;

/** Options shared by every simulator. */
export interface SimulateOptions {
  /** Samples kept per trial. @default 1000 */
  steps?: number;
  /** Time between samples. @default 0.01 */
  dt?: number;
  /** Integration substeps per sample. @default 1 */
  substeps?: number;
  /** Samples simulated and discarded before recording (transient). @default 0 */
  burnIn?: number;
  /** Number of trials (independent initial conditions and noise). @default 1 */
  trials?: number;
  /** Standard deviation of process noise per unit time (Euler–Maruyama, σ·√h per substep). @default 0 */
  processNoise?: number;
  /** Standard deviation of additive observation noise on each recorded sample. @default 0 */
  observationNoise?: number;
  /** Seed for initial conditions and noise. @default 0 */
  seed?: number;
}

/** Validated common options. */
export interface ResolvedSimulateOptions {
  steps: number;
  dt: number;
  substeps: number;
  burnIn: number;
  trials: number;
  processNoise: number;
  observationNoise: number;
  seed: number;
}

/**
 * Fill defaults and validate {@link SimulateOptions}.
 *
 * @param options User options.
 * @param defaults Simulator-specific defaults.
 * @param context Error message prefix.
 * @returns Resolved options.
 *
 * @example
 * ```ts
 * import { resolveSimulateOptions } from "./integrate.ts";
 * import assert from "node:assert/strict";
 * assert.equal(resolveSimulateOptions({}, { dt: 0.05 }, "ctx").dt, 0.05);
 * assert.throws(() => resolveSimulateOptions({ steps: 0 }, {}, "ctx"), /`steps` must be an integer >= 1/);
 * ```
 */
export function resolveSimulateOptions(
  options: SimulateOptions,
  defaults: SimulateOptions,
  context: string,
): ResolvedSimulateOptions {
  const o = { ...defaults, ...options };
  const r: ResolvedSimulateOptions = {
    steps: o.steps ?? 1000,
    dt: o.dt ?? 0.01,
    substeps: o.substeps ?? 1,
    burnIn: o.burnIn ?? 0,
    trials: o.trials ?? 1,
    processNoise: o.processNoise ?? 0,
    observationNoise: o.observationNoise ?? 0,
    seed: o.seed ?? 0,
  };
  assertInteger(r.steps, "steps", 1, Infinity, context);
  assertInteger(r.substeps, "substeps", 1, Infinity, context);
  assertInteger(r.burnIn, "burnIn", 0, Infinity, context);
  assertInteger(r.trials, "trials", 1, Infinity, context);
  assertInteger(r.seed, "seed", -(2 ** 53), 2 ** 53, context);
  for (const key of ["dt", "processNoise", "observationNoise"] as const) {
    const v = r[key];
    if (!Number.isFinite(v) || v < 0 || (key === "dt" && v === 0)) {
      throw new RangeError(
        `${context}: \`${key}\` must be a finite number ${key === "dt" ? "> 0" : ">= 0"}: got ${v}`,
      );
    }
  }
  return r;
}

/**
 * Integrate a vector field for several trials.
 *
 * @param f The drift.
 * @param dims State dimension.
 * @param initial Initial state of trial `i` (called once per trial with a uniform generator).
 * @param options Resolved options.
 * @returns Trajectories `{shape: [trials, steps, dims], data}`.
 *
 * @example Exponential decay
 * ```ts
 * import { integrate, resolveSimulateOptions } from "./integrate.ts";
 * import assert from "node:assert/strict";
 * const o = resolveSimulateOptions({ steps: 11, dt: 0.1 }, {}, "ctx");
 * const X = integrate((x, _t, out) => { out[0] = -x[0]!; }, 1, () => [1], o);
 * assert.ok(Math.abs(X.data[10]! - Math.exp(-1)) < 1e-6);
 * ```
 */
export function integrate(
  f: VectorField,
  dims: number,
  initial: (trial: number, rand: () => number) => ArrayLike<number>,
  options: ResolvedSimulateOptions,
): ShapedArray {
  const { steps, dt, substeps, burnIn, trials, processNoise, observationNoise, seed } = options;
  const rand = mulberry32(seed);
  const gauss = normalSampler(rand);
  const h = dt / substeps;
  const data = new Float64Array(trials * steps * dims);
  const x = new Float64Array(dims), k1 = new Float64Array(dims), k2 = new Float64Array(dims);
  const k3 = new Float64Array(dims), k4 = new Float64Array(dims), tmp = new Float64Array(dims);
  for (let trial = 0; trial < trials; trial++) {
    const x0 = initial(trial, rand);
    for (let j = 0; j < dims; j++) x[j] = x0[j]!;
    let t = 0;
    for (let step = 0; step < burnIn + steps; step++) {
      if (step >= burnIn) {
        const o = (trial * steps + step - burnIn) * dims;
        for (let j = 0; j < dims; j++) {
          data[o + j] = x[j]! + (observationNoise > 0 ? observationNoise * gauss() : 0);
        }
      }
      for (let sub = 0; sub < substeps; sub++) {
        f(x, t, k1);
        for (let j = 0; j < dims; j++) tmp[j] = x[j]! + 0.5 * h * k1[j]!;
        f(tmp, t + 0.5 * h, k2);
        for (let j = 0; j < dims; j++) tmp[j] = x[j]! + 0.5 * h * k2[j]!;
        f(tmp, t + 0.5 * h, k3);
        for (let j = 0; j < dims; j++) tmp[j] = x[j]! + h * k3[j]!;
        f(tmp, t + h, k4);
        for (let j = 0; j < dims; j++) {
          x[j] += (h / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!);
          if (processNoise > 0) x[j] += processNoise * Math.sqrt(h) * gauss();
        }
        t += h;
      }
      for (let j = 0; j < dims; j++) {
        if (!Number.isFinite(x[j]!)) {
          throw new RangeError(
            `Cannot simulate: the state diverged (non-finite) in trial ${trial} at step ${step}: reduce \`dt\` or the noise`,
          );
        }
      }
    }
  }
  return { shape: [trials, steps, dims], data };
}
