/**
 * Render Observable Plot specifications to SVG text without a browser: Plot
 * builds its DOM in a linkedom document, and the result is serialized as a
 * standalone SVG (namespaces set, XML-escaped, deterministic).
 *
 * @module
 */

import * as Plot from "../deps/plot.ts";
import {
  createDocument,
  serialize,
  SVG_NS,
  type SvgDocument,
  type SvgElement,
  XLINK_NS,
} from "./dom.ts";

/** Plot options, as accepted by `Plot.plot` (the `document` is supplied here). */
export type PlotSpec = Plot.PlotOptions;

/** A materialized Plot scale: maps data values to pixels or colours. */
export interface PlotScale {
  /** Data domain. */
  readonly domain: readonly unknown[];
  /** Output range (pixels for position scales). */
  readonly range?: readonly unknown[];
  /** Map a data value through the scale. */
  apply(value: unknown): unknown;
}

/** A rendered Plot chart: the SVG element and its materialized scales. */
export interface RenderedPlot {
  /** The `<svg>` element. */
  readonly node: SvgElement;
  /** A scale by name (`"x"`, `"y"`, `"color"`), if the chart has it. */
  scale(name: string): PlotScale | undefined;
}

/**
 * Render a Plot spec into a linkedom document (for composing into a larger figure).
 *
 * @param spec Plot options; must not ask for a title, caption or legend (those make
 *   Plot return an HTML `<figure>`; figures draw their own title and SVG legends).
 * @param doc Document to render into.
 * @returns The SVG element and its scales.
 *
 * @example Read back a scale
 * ```ts
 * import * as Plot from "../deps/plot.ts";
 * import { createDocument } from "./dom.ts";
 * import { plotElement } from "./render.ts";
 * import assert from "node:assert/strict";
 * const p = plotElement({ marks: [Plot.dotX([1, 2, 3])], width: 200 }, createDocument());
 * assert.deepEqual(p.scale("x")?.domain, [1, 3]);
 * ```
 */
export function plotElement(spec: PlotSpec, doc: SvgDocument): RenderedPlot {
  for (const key of ["title", "subtitle", "caption"] as const) {
    if (spec[key] !== undefined) {
      throw new TypeError(
        `Cannot render plot: \`spec.${key}\` makes Plot return an HTML figure: got ${
          JSON.stringify(String(spec[key]))
        }; pass the title to the figure instead`,
      );
    }
  }
  const chart = Plot.plot({ ...spec, document: doc as never }) as unknown as SvgElement & {
    scale(name: string): PlotScale | undefined;
  };
  if (chart.localName !== "svg") {
    throw new TypeError(
      `Cannot render plot: \`spec\` produced an HTML <${chart.localName}> (a legend?), not an SVG; draw legends with colorBar() or swatches()`,
    );
  }
  return { node: chart, scale: (name) => chart.scale(name) };
}

/**
 * Render a Plot spec to a standalone SVG string: `xmlns` and `xmlns:xlink` set,
 * XML-escaped, identical for identical input (safe for snapshot tests).
 *
 * @param spec Plot options (no title, caption or legend; see {@link plotElement}).
 * @returns SVG text starting with `<svg`.
 *
 * @example A small line chart
 * ```ts
 * import * as Plot from "../deps/plot.ts";
 * import { renderPlot } from "./render.ts";
 * import assert from "node:assert/strict";
 * const svg = renderPlot({ marks: [Plot.lineY([1, 3, 2])], width: 300, height: 150 });
 * assert.match(svg, /^<svg[^>]* xmlns="http:\/\/www.w3.org\/2000\/svg"/);
 * assert.equal(svg, renderPlot({ marks: [Plot.lineY([1, 3, 2])], width: 300, height: 150 }));
 * ```
 */
export function renderPlot(spec: PlotSpec): string {
  const { node } = plotElement(spec, createDocument());
  setNamespaces(node);
  return serialize(node);
}

/**
 * Set `xmlns` and `xmlns:xlink` on a root `<svg>` so it stands alone as a file.
 *
 * @param svg The root element.
 *
 * @example Namespaces on a bare svg
 * ```ts
 * import { createDocument, el, serialize } from "./dom.ts";
 * import { setNamespaces } from "./render.ts";
 * import assert from "node:assert/strict";
 * const svg = el(createDocument(), "svg");
 * setNamespaces(svg);
 * assert.match(serialize(svg), /xmlns:xlink="http:\/\/www.w3.org\/1999\/xlink"/);
 * ```
 */
export function setNamespaces(svg: SvgElement): void {
  svg.setAttribute("xmlns", SVG_NS);
  svg.setAttribute("xmlns:xlink", XLINK_NS);
}
