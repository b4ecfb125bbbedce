/**
 * The footer of an Arrow IPC file read straight from its flatbuffer, for the
 * common case of a schema of flat fields (null, int, float, bool, utf8,
 * large utf8) with no dictionaries: a file of a thousand float64 columns
 * costs a fraction of the general decoder's time (which builds a flatbuffer
 * accessor object and a BigInt per number), most of all when the engine runs
 * it unoptimised, as it does on the first load of a process. Any other
 * footer, and any footer whose tables do not pass the checks of
 * `verifyFooter` (and a few stricter ones), gives undefined: the caller then
 * decodes it with `apache-arrow`, which also reports the errors.
 *
 * @module
 */

import type * as A from "../deps/apache_arrow.ts";
import type { Arrow } from "./arrow_codecs.ts";

/** Where one message (metadata + body) of an Arrow IPC file lies (as in `arrow_layout.ts`). */
export interface FooterBlock {
  /** Byte offset of the message (its continuation marker). */
  offset: number;
  /** Bytes of the metadata, prefix and padding included. */
  metaDataLength: number;
  /** Bytes of the body that follows the metadata. */
  bodyLength: number;
}

/** A footer read by {@link simpleFooter}. */
export interface SimpleFooter {
  /** The schema, built from `apache-arrow`'s own classes. */
  schema: A.Schema;
  /** Dictionary batches (none are used by a simple schema, but they are listed). */
  dictionaries: FooterBlock[];
  /** Record batches. */
  recordBatches: FooterBlock[];
}

// flatbuffer Type union tags of the flat types read here
const NULL = 1, INT = 2, FLOAT = 3, UTF8 = 5, BOOL = 6, LARGE_UTF8 = 20;
const SAFE_HIGH = 2 ** 21; // the high 32 bits of an int64 below 2^53 in magnitude

/**
 * Read an Arrow IPC file footer whose schema holds only flat fields (null,
 * int of 8–64 bits, float16/32/64, bool, utf8, large utf8) without
 * dictionaries or children: the schema (as `apache-arrow`'s `Footer.decode`
 * builds it: the same classes, names, nullability, metadata and version) and
 * the blocks. Every table, vector and string it reads is bounds-checked as
 * `verifyFooter` checks them.
 *
 * @param bytes The footer flatbuffer.
 * @param arrow The `apache-arrow` module (its classes make up the schema).
 * @returns The footer, or undefined for any other footer (nested or
 * dictionary-encoded fields, other types, absent names, metadata entries
 * without key or value, numbers beyond 2^53, corrupt tables): decode those
 * with `apache-arrow`.
 *
 * @example A file of two float64 columns, and one the general decoder must take
 * ```ts
 * import { simpleFooter } from "./arrow_footer.ts";
 * import { loadArrow } from "./arrow_codecs.ts";
 * import { encodeArrow } from "./arrow.ts";
 * import assert from "node:assert/strict";
 * const arrow = await loadArrow();
 * const bytes = await encodeArrow({ u1: [1, 2], u2: [3, 4] });
 * const n = bytes.length, length = new DataView(bytes.buffer).getInt32(n - 10, true);
 * const footer = simpleFooter(bytes.subarray(n - 10 - length, n - 10), arrow)!;
 * assert.deepEqual(footer.schema.fields.map((f) => [f.name, String(f.type)]), [
 *   ["u1", "Float64"],
 *   ["u2", "Float64"],
 * ]);
 * assert.equal(footer.recordBatches.length, 1);
 * assert.equal(simpleFooter(new Uint8Array(8), arrow), undefined);
 * ```
 */
