/**
 * Compose panels (Plot charts, legends, hand-drawn groups) into one framed
 * standalone SVG figure with a white background and an optional title.
 *
 * @module
 */

import { createDocument, el, serialize, type SvgDocument, type SvgElement } from "./dom.ts";
import { type Figure, figure } from "./figure.ts";
import { plotElement, type PlotSpec, setNamespaces } from "./render.ts";

/** Height of the title band in pixels. */
export const TITLE_HEIGHT = 30;

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
 * wrap the result as a {@link Figure}.
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
  const width = Math.ceil(options.width);
  const top = title ? TITLE_HEIGHT : 0;
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
  if (title) {
    root.appendChild(
      el(doc, "text", { x: 10, y: 20, "font-size": 14, "font-weight": 600, fill: "#222" }, title),
    );
  }
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
