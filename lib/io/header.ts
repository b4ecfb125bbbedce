/**
 * The `.npy` header: a Python dict literal such as
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`,
 * parsed with a small literal parser (never evaluated) and written byte for
 * byte as numpy does.
 *
 * @module
 */

import { formatShape, spellDescr } from "./dtype.ts";
import { NpyFormatError } from "./errors.ts";

/** A Python literal value as it appears in a header. */
export type PyValue = string | number | boolean | null | PyValue[] | PyTuple | PyDict;
/** A Python tuple (kept apart from lists: numpy requires a tuple shape). */
export interface PyTuple {
  tuple: PyValue[];
}
/** A Python dict with string keys. */
export interface PyDict {
  dict: Record<string, PyValue>;
}

/**
 * Parse a Python literal: strings, integers, True/False/None, tuples, lists
 * and dicts with string keys (all a `.npy` header can hold).
 *
 * @param text The literal.
 * @param source File name for error messages.
 * @returns The value.
 * @throws {NpyFormatError} When the text is not such a literal.
 *
 * @example
 * ```ts
 * import { parsePyLiteral } from "./header.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parsePyLiteral("{'shape': (3,), 'x': True}"), {
 *   dict: { shape: { tuple: [3] }, x: true },
 * });
 * ```
 */
export function parsePyLiteral(text: string, source = "<bytes>"): PyValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new NpyFormatError(
      `Cannot read \`${source}\`: bad header dict (${what} at offset ${i}): ${
        JSON.stringify(text.length > 200 ? text.slice(0, 200) + "…" : text)
      }`,
    );
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const seq = (close: string): PyValue[] => {
    const items: PyValue[] = [];
    for (;;) {
      ws();
      if (text[i] === close) break;
      items.push(value());
      ws();
      if (text[i] === ",") i++;
      else if (text[i] !== close) fail(`expected ',' or '${close}'`);
    }
    i++;
    return items;
  };
  const value = (): PyValue => {
    ws();
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) fail("unterminated string");
      const s = text.slice(i + 1, end);
      if (s.includes("\\")) fail("escape in string");
      i = end + 1;
      return s;
    }
    if (c === "(") {
      i++;
      const items = seq(")");
      // `(8)` is the number 8 in Python; only `(8,)` is a tuple of one
      let j = i - 2;
      while (j >= 0 && /\s/.test(text[j]!)) j--;
      return items.length === 1 && text[j] !== "," ? items[0]! : { tuple: items };
    }
    if (c === "[") {
      i++;
      return seq("]");
    }
    if (c === "{") {
      i++;
      const dict: Record<string, PyValue> = {};
      for (;;) {
        ws();
        if (text[i] === "}") break;
        const key = value();
        if (typeof key !== "string") fail("non-string key");
        ws();
        if (text[i] !== ":") fail("expected ':'");
        i++;
        if (Object.hasOwn(dict, key as string)) fail(`duplicate key '${key}'`);
        dict[key as string] = value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] !== "}") fail("expected ',' or '}'");
      }
      i++;
      return { dict };
    }
    const m = /^(?:(-?\d+)L?|True|False|None)(?![\w.])/.exec(text.slice(i, i + 40));
    if (!m) return fail("unexpected token");
    i += m[0].length;
    if (m[1] !== undefined) return Number(m[1]);
    return m[0] === "True" ? true : m[0] === "False" ? false : null;
  };
  const v = value();
  ws();
  if (i !== text.length) fail("trailing characters");
  return v;
}

/** The three fields of a `.npy` header. */
export interface NpyHeaderDict {
  /** numpy dtype descr, e.g. `"<f8"`. */
  descr: string;
  /** Whether the data is stored in Fortran (column-major) order. */
  fortranOrder: boolean;
  /** Dimensions. */
  shape: number[];
}

