/**
 * A small convolutional network for the image benchmarks: two blocks of
 * 3×3 convolution ("same" padding) + ReLU + 2×2 max-pooling, a fully connected
 * ReLU layer (the penultimate features) and a linear head, trained like the MLP
 * with Adam on softmax cross-entropy. Convolutions run as im2col + `matmul`.
 *
 * Inputs are rows of channel-major images `[channels, height, width]` (the
 * layout of `AttributedImages`), at least 4×4; pooling drops an odd last row or column.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { matmul } from "../linalg/products.ts";
import { mulberry32, normalSampler } from "../random.ts";
import { asLabels, countLevels, type LabelsLike } from "./labels.ts";
import { col2im, im2col, maxPool } from "./conv.ts";
import { softmaxCrossEntropy, trainMinibatches } from "./training.ts";

/** Image geometry of the input rows. */
export interface ImageShape {
  /** Channels. */
  channels: number;
  /** Height in pixels (at least 4). */
  height: number;
  /** Width in pixels (at least 4). */
  width: number;
}

/** Options for {@link trainCnn}. */
export interface CnnOptions {
  /** Output channels of the two convolutions. @default [8, 16] */
  filters?: [number, number];
  /** Width of the fully connected (penultimate) layer. @default 64 */
  hidden?: number;
  /** Passes over the training set. @default 10 */
  epochs?: number;
  /** Mini-batch size. @default 64 */
  batchSize?: number;
  /** Adam step size. @default 1e-3 */
  learningRate?: number;
  /** L2 weight decay added to the gradients. @default 0 */
  weightDecay?: number;
  /** Seed for initialisation and batch order. @default 0 */
  seed?: number;
  /** Number of classes. @default largest label + 1 */
  nClasses?: number;
  /** Called after each epoch with the mean training loss. @default undefined */
  onProgress?: (progress: { epoch: number; loss: number }) => void;
}

/** A convolutional network: plain data. Weights are `[fanIn, out]` matrices. */
export interface CnnModel {
  /** Input geometry. */
  shape: ImageShape;
  /** Conv 1 [9·channels, f1], conv 2 [9·f1, f2], dense [f2·⌊⌊h/2⌋/2⌋·⌊⌊w/2⌋/2⌋, hidden], head [hidden, classes]. */
  weights: Matrix[];
  /** Biases of the four layers. */
  biases: Float64Array[];
}

/**
 * He-normal initial weights, zero biases.
 *
 * @param shape Input geometry.
 * @param filters Channels of the two convolutions.
 * @param hidden Width of the dense layer.
 * @param nClasses Number of classes.
 * @param seed Seed.
 * @returns An untrained network.
 *
 * @example
 * ```ts
 * import { initCnn } from "./cnn.ts";
 * import assert from "node:assert/strict";
 * const m = initCnn({ channels: 1, height: 8, width: 8 }, [4, 6], 10, 2, 0);
 * assert.deepEqual(m.weights.map((w) => [w.rows, w.cols]), [[9, 4], [36, 6], [24, 10], [10, 2]]);
 * ```
 */
export function initCnn(
  shape: ImageShape,
  filters: [number, number],
  hidden: number,
  nClasses: number,
  seed: number,
): CnnModel {
  const g = normalSampler(mulberry32(seed));
  const q = (n: number) => Math.floor(Math.floor(n / 2) / 2);
  const flat = filters[1] * q(shape.height) * q(shape.width);
  const dims: [number, number][] = [
    [9 * shape.channels, filters[0]],
    [9 * filters[0], filters[1]],
    [flat, hidden],
    [hidden, nClasses],
  ];
  const weights = dims.map(([fanIn, out]) => {
    const data = new Float64Array(fanIn * out);
    const sd = Math.sqrt(2 / fanIn);
    for (let k = 0; k < data.length; k++) data[k] = sd * g();
    return { rows: fanIn, cols: out, data };
  });
  return { shape: { ...shape }, weights, biases: dims.map(([, out]) => new Float64Array(out)) };
}

