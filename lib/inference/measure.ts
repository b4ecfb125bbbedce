/**
 * Inference for every registered measure: bootstrap over stimuli (the first
 * axis of every input: rows of response matrices, stimuli of stochastic
 * responses, images of conv layers), permutation tests that permute one side's
 * stimuli, model comparison on shared draws, and bootstrap SE matrices for the
 * pairwise engine.
 *
 * Stimuli are drawn by default as half-samples without replacement
 * (`scheme: "subsample"`, see `bootstrap.ts` for the derivation): a measure
 * fitted on the stimuli (Procrustes, CCA, CKA, RSA's pairs, kNN graphs) is
 * biased by repeated stimuli — a 40-stimulus bootstrap draw holds about 25
 * distinct ones, which makes networks look alike — so the ordinary bootstrap
 * puts the estimate outside most of its values and its percentile/BCa interval
 * misses. Half-samples repeat nothing; their spread is the SE at n and their
 * mean shift estimates the bias, which the basic interval removes. The ordinary
 * bootstrap stays available as `scheme: "replacement"` (chosen automatically
 * when `interval` is bca or percentile).
 *
 * Subjects: {@link bootstrapMeasureSubjects} averages the measure over
 * subjects and resamples subjects (with replacement: the mean over subjects is
 * linear in them), or subjects and stimuli together (`twoFactorBootstrap`).
 *
 * Which value is resampled: a measure's similarity when it returns one (CKA,
 * RSA, the kNN family…), else its distance; `value` chooses explicitly.
 * Permutation tests are one-sided in the direction of similarity (large
 * similarities, small distances).
 *
 * @module
 */

import { compareWith } from "../measures/compare.ts";
import { getMeasure, resolveOptions } from "../measures/registry.ts";
import type { Measure, OptionValue, UnitResampler } from "../measures/types.ts";
import { pairwiseMatrix } from "../pairwise/engine.ts";
import { tagResult } from "../result.ts";
import type { Matrix } from "../linalg/matrix.ts";
import {
  bootstrap,
  BOOTSTRAP_OPTIONS,
  type BootstrapOptions,
  bootstrapOptions,
  type BootstrapResult,
  drawPlan,
  type IntervalMethod,
  type ResampleScheme,
  UnusableDraw,
} from "./bootstrap.ts";
import { normalCdf } from "./normal.ts";
import { twoFactorBootstrap, type TwoFactorResult } from "./two_factor.ts";
import {
  compareModels,
  type CompareModelsOptions,
  type ModelComparison,
  type ModelDifference,
  type ModelScore,
} from "./compare_models.ts";
import { type PermutationResult, permutationTest } from "./permutation.ts";
import { distinctCount } from "./resample.ts";
import { assertKnownOptions } from "../validate/mod.ts";

/** Which value of a measure is resampled. */
export type InferenceValue = "distance" | "similarity";

/** Options shared by the measure inference functions: the measure's own options and `value`. */
export interface MeasureInferenceOptions {
  /** Resample the distance or the similarity. @default the similarity when the measure has one */
  value?: InferenceValue;
  /** Measure options (see `listMeasures()`). */
  [option: string]: unknown;
}

/**
 * The stimulus scheme of the measure functions: the one asked for; else the
 * ordinary bootstrap (`replacement`) when a bootstrap interval (bca,
 * percentile) was asked for, when the measure declares half-samples invalid
 * (`halfSample: false`, the kNN measures), when a half-sample would hold fewer
 * than 3 stimuli, or when the measure cannot be computed on a half-sample (the
 * `probe`, on the first m stimuli, throws: e.g. PWCCA needs more stimuli than
 * units); half-samples (`subsample`) otherwise. The result's `scheme` says which.
 */
function stimulusScheme(
  scheme: ResampleScheme | undefined,
  interval: IntervalMethod | undefined,
  measure: Measure,
  n: number,
  subsampleSize?: number,
  probe?: (draw: Int32Array) => unknown,
): ResampleScheme {
  if (scheme !== undefined) return scheme;
  if (interval === "bca" || interval === "percentile") return "replacement";
  if (measure.halfSample === false) return "replacement";
  const m = subsampleSize ?? Math.floor(n / 2);
  if (m < 3 || m >= n) return "replacement";
  if (probe !== undefined) {
    try {
      probe(Int32Array.from({ length: m }, (_, i) => i));
    } catch {
      return "replacement";
    }
  }
  return "subsample";
}

interface Stimuli {
  /** Number of stimuli (first axis). */
  n: number;
  /** The input restricted to a draw of stimuli. */
  take(draw: ArrayLike<number>): unknown;
}

