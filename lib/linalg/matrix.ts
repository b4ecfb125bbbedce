/**
 * The dense float64 matrix every area of the package works on: row-major
 * storage in a `Float64Array` plus an explicit shape. Matrices are plain
 * data; functions never mutate their inputs.
 *
 * @module
 */

import { assertFiniteArray } from "../validate/mod.ts";

/** A dense row-major float64 matrix: entry (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Row-major entries, length `rows * cols`. */
  readonly data: Float64Array;
}

/**
 * The parts of an `npm:ml-matrix` `Matrix` (or any of its views) that
 * {@link asMatrix} reads: `rows`, `columns` and `get(i, j)`. ml-matrix is not a
 * dependency: any object with this shape is accepted.
 */
export interface MlMatrixLike {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly columns: number;
  /** Entry (i, j). */
  get(rowIndex: number, columnIndex: number): number;
}

/** A numeric typed array (any element type but 64-bit integers). */
export type NumericTypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/**
 * Row-major numbers with an explicit shape, as numpy-style readers return
 * them (e.g. `{ data: Float32Array, shape: [nSamples, nNeurons] }`; a 1-D
 * shape `[n]` is one column).
 */
export interface TypedArrayWithShape {
  /** Row-major entries, length `shape[0] * (shape[1] ?? 1)`. */
  readonly data: NumericTypedArray;
  /** `[rows, cols]`, or `[n]` for a column. */
  readonly shape: readonly [number, number] | readonly [number];
}

/**
 * Anything the public API accepts where a matrix is expected: a
 * {@link Matrix}, nested number arrays (rows), an ml-matrix `Matrix`
 * ({@link MlMatrixLike}), or a typed array with a shape ({@link TypedArrayWithShape}).
 * Entry points convert it once with {@link asMatrix}.
 */
export type MatrixLike =
  | Matrix
  | readonly (readonly number[])[]
  | MlMatrixLike
  | TypedArrayWithShape;

/**
 * Wrap row-major data as a matrix (no copy), or allocate zeros.
 *
 * @param rows Number of rows.
 * @param cols Number of columns.
 * @param data Row-major entries of length `rows * cols`; zeros if omitted.
 * @returns The matrix.
 *
 * @example Wrap data
 * ```ts
 * import { matrix } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * const A = matrix(2, 3, new Float64Array([1, 2, 3, 4, 5, 6]));
 * assert.equal(A.data[1 * 3 + 0], 4);
 * ```
 */
export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new RangeError(
      `Cannot create matrix: shape must be non-negative integers: got [${rows}, ${cols}]`,
    );
  }
  if (data === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  if (data.length !== rows * cols) {
    throw new TypeError(
      `Cannot create matrix: \`data\` must have ${rows} x ${cols} = ${
        rows * cols
      } entries: got ${data.length}`,
    );
  }
  return { rows, cols, data };
}

/**
 * Build a matrix from nested arrays (copied).
 *
 * @param rows Array of equal-length rows.
 * @param name Argument name used in error messages.
 * @returns The matrix.
 *
 * @example From rows
 * ```ts
 * import { fromRows } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * const A = fromRows([[1, 2], [3, 4], [5, 6]]);
 * assert.deepEqual([A.rows, A.cols], [3, 2]);
 * ```
 */
export function fromRows(rows: readonly (readonly number[])[], name = "rows"): Matrix {
  if (!Array.isArray(rows)) {
    throw new TypeError(
      `Cannot read matrix: \`${name}\` must be an array of rows: got ${typeof rows}`,
    );
  }
  const m = rows.length;
  const n = m === 0 ? 0 : (rows[0]?.length ?? 0);
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const row = rows[i] as ArrayLike<unknown>;
    if (!Array.isArray(row) && !ArrayBuffer.isView(row)) {
      throw new TypeError(
        `Cannot read matrix: \`${name}[${i}]\` must be an array: got ${typeof row}`,
      );
    }
    if (row.length !== n) {
      throw new TypeError(
        `Cannot read matrix: \`${name}\` is ragged: row 0 has ${n} entries but row ${i} has ${row.length}`,
      );
    }
    for (let j = 0; j < n; j++) {
      const v = row[j];
      if (typeof v !== "number") {
        throw new TypeError(
          `Cannot read matrix: \`${name}[${i}][${j}]\` must be a number: got ${typeof v}`,
        );
      }
      data[i * n + j] = v;
    }
  }
  return { rows: m, cols: n, data };
}

