/**
 * The dense 3-tensor every function in `lib/tensor` works on: C-order
 * (row-major) storage in a `Float64Array` plus an explicit shape `[I, J, K]`;
 * entry (i, j, k) is `data[(i * J + j) * K + k]`. Tensors are plain data;
 * functions never mutate their inputs.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { assertKnownOptions } from "../validate/mod.ts";

/** A dense C-order float64 3-tensor of shape `[I, J, K]`. */
export interface Tensor3 {
  /** `[I, J, K]`. */
  readonly shape: readonly [number, number, number];
  /** C-order entries, length `I * J * K`. */
  readonly data: Float64Array;
}

/** Anything the public API accepts where a 3-tensor is expected: a {@link Tensor3} or nested arrays. */
export type Tensor3Like =
  | Tensor3
  | { readonly shape: readonly number[]; readonly data: Float64Array }
  | readonly (readonly (readonly number[])[])[];

/** An observation mask: one entry per tensor entry, nonzero/`true` = observed (used in the fit). */
export type MaskLike = ArrayLike<number | boolean>;

/**
 * Wrap C-order data as a 3-tensor (no copy), or allocate zeros.
 *
 * @param shape `[I, J, K]`, non-negative integers.
 * @param data C-order entries of length `I * J * K`; zeros if omitted.
 * @returns The tensor.
 *
 * @example Entry (1, 0, 1) of a 2×2×2 tensor
 * ```ts
 * import { tensor3 } from "./tensor.ts";
 * import assert from "node:assert/strict";
 * const T = tensor3([2, 2, 2], new Float64Array([0, 1, 2, 3, 4, 5, 6, 7]));
 * assert.equal(T.data[(1 * 2 + 0) * 2 + 1], 5);
 * ```
 */
export function tensor3(shape: readonly number[], data?: Float64Array): Tensor3 {
  if (shape.length !== 3 || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new TypeError(
      `Cannot create tensor: \`shape\` must be three non-negative integers: got [${
        shape.join(", ")
      }]`,
    );
  }
  const [I, J, K] = shape as [number, number, number];
  if (data === undefined) return { shape: [I, J, K], data: new Float64Array(I * J * K) };
  if (data.length !== I * J * K) {
    throw new TypeError(
      `Cannot create tensor: \`data\` must have ${I} x ${J} x ${K} = ${
        I * J * K
      } entries: got ${data.length}`,
    );
  }
  return { shape: [I, J, K], data };
}

/** Options for {@link asTensor3}. */
export interface AsTensor3Options {
  /** Prefix for error messages, e.g. "Cannot fit CP decomposition". @default "Invalid input" */
  context?: string;
  /**
   * Require finite entries. With a `mask`, only entries the mask marks observed are
   * checked (unobserved entries may hold NaN). @default true
   */
  finite?: boolean;
  /** Entries to check when `finite` is set (nonzero = observed). @default undefined (all) */
  mask?: Uint8Array;
}

/**
 * Validate and convert a {@link Tensor3Like} argument at an API boundary.
 * Tensors are returned as they are (not copied); nested arrays are copied.
 *
 * @param x The argument.
 * @param name Its name, used in error messages.
 * @param options Checks to apply.
 * @returns A non-empty 3-tensor.
 *
 * @example Nested arrays become a tensor; NaN is named
 * ```ts
 * import { asTensor3 } from "./tensor.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(asTensor3([[[1, 2]], [[3, 4]]], "T").shape, [2, 1, 2]);
 * assert.throws(() => asTensor3([[[1, NaN]]], "T"), /`T` must be finite: got NaN at \[0, 0, 1\]/);
 * ```
 */
