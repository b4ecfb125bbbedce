/**
 * Reading and writing numpy `.npy` files (and `.npz` archives): arrays of
 * any rank, bool/int/uint/float dtypes in either byte order, C or Fortran
 * order; writes are atomic and readable by `np.load`.
 *
 * Data interchange: `load(path, options)` reads a labelled response matrix
 * from `.npy`/`.npz`, Arrow IPC (Feather v2), Parquet, HDF5/NWB or CSV/TSV;
 * `nwbResponses` builds a conditions × units matrix from NWB spike times;
 * `writeCsv`/`writeArrow` write tidy result tables atomically.
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
export { DataFormatError, NpyFormatError, NpzFormatError } from "./errors.ts";
export {
  encodeNpy,
  type NpyHeader,
  type NpyInput,
  parseNpy,
  parseNpyHeader,
  readNpy,
  writeNpy,
} from "./npy.ts";
export type { NpyHeaderDict } from "./header.ts";
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
export { type ArraySummary, summarizeFloat64, summarizeNpy } from "./summary.ts";
export { load, loadMatrix, type LoadOptions } from "./load.ts";
export { type Dataset, type MissingOptions } from "./dataset.ts";
export { detectFormat, type FileFormat, sniffFile } from "./detect.ts";
export { describeFile, type DescribeOptions } from "./describe.ts";
export { type ColumnInfo, type TableReadOptions } from "./table.ts";
export { type DatasetTableOptions, type TableColumn, type TableInput } from "./tidy.ts";
export {
  type CsvOptions,
  encodeCsv,
  parseCsv,
  readCsv,
  writeCsv,
  type WriteCsvOptions,
} from "./csv.ts";
export {
  type ArrowReadOptions,
  type ArrowWriteOptions,
  encodeArrow,
  parseArrow,
  readArrow,
  writeArrow,
} from "./arrow.ts";
export { type ParquetReadOptions, readParquet } from "./parquet.ts";
export {
  type Hdf5ArrayOptions,
  type Hdf5Entry,
  type Hdf5ReadOptions,
  listHdf5,
  readHdf5,
  readHdf5Array,
} from "./hdf5.ts";
export {
  type NwbOptions,
  type NwbResponseOptions,
  nwbResponses,
  type NwbTrials,
  type NwbUnits,
  readNwbTrials,
  readNwbUnits,
} from "./nwb.ts";
export { readNpyRows, type ReadNpyRowsOptions } from "./npy_rows.ts";
export { allocateFloat64, mapFile } from "./map_file.ts";
export * from "./row_blocks.ts";