/**
 * Parse and validate the header dict of a `.npy` file.
 *
 * @param text The header text (without the padding newline is fine).
 * @param source File name for error messages.
 * @returns The descr, order and shape.
 * @throws {NpyFormatError} For a bad dict, a structured dtype or a bad shape.
 *
 * @example
 * ```ts
 * import { parseHeaderDict } from "./header.ts";
 * import assert from "node:assert/strict";
 * const h = parseHeaderDict("{'descr': '>i4', 'fortran_order': True, 'shape': (2, 3), }  \n");
 * assert.deepEqual(h, { descr: ">i4", fortranOrder: true, shape: [2, 3] });
 * ```
 */
export function parseHeaderDict(text: string, source = "<bytes>"): NpyHeaderDict {
  const v = parsePyLiteral(text, source);
  const bad = (why: string) =>
    new NpyFormatError(`Cannot read \`${source}\`: bad header dict (${why})`);
  if (v === null || typeof v !== "object" || !("dict" in v)) throw bad("not a dict");
  const d = v.dict;
  const keys = Object.keys(d).sort().join(", ");
  if (keys !== "descr, fortran_order, shape") {
    throw bad(`keys must be descr, fortran_order, shape: got ${keys || "none"}`);
  }
  const { descr, fortran_order: fo, shape } = d;
  if (Array.isArray(descr)) {
    throw new NpyFormatError(
      `Cannot read \`${source}\`: unsupported dtype (structured dtypes are not supported)`,
    );
  }
  if (typeof descr !== "string") {
    throw bad(`'descr' must be a string: got ${JSON.stringify(descr)}`);
  }
  if (typeof fo !== "boolean") {
    throw bad(`'fortran_order' must be True or False: got ${JSON.stringify(fo)}`);
  }
  if (shape === null || typeof shape !== "object" || !("tuple" in shape)) {
    throw bad(`'shape' must be a tuple: got ${JSON.stringify(shape)}`);
  }
  const dims = shape.tuple.map((n) => {
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
      throw bad(`'shape' must hold non-negative integers: got ${JSON.stringify(shape.tuple)}`);
    }
    return n;
  });
  return { descr: spellDescr(descr), fortranOrder: fo, shape: dims };
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/**
 * Build a complete `.npy` preamble (magic, version, length, header) exactly as
 * numpy ≥ 1.23 writes it: keys sorted, 21-digit growth space after the dict,
 * padded with spaces and a newline so the data starts at a multiple of 64
 * bytes; version 1.0 unless the header needs more than 65535 bytes (then 2.0).
 *
 * @param header The dict to write.
 * @returns The preamble bytes.
 *
 * @example A 2×3 float64 header is 128 bytes
 * ```ts
 * import { encodeHeader } from "./header.ts";
 * import assert from "node:assert/strict";
 * const h = encodeHeader({ descr: "<f8", fortranOrder: false, shape: [2, 3] });
 * assert.equal(h.length, 128);
 * assert.equal(h[127], 0x0a);
 * ```
 */
export function encodeHeader(header: NpyHeaderDict): Uint8Array {
  const { descr, fortranOrder, shape } = header;
  let dict = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? "True" : "False"}, ` +
    `'shape': ${formatShape(shape)}, }`;
  if (shape.length > 0) {
    const growth = String(shape[fortranOrder ? shape.length - 1 : 0]);
    dict += " ".repeat(Math.max(0, 21 - growth.length));
  }
  const hlen = dict.length + 1;
  const pad = (lenBytes: number) => 64 - ((8 + lenBytes + hlen) % 64);
  const lenBytes = hlen + pad(2) <= 0xffff ? 2 : 4; // version 1.0, else 2.0
  const total = hlen + pad(lenBytes);
  const out = new Uint8Array(8 + lenBytes + total);
  out.set(MAGIC);
  out[6] = lenBytes === 2 ? 1 : 2;
  const view = new DataView(out.buffer);
  if (lenBytes === 2) view.setUint16(8, total, true);
  else view.setUint32(8, total, true);
  for (let k = 0; k < dict.length; k++) out[8 + lenBytes + k] = dict.charCodeAt(k);
  out.fill(0x20, 8 + lenBytes + dict.length, out.length - 1);
  out[out.length - 1] = 0x0a;
  return out;
}
