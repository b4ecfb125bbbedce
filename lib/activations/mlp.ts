/**
 * A small fully connected ReLU network with a softmax cross-entropy head,
 * trained with Adam on shuffled mini-batches. Seeded and deterministic; the
 * batch products go through the linear-algebra backend (`matmul`).
 *
 * Layer l maps `A_{l−1} [batch, in]` to `A_{l−1} W_l + b_l` with `W_l: [in, out]`,
 * ReLU after every layer but the last. The last hidden layer is the
 * "penultimate" feature layer used for last-layer retraining.
 *
 * @module
 */

import { matrixArg } from "../linalg/matrix.ts";
import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { matmul } from "../linalg/products.ts";
import { mulberry32, normalSampler } from "../random.ts";
import { softmaxCrossEntropy, trainMinibatches } from "./training.ts";
import { asLabels, countLevels, type LabelsLike } from "./labels.ts";

/** Options for {@link trainMlp}. */
export interface MlpOptions {
  /** Widths of the hidden layers (the last one is the penultimate feature layer). @default [64] */
  hidden?: number[];
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

/** A trained network: plain data. */
export interface MlpModel {
  /** Layer widths, input first, classes last. */
  sizes: number[];
  /** Weights per layer, `[in, out]`. */
  weights: Matrix[];
  /** Biases per layer, length `out`. */
  biases: Float64Array[];
}

/** Result of {@link trainMlp}. */
export interface MlpTraining {
  /** The trained network. */
  model: MlpModel;
  /** Mean training loss of each epoch. */
  losses: number[];
}

const CTX = "Cannot train MLP";

/**
 * He-normal initial weights (std √(2/in)), zero biases.
 *
 * @param sizes Layer widths, input first.
 * @param seed Seed.
 * @returns An untrained network.
 *
 * @example
 * ```ts
 * import { initMlp } from "./mlp.ts";
 * import assert from "node:assert/strict";
 * const m = initMlp([4, 3, 2], 1);
 * assert.deepEqual(m.weights.map((w) => [w.rows, w.cols]), [[4, 3], [3, 2]]);
 * assert.deepEqual(initMlp([4, 3, 2], 1).weights[0]!.data, m.weights[0]!.data);
 * ```
 */
export function initMlp(sizes: readonly number[], seed: number): MlpModel {
  const g = normalSampler(mulberry32(seed));
  const weights: Matrix[] = [], biases: Float64Array[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const fanIn = sizes[l - 1]!, out = sizes[l]!;
    const sd = Math.sqrt(2 / fanIn);
    const data = new Float64Array(fanIn * out);
    for (let k = 0; k < data.length; k++) data[k] = sd * g();
    weights.push({ rows: fanIn, cols: out, data });
    biases.push(new Float64Array(out));
  }
  return { sizes: [...sizes], weights, biases };
}

function affine(A: Matrix, W: Matrix, b: Float64Array, relu: boolean): Matrix {
  const Z = matmul(A, W);
  const n = Z.rows, m = Z.cols, z = Z.data;
  for (let i = 0; i < n; i++) {
    const o = i * m;
    for (let j = 0; j < m; j++) {
      const v = z[o + j]! + b[j]!;
      z[o + j] = relu && v < 0 ? 0 : v;
    }
  }
  return Z;
}

/**
 * Forward pass: every layer's activations, the penultimate features and the logits.
 *
 * @param model A network.
 * @param X Inputs [nSamples, sizes[0]].
 * @returns `activations` per hidden layer, `features` (last hidden layer) and `logits`.
 *
 * @example
 * ```ts
 * import { initMlp, mlpForward } from "./mlp.ts";
 * import assert from "node:assert/strict";
 * const out = mlpForward(initMlp([2, 5, 3], 0), [[1, 2], [3, 4]]);
 * assert.deepEqual([out.features.cols, out.logits.cols], [5, 3]);
 * ```
 */
export function mlpForward(
  model: MlpModel,
  X: MatrixLike,
): { activations: Matrix[]; features: Matrix; logits: Matrix } {
  const ctx = "Cannot run MLP";
  const A0 = asMatrix(X, "X", { context: ctx });
  if (A0.cols !== model.sizes[0]) {
    throw new TypeError(
      `${ctx}: \`X\` must have ${
        model.sizes[0]
      } columns (the input width): got shape [${A0.rows}, ${A0.cols}]`,
    );
  }
  const activations: Matrix[] = [];
  let A = A0;
  const L = model.weights.length;
  for (let l = 0; l < L; l++) {
    A = affine(A, model.weights[l]!, model.biases[l]!, l < L - 1);
    if (l < L - 1) activations.push(A);
  }
  return { activations, features: activations[activations.length - 1] ?? A0, logits: A };
}

/**
 * Predicted classes (argmax of the logits).
 *
 * @param model A network.
 * @param X Inputs [nSamples, sizes[0]].
 * @returns The predicted class of each sample.
 *
 * @example
 * ```ts
 * import { initMlp, predictMlp } from "./mlp.ts";
 * import assert from "node:assert/strict";
 * assert.equal(predictMlp(initMlp([2, 4, 3], 0), [[1, 2]]).length, 1);
 * ```
 */
export function predictMlp(model: MlpModel, X: MatrixLike): Int32Array {
  return argmaxRows(mlpForward(model, X).logits);
}

/**
 * Row-wise argmax (first index on ties).
 *
 * @param Z A matrix [rows, cols].
 * @returns The column of each row's largest entry.
 *
 * @example
 * ```ts
 * import { argmaxRows } from "./mlp.ts";
 * import assert from "node:assert/strict";
 * const Z = { rows: 2, cols: 3, data: new Float64Array([1, 5, 5, 9, 0, 1]) };
 * assert.deepEqual(Array.from(argmaxRows(Z)), [1, 0]);
 * ```
 */
export function argmaxRows(Z: MatrixLike): Int32Array {
  Z = matrixArg(Z, "Z");
  const out = new Int32Array(Z.rows);
  for (let i = 0; i < Z.rows; i++) {
    let best = 0;
    for (let j = 1; j < Z.cols; j++) {
      if (Z.data[i * Z.cols + j]! > Z.data[i * Z.cols + best]!) best = j;
    }
    out[i] = best;
  }
  return out;
}

/**
 * Train the network with Adam on softmax cross-entropy. Batches are drawn from a
 * seeded permutation each epoch (the last batch may be smaller).
 *
 * @param X Inputs [nSamples, nInputs].
 * @param y Class labels, one per row.
 * @param options Architecture and optimisation settings.
 * @returns The trained model and the loss per epoch.
 *
 * @example Learns a linearly separable problem
 * ```ts
 * import { trainMlp, predictMlp } from "./mlp.ts";
 * import assert from "node:assert/strict";
 * const X = [[0, 1], [1, 0], [0, 2], [2, 0], [0, 3], [3, 0]], y = [0, 1, 0, 1, 0, 1];
 * const { model, losses } = trainMlp(X, y, { hidden: [8], epochs: 200, batchSize: 6, learningRate: 0.05 });
 * assert.deepEqual(Array.from(predictMlp(model, X)), y);
 * assert.ok(losses[losses.length - 1]! < losses[0]!);
 * ```
 */
export function trainMlp(X: MatrixLike, y: LabelsLike, options: MlpOptions = {}): MlpTraining {
  const A = asMatrix(X, "X", { context: CTX });
  const labels = asLabels(y, "y", A.rows, CTX);
  const {
    hidden = [64],
    epochs = 10,
    batchSize = 64,
    learningRate = 1e-3,
    weightDecay = 0,
    seed = 0,
    nClasses = countLevels(labels),
    onProgress,
  } = options;
  if (!Array.isArray(hidden) || hidden.some((h) => !Number.isInteger(h) || h < 1)) {
    throw new RangeError(`${CTX}: \`hidden\` must list positive integer widths: got [${hidden}]`);
  }
  for (const [name, v] of [["epochs", epochs], ["batchSize", batchSize]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`${CTX}: \`${name}\` must be an integer >= 1: got ${v}`);
    }
  }
  if (!Number.isInteger(nClasses) || nClasses < 2 || countLevels(labels) > nClasses) {
    throw new RangeError(
      `${CTX}: \`nClasses\` must be an integer >= 2 above every label: got ${nClasses}`,
    );
  }
  const sizes = [A.cols, ...hidden, nClasses];
  const model = initMlp(sizes, seed);
  const params: Float64Array[] = [];
  for (let l = 0; l < model.weights.length; l++) {
    params.push(model.weights[l]!.data, model.biases[l]!);
  }
  const d = A.cols;
  const settings = { epochs, batchSize, learningRate, weightDecay, seed, onProgress };
  const losses = trainMinibatches(A.rows, params, settings, (order, start, B) => {
    const xb = new Float64Array(B * d);
    for (let k = 0; k < B; k++) {
      const i = order[start + k]!;
      xb.set(A.data.subarray(i * d, (i + 1) * d), k * d);
    }
    const yb = new Int32Array(B);
    for (let k = 0; k < B; k++) yb[k] = labels[order[start + k]!]!;
    return mlpGradients(model, { rows: B, cols: d, data: xb }, yb);
  }, CTX);
  return { model, losses };
}

