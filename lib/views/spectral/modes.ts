/**
 * Error modes W̃_i(p) = W_i·E_i(p) of the theoretical learning curve against
 * the mode index, for several training-set sizes: as p grows the error moves
 * to higher modes (Canatar, Feather, Wakhloo & Chung, NeurIPS 2023).
 *
 * @module
 */

import type { Figure } from "../../display/figure.ts";
import { formatNumber } from "../../display/format.ts";
import { CATEGORY_COLORS, type Swatch } from "../../display/legend.ts";
import { type ChartSeries, drawablePoints, droppedNote, seriesChart } from "./chart.ts";

/** What {@link plotErrorModes} reads: a `spectralTheory` result computed with `modes: true`. */
export interface ErrorModesInput {
  /** Training-set sizes. */
  readonly ps: readonly number[];
  /** E_g(p). */
  readonly Eg: readonly number[];
  /** W̃_i(p), [ps][P]. */
  readonly errorModes?: readonly (readonly number[])[];
  /** Number of positive eigenvalues r (mode r + 1 is the null-space mode). @default unknown */
  readonly rank?: number;
}

/** Options for {@link plotErrorModes}. */
export interface ErrorModesOptions {
  /** Figure title. @default "Error modes W̃ᵢ(p)" */
  title?: string;
  /** Training-set sizes to draw (values of `theory.ps`). @default `count` spread over `theory.ps` */
  ps?: readonly number[];
  /** How many sizes to draw when `ps` is not given. @default 4 */
  count?: number;
  /**
   * Numerical rank r: mode r + 1 is the null-space mode, drawn as an open dot.
   * @default the alignment's rank with an analysis result, else `theory.rank`, else none
   */
  rank?: number;
  /** Chart width in pixels (legend extra). @default 560 */
  width?: number;
  /** Chart height in pixels. @default 340 */
  height?: number;
}

const CONTEXT = "Cannot plot error modes";

/**
 * Plot W̃_i(p) against the mode index i on log–log axes, one line per p.
 * Modes with W̃_i = 0 (no target power there) cannot sit on a log axis and are
 * left out and counted.
 *
 * @param theory A `spectralTheory` result with `errorModes`, or a
 *   `spectralAnalysis` result (its theory, and the alignment's rank).
 * @param options Which p, the rank, title and size.
 * @returns A figure whose summary gives, per p, E_g, the peak mode and the
 *   mode by which half the error is reached.
 *
 * @example The error moves to higher modes as p grows
 * ```ts
 * import { plotErrorModes } from "./modes.ts";
 * import assert from "node:assert/strict";
 * const fig = plotErrorModes({
 *   ps: [1, 10],
 *   Eg: [0.9, 0.3],
 *   errorModes: [[0.5, 0.3, 0.1], [0.04, 0.1, 0.16]],
 * });
 * assert.match(fig.summary, /p = 1: E_g = 0.9, peak at mode 1, half the error by mode 1/);
 * assert.match(fig.summary, /p = 10: E_g = 0.3, peak at mode 3, half the error by mode 3/);
 * ```
 */
export function plotErrorModes(
  theory: ErrorModesInput | {
    readonly theory: ErrorModesInput;
    readonly alignment: { readonly rank: number };
  },
  options: ErrorModesOptions = {},
): Figure {
  const both = theory && typeof theory === "object" && "theory" in theory ? theory : undefined;
  const t = both ? both.theory : theory as ErrorModesInput;
  const {
    title = "Error modes W̃ᵢ(p)",
    count = 4,
    rank = both?.alignment.rank ?? t?.rank,
    width = 560,
    height = 340,
  } = options;
  if (!t || typeof t !== "object" || !Array.isArray(t.ps)) {
    throw new TypeError(`${CONTEXT}: \`theory\` must be a spectralTheory result`);
  }
  if (!t.errorModes) {
    throw new TypeError(
      `${CONTEXT}: \`theory.errorModes\` is missing: compute the theory with \`modes: true\``,
    );
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`${CONTEXT}: \`count\` must be an integer >= 1: got ${count}`);
  }
  const n = t.ps.length;
  const picked = options.ps
    ? options.ps.map((p) => {
      const k = t.ps.indexOf(p);
      if (k < 0) {
        throw new RangeError(
          `${CONTEXT}: \`ps\` must be values of \`theory.ps\` (${t.ps.join(", ")}): got ${p}`,
        );
      }
      return k;
    })
    : [
      ...new Set(
        Array.from(
          { length: Math.min(count, n) },
          (_, j) => count === 1 ? n - 1 : Math.round((j * (n - 1)) / (Math.min(count, n) - 1 || 1)),
        ),
      ),
    ];
  const series: ChartSeries[] = [];
  const legend: Swatch[] = [];
  const lines: string[] = [];
  let dropped = 0;
  picked.forEach((k, j) => {
    const Wt = t.errorModes![k]!;
    const P = Wt.length;
    const r = rank ?? P;
    if (!Number.isInteger(r) || r < 0 || r > P) {
      throw new RangeError(`${CONTEXT}: \`rank\` must be an integer in [0, ${P}]: got ${r}`);
    }
    const color = CATEGORY_COLORS[j % CATEGORY_COLORS.length]!;
    const modes = Array.from({ length: r }, (_, i) => i + 1);
    const d = drawablePoints({ x: modes, y: Wt.slice(0, r) }, ["x", "y"], CONTEXT);
    dropped += d.dropped;
    series.push({ x: d.columns.x!, y: d.columns.y!, color });
    const p = t.ps[k]!;
    legend.push({ label: `p = ${formatNumber(p)}`, color, shape: "line" });
    let line = `p = ${formatNumber(p)}: E_g = ${formatNumber(t.Eg[k]!, 3)}`;
    let peak = 0, total = 0;
    for (let i = 0; i < r; i++) {
      if (Wt[i]! > Wt[peak]!) peak = i;
      total += Wt[i]!;
    }
    let cum = Wt[0] ?? 0, half = 0;
    while (half < r - 1 && cum < total / 2) cum += Wt[++half]!;
    if (total > 0) line += `, peak at mode ${peak + 1}, half the error by mode ${half + 1}`;
    const wNull = r < P ? Wt[r]! : 0;
    if (wNull > 0) {
      const z = drawablePoints({ x: [r + 1], y: [wNull] }, ["y"], CONTEXT);
      if (z.dropped === 0) {
        series.push({ x: [r + 1], y: [wNull], color, line: false, dots: "open" });
      }
      line += `, null mode ${formatNumber(wNull, 3)}`;
    }
    lines.push(line);
  });
  if (series.some((s) => s.dots === "open")) {
    legend.push({ label: "null-space mode", color: "#666", shape: "ring" });
  }
  const summary = `${title} (log x, log y) at ${picked.length} training-set sizes${
    droppedNote(dropped, "zero error modes")
  }\n${lines.join("\n")}`;
  return seriesChart(series, {
    title,
    summary,
    xLabel: "mode i",
    yLabel: "W̃ᵢ(p) = Wᵢ·Eᵢ(p)",
    logX: true,
    logY: true,
    width,
    height,
    legend,
  });
}
