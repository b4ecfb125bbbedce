/**
 * Bootstrap standard errors and confidence intervals for any statistic of
 * resampled units (stimuli, subjects): the statistic is a function of a draw
 * of unit indices, so callers resample by index over cached per-unit state
 * instead of copying data.
 *
 * Intervals: `bca` (bias-corrected and accelerated, Efron 1987: bias from the
 * share of bootstrap values below the estimate, acceleration from the
 * jackknife), `percentile`, or `basic` (the root interval [2θ̂ − q_{1−α/2},
 * 2θ̂ − q_{α/2}], Davison & Hinkley 1997 §5.2). Quantiles interpolate linearly
 * between order statistics (numpy's default). Draw k depends only on (seed, k).
 *
 * ## Two ways to draw units (`scheme`)
 * - `replacement`: the ordinary bootstrap, n units with repeats.
 * - `subsample`: m distinct units without replacement (the subsampling
 *   bootstrap of Politis & Romano 1994; with m = n/2 the half-sampling /
 *   delete-d jackknife of Shao & Wu 1989). No unit is ever repeated, so a
 *   statistic fitted on the units (CKA, Procrustes, RSA's pairs of stimuli,
 *   kNN graphs) never sees the duplicates that make two networks look alike.
 *   Its spread and bias belong to a sample of m, not n, and are rescaled:
 *   let a statistic expand as θ̂_n = θ + β/n + σZ/√n + o(1/n). Drawn without
 *   replacement from the n units, a subsample statistic θ̂_m has, around θ̂_n,
 *   mean β(1/m − 1/n) = β(n − m)/(mn) and variance σ²(1/m − 1/n) (the
 *   finite-population correction: exact for a mean, to first order for smooth
 *   statistics). Multiplying the mean by f = m/(n − m) gives β/n, the bias of
 *   θ̂_n; multiplying the deviations by √f gives variance σ²/n, its variance.
 *   So the reported values are θ̂_n + f·(θ̄_m − θ̂_n) + √f·(θ̂_m,k − θ̄_m), the
 *   SE is their SD, and the interval is the basic (root) interval of them,
 *   which removes the estimated bias: [θ̂_n − Δ_{1−α/2}, θ̂_n − Δ_{α/2}] with
 *   Δ the quantiles of the rescaled θ̂_m,k − θ̂_n (Politis, Romano & Wolf 1999,
 *   §2.2). The default m = ⌊n/2⌋ makes f = 1 (n even): no rescaling at all,
 *   and the bias and the variance of θ̂_{n/2} − θ̂_n match those of θ̂_n − θ
 *   at the same time; a larger m extrapolates the bias further (f > 1), a
 *   smaller one leaves fewer units to fit on. The correction is first order
 *   in 1/n: where the bias is not (many units per stimulus) it removes part
 *   of it, and `warning` says so when the estimate lies outside the central
 *   95% of the rescaled values.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import {
  assertFiniteArray,
  assertInRange,
  assertInteger,
  assertKnownOptions,
  assertSeed,
} from "../validate/mod.ts";
import { normalCdf, normalQuantile } from "./normal.ts";
import { bootstrapDraw, distinctCount, drawRng, subsampleDraw } from "./resample.ts";

/** How a confidence interval is formed. */
export type IntervalMethod = "bca" | "percentile" | "basic";

/** How units are drawn: with replacement (ordinary bootstrap) or m distinct ones (subsampling). */
export type ResampleScheme = "replacement" | "subsample";

/** Options for {@link bootstrap}. */
export interface BootstrapOptions {
  /** Number of bootstrap samples. @default 1000 */
  samples?: number;
  /** Seed of the draws. @default 0 */
  seed?: number;
  /** Confidence level of the interval. @default 0.95 */
  level?: number;
  /** Interval method (`subsample` takes `basic` only). @default "bca" (replacement), "basic" (subsample) */
  interval?: IntervalMethod;
  /** How units are drawn (see the module notes). @default "replacement" */
  scheme?: ResampleScheme;
  /** Units per draw of the `subsample` scheme, 2 ≤ m < n. @default ⌊n/2⌋ */
  subsampleSize?: number;
  /**
   * Draws with fewer distinct units are discarded (and counted), e.g. 3 for
   * statistics of pairs of conditions. @default 1
   */
  minDistinct?: number;
}