/**
 * Mean softmax cross-entropy of a batch and its gradient with respect to every
 * parameter (backpropagation), in the order `[W_1, b_1, W_2, b_2, …]`.
 *
 * @param model The network.
 * @param X Batch inputs [batch, sizes[0]].
 * @param y Batch labels.
 * @returns The mean loss and the gradients.
 *
 * @example The loss of an all-zero network is log K
 * ```ts
 * import { initMlp, mlpGradients } from "./mlp.ts";
 * import assert from "node:assert/strict";
 * const m = initMlp([2, 3, 4], 0);
 * m.weights.forEach((w) => w.data.fill(0));
 * const { loss, grads } = mlpGradients(m, { rows: 1, cols: 2, data: new Float64Array([1, 1]) }, Int32Array.from([2]));
 * assert.ok(Math.abs(loss - Math.log(4)) < 1e-15);
 * assert.equal(grads.length, 4);
 * ```
 */
export function mlpGradients(
  model: MlpModel,
  X: MatrixLike,
  y: Int32Array,
): { loss: number; grads: Float64Array[] } {
  X = matrixArg(X, "X");
  const B = X.rows, L = model.weights.length, nClasses = model.sizes[model.sizes.length - 1]!;
  const inputs: Matrix[] = [X];
  for (let l = 0; l < L; l++) {
    inputs.push(affine(inputs[l]!, model.weights[l]!, model.biases[l]!, l < L - 1));
  }
  const Z = inputs[L]!;
  // Softmax cross-entropy; dZ = (softmax − onehot) / B.
  const { loss, dZ } = softmaxCrossEntropy(Z.data, y, nClasses);
  const grads: Float64Array[] = new Array(2 * L);
  let delta: Matrix = { rows: B, cols: nClasses, data: dZ };
  for (let l = L - 1; l >= 0; l--) {
    grads[2 * l] = matmul(inputs[l]!, delta, { transA: true }).data;
    const gb = new Float64Array(delta.cols);
    for (let k = 0; k < B; k++) {
      for (let j = 0; j < delta.cols; j++) gb[j]! += delta.data[k * delta.cols + j]!;
    }
    grads[2 * l + 1] = gb;
    if (l > 0) {
      const dA = matmul(delta, model.weights[l]!, { transB: true });
      const act = inputs[l]!.data;
      for (let k = 0; k < dA.data.length; k++) if (act[k]! <= 0) dA.data[k] = 0;
      delta = dA;
    }
  }
  return { loss, grads };
}
