/**
 * Model comparison by bootstrap: several models scored against the same data,
 * every model on the same draws, so the pairwise differences carry their
 * covariance. Each score gets an SE and a CI; each pair a difference with its
 * CI and a two-sided bootstrap p-value; with a noise ceiling, scores relative
 * to it.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { assertInteger, assertKnownOptions } from "../validate/mod.ts";
import {
  biasWarning,
  BOOTSTRAP_OPTIONS,
  type BootstrapOptions,
  bootstrapOptions,
  confidenceInterval,
  drawPlan,
  type IntervalMethod,
  jackknife,
  type ResampleScheme,
  sampleSd,
} from "./bootstrap.ts";
import { distinctCount } from "./resample.ts";

/** Options for {@link compareModels}. */
export interface CompareModelsOptions extends BootstrapOptions {
  /** A noise ceiling of the score; adds each score divided by it. @default undefined */
  ceiling?: number;
}

/** One model's score. */
export interface ModelScore {
  /** Model name. */
  name: string;
  /** Score on the full data. */
  estimate: number;
  /** Bootstrap SE. */
  se: number;
  /** Confidence interval. */
  ci: [number, number];
  /** estimate / ceiling, when a ceiling was given. */
  relative?: number;
  /**
   * Interval method actually used (BCa falls back to percentile where it is undefined; `normal`
   * for the two-factor bootstrap of subjects and stimuli).
   */
  interval: IntervalMethod | "normal";
  /** Set when the estimate lies outside the central 95% of its bootstrap values (see `biasWarning`). */
  warning?: string;
}

/** The difference between two models' scores (first minus second). */
export interface ModelDifference {
  /** First model. */
  a: string;
  /** Second model. */
  b: string;
  /** score(a) − score(b) on the full data. */
  estimate: number;
  /** Bootstrap SE of the difference. */
  se: number;
  /** Confidence interval of the difference. */
  ci: [number, number];
  /**
   * Two-sided bootstrap p-value of "no difference": 2·min(1 + #{d ≤ 0}, 1 + #{d ≥ 0}) / (N + 1),
   * at most 1, with d the bootstrap differences (percentile, BCa) or their reflections 2d̂ − d
   * (basic interval, so that p ≤ 1 − level exactly when the interval excludes 0).
   */
  pValue: number;
}

/** A model comparison. */
export interface ModelComparison {
  /** Each model's score. */
  models: ModelScore[];
  /** Every pair i < j. */
  differences: ModelDifference[];
  /** The ceiling given, or null. */
  ceiling: number | null;
  /** Interval method (`normal` for the two-factor bootstrap of subjects and stimuli). */
  interval: IntervalMethod | "normal";
  /** Confidence level. */
  level: number;
  /** Bootstrap samples used (after discarding draws with too few distinct units). */
  samples: number;
  /** How units were drawn. */
  scheme: ResampleScheme;
  /** Units per draw (the `subsample` scheme only). */
  subsampleSize?: number;
  /** Seed. */
  seed: number;
}

/**
 * Compare models by bootstrap over `n` shared units (stimuli or subjects).
 *
 * @param n Number of units.
 * @param models Name → score of a draw (sorted indices, or null for the full data).
 * @param opts {@link CompareModelsOptions}.
 * @returns Scores, pairwise differences and tests (tagged `modelComparison`).
 *
 * @example A clearly better model wins its test
 * ```ts
 * import { compareModels } from "./compare_models.ts";
 * import assert from "node:assert/strict";
 * const good = Array.from({ length: 40 }, (_, i) => 0.8 + 0.1 * Math.sin(i));
 * const bad = good.map((v, i) => v - 0.3 + 0.05 * Math.cos(3 * i));
 * const mean = (x: number[]) => (d: Int32Array | null) =>
 *   d ? [...d].reduce((s, i) => s + x[i]!, 0) / d.length : x.reduce((s, v) => s + v, 0) / x.length;
 * const r = compareModels(40, { good: mean(good), bad: mean(bad) }, { samples: 500, ceiling: 1 });
 * assert.equal(r.differences[0]!.a, "good");
 * assert.ok(r.differences[0]!.pValue < 0.01);
 * assert.ok(Math.abs(r.models[0]!.relative! - r.models[0]!.estimate) < 1e-15);
 * ```
 */