/** The first-axis view of a validated input: a matrix or a tensor. */
function stimuliOf(x: unknown, name: string, context: string): Stimuli {
  const m = x as Partial<Matrix> & { shape?: readonly number[]; data?: Float64Array };
  if (m.shape && m.data) {
    const shape = m.shape, data = m.data, n = shape[0]!;
    const block = n === 0 ? 0 : data.length / n;
    return {
      n,
      take: (draw) => {
        const out = new Float64Array(draw.length * block);
        for (let k = 0; k < draw.length; k++) {
          const i = draw[k]!;
          out.set(data.subarray(i * block, (i + 1) * block), k * block);
        }
        return { shape: [draw.length, ...shape.slice(1)], data: out };
      },
    };
  }
  if (typeof m.rows === "number" && typeof m.cols === "number" && m.data) {
    const cols = m.cols, data = m.data;
    return {
      n: m.rows,
      take: (draw) => {
        const out = new Float64Array(draw.length * cols);
        for (let k = 0; k < draw.length; k++) {
          out.set(data.subarray(draw[k]! * cols, (draw[k]! + 1) * cols), k * cols);
        }
        return { rows: draw.length, cols, data: out };
      },
    };
  }
  throw new TypeError(
    `${context}: \`${name}\` has no stimulus axis to resample (resampling applies to response matrices and tensors with stimuli first)`,
  );
}

interface Prepared {
  measure: Measure;
  name: string;
  given: Record<string, OptionValue>;
  value: InferenceValue;
}

function setup(
  measure: string,
  opts: MeasureInferenceOptions,
  context: string,
  inference: readonly string[],
  trials = false,
): Prepared {
  const { value, ...given } = opts;
  unknownKey(measure, given, inference, context);
  const { measure: m } = resolveOptions(measure, given as Record<string, OptionValue>, context);
  if (
    (m.input === "timeSeries" || m.input === "drivenTimeSeries") && !(trials && m.unitResampler)
  ) {
    throw new RangeError(
      `${context}: measure ${m.name} compares time series, which have no stimuli to resample; resample trials and refit instead`,
    );
  }
  const chosen: InferenceValue = value ?? (m.returns === "distance" ? "distance" : "similarity");
  if (chosen !== "distance" && chosen !== "similarity") {
    throw new RangeError(`${context}: \`value\` must be one of distance, similarity: got ${value}`);
  }
  if (m.returns !== "both" && m.returns !== chosen) {
    throw new RangeError(
      `${context}: measure ${m.name} returns a ${m.returns}, not a ${chosen}: got value ${chosen}`,
    );
  }
  return { measure: m, name: measure, given: given as Record<string, OptionValue>, value: chosen };
}

/**
 * Throw for a key that is neither an inference option of the function nor an option of
 * the measure, listing both (the measure's own check would list only the measure's).
 */
function unknownKey(
  measure: string,
  given: Record<string, unknown>,
  inference: readonly string[],
  context: string,
): void {
  const { measure: m } = getMeasure(measure);
  const own = m.options.map((s) => s.name);
  for (const [key, v] of Object.entries(given)) {
    if (v === undefined || own.includes(key)) continue;
    throw new RangeError(
      `${context}: \`${key}\` is not an option (inference options: ${
        ["value", ...inference].join(", ")
      }; options of measure ${m.name}: ${own.join(", ") || "none"})`,
    );
  }
}

/** Names of the two sides in error messages. */
type Names = readonly [string, string];

function valueOf(p: Prepared, X: unknown, Y: unknown, names: Names = ["X", "Y"]): number {
  const r = compareWith(p.name, X, Y, { ...p.given, names });
  return (p.value === "distance" ? r.distance : r.similarity)!;
}

function sides(
  p: Prepared,
  X: unknown,
  Y: unknown,
  context: string,
  names: Names = ["X", "Y"],
): [Stimuli, Stimuli] {
  const [nx, ny] = names;
  const a = stimuliOf(p.measure.validate(X, nx, context), nx, context);
  const b = stimuliOf(p.measure.validate(Y, ny, context), ny, context);
  if (a.n !== b.n) {
    throw new TypeError(
      `${context}: \`${nx}\` and \`${ny}\` must have the same stimuli: got ${a.n} and ${b.n}`,
    );
  }
  return [a, b];
}

/**
 * Bootstrap a measure over stimuli: SE and CI of its similarity (or distance).
 * Measures of time series (DSA, and InputDSA / controllability on input-driven
 * series) resample trials instead — the same draw of trials for X and Y, each
 * draw refitted from per-trial statistics computed once (`Measure.unitResampler`).
 *
 * @param measure Measure name or alias (see `listMeasures()`).
 * @param X Responses of the first network (stimuli first).
 * @param Y Responses of the second network, same stimuli.
 * @param opts Bootstrap options (`samples`, `seed`, `level`, `interval`, `scheme` — here
 * `subsample` by default, `replacement` when `interval` is bca or percentile — and
 * `subsampleSize`), `value`, and the measure's options.
 * @returns The bootstrap (tagged `bootstrap`), with `value` and `measure`.
 *
 * @example CKA with a confidence interval
 * ```ts
 * import { bootstrapMeasure } from "./measure.ts";
 * import { randn } from "../random.ts";
 * import assert from "node:assert/strict";
 * const X = randn(30, 4, 1);
 * const Y = { ...X, data: X.data.map((v, i) => v + 0.5 * Math.sin(i)) };
 * const r = bootstrapMeasure("cka", X, Y, { samples: 100, seed: 1 });
 * assert.equal(r.value, "similarity");
 * assert.equal(r.scheme, "subsample");
 * assert.equal(r.subsampleSize, 15);
 * assert.ok(r.ci[0] <= r.estimate && r.estimate <= r.ci[1] && r.se > 0);
 * // the ordinary bootstrap of the rows, as before
 * const old = bootstrapMeasure("cka", X, Y, { samples: 100, seed: 1, scheme: "replacement" });
 * assert.equal(old.interval, "bca");
 * ```
 */