function addBiasRelu(Z: Matrix, bias: Float64Array, relu: boolean): Matrix {
  const m = Z.cols;
  for (let i = 0; i < Z.rows; i++) {
    for (let j = 0; j < m; j++) {
      const v = Z.data[i * m + j]! + bias[j]!;
      Z.data[i * m + j] = relu && v < 0 ? 0 : v;
    }
  }
  return Z;
}

/** Channel-major rows [B, C·H·W] → NHWC. */
function toNhwc(X: Matrix, start: number, B: number, s: ImageShape, order?: Int32Array) {
  const { channels: C, height: H, width: W } = s, P = H * W;
  const out = new Float64Array(B * P * C);
  for (let k = 0; k < B; k++) {
    const i = order ? order[start + k]! : start + k, src = i * C * P;
    for (let c = 0; c < C; c++) {
      for (let p = 0; p < P; p++) out[(k * P + p) * C + c] = X.data[src + c * P + p]!;
    }
  }
  return out;
}

interface Trace {
  cols1: Matrix;
  a1: Matrix;
  arg1: Int32Array;
  cols2: Matrix;
  a2: Matrix;
  arg2: Int32Array;
  flat: Matrix;
  features: Matrix;
  logits: Matrix;
}

function forward(model: CnnModel, x: Float64Array, B: number): Trace {
  const { channels: C, height: H, width: W } = model.shape;
  const [W1, W2, W3, W4] = model.weights as [Matrix, Matrix, Matrix, Matrix];
  const [b1, b2, b3, b4] = model.biases as [Float64Array, Float64Array, Float64Array, Float64Array];
  const f1 = W1.cols, f2 = W2.cols;
  const cols1 = im2col(x, B, H, W, C);
  const a1 = addBiasRelu(matmul(cols1, W1), b1, true);
  const p1 = maxPool(a1.data, B, H, W, f1);
  const H2 = Math.floor(H / 2), W2s = Math.floor(W / 2);
  const cols2 = im2col(p1.out, B, H2, W2s, f1);
  const a2 = addBiasRelu(matmul(cols2, W2), b2, true);
  const p2 = maxPool(a2.data, B, H2, W2s, f2);
  const flat: Matrix = { rows: B, cols: p2.out.length / B, data: p2.out };
  const features = addBiasRelu(matmul(flat, W3), b3, true);
  const logits = addBiasRelu(matmul(features, W4), b4, false);
  return { cols1, a1, arg1: p1.arg, cols2, a2, arg2: p2.arg, flat, features, logits };
}

function checkInput(model: CnnModel, X: Matrix, ctx: string) {
  const { channels, height, width } = model.shape;
  if (X.cols !== channels * height * width) {
    throw new TypeError(
      `${ctx}: \`X\` must have ${channels}·${height}·${width} = ${
        channels * height * width
      } columns: got shape [${X.rows}, ${X.cols}]`,
    );
  }
}

/**
 * Forward pass: penultimate features (dense layer) and logits.
 *
 * @param model A network.
 * @param X Images as rows [nSamples, channels·height·width].
 * @returns `features` [nSamples, hidden] and `logits` [nSamples, nClasses].
 *
 * @example
 * ```ts
 * import { cnnForward, initCnn } from "./cnn.ts";
 * import assert from "node:assert/strict";
 * const m = initCnn({ channels: 1, height: 4, width: 4 }, [2, 3], 5, 2, 0);
 * const out = cnnForward(m, [new Array(16).fill(1)]);
 * assert.deepEqual([out.features.cols, out.logits.cols], [5, 2]);
 * ```
 */
