/**
 * A grid of greyscale or RGB images (stimuli, receptive fields, filters),
 * embedded as PNG data URIs in SVG `<image>` elements with crisp pixels.
 *
 * @module
 */

import { isMatrix, type MatrixLike } from "../linalg/matrix.ts";
import { asFiniteMatrix, asLabels, asVector, checkInteger } from "./check.ts";
import { createDocument, el } from "./dom.ts";
import type { Figure } from "./figure.ts";
import { formatNumber, textWidth } from "./format.ts";
import { composeFigure, type Placed } from "./layout.ts";
import { colorBar } from "./legend.ts";
import { pngDataUri } from "./png.ts";

/** An image with interleaved channels: `data[(y * width + x) * channels + c]`. */
export interface ImageInput {
  /** Height in pixels. */
  readonly height: number;
  /** Width in pixels. */
  readonly width: number;
  /** 1 (grey) or 3 (RGB). @default 1 */
  readonly channels?: 1 | 3;
  /** `height * width * channels` values. */
  readonly data: ArrayLike<number>;
}

/** Options for {@link plotImageGrid}. */
export interface ImageGridOptions {
  /** Figure title. @default "" */
  title?: string;
  /** One caption per image. @default none */
  labels?: readonly (string | number)[];
  /** Grid rows. @default ceil(n / cols) */
  rows?: number;
  /** Grid columns. @default ceil(sqrt(n)), or ceil(n / rows) when rows is given */
  cols?: number;
  /** Value range mapped to black…white: shared by all images, per image, or fixed. @default "global" */
  range?: "global" | "each" | readonly [number, number];
  /** Displayed size of an image's longer side in pixels. @default 96 */
  cellSize?: number;
  /** Greyscale bar for a shared range (greyscale images only). @default true */
  colorLegend?: boolean;
}

const CONTEXT = "Cannot plot image grid";

/**
 * Lay images out in a grid, mapping values linearly to 0–255 over the chosen range.
 *
 * @param images Greyscale matrices `[height, width]` or {@link ImageInput} records.
 * @param options Grid shape, captions, range and size.
 * @returns A figure whose summary gives the grid shape and the value range.
 *
 * @example Four 2 × 2 images in a 2 × 2 grid
 * ```ts
 * import { plotImageGrid } from "./image_grid.ts";
 * import assert from "node:assert/strict";
 * const img = [[0, 1], [1, 0]];
 * const fig = plotImageGrid([img, img, img, img], { labels: ["a", "b", "c", "d"] });
 * assert.equal((fig.svg.match(/<image /g) ?? []).length, 4);
 * assert.match(fig.summary, /4 images in 2 rows × 2 columns; values 0 to 1/);
 * ```
 */