export function bootstrapMeasure(
  measure: string,
  X: unknown,
  Y: unknown,
  opts: MeasureInferenceOptions & BootstrapOptions = {},
): Readonly<BootstrapResult & { kind: string; value: InferenceValue; measure: string }> {
  const context = "Cannot bootstrap measure";
  assertOptionsObject(opts, context);
  const { samples, seed, level, interval, minDistinct, scheme, subsampleSize, ...rest } = opts;
  const p = setup(measure, rest, context, BOOTSTRAP_OPTIONS, true);
  // a measure with a seed of its own (DSA's search) gets `seed` too, unless given its own, so
  // the estimate and every refit run the same search
  if (
    seed !== undefined && p.given.seed === undefined &&
    p.measure.options.some((o) => o.name === "seed")
  ) p.given = { ...p.given, seed };
  let n: number, drawn: (d: Int32Array) => number;
  const overTrials = p.measure.input === "timeSeries" || p.measure.input === "drivenTimeSeries";
  if (overTrials) {
    // time series (with or without inputs): resample trials (the same draw for X and Y), refitting from per-trial statistics
    const m = p.measure, { options } = resolveOptions(p.name, p.given, context);
    const [a, b] = (["X", "Y"] as const).map((name, i) =>
      m.unitResampler!(m.validate([X, Y][i], name, context), options, name)
    ) as [UnitResampler, UnitResampler];
    if (a.units !== b.units) {
      throw new TypeError(
        `${context}: \`X\` and \`Y\` must have the same number of trials (they are resampled together): got ${a.units} and ${b.units}`,
      );
    }
    if (a.units < 2) {
      throw new RangeError(
        `${context}: resampling trials needs [trials, time, dims] input with at least 2 trials: got ${a.units}`,
      );
    }
    n = a.units;
    drawn = (d) => {
      let pa, pb;
      try {
        pa = a.prepare(d);
        pb = b.prepare(d);
      } catch (e) {
        // the fit on all trials succeeded (the estimate), so a refit that fails on this draw
        // makes the draw unusable, not the data
        if (!(e instanceof RangeError)) throw e; // type errors and bugs are not the draw's fault
        const shown = Array.from(d.subarray(0, 12)).join(", ") + (d.length > 12 ? ", …" : "");
        throw new UnusableDraw(`the refit on trials [${shown}] failed: ${e.message}`);
      }
      const r = m.compare(pa, pb, options);
      return (p.value === "distance" ? r.distance : r.similarity)!;
    };
  } else {
    const [a, b] = sides(p, X, Y, context);
    n = a.n;
    drawn = (d) => valueOf(p, a.take(d), b.take(d));
  }
  const r = bootstrap(
    n,
    (d) => (d ? drawn(d) : valueOf(p, X, Y)),
    {
      samples,
      seed,
      level,
      interval,
      minDistinct: minDistinct ?? 3,
      // trials of a time series are drawn with replacement unless asked otherwise (a repeated
      // trial only reweights the DMD regression); stimuli by half-samples (see bootstrap.ts)
      scheme: overTrials
        ? scheme ?? "replacement"
        : stimulusScheme(scheme, interval, p.measure, n, subsampleSize, drawn),
      subsampleSize,
    },
  );
  return withFields(r, { value: p.value, measure: p.measure.name });
}

/**
 * Permutation test of "more similar than chance" for a measure: Y's stimuli
 * are permuted against X's; p = (1 + #{null at least as similar}) / (N + 1).
 *
 * @param measure Measure name or alias.
 * @param X Responses of the first network.
 * @param Y Responses of the second network, same stimuli.
 * @param opts `permutations`, `seed`, `value`, and the measure's options.
 * @returns The test (tagged `permutationTest`), with `value` and `measure`.
 *
 * @example A related pair is significant under Procrustes
 * ```ts
 * import { permutationMeasure } from "./measure.ts";
 * import { randn } from "../random.ts";
 * import assert from "node:assert/strict";
 * const X = randn(20, 3, 2);
 * const Y = { ...X, data: X.data.map((v, i) => v + 0.2 * Math.cos(i)) };
 * const r = permutationMeasure("procrustes", X, Y, { permutations: 99 });
 * assert.equal(r.alternative, "less");
 * assert.equal(r.pValue, 0.01);
 * ```
 */
