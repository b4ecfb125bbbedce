/**
 * 2-D scatter of an embedding (MDS, PCA, …): points coloured by group, with
 * text labels placed where they do not overlap.
 *
 * @module
 */

import * as Plot from "../deps/plot.ts";
import type { MatrixLike } from "../linalg/matrix.ts";
import { asFiniteMatrix, asLabels } from "./check.ts";
import { categoryColors } from "./color.ts";
import { createDocument, el, type SvgDocument, type SvgElement } from "./dom.ts";
import type { Figure } from "./figure.ts";
import { extent, formatNumber, textWidth } from "./format.ts";
import { composeFigure, type Placed } from "./layout.ts";
import { swatches } from "./legend.ts";
import { plotElement, type PlotScale } from "./render.ts";

/** Options for {@link plotScatter2d}. */
export interface Scatter2dOptions {
  /** Figure title. @default "" */
  title?: string;
  /** One text label per point (drawn where it fits without overlapping). @default none */
  labels?: readonly (string | number)[];
  /** One group per point: sets the colour and the legend. @default one group */
  groups?: readonly (string | number)[];
  /** x-axis label. @default "dim 1" */
  xLabel?: string;
  /** y-axis label. @default "dim 2" */
  yLabel?: string;
  /** Use the same scale on both axes (distances in the plane are true). @default false */
  equalAspect?: boolean;
  /** Chart width in pixels (legend extra). @default 480 */
  width?: number;
  /** Chart height in pixels. @default 400 */
  height?: number;
  /** Legend caption. @default "" */
  legendTitle?: string;
}

const CONTEXT = "Cannot plot 2-D scatter";
const MARGIN = { left: 50, right: 20, top: 20, bottom: 40 };

/**
 * Scatter plot of `[n, 2]` points with optional labels and groups.
 *
 * @param points `[nPoints, 2]` coordinates (finite).
 * @param options Labels, groups, axis labels and size.
 * @returns A figure whose summary gives the point count, groups and label count shown.
 *
 * @example Two groups
 * ```ts
 * import { plotScatter2d } from "./scatter2d.ts";
 * import assert from "node:assert/strict";
 * const fig = plotScatter2d([[0, 0], [1, 0], [0, 1]], { labels: ["a", "b", "c"], groups: ["x", "x", "y"] });
 * assert.equal((fig.svg.match(/<circle /g) ?? []).length, 3 + 2); // points + legend markers
 * assert.match(fig.summary, /3 points in 2 groups \(x: 2, y: 1\);.*; 3 of 3 labels shown/);
 * assert.match(fig.svg, /<title>c: y, \(0, 1\)<\/title>/); // hover title of a point
 * ```
 */
export function plotScatter2d(points: MatrixLike, options: Scatter2dOptions = {}): Figure {
  const {
    title = "",
    xLabel = "dim 1",
    yLabel = "dim 2",
    equalAspect = false,
    width = 480,
    height = 400,
    legendTitle = "",
  } = options;
  const P = asFiniteMatrix(points, "points", CONTEXT);
  if (P.cols !== 2) {
    throw new TypeError(
      `${CONTEXT}: \`points\` must have 2 columns: got shape [${P.rows}, ${P.cols}]`,
    );
  }
  const n = P.rows;
  const labels = asLabels(options.labels, n, "labels", CONTEXT);
  const groups = asLabels(options.groups, n, "groups", CONTEXT);
  const { categories, color } = categoryColors(groups ?? ["all"]);
  const data = Array.from({ length: n }, (_, k) => ({
    x: P.data[2 * k]!,
    y: P.data[2 * k + 1]!,
    g: groups?.[k] ?? "all",
    // hover title (SVG <title>): the point's label, group and coordinates
    title: `${labels ? `${labels[k]}: ` : ""}${groups ? `${groups[k]}, ` : ""}(${
      formatNumber(P.data[2 * k]!)
    }, ${formatNumber(P.data[2 * k + 1]!)})`,
  }));
  const [xDomain, yDomain] = domains(data, width, height, equalAspect);
  const doc = createDocument();
  const chart = plotElement({
    width,
    height,
    marginLeft: MARGIN.left,
    marginRight: MARGIN.right,
    marginTop: MARGIN.top,
    marginBottom: MARGIN.bottom,
    x: { domain: xDomain, label: xLabel, nice: !equalAspect },
    y: { domain: yDomain, label: yLabel, nice: !equalAspect },
    grid: true,
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      ...categories.map((c) =>
        Plot.dot(data.filter((d) => d.g === c), {
          x: "x",
          y: "y",
          r: 4,
          fill: color(c),
          stroke: "white",
          strokeWidth: 0.5,
          title: "title",
        })
      ),
    ],
  }, doc);
  let shown = 0;
  if (labels) {
    shown = placeLabels(
      doc,
      chart.node,
      data,
      labels,
      chart.scale("x")!,
      chart.scale("y")!,
      width,
      height,
    );
  }
  const items: Placed[] = [{ node: chart.node, x: 0, y: 0 }];
  let totalWidth = width;
  if (groups) {
    const legend = swatches(
      doc,
      categories.map((c) => ({ label: c, color: color(c), shape: "circle" })),
      legendTitle,
    );
    items.push({ node: legend.node, x: width + 6, y: MARGIN.top });
    totalWidth += legend.width + 12;
  }
  const counts = categories.map((c) => `${c}: ${data.filter((d) => d.g === c).length}`).join(", ");
  const range = (k: "x" | "y") => {
    const [lo, hi] = extent(data.map((d) => d[k]));
    return `${k} ${formatNumber(lo)} to ${formatNumber(hi)}`;
  };
  const summary = `Scatter of ${n} points${
    groups ? ` in ${categories.length} groups (${counts})` : ""
  }; ${range("x")}, ${range("y")}${labels ? `; ${shown} of ${n} labels shown` : ""}`;
  return composeFigure(doc, { title, width: totalWidth, height, items, summary });
}

