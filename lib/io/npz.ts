/**
 * numpy `.npz` archives: ZIP files of `.npy` members, written by `np.savez`
 * (stored) and `np.savez_compressed` (deflated).
 *
 * @module
 */

import { readFileBytes, writeFileAtomic } from "./atomic.ts";
import type { NDArray } from "./dtype.ts";
import { NpzFormatError } from "./errors.ts";
import { encodeNpy, type NpyInput, parseNpy } from "./npy.ts";
import { extractZipEntry, parseZip, type ZipEntry } from "./zip_read.ts";
import { encodeZip } from "./zip_write.ts";
import { checkOptions } from "../validate/options.ts";
import { NPZ_OPTIONS } from "./option_kinds.ts";

/** Where an archive comes from: a file path, or its bytes. */
export type NpzSource = string | Uint8Array;

function load(source: NpzSource): { bytes: Uint8Array; label: string } {
  return typeof source === "string"
    ? { bytes: readFileBytes(source), label: source }
    : { bytes: source, label: "<bytes>" };
}

/** The `.npy` members of an archive by key (name without `.npy`). */
function members(bytes: Uint8Array, label: string): Map<string, ZipEntry> {
  const out = new Map<string, ZipEntry>();
  for (const e of parseZip(bytes, label)) {
    if (!e.name.endsWith(".npy")) continue; // np.savez writes only .npy members
    const key = e.name.slice(0, -4);
    if (out.has(key)) {
      throw new NpzFormatError(`Cannot read \`${label}\`: member \`${e.name}\` appears twice`);
    }
    out.set(key, e);
  }
  return out;
}

function parseMember(bytes: Uint8Array, entry: ZipEntry, label: string): NDArray {
  return parseNpy(extractZipEntry(bytes, entry, label), `${label}:${entry.name}`);
}

/**
 * The keys of the arrays in a `.npz` archive (member names without `.npy`),
 * in archive order; members not ending in `.npy` are skipped.
 *
 * @param source Path or bytes of the archive.
 * @returns The keys.
 *
 * @example
 * ```ts
 * import { encodeNpz, listNpz } from "./npz.ts";
 * import assert from "node:assert/strict";
 * const npz = encodeNpz({ X: { shape: [1], data: [1] }, Y: { shape: [1], data: [2] } });
 * assert.deepEqual(listNpz(npz), ["X", "Y"]);
 * ```
 */
export function listNpz(source: NpzSource): string[] {
  const { bytes, label } = load(source);
  return [...members(bytes, label).keys()];
}

/**
 * Read every array of a `.npz` archive (stored or deflated members, ZIP64
 * included), checking each member's CRC.
 *
 * @param source Path or bytes of the archive.
 * @returns Arrays by key (member name without `.npy`).
 * @throws {NpzFormatError} For a corrupt archive or a CRC mismatch.
 * @throws {NpyFormatError} For a malformed member.
 *
 * @example
 * ```ts
 * import { encodeNpz, readNpz } from "./npz.ts";
 * import assert from "node:assert/strict";
 * const npz = encodeNpz({ X: { rows: 1, cols: 2, data: new Float64Array([3, 4]) } }, { compress: true });
 * const { X } = readNpz(npz);
 * assert.deepEqual(X!.shape, [1, 2]);
 * ```
 */
