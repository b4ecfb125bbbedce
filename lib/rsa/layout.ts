/**
 * RDM layout: the vector of an RDM is its upper triangle read row-major
 * (i < j, i outer; scipy's `squareform` order), a square RDM is symmetric with
 * an exactly zero diagonal, and stacks of RDMs are `[K, n, n]`.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";

/** A stack of K RDMs over the same n conditions, as upper-triangle vectors. */
export interface RdmVectors {
  /** Number of conditions. */
  n: number;
  /** One vector of m = n(n−1)/2 entries per RDM. */
  vectors: Float64Array[];
}

/** A stack of RDMs: an array of square matrices or a `[K, n, n]` tensor. */
export type RdmStackLike = readonly MatrixLike[] | {
  /** `[K, n, n]` (or `[n, n]` for one RDM). */
  shape: readonly number[];
  /** C-order entries. */
  data: ArrayLike<number>;
};

/**
 * The number of conditions n of an RDM vector of length m = n(n−1)/2.
 *
 * @param m Vector length.
 * @param context Message prefix.
 * @returns n.
 * @throws {TypeError} When m is not a triangular number.
 *
 * @example
 * ```ts
 * import { conditionCount } from "./layout.ts";
 * import assert from "node:assert/strict";
 * assert.equal(conditionCount(6), 4);
 * assert.throws(() => conditionCount(5), /must have n\(n−1\)\/2 entries: got 5/);
 * ```
 */
export function conditionCount(m: number, context = "Invalid RDM"): number {
  const n = Math.round((1 + Math.sqrt(1 + 8 * m)) / 2);
  if (n * (n - 1) / 2 !== m) {
    throw new TypeError(`${context}: an RDM vector must have n(n−1)/2 entries: got ${m}`);
  }
  return n;
}

/**
 * Check a square RDM (finite, symmetric, at least 3 conditions) and return its
 * upper triangle, row-major. The diagonal is ignored (it may hold anything, NaN included).
 *
 * @param D Square RDM `[n, n]`.
 * @param name Argument name for messages.
 * @param context Message prefix.
 * @returns The m = n(n−1)/2 entries (i < j, i outer).
 * @throws {TypeError} For a non-square matrix; {@link RangeError} for NaN, asymmetry or n < 3.
 *
 * @example
 * ```ts
 * import { rdmVector } from "./layout.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(rdmVector([[0, 1, 2], [1, 0, 3], [2, 3, 0]])), [1, 2, 3]);
 * assert.throws(() => rdmVector([[0, 1, 2], [5, 0, 3], [2, 3, 0]], "A"), /`A` must be symmetric/);
 * assert.throws(() => rdmVector([1, 2, 3] as never, "A"), /`A` must be a square RDM \[n, n\]: got a vector of length 3/);
 * ```
 */
export function rdmVector(D: MatrixLike, name = "rdm", context = "Invalid RDM"): Float64Array {
  const m = vectorLength(D);
  if (m !== null) {
    throw new TypeError(
      `${context}: \`${name}\` must be a square RDM [n, n]: got a vector of length ${m} (${FROM_VECTOR})`,
    );
  }
  const M = asMatrix(D, name, { context, finite: false });
  return squareToVector(M.data, M.rows, M.cols, 0, name, context);
}

/** The hint for RDMs given as upper-triangle vectors. */
const FROM_VECTOR = "rdmSquare(v) makes the square RDM of an upper-triangle vector";

/** The length of a flat vector of numbers (typed array, or array whose first entry is a number), else null. */
function vectorLength(x: unknown): number | null {
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    return (x as unknown as ArrayLike<number>).length;
  }
  if (Array.isArray(x) && x.length > 0 && typeof x[0] === "number") return x.length;
  return null;
}

function squareToVector(
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  offset: number,
  name: string,
  context: string,
): Float64Array {
  if (rows !== cols) {
    throw new TypeError(`${context}: \`${name}\` must be square: got shape [${rows}, ${cols}]`);
  }
  const n = rows;
  if (n < 3) {
    throw new RangeError(`${context}: \`${name}\` must have at least 3 conditions: got ${n}`);
  }
  let scale = 0;
  for (let k = 0; k < n * n; k++) {
    if (k % (n + 1) === 0) continue; // the diagonal is ignored
    const v = data[offset + k]!;
    if (!Number.isFinite(v)) {
      throw new RangeError(
        `${context}: \`${name}\` must be finite: got ${v} at [${Math.floor(k / n)}, ${k % n}]`,
      );
    }
    scale = Math.max(scale, Math.abs(v));
  }
  const out = new Float64Array(n * (n - 1) / 2);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = data[offset + i * n + j]!, b = data[offset + j * n + i]!;
      if (Math.abs(a - b) > 1e-9 * Math.max(1, scale)) {
        throw new RangeError(
          `${context}: \`${name}\` must be symmetric: [${i}, ${j}] = ${a} but [${j}, ${i}] = ${b}`,
        );
      }
      out[e++] = a;
    }
  }
  return out;
}

