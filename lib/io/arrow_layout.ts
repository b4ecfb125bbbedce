/**
 * The Arrow IPC file layout, read without loading the file: the trailing
 * magic, the footer (schema, and where each dictionary and record batch
 * lies), read straight from its flatbuffer for a schema of flat fields
 * (`simpleFooter`) and by `apache-arrow`'s footer decoder otherwise. Lets the
 * Arrow reader fetch one record batch at a time.
 *
 * @module
 */

import type * as A from "../deps/apache_arrow.ts";
import type { Arrow } from "./arrow_codecs.ts";
import { readAt } from "./detect.ts";
import { type SimpleFooter, simpleFooter } from "./arrow_footer.ts";
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
    // a schema of flat fields straight from the flatbuffer, others through apache-arrow
    const footer = simpleFooter(bytes, arrow) ?? decodeFooter(bytes);
    let schemaMessage: Uint8Array | undefined;
    const { dictionaries, recordBatches } = footer;
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

/** Check a footer and decode it with apache-arrow's decoder. */
function decodeFooter(bytes: Uint8Array): SimpleFooter {
  verifyFooter(bytes);
  const footer = footerClass!.decode(bytes);
  return {
    schema: footer.schema,
    dictionaries: [...footer.dictionaryBatches()],
    recordBatches: [...footer.recordBatches()],
  };
}

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

/** The parts of a record batch's metadata that the direct readers use. */
export interface RecordBatchHeader {
  /** Rows. */
  length: number;
  /** Per field node (in schema order, depth first): rows and nulls. */
  nodes: { length: number; nullCount: number }[];
  /** Per buffer: offset and length within the body. */
  buffers: { offset: number; length: number }[];
  /** Present (non-null) when the body's buffers are compressed. */
  compression: { codec: number } | null;
}

/**
 * Read a record batch's metadata straight from its message flatbuffer
 * (checked beforehand with `verifyMessage`): the row count, the field nodes
 * and the buffer regions, as plain numbers. Thousands of columns take a
 * fraction of a millisecond, where a general flatbuffer decoder builds an
 * object and a BigInt per number.
 *
 * @param flat The message flatbuffer (without its length prefix), verified.
 * @returns The header, or undefined when the message is not a record batch.
 *
 * @example
 * ```ts
 * import { recordBatchHeader } from "./arrow_layout.ts";
 * import { encodeArrow } from "./arrow.ts";
 * import assert from "node:assert/strict";
 * const bytes = await encodeArrow({ u: [1, 2, 3] }, { format: "stream" });
 * // the stream: a schema message, then the record batch message at its 8-byte-aligned end
 * const schemaLength = new DataView(bytes.buffer).getInt32(4, true);
 * const at = 8 + schemaLength;
 * const length = new DataView(bytes.buffer).getInt32(at + 4, true);
 * const header = recordBatchHeader(bytes.subarray(at + 8, at + 8 + length))!;
 * assert.equal(header.length, 3);
 * assert.deepEqual(header.nodes, [{ length: 3, nullCount: 0 }]);
 * assert.equal(header.buffers[1]!.length, 24);
 * assert.equal(recordBatchHeader(bytes.subarray(8, 8 + schemaLength)), undefined);
 * ```
 */
export function recordBatchHeader(flat: Uint8Array): RecordBatchHeader | undefined {
  const view = new DataView(flat.buffer, flat.byteOffset, flat.byteLength);
  const u32 = (at: number) => view.getUint32(at, true);
  const i64 = (at: number) => view.getInt32(at + 4, true) * 2 ** 32 + view.getUint32(at, true);
  /** Position of field `slot` of the table at `pos`, or 0 when absent. */
  const field = (pos: number, slot: number): number => {
    const vt = pos - view.getInt32(pos, true);
    const fo = 4 + 2 * slot + 2 <= view.getUint16(vt, true)
      ? view.getUint16(vt + 4 + 2 * slot, true)
      : 0;
    return fo === 0 ? 0 : pos + fo;
  };
  const deref = (at: number) => at + u32(at);
  const root = deref(0);
  const kind = field(root, 1), at = field(root, 2); // Message: header_type, header
  if (kind === 0 || view.getUint8(kind) !== 3 || at === 0) return undefined; // 3: RecordBatch
  const batch = deref(at);
  const structs = (slot: number): [number, number] => {
    const f = field(batch, slot);
    if (f === 0) return [0, 0];
    const v = deref(f);
    return [v + 4, u32(v)];
  };
  const [n0, nNodes] = structs(1), [b0, nBuffers] = structs(2);
  const nodes = new Array<{ length: number; nullCount: number }>(nNodes);
  for (let k = 0; k < nNodes; k++) {
    nodes[k] = { length: i64(n0 + 16 * k), nullCount: i64(n0 + 16 * k + 8) };
  }
  const buffers = new Array<{ offset: number; length: number }>(nBuffers);
  for (let k = 0; k < nBuffers; k++) {
    buffers[k] = { offset: i64(b0 + 16 * k), length: i64(b0 + 16 * k + 8) };
  }
  const length = field(batch, 0), compression = field(batch, 3);
  const codec = compression === 0 ? 0 : field(deref(compression), 0); // BodyCompression.codec
  return {
    length: length === 0 ? 0 : i64(length),
    nodes,
    buffers,
    compression: compression === 0 ? null : { codec: codec === 0 ? 0 : view.getInt8(codec) },
  };
}
