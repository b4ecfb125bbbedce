/**
 * The Arrow IPC file layout, read without loading the file: the trailing
 * magic, the footer (schema, and where each dictionary and record batch
 * lies), decoded by `apache-arrow`'s footer reader. Lets the Arrow reader
 * fetch one record batch at a time.
 *
 * @module
 */

import type * as A from "../deps/apache_arrow.ts";
import type { Arrow } from "./arrow_codecs.ts";
import { readAt } from "./detect.ts";
import { verifyFooter } from "./arrow_verify.ts";
import { DataFormatError } from "./errors.ts";

/** Where one message (metadata + body) of an Arrow IPC file lies. */
export interface ArrowBlock {
  /** Byte offset of the message (its continuation marker). */
  offset: number;
  /** Bytes of the metadata, prefix and padding included. */
  metaDataLength: number;
  /** Bytes of the body that follows the metadata. */
  bodyLength: number;
}

/** The layout of an Arrow IPC file. */
export interface ArrowFileLayout {
  /** File size in bytes. */
  size: number;
  /** The schema, from the footer. */
  schema: A.Schema;
  /** The schema as a framed IPC message, to put in front of a batch. */
  schemaMessage: Uint8Array;
  /** Dictionary batches. */
  dictionaries: ArrowBlock[];
  /** Record batches. */
  recordBatches: ArrowBlock[];
}

const MAGIC = "ARROW1";

function checkBlocks(blocks: ArrowBlock[], limit: number, where: string): ArrowBlock[] {
  blocks.forEach((b, k) => {
    if (
      !(b.offset >= 8 && b.metaDataLength >= 8 && b.bodyLength >= 0 &&
        b.offset + b.metaDataLength + b.bodyLength <= limit)
    ) {
      throw new DataFormatError(
        `${where}: footer block ${k} points outside the file (offset ${b.offset}, ` +
          `${b.metaDataLength} + ${b.bodyLength} bytes; data ends at ${limit}); truncated or corrupt file`,
      );
    }
  });
  return blocks;
}

/**
 * Frame a message flatbuffer as the IPC format stores it: continuation marker,
 * metadata length, the flatbuffer, zero padding to a multiple of 8 bytes.
 *
 * @param flat The message flatbuffer.
 * @returns The framed message.
 *
 * @example
 * ```ts
 * import { frameMessage } from "./arrow_layout.ts";
 * import assert from "node:assert/strict";
 * const framed = frameMessage(new Uint8Array([1, 2, 3]));
 * assert.deepEqual(Array.from(framed), [255, 255, 255, 255, 8, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0]);
 * ```
 */
export function frameMessage(flat: Uint8Array): Uint8Array {
  const padded = (flat.length + 7) & ~7;
  const out = new Uint8Array(8 + padded);
  const view = new DataView(out.buffer);
  view.setInt32(0, -1, true);
  view.setInt32(4, padded, true);
  out.set(flat, 8);
  return out;
}

/**
 * Read the layout of an Arrow IPC file (Feather v2): check the trailing
 * magic, decode the footer, and check that every block lies inside the file.
 *
 * @param arrow The `apache-arrow` module.
 * @param file An open file.
 * @param path File name for messages.
 * @returns Size, schema and blocks.
 * @throws {DataFormatError} For a missing magic (truncated file), a corrupt
 * footer, or blocks that point outside the file.
 *
 * @example
 * ```ts
 * import { loadFooterDecoder, readArrowLayout } from "./arrow_layout.ts";
 * import { loadArrow } from "./arrow_codecs.ts";
 * import assert from "node:assert/strict";
 * const arrow = await loadArrow();
 * await loadFooterDecoder();
 * const path = Deno.makeTempFileSync({ suffix: ".arrow" });
 * Deno.writeTextFileSync(path, "ARROW1\0\0 not really an Arrow file");
 * using f = Deno.openSync(path);
 * assert.throws(() => readArrowLayout(arrow, f, path), /no trailing ARROW1 magic/);
 * Deno.removeSync(path);
 * ```
 */
export function readArrowLayout(arrow: Arrow, file: Deno.FsFile, path: string): ArrowFileLayout {
  const where = `Cannot read \`${path}\``;
  const size = file.statSync().size;
  const tail = readAt(file, Math.max(0, size - 10), 10);
  const magic = new TextDecoder().decode(tail.subarray(4));
  if (size < 22 || magic !== MAGIC) {
    throw new DataFormatError(
      `${where}: no trailing ${MAGIC} magic; the Arrow IPC file is truncated or corrupt`,
    );
  }
  const footerLength = new DataView(tail.buffer).getInt32(0, true);
  const footerStart = size - 10 - footerLength;
  if (footerLength <= 0 || footerStart < 8) {
    throw new DataFormatError(`${where}: bad Arrow footer length ${footerLength}`);
  }
  const bytes = readAt(file, footerStart, footerLength);
  try {
    verifyFooter(bytes);
    const footer = footerClass!.decode(bytes);
    let schemaMessage: Uint8Array | undefined;
    const dictionaries = [...footer.dictionaryBatches()];
    const recordBatches = [...footer.recordBatches()];
    return {
      size,
      schema: footer.schema,
      // encoded on first use: only batches read through apache-arrow need it
      get schemaMessage() {
        return schemaMessage ??= frameMessage(
          arrow.Message.encode(arrow.Message.from(footer.schema)),
        );
      },
      dictionaries: checkBlocks(dictionaries, footerStart, where),
      recordBatches: checkBlocks(recordBatches, footerStart, where),
    };
  } catch (e) {
    if (e instanceof DataFormatError) throw new DataFormatError(`${where}: ${e.message}`);
    throw new DataFormatError(`${where}: corrupt Arrow IPC footer (${(e as Error).message})`);
  }
}

interface Footer {
  schema: A.Schema;
  dictionaryBatches(): Iterable<ArrowBlock>;
  recordBatches(): Iterable<ArrowBlock>;
}

let footerClass: { decode(bytes: Uint8Array): Footer } | undefined;

/**
 * Load `apache-arrow`'s footer decoder (call before {@link readArrowLayout}).
 *
 * @example
 * ```ts
 * import { loadFooterDecoder } from "./arrow_layout.ts";
 * await loadFooterDecoder();
 * ```
 */
export async function loadFooterDecoder(): Promise<void> {
  footerClass ??= (await import("../deps/apache_arrow_footer.ts")).Footer as unknown as {
    decode(bytes: Uint8Array): Footer;
  };
}

/**
 * Length of the message starting at `bytes[0]` (continuation marker, or the
 * pre-0.15 bare length), prefix included, or throw when it does not fit.
 *
 * @param bytes Bytes starting at a message.
 * @param where `Cannot read \`file\`` for messages.
 * @returns `[prefixBytes, metadataBytes]`.
 *
 * @example
 * ```ts
 * import { messagePrefix } from "./arrow_layout.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(messagePrefix(new Uint8Array([255, 255, 255, 255, 16, 0, 0, 0]), "x"), [8, 16]);
 * ```
 */
export function messagePrefix(bytes: Uint8Array, where: string): [number, number] {
  if (bytes.length < 4) throw new DataFormatError(`${where}: truncated Arrow IPC message`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = view.getInt32(0, true);
  if (first !== -1) return [4, first];
  if (bytes.length < 8) throw new DataFormatError(`${where}: truncated Arrow IPC message`);
  return [8, view.getInt32(4, true)];
}