/** The names of {@link BootstrapOptions}, for the unknown-option check of each function taking them. */
export const BOOTSTRAP_OPTIONS: readonly string[] = Object.keys(
  {
    samples: 1,
    seed: 1,
    level: 1,
    interval: 1,
    scheme: 1,
    subsampleSize: 1,
    minDistinct: 1,
  } satisfies Record<keyof BootstrapOptions, 1>,
);

/** A bootstrap estimate. */
export interface BootstrapResult {
  /** The statistic on the full data. */
  estimate: number;
  /** Bootstrap standard error (sample standard deviation of the bootstrap values). */
  se: number;
  /** How units were drawn. */
  scheme: ResampleScheme;
  /** Units per draw (the `subsample` scheme only). */
  subsampleSize?: number;
  /** Confidence interval [lo, hi]. */
  ci: [number, number];
  /** Its level. */
  level: number;
  /** How the interval was formed. */
  interval: IntervalMethod;
  /**
   * Bootstrap values (draws that were not discarded), in draw order; for the `subsample`
   * scheme the rescaled values θ̂_n + f·(θ̄_m − θ̂_n) + √f·(θ̂_m,k − θ̄_m).
   */
  distribution: Float64Array;
  /** Draws discarded for having too few distinct units. */
  discarded: number;
  /**
   * Draws left out because the statistic could not be evaluated on them (it threw
   * {@link UnusableDraw}, e.g. a refit that is unstable on that draw of trials); `warning`
   * then says how many and why the first one failed.
   */
  failed: number;
  /** Seed of the draws. */
  seed: number;
  /**
   * Set when the estimate lies outside the central 95% of the bootstrap values: the
   * statistic is strongly biased under resampling (e.g. a fitted distance on few stimuli,
   * where repeated stimuli make networks look alike), so its CI does not describe it well;
   * and when draws `failed`.
   */
  warning?: string;
}

/**
 * Thrown by a bootstrap statistic for a draw it cannot be evaluated on (e.g. a model refit
 * that fails on that draw of units although it succeeds on the full data): {@link bootstrap}
 * leaves the draw out, counts it in `failed` and says so in `warning`, instead of stopping.
 *
 * @example
 * ```ts
 * import { bootstrap, UnusableDraw } from "./bootstrap.ts";
 * import assert from "node:assert/strict";
 * const r = bootstrap(10, (d) => {
 *   if (d && d[0] === d[1]) throw new UnusableDraw("first two units repeat");
 *   return d ? d.length - new Set(d).size : 0;
 * }, { samples: 200, seed: 3, scheme: "replacement", interval: "percentile" });
 * assert.ok(r.failed > 0 && r.distribution.length === 200 - r.failed);
 * assert.match(r.warning!, /could not be evaluated.*first two units repeat/);
 * ```
 */
export class UnusableDraw extends Error {
  /**
   * A draw the statistic cannot be evaluated on.
   *
   * @param message Why the draw cannot be evaluated.
   */
  constructor(message: string) {
    super(message);
    this.name = "UnusableDraw";
  }
}

