/**
 * Reading and writing numpy `.npy` files (and `.npz` archives): arrays of
 * any rank, bool/int/uint/float dtypes in either byte order, C or Fortran
 * order; writes are atomic and readable by `np.load`.
 *
 * @example Write a matrix, read it back
 * ```ts
 * import { readMatrix, writeNpy } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) });
 * assert.deepEqual(Array.from(readMatrix(path).data), [1, 2, 3, 4]);
 * Deno.removeSync(path);
 * ```
 *
 * @module
 */

export type { NDArray, NDArrayData } from "./dtype.ts";
export { NpyFormatError, NpzFormatError } from "./errors.ts";
export {
  encodeNpy,
  type NpyHeader,
  type NpyInput,
  parseNpy,
  parseNpyHeader,
  readNpy,
  writeNpy,
} from "./npy.ts";
export {
  type Float64Tensor,
  type ReadArrayOptions,
  readMatrix,
  readTensor,
  toFloat64,
  type ToFloat64Options,
} from "./convert.ts";
export {
  encodeNpz,
  listNpz,
  type NpzSource,
  readNpz,
  readNpzArray,
  writeNpz,
  type WriteNpzOptions,
} from "./npz.ts";
export { numpySum, pairwiseSum } from "./pairwise_sum.ts";
export { type ArraySummary, summarizeNpy } from "./summary.ts";
