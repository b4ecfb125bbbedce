/**
 * Structural checks of Arrow IPC metadata before `apache-arrow` decodes it.
 * The flatbuffers runtime trusts every vector length and offset it reads, so
 * a corrupt length can make it build billions of objects and exhaust memory.
 * These checks walk the tables the reader will touch (Footer, Message,
 * Schema, Field, RecordBatch, DictionaryBatch) and make sure every table,
 * vector and string lies inside the buffer.
 *
 * @module
 */

import { DataFormatError } from "./errors.ts";

const UNION = 14; // Arrow Type.Union: its type table holds a typeIds vector

class Verifier {
  readonly view: DataView;
  constructor(readonly buf: Uint8Array, readonly what: string) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  fail(why: string): never {
    throw new DataFormatError(`corrupt Arrow ${this.what} metadata (${why})`);
  }
  u32(at: number): number {
    if (at < 0 || at + 4 > this.buf.length) {
      this.fail(`offset ${at} outside ${this.buf.length} bytes`);
    }
    return this.view.getUint32(at, true);
  }
  /** Check the table at `pos`; returns its vtable position and size. */
  table(pos: number): Table {
    const vt = pos - (this.u32(pos) | 0);
    if (vt < 0 || vt + 4 > this.buf.length) {
      this.fail(`vtable of table at ${pos} outside the buffer`);
    }
    const vtSize = this.view.getUint16(vt, true), tableSize = this.view.getUint16(vt + 2, true);
    if (vtSize < 4 || vtSize % 2 !== 0 || vt + vtSize > this.buf.length) {
      this.fail(`bad vtable at ${vt}`);
    }
    if (tableSize < 4 || pos + tableSize > this.buf.length) {
      this.fail(`table at ${pos} overruns the buffer`);
    }
    return new Table(this, pos, vt, vtSize, tableSize);
  }
  root(): Table {
    return this.table(this.u32(0));
  }
}

class Table {
  constructor(
    readonly v: Verifier,
    readonly pos: number,
    readonly vt: number,
    readonly vtSize: number,
    readonly size: number,
  ) {}
  /** Field offset within the table, or 0 when absent; checks it fits. */
  field(slot: number, bytes: number): number {
    if (4 + 2 * slot + 2 > this.vtSize) return 0;
    const fo = this.v.view.getUint16(this.vt + 4 + 2 * slot, true);
    if (fo !== 0 && fo + bytes > this.size) this.v.fail(`field ${slot} overruns its table`);
    return fo;
  }
  /** A one-byte scalar (a union's type tag). */
  byte(slot: number): number {
    const fo = this.field(slot, 1);
    return fo === 0 ? 0 : this.v.view.getUint8(this.pos + fo);
  }
  /** Position of the referenced object in `slot`, or -1 when absent. */
  ref(slot: number): number {
    const fo = this.field(slot, 4);
    if (fo === 0) return -1;
    const at = this.pos + fo;
    return at + this.v.u32(at);
  }
  child(slot: number): Table | undefined {
    const at = this.ref(slot);
    return at < 0 ? undefined : this.v.table(at);
  }
  /** Check the vector in `slot` (elements of `elemBytes`); returns its element positions' start and length. */
  vector(slot: number, elemBytes: number): [number, number] {
    const at = this.ref(slot);
    if (at < 0) return [0, 0];
    const n = this.v.u32(at);
    if (at + 4 + n * elemBytes > this.v.buf.length) {
      this.v.fail(`vector of ${n} elements at ${at} overruns the buffer`);
    }
    return [at + 4, n];
  }
  tables(slot: number): Table[] {
    const [start, n] = this.vector(slot, 4);
    const out: Table[] = [];
    for (let k = 0; k < n; k++) out.push(this.v.table(start + 4 * k + this.v.u32(start + 4 * k)));
    return out;
  }
}

function keyValues(t: Table, slot: number): void {
  for (const kv of t.tables(slot)) {
    kv.vector(0, 1);
    kv.vector(1, 1);
  }
}

