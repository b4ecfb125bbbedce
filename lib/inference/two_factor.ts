/**
 * The two-factor bootstrap (subjects and stimuli resampled together) with the
 * variance correction of Schütt, Kipnis, Diedrichsen & Kriegeskorte (eLife
 * 2023). Write the statistic's per-(subject, stimulus) contributions as
 * μ + a_s + b_c + e_sc. Resampling subjects alone estimates V_s ≈ τ_a²/K +
 * τ_e²/(Kn); stimuli alone V_c ≈ τ_b²/n + τ_e²/(Kn); both together
 * V_both ≈ τ_a²/K + τ_b²/n + 3τ_e²/(Kn), counting the measurement noise τ_e²
 * three times instead of once. Hence the corrected variance
 * 2·(V_s + V_c) − V_both, which this module reports (never below the larger
 * one-factor variance). The interval is normal: estimate ± z·SE.
 *
 * With `scheme: "subsample"` the second factor (stimuli) is drawn as half-samples
 * without replacement (m = ⌊n/2⌋, see `bootstrap.ts`): a half-sample mean of
 * b_c + ē_·c has variance (1/m − 1/n)(τ_b² + τ_e²/K) = the τ_b²/n + τ_e²/(Kn) of
 * the ordinary bootstrap when m = n/2, and the interaction part of e_sc again
 * enters V_both about τ_e²/(Kn), so the same correction holds (V_c is multiplied
 * by f = m/(n − m), 1 for even n). The half-samples also estimate the
 * statistic's first-order bias in the stimuli, f·(mean − estimate), which the
 * interval removes: estimate − bias ± z·SE (the normal form of the basic interval).
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { assertInteger, assertKnownOptions } from "../validate/mod.ts";
import {
  BOOTSTRAP_OPTIONS,
  type BootstrapOptions,
  bootstrapOptions,
  type ResampleScheme,
  sampleSd,
} from "./bootstrap.ts";
import { normalQuantile } from "./normal.ts";
import { bootstrapDraw, distinctCount, drawRng, subsampleDraw } from "./resample.ts";

/** A two-factor bootstrap estimate. */
export interface TwoFactorResult {
  /** The statistic on the full data. */
  estimate: number;
  /** Corrected standard error √(2(V_s + V_c) − V_both). */
  se: number;
  /** Normal interval (estimate − bias) ± z·se. */
  ci: [number, number];
  /** First-order bias in the second factor (subsample scheme; 0 for replacement). */
  bias: number;
  /** How the second factor (stimuli) was drawn; the first is always drawn with replacement. */
  scheme: ResampleScheme;
  /** Set when the interval excludes the estimate (|bias| > z·se): a strongly biased statistic. */
  warning?: string;
  /** Its level. */
  level: number;
  /** Always `normal`. */
  interval: "normal";
  /** SE from resampling the first factor (subjects) alone. */
  seFirst: number;
  /** SE from resampling the second factor (stimuli) alone. */
  seSecond: number;
  /** Uncorrected SE from resampling both. */
  seBoth: number;
  /** Seed of the draws. */
  seed: number;
}

const IDENTITY = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

/**
 * Two-factor bootstrap of `statistic(first, second)`, the draws of the two
 * factors (sorted indices; the identity when a factor is not resampled).
 *
 * @param nFirst Units of the first factor (e.g. subjects).
 * @param nSecond Units of the second factor (e.g. stimuli).
 * @param statistic The statistic of a pair of draws.
 * @param opts {@link BootstrapOptions} (`interval` is ignored: the interval is normal;
 * `minDistinct` and `scheme` apply to the second factor; `subsampleSize` must stay ⌊n/2⌋).
 * @returns Estimate, corrected SE, and the three SEs it came from (tagged `twoFactorBootstrap`).
 *
 * @example An additive statistic: the corrected SE lies between the one-factor SEs and the sum
 * ```ts
 * import { twoFactorBootstrap } from "./two_factor.ts";
 * import assert from "node:assert/strict";
 * const a = [0, 1, 2, 3, 4, 5], b = [0, 2, 4, 1, 3, 5, 7, 2];
 * const stat = (s: Int32Array, c: Int32Array) =>
 *   [...s].reduce((t, i) => t + a[i]!, 0) / s.length + [...c].reduce((t, j) => t + b[j]!, 0) / c.length;
 * const r = twoFactorBootstrap(6, 8, stat, { samples: 500, seed: 3 });
 * assert.ok(r.se >= Math.max(r.seFirst, r.seSecond) - 1e-12);
 * assert.ok(r.se <= r.seFirst + r.seSecond);
 * ```
 */