/**
 * The q-quantile of sorted values, interpolating linearly between order
 * statistics (position (m − 1)·q, numpy's default).
 *
 * @param sorted Finite values in increasing order (at least one).
 * @param q Probability in [0, 1].
 * @returns The quantile.
 * @throws {RangeError} For an empty, unsorted or non-finite `sorted`, or `q` outside [0, 1].
 *
 * @example
 * ```ts
 * import { quantileSorted } from "./bootstrap.ts";
 * import assert from "node:assert/strict";
 * assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
 * assert.equal(quantileSorted([1, 2, 3, 4], 1), 4);
 * assert.throws(() => quantileSorted([], 0.5), /`sorted` must hold at least one value: got 0/);
 * assert.throws(() => quantileSorted([1, 2, 3], 2), /`q` must be in \[0, 1\]: got 2/);
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const ctx = "Cannot compute quantile";
  assertInRange(q, "q", 0, 1, ctx);
  const m = sorted.length;
  if (!(m > 0)) {
    throw new RangeError(`${ctx}: \`sorted\` must hold at least one value: got ${m}`);
  }
  assertFiniteArray(sorted, "sorted", ctx);
  for (let i = 1; i < m; i++) {
    if (sorted[i]! < sorted[i - 1]!) {
      throw new RangeError(
        `${ctx}: \`sorted\` must be in increasing order: got ${sorted[i - 1]} before ${
          sorted[i]
        } at index ${i}`,
      );
    }
  }
  const pos = (m - 1) * q;
  const lo = Math.floor(pos), hi = Math.min(m - 1, lo + 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Sample standard deviation (ddof 1), two-pass.
 *
 * @param values Finite values, at least two.
 * @returns The standard deviation.
 * @throws {RangeError} For fewer than 2 values (it is undefined) or a non-finite value.
 *
 * @example
 * ```ts
 * import { sampleSd } from "./bootstrap.ts";
 * import assert from "node:assert/strict";
 * assert.equal(sampleSd([1, 2, 3]), 1);
 * assert.throws(() => sampleSd([1]), /`values` must hold at least 2 values \(ddof 1\): got 1/);
 * ```
 */
export function sampleSd(values: ArrayLike<number>): number {
  const ctx = "Cannot compute sample standard deviation";
  const m = values.length;
  if (!(m >= 2)) {
    throw new RangeError(
      `${ctx}: \`values\` must hold at least 2 values (ddof 1): got ${m}`,
    );
  }
  assertFiniteArray(values, "values", ctx);
  let mean = 0;
  for (let i = 0; i < m; i++) mean += values[i]!;
  mean /= m;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += (values[i]! - mean) ** 2;
  return Math.sqrt(ss / (m - 1));
}

/** Validated bootstrap options with defaults. */
export function bootstrapOptions(opts: BootstrapOptions, context: string) {
  const { samples = 1000, seed = 0, level = 0.95, minDistinct = 1, scheme = "replacement" } = opts;
  if (scheme !== "replacement" && scheme !== "subsample") {
    throw new RangeError(
      `${context}: \`scheme\` must be one of replacement, subsample: got ${scheme}`,
    );
  }
  const interval = opts.interval ?? (scheme === "subsample" ? "basic" : "bca");
  assertInteger(samples, "samples", 1, 1e8, context);
  assertSeed(seed, context);
  assertInRange(level, "level", 0, 1, context);
  if (level === 0 || level === 1) {
    throw new RangeError(`${context}: \`level\` must be strictly between 0 and 1: got ${level}`);
  }
  if (interval !== "bca" && interval !== "percentile" && interval !== "basic") {
    throw new RangeError(
      `${context}: \`interval\` must be one of bca, percentile, basic: got ${interval}`,
    );
  }
  if (scheme === "subsample" && interval !== "basic") {
    throw new RangeError(
      `${context}: \`interval\` must be basic with scheme subsample (the subsample values are rescaled around the estimate): got ${interval}`,
    );
  }
  assertInteger(minDistinct, "minDistinct", 1, 2 ** 31, context);
  const { subsampleSize } = opts;
  if (subsampleSize !== undefined) {
    assertInteger(subsampleSize, "subsampleSize", 2, 2 ** 31, context);
  }
  return { samples, seed, level, interval, minDistinct, scheme, subsampleSize };
}

