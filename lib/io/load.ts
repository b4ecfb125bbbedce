/**
 * One entry point for every supported file: `load(path, options)` tells the
 * format from the file's first bytes (CSV/TSV by extension) and returns a
 * labelled {@link Dataset}.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { readFileBytes } from "./atomic.ts";
import { toFloat64 } from "./convert.ts";
import { readCsv } from "./csv.ts";
import { type Dataset, makeDataset } from "./dataset.ts";
import { type FileFormat, sniffFile } from "./detect.ts";
import { formatShape, type NDArray } from "./dtype.ts";
import { parseNpy } from "./npy.ts";
import { readNpyChecked } from "./npy_rows.ts";
import { npzMember } from "./npz.ts";
import { resolveRows, type TableReadOptions } from "./table.ts";
import { checkOptions } from "../validate/options.ts";
import { LOAD_OPTIONS } from "./option_kinds.ts";

/** Options for {@link load}. */
export interface LoadOptions extends TableReadOptions {
  /**
   * Which array: the member of a `.npz` archive (name without `.npy`) or the
   * dataset path of an HDF5/NWB file (`"/units/spike_times"`). May be left out
   * when the file holds exactly one; not allowed for other formats.
   * @default undefined
   */
  key?: string;
  /**
   * Read only rows `[start, stop)`. `.npy` (C order), HDF5, Arrow IPC files
   * and Parquet read just those rows from disk; other formats read the file
   * and keep those rows.
   * @default undefined (all rows)
   */
  rows?: readonly [number, number];
  /** CSV/TSV field separator (see `CsvOptions`). @default undefined */
  delimiter?: string;
  /**
   * CSV/TSV: whether the first line names the columns (see `CsvOptions`):
   * `"auto"` takes a first line of numbers as `np.savetxt` writes them as data
   * (and says so in the data set's `notice`), and refuses other lines of
   * numbers that are not the column numbers 0…p−1 or 1…p.
   * @default "auto"
   */
  header?: "auto" | boolean;
  /**
   * `.npy` (C order, little-endian) and Arrow files whose values are one
   * fixed-size-list float64 column in one uncompressed batch: return a view
   * of the file mapped into memory instead of a private copy. It saves the
   * copy, but the matrix then changes when the file is written again
   * (`np.save` on the same path rewrites it in place), and reading it after
   * the file was truncated kills the process (SIGBUS). By default every
   * format gives a copy, as `np.load` does.
   * @default false
   */
  map?: boolean;
}

const TABLES: readonly FileFormat[] = ["csv", "tsv", "arrow-file", "arrow-stream", "parquet"];

function checkFormatOptions(format: FileFormat, path: string, options: LoadOptions): void {
  const at = `Cannot read \`${path}\``;
  if (options.key !== undefined && format !== "npz" && format !== "hdf5") {
    throw new TypeError(
      `${at}: \`key\` (${options.key}) applies to .npz archives and HDF5/NWB files, and this is ${format}`,
    );
  }
  for (const name of ["labels", "columns"] as const) {
    if (options[name] !== undefined && !TABLES.includes(format)) {
      throw new TypeError(
        `${at}: \`${name}\` applies to tables (CSV/TSV, Arrow, Parquet), and this is ${format}`,
      );
    }
  }
  for (const name of ["delimiter", "header"] as const) {
    if (options[name] !== undefined && format !== "csv" && format !== "tsv") {
      throw new TypeError(`${at}: \`${name}\` applies to CSV/TSV files, and this is ${format}`);
    }
  }
  if (options.map !== undefined && format !== "npy" && format !== "arrow-file") {
    throw new TypeError(
      `${at}: \`map\` applies to .npy and Arrow IPC files, and this is ${format}`,
    );
  }
}

function arrayDataset(
  nd: NDArray,
  source: string,
  options: LoadOptions,
  firstRow = 0,
  nanFree = false,
): Dataset {
  if (nd.shape.length !== 1 && nd.shape.length !== 2) {
    throw new TypeError(
      `Cannot read \`${source}\` as a matrix: expected a 1-D or 2-D array: got shape ${
        formatShape(nd.shape)
      }`,
    );
  }
  const data = nd.data instanceof Float64Array ? nd.data : toFloat64(nd, { name: source }).data;
  const [rows, cols = 1] = nd.shape as [number, number?];
  return makeDataset(
    { matrix: { rows, cols, data }, dtype: nd.dtype, source, firstRow, nanFree },
    options,
  );
}

/**
 * Rows `options.rows` of a data set read whole with `maskNaN: true` (see {@link masked}): a
 * missing value outside them is no error, one inside is reported at its row of the file.
 */
function sliceRows(ds: Dataset, options: LoadOptions): Dataset {
  if (options.rows === undefined) return ds;
  const [start, stop] = resolveRows(options.rows, ds.matrix.rows, ds.source);
  const { cols, data } = ds.matrix;
  return makeDataset({
    matrix: { rows: stop - start, cols, data: data.slice(start * cols, stop * cols) },
    rowLabels: ds.rowLabels?.slice(start, stop),
    columnLabels: ds.columnLabels ? [...ds.columnLabels] : undefined,
    dtype: ds.dtype,
    source: ds.source,
    firstRow: start,
    notice: ds.notice,
  }, { maskNaN: options.maskNaN ?? false });
}

