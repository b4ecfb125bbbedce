/**
 * The eigenspectrum λ_i of a model representation and, when given, the
 * alignment W_i of the neural targets with its eigenmodes, on log–log axes
 * (Canatar, Feather, Wakhloo & Chung, NeurIPS 2023).
 *
 * @module
 */

import { asVector } from "../../display/check.ts";
import type { Figure } from "../../display/figure.ts";
import { formatNumber } from "../../display/format.ts";
import { CATEGORY_COLORS, type Swatch } from "../../display/legend.ts";
import { type ChartSeries, drawablePoints, droppedNote, seriesChart } from "./chart.ts";

/** What {@link plotSpectrum} draws: a `spectrum` or `spectralAlignment` result, or plain arrays. */
export interface SpectrumInput {
  /** λ_1 ≥ … ≥ λ_P (zeros past the rank). */
  readonly eigenvalues: ArrayLike<number>;
  /** W_full = [W_1…W_r, W_null, 0…], same length. @default not drawn */
  readonly weights?: ArrayLike<number>;
  /** Numerical rank r (index of the null mode in `weights`). @default number of positive λ */
  readonly rank?: number;
}

/** Options for {@link plotSpectrum}. */
export interface SpectrumPlotOptions {
  /** Figure title. @default "Eigenspectrum and alignment" (or "Eigenspectrum" without weights) */
  title?: string;
  /** Plot λ_i/Σλ, so the spectrum and W (which sums to 1) share one scale. @default true */
  normalize?: boolean;
  /** Chart width in pixels (legend extra). @default 560 */
  width?: number;
  /** Chart height in pixels. @default 340 */
  height?: number;
}

const CONTEXT = "Cannot plot spectrum";

/**
 * Plot λ_i (and W_i) against the mode index i on log–log axes. Zeros (λ past
 * the rank, modes without target power) cannot sit on a log axis: they are
 * left out and counted in the summary. The null-space mode W_null (target
 * power outside the span of the model) is drawn as one open dot at i = r + 1.
 *
 * @param input A `spectrum` or `spectralAlignment` result, a `spectralAnalysis`
 *   result (its `alignment`), or `{eigenvalues, weights?, rank?}`.
 * @param options Title, normalisation, size.
 * @returns A figure whose summary gives the rank, λ_1, the EDs and W_null.
 *
 * @example A power-law spectrum with a target on its first two modes
 * ```ts
 * import { plotSpectrum } from "./spectrum.ts";
 * import assert from "node:assert/strict";
 * const fig = plotSpectrum({ eigenvalues: [4, 2, 1, 0], weights: [0.5, 0.25, 0, 0.25], rank: 3 });
 * assert.match(fig.summary, /rank 3, λ_1 = 4, ED = 2.33/);
 * assert.match(fig.summary, /W_null \(out of span\) = 0.25/);
 * assert.match(fig.summary, /2 zero entries not drawn/);
 * ```
 */
export function plotSpectrum(
  input: SpectrumInput | { readonly alignment: SpectrumInput },
  options: SpectrumPlotOptions = {},
): Figure {
  const s = input && typeof input === "object" && "alignment" in input ? input.alignment : input;
  if (!s || typeof s !== "object" || !("eigenvalues" in s)) {
    throw new TypeError(
      `${CONTEXT}: \`input\` must be a spectrum or alignment result ({eigenvalues, weights?}): got ${
        s === null ? "null" : typeof s
      }`,
    );
  }
  const lam = asVector(s.eigenvalues, "eigenvalues", CONTEXT);
  const P = lam.length;
  if (P === 0) throw new RangeError(`${CONTEXT}: \`eigenvalues\` must not be empty`);
  const W = s.weights === undefined ? undefined : asVector(s.weights, "weights", CONTEXT);
  if (W && W.length !== P) {
    throw new TypeError(
      `${CONTEXT}: \`weights\` must have ${P} entries like \`eigenvalues\`: got ${W.length}`,
    );
  }
  const bad = W ? W.findIndex((v) => v < 0) : -1;
  if (bad >= 0) {
    throw new RangeError(`${CONTEXT}: \`weights\` must be >= 0: got ${W![bad]} at index ${bad}`);
  }
  const rank = s.rank ?? lam.filter((v) => v > 0).length;
  if (!Number.isInteger(rank) || rank < 0 || rank > P) {
    throw new RangeError(`${CONTEXT}: \`rank\` must be an integer in [0, ${P}]: got ${rank}`);
  }
  const {
    normalize = true,
    width = 560,
    height = 340,
    title = W ? "Eigenspectrum and alignment" : "Eigenspectrum",
  } = options;
  const modes = Array.from({ length: P }, (_, i) => i + 1);
  const l = drawablePoints({ x: modes, eigenvalues: lam }, ["eigenvalues"], CONTEXT);
  let total = 0, total2 = 0;
  for (const v of lam) [total, total2] = [total + v, total2 + v * v];
  if (!(total > 0)) throw new RangeError(`${CONTEXT}: \`eigenvalues\` must not all be zero`);
  const scale = normalize ? 1 / total : 1;
  const series: ChartSeries[] = [{
    x: l.columns.x!,
    y: l.columns.eigenvalues!.map((v) => v * scale),
    color: CATEGORY_COLORS[0]!,
  }];
  const lamName = normalize ? "λᵢ / Σλ (model)" : "λᵢ (model)";
  const legend: Swatch[] = [{ label: lamName, color: CATEGORY_COLORS[0]!, shape: "line" }];
  let summary = `${title}: ${P} modes (log x, log y): rank ${rank}, λ_1 = ${
    formatNumber(lam[0]!)
  }, ED = ${formatNumber((total * total) / total2, 3)}`;
  let dropped = l.dropped;
  if (W) {
    const inSpan = W.slice(0, rank);
    const w = drawablePoints({ x: modes.slice(0, rank), weights: inSpan }, ["weights"], CONTEXT);
    const wNull = rank < P ? W[rank]! : 0;
    dropped += w.dropped + W.subarray(rank).filter((v) => v === 0).length;
    series.push({ x: w.columns.x!, y: w.columns.weights!, color: CATEGORY_COLORS[1]! });
    legend.push({ label: "Wᵢ (target alignment)", color: CATEGORY_COLORS[1]!, shape: "line" });
    let wSum = 0, wSum2 = 0;
    for (const v of W) [wSum, wSum2] = [wSum + v, wSum2 + v * v];
    summary += `; alignment ED = ${formatNumber(wSum2 > 0 ? (wSum * wSum) / wSum2 : 0, 3)}`;
    summary += `, W_null (out of span) = ${formatNumber(wNull, 3)}`;
    if (wNull > 0) {
      series.push({
        x: [rank + 1],
        y: [wNull],
        color: CATEGORY_COLORS[1]!,
        line: false,
        dots: "open",
      });
      legend.push({ label: "W_null (out of span)", color: CATEGORY_COLORS[1]!, shape: "ring" });
    }
  }
  summary += droppedNote(dropped, "zero entries");
  return seriesChart(series, {
    title,
    summary,
    xLabel: "mode i",
    yLabel: W ? (normalize ? "λᵢ / Σλ,  Wᵢ" : "λᵢ,  Wᵢ") : (normalize ? "λᵢ / Σλ" : "λᵢ"),
    logX: true,
    logY: true,
    width,
    height,
    legend,
  });
}