export function permutationMeasure(
  measure: string,
  X: unknown,
  Y: unknown,
  opts: MeasureInferenceOptions & { permutations?: number; seed?: number } = {},
): Readonly<PermutationResult & { kind: string; value: InferenceValue; measure: string }> {
  const context = "Cannot run permutation test";
  assertOptionsObject(opts, context);
  const { permutations, seed, ...rest } = opts;
  const p = setup(measure, rest, context, ["permutations", "seed"]);
  const [a, b] = sides(p, X, Y, context);
  const r = permutationTest(
    a.n,
    (perm) => (perm ? valueOf(p, X, b.take(perm)) : valueOf(p, X, Y)),
    {
      ...(permutations !== undefined ? { permutations } : {}),
      ...(seed !== undefined ? { seed } : {}),
      alternative: p.value === "distance" ? "less" : "greater",
    },
  );
  return withFields(r, { value: p.value, measure: p.measure.name });
}

/**
 * Compare several models against the same data with one measure: each model's
 * score with its CI, and every pairwise difference with a bootstrap test, all
 * on the same draws of stimuli.
 *
 * @param measure Measure name or alias.
 * @param data The reference responses (e.g. a brain area), stimuli first.
 * @param models Model name → responses to the same stimuli.
 * @param opts Bootstrap options (`scheme` as in {@link bootstrapMeasure}), `ceiling`, `value`,
 * and the measure's options.
 * @returns The comparison (tagged `modelComparison`).
 *
 * @example The model that is a noisy copy of the data scores higher
 * ```ts
 * import { compareModelsWith } from "./measure.ts";
 * import { randn } from "../random.ts";
 * import assert from "node:assert/strict";
 * const B = randn(40, 5, 3);
 * const near = { ...B, data: B.data.map((v, i) => v + 0.3 * Math.sin(7 * i)) };
 * const r = compareModelsWith("cka", B, { near, far: randn(40, 5, 4) }, { samples: 100 });
 * assert.ok(r.models[0]!.estimate > r.models[1]!.estimate);
 * assert.ok(r.differences[0]!.pValue < 0.05);
 * ```
 */
export function compareModelsWith(
  measure: string,
  data: unknown,
  models: Record<string, unknown>,
  opts: MeasureInferenceOptions & CompareModelsOptions = {},
): Readonly<ModelComparison & { kind: string }> {
  const context = "Cannot compare models";
  assertOptionsObject(opts, context);
  const { samples, seed, level, interval, minDistinct, ceiling, scheme, subsampleSize, ...rest } =
    opts;
  const p = setup(measure, rest, context, [...BOOTSTRAP_OPTIONS, "ceiling"]);
  const names = Object.keys(models);
  if (names.length === 0) throw new RangeError(`${context}: \`models\` must name at least 1 model`);
  const d = stimuliOf(p.measure.validate(data, "data", context), "data", context);
  const scores: Record<string, (draw: Int32Array | null) => number> = {};
  for (const name of names) {
    const names = ["data", `models.${name}`] as const;
    const [, m] = sides(p, data, models[name], context, names);
    scores[name] = (draw) =>
      draw ? valueOf(p, d.take(draw), m.take(draw), names) : valueOf(p, data, models[name], names);
  }
  return compareModels(d.n, scores, {
    samples,
    seed,
    level,
    interval,
    minDistinct: minDistinct ?? 3,
    scheme: stimulusScheme(
      scheme,
      interval,
      p.measure,
      d.n,
      subsampleSize,
      (draw) => names.forEach((name) => scores[name]!(draw)),
    ),
    subsampleSize,
    ...(ceiling !== undefined ? { ceiling } : {}),
  });
}

/** Options for {@link bootstrapMatrix}. */
export interface BootstrapMatrixOptions {
  /** Bootstrap samples. @default 100 */
  samples?: number;
  /** Seed of the draws. @default 0 */
  seed?: number;
  /** Workers of the pairwise engine for each draw. @default automatic */
  workers?: number;
  /**
   * How stimuli are drawn (SE = √f·SD for `subsample`, see `bootstrap.ts`).
   * @default "subsample", or "replacement" for measures with `halfSample: false` and for fewer than 6 stimuli
   */
  scheme?: ResampleScheme;
  /** Stimuli per `subsample` draw. @default ⌊n/2⌋ */
  subsampleSize?: number;
  /** Measure options. */
  [option: string]: unknown;
}

/**
 * The bootstrap SE of every entry of a pairwise matrix: the same stimulus draw
 * is applied to every network, the engine computes the matrix of each draw,
 * and each entry's SE is the sample SD of its values over draws (times √f for
 * half-samples, f = m/(n − m): 1 for even n).
 *
 * @param measure Measure name or alias.
 * @param inputs The networks (stimuli first, same stimuli).
 * @param opts `samples`, `seed`, `workers`, and the measure's options.
 * @returns The SE matrix [K, K] (zero diagonal), the draws used, and how stimuli were drawn.
 *
 * @example
 * ```ts
 * import { bootstrapMatrix } from "./measure.ts";
 * import { randn } from "../random.ts";
 * import assert from "node:assert/strict";
 * const nets = [randn(15, 3, 1), randn(15, 3, 2), randn(15, 2, 3)];
 * const { se } = await bootstrapMatrix("procrustes", nets, { samples: 20, workers: 1 });
 * assert.equal(se.data[0], 0);
 * assert.ok(se.data[1]! > 0 && se.data[1] === se.data[3]);
 * ```
 */
