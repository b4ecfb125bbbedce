/**
 * Heatmap of a matrix (distance, similarity or any values) with labelled rows
 * and columns, an optional clustering order and an SVG colour bar.
 *
 * @module
 */

import * as Plot from "../deps/plot.ts";
import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { asFiniteMatrix, asLabels } from "./check.ts";
import { asMatrix } from "../linalg/matrix.ts";
import { clusterOrder } from "../cluster_order.ts";
import { rgbOf, textColorOn } from "./color.ts";
import { createDocument, el } from "./dom.ts";
import type { Figure } from "./figure.ts";
import { extent, formatNumber, textWidth } from "./format.ts";
import { composeFigure, type Placed } from "./layout.ts";
import { colorBar, continuousColor } from "./legend.ts";
import { pngDataUri } from "./png.ts";
import { plotElement } from "./render.ts";

/** Options for {@link plotHeatmap}. */
export interface HeatmapOptions {
  /** Figure title. @default "" */
  title?: string;
  /** Labels for rows and columns of a square matrix. @default indices 0..n-1 */
  labels?: readonly (string | number)[];
  /** Row labels (rectangular matrices). @default `labels` or indices */
  rowLabels?: readonly (string | number)[];
  /** Column labels (rectangular matrices). @default `labels` or indices */
  colLabels?: readonly (string | number)[];
  /** `"cluster"` reorders rows and columns by average-linkage leaf order (square, symmetric). @default "none" */
  order?: "none" | "cluster";
  /** Whether the matrix holds distances (cluster on it) or similarities (cluster on max − value). @default "distance" */
  clusterOn?: "distance" | "similarity";
  /** Draw a colour bar. @default true */
  colorLegend?: boolean;
  /** Caption of the colour bar, e.g. `"distance"`. @default "" */
  legendLabel?: string;
  /** Plot colour scheme name. @default "viridis" */
  scheme?: string;
  /** Colour domain `[lo, hi]`. @default [min, max] of the matrix */
  domain?: readonly [number, number];
  /** Print values in cells: `"auto"` does so when the cells are large enough. @default "auto" */
  showValues?: boolean | "auto";
  /** Significant digits of printed values. @default 2 */
  digits?: number;
  /** Cell size in pixels, or `"auto"` (about 480 px for the matrix). @default "auto" */
  cellSize?: number | "auto";
  /**
   * Draw the cells as one pixelated PNG image instead of one SVG rectangle each;
   * `"auto"` does so above 2,500 cells, keeping big matrices small and fast.
   * @default "auto"
   */
  raster?: boolean | "auto";
  /**
   * Standard errors of the entries (same shape as the matrix): each cell's
   * hover title then reads `value ± se` (e.g. bootstrap SEs of distances).
   * Finite, unless `missing` is set (a cell with a non-finite SE shows no `± se`).
   * @default none
   */
  se?: MatrixLike;
  /** Name of the value in the cells' hover titles. @default `legendLabel`, or "value" */
  valueLabel?: string;
  /**
   * Allow entries without a value: `true` allows NaN (missing values), drawn grey and
   * titled "missing"; `"nonFinite"` allows NaN and ±Infinity (e.g. a diverging score),
   * drawn grey and labelled "n/a", "∞" or "−∞" in the cell and its hover title. Either
   * way they stay out of the colour domain.
   * @default false
   */
  missing?: boolean | "nonFinite";
}

const CONTEXT = "Cannot plot heatmap";
/** Fill of a missing (NaN) cell. */
const MISSING = "#d9d9d9";
const MISSING_RGB = [0xd9, 0xd9, 0xd9];

/** The matrix with NaN allowed (missing values), and ±Infinity too where `infinite`. */
function withMissing(matrix: MatrixLike, infinite: boolean): Matrix {
  const M = asMatrix(matrix, "matrix", { context: CONTEXT, nonEmpty: true, finite: false });
  if (infinite) return M;
  const bad = M.data.findIndex((v) => !Number.isNaN(v) && !Number.isFinite(v));
  if (bad >= 0) {
    throw new RangeError(
      `${CONTEXT}: \`matrix\` must be finite or NaN (missing): got ${M.data[bad]} at index ${bad}`,
    );
  }
  return M;
}

