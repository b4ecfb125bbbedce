/**
 * A server-side SVG DOM (linkedom) and a strict XML serializer for it.
 *
 * linkedom serializes like an HTML parser would read it back, which leaves `&`
 * and `<` unescaped inside attribute values; a standalone `.svg` file is XML, so
 * the figures are serialized here instead: attributes in insertion order, text
 * and attribute values escaped, empty elements self-closed.
 *
 * @module
 */

import { parseHTML } from "../deps/linkedom.ts";

/** The SVG namespace. */
export const SVG_NS = "http://www.w3.org/2000/svg";
/** The XLink namespace (for `xlink:href` in older viewers). */
export const XLINK_NS = "http://www.w3.org/1999/xlink";

/** The part of a DOM node this module reads (linkedom nodes satisfy it). */
export interface SvgNode {
  readonly nodeType: number;
  readonly localName?: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<SvgNode>;
  readonly attributes?: ArrayLike<{ readonly name: string; readonly value: string }>;
}

/** The part of a DOM element this module writes. */
export interface SvgElement extends SvgNode {
  readonly localName: string;
  textContent: string | null;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  appendChild<T extends SvgNode>(child: T): T;
  insertBefore<T extends SvgNode>(child: T, ref: SvgNode | null): T;
  readonly firstChild: SvgNode | null;
}

/** The part of a DOM document used to build figures. */
export interface SvgDocument {
  createElementNS(ns: string, name: string): SvgElement;
}

/**
 * A fresh linkedom document to build SVG in (one per figure keeps figures independent).
 *
 * @returns A document with `createElementNS`.
 *
 * @example Create an element
 * ```ts
 * import { createDocument, SVG_NS } from "./dom.ts";
 * import assert from "node:assert/strict";
 * assert.equal(createDocument().createElementNS(SVG_NS, "rect").localName, "rect");
 * ```
 */
export function createDocument(): SvgDocument {
  const window = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>") as unknown as {
    document: SvgDocument;
  };
  return window.document;
}

/** Attribute values: numbers are rounded to 3 decimals so output is stable and compact. */
export type AttrValue = string | number | undefined;

/**
 * Create an SVG element with attributes (undefined ones skipped) and children.
 *
 * @param doc The document.
 * @param name Tag name, e.g. `"rect"`.
 * @param attrs Attributes; numbers are rounded to 3 decimals.
 * @param children Child elements, or a string for text content.
 * @returns The element.
 *
 * @example A rectangle
 * ```ts
 * import { createDocument, el, serialize } from "./dom.ts";
 * import assert from "node:assert/strict";
 * const r = el(createDocument(), "rect", { x: 1 / 3, width: 2 });
 * assert.equal(serialize(r), '<rect x="0.333" width="2"/>');
 * ```
 */
export function el(
  doc: SvgDocument,
  name: string,
  attrs: Record<string, AttrValue> = {},
  children: readonly SvgNode[] | string = [],
): SvgElement {
  const node = doc.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined) node.setAttribute(k, typeof v === "number" ? fmt(v) : v);
  }
  if (typeof children === "string") node.textContent = children;
  else for (const c of children) node.appendChild(c);
  return node;
}

/**
 * A number as a short attribute string (at most 3 decimals, no `-0`).
 *
 * @param v The number.
 * @returns Its text.
 *
 * @example Markup is escaped
 * ```ts
 * import { fmt } from "./dom.ts";
 * import assert from "node:assert/strict";
 * assert.equal(fmt(2 / 3), "0.667");
 * assert.equal(fmt(-0.0001), "0");
 * ```
 */
export function fmt(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? "0" : String(r);
}

/**
 * Escape text for XML/HTML text content and attribute values.
 *
 * @param s Any string.
 * @returns The string with `&`, `<`, `>`, `"` and `'` escaped.
 *
 * @example Three decimals at most
 * ```ts
 * import { escapeXml } from "./dom.ts";
 * import assert from "node:assert/strict";
 * assert.equal(escapeXml(`<a href="x">&</a>`), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
 * ```
 */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Serialize a DOM subtree as XML (attributes in insertion order, empty elements self-closed).
 *
 * @param node Root of the subtree.
 * @returns The XML text.
 *
 * @example Escapes attribute values that linkedom would leave raw
 * ```ts
 * import { createDocument, el, serialize } from "./dom.ts";
 * import assert from "node:assert/strict";
 * const doc = createDocument();
 * const t = el(doc, "text", { "data-label": "a&b" }, "x < y");
 * assert.equal(serialize(t), '<text data-label="a&amp;b">x &lt; y</text>');
 * ```
 */
export function serialize(node: SvgNode): string {
  const out: string[] = [];
  write(node, out);
  return out.join("");
}

function write(node: SvgNode, out: string[]): void {
  if (node.nodeType === 3) {
    out.push(escapeXml(node.textContent ?? ""));
    return;
  }
  if (node.nodeType !== 1) return; // comments and others are dropped
  const name = node.localName!;
  out.push("<", name);
  // linkedom lists attributes newest first: reverse to get insertion order
  for (const a of Array.from(node.attributes ?? []).reverse()) {
    out.push(" ", a.name, '="', escapeXml(a.value), '"');
  }
  const kids = Array.from(node.childNodes);
  if (kids.length === 0) {
    out.push("/>");
    return;
  }
  out.push(">");
  for (const k of kids) write(k, out);
  out.push("</", name, ">");
}