export async function bootstrapMatrix(
  measure: string,
  inputs: readonly unknown[],
  opts: BootstrapMatrixOptions = {},
): Promise<
  { se: Matrix; samples: number; seed: number; scheme: ResampleScheme; subsampleSize?: number }
> {
  const context = "Cannot bootstrap pairwise matrix";
  assertOptionsObject(opts, context);
  const { samples = 100, seed = 0, workers, subsampleSize, scheme: asked, ...given } = opts;
  if (!Number.isInteger(samples) || samples < 2) {
    throw new RangeError(`${context}: \`samples\` must be an integer >= 2: got ${samples}`);
  }
  const { measure: m } = getMeasure(measure);
  if (m.input === "timeSeries" || m.input === "drivenTimeSeries") {
    throw new RangeError(
      `${context}: measure ${m.name} compares time series, which have no stimuli to resample`,
    );
  }
  const views = inputs.map((x, i) =>
    stimuliOf(m.validate(x, `inputs[${i}]`, context), `inputs[${i}]`, context)
  );
  const n = views[0]?.n ?? 0;
  const scheme = stimulusScheme(asked, undefined, m, n, subsampleSize);
  const o = bootstrapOptions({ samples, seed, scheme, subsampleSize, minDistinct: 3 }, context);
  const K = views.length;
  const plan = drawPlan(n, o, context);
  const sums = new Float64Array(K * K), squares = new Float64Array(K * K);
  let used = 0;
  for (let k = 0; k < samples; k++) {
    const draw = plan.draw(k);
    if (distinctCount(draw) < 3) continue;
    const r = await pairwiseMatrix(views.map((v) => v.take(draw)), {
      measure,
      ...given,
      ...(workers !== undefined ? { workers } : {}),
    });
    used++;
    // plain sums of values and squares: matrix entries are O(1) and their SE is far above rounding
    for (let e = 0; e < K * K; e++) {
      const v = r.matrix.data[e]!;
      sums[e] += v;
      squares[e] += v * v;
    }
  }
  if (used < 2) throw new RangeError(`${context}: fewer than 2 usable draws of ${samples}`);
  const se = new Float64Array(K * K);
  for (let e = 0; e < K * K; e++) {
    const mean = sums[e]! / used;
    const variance = Math.max(0, (squares[e]! - used * mean * mean) / (used - 1));
    se[e] = Math.sqrt(plan.factor * variance);
  }
  for (let i = 0; i < K; i++) se[i * K + i] = 0;
  return {
    se: { rows: K, cols: K, data: se },
    samples: used,
    seed,
    scheme: plan.scheme,
    ...(plan.scheme === "subsample" ? { subsampleSize: plan.size } : {}),
  };
}

/**
 * A pairwise matrix result with its bootstrap standard errors attached (the
 * `se` of {@link bootstrapMatrix}): the same result kind, now carrying `se`
 * and `bootstrapSamples`, so its display shows `d ± se` in the heatmap's hover
 * titles with an SE heatmap beside, and its table (`toTable`) an `se` column.
 *
 * @param result A `pairwiseDistances` result (`pairwiseMatrix`, `pairwiseDistances`).
 * @param boot `{se, samples}` from {@link bootstrapMatrix} on the same inputs.
 * @returns A new tagged result (the input is left as it is).
 * @throws {TypeError} When `se` does not have the matrix's shape.
 *
 * @example
 * ```ts
 * import { bootstrapMatrix, withBootstrapSe } from "./measure.ts";
 * import { pairwiseMatrix } from "../pairwise/engine.ts";
 * import { randn } from "../random.ts";
 * import assert from "node:assert/strict";
 * const nets = [randn(15, 3, 1), randn(15, 3, 2), randn(15, 2, 3)];
 * const r = await pairwiseMatrix(nets, { measure: "procrustes", workers: 1 });
 * const b = await bootstrapMatrix("procrustes", nets, { samples: 10, workers: 1 });
 * const s = withBootstrapSe(r, b);
 * assert.equal(s.kind, "pairwiseDistances");
 * assert.equal(s.se.data[1], b.se.data[1]);
 * assert.equal(s.bootstrapSamples, 10);
 * ```
 */
export function withBootstrapSe<R extends { matrix: Matrix; kind: string }>(
  result: R,
  boot: { se: Matrix; samples: number },
): Readonly<R & { se: Matrix; bootstrapSamples: number }> {
  const { rows, cols } = result.matrix;
  if (boot.se.rows !== rows || boot.se.cols !== cols) {
    throw new TypeError(
      `Cannot attach bootstrap SE: \`se\` must have the matrix's shape [${rows}, ${cols}]: got [${boot.se.rows}, ${boot.se.cols}]`,
    );
  }
  const { kind, ...fields } = result;
  return tagResult(kind, { ...fields, se: boot.se, bootstrapSamples: boot.samples }) as Readonly<
    R & { se: Matrix; bootstrapSamples: number }
  >;
}

