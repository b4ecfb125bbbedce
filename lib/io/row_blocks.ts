/**
 * Row-block readers: a response matrix read a block of rows at a time, so
 * statistics can be accumulated over files larger than memory. `.npy`
 * (C order), HDF5, Arrow IPC files and Parquet read only each block's rows
 * from disk.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { arrowRowCount } from "./arrow.ts";
import { openFile, readInto, sniffFile } from "./detect.ts";
import { DataFormatError } from "./errors.ts";
import { listHdf5, onlyDataset } from "./hdf5.ts";
import { load } from "./load.ts";
import { readNpyHeader } from "./npy_rows.ts";
import { parquetRowCount } from "./parquet.ts";
import { resolveRows } from "./table.ts";
import { checkOptions } from "../validate/options.ts";
import { ROW_BLOCK_OPTIONS } from "./option_kinds.ts";

/** Options for {@link openRowBlocks}. */
export interface RowBlockOptions {
  /**
   * Rows per block; undefined picks about 32 MiB of float64 per block.
   * @default undefined
   */
  blockRows?: number;
  /**
   * Only rows `[start, stop)` of the file (e.g. the training rows).
   * @default undefined (all rows)
   */
  rows?: readonly [number, number];
  /** HDF5 dataset path, when the file holds more than one. @default undefined */
  key?: string;
}

/** A matrix on disk, readable block by block (any number of times). */
export interface RowBlockReader {
  /** The file. */
  readonly source: string;
  /** Rows that {@link RowBlockReader.blocks} yields in all. */
  readonly rows: number;
  /** Columns. */
  readonly cols: number;
  /** Rows per block (the last block may be shorter). */
  readonly blockRows: number;
  /**
   * The blocks in row order, each `[rows of the block, cols]`. A block is
   * valid until the next one is requested (a C-order float64 `.npy` file is
   * read into one reused buffer): copy it to keep it.
   */
  blocks(): AsyncGenerator<Matrix>;
}

const BLOCK_VALUES = 4 << 20; // 32 MiB of float64

async function totalRows(path: string, key: string | undefined): Promise<number> {
  const format = sniffFile(path);
  switch (format) {
    case "npy": {
      const { shape } = readNpyHeader(path);
      if (shape.length !== 1 && shape.length !== 2) break; // load() names the problem
      return shape[0]!;
    }
    case "hdf5": {
      const name = key ?? await onlyDataset(path);
      const entry = (await listHdf5(path)).find((e) => e.path === name || e.path === `/${name}`);
      if (entry === undefined) break; // load() names the problem
      return entry.shape[0] ?? 1;
    }
    case "arrow-file":
      return await arrowRowCount(path);
    case "parquet":
      return await parquetRowCount(path);
    default:
      throw new TypeError(
        `Cannot read \`${path}\` in row blocks: expected .npy, HDF5, an Arrow IPC file or Parquet: got ${format}`,
      );
  }
  return (await load(path, key !== undefined ? { key } : {})).matrix.rows;
}

/** The error for a missing value at entry `k` of a block whose first row is row `first` of the file. */
function missing(
  path: string,
  k: number,
  first: number,
  cols: number,
  names?: readonly string[],
): RangeError {
  const j = k % cols;
  const column = names?.[j] !== undefined ? `\`${names[j]}\`` : String(j);
  return new RangeError(
    `Cannot read \`${path}\`: missing value (NaN) at row ${
      first + Math.floor(k / cols)
    }, column ${column}`,
  );
}

/** NaN is a missing value, an error as in `load()`. */
function checkFinite(data: Float64Array, path: string, first: number, cols: number): void {
  for (let k = 0; k < data.length; k++) {
    const v = data[k]!;
    if (v !== v) throw missing(path, k, first, cols);
  }
}

/**
 * Open a matrix file for reading in blocks of rows: `.npy`, HDF5 (`key`),
 * Arrow IPC file or Parquet. Only the header or footer is read here; each
 * block reads just its rows from disk.
 *
 * @param path File to read.
 * @param options Block size, row range and HDF5 key ({@link RowBlockOptions}).
 * @returns The reader.
 * @throws {TypeError} For a format that cannot be read by rows (CSV, `.npz`,
 * Arrow streams).
 * @throws {RangeError} For a bad `rows` range or `blockRows`.
 *
 * @example Blocks cover the rows in order
 * ```ts
 * import { openRowBlocks } from "./row_blocks.ts";
 * import { writeNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { rows: 5, cols: 1, data: new Float64Array([0, 1, 2, 3, 4]) });
 * const reader = await openRowBlocks(path, { blockRows: 2, rows: [1, 5] });
 * const seen: number[][] = [];
 * for await (const block of reader.blocks()) seen.push(Array.from(block.data));
 * assert.deepEqual(seen, [[1, 2], [3, 4]]);
 * Deno.removeSync(path);
 * ```
 */
export async function openRowBlocks(
  path: string,
  options: RowBlockOptions = {},
): Promise<RowBlockReader> {
  checkOptions(options, ROW_BLOCK_OPTIONS, `Cannot read \`${path}\``);
  const { key, rows } = options;
  const total = await totalRows(path, key);
  const [start, stop] = resolveRows(rows, total, path);
  // masked, so that a missing value in the first row gets the blocks' message (row blocks take
  // no `maskNaN`)
  const probe = await load(path, {
    rows: [start, Math.min(stop, start + 1)],
    maskNaN: true,
    ...(key ? { key } : {}),
  });
  const cols = probe.matrix.cols;
  const first = probe.mask?.indexOf(1) ?? -1;
  if (first >= 0) throw missing(path, first, start, cols, probe.columnLabels);
  const blockRows = options.blockRows ?? Math.max(1, Math.floor(BLOCK_VALUES / Math.max(cols, 1)));
  if (!Number.isSafeInteger(blockRows) || blockRows < 1) {
    throw new RangeError(
      `Cannot read \`${path}\` in row blocks: \`blockRows\` must be a positive integer: got ${blockRows}`,
    );
  }
  return Object.freeze({
    source: path,
    rows: stop - start,
    cols,
    blockRows,
    async *blocks(): AsyncGenerator<Matrix> {
      const header = sniffFile(path) === "npy" ? readNpyHeader(path) : undefined;
      if (header && header.descr === "<f8" && !header.fortranOrder) {
        // one buffer for every block, filled by read(2): no page faults, no garbage
        const buffer = new Float64Array(Math.min(blockRows, stop - start) * cols);
        using file = openFile(path);
        for (let a = start; a < stop; a += blockRows) {
          const n = Math.min(stop, a + blockRows) - a;
          const data = buffer.subarray(0, n * cols);
          const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
          if (readInto(file, header.dataOffset + a * cols * 8, bytes) !== bytes.length) {
            throw new DataFormatError(`Cannot read \`${path}\`: truncated data at row ${a}`);
          }
          checkFinite(data, path, a, cols);
          yield { rows: n, cols, data };
        }
        return;
      }
      for (let a = start; a < stop; a += blockRows) {
        const b = Math.min(stop, a + blockRows);
        // read with a mask, so that a missing value is reported at its row of the file
        const ds = await load(path, { rows: [a, b], maskNaN: true, ...(key ? { key } : {}) });
        const k = ds.mask?.indexOf(1) ?? -1;
        if (k >= 0) throw missing(path, k, a, cols, ds.columnLabels);
        yield ds.matrix;
      }
    },
  });
}
