/**
 * Heatmap of a DMD sweep (`sweepDmd`): one score over numbers of delays × ranks,
 * with the chosen cell named in the title.
 *
 * @module
 */

import type { DmdSweepResult } from "../../dynamics/sweep.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import type { Figure } from "../../display/figure.ts";
import { formatNumber } from "../../display/format.ts";
import { plotHeatmap } from "../../display/heatmap.ts";

/** Options for {@link plotDmdSweep}. */
export interface DmdSweepPlotOptions {
  /** Score shown: `"mase"`, `"nmse"`, `"r2"` or `"aic"`. @default the sweep's criterion */
  metric?: "mase" | "nmse" | "r2" | "aic";
  /** Title. @default "DMD sweep: <metric> (held-out)" with the chosen cell */
  title?: string;
}

/** What the figure reads from a sweep result (plain JSON works too). */
export interface DmdSweepLike {
  /** Rows of the grid. */
  nDelays: readonly number[];
  /** Columns of the grid. */
  ranks: readonly number[];
  /** Cells row-major over nDelays × ranks. */
  cells: readonly Partial<Record<"mase" | "nmse" | "r2" | "aic", number>>[];
  /** Chosen cell. */
  best: { nDelays: number; rank: number };
  /** Criterion that chose it. */
  criterion: string;
}

/**
 * The scores of a DMD sweep as a heatmap, rows = number of delays, columns = rank.
 *
 * @param sweep A `sweepDmd` result (or its JSON).
 * @param options Metric and title.
 * @returns The figure.
 *
 * @example
 * ```ts
 * import { plotDmdSweep } from "./sweep.ts";
 * import assert from "node:assert/strict";
 * const cell = (nDelays: number, rank: number, mase: number) => ({ nDelays, rank, mase });
 * const fig = plotDmdSweep({
 *   nDelays: [1, 2], ranks: [2, 4], criterion: "mase", best: { nDelays: 2, rank: 4 },
 *   cells: [cell(1, 2, 0.9), cell(1, 4, 0.8), cell(2, 2, 0.5), cell(2, 4, 0.1)],
 * });
 * assert.match(fig.svg, /^<svg/);
 * assert.match(fig.summary, /2 × 2/);
 * ```
 */
export function plotDmdSweep(sweep: DmdSweepLike, options: DmdSweepPlotOptions = {}): Figure {
  const metric = options.metric ?? (sweep.criterion as "mase");
  const m = sweep.nDelays.length, n = sweep.ranks.length;
  if (sweep.cells.length !== m * n) {
    throw new TypeError(
      `Cannot plot DMD sweep: \`cells\` must hold nDelays × ranks = ${
        m * n
      } cells: got ${sweep.cells.length}`,
    );
  }
  const values = sweep.cells.map((c) => c[metric]);
  if (values.some((v) => typeof v !== "number")) {
    throw new RangeError(
      `Cannot plot DMD sweep: \`metric\` is not a score of the cells: got ${metric}`,
    );
  }
  // a non-finite score (a diverging forecast, an undefined ratio) has no colour: the
  // heatmap draws it grey, labelled ∞, −∞ or n/a, outside the colour domain
  const rows = Array.from({ length: m }, (_, i) => values.slice(i * n, (i + 1) * n) as number[]);
  const label = metric === "r2" ? "R²" : metric.toUpperCase();
  return plotHeatmap(rows, {
    title: options.title ??
      `DMD sweep: ${label} (held-out${
        metric === "aic" ? ": training AIC" : ""
      }); chosen D = ${sweep.best.nDelays}, r = ${sweep.best.rank} by ${sweep.criterion}`,
    rowLabels: sweep.nDelays.map((d) => `D=${formatNumber(d)}`),
    colLabels: sweep.ranks.map((r) => `r=${formatNumber(r)}`),
    legendLabel: label,
    scheme: metric === "r2" ? "viridis" : "magma",
    missing: "nonFinite",
  });
}

registerView("dmdSweep", (r: DmdSweepResult) => {
  const scores = r.cells.map((c) => c[r.criterion]);
  const bad = scores.filter((v) => !Number.isFinite(v)).length;
  return renderResult({
    title: `DMD sweep over ${r.nDelays.length} delay counts × ${r.ranks.length} ranks`,
    fields: {
      chosen: `${r.best.nDelays} delays, rank ${r.best.rank} (by ${r.criterion})`,
      split: `${r.split}, held-out fraction ${r.testFraction}`,
      "steps ahead": r.steps,
      ...(bad ? { "not finite": `${bad} of ${scores.length} cells' ${r.criterion} (grey)` } : {}),
    },
    table: r.cells.map((c) => ({ ...c })),
    figure: plotDmdSweep(r),
  });
});
