/**
 * Shared drawing for the spectral-theory figures: lines, dots and shaded
 * bands on linear or logarithmic axes with a swatch legend, composed into one
 * {@link Figure}; and the check that keeps values a log axis cannot show off it.
 *
 * Log axes: negative values and NaN are an error naming the argument and the
 * index; zeros (a null mode, a mode without target power, a perfectly learned
 * target) and +∞ (ridgeless theory at p = rank) cannot be placed on a log axis
 * and are left out, and counted so each figure's summary can say so.
 *
 * @module
 */

import * as Plot from "../../deps/plot.ts";
import { createDocument } from "../../display/dom.ts";
import type { Figure } from "../../display/figure.ts";
import { formatNumber, logTicks } from "../../display/format.ts";
import { composeFigure, type Placed } from "../../display/layout.ts";
import { type Swatch, swatches } from "../../display/legend.ts";
import { plotElement } from "../../display/render.ts";

/** One drawn series: a line and/or dots, with an optional band from `lower` to `upper`. */
export interface ChartSeries {
  /** x values. */
  readonly x: readonly number[];
  /** y values, same length. */
  readonly y: readonly number[];
  /** CSS colour. */
  readonly color: string;
  /** Draw a line through the points. @default true */
  readonly line?: boolean;
  /** Dashed line. @default false */
  readonly dash?: boolean;
  /** Dots at the points: filled, open rings, or none. @default "none" */
  readonly dots?: "filled" | "open" | "none";
  /** Lower edge of a shaded band. @default no band */
  readonly lower?: readonly number[];
  /** Upper edge of the band. @default no band */
  readonly upper?: readonly number[];
}

/** Axes, size, legend and text of a {@link seriesChart}. */
export interface ChartLayout {
  /** Figure title. */
  title: string;
  /** Plain-text summary of the figure. */
  summary: string;
  /** Axis labels. */
  xLabel: string;
  yLabel: string;
  /** Logarithmic axes. */
  logX: boolean;
  logY: boolean;
  /** Chart size in pixels (the legend is extra). */
  width: number;
  height: number;
  /** Legend entries (none: no legend). */
  legend: readonly Swatch[];
}

/**
 * Draw series on one chart with a legend on the right.
 *
 * @param series The series, drawn in order.
 * @param layout Axes, size, legend, title and summary.
 * @returns The figure.
 *
 * @example A line on log–log axes
 * ```ts
 * import { seriesChart } from "./chart.ts";
 * import assert from "node:assert/strict";
 * const fig = seriesChart([{ x: [1, 2, 4], y: [1, 0.5, 0.25], color: "black" }], {
 *   title: "", summary: "a power law", xLabel: "i", yLabel: "λ", logX: true, logY: true,
 *   width: 300, height: 200, legend: [],
 * });
 * assert.match(fig.svg, /aria-label="line"/);
 * ```
 */
export function seriesChart(series: readonly ChartSeries[], layout: ChartLayout): Figure {
  const { title, summary, xLabel, yLabel, logX, logY, width, height, legend } = layout;
  const marks: Plot.Markish[] = [];
  const xs: number[] = [], ys: number[] = [];
  for (const s of series) {
    const rows = s.x.map((x, i) => ({
      x,
      y: s.y[i]!,
      lo: s.lower?.[i],
      hi: s.upper?.[i],
      // hover title (SVG <title>) of a point: x, y and its band
      title: `${xLabel} ${formatNumber(x)}: ${yLabel} ${formatNumber(s.y[i]!)}${
        s.lower && s.upper ? ` [${formatNumber(s.lower[i]!)}, ${formatNumber(s.upper[i]!)}]` : ""
      }`,
    }));
    xs.push(...s.x);
    ys.push(...s.y, ...(s.lower ?? []), ...(s.upper ?? []));
    if (s.lower && s.upper) {
      marks.push(
        Plot.areaY(rows, { x: "x", y1: "lo", y2: "hi", fill: s.color, fillOpacity: 0.18 }),
      );
    }
    if (s.line ?? true) {
      marks.push(Plot.line(rows, {
        x: "x",
        y: "y",
        stroke: s.color,
        strokeWidth: 1.75,
        strokeDasharray: s.dash ? "5,3" : undefined,
      }));
    }
    if (s.dots === "filled") {
      marks.push(Plot.dot(rows, { x: "x", y: "y", fill: s.color, r: 3, title: "title" }));
    }
    if (s.dots === "open") {
      marks.push(
        Plot.dot(rows, { x: "x", y: "y", stroke: s.color, fill: "white", r: 3.5, title: "title" }),
      );
    }
  }
  const doc = createDocument();
  const chart = plotElement({
    width,
    height,
    marginLeft: 58,
    marginBottom: 40,
    marginRight: 20,
    marginTop: 20,
    x: axis(logX, xLabel, xs),
    y: axis(logY, yLabel, ys),
    grid: true,
    marks,
  }, doc);
  const items: Placed[] = [{ node: chart.node, x: 0, y: 0 }];
  let total = width;
  if (legend.length) {
    const box = swatches(doc, legend);
    items.push({ node: box.node, x: width + 6, y: 20 });
    total += box.width + 12;
  }
  return composeFigure(doc, { title, width: total, height, items, summary });
}