export function plotImageGrid(
  images: readonly (MatrixLike | ImageInput)[],
  options: ImageGridOptions = {},
): Figure {
  const { title = "", range = "global", cellSize = 96, colorLegend = true } = options;
  if (!Array.isArray(images) || images.length === 0) {
    throw new TypeError(
      `${CONTEXT}: \`images\` must be a non-empty array of images: got ${typeof images}`,
    );
  }
  const n = images.length;
  const imgs = images.map((im, k) => asImage(im, k));
  const labels = asLabels(options.labels, n, "labels", CONTEXT);
  if (options.rows !== undefined) checkInteger(options.rows, "rows", CONTEXT);
  if (options.cols !== undefined) checkInteger(options.cols, "cols", CONTEXT);
  const cols = options.cols ??
    (options.rows ? Math.ceil(n / options.rows) : Math.ceil(Math.sqrt(n)));
  const rows = options.rows ?? Math.ceil(n / cols);
  if (rows * cols < n) {
    throw new RangeError(
      `${CONTEXT}: \`rows\` × \`cols\` must hold ${n} images: got ${rows} × ${cols}`,
    );
  }
  if (!(cellSize > 0)) {
    throw new RangeError(`${CONTEXT}: \`cellSize\` must be positive: got ${cellSize}`);
  }
  let lo = Infinity, hi = -Infinity;
  for (const im of imgs) for (const v of im.data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  let fixed: readonly [number, number] | undefined;
  if (Array.isArray(range)) {
    if (range.length !== 2 || !(range[0] < range[1])) {
      throw new RangeError(
        `${CONTEXT}: \`range\` must be [lo, hi] with lo < hi: got ${JSON.stringify(range)}`,
      );
    }
    fixed = range as readonly [number, number];
  } else if (range === "global") fixed = [lo, hi];
  else if (range !== "each") {
    throw new RangeError(
      `${CONTEXT}: \`range\` must be "global", "each" or [lo, hi]: got ${JSON.stringify(range)}`,
    );
  }
  const gap = 10, caption = labels ? 14 : 0;
  const doc = createDocument();
  const items: Placed[] = [];
  imgs.forEach((im, k) => {
    const [a, b] = fixed ?? extent(im.data);
    const bytes = new Uint8Array(im.data.length);
    for (let i = 0; i < bytes.length; i++) {
      const t = b > a ? (im.data[i]! - a) / (b - a) : 0.5;
      bytes[i] = Math.round(255 * Math.min(1, Math.max(0, t)));
    }
    const scale = cellSize / Math.max(im.width, im.height);
    const [w, h] = [im.width * scale, im.height * scale];
    const cx = (k % cols) * (cellSize + gap),
      cy = Math.floor(k / cols) * (cellSize + gap + caption);
    const x = (cellSize - w) / 2, y = (cellSize - h) / 2;
    const kids = [
      el(doc, "image", {
        x,
        y,
        width: w,
        height: h,
        preserveAspectRatio: "none",
        "image-rendering": "optimizeSpeed",
        style: "image-rendering:pixelated",
        href: pngDataUri({
          width: im.width,
          height: im.height,
          channels: im.channels,
          data: bytes,
        }),
      }),
      el(doc, "rect", {
        x,
        y,
        width: w,
        height: h,
        fill: "none",
        stroke: "#999",
        "stroke-width": 0.5,
      }),
    ];
    if (labels) {
      kids.push(
        el(
          doc,
          "text",
          { x: cellSize / 2, y: cellSize + 11, "text-anchor": "middle" },
          fitLabel(labels[k]!, cellSize + gap),
        ),
      );
    }
    items.push({ node: el(doc, "g", { "aria-label": `image ${k}` }, kids), x: 10 + cx, y: 6 + cy });
  });
  let width = 10 + cols * (cellSize + gap);
  const height = 6 + rows * (cellSize + gap + caption);
  const grey = imgs.every((im) => im.channels === 1);
  if (colorLegend && fixed && grey) {
    const [a, b] = fixed;
    const shade = (v: number) => {
      const c = Math.round(255 * Math.min(1, Math.max(0, (v - a) / (b - a || 1))));
      return `rgb(${c}, ${c}, ${c})`;
    };
    const bar = colorBar(doc, shade, a < b ? fixed : [a - 0.5, b + 0.5], {
      length: Math.max(80, Math.min(200, height - 20)),
    });
    items.push({ node: bar.node, x: width + 4, y: 6 });
    width += bar.width + 14;
  }
  const summary = `${n} images in ${rows} rows × ${cols} columns; values ${formatNumber(lo)} to ${
    formatNumber(hi)
  }${
    range === "each"
      ? " (each image scaled to its own range)"
      : fixed
      ? ` (shown over ${formatNumber(fixed[0])} to ${formatNumber(fixed[1])})`
      : ""
  }`;
  return composeFigure(doc, { title, width, height, items, summary });
}

function asImage(
  im: MatrixLike | ImageInput,
  k: number,
): Required<ImageInput> & { data: Float64Array } {
  const name = `images[${k}]`;
  if (isMatrix(im) || Array.isArray(im)) {
    const M = asFiniteMatrix(im as MatrixLike, name, CONTEXT);
    return { height: M.rows, width: M.cols, channels: 1, data: M.data };
  }
  if (typeof im !== "object" || im === null || !("data" in im)) {
    throw new TypeError(
      `${CONTEXT}: \`${name}\` must be a matrix or {height, width, channels, data}: got ${
        im === null ? "null" : typeof im
      }`,
    );
  }
  const { height, width, channels = 1 } = im as ImageInput;
  checkInteger(height, `${name}.height`, CONTEXT);
  checkInteger(width, `${name}.width`, CONTEXT);
  if (channels !== 1 && channels !== 3) {
    throw new RangeError(`${CONTEXT}: \`${name}.channels\` must be 1 or 3: got ${channels}`);
  }
  const data = asVector((im as ImageInput).data, `${name}.data`, CONTEXT);
  if (data.length !== height * width * channels) {
    throw new TypeError(
      `${CONTEXT}: \`${name}.data\` must have ${height} × ${width} × ${channels} = ${
        height * width * channels
      } values: got ${data.length}`,
    );
  }
  return { height, width, channels, data };
}

function extent(data: Float64Array): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return [lo, hi];
}

function fitLabel(label: string, width: number): string {
  if (textWidth(label) <= width) return label;
  let s = label;
  while (s.length > 1 && textWidth(s + "…") > width) s = s.slice(0, -1);
  return s + "…";
}