/** How the draws of a bootstrap are made and their values turned into bootstrap values. */
export interface DrawPlan {
  /** The scheme. */
  scheme: ResampleScheme;
  /** Units per draw. */
  size: number;
  /** The rescaling factor f = m/(n − m) of the `subsample` scheme (1 for `replacement`). */
  factor: number;
  /** Draw k (sorted indices). */
  draw(k: number): Int32Array;
  /** The bootstrap values of the statistic's values on the draws (rescaled for `subsample`). */
  rescale(values: ArrayLike<number>, estimate: number): Float64Array;
}

/**
 * The draws of a bootstrap over `n` units: with replacement, or `m` distinct units
 * (subsampling) whose values are rescaled to a sample of n (see the module notes).
 *
 * @param n Number of units.
 * @param opts Validated options (`bootstrapOptions`).
 * @param context Message prefix.
 * @returns The plan.
 *
 * @example Half-samples of an even number of units need no rescaling (f = 1); others do
 * ```ts
 * import { bootstrapOptions, drawPlan } from "./bootstrap.ts";
 * import assert from "node:assert/strict";
 * const half = drawPlan(10, bootstrapOptions({ scheme: "subsample" }, "ctx"), "ctx");
 * assert.equal(half.size, 5);
 * assert.equal(half.factor, 1);
 * assert.deepEqual(Array.from(half.rescale([1, 3], 1)), [1, 3]);
 * const o = bootstrapOptions({ scheme: "subsample", subsampleSize: 8 }, "ctx");
 * const big = drawPlan(10, o, "ctx"); // f = 8/2 = 4: the mean shift ×4, the spread ×2
 * assert.deepEqual(Array.from(big.rescale([1, 3], 1)), [3, 7]);
 * ```
 */
export function drawPlan(
  n: number,
  opts: ReturnType<typeof bootstrapOptions>,
  context: string,
): DrawPlan {
  const { seed, scheme } = opts;
  if (scheme === "replacement") {
    return {
      scheme,
      size: n,
      factor: 1,
      draw: (k) => bootstrapDraw(n, drawRng(seed, k)),
      rescale: (values) => Float64Array.from(values),
    };
  }
  const m = opts.subsampleSize ?? Math.floor(n / 2);
  const least = Math.max(2, opts.minDistinct);
  if (!(m >= least && m < n)) {
    const given = opts.subsampleSize === undefined ? ` (the default ⌊n/2⌋ for n = ${n})` : "";
    throw new RangeError(
      `${context}: \`subsampleSize\` must be at least ${least} (units a draw needs) and below the ${n} units: got ${m}${given}; use scheme replacement for so few units`,
    );
  }
  const f = m / (n - m), root = Math.sqrt(f);
  return {
    scheme,
    size: m,
    factor: f,
    draw: (k) => subsampleDraw(n, m, drawRng(seed, k)),
    rescale: (values, estimate) => {
      let mean = 0;
      for (let i = 0; i < values.length; i++) mean += values[i]!;
      mean /= values.length;
      const centre = estimate + f * (mean - estimate);
      return Float64Array.from(values, (v) => centre + root * (v - mean));
    },
  };
}

function checkValue(v: number, what: string, context: string): number {
  if (!Number.isFinite(v)) {
    throw new RangeError(`${context}: the statistic is not finite on ${what}: got ${v}`);
  }
  return v;
}

/**
 * The confidence interval of a bootstrap distribution around an estimate.
 *
 * @param estimate The statistic on the full data.
 * @param sorted Bootstrap values in increasing order.
 * @param level Confidence level.
 * @param interval Method.
 * @param jackknife Leave-one-out values (BCa only).
 * @param used Receives the method actually used: BCa falls back to the percentile interval
 * where it is undefined (1 − a(z0 + z) ≤ 0, an extreme acceleration).
 * @returns [lo, hi].
 *
 * @example Percentile interval of a symmetric distribution
 * ```ts
 * import { confidenceInterval } from "./bootstrap.ts";
 * import assert from "node:assert/strict";
 * const sorted = Array.from({ length: 101 }, (_, i) => i / 100);
 * const [lo, hi] = confidenceInterval(0.5, sorted, 0.9, "percentile");
 * assert.ok(Math.abs(lo - 0.05) < 1e-12 && Math.abs(hi - 0.95) < 1e-12);
 * ```
 */
