/**
 * A labelled scatter of models (one point each, coloured by group, optionally
 * joined in order) over reference curves: the panel shared by the error-mode
 * geometry plane and the theory-versus-experiment plot.
 *
 * @module
 */

import * as Plot from "../../deps/plot.ts";
import { categoryColors } from "../../display/color.ts";
import { createDocument, el } from "../../display/dom.ts";
import type { Figure } from "../../display/figure.ts";
import { formatNumber, logTicks, textWidth } from "../../display/format.ts";
import { composeFigure, type Placed } from "../../display/layout.ts";
import { type Swatch, swatches } from "../../display/legend.ts";
import { plotElement } from "../../display/render.ts";

/** One model in the plane. */
export interface ScatterDatum {
  /** Position on the x axis. */
  readonly x: number;
  /** Position on the y axis. */
  readonly y: number;
  /** Text next to the point (placed only where it fits). @default none */
  readonly label?: string;
  /** Colour group. @default one group */
  readonly group?: string;
}

/** Panel settings for {@link modelScatter}. */
export interface ModelScatterLayout {
  /** Figure title. */
  title: string;
  /** Plain-text summary. */
  summary: string;
  /** Axis labels. */
  xLabel: string;
  yLabel: string;
  /** Axis domains. */
  xDomain: [number, number];
  yDomain: [number, number];
  /** Log axes (domains must then be positive). */
  log: boolean;
  /** Join the points in order (a trajectory). */
  connect: boolean;
  /** Reference marks drawn under the points (contours, a diagonal). */
  under: Plot.Markish[];
  /** Chart size in pixels (the legend is extra). */
  width: number;
  height: number;
  /** Caption of the group legend. */
  legendTitle: string;
  /** Legend entries for the reference marks (shown after the groups). */
  extraLegend: readonly Swatch[];
}

const MARGIN = { left: 58, right: 24, top: 20, bottom: 40 };

/**
 * Scatter the models over reference marks, label them where labels fit, and
 * add a group legend when there is more than one group.
 *
 * @param data Points with optional label and group.
 * @param layout Axes, domains, reference marks, size, title and summary.
 * @returns The figure.
 *
 * @example Two labelled points
 * ```ts
 * import { modelScatter } from "./scatter.ts";
 * import assert from "node:assert/strict";
 * const fig = modelScatter([{ x: 1, y: 2, label: "a" }, { x: 2, y: 1, label: "b" }], {
 *   title: "", summary: "", xLabel: "x", yLabel: "y", xDomain: [0, 3], yDomain: [0, 3],
 *   log: false, connect: true, under: [], width: 300, height: 240, legendTitle: "", extraLegend: [],
 * });
 * assert.match(fig.svg, />a<\/text>/);
 * ```
 */
