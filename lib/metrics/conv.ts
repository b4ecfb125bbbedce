/**
 * Linear shape metrics between convolutional layers, over circular spatial
 * shifts. Inputs are [images, height, width, channels]. For each shift
 * (Δh, Δw) = (i − ⌊h/2⌋, j − ⌊w/2⌋), X is rolled along the two spatial axes
 * (as numpy's `roll`: entry a moves to a + Δ), both tensors are flattened to
 * (images·h·w) × channels, and the linear metric is fitted and scored. The
 * result is the h×w map (its centre is the unshifted distance) and its minimum,
 * the shift-invariant distance.
 *
 * A shift only permutes the rows of X, which changes neither its means nor its
 * scatter, so each network is whitened once and every shift costs one product
 * and one SVD.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { asTensor, checkAlpha, checkScore, type Tensor, type TensorLike } from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";
import { preparedLinearDistance } from "./linear.ts";
import { type LinearMetricOptions, prepareLinearMetric, whiteningFloorWarning } from "./whiten.ts";

/** Result of {@link convLinearMetric}. */
export interface ConvMetricResult {
  /** Minimum of `map` over shifts. */
  distance: number;
  /** [height, width]: entry (i, j) is the distance with X rolled by (i − ⌊h/2⌋, j − ⌊w/2⌋). */
  map: Matrix;
  /** The minimising shift (Δh, Δw). */
  shift: [number, number];
  /** Distance without shifting (the centre of the map). */
  unshifted: number;
  /** Present when the whitening floor changed non-negligible eigenvalues (data small in scale; see `whiteningFloorWarning`). */
  warning?: string;
}

/**
 * Rows of a flattened [m, h, w, c] tensor after rolling X by (s1, s2) spatially:
 * output row (img, a, b) is input row (img, (a − s1) mod h, (b − s2) mod w).
 */
function rollRows(phi: Matrix, m: number, h: number, w: number, s1: number, s2: number): Matrix {
  const p = phi.cols;
  const out = new Float64Array(phi.data.length);
  for (let img = 0; img < m; img++) {
    for (let a = 0; a < h; a++) {
      const sa = (((a - s1) % h) + h) % h;
      for (let b = 0; b < w; b++) {
        const sb = (((b - s2) % w) + w) % w;
        const dst = ((img * h + a) * w + b) * p, src = ((img * h + sa) * w + sb) * p;
        out.set(phi.data.subarray(src, src + p), dst);
      }
    }
  }
  return { rows: phi.rows, cols: p, data: out };
}

function flatten(t: Tensor): Matrix {
  const c = t.shape[3]!;
  return { rows: t.data.length / c, cols: c, data: t.data };
}

/**
 * The linear shape metric between two convolutional layers over all circular
 * spatial shifts of X.
 *
 * @param X Activations [images, height, width, channelsX].
 * @param Y Activations [images, height, width, channelsY].
 * @param opts {@link LinearMetricOptions} (padding applies to channels).
 * @returns `{distance, map, shift, unshifted}`, tagged `convLinearMetric`.
 *
 * @example A spatially rolled copy is found at its shift
 * ```ts
 * import { convLinearMetric } from "./conv.ts";
 * import assert from "node:assert/strict";
 * // 2 images, 1×3 spatial, 2 channels; Y is X rolled by one position
 * const X = [[[[1, 0], [2, 1], [0, 3]]], [[[4, 1], [0, 0], [1, 2]]]];
 * const Y = X.map((img) => img.map((row) => [row[2]!, row[0]!, row[1]!]));
 * const r = convLinearMetric(X, Y, { alpha: 1 });
 * assert.ok(r.distance < 1e-12);
 * assert.deepEqual(r.shift, [0, 1]);
 * assert.deepEqual([r.map.rows, r.map.cols], [1, 3]);
 * ```
 */
export function convLinearMetric(
  X: TensorLike,
  Y: TensorLike,
  opts: LinearMetricOptions = {},
): Readonly<ConvMetricResult & { kind: string }> {
  const context = "Cannot compute convolutional linear metric";
  checkOptionNames(opts, ["alpha", "score", "center", "pad"], context, ["center", "pad"]);
  const { alpha = 1, score = "angular", center = true, pad = true } = opts ?? {};
  checkAlpha(alpha, context);
  checkScore(score, context);
  const tx = asTensor(X, "X", 4, context), ty = asTensor(Y, "Y", 4, context);
  const [m, h, w, cx] = tx.shape as [number, number, number, number];
  const cy = ty.shape[3]!;
  if (tx.shape[0] !== ty.shape[0] || tx.shape[1] !== ty.shape[1] || tx.shape[2] !== ty.shape[2]) {
    throw new TypeError(
      `${context}: \`X\` and \`Y\` must have the same images, height and width: got shapes [${
        tx.shape.join(", ")
      }] and [${ty.shape.join(", ")}]`,
    );
  }
  if (!pad && cx !== cy) {
    throw new TypeError(
      `${context}: \`X\` and \`Y\` must have the same number of channels when \`pad\` is false: got shapes [${
        tx.shape.join(", ")
      }] and [${ty.shape.join(", ")}]`,
    );
  }
  const width = Math.max(cx, cy);
  const px = prepareLinearMetric(flatten(tx), alpha, center, width);
  const py = prepareLinearMetric(flatten(ty), alpha, center, width);
  const warning = whiteningFloorWarning([["X", px.floorRaised], ["Y", py.floorRaised]]);
  const map = new Float64Array(h * w);
  let best = Infinity, shift: [number, number] = [0, 0];
  const h2 = Math.floor(h / 2), w2 = Math.floor(w / 2);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      const s1 = i - h2, s2 = j - w2;
      const phi = s1 === 0 && s2 === 0 ? px.phi : rollRows(px.phi, m, h, w, s1, s2);
      const d = preparedLinearDistance({ ...px, phi }, py, score);
      map[i * w + j] = d;
      if (d < best) {
        best = d;
        shift = [s1, s2];
      }
    }
  }
  return tagResult("convLinearMetric", {
    distance: best,
    map: { rows: h, cols: w, data: map },
    shift,
    unshifted: map[h2 * w + w2]!,
    ...(warning ? { warning } : {}),
  });
}