/**
 * True when `x` has the shape of a {@link Matrix} (numeric `rows`, `cols` and
 * a `Float64Array` of data; the length is checked by {@link asMatrix}).
 *
 * @param x Any value.
 * @returns Whether `x` is a matrix.
 *
 * @example
 * ```ts
 * import { isMatrix, matrix } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.ok(isMatrix(matrix(2, 2)));
 * assert.ok(!isMatrix([[1, 2]]));
 * ```
 */
export function isMatrix(x: unknown): x is Matrix {
  return typeof x === "object" && x !== null && "rows" in x && "cols" in x &&
    (x as Matrix).data instanceof Float64Array;
}

/**
 * True when `x` looks like an `npm:ml-matrix` `Matrix` or view: numeric
 * `rows` and `columns` and a `get` method.
 *
 * @param x Any value.
 * @returns Whether `x` can be read as an ml-matrix.
 *
 * @example
 * ```ts
 * import { isMlMatrix, matrix } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.ok(isMlMatrix({ rows: 1, columns: 1, get: () => 0 }));
 * assert.ok(!isMlMatrix(matrix(2, 2)));
 * ```
 */
export function isMlMatrix(x: unknown): x is MlMatrixLike {
  if (typeof x !== "object" || x === null) return false;
  const m = x as Partial<MlMatrixLike>;
  return typeof m.rows === "number" && typeof m.columns === "number" &&
    typeof m.get === "function";
}

function isTypedArrayWithShape(x: unknown): x is TypedArrayWithShape {
  if (typeof x !== "object" || x === null || isMatrix(x)) return false;
  const { data, shape } = x as Partial<TypedArrayWithShape>;
  return Array.isArray(shape) && ArrayBuffer.isView(data) && !(data instanceof DataView);
}

function fromMlMatrix(x: MlMatrixLike, name: string, context: string): Matrix {
  const { rows, columns } = x;
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(columns) || columns < 0) {
    throw new TypeError(
      `${context}: \`${name}\` has an invalid ml-matrix shape: got [${rows}, ${columns}]`,
    );
  }
  const data = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) data[i * columns + j] = x.get(i, j);
  }
  return { rows, cols: columns, data };
}

function fromShaped(x: TypedArrayWithShape, name: string, context: string): Matrix {
  const { data, shape } = x;
  const [rows, cols = 1] = shape as readonly number[];
  const bad = (shape.length !== 1 && shape.length !== 2) ||
    !Number.isInteger(rows) || rows! < 0 || !Number.isInteger(cols) || cols < 0;
  if (bad) {
    throw new TypeError(
      `${context}: \`${name}\` must have a shape [rows, cols] or [n]: got [${shape.join(", ")}]`,
    );
  }
  if (typeof (data as unknown as BigInt64Array)[0] === "bigint") {
    throw new TypeError(
      `${context}: \`${name}\` holds 64-bit integers: convert it to Float64Array first`,
    );
  }
  if (data.length !== rows! * cols) {
    throw new TypeError(
      `${context}: \`${name}\` has shape [${shape.join(", ")}] but ${data.length} entries`,
    );
  }
  return { rows: rows!, cols, data: Float64Array.from(data) };
}

/** Options for {@link asMatrix}. */
export interface AsMatrixOptions {
  /** Require every entry to be finite (no NaN/Inf). @default true */
  finite?: boolean;
  /** Reject matrices with zero rows or zero columns. @default true */
  nonEmpty?: boolean;
  /** Prefix for error messages, e.g. "Cannot fit linear metric". @default "Invalid input" */
  context?: string;
}

/**
 * Validate and convert a {@link MatrixLike} argument at an API boundary.
 * Matrices are returned as they are (not copied); nested arrays, ml-matrix
 * matrices and shaped typed arrays are copied into a new float64 matrix.
 *
 * @param x The argument.
 * @param name Its name, used in error messages.
 * @param options Checks to apply.
 * @returns A matrix.
 *
 * @example Reject NaN, naming the argument
 * ```ts
 * import { asMatrix } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => asMatrix([[1, NaN]], "X"), /`X` must be finite/);
 * assert.equal(asMatrix([[1, 2]], "X").cols, 2);
 * ```
 *
 * @example A typed array with a shape, or anything shaped like an ml-matrix
 * ```ts
 * import { asMatrix } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * const A = asMatrix({ data: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [2, 3] }, "X");
 * assert.deepEqual([A.rows, A.cols, A.data[5]], [2, 3, 6]);
 * const B = asMatrix({ rows: 2, columns: 2, get: (i: number, j: number) => i + 10 * j }, "Y");
 * assert.deepEqual(Array.from(B.data), [0, 10, 1, 11]);
 * ```
 */
