/**
 * Which reader a file needs, from its first bytes (magic numbers) and, for
 * text formats that have none, its extension.
 *
 * @module
 */

import { extname } from "node:path";
import { DataFormatError } from "./errors.ts";

/** The file formats {@link detectFormat} recognises. */
export type FileFormat =
  | "npy"
  | "npz"
  | "arrow-file"
  | "arrow-stream"
  | "parquet"
  | "hdf5"
  | "csv"
  | "tsv";

const BY_EXTENSION: Record<string, FileFormat> = {
  ".npy": "npy",
  ".npz": "npz",
  ".arrow": "arrow-file",
  ".feather": "arrow-file",
  ".arrows": "arrow-stream",
  ".parquet": "parquet",
  ".h5": "hdf5",
  ".hdf5": "hdf5",
  ".nwb": "hdf5",
};

const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let k = 0; k < magic.length; k++) if (bytes[at + k] !== magic[k]) return false;
  return true;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

/**
 * Whether HDF5's signature sits at `at` (0, or a user-block size 512, 1024, …).
 *
 * @param bytes File contents (or its beginning).
 * @param at Byte offset to test.
 * @returns True when the 8-byte HDF5 signature is there.
 *
 * @example
 * ```ts
 * import { hasHdf5Signature } from "./detect.ts";
 * import assert from "node:assert/strict";
 * assert.equal(hasHdf5Signature(new Uint8Array([0x89, 72, 68, 70, 13, 10, 26, 10])), true);
 * ```
 */
export function hasHdf5Signature(bytes: Uint8Array, at = 0): boolean {
  return startsWith(bytes, HDF5_MAGIC, at);
}

/**
 * Tell a file's format from its first bytes; CSV and TSV, which have no magic
 * number, go by extension (`.csv`; `.tsv`/`.tab`; `.txt` is TSV when its first
 * line holds a tab). Magic numbers win over extensions (a Feather v2 file
 * named `.feather` is `"arrow-file"`); a file with a known binary extension
 * (`.npy`, `.npz`, `.arrow`, `.feather`, `.arrows`, `.parquet`, `.h5`,
 * `.hdf5`, `.nwb`) but no known magic goes to that format's reader, which
 * names what is wrong (e.g. a truncated file).
 *
 * @param head The first bytes of the file (at least 8 when it has that many).
 * @param path File name, for the extension and error messages.
 * @returns The format.
 * @throws {DataFormatError} For an unknown format, Feather v1, or an empty file.
 *
 * @example
 * ```ts
 * import { detectFormat } from "./detect.ts";
 * import assert from "node:assert/strict";
 * const enc = new TextEncoder();
 * assert.equal(detectFormat(enc.encode("PAR1...."), "t.parquet"), "parquet");
 * assert.equal(detectFormat(enc.encode("ARROW1\0\0"), "t.feather"), "arrow-file");
 * assert.equal(detectFormat(enc.encode("a,b\n1,2\n"), "t.csv"), "csv");
 * ```
 */
export function detectFormat(head: Uint8Array, path: string): FileFormat {
  const at = `Cannot read \`${path}\``;
  if (startsWith(head, [0x93, ...ascii("NUMPY")])) return "npy";
  if (startsWith(head, ascii("PK\x03\x04")) || startsWith(head, ascii("PK\x05\x06"))) return "npz";
  if (startsWith(head, ascii("ARROW1"))) return "arrow-file";
  if (startsWith(head, [0xff, 0xff, 0xff, 0xff])) return "arrow-stream";
  if (startsWith(head, ascii("PAR1"))) return "parquet";
  if (hasHdf5Signature(head)) return "hdf5";
  if (startsWith(head, ascii("FEA1"))) {
    throw new DataFormatError(
      `${at}: Feather version 1 files are not supported; re-save as Feather v2 (Arrow IPC) ` +
        `with pyarrow.feather.write_feather(table, path) or pandas' df.to_feather(path)`,
    );
  }
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".tsv" || ext === ".tab") return "tsv";
  if (ext === ".txt") {
    const firstLine = new TextDecoder().decode(head).split("\n")[0] ?? "";
    return firstLine.includes("\t") ? "tsv" : "csv";
  }
  // a known extension with the wrong magic: let that format's reader say what is wrong
  const byExtension = BY_EXTENSION[ext];
  if (byExtension !== undefined && head.length > 0) return byExtension;
  if (head.length === 0) throw new DataFormatError(`${at}: the file is empty`);
  const shown = Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join(" ");
  throw new DataFormatError(
    `${at}: unknown file format (first bytes ${shown}); supported: .npy, .npz, ` +
      `Arrow IPC file/stream (Feather v2), Parquet, HDF5/NWB, and CSV/TSV ` +
      `(named .csv, .tsv, .tab or .txt)`,
  );
}