/**
 * The square RDM of a vector: symmetric, exactly zero diagonal.
 *
 * @param v Upper-triangle entries (m = n(n−1)/2).
 * @returns The `[n, n]` matrix.
 *
 * @example
 * ```ts
 * import { rdmSquare } from "./layout.ts";
 * import { toRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(rdmSquare([1, 2, 3])), [[0, 1, 2], [1, 0, 3], [2, 3, 0]]);
 * ```
 */
export function rdmSquare(v: ArrayLike<number>): Matrix {
  const n = conditionCount(v.length);
  const data = new Float64Array(n * n);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = v[e++]!;
      data[i * n + j] = x;
      data[j * n + i] = x;
    }
  }
  return { rows: n, cols: n, data };
}

/**
 * Check a stack of RDMs and return their vectors. A single `[n, n]` tensor is a
 * stack of one.
 *
 * @param stack `[K, n, n]` tensor or array of square matrices.
 * @param name Argument name for messages.
 * @param context Message prefix.
 * @returns n and one vector per RDM.
 *
 * @example
 * ```ts
 * import { rdmStack } from "./layout.ts";
 * import assert from "node:assert/strict";
 * const s = rdmStack({ shape: [2, 3, 3], data: [0, 1, 2, 1, 0, 3, 2, 3, 0, 0, 4, 5, 4, 0, 6, 5, 6, 0] });
 * assert.equal(s.n, 3);
 * assert.deepEqual(Array.from(s.vectors[1]!), [4, 5, 6]);
 * // vectors are not RDMs: the message says which argument, what it takes and what it got
 * assert.throws(() => rdmStack([[1, 2, 3], [4, 5, 6]] as never, "rdms"),
 *   /`rdms\[0\]` must be a square RDM \[n, n\]: got a vector of length 3/);
 * ```
 */
export function rdmStack(
  stack: RdmStackLike,
  name = "rdms",
  context = "Invalid RDMs",
): RdmVectors {
  let vectors: Float64Array[];
  const expected =
    `${context}: \`${name}\` must be an array of square RDMs [n, n] or a [K, n, n] tensor`;
  const m = vectorLength(stack);
  if (m !== null) {
    throw new TypeError(`${expected}: got a vector of length ${m} (${FROM_VECTOR})`);
  }
  const shaped = stack as { shape?: unknown; rows?: unknown; cols?: unknown };
  if (!Array.isArray(stack) && !Array.isArray(shaped?.shape)) {
    throw new TypeError(
      `${expected}: got ${
        typeof shaped?.rows === "number" && typeof shaped?.cols === "number"
          ? `a matrix of shape [${shaped.rows}, ${shaped.cols}] (RDM vectors as rows? ${FROM_VECTOR})`
          : shaped === null
          ? "null"
          : typeof shaped
      }`,
    );
  }
  if (Array.isArray(stack)) {
    vectors = (stack as readonly MatrixLike[]).map((D, k) =>
      rdmVector(D, `${name}[${k}]`, context)
    );
  } else {
    const { shape, data } = stack as { shape: readonly number[]; data: ArrayLike<number> };
    const dims = shape.length === 2 ? [1, ...shape] : [...shape];
    if (dims.length !== 3) {
      throw new TypeError(
        `${context}: \`${name}\` must be [K, n, n] or [n, n]: got shape [${shape.join(", ")}]`,
      );
    }
    const [K, r, c] = dims as [number, number, number];
    if (data.length !== K * r * c) {
      throw new TypeError(
        `${context}: \`${name}\` has shape [${shape.join(", ")}] but ${data.length} entries`,
      );
    }
    vectors = [];
    for (let k = 0; k < K; k++) {
      vectors.push(squareToVector(data, r, c, k * r * c, `${name}[${k}]`, context));
    }
  }
  if (vectors.length === 0) {
    throw new RangeError(`${context}: \`${name}\` must hold at least one RDM: got 0`);
  }
  const n = conditionCount(vectors[0]!.length, context);
  for (let k = 1; k < vectors.length; k++) {
    if (vectors[k]!.length !== vectors[0]!.length) {
      throw new TypeError(
        `${context}: every RDM in \`${name}\` must have ${n} conditions: got ${
          conditionCount(vectors[k]!.length)
        } at index ${k}`,
      );
    }
  }
  return { n, vectors };
}