export function asMatrix(x: MatrixLike, name: string, options: AsMatrixOptions = {}): Matrix {
  const { finite = true, nonEmpty = true, context = "Invalid input" } = options;
  let M: Matrix;
  if (isMatrix(x)) {
    if (x.data.length !== x.rows * x.cols) {
      throw new TypeError(
        `${context}: \`${name}\` has shape [${x.rows}, ${x.cols}] but ${x.data.length} entries`,
      );
    }
    M = x;
  } else if (isMlMatrix(x)) {
    M = fromMlMatrix(x, name, context);
  } else if (isTypedArrayWithShape(x)) {
    M = fromShaped(x, name, context);
  } else if (Array.isArray(x)) {
    try {
      M = fromRows(x, name);
    } catch (e) {
      throw new TypeError(
        `${context}: ${(e as Error).message.replace(/^Cannot read matrix: /, "")}`,
      );
    }
  } else {
    throw new TypeError(
      `${context}: \`${name}\` must be a matrix or an array of rows: got ${
        x === null ? "null" : typeof x
      }`,
    );
  }
  if (nonEmpty && (M.rows === 0 || M.cols === 0)) {
    throw new RangeError(
      `${context}: \`${name}\` must not be empty: got shape [${M.rows}, ${M.cols}]`,
    );
  }
  if (finite) assertFiniteArray(M.data, name, context, M.cols);
  return M;
}

/**
 * A {@link MatrixLike} argument as a {@link Matrix}, for the small helpers that
 * must stay cheap: a `Matrix` is returned as it is (no scan); anything else is
 * converted as {@link asMatrix} does, without its finite/non-empty checks.
 *
 * @param x The argument.
 * @param name Its name, used in error messages.
 * @returns A matrix (`x` itself when it already is one).
 *
 * @example
 * ```ts
 * import { matrixArg } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(matrixArg([[1, 2]], "A"), { rows: 1, cols: 2, data: new Float64Array([1, 2]) });
 * assert.throws(() => matrixArg("x" as never, "A"), /`A` must be a matrix/);
 * ```
 */
export function matrixArg(x: MatrixLike, name: string): Matrix {
  return isMatrix(x) ? x : asMatrix(x, name, { finite: false, nonEmpty: false });
}

/**
 * Nested-array copy of a matrix, for display and JSON.
 *
 * @param A Matrix.
 * @returns Its rows as arrays.
 *
 * @example Round trip
 * ```ts
 * import { fromRows, toRows } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(fromRows([[1, 2], [3, 4]])), [[1, 2], [3, 4]]);
 * ```
 */
export function toRows(A: MatrixLike): number[][] {
  A = matrixArg(A, "A");
  const out: number[][] = [];
  for (let i = 0; i < A.rows; i++) {
    out.push(Array.from(A.data.subarray(i * A.cols, (i + 1) * A.cols)));
  }
  return out;
}

/**
 * Convert a matrix to an `npm:ml-matrix` `Matrix` (copied). ml-matrix is not
 * a dependency of this package: pass its `Matrix` class.
 *
 * @param A Matrix.
 * @param MatrixClass ml-matrix's `Matrix` (or any class built from nested rows).
 * @returns `new MatrixClass(rows of A)`.
 *
 * @example The way back to ml-matrix
 * ```ts
 * import { fromRows, toMlMatrix } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * class Rows { constructor(public rows: number[][]) {} }
 * assert.deepEqual(toMlMatrix(fromRows([[1, 2]]), Rows).rows, [[1, 2]]);
 * ```
 */
export function toMlMatrix<T>(A: MatrixLike, MatrixClass: new (rows: number[][]) => T): T {
  const M = asMatrix(A, "A", { context: "Cannot convert to ml-matrix", nonEmpty: false });
  return new MatrixClass(toRows(M));
}

/**
 * The n×n identity.
 *
 * @param n Order.
 * @returns I [n, n].
 *
 * @example
 * ```ts
 * import { eye } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(eye(2).data), [1, 0, 0, 1]);
 * ```
 */
export function eye(n: number): Matrix {
  const I = matrix(n, n);
  for (let i = 0; i < n; i++) I.data[i * n + i] = 1;
  return I;
}

/**
 * The zero matrix of a shape.
 *
 * @param rows Number of rows.
 * @param cols Number of columns.
 * @returns The zero matrix.
 *
 * @example
 * ```ts
 * import { zeros } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.equal(zeros(2, 3).data.length, 6);
 * ```
 */
export function zeros(rows: number, cols: number): Matrix {
  return matrix(rows, cols);
}