export function readNpz(source: NpzSource): Record<string, NDArray> {
  const { bytes, label } = load(source);
  const out: Record<string, NDArray> = {};
  for (const [key, entry] of members(bytes, label)) {
    // defineProperty: a key such as "__proto__" stays an ordinary own property
    Object.defineProperty(out, key, {
      value: parseMember(bytes, entry, label),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * Read one array of a `.npz` archive (only that member is decompressed).
 * Without `key`, an archive holding exactly one array returns it.
 *
 * @param source Path or bytes of the archive.
 * @param key Member name without `.npy`.
 * @returns The array.
 * @throws {RangeError} When `key` is not in the archive, or is omitted for an
 * archive that does not hold exactly one array; the message lists the keys.
 *
 * @example
 * ```ts
 * import { encodeNpz, readNpzArray } from "./npz.ts";
 * import assert from "node:assert/strict";
 * const npz = encodeNpz({ a: { shape: [2], data: new Int8Array([1, 2]) }, b: { shape: [0], data: [] } });
 * assert.deepEqual(Array.from(readNpzArray(npz, "a").data, Number), [1, 2]);
 * assert.throws(() => readNpzArray(npz, "c"), /no array `c`; keys: a, b/);
 * ```
 */
export function readNpzArray(source: NpzSource, key?: string): NDArray {
  const { bytes, label } = load(source);
  const { npy, name } = npzMember(bytes, label, key);
  return parseNpy(npy, name);
}

/**
 * The `.npy` bytes of one member of an archive held in memory, chosen as in
 * {@link readNpzArray}, and the name to use for it in messages.
 *
 * @param bytes The archive.
 * @param label Archive name for error messages.
 * @param key Member name without `.npy`; optional for a single-array archive.
 * @returns The member's bytes and its name (`archive:member.npy`).
 *
 * @example
 * ```ts
 * import { encodeNpz, npzMember } from "./npz.ts";
 * import assert from "node:assert/strict";
 * const npz = encodeNpz({ only: { shape: [1], data: [7] } });
 * assert.equal(npzMember(npz, "a.npz").name, "a.npz:only.npy");
 * ```
 */
export function npzMember(
  bytes: Uint8Array,
  label: string,
  key?: string,
): { npy: Uint8Array; name: string } {
  const found = members(bytes, label);
  const keys = [...found.keys()];
  const list = keys.join(", ") || "(none)";
  if (key === undefined) {
    if (keys.length !== 1) {
      throw new RangeError(
        `Cannot read \`${label}\`: the archive holds ${keys.length} arrays, choose one with \`key\`: ${list}`,
      );
    }
    key = keys[0]!;
  }
  const entry = found.get(key);
  if (!entry) throw new RangeError(`Cannot read \`${label}\`: no array \`${key}\`; keys: ${list}`);
  return { npy: extractZipEntry(bytes, entry, label), name: `${label}:${entry.name}` };
}

/** Options for {@link writeNpz} and {@link encodeNpz}. */
export interface WriteNpzOptions {
  /** Deflate the members, as `np.savez_compressed`; else store them, as `np.savez`. @default false */
  compress?: boolean;
}

/**
 * Encode arrays as a `.npz` archive: one `<key>.npy` member per array, in
 * the object's key order.
 *
 * @param arrays Arrays by key (see {@link NpyInput}).
 * @param options See {@link WriteNpzOptions}.
 * @returns The archive bytes.
 * @throws {TypeError} For an empty key or an array {@link encodeNpy} rejects.
 *
 * @example
 * ```ts
 * import { encodeNpz, readNpz } from "./npz.ts";
 * import assert from "node:assert/strict";
 * const npz = encodeNpz({ w: { shape: [2], data: new Float32Array([0.5, 1]) } });
 * assert.equal(readNpz(npz).w!.dtype, "<f4");
 * ```
 */
export function encodeNpz(
  arrays: Record<string, NpyInput>,
  options: WriteNpzOptions = {},
): Uint8Array {
  checkOptions(options, NPZ_OPTIONS, "Cannot encode .npz");
  const { compress = false } = options;
  const files = Object.entries(arrays).map(([key, array]) => {
    if (key === "") throw new TypeError('Cannot encode .npz: array keys must be non-empty: got ""');
    try {
      return { name: `${key}.npy`, data: encodeNpy(array) };
    } catch (e) {
      if (e instanceof TypeError) throw new TypeError(`${e.message} (array \`${key}\`)`);
      throw e;
    }
  });
  return encodeZip(files, { compress });
}

/**
 * Write arrays to a `.npz` archive atomically (temporary file, then rename);
 * `np.load` reads it. The path is used as given (no suffix is added).
 *
 * @param path Destination file.
 * @param arrays Arrays by key (see {@link NpyInput}).
 * @param options See {@link WriteNpzOptions}.
 *
 * @example
 * ```ts
 * import { readNpz, writeNpz } from "./npz.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npz" });
 * writeNpz(path, { X: { shape: [2, 1], data: [1, 2] }, y: { shape: [2], data: new Int32Array([0, 1]) } }, { compress: true });
 * assert.deepEqual(Object.keys(readNpz(path)), ["X", "y"]);
 * Deno.removeSync(path);
 * ```
 */
export function writeNpz(
  path: string,
  arrays: Record<string, NpyInput>,
  options: WriteNpzOptions = {},
): void {
  checkOptions(options, NPZ_OPTIONS, `Cannot write \`${path}\``);
  writeFileAtomic(path, encodeNpz(arrays, options));
}
