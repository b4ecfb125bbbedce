/**
 * Test helpers for figures: parse SVG with linkedom's DOMParser, check XML
 * well-formedness strictly (linkedom's parser is lenient), compare against
 * stored snapshots (`UPDATE_SNAPSHOTS=1` rewrites them).
 *
 * @module
 */

import assert from "node:assert/strict";
import { DOMParser } from "../../lib/deps/linkedom.ts";

/** The part of a parsed element the tests read. */
export interface Node {
  readonly localName: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Node>;
}

/** A parsed SVG document. */
export interface SvgDoc {
  readonly documentElement: Node;
  querySelectorAll(selector: string): ArrayLike<Node>;
}

/** Parse SVG text (after checking it is well-formed XML). */
export function parseSvg(svg: string): SvgDoc {
  assertWellFormed(svg);
  return new DOMParser().parseFromString(svg, "image/svg+xml") as unknown as SvgDoc;
}

/** Number of elements matching a selector. */
export function count(doc: SvgDoc | Node, selector: string): number {
  return doc.querySelectorAll(selector).length;
}

/** Text content of the elements matching a selector. */
export function texts(doc: SvgDoc | Node, selector: string): string[] {
  return Array.from(doc.querySelectorAll(selector), (n) => n.textContent ?? "");
}

const NAME = "[A-Za-z_][\\w.:-]*";
const ATTR = new RegExp(`^\\s+(${NAME})="([^"<]*)"`);
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/**
 * Throw unless `xml` is one well-formed element: balanced tags, quoted
 * attributes without `<`, no duplicate attributes, only valid entities.
 */
export function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  let i = 0;
  let roots = 0;
  const fail = (msg: string) => {
    throw new assert.AssertionError({
      message: `not well-formed XML at ${i}: ${msg}: ${xml.slice(i, i + 80)}`,
    });
  };
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (ENTITY.test(text)) fail("bad entity in text");
    if (text.trim() && stack.length === 0) fail("text outside the root element");
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith("</", i)) {
      const m = new RegExp(`^</(${NAME})\\s*>`).exec(xml.slice(i));
      if (!m) fail("bad closing tag");
      if (stack.pop() !== m![1]) fail(`closing </${m![1]}> does not match`);
      i += m![0].length;
      continue;
    }
    const m = new RegExp(`^<(${NAME})`).exec(xml.slice(i));
    if (!m) fail("bad opening tag");
    const name = m![1]!;
    i += m![0].length;
    const seen = new Set<string>();
    for (;;) {
      const a = ATTR.exec(xml.slice(i));
      if (!a) break;
      if (seen.has(a[1]!)) fail(`duplicate attribute ${a[1]}`);
      if (ENTITY.test(a[2]!)) fail("bad entity in attribute");
      seen.add(a[1]!);
      i += a[0].length;
    }
    const end = /^\s*(\/?)>/.exec(xml.slice(i));
    if (!end) fail(`unterminated <${name}>`);
    i += end![0].length;
    if (stack.length === 0) roots++;
    if (end![1] !== "/") stack.push(name);
  }
  if (stack.length) {
    throw new assert.AssertionError({ message: `not well-formed XML: unclosed <${stack.at(-1)}>` });
  }
  if (roots !== 1) {
    throw new assert.AssertionError({ message: `not well-formed XML: ${roots} root elements` });
  }
}

const SNAPSHOTS = new URL("./snapshots/", import.meta.url);
/** First line of every snapshot: keeps `deno fmt` from reformatting the stored SVG. */
const HEADER = "<!-- deno-fmt-ignore-file -->\n";

/**
 * Compare `svg` with `snapshots/<name>.svg`; with `UPDATE_SNAPSHOTS=1` write it instead.
 * A missing snapshot fails (run once with UPDATE_SNAPSHOTS=1 and review the file).
 */
export function assertSnapshot(name: string, svg: string): void {
  const file = new URL(`${name}.svg`, SNAPSHOTS);
  if (Deno.env.get("UPDATE_SNAPSHOTS") === "1") {
    Deno.mkdirSync(SNAPSHOTS, { recursive: true });
    Deno.writeTextFileSync(file, HEADER + svg + "\n");
    return;
  }
  let expected: string;
  try {
    expected = Deno.readTextFileSync(file).replace(HEADER, "").replace(/\n$/, "");
  } catch {
    throw new assert.AssertionError({
      message: `missing snapshot ${file.pathname}: run with UPDATE_SNAPSHOTS=1 and review the SVG`,
    });
  }
  if (svg !== expected) {
    let k = 0;
    while (k < svg.length && svg[k] === expected[k]) k++;
    throw new assert.AssertionError({
      message: `SVG differs from snapshot ${name}.svg at character ${k}:\n  actual:   …${
        svg.slice(Math.max(0, k - 40), k + 60)
      }\n  expected: …${
        expected.slice(Math.max(0, k - 40), k + 60)
      }\n(UPDATE_SNAPSHOTS=1 rewrites snapshots)`,
    });
  }
}
