/**
 * Procedural sprites for the spurious-correlation benchmark: a square, a
 * triangle or an ellipse (class = shape) drawn at a random scale and position on
 * a small noisy canvas. The spurious attribute is the horizontal band holding
 * the shape's centre (band k of `nClasses` equal bands); in training data
 * band = class with probability `correlation`, otherwise one of the other bands
 * uniformly. `correlation = 1 / nClasses` gives an unbiased set.
 *
 * Shapes have equal area at the same scale, so size carries no class
 * information; pixels are anti-aliased by 4×4 supersampling.
 *
 * @module
 */

import { mulberry32, normalSampler } from "../random.ts";
import type { AttributedImages } from "./dataset.ts";

/**
 * Shape names in default class order.
 *
 * @example
 * ```ts
 * import { SPRITE_SHAPES } from "./sprites.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(SPRITE_SHAPES.slice(0, 2), ["square", "triangle"]);
 * ```
 */
export const SPRITE_SHAPES = ["square", "triangle", "ellipse"] as const;
/** One of {@link SPRITE_SHAPES}. */
export type SpriteShape = typeof SPRITE_SHAPES[number];

/** Options for {@link generateSprites}. */
export interface SpriteOptions {
  /** Number of sprites. @default 1000 */
  n?: number;
  /** 2 or 3 classes. @default 2 */
  nClasses?: number;
  /** Shape drawn for each class. @default the first `nClasses` of ["square", "triangle", "ellipse"] */
  shapes?: readonly SpriteShape[];
  /** P(band = class); 1/nClasses for an unbiased set. @default 0.95 */
  correlation?: number;
  /** Canvas side in pixels. @default 16 */
  size?: number;
  /** Standard deviation of the Gaussian pixel noise. @default 0.1 */
  noise?: number;
  /** Smallest and largest "radius" (radius of the equal-area disc), pixels. @default [2, 3.5] */
  scale?: [number, number];
  /** Range of the shape's brightness (uniform). @default [1, 1] */
  brightness?: [number, number];
  /** Seed. @default 0 */
  seed?: number;
}

const SUB = 4; // supersampling per pixel side

/** Inside test for a shape centred at the origin with equal-area radius r. */
function insideFn(shape: number, r: number, aspect: number): (x: number, y: number) => boolean {
  if (shape === 0) {
    const s = r * Math.sqrt(Math.PI) / 2;
    return (x, y) => Math.abs(x) <= s && Math.abs(y) <= s;
  }
  if (shape === 1) {
    const ax = r * aspect, ay = r / aspect;
    return (x, y) => (x * x) / (ax * ax) + (y * y) / (ay * ay) <= 1;
  }
  // Equilateral triangle, apex up, centroid at the origin.
  const side = r * Math.sqrt(4 * Math.PI / Math.sqrt(3));
  const h = side * Math.sqrt(3) / 2;
  const top = -2 * h / 3, bottom = h / 3;
  return (x, y) => {
    if (y < top || y > bottom) return false;
    const half = (y - top) / h * side / 2;
    return Math.abs(x) <= half;
  };
}

/** Horizontal and vertical half-extents of a shape. */
function extent(shape: number, r: number, aspect: number): [number, number] {
  if (shape === 0) return [r * Math.sqrt(Math.PI) / 2, r * Math.sqrt(Math.PI) / 2];
  if (shape === 1) return [r * aspect, r / aspect];
  const side = r * Math.sqrt(4 * Math.PI / Math.sqrt(3));
  const h = side * Math.sqrt(3) / 2;
  return [side / 2, 2 * h / 3];
}

/**
 * Generate labelled sprites.
 *
 * @param options Count, classes, correlation, canvas and noise.
 * @returns Images [n, size²] with class (shape) and attribute (horizontal band) labels.
 *
 * @example 95% of the training sprites sit in their class's band
 * ```ts
 * import { generateSprites } from "./sprites.ts";
 * import assert from "node:assert/strict";
 * const s = generateSprites({ n: 2000, correlation: 0.95, seed: 1 });
 * let aligned = 0;
 * for (let i = 0; i < s.labels.length; i++) if (s.labels[i] === s.attribute[i]) aligned++;
 * assert.ok(Math.abs(aligned / 2000 - 0.95) < 0.02);
 * assert.deepEqual([s.X.rows, s.X.cols], [2000, 256]);
 * ```
 */