/** What a measure's bootstrap over subjects resamples. */
export type SubjectResample = "subjects" | "both";

/** Options for {@link bootstrapMeasureSubjects} and {@link compareModelsSubjects}. */
export interface SubjectInferenceOptions extends MeasureInferenceOptions, BootstrapOptions {
  /**
   * `subjects`: bootstrap the subjects (with replacement; `scheme` is not used); `both`:
   * subjects and stimuli together, `twoFactorBootstrap` with its variance correction (stimuli
   * drawn by `scheme`, half-samples by default). @default "subjects"
   */
  resample?: SubjectResample;
}

/** A measure's bootstrap over subjects: the one-factor or two-factor result and the per-subject values. */
export type SubjectBootstrap = Readonly<
  (BootstrapResult | TwoFactorResult) & {
    kind: string;
    value: InferenceValue;
    measure: string;
    resample: SubjectResample;
    subjects: number;
    perSubject: Float64Array;
  }
>;

/** One subject's sides (stimulus views), inputs and their names in messages. */
type SubjectPair = [Stimuli, Stimuli, unknown, unknown, Names];

/** Per-subject inputs: one input per subject, or one shared by every subject. */
function subjectPairs(
  p: Prepared,
  X: readonly unknown[],
  Y: readonly unknown[],
  context: string,
  names: readonly [string, string] = ["X", "Y"],
): { K: number; pairs: SubjectPair[] } {
  const [nx, ny] = names;
  for (const [name, side] of [[nx, X], [ny, Y]] as const) {
    if (!Array.isArray(side) || side.length === 0) {
      throw new TypeError(
        `${context}: \`${name}\` must be an array of inputs, one per subject (or one shared): got ${
          Array.isArray(side) ? "an empty array" : typeof side
        }`,
      );
    }
  }
  if (X.length !== Y.length && X.length !== 1 && Y.length !== 1) {
    throw new TypeError(
      `${context}: \`${nx}\` and \`${ny}\` must hold the same number of subjects (or one input shared by every subject): got ${X.length} and ${Y.length}`,
    );
  }
  const K = Math.max(X.length, Y.length);
  if (K < 2) {
    throw new RangeError(
      `${context}: \`${nx}\` or \`${ny}\` must hold at least 2 subjects to resample subjects: got ${K}`,
    );
  }
  const pairs: SubjectPair[] = [];
  let n = -1;
  for (let k = 0; k < K; k++) {
    const x = X[X.length === 1 ? 0 : k], y = Y[Y.length === 1 ? 0 : k];
    // in the measure's own errors (whose context does not say the subject), subject k's own
    // input is named by its index (`X[2]`), a shared one by its side
    const named = [
      X.length === 1 ? nx : `${nx}[${k}]`,
      Y.length === 1 ? ny : `${ny}[${k}]`,
    ] as const;
    const [a, b] = sides(p, x, y, `${context} (subject ${k})`, names);
    if (n >= 0 && a.n !== n) {
      throw new TypeError(
        `${context}: every subject must have the same stimuli: subject ${k} has ${a.n}, subject 0 has ${n}`,
      );
    }
    n = a.n;
    pairs.push([a, b, x, y, named]);
  }
  return { K, pairs };
}

/** The subjects' values on a draw of stimuli (null: all), cached per call. */
function subjectValues(p: Prepared, pairs: SubjectPair[]) {
  const full = Float64Array.from(pairs, ([, , x, y, names]) => valueOf(p, x, y, names));
  return {
    full,
    mean(subjects: Int32Array, stimuli: Int32Array | null): number {
      const cache = new Map<number, number>();
      let sum = 0;
      const all = stimuli === null || isEveryUnit(stimuli, pairs[0]![0].n);
      for (const s of subjects) {
        let v = all ? full[s]! : cache.get(s);
        if (v === undefined) {
          const [a, b, , , names] = pairs[s]!;
          v = valueOf(p, a.take(stimuli!), b.take(stimuli!), names);
          cache.set(s, v);
        }
        sum += v;
      }
      return sum / subjects.length;
    },
  };
}

/** Whether a sorted draw is every unit once. */
function isEveryUnit(draw: Int32Array, n: number): boolean {
  if (draw.length !== n) return false;
  for (let i = 0; i < n; i++) if (draw[i] !== i) return false;
  return true;
}