/** Words for a value that has no colour: "n/a" for NaN, "∞" or "−∞". */
function noValue(v: number): string {
  return Number.isNaN(v) ? "n/a" : v > 0 ? "∞" : "−∞";
}

/**
 * Heatmap of an `[m, n]` matrix: one cell per entry, labelled axes, colour bar;
 * square symmetric matrices can be put in clustering order.
 *
 * @param matrix `[nRows, nCols]` values (finite, unless `missing` allows otherwise).
 * @param options Labels, ordering, colours.
 * @returns A figure whose summary states the shape, value range and order.
 *
 * @example A 3 × 3 distance matrix in clustering order
 * ```ts
 * import { plotHeatmap } from "./heatmap.ts";
 * import assert from "node:assert/strict";
 * const D = [[0, 4, 1], [4, 0, 4], [1, 4, 0]];
 * const fig = plotHeatmap(D, { labels: ["a", "b", "c"], order: "cluster", legendLabel: "distance" });
 * assert.match(fig.summary, /order: average-linkage \(b, a, c\)/);
 * const cells = /<g[^>]*aria-label="cell"[^>]*>(.*?)<\/g>/.exec(fig.svg)![1]!;
 * assert.equal(cells.match(/<rect /g)?.length, 9);
 * // each cell's hover title names its row, column and value
 * assert.match(cells, /<title>b × a: distance 4<\/title>/);
 * ```
 */