/** Linear axis, or a log axis with round ticks labelled in plain numbers. */
function axis(log: boolean, label: string, values: readonly number[]): Plot.ScaleOptions {
  if (!log) return { type: "linear", label: label || null };
  let lo = Infinity, hi = -Infinity;
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const ticks = lo > 0 && hi < Infinity ? logTicks(lo, hi) : [];
  return ticks.length >= 2
    ? { type: "log", label: label || null, ticks, tickFormat: (v: number) => formatNumber(v, 3) }
    : { type: "log", label: label || null };
}

/** Columns of points to clean together (same length); `name` labels them in messages. */
export interface PointColumns {
  readonly [name: string]: ArrayLike<number> | undefined;
}

/**
 * Keep the rows that can be drawn: throws on NaN anywhere and on negative
 * values in a column bound for a log axis; leaves out rows holding +∞ or −∞,
 * or a zero in a log column, and counts them.
 *
 * @param columns Named columns of equal length (undefined ones are skipped).
 * @param logColumns Names of the columns drawn on a log axis.
 * @param context Message prefix, e.g. `"Cannot plot spectrum"`.
 * @returns The kept rows as plain arrays per column, and how many rows were left out.
 *
 * @example A zero is left out of a log axis, a negative value is an error
 * ```ts
 * import { drawablePoints } from "./chart.ts";
 * import assert from "node:assert/strict";
 * const r = drawablePoints({ x: [1, 2, 3], y: [0.5, 0, 0.1] }, ["x", "y"], "Cannot plot");
 * assert.deepEqual(r.columns.y, [0.5, 0.1]);
 * assert.equal(r.dropped, 1);
 * assert.throws(() => drawablePoints({ y: [1, -1] }, ["y"], "Cannot plot"), {
 *   name: "RangeError",
 *   message: "Cannot plot: `y` must be >= 0 on a log axis (zeros are left out): got -1 at index 1",
 * });
 * ```
 */
export function drawablePoints(
  columns: PointColumns,
  logColumns: readonly string[],
  context: string,
): { columns: Record<string, number[]>; dropped: number } {
  const names = Object.keys(columns).filter((k) => columns[k] !== undefined);
  const n = columns[names[0]!]!.length;
  const out: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    let keep = true;
    for (const k of names) {
      const v = columns[k]![i]!;
      if (typeof v !== "number" || Number.isNaN(v)) {
        throw new RangeError(
          `${context}: \`${k}\` must be numbers, not NaN: got ${v} at index ${i}`,
        );
      }
      const log = logColumns.includes(k);
      if (log && v < 0) {
        throw new RangeError(
          `${context}: \`${k}\` must be >= 0 on a log axis (zeros are left out): got ${v} at index ${i}`,
        );
      }
      if (!Number.isFinite(v) || (log && v === 0)) keep = false;
    }
    if (!keep) {
      dropped++;
      continue;
    }
    for (const k of names) out[k]!.push(columns[k]![i]!);
  }
  return { columns: out, dropped };
}

/**
 * The "left out" clause of a summary, or "" when nothing was left out.
 *
 * @param dropped Number of points left out.
 * @param what What they are, e.g. `"zero or infinite values"`.
 * @returns Text such as `"; 3 zero or infinite values not drawn"`.
 *
 * @example Nothing left out
 * ```ts
 * import { droppedNote } from "./chart.ts";
 * import assert from "node:assert/strict";
 * assert.equal(droppedNote(0, "zeros"), "");
 * assert.equal(droppedNote(2, "zeros"), "; 2 zeros not drawn");
 * ```
 */
export function droppedNote(dropped: number, what: string): string {
  return dropped > 0 ? `; ${dropped} ${what} not drawn` : "";
}