/** Read whole formats with a mask when only some rows are kept ({@link sliceRows} checks those). */
const masked = <T extends object>(o: T, options: LoadOptions): T =>
  options.rows === undefined ? o : { ...o, maskNaN: true };

/**
 * Load a response matrix from any supported file, telling the format from
 * the first bytes: `.npy`, `.npz`, Arrow IPC file/stream (Feather v2),
 * Parquet, HDF5 (NWB included), or CSV/TSV (by extension; see `header`).
 * The matrix is the caller's own copy, as with `np.load` (unless `map: true`).
 * Rows are stimuli/conditions, columns units; a 1-D array becomes one column.
 *
 * Always returns a {@link Dataset} (`kind: "dataset"`): `matrix`, and
 * `rowLabels`/`columnLabels` where the file has them (table label column or
 * pandas index; column names). Missing values (NaN, nulls, NA tokens) are an
 * error naming the file, row and column unless `maskNaN: true`, which keeps
 * them as NaN and adds `mask`. For NWB spike data use `nwbResponses`.
 *
 * @param path File to read.
 * @param options See {@link LoadOptions}.
 * @returns The labelled data set.
 * @throws {DataFormatError} For an unknown format or a malformed/truncated file.
 * @throws {TypeError} For an option that does not apply to the format, a
 * non-numeric column, or an array of rank other than 1 or 2.
 * @throws {RangeError} For an unknown key/column, a bad `rows` range, or a
 * missing value without `maskNaN`.
 *
 * @example Any format, one call
 * ```ts
 * import { load } from "./load.ts";
 * import { writeCsv } from "./csv.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".csv" });
 * writeCsv(path, { stim: ["A", "B"], v1: [0.5, 1.5], v2: [2, 3] });
 * const ds = await load(path, { labels: "stim" });
 * assert.equal(ds.kind, "dataset");
 * assert.deepEqual([ds.matrix.rows, ds.matrix.cols], [2, 2]);
 * assert.deepEqual(ds.rowLabels, ["A", "B"]);
 * Deno.removeSync(path);
 * ```
 */
export async function load(path: string, options: LoadOptions = {}): Promise<Dataset> {
  checkOptions(options, LOAD_OPTIONS, `Cannot read \`${path}\``);
  const format = sniffFile(path);
  checkFormatOptions(format, path, options);
  const { key, rows, labels, columns, maskNaN, delimiter, header, map } = options;
  const table = {
    ...(labels !== undefined ? { labels } : {}),
    ...(columns !== undefined ? { columns } : {}),
    ...(maskNaN !== undefined ? { maskNaN } : {}),
  };
  switch (format) {
    case "npy": {
      const { array, nanFree } = readNpyChecked(path, rows, map !== undefined ? { map } : {});
      return arrayDataset(array, path, options, rows?.[0] ?? 0, nanFree);
    }
    case "npz": {
      const { npy, name } = npzMember(readFileBytes(path), path, key);
      return sliceRows(arrayDataset(parseNpy(npy, name), name, masked(options, options)), options);
    }
    case "hdf5":
      // format readers load their libraries (h5wasm, Arrow, hyparquet) on first use
      return await (await import("./hdf5.ts")).readHdf5(path, key, {
        ...table,
        ...(rows ? { rows } : {}),
      });
    case "arrow-file":
    case "arrow-stream":
      return await (await import("./arrow.ts")).readArrow(path, {
        ...table,
        ...(rows ? { rows } : {}),
        ...(map !== undefined ? { map } : {}),
      });
    case "parquet":
      return await (await import("./parquet.ts")).readParquet(path, {
        ...table,
        ...(rows ? { rows } : {}),
      });
    case "csv":
    case "tsv": {
      // the separator, unless given, is readCsv's: by extension, or from a .txt file's first line
      const csv = {
        ...table,
        ...(delimiter !== undefined ? { delimiter } : {}),
        ...(header !== undefined ? { header } : {}),
      };
      return sliceRows(readCsv(path, masked(csv, options)), options);
    }
  }
}

/**
 * {@link load}, keeping only the matrix: `[nStimuli, nUnits]` float64.
 *
 * @param path File to read.
 * @param options See {@link LoadOptions}.
 * @returns The matrix.
 *
 * @example
 * ```ts
 * import { loadMatrix } from "./load.ts";
 * import { writeNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { rows: 2, cols: 1, data: new Float64Array([3, 4]) });
 * assert.deepEqual(Array.from((await loadMatrix(path)).data), [3, 4]);
 * Deno.removeSync(path);
 * ```
 */
export async function loadMatrix(path: string, options: LoadOptions = {}): Promise<Matrix> {
  return (await load(path, options)).matrix;
}