/**
 * Read the first bytes of a file and detect its format (see
 * {@link detectFormat}). An HDF5 file with a user block (signature at 512,
 * 1024, 2048, … bytes) is recognised too.
 *
 * @param path File to inspect.
 * @returns The format.
 * @throws {DataFormatError} For an unknown format; file-system errors name the path.
 *
 * @example
 * ```ts
 * import { sniffFile } from "./detect.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".tsv" });
 * Deno.writeTextFileSync(path, "a\tb\n1\t2\n");
 * assert.equal(sniffFile(path), "tsv");
 * Deno.removeSync(path);
 * ```
 */
export function sniffFile(path: string): FileFormat {
  const file = openFile(path);
  try {
    const head = readAt(file, 0, 512);
    try {
      return detectFormat(head, path);
    } catch (e) {
      const size = file.statSync().size;
      for (let at = 512; at + 8 <= size; at *= 2) {
        if (hasHdf5Signature(readAt(file, at, 8))) return "hdf5";
      }
      throw e;
    }
  } finally {
    file.close();
  }
}

/**
 * Read up to `length` bytes at byte `offset` of an open file (fewer at its end).
 *
 * @param file An open file.
 * @param offset Byte offset.
 * @param length Bytes wanted.
 * @returns The bytes read.
 *
 * @example
 * ```ts
 * import { readAt } from "./detect.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync();
 * Deno.writeFileSync(path, new Uint8Array([1, 2, 3, 4]));
 * using f = Deno.openSync(path);
 * assert.deepEqual(Array.from(readAt(f, 1, 10)), [2, 3, 4]);
 * Deno.removeSync(path);
 * ```
 */
export function readAt(file: Deno.FsFile, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const got = readInto(file, offset, out);
  return got === length ? out : out.subarray(0, got);
}

/**
 * Fill `into` with the bytes of an open file at byte `offset` (fewer at its
 * end), with no intermediate copy.
 *
 * @param file An open file.
 * @param offset Byte offset.
 * @param into Destination.
 * @returns Bytes read (`into.length` unless the file ends first).
 *
 * @example
 * ```ts
 * import { readInto } from "./detect.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync();
 * Deno.writeFileSync(path, new Uint8Array([1, 2, 3]));
 * using f = Deno.openSync(path);
 * const buf = new Uint8Array(2);
 * assert.equal(readInto(f, 2, buf), 1);
 * Deno.removeSync(path);
 * ```
 */
export function readInto(file: Deno.FsFile, offset: number, into: Uint8Array): number {
  file.seekSync(offset, Deno.SeekMode.Start);
  let got = 0;
  while (got < into.length) {
    const n = file.readSync(into.subarray(got));
    if (n === null || n === 0) break;
    got += n;
  }
  return got;
}

/**
 * Open a file for reading; errors keep their class (e.g. `Deno.errors.NotFound`)
 * and name the path.
 *
 * @param path File to open.
 * @returns The open file (close it, or hold it with `using`).
 *
 * @example
 * ```ts
 * import { openFile } from "./detect.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => openFile("/no/such.arrow"), /Cannot read `\/no\/such.arrow`/);
 * ```
 */
export function openFile(path: string): Deno.FsFile {
  try {
    return Deno.openSync(path, { read: true });
  } catch (e) {
    const Ctor = e instanceof Error ? e.constructor as new (m: string) => Error : Error;
    throw new Ctor(`Cannot read \`${path}\`: ${(e as Error).message ?? String(e)}`);
  }
}