export function compareModels(
  n: number,
  models: Record<string, (draw: Int32Array | null) => number>,
  opts: CompareModelsOptions = {},
): Readonly<ModelComparison & { kind: string }> {
  const context = "Cannot compare models";
  assertKnownOptions(opts, [...BOOTSTRAP_OPTIONS, "ceiling"], context);
  assertInteger(n, "n", 2, 2 ** 31, context);
  const names = Object.keys(models);
  if (names.length < 1) throw new RangeError(`${context}: \`models\` must name at least 1 model`);
  const o = bootstrapOptions(opts, context);
  const { samples, seed, level, interval, minDistinct } = o;
  const plan = drawPlan(n, o, context);
  const { ceiling } = opts;
  if (ceiling !== undefined && !(ceiling > 0 && Number.isFinite(ceiling))) {
    throw new RangeError(`${context}: \`ceiling\` must be a positive number: got ${ceiling}`);
  }
  const fns = names.map((m) => models[m]!);
  const finite = (v: number, m: string, what: string) => {
    if (!Number.isFinite(v)) {
      throw new RangeError(
        `${context}: the score of model ${m} is not finite on ${what}: got ${v}`,
      );
    }
    return v;
  };
  const full = fns.map((f, i) => finite(f(null), names[i]!, "the full data"));
  const boot: number[][] = names.map(() => []);
  for (let k = 0; k < samples; k++) {
    const draw = plan.draw(k);
    if (minDistinct > 1 && distinctCount(draw) < minDistinct) continue;
    fns.forEach((f, i) => boot[i]!.push(finite(f(draw), names[i]!, `bootstrap sample ${k}`)));
  }
  const used = boot[0]!.length;
  if (used < 2) {
    throw new RangeError(`${context}: fewer than 2 usable bootstrap samples of ${samples}`);
  }
  const jack = interval === "bca" ? fns.map((f) => jackknife(n, f, context)) : null;
  const sorted = (v: ArrayLike<number>) => Float64Array.from(v).sort();
  const values = boot.map((b, i) => plan.rescale(b, full[i]!));
  const scores: ModelScore[] = names.map((name, i) => {
    const used: { method?: IntervalMethod } = {};
    const ordered = sorted(values[i]!);
    const ci = confidenceInterval(full[i]!, ordered, level, interval, jack?.[i], used);
    const warning = biasWarning(full[i]!, ordered, plan.scheme);
    return {
      name,
      estimate: full[i]!,
      se: sampleSd(values[i]!),
      ci,
      interval: used.method ?? interval,
      ...(ceiling !== undefined ? { relative: full[i]! / ceiling } : {}),
      ...(warning ? { warning } : {}),
    };
  });
  const differences: ModelDifference[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      // the rescaling is linear, so the rescaled differences are the differences of rescaled values
      const d = values[i]!.map((v, k) => v - values[j]![k]!);
      const dj = jack ? jack[i]!.map((v, k) => v - jack[j]![k]!) : undefined;
      const est = full[i]! - full[j]!;
      let le = 0, ge = 0;
      for (const raw of d) {
        const v = interval === "basic" ? 2 * est - raw : raw;
        if (v <= 0) le++;
        if (v >= 0) ge++;
      }
      differences.push({
        a: names[i]!,
        b: names[j]!,
        estimate: est,
        se: sampleSd(d),
        ci: confidenceInterval(est, sorted(d), level, interval, dj),
        pValue: Math.min(1, (2 * (1 + Math.min(le, ge))) / (used + 1)),
      });
    }
  }
  return tagResult("modelComparison", {
    models: scores,
    differences,
    ceiling: ceiling ?? null,
    interval,
    level,
    samples: used,
    seed,
    scheme: plan.scheme,
    ...(plan.scheme === "subsample" ? { subsampleSize: plan.size } : {}),
  });
}
