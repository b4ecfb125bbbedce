/**
 * Helpers for result renderers. An area's renderer file
 * (`lib/display/<area>.ts`) registers one function per result kind with
 * `registerRenderer(kind, r => renderResult({...}))`: it picks a title, the key
 * numbers, optionally tidy rows and a figure, and gets a complete MIME bundle
 * (`text/plain`, `text/html`, `image/svg+xml`).
 *
 * @module
 */

import type { MimeBundle } from "../result.ts";
import { type Figure, figureHtml } from "./figure.ts";
import { escapeHtml, formatNumber } from "./format.ts";
import { type Table, table, tableHtml, tableText } from "./table.ts";

/** Parts of a MIME bundle. */
export interface BundleParts {
  /** Readable plain text (ANSI escapes are removed). */
  text: string;
  /** HTML fragment. @default none */
  html?: string;
  /** SVG text or a figure. @default none */
  svg?: string | Figure;
}

/**
 * Assemble a Jupyter MIME bundle.
 *
 * @param parts Text (required), HTML and SVG.
 * @returns The bundle with `text/plain` and the given rich types.
 *
 * @example Text with colour codes removed
 * ```ts
 * import { bundle } from "./bundle.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(bundle({ text: "\x1b[1mok\x1b[0m", html: "<b>ok</b>" }), {
 *   "text/plain": "ok",
 *   "text/html": "<b>ok</b>",
 * });
 * ```
 */
export function bundle(parts: BundleParts): MimeBundle {
  const { text, html, svg } = parts;
  if (typeof text !== "string") {
    throw new TypeError(`Cannot build MIME bundle: \`text\` must be a string: got ${typeof text}`);
  }
  // deno-lint-ignore no-control-regex
  const out: MimeBundle = { "text/plain": text.replace(/\x1b\[[0-9;?]*[ -\/]*[@-~]/g, "") };
  if (html !== undefined) out["text/html"] = html;
  if (svg !== undefined) out["image/svg+xml"] = typeof svg === "string" ? svg : svg.svg;
  return out;
}

/** What a result display shows; every part but the title is optional. */
export interface ResultView {
  /** Heading, e.g. `"Linear metric (alpha = 1)"`. */
  title: string;
  /** Key numbers and settings, shown as name: value pairs. @default none */
  fields?: Record<string, unknown>;
  /** Tidy rows (or a table) shown below the fields. @default none */
  table?: Table | readonly Record<string, unknown>[];
  /** Figure(s) shown last; the first is also the bundle's `image/svg+xml`. @default none */
  figure?: Figure | readonly Figure[];
  /** A sentence of interpretation shown under the title. @default "" */
  note?: string;
  /** Significant digits of numbers in fields and table. @default 4 */
  digits?: number;
}

/**
 * Render a result view to a MIME bundle: `text/plain` (title, aligned fields,
 * table, figure summaries), `text/html` (the same with an HTML table and inline
 * SVG) and `image/svg+xml` when there is a figure.
 *
 * @param view Title, fields, table, figure, note.
 * @returns The MIME bundle.
 *
 * @example A renderer for a hypothetical result kind
 * ```ts
 * import { registerRenderer, tagResult } from "../result.ts";
 * import { renderResult } from "./bundle.ts";
 * import assert from "node:assert/strict";
 * registerRenderer("exampleDistance", (r) =>
 *   renderResult({ title: "Example distance", fields: { distance: r.distance, "n samples": r.n } }));
 * const r = tagResult("exampleDistance", { distance: 0.123456, n: 50 });
 * // deno-lint-ignore no-explicit-any
 * const b = (r as any)[Symbol.for("Jupyter.display")]();
 * assert.equal(b["text/plain"], "Example distance\n  distance   0.1235\n  n samples  50");
 * assert.match(b["text/html"], /<th[^>]*>distance<\/th><td[^>]*>0.1235<\/td>/);
 * ```
 */
export function renderResult(view: ResultView): MimeBundle {
  const { title, fields = {}, note = "", digits = 4 } = view;
  const figures = view.figure === undefined
    ? []
    : Array.isArray(view.figure)
    ? view.figure
    : [view.figure as Figure];
  const rows = view.table === undefined
    ? undefined
    : Array.isArray(view.table)
    ? table(view.table as Record<string, unknown>[], { digits })
    : view.table as Table;
  const entries = Object.entries(fields).map(([k, v]) => [k, showValue(v, digits)] as const);
  const keyWidth = Math.max(0, ...entries.map(([k]) => k.length));
  const text = [
    title,
    ...(note ? [note] : []),
    ...entries.map(([k, v]) => `  ${k.padEnd(keyWidth)}  ${v}`),
    ...(rows ? ["", tableText(rows)] : []),
    ...figures.map((f) => `[${f.summary || f.title || "figure"}]`),
  ].join("\n");
  const html = [
    `<div class="neurocompare-result">`,
    `<div style="font-weight:600;font-size:1.05em;margin:0.2em 0">${escapeHtml(title)}</div>`,
    note ? `<div style="margin:0.2em 0">${escapeHtml(note)}</div>` : "",
    entries.length
      ? `<table>${
        entries.map(([k, v]) =>
          `<tr><th style="text-align:left">${
            escapeHtml(k)
          }</th><td style="text-align:right;font-variant-numeric:tabular-nums">${
            escapeHtml(v)
          }</td></tr>`
        ).join("")
      }</table>`
      : "",
    rows ? tableHtml(rows) : "",
    ...figures.map((f) => `<div>${figureHtml(f)}</div>`),
    `</div>`,
  ].join("");
  return bundle(figures.length ? { text, html, svg: figures[0]! } : { text, html });
}

function showValue(v: unknown, digits: number): string {
  if (typeof v === "number") return formatNumber(v, digits);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const arr = Array.from(v as ArrayLike<unknown>);
    const shown = arr.slice(0, 6).map((x) =>
      typeof x === "number" ? formatNumber(x, digits) : String(x)
    );
    return `[${shown.join(", ")}${arr.length > 6 ? `, … (${arr.length})` : ""}]`;
  }
  return String(v);
}

/**
 * The scalar fields (numbers, strings, booleans) of a result, `kind` excluded:
 * a default for `ResultView.fields`.
 *
 * @param result A result object.
 * @returns Its scalar fields in order.
 *
 * @example Only scalars are kept
 * ```ts
 * import { scalarFields } from "./bundle.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(scalarFields({ kind: "x", d: 1, name: "a", v: [1, 2] }), { d: 1, name: "a" });
 * ```
 */
export function scalarFields(result: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(result).filter(([k, v]) =>
      k !== "kind" && (typeof v === "number" || typeof v === "string" || typeof v === "boolean")
    ),
  );
}
