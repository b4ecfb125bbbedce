/**
 * Line plots of one or more series, with optional shaded bands and log axes:
 * spectra (log–log), learning curves with confidence bands, traces.
 *
 * @module
 */

import * as Plot from "../deps/plot.ts";
import { asVector } from "./check.ts";
import { createDocument } from "./dom.ts";
import type { Figure } from "./figure.ts";
import { formatNumber, logTicks } from "./format.ts";
import { composeFigure, type Placed } from "./layout.ts";
import { CATEGORY_COLORS, swatches } from "./legend.ts";
import { plotElement } from "./render.ts";

/** One line: y values against x, with an optional band from `lower` to `upper`. */
export interface LineSeries {
  /** Name in the legend. @default "series k" */
  readonly name?: string;
  /** x values. @default 1, 2, …, n (so a log x axis works) */
  readonly x?: ArrayLike<number>;
  /** y values. */
  readonly y: ArrayLike<number>;
  /** Lower edge of a shaded band (e.g. mean − sd), same length as `y`. @default no band */
  readonly lower?: ArrayLike<number>;
  /** Upper edge of the band, same length as `y`. @default no band */
  readonly upper?: ArrayLike<number>;
}

/** Options for {@link plotLines}. */
export interface LinesOptions {
  /** Figure title. @default "" */
  title?: string;
  /** x-axis label. @default "" */
  xLabel?: string;
  /** y-axis label. @default "" */
  yLabel?: string;
  /** Logarithmic x axis (all x must be > 0). @default false */
  logX?: boolean;
  /** Logarithmic y axis (all y, lower, upper must be > 0). @default false */
  logY?: boolean;
  /** Draw a dot at each point; `"auto"` when every series has ≤ 40 points. @default "auto" */
  markers?: boolean | "auto";
  /** Chart width in pixels (legend extra). @default 560 */
  width?: number;
  /** Chart height in pixels. @default 360 */
  height?: number;
}

const CONTEXT = "Cannot plot lines";

interface Clean {
  name: string;
  x: Float64Array;
  y: Float64Array;
  lower?: Float64Array;
  upper?: Float64Array;
}

/**
 * Plot one or more series as lines (a bare array of numbers is one series).
 *
 * @param series y values, one {@link LineSeries}, or several.
 * @param options Axis labels, log axes, markers and size.
 * @returns A figure whose summary lists each series' length and y range.
 *
 * @example A spectrum on a log y axis
 * ```ts
 * import { plotLines } from "./lines.ts";
 * import assert from "node:assert/strict";
 * const fig = plotLines([4, 2, 1, 0.5], { logY: true, yLabel: "singular value" });
 * assert.match(fig.summary, /4 points, y 0.5 to 4/);
 * assert.throws(() => plotLines([1, 0], { logY: true }), {
 *   name: "RangeError",
 *   message: "Cannot plot lines: `series[0].y` must be > 0 on a log axis: got 0 at index 1",
 * });
 * ```
 */
export function plotLines(
  series: ArrayLike<number> | LineSeries | readonly LineSeries[],
  options: LinesOptions = {},
): Figure {
  const {
    title = "",
    xLabel = "",
    yLabel = "",
    logX = false,
    logY = false,
    markers = "auto",
    width = 560,
    height = 360,
  } = options;
  const list = normalise(series).map((s, k) => clean(s, k, logX, logY));
  const dots = markers === "auto" ? list.every((s) => s.y.length <= 40) : markers;
  const marks: Plot.Markish[] = [];
  list.forEach((s, k) => {
    const color = CATEGORY_COLORS[k % CATEGORY_COLORS.length]!;
    const rows = Array.from(s.y, (y, i) => ({
      x: s.x[i]!,
      y,
      lo: s.lower?.[i],
      hi: s.upper?.[i],
      // hover title (SVG <title>) of a point: series, x, y and band
      title: `${s.name}: ${formatNumber(s.x[i]!)}, ${formatNumber(y)}${
        s.lower ? ` [${formatNumber(s.lower[i]!)}, ${formatNumber(s.upper![i]!)}]` : ""
      }`,
    }));
    if (s.lower) {
      marks.push(Plot.areaY(rows, { x: "x", y1: "lo", y2: "hi", fill: color, fillOpacity: 0.2 }));
    }
    marks.push(
      Plot.line(rows, { x: "x", y: "y", stroke: color, strokeWidth: 1.75, title: () => s.name }),
    );
    if (dots) marks.push(Plot.dot(rows, { x: "x", y: "y", fill: color, r: 2.5, title: "title" }));
  });
  const doc = createDocument();
  const chart = plotElement({
    width,
    height,
    marginLeft: 56,
    marginBottom: 40,
    marginRight: 20,
    x: axis(logX, xLabel, list.map((s) => s.x)),
    y: axis(logY, yLabel, list.flatMap((s) => [s.y, s.lower ?? s.y, s.upper ?? s.y])),
    grid: true,
    marks,
  }, doc);
  const items: Placed[] = [{ node: chart.node, x: 0, y: 0 }];
  let total = width;
  if (list.length > 1 || list[0]!.name !== "series 0") {
    const legend = swatches(
      doc,
      list.map((s, k) => ({
        label: s.name,
        color: CATEGORY_COLORS[k % CATEGORY_COLORS.length]!,
        shape: "line",
      })),
    );
    items.push({ node: legend.node, x: width + 6, y: 20 });
    total += legend.width + 12;
  }
  const axes = [logX ? "log x" : "", logY ? "log y" : ""].filter(Boolean).join(", ");
  const lines = list.map((s) => {
    let lo = Infinity, hi = -Infinity;
    for (const v of s.y) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    return `${s.name}: ${s.y.length} points, y ${formatNumber(lo)} to ${formatNumber(hi)}${
      s.lower ? " (with band)" : ""
    }`;
  });
  const summary = `Line plot of ${list.length} series${axes ? ` (${axes})` : ""}\n${
    lines.join("\n")
  }`;
  return composeFigure(doc, { title, width: total, height, items, summary });
}