export function plotHeatmap(matrix: MatrixLike, options: HeatmapOptions = {}): Figure {
  const {
    title = "",
    order = "none",
    clusterOn = "distance",
    colorLegend = true,
    legendLabel = "",
    scheme = "viridis",
    showValues = "auto",
    digits = 2,
    cellSize = "auto",
    raster = "auto",
  } = options;
  const nonFinite = options.missing === "nonFinite";
  const M = options.missing
    ? withMissing(matrix, nonFinite)
    : asFiniteMatrix(matrix, "matrix", CONTEXT);
  const { rows: m, cols: n, data } = M;
  const nMissing = options.missing ? data.reduce((s, v) => s + (Number.isFinite(v) ? 0 : 1), 0) : 0;
  if (nMissing > 0 && order === "cluster") {
    throw new RangeError(
      `${CONTEXT}: \`order: "cluster"\` needs a matrix without missing values: got ${nMissing} ${
        nonFinite ? "non-finite" : "NaN"
      }`,
    );
  }
  // where values may be missing their SEs may be too: such a cell's title has no "± se"
  const se = options.se === undefined
    ? undefined
    : options.missing
    ? asMatrix(options.se, "se", { context: CONTEXT, finite: false })
    : asFiniteMatrix(options.se, "se", CONTEXT);
  if (se && (se.rows !== m || se.cols !== n)) {
    throw new TypeError(
      `${CONTEXT}: \`se\` must have the shape of \`matrix\` [${m}, ${n}]: got [${se.rows}, ${se.cols}]`,
    );
  }
  const valueLabel = options.valueLabel ?? (legendLabel || "value");
  if (order !== "none" && order !== "cluster") {
    throw new RangeError(
      `${CONTEXT}: \`order\` must be "none" or "cluster": got ${JSON.stringify(order)}`,
    );
  }
  if (clusterOn !== "distance" && clusterOn !== "similarity") {
    throw new RangeError(
      `${CONTEXT}: \`clusterOn\` must be "distance" or "similarity": got ${
        JSON.stringify(clusterOn)
      }`,
    );
  }
  if ((options.labels !== undefined || order === "cluster") && m !== n) {
    throw new TypeError(
      `${CONTEXT}: \`${
        order === "cluster" ? 'order: "cluster"' : "labels"
      }\` needs a square matrix: got shape [${m}, ${n}]`,
    );
  }
  const labels = asLabels(options.labels, n, "labels", CONTEXT);
  const rowLabels = asLabels(options.rowLabels, m, "rowLabels", CONTEXT) ?? labels ??
    Array.from({ length: m }, (_, i) => String(i));
  const colLabels = asLabels(options.colLabels, n, "colLabels", CONTEXT) ?? labels ??
    Array.from({ length: n }, (_, j) => String(j));
  const [lo, hi] = nMissing === m * n ? [0, 0] : extent(data.filter(Number.isFinite));
  const domain = checkDomain(options.domain) ??
    (lo < hi ? [lo, hi] as const : [lo - 0.5, hi + 0.5] as const);
  const color = continuousColor(scheme, domain, CONTEXT);

  let rowOrder = Array.from({ length: m }, (_, i) => i);
  let colOrder = Array.from({ length: n }, (_, j) => j);
  if (order === "cluster") {
    const dist = clusterOn === "distance" ? data : data.map((v) => hi - v);
    rowOrder = clusterOrder({ rows: m, cols: n, data: dist });
    colOrder = rowOrder;
  }

  const asImage = raster === "auto" ? m * n > 2500 : raster;
  const cell = cellSize !== "auto"
    ? cellSize
    : asImage
    ? Math.min(36, 480 / Math.max(m, n))
    : Math.max(3, Math.min(36, Math.floor(480 / Math.max(m, n))));
  if (!(cell > 0)) {
    throw new RangeError(`${CONTEXT}: \`cellSize\` must be positive or "auto": got ${cell}`);
  }
  // label every k-th row/column when cells are smaller than a line of text
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500].find((k) => k * cell >= 16) ?? 1000;
  const shown = (ord: number[]) => ord.filter((_, k) => k % step === 0);
  const maxRowLabel = extent(shown(rowOrder).map((i) => textWidth(rowLabels[i]!)))[1];
  const maxColLabel = extent(shown(colOrder).map((j) => textWidth(colLabels[j]!)))[1];
  const rotate = maxColLabel > cell - 2;
  const marginLeft = Math.ceil(maxRowLabel + 14);
  const marginBottom = Math.ceil(rotate ? maxColLabel + 14 : 24);
  const marginTop = 6, marginRight = 6;

  const cells: { i: number; j: number; v: number; fill: string }[] = [];
  for (let i = 0; i < m && !asImage; i++) {
    for (let j = 0; j < n; j++) {
      const v = data[i * n + j]!;
      cells.push({ i, j, v, fill: Number.isFinite(v) ? color(v) : MISSING });
    }
  }
  const texts = cells.map((c) =>
    Number.isFinite(c.v) ? formatNumber(c.v, digits) : nonFinite ? noValue(c.v) : ""
  );
  const printValues = !asImage &&
    (showValues === "auto"
      ? extent(texts.map((t) => textWidth(t, 9)))[1] <= cell - 4 && cell >= 16
      : showValues);

  const doc = createDocument();
  // hover titles (SVG <title>): row × column, then the value (± its SE)
  const hover = (c: { i: number; j: number; v: number }) =>
    `${rowLabels[c.i]} × ${colLabels[c.j]}: ${
      !Number.isFinite(c.v)
        ? nonFinite ? `${valueLabel} ${noValue(c.v)}` : "missing"
        : `${valueLabel} ${formatNumber(c.v, 4)}${
          se && Number.isFinite(se.data[c.i * n + c.j]!)
            ? ` ± ${formatNumber(se.data[c.i * n + c.j]!, 2)}`
            : ""
        }`
    }`;
  const marks: Plot.Markish[] = asImage
    ? [Plot.frame({ stroke: "none" })]
    : [Plot.cell(cells, { x: "j", y: "i", fill: "fill", inset: 0, title: hover })];
  if (printValues) {
    marks.push(Plot.text(cells, {
      x: "j",
      y: "i",
      text: (_d, k) => texts[k!]!,
      fill: (d: { fill: string }) => textColorOn(d.fill),
      fontSize: 9,
    }));
  }
  const chart = plotElement({
    width: marginLeft + n * cell + marginRight,
    height: marginTop + m * cell + marginBottom,
    marginLeft,
    marginBottom,
    marginTop,
    marginRight,
    x: {
      type: "band",
      domain: colOrder,
      padding: 0,
      ticks: shown(colOrder),
      tickFormat: (j: number) => colLabels[j],
      tickRotate: rotate ? -90 : 0,
      label: null,
    },
    y: {
      type: "band",
      domain: rowOrder,
      padding: 0,
      ticks: shown(rowOrder),
      tickFormat: (i: number) => rowLabels[i],
      label: null,
    },
    color: { type: "identity" },
    marks,
  }, doc);
  const plotWidth = marginLeft + n * cell + marginRight;
  const plotHeight = marginTop + m * cell + marginBottom;
  if (asImage) {
    const href = pngDataUri({
      width: n,
      height: m,
      channels: 3,
      data: pixels(M, rowOrder, colOrder, color, domain),
    });
    chart.node.appendChild(el(doc, "image", {
      x: marginLeft,
      y: marginTop,
      width: n * cell,
      height: m * cell,
      preserveAspectRatio: "none",
      "image-rendering": "optimizeSpeed",
      style: "image-rendering:pixelated",
      "aria-label": "cells",
      href,
    }, [el(doc, "title", {}, `${m} × ${n} ${valueLabel} (cells drawn as an image)`)]));
  }
  const items: Placed[] = [{ node: chart.node, x: 0, y: 0 }];
  let width = plotWidth, height = plotHeight;
  if (colorLegend) {
    const bar = colorBar(doc, color, domain, {
      label: legendLabel,
      length: Math.max(100, Math.min(240, m * cell)),
    });
    items.push({ node: bar.node, x: plotWidth + 14, y: marginTop });
    width = plotWidth + 14 + bar.width + 10;
    height = Math.max(height, marginTop + bar.height);
  }
  const orderText = order === "cluster"
    ? `order: average-linkage${n <= 30 ? ` (${rowOrder.map((i) => rowLabels[i]).join(", ")})` : ""}`
    : "order: as given";
  const summary = `Heatmap of a ${m} × ${n} matrix${
    asImage ? " (cells as an image)" : ""
  }; values ${formatNumber(lo)} to ${formatNumber(hi)}${
    nMissing
      ? `; ${nMissing} ${nonFinite ? `not finite (grey: ${kinds(data)})` : "missing (grey)"}`
      : ""
  }${scaleText(domain, lo, hi)}; ${orderText}`;
  return composeFigure(doc, { title, width, height, items, summary });
}