export function modelScatter(data: readonly ScatterDatum[], layout: ModelScatterLayout): Figure {
  const { width, height, log, connect, under } = layout;
  const groups = data.map((d) => d.group ?? "");
  const { categories, color } = categoryColors(groups);
  const doc = createDocument();
  const rows = data.map((d, k) => ({
    x: d.x,
    y: d.y,
    g: groups[k]!,
    // hover title (SVG <title>): the model's label, group and coordinates
    title: `${d.label ? `${d.label}: ` : ""}${groups[k] ? `${groups[k]}, ` : ""}(${
      formatNumber(d.x)
    }, ${formatNumber(d.y)})`,
  }));
  const chart = plotElement({
    width,
    height,
    marginLeft: MARGIN.left,
    marginRight: MARGIN.right,
    marginTop: MARGIN.top,
    marginBottom: MARGIN.bottom,
    x: scale(log, layout.xDomain, layout.xLabel),
    y: scale(log, layout.yDomain, layout.yLabel),
    grid: true,
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      ...under,
      ...(connect ? [Plot.line(rows, { x: "x", y: "y", stroke: "#888", strokeWidth: 1.25 })] : []),
      ...categories.map((c) =>
        Plot.dot(rows.filter((r) => r.g === c), {
          x: "x",
          y: "y",
          r: 4.5,
          fill: color(c),
          stroke: "white",
          strokeWidth: 0.75,
          title: "title",
        })
      ),
    ],
  }, doc);
  const sx = chart.scale("x")!, sy = chart.scale("y")!;
  const pos = data.map((d) => [Number(sx.apply(d.x)), Number(sy.apply(d.y))] as const);
  const boxes = pos.map(([x, y]) => [x - 4.5, y - 4.5, x + 4.5, y + 4.5]);
  const g = el(doc, "g", { "aria-label": "point labels", "font-size": 10, fill: "#222" });
  data.forEach((d, k) => {
    if (!d.label) return;
    const [px, py] = pos[k]!;
    const w = textWidth(d.label), h = 11;
    const spots: [number, number, "start" | "end" | "middle"][] = [
      [px + 7, py, "start"],
      [px - 7, py, "end"],
      [px, py - 12, "middle"],
      [px, py + 13, "middle"],
    ];
    for (const [x, y, anchor] of spots) {
      const left = anchor === "start" ? x : anchor === "end" ? x - w : x - w / 2;
      const b = [left, y - h / 2, left + w, y + h / 2];
      const clash = b[0]! < MARGIN.left || b[2]! > width || b[1]! < 0 || b[3]! > height ||
        boxes.some((o) => b[0]! < o[2]! && o[0]! < b[2]! && b[1]! < o[3]! && o[1]! < b[3]!);
      if (clash) continue;
      boxes.push(b);
      g.appendChild(el(doc, "text", { x, y, dy: "0.32em", "text-anchor": anchor }, d.label));
      return;
    }
  });
  chart.node.appendChild(g);
  const items: Placed[] = [{ node: chart.node, x: 0, y: 0 }];
  let total = width;
  const entries: Swatch[] = categories.length > 1
    ? categories.map((c) => ({ label: c, color: color(c), shape: "circle" }))
    : [];
  entries.push(...layout.extraLegend);
  if (entries.length) {
    const legend = swatches(doc, entries, categories.length > 1 ? layout.legendTitle : "");
    items.push({ node: legend.node, x: width + 6, y: MARGIN.top });
    total += legend.width + 12;
  }
  return composeFigure(doc, {
    title: layout.title,
    width: total,
    height,
    items,
    summary: layout.summary,
  });
}

/** A linear scale, or a log scale with round ticks written as plain numbers (not SI prefixes). */
function scale(log: boolean, domain: [number, number], label: string): Plot.ScaleOptions {
  if (!log) return { type: "linear", domain, label };
  let ticks = logTicks(domain[0], domain[1]);
  const decades = ticks.every((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9);
  if (ticks.length < 4 && decades) {
    // two or three decades: 1–2–5 steps read better than bare powers of ten
    const fine = ticks.flatMap((t) => [t / 5, t / 2, t, 2 * t, 5 * t]);
    ticks = [...new Set(fine.map((t) => Number(t.toPrecision(12))))]
      .filter((t) => t >= domain[0] && t <= domain[1]).sort((a, b) => a - b);
  }
  return { type: "log", domain, label, ticks, tickFormat: (v: number) => formatNumber(v, 3) };
}

/**
 * A padded [lo, hi] around some values: 5% of the range each side (never
 * below 0 for non-negative data; ±10% of a single value), or multiplicative
 * padding when `log`.
 *
 * @param values Finite values (non-empty; positive when `log`).
 * @param log Pad on a log scale.
 * @returns The domain.
 *
 * @example Linear and log padding
 * ```ts
 * import { paddedDomain } from "./scatter.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(paddedDomain([0, 10], false), [0, 10.5]);
 * assert.deepEqual(paddedDomain([5, 5], false), [4.5, 5.5]);
 * ```
 */
export function paddedDomain(values: readonly number[], log: boolean): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (log) {
    const f = lo === hi ? 2 : Math.pow(hi / lo, 0.05);
    return [lo / f, hi * f];
  }
  if (lo === hi) return lo === 0 ? [0, 1] : [lo - 0.1 * Math.abs(lo), hi + 0.1 * Math.abs(hi)];
  const pad = (hi - lo) * 0.05;
  return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad];
}