/**
 * Bootstrap a measure averaged over subjects: the statistic is the mean over
 * subjects k of measure(X_k, Y_k) (a side given as one input is shared by
 * every subject, e.g. a model against several subjects' recordings). With
 * `resample: "subjects"` the subjects are bootstrapped (BCa or percentile
 * interval over subjects); with `"both"`, subjects and stimuli together by
 * `twoFactorBootstrap` (corrected SE, normal interval).
 *
 * @param measure Measure name or alias.
 * @param X One input per subject, or `[input]` shared by every subject.
 * @param Y The same for the other side (same number of subjects, or one).
 * @param opts {@link SubjectInferenceOptions} and the measure's options.
 * @returns The result (tagged `bootstrap` or `twoFactorBootstrap`), with `value`, `measure`,
 * `resample`, `subjects` and `perSubject` (each subject's value on all stimuli).
 *
 * @example A model against five subjects
 * ```ts
 * import { bootstrapMeasureSubjects } from "./measure.ts";
 * import { randn } from "../random.ts";
 * import assert from "node:assert/strict";
 * const model = randn(30, 4, 1);
 * const subjects = [2, 3, 4, 5, 6].map((s) => {
 *   const noise = randn(30, 4, s);
 *   return { ...model, data: model.data.map((v, i) => v + 0.5 * noise.data[i]!) };
 * });
 * const r = bootstrapMeasureSubjects("cka", [model], subjects, { samples: 200 });
 * const mean = r.perSubject.reduce((a, v) => a + v, 0) / 5;
 * assert.equal(r.estimate, mean);
 * assert.equal(r.resample, "subjects");
 * assert.ok(r.se > 0 && r.ci[0] <= r.estimate && r.estimate <= r.ci[1]);
 * ```
 */
export function bootstrapMeasureSubjects(
  measure: string,
  X: readonly unknown[],
  Y: readonly unknown[],
  opts: SubjectInferenceOptions = {},
): SubjectBootstrap {
  const context = "Cannot bootstrap measure over subjects";
  assertOptionsObject(opts, context);
  const { resample, rest, overSubjects, twoFactor } = subjectResampling(opts, context);
  const p = setup(measure, rest, context, [...BOOTSTRAP_OPTIONS, "resample"]);
  const { K, pairs } = subjectPairs(p, X, Y, context);
  const values = subjectValues(p, pairs);
  const r = resample === "subjects"
    ? bootstrap(K, (d) => meanOver(values.full, d), overSubjects)
    : twoFactorBootstrap(
      K,
      pairs[0]![0].n,
      (s, c) => values.mean(s, c),
      twoFactor(p.measure, pairs[0]![0].n),
    );
  return withFields(r, {
    value: p.value,
    measure: p.measure.name,
    resample,
    subjects: K,
    perSubject: values.full,
  });
}

/**
 * Compare several models against the same subjects with one measure: each
 * model's score is the mean over subjects of measure(data_k, model), resampled
 * over subjects (`compareModels` on shared subject draws, BCa or percentile) or
 * over subjects and stimuli (`twoFactorBootstrap` of each score and of each
 * difference on the same draws; normal intervals and p = 2·(1 − Φ(|d − bias| / SE))).
 *
 * @param measure Measure name or alias.
 * @param data One input per subject (e.g. each subject's recording), stimuli first.
 * @param models Model name → responses to the same stimuli (shared by every subject).
 * @param opts {@link SubjectInferenceOptions}, `ceiling`, and the measure's options.
 * @returns The comparison (tagged `modelComparison`), with `resample` and `subjects`.
 *
 * @example The model close to every subject wins
 * ```ts
 * import { compareModelsSubjects } from "./measure.ts";
 * import { randn } from "../random.ts";
 * import assert from "node:assert/strict";
 * const truth = randn(30, 4, 1);
 * const data = [2, 3, 4, 5].map((s) => {
 *   const noise = randn(30, 4, s);
 *   return { ...truth, data: truth.data.map((v, i) => v + 0.4 * noise.data[i]!) };
 * });
 * const r = compareModelsSubjects("cka", data, { near: truth, far: randn(30, 4, 9) }, {
 *   samples: 200,
 * });
 * assert.equal(r.resample, "subjects");
 * assert.ok(r.models[0]!.estimate > r.models[1]!.estimate);
 * assert.ok(r.differences[0]!.pValue < 0.05);
 * ```
 */
