/**
 * Compose panels (Plot charts, legends, hand-drawn groups) into one framed
 * standalone SVG figure with a white background and an optional title.
 *
 * @module
 */

import { createDocument, el, serialize, type SvgDocument, type SvgElement } from "./dom.ts";
import { type Figure, figure } from "./figure.ts";
import { textWidth } from "./format.ts";
import { plotElement, type PlotSpec, setNamespaces } from "./render.ts";

/** Height of the title band in pixels. */
export const TITLE_HEIGHT = 30;

/** Height added to the title band by a second title line. */
const TITLE_LINE = 18;

/** Where a figure title goes: its lines, the band they take and the figure width they need. */
export interface TitleFit {
  /** One line, or two where the title is wider than the figure. */
  readonly lines: readonly string[];
  /** Height of the title band in pixels (0 without a title). */
  readonly height: number;
  /** Figure width in pixels: the given one, or wider where even two lines do not fit. */
  readonly width: number;
}

/** A figure is widened to hold its title on one line up to this width; beyond, the title wraps. */
const WIDEN_TO = 640;

/** Rendered width of a title line (14 px bold): the text estimate plus 20% for the weight and wide fonts. */
const titleWidth = (line: string) => textWidth(line, 14) * 1.2;

/**
 * Fit a figure title (drawn from x = 10 in 14 px bold) to a figure width: one line
 * where it fits, or fits once the figure is widened to at most 640 px; else two
 * lines broken at the space that balances them (the figure widened to the longer
 * line if need be).
 *
 * @param title The title ("" for none).
 * @param width Figure width in pixels.
 * @returns The lines, the height of the title band and the width the figure needs.
 *
 * @example A title wider than its figure
 * ```ts
 * import { fitTitle, TITLE_HEIGHT } from "./layout.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(fitTitle("Short", 200), { lines: ["Short"], height: TITLE_HEIGHT, width: 200 });
 * // a narrow figure is widened to its title
 * const wide = fitTitle("Training distances (linear metric, α = 1, angular)", 168);
 * assert.deepEqual(wide.lines, ["Training distances (linear metric, α = 1, angular)"]);
 * assert.ok(wide.width > 168 && wide.width <= 640);
 * // a title wider than 640 px goes onto two lines
 * const long = "Pairwise distances between every pair of the forty networks trained on the task with new seeds";
 * const two = fitTitle(long, 168);
 * assert.equal(two.lines.length, 2);
 * assert.ok(two.height > TITLE_HEIGHT);
 * ```
 */
export function fitTitle(title: string, width: number): TitleFit {
  if (!title) return { lines: [], height: 0, width };
  const one = Math.ceil(titleWidth(title) + 20);
  if (one <= Math.max(width, WIDEN_TO)) {
    return { lines: [title], height: TITLE_HEIGHT, width: Math.max(width, one) };
  }
  // the break (at a space) whose longer line is shortest
  let best: [string, string] | null = null, bestWidth = Infinity;
  for (let k = title.indexOf(" "); k > 0; k = title.indexOf(" ", k + 1)) {
    const pair: [string, string] = [title.slice(0, k), title.slice(k + 1)];
    const w = Math.max(titleWidth(pair[0]), titleWidth(pair[1]));
    if (w < bestWidth) [best, bestWidth] = [pair, w];
  }
  if (!best) return { lines: [title], height: TITLE_HEIGHT, width: one };
  return {
    lines: best,
    height: TITLE_HEIGHT + TITLE_LINE,
    width: Math.max(width, Math.ceil(bestWidth + 20)),
  };
}

/**
 * SVG markup of title lines (from {@link fitTitle}), drawn from (10, 20) one under
 * the other, for figures assembled as text rather than with a document.
 *
 * @param lines The title lines.
 * @returns `<text>` elements, escaped.
 *
 * @example Two lines
 * ```ts
 * import { titleMarkup } from "./layout.ts";
 * import assert from "node:assert/strict";
 * const svg = titleMarkup(["A & B", "C"]);
 * assert.match(svg, /^<text x="10" y="20"[^>]*>A &amp; B<\/text><text x="10" y="38"/);
 * ```
 */
export function titleMarkup(lines: readonly string[]): string {
  return lines.map((line, k) =>
    `<text x="10" y="${20 + k * TITLE_LINE}" font-size="14" font-weight="600" fill="#222">${
      line.replace(/&/g, "&amp;").replace(/</g, "&lt;")
    }</text>`
  ).join("");
}

/** A panel placed at (x, y) in content coordinates (below the title band). */
export interface Placed {
  /** An `<svg>` (positioned with x/y), a `<g>` (translated) or any other element (wrapped in a translated `<g>`). */
  readonly node: SvgElement;
  /** Left edge in pixels. */
  readonly x: number;
  /** Top edge in pixels. */
  readonly y: number;
}

