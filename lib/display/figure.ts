/**
 * The `Figure` value every figure function returns: plain data (the SVG text,
 * its title, size and a plain-text summary) that displays itself in Jupyter as
 * `image/svg+xml`, plus `text/html` (the same SVG inline) and a `text/plain`
 * summary.
 *
 * The HTML form exists because some front ends mangle raw SVG outputs: Debian's
 * nbconvert 6.5 passes `image/svg+xml` through an HTML cleaner that strips the
 * SVG elements (jupyter/nbconvert#1849, #1894), so exported notebooks showed
 * blank figures; it keeps `text/html` as it is. The SVG is inline there (not an
 * `<img>`, which JupyterLab uses for `image/svg+xml`) so the figures' hover
 * titles (SVG `<title>`: a heatmap cell's row, column and value, a point's
 * label) show in the notebook.
 *
 * @module
 */

import { registerRenderer, tagResult } from "../result.ts";
import { escapeXml, SVG_NS } from "./dom.ts";

/** A rendered figure: standalone SVG text plus what a text-only display shows. */
export interface Figure {
  /** Always `"figure"`. */
  readonly kind: string;
  /** Title drawn at the top of the figure ("" when none). */
  readonly title: string;
  /** Standalone SVG document text (root `<svg>` with `xmlns`). */
  readonly svg: string;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** What the figure shows, in words and numbers (the `text/plain` display). */
  readonly summary: string;
}

/** Options for {@link figure}. */
export interface FigureOptions {
  /** Figure title (kept as data; not drawn by this function). @default "" */
  title?: string;
  /** Plain-text description shown where SVG cannot be. @default "" */
  summary?: string;
}

/**
 * Wrap SVG text as a displayable {@link Figure}. Width and height are read from
 * the root element (`width`/`height`, else the `viewBox`); a missing `xmlns`
 * is added so the text stands alone as a file.
 *
 * @param svg SVG text whose root element is `<svg>`.
 * @param options Title and summary.
 * @returns The figure (frozen; displays as `image/svg+xml`).
 *
 * @example Wrap SVG text
 * ```ts
 * import { figure } from "./figure.ts";
 * import assert from "node:assert/strict";
 * const fig = figure('<svg width="20" height="10"><rect width="20" height="10"/></svg>', { title: "box" });
 * assert.equal(fig.width, 20);
 * assert.match(fig.svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
 * // deno-lint-ignore no-explicit-any
 * const bundle = (fig as any)[Symbol.for("Jupyter.display")]();
 * assert.deepEqual(Object.keys(bundle).sort(), ["image/svg+xml", "text/html", "text/plain"]);
 * ```
 */
export function figure(svg: string, options: FigureOptions = {}): Figure {
  const { title = "", summary = "" } = options;
  if (typeof svg !== "string" || !/^\s*<svg[\s>]/.test(svg)) {
    const shown = typeof svg === "string" ? JSON.stringify(svg.slice(0, 40)) : typeof svg;
    throw new TypeError(
      `Cannot make figure: \`svg\` must be SVG text starting with <svg: got ${shown}`,
    );
  }
  let text = svg.trim();
  const open = text.slice(0, text.indexOf(">") + 1);
  if (!/\sxmlns=/.test(open)) text = text.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  const attr = (name: string) => Number(new RegExp(`\\s${name}="([0-9.]+)"`).exec(open)?.[1]);
  const box = /\sviewBox="[-0-9.]+[ ,]+[-0-9.]+[ ,]+([0-9.]+)[ ,]+([0-9.]+)"/.exec(open);
  const width = attr("width") || Number(box?.[1]) || 0;
  const height = attr("height") || Number(box?.[2]) || 0;
  return tagResult("figure", { title, svg: text, width, height, summary });
}

/**
 * Plain-text display of a figure: title, size and summary.
 *
 * @param fig The figure.
 * @returns Text without ANSI escapes.
 *
 * @example Title, size and summary
 * ```ts
 * import { figure, figureText } from "./figure.ts";
 * import assert from "node:assert/strict";
 * const fig = figure('<svg width="20" height="10"/>', { title: "T", summary: "nothing" });
 * assert.equal(figureText(fig), "Figure: T (20 × 10 SVG)\nnothing");
 * ```
 */
export function figureText(fig: Figure): string {
  const head = `Figure${fig.title ? `: ${fig.title}` : ""} (${fig.width} × ${fig.height} SVG)`;
  return fig.summary ? `${head}\n${fig.summary}` : head;
}

/**
 * HTML for a figure: the SVG inline (so its hover titles, SVG `<title>`
 * elements, show in the notebook), in a `<div>` that scrolls when the output
 * is narrower, labelled with the summary for screen readers.
 *
 * @param fig The figure.
 * @returns A `<div …><svg …>…</svg></div>` fragment.
 *
 * @example The SVG inline, labelled with its summary
 * ```ts
 * import { figure, figureHtml } from "./figure.ts";
 * import assert from "node:assert/strict";
 * const html = figureHtml(figure('<svg width="2" height="1"><title>a</title></svg>', { summary: "a <tiny> box" }));
 * assert.match(html, /^<div class="neurocompare-figure" role="img" aria-label="Figure \(2 × 1 SVG\); a &lt;tiny&gt; box"/);
 * assert.match(html, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="2" height="1"><title>a<\/title><\/svg><\/div>$/);
 * ```
 */
export function figureHtml(fig: Figure): string {
  const label = escapeXml(figureText(fig).replace(/\n/g, "; "));
  return `<div class="neurocompare-figure" role="img" aria-label="${label}" style="max-width:100%;overflow-x:auto">${fig.svg}</div>`;
}

registerRenderer<Figure>("figure", (fig) => {
  return { "image/svg+xml": fig.svg, "text/html": figureHtml(fig), "text/plain": figureText(fig) };
});