/** How many of each non-finite value, e.g. `1 ∞, 2 n/a`. */
function kinds(data: Float64Array): string {
  const count = new Map<string, number>();
  for (const v of data) {
    if (!Number.isFinite(v)) count.set(noValue(v), (count.get(noValue(v)) ?? 0) + 1);
  }
  return ["∞", "−∞", "n/a"].filter((k) => count.has(k)).map((k) => `${count.get(k)} ${k}`).join(
    ", ",
  );
}

/** The colour scale's range where it is not the values' (a given or padded domain). */
function scaleText(domain: readonly [number, number], lo: number, hi: number): string {
  if (domain[0] === lo && domain[1] === hi) return "";
  const clipped = lo < domain[0] || hi > domain[1] ? ", values beyond it drawn at its ends" : "";
  return `; colour scale ${formatNumber(domain[0])} to ${formatNumber(domain[1])}${clipped}`;
}

/** RGB bytes of the matrix in display order, colours looked up in a 1024-step table. */
function pixels(
  M: Matrix,
  rowOrder: readonly number[],
  colOrder: readonly number[],
  color: (v: number) => string,
  [lo, hi]: readonly [number, number],
): Uint8Array {
  const steps = 1024;
  const table = new Uint8Array(3 * steps);
  for (let k = 0; k < steps; k++) {
    table.set(rgbOf(color(lo + (hi - lo) * k / (steps - 1))) ?? [0, 0, 0], 3 * k);
  }
  const out = new Uint8Array(M.rows * M.cols * 3);
  let at = 0;
  for (const i of rowOrder) {
    for (const j of colOrder) {
      const v = M.data[i * M.cols + j]!;
      if (!Number.isFinite(v)) {
        out.set(MISSING_RGB, at);
        at += 3;
        continue;
      }
      const t = (v - lo) / (hi - lo);
      const k = Math.round(Math.min(1, Math.max(0, t)) * (steps - 1));
      out[at++] = table[3 * k]!;
      out[at++] = table[3 * k + 1]!;
      out[at++] = table[3 * k + 2]!;
    }
  }
  return out;
}

function checkDomain(
  domain: readonly [number, number] | undefined,
): readonly [number, number] | undefined {
  if (domain === undefined) return undefined;
  if (!Array.isArray(domain) || domain.length !== 2 || !(domain[0] < domain[1])) {
    throw new RangeError(
      `${CONTEXT}: \`domain\` must be [lo, hi] with lo < hi: got ${JSON.stringify(domain)}`,
    );
  }
  return domain;
}
