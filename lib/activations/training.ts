/**
 * Pieces shared by the MLP and the CNN trainers: the softmax cross-entropy
 * head and the seeded Adam mini-batch loop.
 *
 * @module
 */

import { mulberry32 } from "../random.ts";
import { adamStep, createAdam } from "../optim/adam.ts";

/**
 * Mean softmax cross-entropy of a batch of logits and its gradient
 * dZ = (softmax − onehot) / B, computed through the log-sum-exp.
 *
 * @param logits Logits, row-major `[B, K]`.
 * @param y Labels in [0, K) of the B rows.
 * @param K Number of classes.
 * @returns The mean loss and dZ `[B, K]`.
 *
 * @example Equal logits cost log K
 * ```ts
 * import { softmaxCrossEntropy } from "./training.ts";
 * import assert from "node:assert/strict";
 * const { loss, dZ } = softmaxCrossEntropy(new Float64Array(4), Int32Array.from([1]), 4);
 * assert.ok(Math.abs(loss - Math.log(4)) < 1e-15);
 * assert.deepEqual(Array.from(dZ), [0.25, -0.75, 0.25, 0.25]);
 * ```
 */
export function softmaxCrossEntropy(
  logits: Float64Array,
  y: Int32Array,
  K: number,
): { loss: number; dZ: Float64Array } {
  const B = logits.length / K;
  const dZ = new Float64Array(B * K);
  let total = 0;
  for (let k = 0; k < B; k++) {
    const o = k * K, yk = y[k]!;
    let m = -Infinity;
    for (let c = 0; c < K; c++) if (logits[o + c]! > m) m = logits[o + c]!;
    let s = 0;
    for (let c = 0; c < K; c++) s += Math.exp(logits[o + c]! - m);
    const lse = m + Math.log(s);
    total += lse - logits[o + yk]!;
    for (let c = 0; c < K; c++) {
      dZ[o + c] = (Math.exp(logits[o + c]! - lse) - (c === yk ? 1 : 0)) / B;
    }
  }
  return { loss: total / B, dZ };
}

/** Resolved optimisation settings of {@link trainMinibatches}. */
export interface MinibatchSettings {
  /** Passes over the training set. */
  epochs: number;
  /** Mini-batch size. */
  batchSize: number;
  /** Adam step size. */
  learningRate: number;
  /** L2 weight decay added to the gradients. */
  weightDecay: number;
  /** Seed of the batch order. */
  seed: number;
  /** Called after each epoch with the mean training loss. */
  onProgress?: ((progress: { epoch: number; loss: number }) => void) | undefined;
}

/**
 * Train parameters in place with Adam: each epoch shuffles the sample order
 * (Fisher–Yates from `mulberry32(seed ^ 0x5bd1e995)`), walks it in batches and
 * steps on each batch's gradients.
 *
 * @param n Number of training samples.
 * @param params Parameter arrays, updated in place.
 * @param settings Epochs, batch size, Adam settings, seed, progress callback.
 * @param batch Mean loss and gradients (in the order of `params`) of the `B`
 *   samples `order[start]`, …, `order[start + B − 1]`.
 * @param ctx Prefix of error messages.
 * @returns The mean training loss of each epoch.
 * @throws {RangeError} When an epoch's loss is not finite.
 *
 * @example Minimises (p − 3)² over two samples
 * ```ts
 * import { trainMinibatches } from "./training.ts";
 * import assert from "node:assert/strict";
 * const p = new Float64Array(1);
 * const settings = { epochs: 200, batchSize: 1, learningRate: 0.1, weightDecay: 0, seed: 0 };
 * trainMinibatches(2, [p], settings, () => ({
 *   loss: (p[0]! - 3) ** 2,
 *   grads: [new Float64Array([2 * (p[0]! - 3)])],
 * }), "test");
 * assert.ok(Math.abs(p[0]! - 3) < 1e-2);
 * ```
 */
export function trainMinibatches(
  n: number,
  params: Float64Array[],
  settings: MinibatchSettings,
  batch: (
    order: Int32Array,
    start: number,
    B: number,
  ) => { loss: number; grads: Float64Array[] },
  ctx: string,
): number[] {
  const { epochs, batchSize, learningRate, weightDecay, seed, onProgress } = settings;
  const adam = createAdam(params.map((p) => p.length), { learningRate, weightDecay });
  const rand = mulberry32(seed ^ 0x5bd1e995);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let total = 0;
    for (let start = 0; start < n; start += batchSize) {
      const B = Math.min(batchSize, n - start);
      const { loss, grads } = batch(order, start, B);
      total += loss * B;
      adamStep(adam, params, grads);
    }
    const loss = total / n;
    if (!Number.isFinite(loss)) {
      throw new RangeError(
        `${ctx}: the training loss became ${loss} at epoch ${epoch}; lower \`learningRate\` (${learningRate})`,
      );
    }
    losses.push(loss);
    onProgress?.({ epoch, loss });
  }
  return losses;
}