export function simpleFooter(bytes: Uint8Array, arrow: Arrow): SimpleFooter | undefined {
  const r = READER.reset(bytes);
  try {
    r.table(r.u32(0)); // Footer
    const v = r.field(0, 2);
    const version = v === 0 ? 0 : r.view.getInt16(v, true); // default MetadataVersion.V1
    const schemaAt = r.ref(1);
    if (schemaAt < 0) return undefined;
    const dictionaries = r.blocks(2), recordBatches = r.blocks(3);
    r.metadata(4); // checked only: apache-arrow ignores the footer's own metadata
    r.table(schemaAt);
    const start = r.vector(1, 4), n = r.count;
    r.vector(3, 8); // features: checked only
    const schemaMetadata = r.metadata(2);
    const fields = new Array<A.Field>(n);
    for (let k = 0; k < n; k++) {
      r.table(r.element(start, k));
      const name = r.string(0);
      if (name === undefined || r.ref(4) >= 0) return undefined; // no name, or a dictionary
      if (r.vector(5, 4) !== 0 && r.count !== 0) return undefined; // children: not flat
      const nl = r.field(1, 1), tag = r.field(2, 1), typeAt = r.ref(3);
      const nullable = nl !== 0 && r.view.getInt8(nl) !== 0;
      const meta = r.metadata(6);
      const type = r.type(arrow, tag === 0 ? 0 : r.view.getUint8(tag), typeAt);
      fields[k] = new arrow.Field(name, type, nullable, meta);
    }
    const schema = new arrow.Schema(fields, schemaMetadata, new Map(), version);
    return { schema, dictionaries, recordBatches };
  } catch (e) {
    if (e === BAD) return undefined;
    throw e;
  } finally {
    r.reset(EMPTY);
  }
}

const EMPTY = new Uint8Array(0);

/** Thrown inside the {@link Reader} where the footer is not a simple, well-formed one. */
const BAD = new Error("not a simple Arrow footer");

/**
 * Bounds-checked reads of a flatbuffer, one current table at a time. Methods
 * of a class rather than closures, so that the engine's optimised code for
 * them outlives each footer read (code specialised to a closure's context is
 * dropped once that context is collected). Offsets and sizes that
 * apache-arrow's flatbuffers runtime reads as signed 16-bit values are
 * refused from 2^15 on.
 */