export function confidenceInterval(
  estimate: number,
  sorted: ArrayLike<number>,
  level: number,
  interval: IntervalMethod,
  jackknife?: ArrayLike<number>,
  used: { method?: IntervalMethod } = {},
): [number, number] {
  const ctx = "Cannot form confidence interval";
  if (!Number.isFinite(estimate)) {
    throw new RangeError(`${ctx}: \`estimate\` must be finite: got ${estimate}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`${ctx}: \`level\` must be strictly between 0 and 1: got ${level}`);
  }
  if (interval !== "bca" && interval !== "percentile" && interval !== "basic") {
    throw new RangeError(
      `${ctx}: \`interval\` must be one of bca, percentile, basic: got ${JSON.stringify(interval)}`,
    );
  }
  used.method = interval;
  const alpha = (1 - level) / 2;
  if (interval === "basic") {
    return [
      2 * estimate - quantileSorted(sorted, 1 - alpha),
      2 * estimate - quantileSorted(sorted, alpha),
    ];
  }
  if (interval === "percentile") {
    return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
  }
  const m = sorted.length;
  let below = 0, equal = 0;
  for (let i = 0; i < m; i++) {
    if (sorted[i]! < estimate) below++;
    else if (sorted[i] === estimate) equal++;
  }
  // Ties count half, so a degenerate (constant) distribution has no bias correction.
  const share = Math.min(1 - 0.5 / m, Math.max(0.5 / m, (below + equal / 2) / m));
  const z0 = normalQuantile(share);
  let a = 0;
  if (jackknife && jackknife.length > 1) {
    let mean = 0;
    for (let i = 0; i < jackknife.length; i++) mean += jackknife[i]!;
    mean /= jackknife.length;
    let s2 = 0, s3 = 0;
    for (let i = 0; i < jackknife.length; i++) {
      const d = mean - jackknife[i]!;
      s2 += d * d;
      s3 += d * d * d;
    }
    a = s2 > 0 ? s3 / (6 * s2 ** 1.5) : 0;
  }
  const zLo = normalQuantile(alpha), zHi = normalQuantile(1 - alpha);
  // BCa is undefined where 1 − a(z0 + z) ≤ 0 (extreme acceleration): use the percentile interval
  if (1 - a * (z0 + zLo) <= 0 || 1 - a * (z0 + zHi) <= 0) {
    used.method = "percentile";
    return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
  }
  const adjusted = (z: number) => normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
  return [quantileSorted(sorted, adjusted(zLo)), quantileSorted(sorted, adjusted(zHi))];
}

/**
 * A warning when the estimate lies outside the central 95% of the bootstrap
 * values (the statistic is strongly biased under resampling), else undefined.
 * Values equal to the estimate count half below and half above it (mid-rank), so
 * a statistic that ties with the estimate in every draw gives no warning.
 *
 * @param estimate The statistic on the full data.
 * @param sorted Bootstrap values in increasing order.
 * @param scheme How the units were drawn (it names the cause). @default "replacement"
 * @returns The warning text, or undefined.
 *
 * @example
 * ```ts
 * import { biasWarning } from "./bootstrap.ts";
 * import assert from "node:assert/strict";
 * assert.equal(biasWarning(0.5, [0.1, 0.4, 0.6, 0.9]), undefined);
 * assert.match(biasWarning(2, [0.1, 0.4, 0.6, 0.9])!, /above 100% of the bootstrap values/);
 * // ties count half: an estimate equal to every bootstrap value is in the middle
 * assert.equal(biasWarning(0.25, [0.25, 0.25, 0.25]), undefined);
 * ```
 */