/**
 * A copy of a matrix with its own storage.
 *
 * @param A Matrix.
 * @returns A copy.
 *
 * @example
 * ```ts
 * import { clone, eye } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * const I = eye(2);
 * const C = clone(I);
 * C.data[0] = 5;
 * assert.equal(I.data[0], 1);
 * ```
 */
export function clone(A: MatrixLike): Matrix {
  A = matrixArg(A, "A");
  return { rows: A.rows, cols: A.cols, data: A.data.slice() };
}

/**
 * The transpose (a copy, cache-blocked).
 *
 * @param A Matrix [m, n].
 * @returns Aᵀ [n, m].
 *
 * @example
 * ```ts
 * import { fromRows, transpose, toRows } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(transpose(fromRows([[1, 2, 3]]))), [[1], [2], [3]]);
 * ```
 */
export function transpose(A: MatrixLike): Matrix {
  A = matrixArg(A, "A");
  const { rows: m, cols: n, data: a } = A;
  const out = new Float64Array(m * n);
  const B = 32;
  for (let i0 = 0; i0 < m; i0 += B) {
    const i1 = Math.min(m, i0 + B);
    for (let j0 = 0; j0 < n; j0 += B) {
      const j1 = Math.min(n, j0 + B);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) out[j * m + i] = a[i * n + j]!;
      }
    }
  }
  return { rows: n, cols: m, data: out };
}

/**
 * Entry (i, j).
 *
 * @param A Matrix.
 * @param i Row.
 * @param j Column.
 * @returns A[i, j].
 *
 * @example
 * ```ts
 * import { fromRows, get } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.equal(get(fromRows([[1, 2], [3, 4]]), 1, 0), 3);
 * ```
 */
export function get(A: MatrixLike, i: number, j: number): number {
  A = matrixArg(A, "A");
  return A.data[i * A.cols + j]!;
}

/**
 * Rows `start..end-1` as a new matrix (copied), like Python's `A[start:end]`.
 *
 * @param A Matrix.
 * @param start First row.
 * @param end One past the last row.
 * @returns The rows, copied.
 *
 * @example
 * ```ts
 * import { fromRows, sliceRows, toRows } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(sliceRows(fromRows([[1], [2], [3]]), 1, 3)), [[2], [3]]);
 * ```
 */
export function sliceRows(A: MatrixLike, start: number, end: number): Matrix {
  A = matrixArg(A, "A");
  return { rows: end - start, cols: A.cols, data: A.data.slice(start * A.cols, end * A.cols) };
}

/**
 * Columns `start..end-1` as a new matrix (copied).
 *
 * @param A Matrix.
 * @param start First column.
 * @param end One past the last column.
 * @returns The columns, copied.
 *
 * @example
 * ```ts
 * import { fromRows, sliceCols, toRows } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(sliceCols(fromRows([[1, 2, 3], [4, 5, 6]]), 1, 2)), [[2], [5]]);
 * ```
 */
export function sliceCols(A: MatrixLike, start: number, end: number): Matrix {
  A = matrixArg(A, "A");
  const w = end - start;
  const out = new Float64Array(A.rows * w);
  for (let i = 0; i < A.rows; i++) {
    out.set(A.data.subarray(i * A.cols + start, i * A.cols + end), i * w);
  }
  return { rows: A.rows, cols: w, data: out };
}

/**
 * Select rows by index (copied), e.g. for a training subset.
 *
 * @param A Matrix.
 * @param index Row indices (may repeat).
 * @returns The selected rows, copied.
 *
 * @example
 * ```ts
 * import { fromRows, takeRows, toRows } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(takeRows(fromRows([[1], [2], [3]]), [2, 0])), [[3], [1]]);
 * ```
 */
export function takeRows(A: MatrixLike, index: ArrayLike<number>): Matrix {
  A = matrixArg(A, "A");
  const out = new Float64Array(index.length * A.cols);
  for (let k = 0; k < index.length; k++) {
    const i = index[k]!;
    out.set(A.data.subarray(i * A.cols, (i + 1) * A.cols), k * A.cols);
  }
  return { rows: index.length, cols: A.cols, data: out };
}

/**
 * Diagonal matrix from a vector.
 *
 * @param values Diagonal entries.
 * @returns The diagonal matrix.
 *
 * @example
 * ```ts
 * import { diag } from "./matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(diag([2, 3]).data), [2, 0, 0, 3]);
 * ```
 */
export function diag(values: ArrayLike<number>): Matrix {
  const n = values.length;
  const D = matrix(n, n);
  for (let i = 0; i < n; i++) D.data[i * n + i] = values[i]!;
  return D;
}
