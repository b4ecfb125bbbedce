/**
 * Held-out masks for cross-validating tensor models: block masks with a buffer
 * between training and test entries (Pellegrino et al. 2023), and uniform
 * random masks.
 *
 * @module
 */

import { mulberry32 } from "../random.ts";
import { assertKnownOptions, assertSeed } from "../validate/mod.ts";

/** Options for {@link blockMasks}. */
export interface BlockMaskOptions {
  /**
   * Half-widths of the blocks removed from training, one per axis: a block spans
   * `2 h + 1` entries along each axis (clipped at the edges). @default 1 on every axis
   */
  trainHalfWidth?: readonly number[];
  /**
   * Half-widths of the inner blocks kept for testing, one per axis, each ≤ the training
   * half-width; the entries between the inner and outer block are a buffer used neither
   * for training nor for testing. @default 0 on every axis
   */
  testHalfWidth?: readonly number[];
  /**
   * Target fraction of entries removed from training: the number of blocks is
   * `floor(fraction · size / Π(2 h_train + 1))`, at least 1. @default 0.1
   */
  fraction?: number;
  /** Seed for the block centres. @default 0 */
  seed?: number;
}

/** Train and test masks (1 = entry used), C order over the shape. */
export interface BlockMasks {
  /** 1 outside every outer block. */
  train: Uint8Array;
  /** 1 inside some inner block (never 1 where `train` is). */
  test: Uint8Array;
  /** Flat C-order indices of the block centres. */
  centres: number[];
}

/**
 * Block masks for cross-validation: pick distinct random centres; the train mask drops
 * the outer block of half-widths `trainHalfWidth` around each centre, the test mask keeps
 * the inner block of half-widths `testHalfWidth`. Because inner blocks sit inside outer
 * ones, no test entry is ever a training entry, and neighbours of test entries within
 * the buffer are not trained on either (temporal/trial smoothness cannot leak the answer).
 *
 * @param shape Tensor shape, e.g. `[trials, time, neurons]`.
 * @param options Half-widths, fraction and seed.
 * @returns The masks and the centres.
 *
 * @example Test entries are never training entries
 * ```ts
 * import { blockMasks } from "./masks.ts";
 * import assert from "node:assert/strict";
 * const { train, test } = blockMasks([10, 20, 5], {
 *   trainHalfWidth: [1, 2, 0], testHalfWidth: [0, 1, 0], fraction: 0.2, seed: 1,
 * });
 * assert.ok(train.every((t, p) => !(t && test[p])));
 * assert.ok(test.some((t) => t === 1));
 * ```
 */
export function blockMasks(shape: readonly number[], options: BlockMaskOptions = {}): BlockMasks {
  const ctx = "Cannot build block masks";
  assertKnownOptions(
    options,
    ["trainHalfWidth", "testHalfWidth", "fraction", "seed"] satisfies (keyof BlockMaskOptions)[],
    ctx,
  );
  const nd = shape.length;
  if (nd === 0 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new RangeError(`${ctx}: \`shape\` must be positive integers: got [${shape.join(", ")}]`);
  }
  const {
    trainHalfWidth = new Array(nd).fill(1),
    testHalfWidth = new Array(nd).fill(0),
    fraction = 0.1,
    seed = 0,
  } = options;
  for (
    const [name, h] of [["trainHalfWidth", trainHalfWidth], [
      "testHalfWidth",
      testHalfWidth,
    ]] as const
  ) {
    if (h.length !== nd || h.some((x) => !Number.isInteger(x) || x < 0)) {
      throw new RangeError(
        `${ctx}: \`${name}\` must be ${nd} non-negative integers (one per axis): got [${
          h.join(", ")
        }]`,
      );
    }
  }
  for (let a = 0; a < nd; a++) {
    if (testHalfWidth[a]! > trainHalfWidth[a]!) {
      throw new RangeError(
        `${ctx}: \`testHalfWidth\` must not exceed \`trainHalfWidth\` on any axis: got [${
          testHalfWidth.join(", ")
        }] and [${trainHalfWidth.join(", ")}]`,
      );
    }
  }
  if (!(fraction > 0 && fraction < 1)) {
    throw new RangeError(`${ctx}: \`fraction\` must be in (0, 1): got ${fraction}`);
  }
  assertSeed(seed, ctx);
  const size = shape.reduce((a, b) => a * b, 1);
  const blockSize = trainHalfWidth.reduce((a, h) => a * (2 * h + 1), 1);
  const nBlocks = Math.min(size, Math.max(1, Math.floor((fraction * size) / blockSize)));
  const strides = new Array<number>(nd);
  strides[nd - 1] = 1;
  for (let a = nd - 2; a >= 0; a--) strides[a] = strides[a + 1]! * shape[a + 1]!;

  // Distinct centres by a partial Fisher–Yates shuffle on a sparse index map.
  const rand = mulberry32(seed);
  const swapped = new Map<number, number>();
  const centres: number[] = [];
  for (let t = 0; t < nBlocks; t++) {
    const s = t + Math.floor(rand() * (size - t));
    const vs = swapped.get(s) ?? s, vt = swapped.get(t) ?? t;
    swapped.set(s, vt);
    centres.push(vs);
  }
  const train = new Uint8Array(size).fill(1);
  const test = new Uint8Array(size);
  for (const c of centres) {
    const idx = shape.map((_, a) => Math.floor(c / strides[a]!) % shape[a]!);
    fillBlock(train, 0, idx, trainHalfWidth, shape, strides);
    fillBlock(test, 1, idx, testHalfWidth, shape, strides);
  }
  return { train, test, centres };
}