export function biasWarning(
  estimate: number,
  sorted: ArrayLike<number>,
  scheme: ResampleScheme = "replacement",
): string | undefined {
  const m = sorted.length;
  // share of the values below the estimate, a tie counting half (mid-rank): a statistic
  // that equals the estimate in every draw sits at 50%, not below 100% of them
  let below = 0;
  for (let i = 0; i < m; i++) below += sorted[i]! < estimate ? 1 : sorted[i] === estimate ? 0.5 : 0;
  const share = below / m;
  // inside the interpolated 2.5% and 97.5% quantiles: exactly when a 95% basic interval holds it
  const inside = scheme === "subsample"
    ? quantileSorted(sorted, 0.025) <= estimate && estimate <= quantileSorted(sorted, 0.975)
    : share >= 0.025 && share <= 0.975;
  if (inside) return undefined;
  const where = `the estimate lies ${share > 0.5 ? "above" : "below"} ${
    Math.round(100 * (share > 0.5 ? share : 1 - share))
  }%`;
  if (scheme === "subsample") {
    return `${where} of the rescaled subsample values: the statistic is strongly biased at this number of units (its estimated bias exceeds about 2 SE); the basic interval removes the first-order bias, so it excludes the estimate, and a bias that is not first order in 1/units may remain`;
  }
  return `${where} of the bootstrap values: the statistic is strongly biased under resampling (repeated stimuli), so this interval does not describe its uncertainty well`;
}

/**
 * Bootstrap a statistic of `n` resampled units: `statistic(draw)` gets the
 * sorted indices of the draw (with repeats under `replacement`, m distinct
 * units under `subsample`), or `null` for the full data.
 *
 * @param n Number of units (stimuli, subjects…).
 * @param statistic The statistic of a draw.
 * @param opts {@link BootstrapOptions}.
 * @returns Estimate, SE, CI and the bootstrap distribution (tagged `bootstrap`).
 *
 * @example The SE of a mean is close to sd/√n
 * ```ts
 * import { bootstrap } from "./bootstrap.ts";
 * import assert from "node:assert/strict";
 * const x = Array.from({ length: 50 }, (_, i) => Math.sin(i * 12.9898) * 10);
 * const mean = (d: Int32Array | null) => {
 *   const idx = d ?? Int32Array.from(x.keys());
 *   let s = 0;
 *   for (const i of idx) s += x[i]!;
 *   return s / idx.length;
 * };
 * const r = bootstrap(x.length, mean, { samples: 2000, seed: 1 });
 * const sd = Math.sqrt(x.reduce((s, v) => s + (v - r.estimate) ** 2, 0) / x.length);
 * assert.ok(Math.abs(r.se / (sd / Math.sqrt(50)) - 1) < 0.1);
 * assert.ok(r.ci[0] < r.estimate && r.estimate < r.ci[1]);
 * // half-samples without replacement estimate the same SE, with a basic interval
 * const h = bootstrap(x.length, mean, { samples: 2000, seed: 1, scheme: "subsample" });
 * assert.equal(h.interval, "basic");
 * assert.equal(h.subsampleSize, 25);
 * assert.ok(Math.abs(h.se / (sd / Math.sqrt(50)) - 1) < 0.1);
 * ```
 */
