/**
 * `info` for every supported format: shape, dtype, finiteness and numpy's
 * float64 sum of the array (or table) in a file.
 *
 * @module
 */

import { readFileBytes } from "./atomic.ts";
import { toFloat64 } from "./convert.ts";
import { sniffFile } from "./detect.ts";
import { load } from "./load.ts";
import { listNpz, npzMember } from "./npz.ts";
import { type ArraySummary, summarizeFloat64, summarizeNpy } from "./summary.ts";
import { checkOptions } from "../validate/options.ts";
import { DESCRIBE_OPTIONS } from "./option_kinds.ts";

/** Options for {@link describeFile}. */
export interface DescribeOptions {
  /** CSV/TSV: whether the first line names the columns (see `LoadOptions`). @default "auto" */
  header?: "auto" | boolean;
  /**
   * Called with the data set's `notice` when the reader had to guess (a CSV
   * first line of numbers read as data).
   * @default undefined
   */
  onNotice?: (message: string) => void;
}

/**
 * Describe the array in a file, whatever its format, as `info` prints it.
 *
 * - `.npy` / `.npz` member / HDF5 dataset: the stored shape (any rank) and
 *   numpy descr; the sum is numpy's `arr.astype(np.float64).sum()` (h5py
 *   reads C order).
 * - Tables (CSV/TSV, Arrow, Parquet): the matrix {@link load} returns,
 *   `[rows, numeric columns]`, its dtype (`"<f8"` when the numeric columns
 *   have different types), and the sum of that C-order float64 matrix
 *   (`np.ascontiguousarray(M, dtype=np.float64).sum()`). Missing values count
 *   as NaN (`finite: false`, `sum: null`).
 *
 * @param path File to read.
 * @param key `.npz` member or HDF5 dataset; optional when there is only one.
 * @param options See {@link DescribeOptions}.
 * @returns Shape, dtype, finiteness and sum.
 * @throws {RangeError} When the file holds several arrays and `key` is missing
 * (the message lists them), or `key` is unknown.
 *
 * @example
 * ```ts
 * import { describeFile } from "./describe.ts";
 * import { writeCsv } from "./csv.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".csv" });
 * writeCsv(path, { a: [1, 2], b: [3, NaN] });
 * assert.deepEqual(await describeFile(path), { shape: [2, 2], dtype: "<f8", finite: false, sum: null });
 * Deno.removeSync(path);
 * ```
 */
export async function describeFile(
  path: string,
  key?: string,
  options: DescribeOptions = {},
): Promise<ArraySummary> {
  checkOptions(options, DESCRIBE_OPTIONS, `Cannot read \`${path}\``);
  let format: ReturnType<typeof sniffFile>;
  try {
    format = sniffFile(path);
  } catch (e) {
    const err = e as Error;
    if (err?.message?.includes(path)) throw e;
    const out = new (err instanceof TypeError ? TypeError : Error)(
      `Cannot read \`${path}\`: ${err?.message ?? String(e)}`,
    );
    out.name = err?.name ?? "Error";
    throw out;
  }
  if (format === "npy") {
    if (key !== undefined) {
      throw new TypeError(
        `Cannot read \`${path}\`: --key applies to .npz archives and HDF5 files, and this is a .npy file`,
      );
    }
    return summarizeNpy(readFileBytes(path), path);
  }
  if (format === "npz") {
    const bytes = readFileBytes(path);
    if (key === undefined && listNpz(bytes).length !== 1) {
      const keys = listNpz(bytes);
      throw new RangeError(
        `Cannot read \`${path}\`: the archive holds ${keys.length} arrays, choose one with --key: ${
          keys.join(", ") || "(none)"
        }`,
      );
    }
    const { npy, name } = npzMember(bytes, path, key);
    return summarizeNpy(npy, name);
  }
  if (format === "hdf5") {
    const { onlyDataset, readHdf5Array } = await import("./hdf5.ts");
    const nd = await readHdf5Array(path, key ?? await onlyDataset(path));
    const data = nd.data instanceof Float64Array
      ? nd.data
      : toFloat64(nd, { exactIntegers: false }).data;
    return summarizeFloat64(nd.shape, nd.dtype, data);
  }
  const { header, onNotice } = options;
  const ds = await load(path, {
    maskNaN: true,
    ...(key !== undefined ? { key } : {}),
    ...(header !== undefined && (format === "csv" || format === "tsv") ? { header } : {}),
  });
  if (ds.notice !== undefined) onNotice?.(ds.notice);
  return summarizeFloat64([ds.matrix.rows, ds.matrix.cols], ds.dtype, ds.matrix.data);
}
