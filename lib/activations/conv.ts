/**
 * Convolution building blocks on NHWC batches (batch, height, width, channels
 * — the layout the CNN keeps between layers): 3×3 zero-padded im2col, its
 * adjoint, and 2×2 max-pooling.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";

/**
 * im2col of an NHWC batch for a 3×3 "same" (zero-padded) convolution: row
 * `(b·H + y)·W + x` holds the 3×3×C neighbourhood of pixel (y, x) of image b,
 * column `(dy·3 + dx)·C + c`.
 *
 * @param x Batch, NHWC, length B·H·W·C.
 * @param B Batch size.
 * @param H Height.
 * @param W Width.
 * @param C Channels.
 * @returns The [B·H·W, 9·C] patch matrix.
 *
 * @example The centre column reproduces the image
 * ```ts
 * import { im2col } from "./conv.ts";
 * import assert from "node:assert/strict";
 * const cols = im2col(new Float64Array([1, 2, 3, 4]), 1, 2, 2, 1);
 * assert.deepEqual([0, 1, 2, 3].map((r) => cols.data[r * 9 + 4]), [1, 2, 3, 4]);
 * assert.equal(cols.data[0], 0); // top-left neighbour of pixel (0, 0) is padding
 * ```
 */
export function im2col(x: Float64Array, B: number, H: number, W: number, C: number): Matrix {
  const K = 9 * C, out = new Float64Array(B * H * W * K);
  for (let b = 0; b < B; b++) {
    for (let y = 0; y < H; y++) {
      for (let xx = 0; xx < W; xx++) {
        const row = ((b * H + y) * W + xx) * K;
        for (let dy = 0; dy < 3; dy++) {
          const yy = y + dy - 1;
          if (yy < 0 || yy >= H) continue;
          for (let dx = 0; dx < 3; dx++) {
            const xs = xx + dx - 1;
            if (xs < 0 || xs >= W) continue;
            const src = ((b * H + yy) * W + xs) * C, dst = row + (dy * 3 + dx) * C;
            for (let c = 0; c < C; c++) out[dst + c] = x[src + c]!;
          }
        }
      }
    }
  }
  return { rows: B * H * W, cols: K, data: out };
}

/**
 * Adjoint of {@link im2col}: accumulate a patch-matrix gradient back onto the NHWC input.
 *
 * @param cols Patch-matrix values [B·H·W, 9·C].
 * @param B Batch size.
 * @param H Height.
 * @param W Width.
 * @param C Channels.
 * @returns The NHWC input gradient, length B·H·W·C.
 *
 * @example ⟨im2col(x), G⟩ = ⟨x, col2im(G)⟩
 * ```ts
 * import { col2im, im2col } from "./conv.ts";
 * import assert from "node:assert/strict";
 * const x = new Float64Array([1, -2, 3, 0.5, 2, -1]);
 * const G = { rows: 6, cols: 9, data: Float64Array.from({ length: 54 }, (_, k) => Math.sin(k)) };
 * const lhs = im2col(x, 1, 2, 3, 1).data.reduce((s, v, k) => s + v * G.data[k]!, 0);
 * const rhs = col2im(G, 1, 2, 3, 1).reduce((s, v, k) => s + v * x[k]!, 0);
 * assert.ok(Math.abs(lhs - rhs) < 1e-12);
 * ```
 */
export function col2im(cols: Matrix, B: number, H: number, W: number, C: number): Float64Array {
  const K = 9 * C, out = new Float64Array(B * H * W * C), d = cols.data;
  for (let b = 0; b < B; b++) {
    for (let y = 0; y < H; y++) {
      for (let xx = 0; xx < W; xx++) {
        const row = ((b * H + y) * W + xx) * K;
        for (let dy = 0; dy < 3; dy++) {
          const yy = y + dy - 1;
          if (yy < 0 || yy >= H) continue;
          for (let dx = 0; dx < 3; dx++) {
            const xs = xx + dx - 1;
            if (xs < 0 || xs >= W) continue;
            const dst = ((b * H + yy) * W + xs) * C, src = row + (dy * 3 + dx) * C;
            for (let c = 0; c < C; c++) out[dst + c]! += d[src + c]!;
          }
        }
      }
    }
  }
  return out;
}

/**
 * 2×2 max-pooling (stride 2) of an NHWC batch; an odd last row or column is dropped.
 *
 * @param x Batch, NHWC.
 * @param B Batch size.
 * @param H Height.
 * @param W Width.
 * @param C Channels.
 * @returns The pooled batch and, per output, the input offset of its maximum.
 *
 * @example
 * ```ts
 * import { maxPool } from "./conv.ts";
 * import assert from "node:assert/strict";
 * const { out, arg } = maxPool(new Float64Array([1, 5, 3, 2]), 1, 2, 2, 1);
 * assert.deepEqual([out[0], arg[0]], [5, 1]);
 * ```
 */
export function maxPool(x: Float64Array, B: number, H: number, W: number, C: number) {
  const h = Math.floor(H / 2), w = Math.floor(W / 2);
  const out = new Float64Array(B * h * w * C), arg = new Int32Array(B * h * w * C);
  for (let b = 0; b < B; b++) {
    for (let y = 0; y < h; y++) {
      for (let xx = 0; xx < w; xx++) {
        for (let c = 0; c < C; c++) {
          let best = -Infinity, at = 0;
          for (let u = 0; u < 2; u++) {
            for (let v = 0; v < 2; v++) {
              const k = ((b * H + 2 * y + u) * W + 2 * xx + v) * C + c;
              if (x[k]! > best) {
                best = x[k]!;
                at = k;
              }
            }
          }
          const o = ((b * h + y) * w + xx) * C + c;
          out[o] = best;
          arg[o] = at;
        }
      }
    }
  }
  return { out, arg };
}