/** What {@link composeFigure} needs. */
export interface ComposeOptions {
  /** Title drawn top-left; no title band when empty. */
  title: string;
  /** Content width in pixels. */
  width: number;
  /** Content height in pixels (the title band is added on top). */
  height: number;
  /** Panels to place. */
  items: readonly Placed[];
  /** Plain-text summary for the figure's text display. */
  summary: string;
}

/**
 * Place panels in one root `<svg>` (namespaces set, white background, title) and
 * wrap the result as a {@link Figure}. A title wider than the figure widens it (up to
 * 640 px), or beyond that goes onto two lines (see {@link fitTitle}).
 *
 * @param doc The document the panels were built in.
 * @param options Title, content size, panels and summary.
 * @returns The figure.
 *
 * @example One rectangle under a title
 * ```ts
 * import { createDocument, el } from "./dom.ts";
 * import { composeFigure, TITLE_HEIGHT } from "./layout.ts";
 * import assert from "node:assert/strict";
 * const doc = createDocument();
 * const fig = composeFigure(doc, {
 *   title: "Box", width: 100, height: 50, summary: "a box",
 *   items: [{ node: el(doc, "rect", { width: 10, height: 10 }), x: 5, y: 5 }],
 * });
 * assert.equal(fig.height, 50 + TITLE_HEIGHT);
 * assert.match(fig.svg, /<g transform="translate\(5,35\)"><rect/);
 * ```
 */
export function composeFigure(doc: SvgDocument, options: ComposeOptions): Figure {
  const { title, items, summary } = options;
  // a title wider than the content wraps onto two lines, and widens the figure if need be
  const fit = fitTitle(title, Math.ceil(options.width));
  const width = fit.width, top = fit.height;
  const height = Math.ceil(options.height + top);
  const root = el(doc, "svg", {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    "font-family": "system-ui, sans-serif",
    "font-size": 10,
    // axes use currentColor: pin it so inline SVG stays dark on its white background in dark themes
    color: "#222",
  });
  setNamespaces(root);
  root.appendChild(el(doc, "rect", { width, height, fill: "white" }));
  fit.lines.forEach((line, k) =>
    root.appendChild(
      el(doc, "text", {
        x: 10,
        y: 20 + k * TITLE_LINE,
        "font-size": 14,
        "font-weight": 600,
        fill: "#222",
      }, line),
    )
  );
  for (const { node, x, y } of items) {
    if (node.localName === "svg") {
      node.setAttribute("x", String(Math.round(x)));
      node.setAttribute("y", String(Math.round(y + top)));
      node.setAttribute("overflow", "visible");
      root.appendChild(node);
    } else if (node.localName === "g" && node.getAttribute("transform") === null) {
      node.setAttribute("transform", `translate(${Math.round(x)},${Math.round(y + top)})`);
      root.appendChild(node);
    } else {
      root.appendChild(
        el(doc, "g", { transform: `translate(${Math.round(x)},${Math.round(y + top)})` }, [node]),
      );
    }
  }
  return figure(serialize(root), { title, summary });
}

/** Options for {@link plotFigure}. */
export interface PlotFigureOptions {
  /** Title drawn above the chart. @default "" */
  title?: string;
  /** Plain-text description for text-only displays. @default "" */
  summary?: string;
}

/**
 * Render any Observable Plot spec as a displayable {@link Figure} (white background,
 * optional title): the escape hatch for charts no figure function covers.
 *
 * @param spec Plot options (no Plot title/caption/legend; see `plotElement`).
 * @param options Title and summary.
 * @returns The figure.
 *
 * @example A custom dot chart
 * ```ts
 * import * as Plot from "../deps/plot.ts";
 * import { plotFigure } from "./layout.ts";
 * import assert from "node:assert/strict";
 * const fig = plotFigure({ marks: [Plot.dot([[1, 2], [3, 4]])], width: 300, height: 200 }, { title: "Dots" });
 * assert.equal(fig.width, 300);
 * assert.equal((fig.svg.match(/<circle /g) ?? []).length, 2);
 * ```
 */
export function plotFigure(spec: PlotSpec, options: PlotFigureOptions = {}): Figure {
  const { title = "", summary = "" } = options;
  const doc = createDocument();
  const chart = plotElement(spec, doc);
  const width = Number(chart.node.getAttribute("width"));
  const height = Number(chart.node.getAttribute("height"));
  return composeFigure(doc, {
    title,
    width,
    height,
    items: [{ node: chart.node, x: 0, y: 0 }],
    summary,
  });
}