function field(t: Table, depth: number): void {
  if (depth > 64) t.v.fail("fields nested too deep");
  t.vector(0, 1); // name
  const typeId = t.byte(2);
  const type = t.child(3);
  if (type && typeId === UNION) type.vector(1, 4);
  const dictionary = t.child(4);
  dictionary?.child(1);
  for (const c of t.tables(5)) field(c, depth + 1);
  keyValues(t, 6);
}

function schema(t: Table): void {
  for (const f of t.tables(1)) field(f, 0);
  keyValues(t, 2);
  t.vector(3, 8);
}

function recordBatch(t: Table): void {
  t.field(0, 8); // length
  t.vector(1, 16); // FieldNode structs
  t.vector(2, 16); // Buffer structs
  t.child(3); // BodyCompression
  t.vector(4, 8);
}

/**
 * Check an IPC file footer flatbuffer (schema and block vectors).
 *
 * @param bytes The footer.
 * @throws {DataFormatError} When a table, vector or string lies outside it.
 *
 * @example
 * ```ts
 * import { verifyFooter } from "./arrow_verify.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => verifyFooter(new Uint8Array([200, 0, 0, 0])), /corrupt Arrow footer metadata/);
 * ```
 */
export function verifyFooter(bytes: Uint8Array): void {
  const root = new Verifier(bytes, "footer").root();
  const s = root.child(1);
  if (s) schema(s);
  root.vector(2, 24);
  root.vector(3, 24);
  keyValues(root, 4);
}

/**
 * Check a message flatbuffer (schema, record batch or dictionary batch).
 *
 * @param bytes The message metadata (without the length prefix).
 * @returns The body length the message announces.
 * @throws {DataFormatError} When a table, vector or string lies outside it.
 *
 * @example
 * ```ts
 * import { verifyMessage } from "./arrow_verify.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => verifyMessage(new Uint8Array(3)), /corrupt Arrow message metadata/);
 * ```
 */
export function verifyMessage(bytes: Uint8Array): number {
  const v = new Verifier(bytes, "message");
  const root = v.root();
  const kind = root.byte(1);
  const header = root.child(2);
  if (header && kind === 1) schema(header);
  if (header && kind === 3) recordBatch(header);
  if (header && kind === 2) {
    const data = header.child(1);
    if (data) recordBatch(data);
  }
  keyValues(root, 4);
  const fo = root.field(3, 8);
  const body = fo === 0 ? 0n : v.view.getBigInt64(root.pos + fo, true);
  if (body < 0n || body > BigInt(Number.MAX_SAFE_INTEGER)) v.fail(`body length ${body}`);
  return Number(body);
}

/**
 * Walk an IPC stream held in memory and check every message's metadata and
 * that every body fits, before `apache-arrow` reads it.
 *
 * @param bytes The stream.
 * @throws {DataFormatError} For a truncated stream or corrupt metadata.
 *
 * @example
 * ```ts
 * import { verifyStream } from "./arrow_verify.ts";
 * import assert from "node:assert/strict";
 * verifyStream(new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0])); // just an end marker
 * assert.throws(() => verifyStream(new Uint8Array([255, 255, 255, 255, 64, 0, 0, 0])), /truncated/);
 * ```
 */
export function verifyStream(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + 4 <= bytes.length) {
    let length = view.getInt32(at, true);
    at += 4;
    if (length === -1) {
      if (at + 4 > bytes.length) break;
      length = view.getInt32(at, true);
      at += 4;
    }
    if (length === 0) return;
    if (length < 0 || at + length > bytes.length) {
      throw new DataFormatError(
        `truncated Arrow IPC stream (a message of ${length} bytes at ${at})`,
      );
    }
    const body = verifyMessage(bytes.subarray(at, at + length));
    at += length;
    if (at + body > bytes.length) {
      throw new DataFormatError(`truncated Arrow IPC stream (a body of ${body} bytes at ${at})`);
    }
    at += body;
  }
}
