/**
 * Eigenvalues (or any complex numbers) in the complex plane, on equal axes,
 * with the unit circle that separates decaying from growing modes.
 *
 * @module
 */

import * as Plot from "../deps/plot.ts";
import { asVector } from "./check.ts";
import { createDocument, type SvgDocument } from "./dom.ts";
import type { Figure } from "./figure.ts";
import { extent, formatNumber } from "./format.ts";
import { composeFigure, type Placed } from "./layout.ts";
import { CATEGORY_COLORS, swatches } from "./legend.ts";
import { plotElement, type RenderedPlot } from "./render.ts";

/** Options for {@link plotComplexPlane}. */
export interface ComplexPlaneOptions {
  /** Figure title. @default "" */
  title?: string;
  /** Draw the unit circle and colour points by |z| ≤ 1 or > 1. @default true */
  unitCircle?: boolean;
  /** Side of the (square) chart in pixels. @default 420 */
  size?: number;
}

const CONTEXT = "Cannot plot complex plane";
/** Margin around a complex-plane chart, in pixels. */
const MARGIN = 44;

/** Options for {@link complexPlaneChart}. */
export interface ComplexPlaneChartOptions {
  /** Largest |z| of the points (the axes reach 1.12 times it, or the unit circle). */
  radius: number;
  /** Draw the dashed unit circle (and include it in the axes). */
  unitCircle: boolean;
  /** Side of the square chart in pixels. */
  size: number;
}

/**
 * The square complex-plane chart shared by the complex-plane figures: equal
 * Re/Im axes around the origin, axis lines, the dashed unit circle, then the
 * caller's point marks (colours are given as identity fills).
 *
 * @param doc The document to render into.
 * @param points The mark(s) drawing the values.
 * @param options Radius, unit circle and size.
 * @returns The chart node and its margin (for placing legends beside it).
 *
 * @example
 * ```ts
 * import * as Plot from "../deps/plot.ts";
 * import { complexPlaneChart } from "./complex_plane.ts";
 * import { createDocument } from "./dom.ts";
 * import assert from "node:assert/strict";
 * const doc = createDocument();
 * const { node, margin } = complexPlaneChart(doc, Plot.dot([[0.5, 0.5]]), { radius: 0.7, unitCircle: true, size: 300 });
 * assert.equal(node.getAttribute("width"), "300");
 * assert.equal(margin, 44);
 * ```
 */
export function complexPlaneChart(
  doc: SvgDocument,
  points: Plot.Markish,
  options: ComplexPlaneChartOptions,
): { node: RenderedPlot["node"]; margin: number } {
  const { radius, unitCircle, size } = options;
  const R = Math.max(unitCircle ? 1 : 0, radius, 1e-12) * 1.12;
  const marks: Plot.Markish[] = [
    Plot.ruleX([0], { stroke: "#bbb" }),
    Plot.ruleY([0], { stroke: "#bbb" }),
  ];
  if (unitCircle) {
    const circle = Array.from(
      { length: 181 },
      (_, k) => [Math.cos(k * Math.PI / 90), Math.sin(k * Math.PI / 90)],
    );
    marks.push(Plot.line(circle, { stroke: "#888", strokeDasharray: "4 3" }));
  }
  marks.push(points);
  const chart = plotElement({
    width: size,
    height: size,
    marginLeft: MARGIN,
    marginRight: MARGIN,
    marginTop: MARGIN,
    marginBottom: MARGIN,
    x: { domain: [-R, R], label: "Re", nice: false },
    y: { domain: [-R, R], label: "Im", nice: false },
    color: { type: "identity" },
    grid: true,
    marks,
  }, doc);
  return { node: chart.node, margin: MARGIN };
}
const INSIDE = CATEGORY_COLORS[0]!;
const OUTSIDE = CATEGORY_COLORS[2]!;

/**
 * Scatter of complex numbers `re + i·im` on equal axes centred at 0.
 *
 * @param re Real parts.
 * @param im Imaginary parts (same length).
 * @param options Unit circle and size.
 * @returns A figure whose summary gives the count, the spectral radius and how many lie outside the unit circle.
 *
 * @example A rotation with slight decay
 * ```ts
 * import { plotComplexPlane } from "./complex_plane.ts";
 * import assert from "node:assert/strict";
 * const fig = plotComplexPlane([0.6, 0.6, 1.2], [0.7, -0.7, 0]);
 * assert.match(fig.summary, /3 values; largest \|z\| 1.2; 1 outside the unit circle/);
 * assert.match(fig.svg, /<title>0.6 − 0.7i \(\|z\| 0.922\d*\)<\/title>/); // hover title
 * ```
 */
export function plotComplexPlane(
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  options: ComplexPlaneOptions = {},
): Figure {
  const { title = "", unitCircle = true, size = 420 } = options;
  const x = asVector(re, "re", CONTEXT);
  const y = asVector(im, "im", CONTEXT);
  if (x.length !== y.length) {
    throw new TypeError(
      `${CONTEXT}: \`re\` and \`im\` must have the same length: got ${x.length} and ${y.length}`,
    );
  }
  if (x.length === 0) throw new RangeError(`${CONTEXT}: \`re\` must not be empty: got []`);
  const points = Array.from(x, (r, k) => {
    const mod = Math.hypot(r, y[k]!);
    return {
      re: r,
      im: y[k]!,
      mod,
      fill: unitCircle && mod > 1 + 1e-12 ? OUTSIDE : INSIDE,
      title: complexTitle(r, y[k]!),
    };
  });
  const radius = extent(points.map((p) => p.mod))[1];
  const dots = Plot.dot(points, {
    x: "re",
    y: "im",
    r: 4,
    fill: "fill",
    stroke: "white",
    strokeWidth: 0.5,
    title: "title",
  });
  const doc = createDocument();
  const { node, margin } = complexPlaneChart(doc, dots, { radius, unitCircle, size });
  const items: Placed[] = [{ node, x: 0, y: 0 }];
  let width = size;
  const outside = points.filter((p) => p.fill === OUTSIDE).length;
  if (unitCircle) {
    const legend = swatches(doc, [
      { label: "|z| ≤ 1", color: INSIDE, shape: "circle" },
      { label: "|z| > 1", color: OUTSIDE, shape: "circle" },
    ]);
    items.push({ node: legend.node, x: size, y: margin });
    width += legend.width + 8;
  }
  const summary = `Complex plane: ${points.length} values; largest |z| ${formatNumber(radius)}${
    unitCircle ? `; ${outside} outside the unit circle` : ""
  }`;
  return composeFigure(doc, { title, width, height: size, items, summary });
}

/**
 * The hover title of a complex number: `a ± bi (|z| r)`.
 *
 * @param re Real part.
 * @param im Imaginary part.
 * @returns E.g. `"0.6 − 0.7i (|z| 0.922)"`.
 *
 * @example
 * ```ts
 * import { complexTitle } from "./complex_plane.ts";
 * import assert from "node:assert/strict";
 * assert.equal(complexTitle(0.6, -0.8), "0.6 − 0.8i (|z| 1)");
 * ```
 */
export function complexTitle(re: number, im: number): string {
  return `${formatNumber(re)} ${im < 0 ? "−" : "+"} ${formatNumber(Math.abs(im))}i (|z| ${
    formatNumber(Math.hypot(re, im))
  })`;
}
