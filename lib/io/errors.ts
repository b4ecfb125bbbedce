/**
 * Error classes for malformed `.npy` and `.npz` files. Both extend `TypeError`
 * (the bytes are not of the expected type), so callers that only distinguish
 * `TypeError` from `RangeError` keep working.
 *
 * @module
 */

/**
 * A `.npy` file (or `.npz` member) is malformed or holds an unsupported dtype.
 * The message names the file and the problem.
 *
 * @example Catching a bad file
 * ```ts
 * import { NpyFormatError } from "./errors.ts";
 * import { parseNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => parseNpy(new Uint8Array([1, 2, 3]), "x.npy"), NpyFormatError);
 * ```
 */
export class NpyFormatError extends TypeError {
  /** The error name shown by `String(error)`. */
  override name = "NpyFormatError";
}

/**
 * A `.npz` (ZIP) container is corrupt: bad signatures, truncated records,
 * unsupported compression, or a CRC mismatch. The message names the file.
 *
 * @example Catching a corrupt archive
 * ```ts
 * import { NpzFormatError } from "./errors.ts";
 * import { readNpz } from "./npz.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => readNpz(new Uint8Array([0x50, 0x4b, 3, 4])), NpzFormatError);
 * ```
 */
export class NpzFormatError extends TypeError {
  /** The error name shown by `String(error)`. */
  override name = "NpzFormatError";
}

/**
 * A data file (CSV/TSV, Arrow IPC, Parquet, HDF5/NWB) is malformed, truncated,
 * compressed with a codec we cannot decode, or of an unknown format. The
 * message names the file, the key or column when there is one, and the
 * problem. Extends `TypeError` like {@link NpyFormatError}.
 *
 * @example Catching an unknown format
 * ```ts
 * import { DataFormatError } from "./errors.ts";
 * import { detectFormat } from "./detect.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => detectFormat(new Uint8Array([1, 2, 3, 4]), "x.bin"), DataFormatError);
 * ```
 */
export class DataFormatError extends TypeError {
  /** The error name shown by `String(error)`. */
  override name = "DataFormatError";
}