function domains(
  data: readonly { x: number; y: number }[],
  width: number,
  height: number,
  equal: boolean,
): [[number, number], [number, number]] {
  const span = (k: "x" | "y"): [number, number] => {
    let lo = Infinity, hi = -Infinity;
    for (const d of data) [lo, hi] = [Math.min(lo, d[k]), Math.max(hi, d[k])];
    if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
    const pad = (hi - lo) * 0.05;
    return [lo - pad, hi + pad];
  };
  const x = span("x"), y = span("y");
  if (!equal) return [x, y];
  const w = width - MARGIN.left - MARGIN.right, h = height - MARGIN.top - MARGIN.bottom;
  const perPixel = Math.max((x[1] - x[0]) / w, (y[1] - y[0]) / h);
  const grow = (d: [number, number], px: number): [number, number] => {
    const mid = (d[0] + d[1]) / 2;
    return [mid - perPixel * px / 2, mid + perPixel * px / 2];
  };
  return [grow(x, w), grow(y, h)];
}

/**
 * Greedy label placement inside the plot frame: right, left, above, below, then the
 * diagonals; skipped if all overlap points, labels or the frame's edge.
 */
function placeLabels(
  doc: SvgDocument,
  chart: SvgElement,
  data: readonly { x: number; y: number }[],
  labels: readonly string[],
  sx: PlotScale,
  sy: PlotScale,
  width: number,
  height: number,
): number {
  const g = el(doc, "g", { "aria-label": "point labels", "font-size": 10, fill: "#222" });
  // points are obstacles too, so a label never hides another point
  const pos = data.map((d) => [Number(sx.apply(d.x)), Number(sy.apply(d.y))] as const);
  const boxes: [number, number, number, number][] = pos.map((
    [x, y],
  ) => [x - 4, y - 4, x + 4, y + 4]);
  // labels stay inside the plot frame, off the axes' tick labels
  const [x0, x1] = [MARGIN.left, width - MARGIN.right];
  const [y0, y1] = [MARGIN.top, height - MARGIN.bottom];
  const overlaps = (b: [number, number, number, number]) =>
    b[0] < x0 || b[2] > x1 || b[1] < y0 || b[3] > y1 ||
    boxes.some((o) => b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]);
  let shown = 0;
  data.forEach((_, k) => {
    const [px, py] = pos[k]!;
    const w = textWidth(labels[k]!), h = 11;
    const candidates: [number, number, string][] = [
      [px + 6, py, "start"],
      [px - 6, py, "end"],
      [px, py - 12, "middle"],
      [px, py + 12, "middle"],
      [px + 5, py - 12, "start"],
      [px + 5, py + 12, "start"],
      [px - 5, py - 12, "end"],
      [px - 5, py + 12, "end"],
    ];
    for (const [x, y, anchor] of candidates) {
      const left = anchor === "start" ? x : anchor === "end" ? x - w : x - w / 2;
      const box: [number, number, number, number] = [left, y - h / 2, left + w, y + h / 2];
      if (overlaps(box)) continue;
      boxes.push(box);
      g.appendChild(el(doc, "text", { x, y, dy: "0.32em", "text-anchor": anchor }, labels[k]!));
      shown++;
      return;
    }
  });
  chart.appendChild(g);
  return shown;
}
