/**
 * The view of a measure sensitivity study (`measureSensitivity`, from
 * `measureSensitivity()` in `lib/measures/`): a measures × perturbations
 * heatmap of each measure's normalised change, and a table of the raw values.
 * Importing this module registers the renderer.
 *
 * @module
 */

import type { MeasureSensitivity } from "../../measures/sensitivity.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import type { Figure } from "../../display/figure.ts";
import { plotHeatmap } from "../../display/heatmap.ts";

/** Options for {@link plotMeasureSensitivity}. */
export interface PlotMeasureSensitivityOptions {
  /** Figure title. @default "Which measure? Response of each measure to perturbations of one network" */
  title?: string;
  /** Plot colour scheme name. @default "viridis" */
  scheme?: string;
}

/** Row label: the measure and the direction of its reported value. */
function rowLabel(r: { measure: string; returns: string }): string {
  return `${r.measure} (${r.returns === "distance" ? "distance" : "similarity"})`;
}

/**
 * Heatmap of a measure sensitivity study: one row per measure, one column per
 * perturbation; the colour and the printed number are the measure's change
 * towards "less alike" (distance up, similarity down) as a fraction of its
 * largest change over the columns (0 = as for an identical copy), to two decimals.
 *
 * @param result A `measureSensitivity` result.
 * @param options Title, colours.
 * @returns The figure.
 *
 * @example
 * ```ts
 * import { plotMeasureSensitivity } from "./sensitivity.ts";
 * import { measureSensitivity } from "../../measures/sensitivity.ts";
 * import "../../measures/all.ts";
 * import { randn } from "../../random.ts";
 * import assert from "node:assert/strict";
 * const r = measureSensitivity(randn(30, 3, 1), { measures: ["cka", "mutual-knn"], noise: [0.5] });
 * const fig = plotMeasureSensitivity(r);
 * assert.match(fig.svg, /mutual-knn \(similarity\)/);
 * assert.match(fig.summary, /2 measures × 7 perturbations/);
 * ```
 */
export function plotMeasureSensitivity(
  result: MeasureSensitivity,
  options: PlotMeasureSensitivityOptions = {},
): Figure {
  const {
    title = "Which measure? Response of each measure to perturbations of one network",
    scheme = "viridis",
  } = options;
  const { rows, perturbations } = result;
  // shown to two decimals (the raw values are in the result and its table)
  const shown = rows.map((r) => r.change.map((v) => Math.round(v * 100) / 100));
  const fig = plotHeatmap(shown, {
    title,
    rowLabels: rows.map(rowLabel),
    colLabels: perturbations,
    domain: [0, 1],
    scheme,
    showValues: true,
    digits: 2,
    cellSize: 38,
    legendLabel: "change towards less alike (1 = the measure's largest)",
  });
  return {
    ...fig,
    summary: `${rows.length} measures × ${perturbations.length} perturbations of one [${
      result.shape.join(" × ")
    }] network: each measure's change towards less alike (distance up, similarity down), 0 = as for an identical copy, 1 = its largest change. ${fig.summary}`,
  };
}

/**
 * The raw values of a sensitivity study as table rows: measure, what it
 * reports, its value for the identical pair and for each perturbation.
 *
 * @param result A `measureSensitivity` result.
 * @returns One row per measure.
 *
 * @example
 * ```ts
 * import { sensitivityRows } from "./sensitivity.ts";
 * import { measureSensitivity } from "../../measures/sensitivity.ts";
 * import "../../measures/all.ts";
 * import { randn } from "../../random.ts";
 * import assert from "node:assert/strict";
 * const rows = sensitivityRows(measureSensitivity(randn(30, 3, 1), { measures: ["cka"] }));
 * assert.ok(Math.abs(rows[0]!.rotation as number) < 1e-12);
 * ```
 */
export function sensitivityRows(result: MeasureSensitivity): Record<string, string | number>[] {
  return result.rows.map((r) => ({
    measure: r.measure,
    reports: r.returns === "distance" ? "distance (0 = same)" : "similarity (1 = same)",
    identical: r.identical,
    ...Object.fromEntries(result.perturbations.map((p, k) => [p, r.values[k]!])),
  }));
}

registerView("measureSensitivity", (r: MeasureSensitivity) =>
  renderResult({
    title: `Measure sensitivity: ${r.rows.length} measures on one [${
      r.shape.join(" × ")
    }] network and ${r.perturbations.length} perturbed copies`,
    fields: {
      seed: r.seed,
      ...(r.skipped.length
        ? { skipped: r.skipped.map((s) => `${s.measure}: ${s.reason}`).join("; ") }
        : {}),
    },
    table: sensitivityRows(r),
    digits: 3,
    figure: plotMeasureSensitivity(r),
  }));