export function compareModelsSubjects(
  measure: string,
  data: readonly unknown[],
  models: Record<string, unknown>,
  opts: SubjectInferenceOptions & { ceiling?: number } = {},
): Readonly<ModelComparison & { kind: string; resample: SubjectResample; subjects: number }> {
  const context = "Cannot compare models over subjects";
  assertOptionsObject(opts, context);
  const { ceiling, ...others } = opts;
  const { resample, rest, overSubjects, twoFactor } = subjectResampling(others, context);
  const p = setup(measure, rest, context, [...BOOTSTRAP_OPTIONS, "resample", "ceiling"]);
  const names = Object.keys(models);
  if (names.length === 0) throw new RangeError(`${context}: \`models\` must name at least 1 model`);
  const per = names.map((name) => {
    const { K, pairs } = subjectPairs(p, data, [models[name]], context, ["data", `models.${name}`]);
    return { K, n: pairs[0]![0].n, values: subjectValues(p, pairs) };
  });
  const { K, n } = per[0]!;
  if (per.some((m) => m.n !== n)) {
    throw new TypeError(
      `${context}: every model must have the data's ${n} stimuli: got ${per.map((m) => m.n)}`,
    );
  }
  const extra = { resample, subjects: K };
  if (resample === "subjects") {
    const r = compareModels(
      K,
      Object.fromEntries(
        names.map((name, i) => [name, (d: Int32Array | null) => meanOver(per[i]!.values.full, d)]),
      ),
      { ...overSubjects, ...(ceiling !== undefined ? { ceiling } : {}) },
    );
    return withFields(r, extra);
  }
  if (ceiling !== undefined && !(ceiling > 0 && Number.isFinite(ceiling))) {
    throw new RangeError(`${context}: \`ceiling\` must be a positive number: got ${ceiling}`);
  }
  const two = twoFactor(p.measure, n);
  const fits = per.map((m) => twoFactorBootstrap(K, n, (s, c) => m.values.mean(s, c), two));
  const modelScores: ModelScore[] = names.map((name, i) => {
    const f = fits[i]!;
    return {
      name,
      estimate: f.estimate,
      se: f.se,
      ci: f.ci,
      interval: "normal",
      ...(ceiling !== undefined ? { relative: f.estimate / ceiling } : {}),
      ...(f.warning ? { warning: f.warning } : {}),
    };
  });
  const differences: ModelDifference[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = per[i]!.values, b = per[j]!.values;
      const f = twoFactorBootstrap(K, n, (s, c) => a.mean(s, c) - b.mean(s, c), two);
      const z = Math.abs(f.estimate - f.bias) / f.se;
      differences.push({
        a: names[i]!,
        b: names[j]!,
        estimate: f.estimate,
        se: f.se,
        ci: f.ci,
        pValue: f.se > 0 ? Math.min(1, 2 * (1 - normalCdf(z))) : (f.estimate === f.bias ? 1 : 0),
      });
    }
  }
  return Object.freeze(tagResult("modelComparison", {
    models: modelScores,
    differences,
    ceiling: ceiling ?? null,
    interval: "normal" as const,
    level: fits[0]!.level,
    samples: bootstrapOptions({ samples: two.samples }, context).samples,
    seed: fits[0]!.seed,
    scheme: fits[0]!.scheme,
    ...(fits[0]!.scheme === "subsample" ? { subsampleSize: Math.floor(n / 2) } : {}),
    ...extra,
  }));
}

/**
 * A tagged result with more fields, tagged again: copying it with `Object.assign`
 * would drop its hidden Jupyter display method (it is not enumerable).
 */
function withFields<R extends { kind: string }, E extends object>(r: R, extra: E) {
  return tagResult(r.kind, { ...r, ...extra });
}

/**
 * Throw the clear error of `assertKnownOptions` for options that are not an object
 * (null, an array, a number). Their keys are checked later: the inference options by
 * the resampling, every other key against the measure's own options.
 */
function assertOptionsObject(opts: unknown, context: string): void {
  assertKnownOptions(
    opts,
    opts !== null && typeof opts === "object" ? Object.keys(opts) : [],
    context,
  );
}

/** The mean of `v` over the units of a draw (every unit for `null`), summed in draw order. */
function meanOver(v: Float64Array, d: Int32Array | null): number {
  let s = 0;
  if (d === null) {
    for (let k = 0; k < v.length; k++) s += v[k]!;
    return s / v.length;
  }
  for (let i = 0; i < d.length; i++) s += v[d[i]!]!;
  return s / d.length;
}

/**
 * The resampling options of {@link bootstrapMeasureSubjects} and {@link compareModelsSubjects},
 * split from the measure's: what is resampled (checked), the options of a bootstrap over
 * subjects, and those of the two-factor bootstrap for a measure on n stimuli.
 */
function subjectResampling(opts: SubjectInferenceOptions, context: string) {
  const {
    samples,
    seed,
    level,
    interval,
    minDistinct,
    scheme,
    subsampleSize,
    resample = "subjects",
    ...rest
  } = opts;
  if (resample !== "subjects" && resample !== "both") {
    throw new RangeError(`${context}: \`resample\` must be one of subjects, both: got ${resample}`);
  }
  // each resampling reads its own options: one it would not read is an error, not ignored
  const unread = resample === "subjects" ? { scheme, subsampleSize } : { interval };
  for (const [name, v] of Object.entries(unread)) {
    if (v === undefined) continue;
    throw new RangeError(
      resample === "subjects"
        ? `${context}: \`${name}\` applies to the stimulus draws of resample "both" (subjects are drawn with replacement): got ${name} ${v} with resample subjects`
        : `${context}: \`interval\` applies to resample "subjects" (the two-factor bootstrap's interval is normal): got interval ${v} with resample both`,
    );
  }
  return {
    resample,
    rest,
    overSubjects: { samples, seed, level, interval, minDistinct },
    twoFactor: (measure: Measure, n: number) => ({
      samples,
      seed,
      level,
      minDistinct: minDistinct ?? 3,
      scheme: stimulusScheme(scheme, undefined, measure, n, subsampleSize),
      subsampleSize,
    }),
  };
}
