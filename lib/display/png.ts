/**
 * A minimal PNG encoder (8-bit greyscale or RGB, no filtering, zlib via
 * fflate) and a data-URI helper, so image grids embed pixels in the SVG.
 *
 * @module
 */

import { zlibSync } from "../deps/fflate.ts";
import { crc32 } from "../io/crc32.ts";

/** 8-bit pixels, row-major, `channels` interleaved values per pixel. */
export interface PixelImage {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** 1 (grey) or 3 (RGB). */
  readonly channels: 1 | 3;
  /** `width * height * channels` bytes. */
  readonly data: Uint8Array;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let k = 0; k < 4; k++) out[4 + k] = type.charCodeAt(k);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encode pixels as a PNG file.
 *
 * @param image Width, height, channels and bytes.
 * @returns The PNG file bytes.
 *
 * @example A 2 × 1 greyscale image
 * ```ts
 * import { encodePng } from "./png.ts";
 * import assert from "node:assert/strict";
 * const png = encodePng({ width: 2, height: 1, channels: 1, data: new Uint8Array([0, 255]) });
 * assert.deepEqual(Array.from(png.subarray(0, 8)), [137, 80, 78, 71, 13, 10, 26, 10]);
 * ```
 */
export function encodePng(image: PixelImage): Uint8Array {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
    throw new RangeError(
      `Cannot encode PNG: size must be positive integers: got ${width} × ${height}`,
    );
  }
  if (channels !== 1 && channels !== 3) {
    throw new RangeError(`Cannot encode PNG: \`channels\` must be 1 or 3: got ${channels}`);
  }
  if (data.length !== width * height * channels) {
    throw new TypeError(
      `Cannot encode PNG: \`data\` must have ${width} × ${height} × ${channels} = ${
        width * height * channels
      } bytes: got ${data.length}`,
    );
  }
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, channels === 1 ? 0 : 2, 0, 0, 0], 8);
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", zlibSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A `data:image/png;base64,…` URI for an image.
 *
 * @param image Pixels.
 * @returns The data URI.
 *
 * @example A one-pixel red image
 * ```ts
 * import { pngDataUri } from "./png.ts";
 * import assert from "node:assert/strict";
 * const uri = pngDataUri({ width: 1, height: 1, channels: 3, data: new Uint8Array([255, 0, 0]) });
 * assert.match(uri, /^data:image\/png;base64,iVBORw0KGgo/);
 * ```
 */
export function pngDataUri(image: PixelImage): string {
  const bytes = encodePng(image);
  let bin = "";
  for (let k = 0; k < bytes.length; k += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  }
  return `data:image/png;base64,${btoa(bin)}`;
}
