/**
 * Rows of sample images (e.g. a few samples from each activation bin), each
 * row labelled on the left, and the conversion of a labelled image set's row
 * (greyscale sprites, red/green digits) to a displayable image.
 *
 * @module
 */

import type { AttributedImages } from "../../activations/dataset.ts";
import { createDocument, el } from "../../display/dom.ts";
import type { Figure } from "../../display/figure.ts";
import { textWidth } from "../../display/format.ts";
import type { ImageInput } from "../../display/image_grid.ts";
import { composeFigure, type Placed } from "../../display/layout.ts";
import { pngDataUri } from "../../display/png.ts";

/** One row of {@link plotSampleGrid}: a label and its images. */
export interface SampleRow {
  /** Row label, drawn on the left (e.g. "decile 10"). */
  readonly label: string;
  /** Images of the row. */
  readonly images: readonly ImageInput[];
  /** One caption per image. @default none */
  readonly captions?: readonly string[];
}

/** Options for {@link plotSampleGrid}. */
export interface SampleGridOptions {
  /** Figure title. @default "" */
  title?: string;
  /** Displayed side of each image in pixels. @default 40 */
  cellSize?: number;
}

/**
 * Rows of sample images, one row per activation bin (or any grouping), each
 * with a label on the left and optional captions; all images share one value range.
 *
 * @param rows The rows, top to bottom.
 * @param options Title and displayed image size.
 * @returns A figure whose summary lists the rows.
 *
 * @example Two rows of 2 × 2 images
 * ```ts
 * import { plotSampleGrid } from "./sample_grid.ts";
 * import assert from "node:assert/strict";
 * const im = { height: 2, width: 2, data: [0, 1, 1, 0] };
 * const fig = plotSampleGrid([{ label: "top", images: [im, im] }, { label: "mid", images: [im] }]);
 * assert.equal((fig.svg.match(/<image /g) ?? []).length, 3);
 * ```
 */
export function plotSampleGrid(
  rows: readonly SampleRow[],
  options: SampleGridOptions = {},
): Figure {
  const ctx = "Cannot plot sample grid";
  const { title = "", cellSize = 40 } = options;
  if (!(cellSize > 0)) {
    throw new RangeError(`${ctx}: \`cellSize\` must be positive: got ${cellSize}`);
  }
  if (!Array.isArray(rows as unknown) || rows.length === 0) {
    throw new TypeError(`${ctx}: \`rows\` must be a non-empty array: got ${JSON.stringify(rows)}`);
  }
  let lo = Infinity, hi = -Infinity;
  rows.forEach((r, i) =>
    r.images.forEach((im, k) => {
      const ch = im.channels ?? 1;
      if (im.data.length !== im.height * im.width * ch) {
        throw new TypeError(
          `${ctx}: \`rows[${i}].images[${k}].data\` must have ${
            im.height * im.width * ch
          } values: got ${im.data.length}`,
        );
      }
      for (const v of Array.from(im.data)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    })
  );
  const cap = rows.some((r) => r.captions) ? 13 : 0, gap = 6;
  const left = Math.ceil(Math.max(...rows.map((r) => textWidth(r.label)))) + 12;
  const doc = createDocument();
  const items: Placed[] = [];
  let maxCols = 0;
  rows.forEach((r, i) => {
    const y = i * (cellSize + cap + gap);
    maxCols = Math.max(maxCols, r.images.length);
    items.push({
      node: el(
        doc,
        "text",
        { x: left - 8, y: cellSize / 2, dy: "0.32em", "text-anchor": "end" },
        r.label,
      ),
      x: 0,
      y,
    });
    r.images.forEach((im, k) => {
      const bytes = Uint8Array.from(
        im.data,
        (v) => Math.round(255 * (hi > lo ? (v - lo) / (hi - lo) : 0.5)),
      );
      const kids = [el(doc, "image", {
        width: cellSize,
        height: cellSize,
        preserveAspectRatio: "none",
        style: "image-rendering:pixelated",
        href: pngDataUri({
          width: im.width,
          height: im.height,
          channels: im.channels ?? 1,
          data: bytes,
        }),
      })];
      const c = r.captions?.[k];
      if (c) {
        kids.push(
          el(doc, "text", {
            x: cellSize / 2,
            y: cellSize + 10,
            "text-anchor": "middle",
            "font-size": 9,
          }, c),
        );
      }
      items.push({ node: el(doc, "g", {}, kids), x: left + k * (cellSize + gap), y });
    });
  });
  return composeFigure(doc, {
    title,
    width: left + maxCols * (cellSize + gap) + 4,
    height: rows.length * (cellSize + cap + gap),
    items,
    summary: `Sample images, ${rows.length} rows: ${
      rows.map((r) => `${r.label} (${r.images.length})`).join(", ")
    }`,
  });
}

/**
 * One sample of a labelled image set as a displayable image: greyscale for one
 * channel, RGB for two (red, green) or three channels.
 *
 * @param data Sprites or coloured digits.
 * @param index Row of the sample.
 * @returns An image with interleaved channels.
 *
 * @example A two-channel pixel becomes red + green
 * ```ts
 * import { attributedImage } from "./sample_grid.ts";
 * import assert from "node:assert/strict";
 * const data = { X: { rows: 1, cols: 2, data: new Float64Array([0.5, 1]) }, height: 1, width: 1, channels: 2 };
 * assert.deepEqual(Array.from(attributedImage(data, 0).data), [0.5, 1, 0]);
 * ```
 */
export function attributedImage(
  data: Pick<AttributedImages, "X" | "height" | "width" | "channels">,
  index: number,
): ImageInput {
  const { X, height, width, channels } = data;
  if (!Number.isInteger(index) || index < 0 || index >= X.rows) {
    throw new RangeError(`Cannot show image: \`index\` must be in [0, ${X.rows}): got ${index}`);
  }
  const P = height * width, row = X.data.subarray(index * X.cols, (index + 1) * X.cols);
  if (channels === 1) return { height, width, channels: 1, data: row };
  if (channels > 3) {
    throw new RangeError(`Cannot show image: \`channels\` must be 1, 2 or 3: got ${channels}`);
  }
  const out = new Float64Array(3 * P);
  for (let p = 0; p < P; p++) for (let c = 0; c < channels; c++) out[3 * p + c] = row[c * P + p]!;
  return { height, width, channels: 3, data: out };
}