export function asTensor3(x: Tensor3Like, name: string, options: AsTensor3Options = {}): Tensor3 {
  assertKnownOptions(
    options,
    ["context", "finite", "mask"] satisfies (keyof AsTensor3Options)[],
    "Cannot read tensor",
  );
  const { context = "Invalid input", finite = true, mask } = options;
  let T: Tensor3;
  if (x !== null && typeof x === "object" && "shape" in x && "data" in x) {
    const shape = x.shape;
    if (!Array.isArray(shape) || shape.length !== 3) {
      throw new TypeError(
        `${context}: \`${name}\` must be a 3-tensor: got shape [${
          Array.isArray(shape) ? shape.join(", ") : String(shape)
        }]`,
      );
    }
    if (!(x.data instanceof Float64Array)) {
      throw new TypeError(`${context}: \`${name}.data\` must be a Float64Array`);
    }
    const [I, J, K] = shape as [number, number, number];
    if (x.data.length !== I * J * K) {
      throw new TypeError(
        `${context}: \`${name}\` has shape [${I}, ${J}, ${K}] but ${x.data.length} entries`,
      );
    }
    T = { shape: [I, J, K], data: x.data };
  } else if (Array.isArray(x)) {
    T = fromNested(x, name, context);
  } else {
    throw new TypeError(
      `${context}: \`${name}\` must be a 3-tensor or nested arrays: got ${
        x === null ? "null" : typeof x
      }`,
    );
  }
  const [I, J, K] = T.shape;
  if (I === 0 || J === 0 || K === 0) {
    throw new RangeError(`${context}: \`${name}\` must not be empty: got shape [${I}, ${J}, ${K}]`);
  }
  if (finite) {
    const d = T.data;
    for (let p = 0; p < d.length; p++) {
      if (mask && mask[p] === 0) continue;
      if (!Number.isFinite(d[p]!)) {
        const i = Math.floor(p / (J * K)), j = Math.floor(p / K) % J, k = p % K;
        throw new RangeError(
          `${context}: \`${name}\` must be finite${mask ? " at observed entries" : ""}: got ${
            d[p]
          } at [${i}, ${j}, ${k}]`,
        );
      }
    }
  }
  return T;
}

function fromNested(x: readonly unknown[], name: string, context: string): Tensor3 {
  const I = x.length;
  const first = x[0] as unknown[] | undefined;
  const J = Array.isArray(first) ? first.length : 0;
  const K = J > 0 && Array.isArray(first![0]) ? (first![0] as unknown[]).length : 0;
  const data = new Float64Array(I * J * K);
  for (let i = 0; i < I; i++) {
    const slab = x[i];
    if (!Array.isArray(slab) || slab.length !== J) {
      throw new TypeError(
        `${context}: \`${name}\` is ragged: \`${name}[${i}]\` must be an array of ${J} rows`,
      );
    }
    for (let j = 0; j < J; j++) {
      const row = slab[j];
      if (!Array.isArray(row) || row.length !== K) {
        throw new TypeError(
          `${context}: \`${name}\` is ragged: \`${name}[${i}][${j}]\` must be an array of ${K} numbers`,
        );
      }
      for (let k = 0; k < K; k++) {
        const v = row[k];
        if (typeof v !== "number") {
          throw new TypeError(
            `${context}: \`${name}[${i}][${j}][${k}]\` must be a number: got ${typeof v}`,
          );
        }
        data[(i * J + j) * K + k] = v;
      }
    }
  }
  return { shape: [I, J, K], data };
}

/**
 * Nested-array copy of a tensor, for display and JSON.
 *
 * @param T The tensor.
 * @returns `T[i][j][k]` as nested arrays.
 *
 * @example Round trip
 * ```ts
 * import { asTensor3, toNested } from "./tensor.ts";
 * import assert from "node:assert/strict";
 * const x = [[[1, 2], [3, 4]]];
 * assert.deepEqual(toNested(asTensor3(x, "x")), x);
 * ```
 */
export function toNested(T: Tensor3): number[][][] {
  const [I, J, K] = T.shape;
  const out: number[][][] = [];
  for (let i = 0; i < I; i++) {
    const slab: number[][] = [];
    for (let j = 0; j < J; j++) {
      const o = (i * J + j) * K;
      slab.push(Array.from(T.data.subarray(o, o + K)));
    }
    out.push(slab);
  }
  return out;
}

