/**
 * Read an array from a `.npy` file or from a member of a `.npz` archive, told
 * apart by their first bytes (`\x93NUMPY` or a ZIP signature).
 *
 * @module
 */

import { readFileBytes } from "./atomic.ts";
import type { NDArray } from "./dtype.ts";
import { parseNpy } from "./npy.ts";
import { npzMember } from "./npz.ts";

/**
 * Whether bytes start like a ZIP archive (a local header, or the end record
 * of an empty archive).
 *
 * @param bytes File contents.
 * @returns True for a ZIP (`.npz`) file.
 *
 * @example
 * ```ts
 * import { isZip } from "./read_any.ts";
 * import assert from "node:assert/strict";
 * assert.equal(isZip(new Uint8Array([0x50, 0x4b, 3, 4])), true);
 * assert.equal(isZip(new Uint8Array([0x93, 0x4e, 0x55])), false);
 * ```
 */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/**
 * The `.npy` bytes behind a path: the file itself, or the member `key` of a
 * `.npz` archive (optional when the archive holds one array).
 *
 * @param path File to read.
 * @param key Member of a `.npz` archive; must be omitted for a `.npy` file.
 * @returns The `.npy` bytes and a name for messages.
 * @throws {TypeError} When `key` is given for a `.npy` file.
 *
 * @example
 * ```ts
 * import { readNpyBytes } from "./read_any.ts";
 * import { writeNpz } from "./npz.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npz" });
 * writeNpz(path, { X: { shape: [1], data: [1] } });
 * assert.equal(readNpyBytes(path, "X").name, `${path}:X.npy`);
 * Deno.removeSync(path);
 * ```
 */
export function readNpyBytes(path: string, key?: string): { npy: Uint8Array; name: string } {
  const bytes = readFileBytes(path);
  if (isZip(bytes)) return npzMember(bytes, path, key);
  if (key !== undefined) {
    throw new TypeError(
      `Cannot read \`${path}\`: \`key\` (${key}) applies to .npz archives, and this is not one`,
    );
  }
  return { npy: bytes, name: path };
}

/**
 * Read an array from a `.npy` file, or from a member of a `.npz` archive.
 *
 * @param path File to read.
 * @param key Member of a `.npz` archive (see {@link readNpyBytes}).
 * @returns The array.
 *
 * @example
 * ```ts
 * import { readArrayFile } from "./read_any.ts";
 * import { writeNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { shape: [1], data: new Float64Array([4]) });
 * assert.deepEqual(readArrayFile(path).shape, [1]);
 * Deno.removeSync(path);
 * ```
 */
export function readArrayFile(path: string, key?: string): NDArray {
  const { npy, name } = readNpyBytes(path, key);
  return parseNpy(npy, name);
}
