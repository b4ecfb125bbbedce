/**
 * A representational similarity matrix sorted by an attribute, drawn as one
 * pixelated image with dark lines at the attribute block boundaries.
 *
 * @module
 */

import type { sortedRsm } from "../../activations/rsm.ts";
import { rgbOf } from "../../display/color.ts";
import { createDocument, el } from "../../display/dom.ts";
import type { Figure } from "../../display/figure.ts";
import { formatNumber, textWidth } from "../../display/format.ts";
import { composeFigure } from "../../display/layout.ts";
import { colorBar, continuousColor } from "../../display/legend.ts";
import { pngDataUri } from "../../display/png.ts";

/** The parts of a `sortedRsm` result the figure reads. */
export type SortedRsmResult = Pick<
  ReturnType<typeof sortedRsm>,
  "metric" | "boundaries" | "matrix" | "blockMeans"
>;

/** Options for {@link plotSortedRsm}. */
export interface SortedRsmPlotOptions {
  /** Name of each attribute level (one block each). @default "level k" */
  levelNames?: readonly string[];
  /** Figure title. @default "" */
  title?: string;
  /** Side of the matrix in pixels. @default 360 */
  size?: number;
  /** Plot colour scheme (diverging: blue negative, white zero, red positive). @default "burd" */
  scheme?: string;
  /** Colour domain `[lo, hi]`; the diagonal's self-similarity saturates. @default ±max |off-diagonal entry| */
  domain?: readonly [number, number];
}

/**
 * The sorted similarity matrix as an image, with lines at the attribute block
 * boundaries, the level names beside the blocks and a colour bar.
 *
 * @param rsm A `sortedRsm` result.
 * @param options Level names, title, size, colour scheme and domain.
 * @returns A figure whose summary gives the block sizes and mean similarities.
 *
 * @example Two blocks
 * ```ts
 * import { sortedRsm } from "../../activations/rsm.ts";
 * import { plotSortedRsm } from "./sorted_rsm.ts";
 * import assert from "node:assert/strict";
 * const r = sortedRsm([[1, 0, 0], [0, 1, 0], [1, 0.1, 0], [0, 1, 0.1]], [0, 1, 0, 1]);
 * const fig = plotSortedRsm(r, { levelNames: ["a", "b"] });
 * assert.match(fig.summary, /2 blocks \(a 2, b 2\)/);
 * ```
 */
export function plotSortedRsm(rsm: SortedRsmResult, options: SortedRsmPlotOptions = {}): Figure {
  const ctx = "Cannot plot sorted RSM";
  const { title = "", size = 360, scheme = "burd" } = options;
  const { rows: n, data } = rsm.matrix;
  const L = rsm.boundaries.length;
  const names = options.levelNames?.map(String) ?? rsm.boundaries.map((_, l) => `level ${l}`);
  if (names.length !== L) {
    throw new TypeError(`${ctx}: \`levelNames\` must have ${L} entries: got ${names.length}`);
  }
  if (!(size > 0)) throw new RangeError(`${ctx}: \`size\` must be positive: got ${size}`);
  let m = 0;
  data.forEach((v, i) => {
    if (i % (n + 1)) m = Math.max(m, Math.abs(v));
  });
  const [lo, hi] = options.domain ?? [-(m || 1), m || 1];
  if (!(lo < hi)) {
    throw new RangeError(`${ctx}: \`domain\` must be [lo, hi] with lo < hi: got [${lo}, ${hi}]`);
  }
  const color = continuousColor(scheme, [lo, hi], ctx);
  const lut = Array.from({ length: 256 }, (_, k) => rgbOf(color(lo + (hi - lo) * k / 255))!);
  const px = new Uint8Array(3 * n * n);
  data.forEach((v, i) => {
    const t = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
    px.set(lut[Math.round(255 * t)]!, 3 * i);
  });
  const left = Math.ceil(Math.max(...names.map((s) => textWidth(s)))) + 10, cell = size / n;
  const doc = createDocument();
  const g = el(doc, "g", { "aria-label": "sorted rsm" }, [
    el(doc, "image", {
      x: left,
      y: 0,
      width: size,
      height: size,
      preserveAspectRatio: "none",
      style: "image-rendering:pixelated",
      href: pngDataUri({ width: n, height: n, channels: 3, data: px }),
    }),
  ]);
  const ends = [...rsm.boundaries.slice(1), n];
  rsm.boundaries.forEach((b, l) => {
    const mid = (b + ends[l]!) / 2 * cell;
    if (l > 0) {
      for (const [x1, y1, x2, y2] of [[b, 0, b, n], [0, b, n, b]]) {
        g.appendChild(el(doc, "line", {
          x1: left + x1! * cell,
          y1: y1! * cell,
          x2: left + x2! * cell,
          y2: y2! * cell,
          stroke: "#222",
          "stroke-width": 1,
        }));
      }
    }
    if (ends[l]! > b) {
      g.appendChild(
        el(doc, "text", { x: left - 5, y: mid, dy: "0.32em", "text-anchor": "end" }, names[l]!),
      );
      g.appendChild(
        el(doc, "text", { x: left + mid, y: size + 14, "text-anchor": "middle" }, names[l]!),
      );
    }
  });
  const bar = colorBar(doc, color, [lo, hi], { label: rsm.metric, length: Math.min(240, size) });
  const bm = rsm.blockMeans;
  const avg = (within: boolean) => {
    const v = bm.flatMap((r, i) => r.filter((x, j) => (i === j) === within && x !== null));
    return v.length ? formatNumber((v as number[]).reduce((a, b) => a + b, 0) / v.length, 3) : "–";
  };
  const sizes = names.map((s, l) => `${s} ${ends[l]! - rsm.boundaries[l]!}`).join(", ");
  return composeFigure(doc, {
    title,
    width: left + size + 16 + bar.width,
    height: size + 22,
    items: [{ node: g, x: 0, y: 0 }, { node: bar.node, x: left + size + 12, y: 0 }],
    summary:
      `Sorted ${rsm.metric} RSM of ${n} samples in ${L} blocks (${sizes}); mean similarity within blocks ${
        avg(true)
      }, between blocks ${avg(false)}`,
  });
}