/** Axis options; log axes get round ticks (powers of ten, or 1–2–5 multiples) labelled in plain numbers. */
function axis(log: boolean, label: string, values: Float64Array[]): Plot.ScaleOptions {
  if (!log) return { type: "linear", label: label || null };
  let lo = Infinity, hi = -Infinity;
  for (const arr of values) for (const v of arr) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const ticks = logTicks(lo, hi);
  return ticks.length >= 2
    ? { type: "log", label: label || null, ticks, tickFormat: (v: number) => formatNumber(v, 3) }
    : { type: "log", label: label || null };
}

function normalise(series: ArrayLike<number> | LineSeries | readonly LineSeries[]): LineSeries[] {
  if (ArrayBuffer.isView(series)) return [{ y: series as ArrayLike<number> }];
  if (Array.isArray(series)) {
    if (series.length === 0) {
      throw new RangeError(`${CONTEXT}: \`series\` must not be empty: got []`);
    }
    return typeof series[0] === "number" ? [{ y: series as number[] }] : series as LineSeries[];
  }
  if (typeof series === "object" && series !== null && "y" in series) return [series as LineSeries];
  throw new TypeError(
    `${CONTEXT}: \`series\` must be an array of numbers, a series {y, x?, lower?, upper?} or an array of series: got ${
      series === null ? "null" : typeof series
    }`,
  );
}

function clean(s: LineSeries, k: number, logX: boolean, logY: boolean): Clean {
  const at = `series[${k}]`;
  if (typeof s !== "object" || s === null || !("y" in s)) {
    throw new TypeError(
      `${CONTEXT}: \`${at}\` must be a series {y, x?, lower?, upper?}: got ${JSON.stringify(s)}`,
    );
  }
  const y = asVector(s.y, `${at}.y`, CONTEXT);
  if (y.length === 0) throw new RangeError(`${CONTEXT}: \`${at}.y\` must not be empty`);
  const same = (v: ArrayLike<number> | undefined, name: string) => {
    if (v === undefined) return undefined;
    const out = asVector(v, `${at}.${name}`, CONTEXT);
    if (out.length !== y.length) {
      throw new TypeError(
        `${CONTEXT}: \`${at}.${name}\` must have ${y.length} entries like \`${at}.y\`: got ${out.length}`,
      );
    }
    return out;
  };
  const x = same(s.x, "x") ?? Float64Array.from({ length: y.length }, (_, i) => i + 1);
  const lower = same(s.lower, "lower"), upper = same(s.upper, "upper");
  if ((lower === undefined) !== (upper === undefined)) {
    throw new TypeError(
      `${CONTEXT}: \`${at}\` needs both \`lower\` and \`upper\` for a band: got only one`,
    );
  }
  if (lower && upper) {
    const bad = lower.findIndex((v, i) => v > upper[i]!);
    if (bad >= 0) {
      throw new RangeError(
        `${CONTEXT}: \`${at}.lower\` must be <= \`${at}.upper\`: got ${lower[bad]} > ${
          upper[bad]
        } at index ${bad}`,
      );
    }
  }
  const positive = (v: Float64Array | undefined, name: string) => {
    const bad = v ? v.findIndex((t) => !(t > 0)) : -1;
    if (bad >= 0) {
      throw new RangeError(
        `${CONTEXT}: \`${at}.${name}\` must be > 0 on a log axis: got ${v![bad]} at index ${bad}`,
      );
    }
  };
  if (logX) positive(x, "x");
  if (logY) {
    positive(y, "y");
    positive(lower, "lower");
    positive(upper, "upper");
  }
  const name = s.name ?? `series ${k}`;
  return lower && upper ? { name, x, y, lower, upper } : { name, x, y };
}
