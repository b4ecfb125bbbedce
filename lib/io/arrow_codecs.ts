/**
 * Loading `apache-arrow` on first use, with the two buffer codecs of the
 * Arrow IPC format registered: LZ4 frame (`npm:lz4js`, pyarrow's Feather
 * default) and ZSTD (`npm:fzstd`, decoding only).
 *
 * @module
 */

import type * as ArrowModule from "../deps/apache_arrow.ts";
import { DataFormatError } from "./errors.ts";

/** The `apache-arrow` module. */
export type Arrow = typeof ArrowModule;

interface Lz4js {
  decompress(src: Uint8Array, maxSize?: number): Uint8Array;
}

const HINT = "re-save it uncompressed, e.g. pyarrow.feather.write_feather(table, path, " +
  'compression="uncompressed") or df.to_feather(path, compression="uncompressed")';

function guarded(codec: string, decode: (b: Uint8Array) => Uint8Array) {
  return (bytes: Uint8Array): Uint8Array => {
    let out: Uint8Array;
    try {
      out = decode(bytes);
    } catch (e) {
      throw new DataFormatError(
        `${codec} decompression of a record-batch buffer failed (${
          (e as Error).message
        }); the file may be corrupt, or ${HINT}`,
      );
    }
    // apache-arrow views the result as Float64Array etc.: keep it 8-byte aligned
    return out.byteOffset % 8 === 0 ? out : out.slice();
  };
}

let loading: Promise<Arrow> | undefined;

/**
 * The `apache-arrow` module, imported on first call (it takes ~0.2 s, so
 * modules that only import `lib/io` do not pay for it) with the LZ4-frame and
 * ZSTD decoders registered.
 *
 * @returns The module.
 *
 * @example
 * ```ts
 * import { loadArrow } from "./arrow_codecs.ts";
 * import assert from "node:assert/strict";
 * const arrow = await loadArrow();
 * assert.ok(arrow.compressionRegistry.get(arrow.CompressionType.ZSTD));
 * ```
 */
export function loadArrow(): Promise<Arrow> {
  loading ??= (async () => {
    const arrow = await import("../deps/apache_arrow.ts");
    const lz4 = (await import("../deps/lz4js.ts")).default as unknown as Lz4js;
    const { decompress } = await import("../deps/fzstd.ts");
    arrow.compressionRegistry.set(arrow.CompressionType.LZ4_FRAME, {
      decode: guarded("LZ4 frame", (b) => lz4.decompress(b)),
    });
    arrow.compressionRegistry.set(arrow.CompressionType.ZSTD, {
      decode: guarded("ZSTD", (b) => decompress(b)),
    });
    return arrow;
  })();
  return loading;
}
