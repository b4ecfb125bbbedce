/**
 * Inference for every registered measure: bootstrap over stimuli (the first
 * axis of every input: rows of response matrices, stimuli of stochastic
 * responses, images of conv layers), permutation tests that permute one side's
 * stimuli, model comparison on shared draws, and bootstrap SE matrices for the
 * pairwise engine. A draw with repeated stimuli keeps the repeats (the usual
 * nonparametric bootstrap of the rows).
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
import type { Measure, OptionValue } from "../measures/types.ts";
import { pairwiseMatrix } from "../pairwise/engine.ts";
import type { Matrix } from "../linalg/matrix.ts";
import { bootstrap, type BootstrapOptions, type BootstrapResult } from "./bootstrap.ts";
import {
  compareModels,
  type CompareModelsOptions,
  type ModelComparison,
} from "./compare_models.ts";
import { type PermutationResult, permutationTest } from "./permutation.ts";
import { bootstrapDraw, distinctCount, drawRng } from "./resample.ts";

/** Which value of a measure is resampled. */
export type InferenceValue = "distance" | "similarity";

/** Options shared by the measure inference functions: the measure's own options and `value`. */
export interface MeasureInferenceOptions {
  /** Resample the distance or the similarity. @default the similarity when the measure has one */
  value?: InferenceValue;
  /** Measure options (see `listMeasures()`). */
  [option: string]: unknown;
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

function setup(measure: string, opts: MeasureInferenceOptions, context: string): Prepared {
  const { value, ...given } = opts;
  const { measure: m } = resolveOptions(measure, given as Record<string, OptionValue>, context);
  if (m.input === "timeSeries" || m.input === "drivenTimeSeries") {
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

function valueOf(p: Prepared, X: unknown, Y: unknown): number {
  const r = compareWith(p.name, X, Y, p.given);
  return (p.value === "distance" ? r.distance : r.similarity)!;
}

function sides(p: Prepared, X: unknown, Y: unknown, context: string): [Stimuli, Stimuli] {
  const a = stimuliOf(p.measure.validate(X, "X", context), "X", context);
  const b = stimuliOf(p.measure.validate(Y, "Y", context), "Y", context);
  if (a.n !== b.n) {
    throw new TypeError(
      `${context}: \`X\` and \`Y\` must have the same stimuli: got ${a.n} and ${b.n}`,
    );
  }
  return [a, b];
}

/**
 * Bootstrap a measure over stimuli: SE and CI of its similarity (or distance).
 *
 * @param measure Measure name or alias (see `listMeasures()`).
 * @param X Responses of the first network (stimuli first).
 * @param Y Responses of the second network, same stimuli.
 * @param opts Bootstrap options (`samples`, `seed`, `level`, `interval`), `value`, and the
 * measure's options.
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
 * assert.ok(r.ci[0] <= r.estimate && r.estimate <= r.ci[1] && r.se > 0);
 * ```
 */
export function bootstrapMeasure(
  measure: string,
  X: unknown,
  Y: unknown,
  opts: MeasureInferenceOptions & BootstrapOptions = {},
): Readonly<BootstrapResult & { kind: string; value: InferenceValue; measure: string }> {
  const context = "Cannot bootstrap measure";
  const { samples, seed, level, interval, minDistinct, ...rest } = opts;
  const p = setup(measure, rest, context);
  const [a, b] = sides(p, X, Y, context);
  const r = bootstrap(
    a.n,
    (d) => (d ? valueOf(p, a.take(d), b.take(d)) : valueOf(p, X, Y)),
    { samples, seed, level, interval, minDistinct: minDistinct ?? 3 },
  );
  return Object.freeze(Object.assign(Object.create(Object.getPrototypeOf(r)), r, {
    value: p.value,
    measure: p.measure.name,
  }));
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
  const { permutations, seed, ...rest } = opts;
  const p = setup(measure, rest, context);
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
  return Object.freeze(Object.assign(Object.create(Object.getPrototypeOf(r)), r, {
    value: p.value,
    measure: p.measure.name,
  }));
}

/**
 * Compare several models against the same data with one measure: each model's
 * score with its CI, and every pairwise difference with a bootstrap test, all
 * on the same draws of stimuli.
 *
 * @param measure Measure name or alias.
 * @param data The reference responses (e.g. a brain area), stimuli first.
 * @param models Model name → responses to the same stimuli.
 * @param opts Bootstrap options, `ceiling`, `value`, and the measure's options.
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
  const { samples, seed, level, interval, minDistinct, ceiling, ...rest } = opts;
  const p = setup(measure, rest, context);
  const names = Object.keys(models);
  if (names.length === 0) throw new RangeError(`${context}: \`models\` must name at least 1 model`);
  const d = stimuliOf(p.measure.validate(data, "data", context), "data", context);
  const scores: Record<string, (draw: Int32Array | null) => number> = {};
  for (const name of names) {
    const [, m] = sides(p, data, models[name], context);
    scores[name] = (draw) =>
      draw ? valueOf(p, d.take(draw), m.take(draw)) : valueOf(p, data, models[name]);
  }
  return compareModels(d.n, scores, {
    samples,
    seed,
    level,
    interval,
    minDistinct: minDistinct ?? 3,
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
  /** Measure options. */
  [option: string]: unknown;
}

/**
 * The bootstrap SE of every entry of a pairwise matrix: the same stimulus draw
 * is applied to every network, the engine computes the matrix of each draw,
 * and each entry's SE is the sample SD of its values over draws.
 *
 * @param measure Measure name or alias.
 * @param inputs The networks (stimuli first, same stimuli).
 * @param opts `samples`, `seed`, `workers`, and the measure's options.
 * @returns The SE matrix [K, K] (zero diagonal) and the draws used.
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
): Promise<{ se: Matrix; samples: number; seed: number }> {
  const context = "Cannot bootstrap pairwise matrix";
  const { samples = 100, seed = 0, workers, ...given } = opts;
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
  const K = views.length;
  const sums = new Float64Array(K * K), squares = new Float64Array(K * K);
  let used = 0;
  for (let k = 0; k < samples; k++) {
    const draw = bootstrapDraw(n, drawRng(seed, k));
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
    se[e] = Math.sqrt(Math.max(0, (squares[e]! - used * mean * mean) / (used - 1)));
  }
  for (let i = 0; i < K; i++) se[i * K + i] = 0;
  return { se: { rows: K, cols: K, data: se }, samples: used, seed };
}
