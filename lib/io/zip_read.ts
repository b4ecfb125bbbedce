/**
 * Reading ZIP archives (the container of `.npz`): the central directory,
 * ZIP64 records, and stored or deflated members with their CRC checked.
 * Only inflation is delegated (to `fflate`).
 *
 * @module
 */

import { inflateSync } from "../deps/fflate.ts";
import { crc32 } from "./crc32.ts";
import { NpzFormatError } from "./errors.ts";

/** One member of a ZIP archive, from its central-directory record. */
export interface ZipEntry {
  /** File name inside the archive. */
  name: string;
  /** Compression method: 0 stored, 8 deflated. */
  method: number;
  /** General-purpose flags (bit 0: encrypted). */
  flags: number;
  /** CRC-32 of the uncompressed data. */
  crc32: number;
  /** Size of the stored (compressed) data in bytes. */
  compressedSize: number;
  /** Size of the uncompressed data in bytes. */
  size: number;
  /** Offset of the member's local header. */
  localHeaderOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
// cp437 code points 128-255: ZIP names without the UTF-8 flag use this code page
const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀" +
  "αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

function decodeName(raw: Uint8Array, utf8: boolean): string {
  if (utf8) return new TextDecoder("utf-8").decode(raw);
  let s = "";
  for (const b of raw) s += b < 128 ? String.fromCharCode(b) : CP437_HIGH[b - 128];
  return s;
}

/**
 * List the members of a ZIP archive from its central directory (ZIP64
 * included).
 *
 * @param bytes The archive.
 * @param source File name for error messages.
 * @returns The members, in directory order.
 * @throws {NpzFormatError} When the bytes are not a readable single-disk ZIP.
 *
 * @example
 * ```ts
 * import { encodeZip } from "./zip_write.ts";
 * import { parseZip } from "./zip_read.ts";
 * import assert from "node:assert/strict";
 * const zip = encodeZip([{ name: "a.npy", data: new Uint8Array([1, 2]) }]);
 * assert.deepEqual(parseZip(zip).map((e) => [e.name, e.size]), [["a.npy", 2]]);
 * ```
 */
export function parseZip(bytes: Uint8Array, source = "<bytes>"): ZipEntry[] {
  const fail = (why: string) => new NpzFormatError(`Cannot read \`${source}\`: ${why}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const u64 = (o: number) => {
    const v = view.getBigUint64(o, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw fail("corrupt zip (ZIP64 field out of range)");
    return Number(v);
  };
  // end of central directory: the last signature whose comment ends the file
  let eocd = -1;
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 0xffff); o--) {
    if (u32(o) === SIG_EOCD && o + 22 + u16(o + 20) === bytes.length) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) throw fail("not a zip file (no end-of-central-directory record)");
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) {
    throw fail("multi-disk zip archives are not supported");
  }
  let count = u16(eocd + 10), cdSize = u32(eocd + 12), cdOffset = u32(eocd + 16);
  if (eocd >= 20 && u32(eocd - 20) === SIG_LOCATOR64) {
    const at = u64(eocd - 12);
    if (at + 56 > bytes.length || u32(at) !== SIG_EOCD64) {
      throw fail("corrupt zip (bad ZIP64 end record)");
    }
    count = u64(at + 32);
    cdSize = u64(at + 40);
    cdOffset = u64(at + 48);
  }
  if (cdOffset + cdSize > bytes.length) {
    throw fail("corrupt zip (central directory past end of file)");
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cdOffset + cdSize || u32(p) !== SIG_CENTRAL) {
      throw fail(`corrupt zip (bad central directory record ${k})`);
    }
    const flags = u16(p + 8);
    const nameLen = u16(p + 28), extraLen = u16(p + 30), commentLen = u16(p + 32);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > cdOffset + cdSize) throw fail(`corrupt zip (bad central directory record ${k})`);
    const entry: ZipEntry = {
      name: decodeName(bytes.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0),
      method: u16(p + 10),
      flags,
      crc32: u32(p + 16),
      compressedSize: u32(p + 20),
      size: u32(p + 24),
      localHeaderOffset: u32(p + 42),
    };
    // ZIP64 extra field: the 64-bit values of the fields saturated above, in order
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen;) {
      const id = u16(e), len = u16(e + 2);
      if (e + 4 + len > p + 46 + nameLen + extraLen) {
        throw fail(`corrupt zip (bad extra field in \`${entry.name}\`)`);
      }
      if (id === 0x0001) {
        let q = e + 4;
        for (const key of ["size", "compressedSize", "localHeaderOffset"] as const) {
          if (entry[key] !== 0xffffffff) continue;
          if (q + 8 > e + 4 + len) {
            throw fail(`corrupt zip (short ZIP64 field in \`${entry.name}\`)`);
          }
          entry[key] = u64(q);
          q += 8;
        }
      }
      e += 4 + len;
    }
    entries.push(entry);
    p = next;
  }
  return entries;
}

/**
 * The uncompressed bytes of one member, with its CRC-32 and size checked.
 *
 * @param bytes The archive.
 * @param entry The member (from {@link parseZip}).
 * @param source File name for error messages.
 * @returns The member's data.
 * @throws {NpzFormatError} For a corrupt or encrypted member, an unsupported
 * compression method, or a CRC mismatch.
 *
 * @example
 * ```ts
 * import { encodeZip } from "./zip_write.ts";
 * import { extractZipEntry, parseZip } from "./zip_read.ts";
 * import assert from "node:assert/strict";
 * const zip = encodeZip([{ name: "a", data: new Uint8Array([5, 6, 7]) }], { compress: true });
 * assert.deepEqual(Array.from(extractZipEntry(zip, parseZip(zip)[0]!)), [5, 6, 7]);
 * ```
 */
export function extractZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  source = "<bytes>",
): Uint8Array {
  const fail = (why: string) =>
    new NpzFormatError(`Cannot read \`${source}\`: ${why} in member \`${entry.name}\``);
  const { localHeaderOffset: at, compressedSize, size, method } = entry;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (at + 30 > bytes.length || view.getUint32(at, true) !== SIG_LOCAL) {
    throw fail("bad local header");
  }
  if (entry.flags & 1) throw fail("encryption (not supported)");
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + compressedSize > bytes.length) throw fail("truncated data");
  const stored = bytes.subarray(start, start + compressedSize);
  let data: Uint8Array;
  if (method === 0) {
    if (compressedSize !== size) throw fail("size mismatch");
    data = stored;
  } else if (method === 8) {
    // deflate cannot expand data more than ~1032×: refuse absurd sizes before allocating
    if (size > compressedSize * 1100 + 1024) throw fail("implausible uncompressed size");
    try {
      data = inflateSync(stored, { out: new Uint8Array(size + 1) });
    } catch (e) {
      throw fail(`corrupt deflate data (${(e as Error).message})`);
    }
    if (data.length !== size) throw fail("size mismatch");
  } else {
    throw fail(`unsupported compression method ${method}`);
  }
  const crc = crc32(data);
  if (crc !== entry.crc32) {
    throw fail(
      `CRC mismatch (stored ${entry.crc32.toString(16).padStart(8, "0")}, computed ${
        crc.toString(16).padStart(8, "0")
      })`,
    );
  }
  return data;
}
