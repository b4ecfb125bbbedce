/**
 * A histogram with marked values (e.g. a bootstrap or null distribution with
 * the observed value and a confidence interval).
 *
 * @module
 */

import * as Plot from "../deps/plot.ts";
import { asVector } from "./check.ts";
import type { Figure } from "./figure.ts";
import { createDocument } from "./dom.ts";
import { formatNumber, textWidth } from "./format.ts";
import { plotFigure } from "./layout.ts";
import { plotElement, type PlotSpec } from "./render.ts";

/** A vertical line drawn over the histogram. */
export interface HistogramMarker {
  /** Position on the value axis. */
  x: number;
  /** Text shown at the top of the line. */
  label: string;
  /** Dashed line (e.g. interval ends). @default false */
  dashed?: boolean;
}

/** Options for {@link plotHistogram}. */
export interface HistogramOptions {
  /** Figure title. @default "" */
  title?: string;
  /** Label of the value axis. @default "" */
  xLabel?: string;
  /** Lines drawn over the bars. @default [] */
  markers?: readonly HistogramMarker[];
  /** Approximate number of bins. @default 30 */
  bins?: number;
  /** Chart width in pixels. @default 520 */
  width?: number;
}

/**
 * Histogram of values, with marker lines.
 *
 * @param values The values (finite).
 * @param options {@link HistogramOptions}.
 * @returns The figure.
 *
 * @example A distribution and its mean
 * ```ts
 * import { plotHistogram } from "./histogram.ts";
 * import assert from "node:assert/strict";
 * const fig = plotHistogram([1, 2, 2, 3, 3, 3, 4], { markers: [{ x: 2.57, label: "mean" }] });
 * assert.match(fig.svg, /^<svg/);
 * assert.match(fig.svg, /mean/);
 * ```
 */
export function plotHistogram(
  values: ArrayLike<number>,
  options: HistogramOptions = {},
): Figure {
  const { title = "", xLabel = "", markers = [], bins = 30, width = 520 } = options;
  const v = Array.from(asVector(values, "values", "Cannot plot histogram"));
  if (v.length === 0) throw new RangeError("Cannot plot histogram: `values` must not be empty");
  const lines = markers.map((m) => ({ ...m, text: `${m.label} ${formatNumber(m.x)}` }));
  const spec = (labels: Plot.Markish[]): PlotSpec => ({
    width,
    height: 260,
    marginTop: 30,
    x: { label: xLabel || null, grid: true },
    y: { label: "count", grid: true },
    marks: [
      Plot.rectY(v, {
        ...Plot.binX(
          {
            y: "count",
            // hover title (SVG <title>) of a bin: its range and count
            title: (bin: number[], ex: { x1: number; x2: number }) =>
              `${formatNumber(ex.x1)} to ${formatNumber(ex.x2)}: ${bin.length}`,
          },
          { x: (d: number) => d, thresholds: bins },
        ),
        fill: "#9ab",
      }),
      Plot.ruleY([0]),
      Plot.ruleX(lines.filter((m) => !m.dashed), { x: "x", stroke: "#c33", strokeWidth: 2 }),
      Plot.ruleX(lines.filter((m) => m.dashed), { x: "x", stroke: "#333", strokeDasharray: "4 3" }),
      ...labels,
    ],
  });
  // a label centred on a line near an edge would run off the figure (or, on the left, into
  // the axis label): there it ends (or starts) at the line instead, towards the middle
  const x = lines.length ? plotElement(spec([]), createDocument()).scale("x") : undefined;
  const left = Number(x?.range?.[0] ?? 0);
  const side = (m: { x: number; text: string }) => {
    const px = Number(x?.apply(m.x)), half = textWidth(m.text) / 2;
    return px + half > width - 2 ? "end" : px - half < left ? "start" : "middle";
  };
  const labels = (["start", "middle", "end"] as const).map((anchor) =>
    Plot.text(lines.filter((m) => side(m) === anchor), {
      x: "x",
      text: "text",
      frameAnchor: "top",
      dy: -20,
      dx: anchor === "start" ? 3 : anchor === "end" ? -3 : 0,
      textAnchor: anchor,
      fontSize: 10,
    })
  );
  return plotFigure(spec(labels), { title, summary: `histogram of ${v.length} values` });
}