export function cnnForward(model: CnnModel, X: MatrixLike): { features: Matrix; logits: Matrix } {
  const ctx = "Cannot run CNN";
  const A = asMatrix(X, "X", { context: ctx });
  checkInput(model, A, ctx);
  const chunk = 256, hidden = model.weights[2]!.cols, K = model.weights[3]!.cols;
  const features = new Float64Array(A.rows * hidden), logits = new Float64Array(A.rows * K);
  for (let s = 0; s < A.rows; s += chunk) {
    const B = Math.min(chunk, A.rows - s);
    const t = forward(model, toNhwc(A, s, B, model.shape), B);
    features.set(t.features.data, s * hidden);
    logits.set(t.logits.data, s * K);
  }
  return {
    features: { rows: A.rows, cols: hidden, data: features },
    logits: { rows: A.rows, cols: K, data: logits },
  };
}

/**
 * Mean softmax cross-entropy of a batch and its gradients, in the order
 * `[W1, b1, W2, b2, W3, b3, W4, b4]`.
 *
 * @param model The network.
 * @param X Batch images as rows [batch, channels·height·width].
 * @param y Batch labels.
 * @returns The mean loss and the gradients.
 *
 * @example
 * ```ts
 * import { cnnGradients, initCnn } from "./cnn.ts";
 * import assert from "node:assert/strict";
 * const m = initCnn({ channels: 1, height: 4, width: 4 }, [2, 2], 3, 2, 0);
 * const X = { rows: 1, cols: 16, data: new Float64Array(16).fill(0.5) };
 * const { loss, grads } = cnnGradients(m, X, Int32Array.from([1]));
 * assert.ok(loss > 0);
 * assert.equal(grads.length, 8);
 * ```
 */
export function cnnGradients(
  model: CnnModel,
  X: MatrixLike,
  y: LabelsLike,
): { loss: number; grads: Float64Array[] } {
  const ctx = "Cannot compute CNN gradients";
  const A = asMatrix(X, "X", { context: ctx });
  checkInput(model, A, ctx);
  const labels = asLabels(y, "y", A.rows, ctx);
  return batchGradients(model, toNhwc(A, 0, A.rows, model.shape), labels);
}

/** Loss and gradients of an NHWC batch. */
function batchGradients(
  model: CnnModel,
  x: Float64Array,
  y: Int32Array,
): { loss: number; grads: Float64Array[] } {
  const B = y.length;
  const { height: H, width: W } = model.shape;
  const [W1, W2, W3, W4] = model.weights as [Matrix, Matrix, Matrix, Matrix];
  const f1 = W1.cols, f2 = W2.cols, K = W4.cols;
  const t = forward(model, x, B);
  const { loss, dZ } = softmaxCrossEntropy(t.logits.data, y, K);
  const colSum = (M: Matrix) => {
    const s = new Float64Array(M.cols);
    for (let i = 0; i < M.rows; i++) {
      for (let j = 0; j < M.cols; j++) s[j]! += M.data[i * M.cols + j]!;
    }
    return s;
  };
  const reluMask = (G: Matrix, act: Float64Array) => {
    for (let k = 0; k < G.data.length; k++) if (act[k]! <= 0) G.data[k] = 0;
    return G;
  };
  const unpool = (g: Float64Array, arg: Int32Array, size: number) => {
    const out = new Float64Array(size);
    for (let k = 0; k < g.length; k++) out[arg[k]!]! += g[k]!;
    return out;
  };
  const d4: Matrix = { rows: B, cols: K, data: dZ };
  const gW4 = matmul(t.features, d4, { transA: true }).data, gb4 = colSum(d4);
  const d3 = reluMask(matmul(d4, W4, { transB: true }), t.features.data);
  const gW3 = matmul(t.flat, d3, { transA: true }).data, gb3 = colSum(d3);
  const dFlat = matmul(d3, W3, { transB: true });
  const H2 = Math.floor(H / 2), W2s = Math.floor(W / 2);
  const d2: Matrix = {
    rows: B * H2 * W2s,
    cols: f2,
    data: unpool(dFlat.data, t.arg2, t.a2.data.length),
  };
  reluMask(d2, t.a2.data);
  const gW2 = matmul(t.cols2, d2, { transA: true }).data, gb2 = colSum(d2);
  const dCols2 = matmul(d2, W2, { transB: true });
  const dP1 = col2im(dCols2, B, H2, W2s, f1);
  const d1: Matrix = { rows: B * H * W, cols: f1, data: unpool(dP1, t.arg1, t.a1.data.length) };
  reluMask(d1, t.a1.data);
  const gW1 = matmul(t.cols1, d1, { transA: true }).data, gb1 = colSum(d1);
  return { loss, grads: [gW1, gb1, gW2, gb2, gW3, gb3, gW4, gb4] };
}

