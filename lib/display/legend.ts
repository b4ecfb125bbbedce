/**
 * Legends drawn as plain SVG, so they render without a canvas (Plot's own
 * continuous legends need one) and stay inside a standalone SVG file:
 * a continuous colour bar and categorical swatches.
 *
 * @module
 */

import * as Plot from "../deps/plot.ts";
import { el, type SvgDocument, type SvgElement } from "./dom.ts";
import { formatNumber, niceTicks, textWidth } from "./format.ts";

/** A legend group and the space it takes. */
export interface LegendBox {
  /** `<g>` element, drawn from (0, 0). */
  readonly node: SvgElement;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/**
 * A continuous colour map from a Plot scheme name over a numeric domain.
 *
 * @param scheme Plot scheme name, e.g. `"viridis"`, `"magma"`, `"rdbu"`.
 * @param domain `[lo, hi]` with lo < hi.
 * @param context Error-message prefix.
 * @returns Function from a value to a CSS colour (clamped to the domain).
 *
 * @example Viridis, clamped
 * ```ts
 * import { continuousColor } from "./legend.ts";
 * import assert from "node:assert/strict";
 * const c = continuousColor("viridis", [0, 1]);
 * assert.equal(c(0), "#440154");
 * assert.equal(c(2), c(1));
 * ```
 */
export function continuousColor(
  scheme: string,
  domain: readonly [number, number],
  context = "Cannot draw colour scale",
): (v: number) => string {
  let scale: { apply(v: unknown): unknown };
  try {
    scale = Plot.scale({
      color: { type: "linear", scheme: scheme as never, domain: [...domain], clamp: true },
    });
  } catch (e) {
    throw new RangeError(
      `${context}: \`scheme\` must be a Plot colour scheme such as "viridis": got ${
        JSON.stringify(scheme)
      } (${(e as Error).message})`,
    );
  }
  return (v) => String(scale.apply(v));
}

/** The categorical palette (Plot's `observable10`). */
export const CATEGORY_COLORS: readonly string[] = [
  "#4269d0",
  "#efb118",
  "#ff725c",
  "#6cc5b0",
  "#3ca951",
  "#ff8ab7",
  "#a463f2",
  "#97bbf5",
  "#9c6b4e",
  "#9498a0",
];

/** Options for {@link colorBar}. */
export interface ColorBarOptions {
  /** Caption above the bar. @default "" */
  label?: string;
  /** Length of the bar in pixels. @default 160 */
  length?: number;
  /** Thickness of the bar in pixels. @default 12 */
  thickness?: number;
  /** Number of colour steps drawn. @default 64 */
  steps?: number;
}

/**
 * A vertical colour bar: `steps` stacked rectangles (low values at the bottom),
 * an outline, ticks at round values and their labels on the right.
 *
 * @param doc Document to build in.
 * @param color Value → colour.
 * @param domain `[lo, hi]`.
 * @param options Label and size.
 * @returns The legend group and its size.
 *
 * @example Ticks and rectangles
 * ```ts
 * import { createDocument, serialize } from "./dom.ts";
 * import { colorBar, continuousColor } from "./legend.ts";
 * import assert from "node:assert/strict";
 * const bar = colorBar(createDocument(), continuousColor("viridis", [0, 1]), [0, 1], { steps: 8 });
 * const svg = serialize(bar.node);
 * assert.equal(svg.match(/<rect /g)?.length, 9); // 8 steps + outline
 * assert.match(svg, />0.2</);
 * ```
 */
export function colorBar(
  doc: SvgDocument,
  color: (v: number) => string,
  domain: readonly [number, number],
  options: ColorBarOptions = {},
): LegendBox {
  const { label = "", length = 160, thickness = 12, steps = 64 } = options;
  const [lo, hi] = domain;
  const top = label ? 16 : 6;
  const g = el(doc, "g", { "aria-label": "color legend", "font-size": 10 });
  if (label) {
    g.appendChild(
      el(doc, "text", { x: 0, y: 10, "text-anchor": "start", "font-weight": 600 }, label),
    );
  }
  const h = length / steps;
  for (let k = 0; k < steps; k++) {
    const v = lo + (hi - lo) * (k + 0.5) / steps;
    // step k is drawn from the bottom up; overlap by half a pixel to avoid hairline gaps
    g.appendChild(el(doc, "rect", {
      x: 0,
      y: top + length - (k + 1) * h,
      width: thickness,
      height: h + 0.5,
      fill: color(v),
    }));
  }
  g.appendChild(el(doc, "rect", {
    x: 0,
    y: top,
    width: thickness,
    height: length,
    fill: "none",
    stroke: "#555",
    "stroke-width": 0.5,
  }));
  let labelWidth = 0;
  const ticks = niceTicks(lo, hi, Math.max(2, Math.round(length / 40)));
  for (const t of ticks) {
    const y = top + length - (hi > lo ? (t - lo) / (hi - lo) : 0.5) * length;
    const text = formatNumber(t, 3);
    labelWidth = Math.max(labelWidth, textWidth(text));
    g.appendChild(
      el(doc, "line", { x1: thickness, x2: thickness + 4, y1: y, y2: y, stroke: "#555" }),
    );
    g.appendChild(
      el(doc, "text", { x: thickness + 6, y, dy: "0.32em", "text-anchor": "start" }, text),
    );
  }
  const width = Math.max(thickness + 6 + labelWidth, label ? textWidth(label) * 1.1 : 0) + 4;
  return { node: g, width, height: top + length + 6 };
}

/** One entry of a categorical legend. */
export interface Swatch {
  /** Text shown. */
  readonly label: string;
  /** CSS colour. */
  readonly color: string;
  /** Marker drawn: a filled square, a filled circle, an open circle or a short line. @default "square" */
  readonly shape?: "square" | "circle" | "ring" | "line";
}

/**
 * A vertical categorical legend: one coloured marker and label per entry.
 *
 * @param doc Document to build in.
 * @param items Entries, top to bottom.
 * @param title Caption above the entries (omitted when empty).
 * @returns The legend group and its size.
 *
 * @example Two entries
 * ```ts
 * import { createDocument, serialize } from "./dom.ts";
 * import { swatches } from "./legend.ts";
 * import assert from "node:assert/strict";
 * const s = swatches(createDocument(), [{ label: "A", color: "red" }, { label: "B", color: "blue" }]);
 * assert.equal(serialize(s.node).match(/<text /g)?.length, 2);
 * assert.equal(s.height, 2 * 16);
 * ```
 */
export function swatches(doc: SvgDocument, items: readonly Swatch[], title = ""): LegendBox {
  const g = el(doc, "g", { "aria-label": "swatch legend", "font-size": 10 });
  let y = 0;
  let width = 0;
  if (title) {
    g.appendChild(
      el(doc, "text", { x: 0, y: 10, "text-anchor": "start", "font-weight": 600 }, title),
    );
    width = textWidth(title) * 1.1;
    y = 16;
  }
  for (const { label, color, shape = "square" } of items) {
    const cy = y + 8;
    if (shape === "circle") g.appendChild(el(doc, "circle", { cx: 5, cy, r: 4, fill: color }));
    else if (shape === "ring") {
      g.appendChild(
        el(doc, "circle", { cx: 5, cy, r: 3.5, fill: "white", stroke: color, "stroke-width": 1.5 }),
      );
    } else if (shape === "line") {
      g.appendChild(
        el(doc, "line", { x1: 0, x2: 10, y1: cy, y2: cy, stroke: color, "stroke-width": 2 }),
      );
    } else g.appendChild(el(doc, "rect", { x: 0, y: cy - 5, width: 10, height: 10, fill: color }));
    g.appendChild(el(doc, "text", { x: 15, y: cy, dy: "0.32em", "text-anchor": "start" }, label));
    width = Math.max(width, 15 + textWidth(label));
    y += 16;
  }
  return { node: g, width: width + 4, height: y };
}