class Reader {
  bytes: Uint8Array = EMPTY;
  view: DataView<ArrayBufferLike> = new DataView(EMPTY.buffer);
  len = 0;
  readonly text = new TextDecoder();
  /** The current table: position, vtable, vtable size, table size. */
  pos = 0;
  vt = 0;
  vtSize = 0;
  size = 0;
  /** Element count of the last vector read. */
  count = 0;
  /** Start reading `bytes`. */
  reset(bytes: Uint8Array): this {
    this.bytes = bytes;
    this.len = bytes.length;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    this.pos =
      this.vt =
      this.vtSize =
      this.size =
      this.count =
        0;
    return this;
  }
  u32(at: number): number {
    if (at < 0 || at + 4 > this.len) throw BAD;
    return this.view.getUint32(at, true);
  }
  u16(at: number): number {
    const v = this.view.getUint16(at, true);
    if (v >= 0x8000) throw BAD;
    return v;
  }
  /** Check the table at `pos` and make it the current one. */
  table(pos: number): void {
    const vt = pos - (this.u32(pos) | 0);
    if (vt < 0 || vt + 4 > this.len) throw BAD;
    const vtSize = this.u16(vt), size = this.u16(vt + 2);
    if (vtSize < 4 || vtSize % 2 !== 0 || vt + vtSize > this.len) throw BAD;
    if (size < 4 || pos + size > this.len) throw BAD;
    this.pos = pos, this.vt = vt, this.vtSize = vtSize, this.size = size;
  }
  /** Position of field `slot` (of `bytes` bytes) of the current table, or 0 when absent. */
  field(slot: number, bytes: number): number {
    if (4 + 2 * slot + 2 > this.vtSize) return 0;
    const fo = this.u16(this.vt + 4 + 2 * slot);
    if (fo === 0) return 0;
    if (fo + bytes > this.size) throw BAD;
    return this.pos + fo;
  }
  /** Position of the object referenced by field `slot`, or -1 when absent. */
  ref(slot: number): number {
    const at = this.field(slot, 4);
    return at === 0 ? -1 : at + this.u32(at);
  }
  /** First element of the vector in field `slot` (0 when absent); its length goes to `count`. */
  vector(slot: number, elemBytes: number): number {
    const at = this.ref(slot);
    this.count = 0;
    if (at < 0) return 0;
    const n = this.u32(at);
    if (at + 4 + n * elemBytes > this.len) throw BAD;
    this.count = n;
    return at + 4;
  }
  /** The string in field `slot`, or undefined when absent. */
  string(slot: number): string | undefined {
    const at = this.vector(slot, 1), n = this.count;
    if (at === 0) return undefined;
    const b = this.bytes;
    if (n > 32) return this.text.decode(b.subarray(at, at + n));
    let s = "";
    for (let i = at; i < at + n; i++) {
      const c = b[i]!;
      if (c >= 0x80) return this.text.decode(b.subarray(at, at + n)); // not ASCII
      s += String.fromCharCode(c);
    }
    return s;
  }
  /** Position of the `k`-th table of a vector of tables starting at `start`. */
  element(start: number, k: number): number {
    return start + 4 * k + this.u32(start + 4 * k);
  }
  /** The key-value pairs in field `slot` of the current table (which stops being current). */
  metadata(slot: number): Map<string, string> {
    const start = this.vector(slot, 4), n = this.count;
    const out = new Map<string, string>();
    for (let k = 0; k < n; k++) {
      this.table(this.element(start, k));
      const key = this.string(0), value = this.string(1);
      if (key === undefined || value === undefined) throw BAD;
      out.set(key, value);
    }
    return out;
  }
  /** An int64 below 2^53 in magnitude. */
  i64(at: number): number {
    const high = this.view.getInt32(at + 4, true);
    if (high >= SAFE_HIGH || high < -SAFE_HIGH) throw BAD;
    return high * 2 ** 32 + this.view.getUint32(at, true);
  }
  /** A block vector: Block structs of 24 bytes (offset i64, metaDataLength i32, bodyLength i64). */
  blocks(slot: number): FooterBlock[] {
    const start = this.vector(slot, 24), n = this.count;
    const out = new Array<FooterBlock>(n);
    for (let k = 0; k < n; k++) {
      const at = start + 24 * k;
      out[k] = {
        offset: this.i64(at),
        metaDataLength: this.view.getInt32(at + 8, true),
        bodyLength: this.i64(at + 16),
      };
    }
    return out;
  }
  /** The type of tag `tag` whose table is at `at` (-1 when absent); throws for a non-flat one. */
  type(arrow: Arrow, tag: number, at: number): A.DataType {
    if (at >= 0) this.table(at);
    if (tag === UTF8) return new arrow.Utf8();
    if (tag === LARGE_UTF8) return new arrow.LargeUtf8();
    if (tag === BOOL) return new arrow.Bool();
    if (tag === NULL) return new arrow.Null();
    if ((tag !== INT && tag !== FLOAT) || at < 0) throw BAD; // other types; no parameters
    if (tag === FLOAT) {
      const p = this.field(0, 2);
      const precision = p === 0 ? 0 : this.view.getInt16(p, true); // default HALF
      if (precision < 0 || precision > 2) throw BAD;
      return new arrow.Float(precision);
    }
    const w = this.field(0, 4), s = this.field(1, 1);
    const bitWidth = w === 0 ? 0 : this.view.getInt32(w, true);
    if (bitWidth !== 8 && bitWidth !== 16 && bitWidth !== 32 && bitWidth !== 64) throw BAD;
    return new arrow.Int(s !== 0 && this.view.getInt8(s) !== 0, bitWidth);
  }
}

// one reader for every footer: its shape, and so the engine's optimised code
// for its methods, then survives garbage collections
const READER = new Reader();