/**
 * Train the network with Adam on softmax cross-entropy (seeded batch order).
 *
 * @param X Images as rows [nSamples, channels·height·width].
 * @param y Class labels.
 * @param shape Image geometry (height and width divisible by 4).
 * @param options Architecture and optimisation settings.
 * @returns The trained model and the mean loss per epoch.
 *
 * @example Learns bright-left versus bright-right images
 * ```ts
 * import { trainCnn, cnnForward } from "./cnn.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [], y: number[] = [];
 * for (let i = 0; i < 40; i++) {
 *   const right = i % 2;
 *   X.push(Array.from({ length: 16 }, (_, p) => ((p % 4 >= 2) === (right === 1) ? 1 : 0)));
 *   y.push(right);
 * }
 * const { model } = trainCnn(X, y, { channels: 1, height: 4, width: 4 }, { epochs: 30, learningRate: 0.01, hidden: 8, filters: [2, 2] });
 * const z = cnnForward(model, X).logits;
 * assert.ok(z.data[3]! > z.data[2]! && z.data[0]! > z.data[1]!);
 * ```
 */
export function trainCnn(
  X: MatrixLike,
  y: LabelsLike,
  shape: ImageShape,
  options: CnnOptions = {},
): { model: CnnModel; losses: number[] } {
  const ctx = "Cannot train CNN";
  const A = asMatrix(X, "X", { context: ctx });
  const labels = asLabels(y, "y", A.rows, ctx);
  const {
    filters = [8, 16],
    hidden = 64,
    epochs = 10,
    batchSize = 64,
    learningRate = 1e-3,
    weightDecay = 0,
    seed = 0,
    nClasses = countLevels(labels),
    onProgress,
  } = options;
  const { channels, height, width } = shape;
  if (
    !Number.isInteger(channels) || channels < 1 || !Number.isInteger(height) || height < 4 ||
    !Number.isInteger(width) || width < 4
  ) {
    throw new RangeError(
      `${ctx}: \`shape\` must have integer channels >= 1 and height, width >= 4: got ${channels}×${height}×${width}`,
    );
  }
  for (
    const [name, v] of [["epochs", epochs], ["batchSize", batchSize], ["hidden", hidden]] as const
  ) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`${ctx}: \`${name}\` must be an integer >= 1: got ${v}`);
    }
  }
  if (filters.length !== 2 || filters.some((f) => !Number.isInteger(f) || f < 1)) {
    throw new RangeError(`${ctx}: \`filters\` must be two positive integers: got [${filters}]`);
  }
  if (!Number.isInteger(nClasses) || nClasses < 2 || countLevels(labels) > nClasses) {
    throw new RangeError(
      `${ctx}: \`nClasses\` must be an integer >= 2 above every label: got ${nClasses}`,
    );
  }
  const model = initCnn(shape, filters, hidden, nClasses, seed);
  checkInput(model, A, ctx);
  const params: Float64Array[] = [];
  for (let l = 0; l < 4; l++) params.push(model.weights[l]!.data, model.biases[l]!);
  const settings = { epochs, batchSize, learningRate, weightDecay, seed, onProgress };
  const losses = trainMinibatches(A.rows, params, settings, (order, start, B) => {
    const yb = new Int32Array(B);
    for (let k = 0; k < B; k++) yb[k] = labels[order[start + k]!]!;
    return batchGradients(model, toNhwc(A, start, B, shape, order), yb);
  }, ctx);
  return { model, losses };
}