export function generateSprites(options: SpriteOptions = {}): AttributedImages {
  const {
    n = 1000,
    nClasses = 2,
    correlation = 0.95,
    size = 16,
    noise = 0.1,
    scale = [2, 3.5],
    brightness = [1, 1],
    seed = 0,
  } = options;
  const ctx = "Cannot generate sprites";
  const shapes = options.shapes ?? SPRITE_SHAPES.slice(0, nClasses);
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${ctx}: \`n\` must be an integer >= 1: got ${n}`);
  }
  if (nClasses !== 2 && nClasses !== 3) {
    throw new RangeError(`${ctx}: \`nClasses\` must be 2 or 3: got ${nClasses}`);
  }
  if (
    shapes.length !== nClasses || shapes.some((x) => !SPRITE_SHAPES.includes(x)) ||
    new Set(shapes).size !== shapes.length
  ) {
    throw new RangeError(
      `${ctx}: \`shapes\` must name ${nClasses} distinct shapes among ${
        SPRITE_SHAPES.join(", ")
      }: got [${shapes}]`,
    );
  }
  if (!(correlation >= 0 && correlation <= 1)) {
    throw new RangeError(`${ctx}: \`correlation\` must be in [0, 1]: got ${correlation}`);
  }
  if (!Number.isInteger(size) || size < 8) {
    throw new RangeError(`${ctx}: \`size\` must be an integer >= 8: got ${size}`);
  }
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw new RangeError(`${ctx}: \`noise\` must be a finite number >= 0: got ${noise}`);
  }
  const [rMin, rMax] = scale;
  if (!(rMin > 0 && rMax >= rMin && 1.4 * rMax <= size / 2)) {
    throw new RangeError(
      `${ctx}: \`scale\` must satisfy 0 < min <= max <= ${
        (size / 2.8).toFixed(3)
      }: got [${rMin}, ${rMax}]`,
    );
  }
  const [bMin, bMax] = brightness;
  if (!(bMin > 0 && bMax >= bMin && Number.isFinite(bMax))) {
    throw new RangeError(
      `${ctx}: \`brightness\` must satisfy 0 < min <= max: got [${bMin}, ${bMax}]`,
    );
  }
  const rand = mulberry32(seed);
  const gauss = normalSampler(mulberry32(seed ^ 0x2545f491));
  const P = size * size;
  const X = new Float64Array(n * P);
  const labels = new Int32Array(n), attribute = new Int32Array(n);
  const band = size / nClasses;
  for (let i = 0; i < n; i++) {
    const y = Math.min(nClasses - 1, Math.floor(rand() * nClasses));
    let a = y;
    if (rand() >= correlation) {
      a = (y + 1 + Math.min(nClasses - 2, Math.floor(rand() * (nClasses - 1)))) % nClasses;
    }
    labels[i] = y;
    attribute[i] = a;
    const r = rMin + (rMax - rMin) * rand();
    const aspect = Math.exp((rand() * 2 - 1) * Math.log(1.25));
    const shape = ["square", "ellipse", "triangle"].indexOf(shapes[y]!);
    const [ex, ey] = extent(shape, r, aspect);
    const lo = Math.max(ex, a * band), hi = Math.min(size - ex, (a + 1) * band);
    const cx = lo <= hi ? lo + (hi - lo) * rand() : (a + 0.5) * band;
    const cy = ey + (size - 2 * ey) * rand();
    const level = brightness[0] + (brightness[1] - brightness[0]) * rand();
    const inside = insideFn(shape, r, aspect);
    const row = i * P;
    const x0 = Math.max(0, Math.floor(cx - ex)), x1 = Math.min(size - 1, Math.ceil(cx + ex));
    const y0 = Math.max(0, Math.floor(cy - ey)), y1 = Math.min(size - 1, Math.ceil(cy + ey));
    for (let py = y0; py <= y1; py++) {
      for (let px = x0; px <= x1; px++) {
        let hits = 0;
        for (let sy = 0; sy < SUB; sy++) {
          const yy = py + (sy + 0.5) / SUB - cy;
          for (let sx = 0; sx < SUB; sx++) {
            if (inside(px + (sx + 0.5) / SUB - cx, yy)) hits++;
          }
        }
        X[row + py * size + px] = level * hits / (SUB * SUB);
      }
    }
    if (noise > 0) { for (let k = 0; k < P; k++) X[row + k]! += noise * gauss(); }
  }
  return {
    X: { rows: n, cols: P, data: X },
    labels,
    attribute,
    nClasses,
    nAttributes: nClasses,
    height: size,
    width: size,
    channels: 1,
    classNames: [...shapes],
    attributeNames: Array.from({ length: nClasses }, (_, k) => `band ${k}`),
  };
}