export function twoFactorBootstrap(
  nFirst: number,
  nSecond: number,
  statistic: (first: Int32Array, second: Int32Array) => number,
  opts: BootstrapOptions = {},
): Readonly<TwoFactorResult & { kind: string }> {
  const context = "Cannot run two-factor bootstrap";
  assertKnownOptions(opts, BOOTSTRAP_OPTIONS, context);
  assertInteger(nFirst, "nFirst", 2, 2 ** 31, context);
  assertInteger(nSecond, "nSecond", 2, 2 ** 31, context);
  const { interval: _, ...given } = opts;
  const o = bootstrapOptions(given, context);
  const { samples, seed, level, minDistinct, scheme } = o;
  const m = Math.floor(nSecond / 2);
  if (scheme === "subsample" && o.subsampleSize !== undefined && o.subsampleSize !== m) {
    throw new RangeError(
      `${context}: \`subsampleSize\` must be ⌊nSecond/2⌋ = ${m} (the variance correction holds for half-samples): got ${o.subsampleSize}`,
    );
  }
  if (scheme === "subsample" && m < Math.max(2, minDistinct)) {
    throw new RangeError(
      `${context}: \`nSecond\` must be at least ${
        2 * Math.max(2, minDistinct)
      } for half-samples: got ${nSecond}`,
    );
  }
  const f = scheme === "subsample" ? m / (nSecond - m) : 1;
  const all1 = IDENTITY(nFirst), all2 = IDENTITY(nSecond);
  const estimate = statistic(all1, all2);
  if (!Number.isFinite(estimate)) {
    throw new RangeError(
      `${context}: the statistic is not finite on the full data: got ${estimate}`,
    );
  }
  const run = (which: 0 | 1 | 2) => {
    const values: number[] = [];
    for (let k = 0; k < samples; k++) {
      // wrapped into [0, 2^32): drawRng reads its seed modulo 2^32, so the streams are unchanged
      const rand = drawRng((seed + which * 0x3c6ef372) >>> 0, k);
      const d1 = which === 1 ? all1 : bootstrapDraw(nFirst, rand);
      const d2 = which === 0
        ? all2
        : scheme === "subsample"
        ? subsampleDraw(nSecond, m, rand)
        : bootstrapDraw(nSecond, rand);
      if (minDistinct > 1 && distinctCount(d2) < minDistinct) continue;
      const v = statistic(d1, d2);
      if (!Number.isFinite(v)) {
        throw new RangeError(`${context}: the statistic is not finite on sample ${k}: got ${v}`);
      }
      values.push(v);
    }
    if (values.length < 2) {
      throw new RangeError(`${context}: fewer than 2 usable samples of ${samples}`);
    }
    const mean = values.reduce((a, v) => a + v, 0) / values.length;
    return { sd: sampleSd(values), mean };
  };
  const first = run(0), second = run(1), both = run(2);
  const seFirst = first.sd, seSecond = Math.sqrt(f) * second.sd, seBoth = both.sd;
  const bias = scheme === "subsample" ? f * (second.mean - estimate) : 0;
  // V_both holds the second factor's half-sample variance unscaled; rescale that part by f as
  // seSecond is (no change for an even number of units, where f = 1)
  const bothScaled = seBoth ** 2 - (1 - f) * second.sd ** 2;
  const corrected = 2 * (seFirst ** 2 + seSecond ** 2) - bothScaled;
  const se = Math.sqrt(Math.max(corrected, seFirst ** 2, seSecond ** 2));
  const z = normalQuantile(1 - (1 - level) / 2);
  const centre = estimate - bias;
  const warning = Math.abs(bias) > z * se
    ? `the estimated bias in the second factor (${bias}) exceeds ${
      z.toFixed(2)
    } SE: the statistic is strongly biased at this number of units, and the interval, which removes the first-order bias, excludes the estimate`
    : undefined;
  return tagResult("twoFactorBootstrap", {
    estimate,
    se,
    ci: [centre - z * se, centre + z * se] as [number, number],
    bias,
    scheme,
    ...(warning ? { warning } : {}),
    level,
    interval: "normal" as const,
    seFirst,
    seSecond,
    seBoth,
    seed,
  });
}
