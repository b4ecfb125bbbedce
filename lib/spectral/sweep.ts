/**
 * The spectral analysis over a list of layers (or models) against one neural
 * data set, in one call, as one tidy table: a row per (layer, p).
 *
 * @module
 */

import type { MatrixLike } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { type AnalysisOptions, type AnalysisResult, analysisValues } from "./analysis.ts";
import { ANALYSIS_OPTION_KEYS } from "./option_keys.ts";
import { checkOptionNames } from "../validate/options.ts";

/** SweepLayers as `[{name, X}]` (kept in order) or an object `{name: X}`. */
export type SweepLayers =
  | readonly { name: string; X: MatrixLike }[]
  | Readonly<Record<string, MatrixLike>>;

/** Options for {@link layerSweep}. */
export interface SweepOptions extends AnalysisOptions {
  /** Also return each layer's full analysis in `details`. @default false */
  details?: boolean;
}

/** One row of the tidy table: one layer at one training-set size. */
export interface SweepRow {
  /** Layer name. */
  layer: string;
  /** Position of the layer in the input (0-based). */
  layerIndex: number;
  /** Training-set size. */
  p: number;
  /** Theory: E_g, E_tr, R_em, D_em, κ, γ at p. */
  Eg: number;
  /** Theory: training error E_tr. */
  Etr: number;
  /** Theory: R_em. */
  Rem: number;
  /** Theory: D_em. */
  Dem: number;
  /** Theory: κ. */
  kappa: number;
  /** Theory: γ. */
  gamma: number;
  /** Empirical pooled errors at p (mean over subsets; null without the empirical curve). */
  genError: number | null;
  /** Empirical held-out error (null without the empirical curve). */
  testError: number | null;
  /** Empirical training error (null without the empirical curve). */
  trainError: number | null;
  /** Empirical held-out R² and Pearson r, mean over neurons (null without the empirical curve). */
  testR2: number | null;
  /** Empirical held-out Pearson r, mean over neurons (null without the empirical curve). */
  testPearson: number | null;
  /** Per-layer quantities, repeated on each of the layer's rows. */
  rank: number;
  /** Number of model features. */
  M: number;
  /** Effective dimensionality of the model spectrum. */
  edModel: number;
  /** Effective dimensionality of the task-model alignment. */
  edAlignment: number;
  /** Effective dimensionality of the neural responses. */
  edNeural: number;
  /** Fraction of the neural power outside the model's span. */
  outOfSpan: number;
}

/** Result of {@link layerSweep}. */
export interface SweepResult {
  /** Number of stimuli P (shared by every layer and the targets). */
  P: number;
  /** Layer names in order. */
  layers: string[];
  /** The tidy table, layer-major then p. */
  rows: SweepRow[];
  /** Each layer's full analysis (when `details`). */
  details?: AnalysisResult[];
}

const meanOf = (a: readonly number[]) => a.reduce((u, v) => u + v, 0) / a.length;

/**
 * Spectral analysis of every layer against the same neural responses Y,
 * gathered into one tidy table (a row per layer and training-set size).
 *
 * @param layers `[{name, X}]` or `{name: X}`; each X: [P stimuli, M_layer features].
 * @param Y Neural responses [P stimuli, N neurons].
 * @param options Analysis options (the same `ps`, ridge and seed for every layer) and `details`.
 * @returns A `spectralSweep` result `{layers, rows, details?}`.
 *
 * @example Two layers, two training-set sizes: four rows
 * ```ts
 * import { layerSweep } from "./sweep.ts";
 * import assert from "node:assert/strict";
 * const Y = [[1], [2], [0], [4], [3], [1]];
 * const s = layerSweep({
 *   conv1: [[1, 0], [0, 1], [1, 1], [2, -1], [0, 3], [1, 2]],
 *   conv2: [[1], [2], [0], [4], [3], [1.5]],
 * }, Y, { ps: [2, 4], subsets: 2 });
 * assert.deepEqual(s.rows.map((r) => [r.layer, r.p]), [["conv1", 2], ["conv1", 4], ["conv2", 2], ["conv2", 4]]);
 * ```
 */
export function layerSweep(
  layers: SweepLayers,
  Y: MatrixLike,
  options: SweepOptions = {},
): Readonly<SweepResult & { kind: string }> {
  const ctx = "Cannot run layer sweep";
  checkOptionNames(
    options,
    Object.keys(
      { ...ANALYSIS_OPTION_KEYS, details: 1 } satisfies Record<keyof SweepOptions, 1>,
    ),
    ctx,
    ["center", "empirical", "modes", "details"],
  );
  const list = Array.isArray(layers)
    ? (layers as readonly { name: string; X: MatrixLike }[])
    : layers && typeof layers === "object"
    ? Object.entries(layers as Record<string, MatrixLike>).map(([name, X]) => ({ name, X }))
    : null;
  if (!list || list.length === 0) {
    throw new TypeError(
      `${ctx}: \`layers\` must be a non-empty array of {name, X} or an object of matrices`,
    );
  }
  list.forEach((l, i) => {
    if (!l || typeof l.name !== "string" || l.X === undefined) {
      throw new TypeError(`${ctx}: \`layers[${i}]\` must be {name: string, X: matrix}`);
    }
  });
  const { details = false, onProgress, ...analysis } = options;
  const rows: SweepRow[] = [];
  const kept: AnalysisResult[] = [];
  let P = 0;
  list.forEach(({ name, X }, layerIndex) => {
    let r: AnalysisResult;
    try {
      r = analysisValues(X, Y, {
        ...analysis,
        modes: details && (analysis.modes ?? true),
        onProgress: onProgress &&
          ((q) =>
            onProgress({ done: layerIndex * q.total + q.done, total: list.length * q.total })),
      });
    } catch (e) {
      const err = e as Error;
      const Ctor = err instanceof RangeError
        ? RangeError
        : err instanceof TypeError
        ? TypeError
        : Error;
      throw new Ctor(`${ctx}: layer \`${name}\`: ${err.message}`);
    }
    const { alignment: a, theory: t, empirical: e } = r;
    P = a.P;
    t.ps.forEach((p, k) => {
      rows.push({
        layer: name,
        layerIndex,
        p,
        Eg: t.Eg[k]!,
        Etr: t.Etr[k]!,
        Rem: t.Rem[k]!,
        Dem: t.Dem[k]!,
        kappa: t.kappa[k]!,
        gamma: t.gamma[k]!,
        genError: e ? e.gen.error[k]! : null,
        testError: e ? e.test.error[k]! : null,
        trainError: e ? e.train.error[k]! : null,
        testR2: e ? meanOf(e.test.r2[k]!) : null,
        testPearson: e ? meanOf(e.test.pearson[k]!) : null,
        rank: a.rank,
        M: a.M,
        edModel: a.edModel,
        edAlignment: a.edAlignment,
        edNeural: a.edNeural,
        outOfSpan: a.outOfSpan,
      });
    });
    if (details) kept.push(r);
  });
  const result: SweepResult = { P, layers: list.map((l) => l.name), rows };
  if (details) result.details = kept;
  return tagResult("spectralSweep", result);
}
