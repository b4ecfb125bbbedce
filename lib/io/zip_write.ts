/**
 * Writing ZIP archives (the container of `.npz`): stored or deflated members,
 * a central directory, and ZIP64 records when sizes, offsets or the member
 * count exceed the classic limits. Only deflation is delegated (to `fflate`).
 *
 * @module
 */

import { deflateSync } from "../deps/fflate.ts";
import { crc32 } from "./crc32.ts";
import { checkOptions } from "../validate/options.ts";
import { ZIP_OPTIONS } from "./option_kinds.ts";

/** One file to put in an archive. */
export interface ZipInput {
  /** Name inside the archive (stored as UTF-8). */
  name: string;
  /** Contents. */
  data: Uint8Array;
}

/** Options for {@link encodeZip}. */
export interface EncodeZipOptions {
  /** Deflate the members (method 8) instead of storing them (method 0). @default false */
  compress?: boolean;
  /** Write ZIP64 records even when the classic fields suffice. @default false */
  zip64?: boolean;
}

const DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1; // 1980-01-01, 00:00:00: reproducible output
const MAX32 = 0xffffffff;

class Writer {
  parts: Uint8Array[] = [];
  length = 0;
  bytes(b: Uint8Array): void {
    this.parts.push(b);
    this.length += b.length;
  }
  /** Little-endian fields: [value, width] pairs. */
  fields(...f: [number, 2 | 4 | 8][]): void {
    const b = new Uint8Array(f.reduce((s, [, w]) => s + w, 0));
    const v = new DataView(b.buffer);
    let o = 0;
    for (const [value, w] of f) {
      if (w === 2) v.setUint16(o, value, true);
      else if (w === 4) v.setUint32(o, value, true);
      else v.setBigUint64(o, BigInt(value), true);
      o += w;
    }
    this.bytes(b);
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

/**
 * Build a ZIP archive. Timestamps are fixed at 1980-01-01 so equal inputs
 * give equal bytes; names with non-ASCII characters set the UTF-8 flag.
 *
 * @param files Members, in order.
 * @param options See {@link EncodeZipOptions}.
 * @returns The archive.
 *
 * @example
 * ```ts
 * import { encodeZip } from "./zip_write.ts";
 * import { parseZip } from "./zip_read.ts";
 * import assert from "node:assert/strict";
 * const zip = encodeZip([{ name: "x.npy", data: new Uint8Array(100) }], { compress: true });
 * const [entry] = parseZip(zip);
 * assert.equal(entry!.method, 8);
 * assert.ok(entry!.compressedSize < 100);
 * ```
 */
export function encodeZip(files: readonly ZipInput[], options: EncodeZipOptions = {}): Uint8Array {
  checkOptions(options, ZIP_OPTIONS, "Cannot encode zip");
  const { compress = false, zip64: force = false } = options;
  const enc = new TextEncoder();
  const w = new Writer();
  const central: {
    name: Uint8Array;
    flags: number;
    method: number;
    crc: number;
    csize: number;
    size: number;
    offset: number;
  }[] = [];
  for (const { name, data } of files) {
    const nameBytes = enc.encode(name);
    const flags = nameBytes.length === name.length ? 0 : 0x800; // UTF-8 flag for non-ASCII
    const method = compress ? 8 : 0;
    const body = compress ? deflateSync(data, { level: 6 }) : data;
    const entry = {
      name: nameBytes,
      flags,
      method,
      crc: crc32(data),
      csize: body.length,
      size: data.length,
      offset: w.length,
    };
    const z64 = force || entry.size >= MAX32 || entry.csize >= MAX32;
    w.fields(
      [0x04034b50, 4],
      [z64 ? 45 : 20, 2],
      [flags, 2],
      [method, 2],
      [0, 2],
      [DOS_DATE_1980, 2],
      [entry.crc, 4],
      [z64 ? MAX32 : entry.csize, 4],
      [z64 ? MAX32 : entry.size, 4],
      [nameBytes.length, 2],
      [z64 ? 20 : 0, 2],
    );
    w.bytes(nameBytes);
    if (z64) w.fields([0x0001, 2], [16, 2], [entry.size, 8], [entry.csize, 8]);
    w.bytes(body);
    central.push(entry);
  }
  const cdOffset = w.length;
  let anyZip64 = force || central.length >= 0xffff;
  for (const e of central) {
    const z64 = force || e.size >= MAX32 || e.csize >= MAX32 || e.offset >= MAX32;
    anyZip64 ||= z64;
    w.fields(
      [0x02014b50, 4],
      [z64 ? 45 : 20, 2],
      [z64 ? 45 : 20, 2],
      [e.flags, 2],
      [e.method, 2],
      [0, 2],
      [DOS_DATE_1980, 2],
      [e.crc, 4],
      [z64 ? MAX32 : e.csize, 4],
      [z64 ? MAX32 : e.size, 4],
      [e.name.length, 2],
      [z64 ? 28 : 0, 2],
      [0, 2],
      [0, 2],
      [0, 2],
      [0, 4],
      [z64 ? MAX32 : e.offset, 4],
    );
    w.bytes(e.name);
    if (z64) w.fields([0x0001, 2], [24, 2], [e.size, 8], [e.csize, 8], [e.offset, 8]);
  }
  const cdSize = w.length - cdOffset;
  anyZip64 ||= cdOffset >= MAX32 || cdSize >= MAX32;
  if (anyZip64) {
    const eocd64 = w.length;
    w.fields(
      [0x06064b50, 4],
      [44, 8],
      [45, 2],
      [45, 2],
      [0, 4],
      [0, 4],
      [central.length, 8],
      [central.length, 8],
      [cdSize, 8],
      [cdOffset, 8],
    );
    w.fields([0x07064b50, 4], [0, 4], [eocd64, 8], [1, 4]);
  }
  const sat = (v: number, max: number) => (anyZip64 ? max : v);
  w.fields(
    [0x06054b50, 4],
    [0, 2],
    [0, 2],
    [sat(central.length, 0xffff), 2],
    [sat(central.length, 0xffff), 2],
    [sat(cdSize, MAX32), 4],
    [sat(cdOffset, MAX32), 4],
    [0, 2],
  );
  return w.concat();
}