/**
 * The mode-n unfolding (matricisation) `T_(n)`: rows indexed by mode n, columns by the two
 * other modes in C order (the later mode varies fastest), as in tensorly's `unfold`.
 *
 * @param T The tensor.
 * @param mode 0, 1 or 2.
 * @returns `[I_n, (product of the other dims)]` (a copy).
 *
 * @example Mode-1 unfolding of a 2×2×2 tensor
 * ```ts
 * import { tensor3, unfold } from "./tensor.ts";
 * import assert from "node:assert/strict";
 * const T = tensor3([2, 2, 2], new Float64Array([0, 1, 2, 3, 4, 5, 6, 7]));
 * assert.deepEqual(Array.from(unfold(T, 1).data), [0, 1, 4, 5, 2, 3, 6, 7]);
 * ```
 */
export function unfold(T: Tensor3, mode: 0 | 1 | 2): Matrix {
  const [I, J, K] = T.shape;
  const d = T.data;
  if (mode === 0) return { rows: I, cols: J * K, data: d.slice() };
  if (mode === 1) {
    const out = new Float64Array(I * J * K);
    for (let i = 0; i < I; i++) {
      for (let j = 0; j < J; j++) {
        out.set(d.subarray((i * J + j) * K, (i * J + j + 1) * K), (j * I + i) * K);
      }
    }
    return { rows: J, cols: I * K, data: out };
  }
  if (mode === 2) {
    const out = new Float64Array(I * J * K);
    const IJ = I * J;
    for (let p = 0; p < IJ; p++) {
      for (let k = 0; k < K; k++) out[k * IJ + p] = d[p * K + k]!;
    }
    return { rows: K, cols: IJ, data: out };
  }
  throw new RangeError(`Cannot unfold tensor: \`mode\` must be 0, 1 or 2: got ${mode}`);
}

/**
 * The observation mask of a tensor with missing entries: 1 where the entry is finite,
 * 0 where it is NaN (or ±Infinity).
 *
 * @param T The tensor.
 * @returns A `Uint8Array` of length `I * J * K`.
 *
 * @example NaN marks a missing entry
 * ```ts
 * import { asTensor3, observedMask } from "./tensor.ts";
 * import assert from "node:assert/strict";
 * const T = asTensor3([[[1, NaN, 3]]], "T", { finite: false });
 * assert.deepEqual(Array.from(observedMask(T)), [1, 0, 1]);
 * ```
 */
export function observedMask(T: Tensor3): Uint8Array {
  const m = new Uint8Array(T.data.length);
  for (let p = 0; p < m.length; p++) m[p] = Number.isFinite(T.data[p]!) ? 1 : 0;
  return m;
}

/**
 * Validate an observation mask against a tensor size and convert it to 0/1 bytes.
 *
 * @param mask One entry per tensor entry; nonzero or `true` = observed.
 * @param size Expected length (`I * J * K`).
 * @param name Argument name for messages.
 * @param context Message prefix.
 * @returns The mask as a new `Uint8Array` of 0/1.
 *
 * @example Booleans become bytes
 * ```ts
 * import { asMask } from "./tensor.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(asMask([true, false], 2, "mask")), [1, 0]);
 * assert.throws(() => asMask([1], 2, "mask"), /`mask` must have 2 entries: got 1/);
 * ```
 */
export function asMask(
  mask: MaskLike,
  size: number,
  name: string,
  context = "Invalid input",
): Uint8Array {
  if (mask === null || typeof mask !== "object" || typeof mask.length !== "number") {
    throw new TypeError(`${context}: \`${name}\` must be an array of 0/1 or booleans`);
  }
  if (mask.length !== size) {
    throw new TypeError(`${context}: \`${name}\` must have ${size} entries: got ${mask.length}`);
  }
  const out = new Uint8Array(size);
  for (let p = 0; p < size; p++) out[p] = mask[p] ? 1 : 0;
  return out;
}