export function bootstrap(
  n: number,
  statistic: (draw: Int32Array | null) => number,
  opts: BootstrapOptions = {},
): Readonly<BootstrapResult & { kind: string }> {
  const context = "Cannot bootstrap";
  assertKnownOptions(opts, BOOTSTRAP_OPTIONS, context);
  assertInteger(n, "n", 2, 2 ** 31, context);
  const o = bootstrapOptions(opts, context);
  const { samples, seed, level, interval, minDistinct } = o;
  const plan = drawPlan(n, o, context);
  const estimate = checkValue(statistic(null), "the full data", context);
  const values: number[] = [];
  let discarded = 0, failed = 0, firstFailure = "";
  for (let k = 0; k < samples; k++) {
    const draw = plan.draw(k);
    if (minDistinct > 1 && distinctCount(draw) < minDistinct) {
      discarded++;
      continue;
    }
    let value: number;
    try {
      value = statistic(draw);
    } catch (e) {
      if (!(e instanceof UnusableDraw)) throw e;
      if (failed++ === 0) firstFailure = `bootstrap sample ${k}: ${e.message}`;
      continue;
    }
    values.push(checkValue(value, `bootstrap sample ${k}`, context));
  }
  if (values.length < 2) {
    throw new RangeError(
      `${context}: fewer than 2 usable bootstrap samples (${discarded} of ${samples} had fewer than ${minDistinct} distinct units${
        failed > 0 ? `, ${failed} could not be evaluated; first: ${firstFailure}` : ""
      })`,
    );
  }
  const distribution = plan.rescale(values, estimate);
  const sorted = Float64Array.from(distribution).sort();
  let jack: Float64Array | undefined, method = interval, fallback: string | undefined;
  if (interval === "bca") {
    try {
      jack = jackknife(n, statistic, context);
    } catch (e) {
      // BCa by default only: a leave-one-out value that cannot be evaluated gives percentile
      if (opts.interval !== undefined || !(e instanceof UnusableJackknife)) throw e;
      method = "percentile";
      fallback = `${e.detail}: the percentile interval is given instead of BCa`;
    }
  }
  const warnings = [
    biasWarning(estimate, sorted, plan.scheme),
    fallback,
    failed > 0
      ? `${failed} of ${samples} bootstrap draws could not be evaluated and were left out (first, ${firstFailure}): the SE and interval describe the draws that could`
      : undefined,
  ].filter((w) => w !== undefined);
  const warning = warnings.length > 0 ? warnings.join("; ") : undefined;
  const used: { method?: IntervalMethod } = {};
  const ci = confidenceInterval(estimate, sorted, level, method, jack, used);
  return tagResult("bootstrap", {
    estimate,
    se: sampleSd(distribution),
    scheme: plan.scheme,
    ...(plan.scheme === "subsample" ? { subsampleSize: plan.size } : {}),
    ci,
    level,
    interval: used.method ?? method,
    distribution,
    discarded,
    failed,
    seed,
    ...(warning ? { warning } : {}),
  });
}

/** The jackknife met a leave-one-out draw that {@link UnusableDraw} rejects. */
class UnusableJackknife extends RangeError {
  constructor(context: string, readonly detail: string) {
    super(
      `${context}: the BCa interval needs the statistic without each unit, and ${detail}: use the "percentile" or "basic" interval`,
    );
  }
}

/**
 * Leave-one-out values of a statistic: entry i is the statistic on all units but i.
 *
 * @param n Number of units.
 * @param statistic The statistic of a draw (sorted indices).
 * @param context Message prefix.
 * @returns n values.
 *
 * @example The jackknife of a mean
 * ```ts
 * import { jackknife } from "./bootstrap.ts";
 * import assert from "node:assert/strict";
 * const x = [1, 2, 3];
 * const mean = (d: Int32Array | null) => [...(d ?? [0, 1, 2])].reduce((s, i) => s + x[i]!, 0) / (d?.length ?? 3);
 * assert.deepEqual(Array.from(jackknife(3, mean)), [2.5, 2, 1.5]);
 * ```
 */
export function jackknife(
  n: number,
  statistic: (draw: Int32Array | null) => number,
  context = "Cannot compute jackknife",
): Float64Array {
  assertInteger(n, "n", 2, 2 ** 31, context);
  const out = new Float64Array(n);
  const draw = new Int32Array(n - 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0, k = 0; j < n; j++) if (j !== i) draw[k++] = j;
    let value: number;
    try {
      value = statistic(draw.slice());
    } catch (e) {
      if (!(e instanceof UnusableDraw)) throw e;
      throw new UnusableJackknife(
        context,
        `the statistic could not be evaluated without unit ${i} (${e.message})`,
      );
    }
    out[i] = checkValue(value, `the sample without unit ${i}`, context);
  }
  return out;
}