function fillBlock(
  out: Uint8Array,
  value: number,
  centre: number[],
  half: readonly number[],
  shape: readonly number[],
  strides: number[],
): void {
  const nd = shape.length;
  const lo = centre.map((c, a) => Math.max(0, c - half[a]!));
  const hi = centre.map((c, a) => Math.min(shape[a]! - 1, c + half[a]!));
  const cur = lo.slice();
  for (;;) {
    let p = 0;
    for (let a = 0; a < nd; a++) p += cur[a]! * strides[a]!;
    out[p] = value;
    let a = nd - 1;
    while (a >= 0 && cur[a] === hi[a]) {
      cur[a] = lo[a]!;
      a--;
    }
    if (a < 0) return;
    cur[a]!++;
  }
}

/** Options for {@link randomMask}. */
export interface RandomMaskOptions {
  /** Fraction of entries held out (mask 0). @default 0.1 */
  fraction?: number;
  /** Seed. @default 0 */
  seed?: number;
}

/**
 * A uniform random observation mask: exactly `round(fraction · size)` entries are 0
 * (held out), the rest 1.
 *
 * @param size Number of entries.
 * @param options Fraction held out and seed.
 * @returns The mask.
 *
 * @example A quarter held out
 * ```ts
 * import { randomMask } from "./masks.ts";
 * import assert from "node:assert/strict";
 * const m = randomMask(100, { fraction: 0.25, seed: 3 });
 * assert.equal(m.reduce((s, x) => s + x, 0), 75);
 * ```
 */
export function randomMask(size: number, options: RandomMaskOptions = {}): Uint8Array {
  assertKnownOptions(
    options,
    ["fraction", "seed"] satisfies (keyof RandomMaskOptions)[],
    "Cannot build random mask",
  );
  const { fraction = 0.1, seed = 0 } = options;
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`Cannot build random mask: \`size\` must be an integer >= 1: got ${size}`);
  }
  if (!(fraction >= 0 && fraction < 1)) {
    throw new RangeError(
      `Cannot build random mask: \`fraction\` must be in [0, 1): got ${fraction}`,
    );
  }
  assertSeed(seed, "Cannot build random mask");
  const perm = new Int32Array(size);
  for (let p = 0; p < size; p++) perm[p] = p;
  const rand = mulberry32(seed);
  const nOut = Math.round(fraction * size);
  const mask = new Uint8Array(size).fill(1);
  for (let t = 0; t < nOut; t++) {
    const s = t + Math.floor(rand() * (size - t));
    const tmp = perm[t]!;
    perm[t] = perm[s]!;
    perm[s] = tmp;
    mask[perm[t]!] = 0;
  }
  return mask;
}
