/**
 * HDF5 files (h5py, MATLAB v7.3, NWB) through `npm:h5wasm`, the HDF5 C
 * library compiled to WebAssembly: list datasets, read a dataset or a slice
 * of it. Files are opened in place (h5wasm's Node build reads the real file
 * system), so a slice of a large dataset is read without loading the file,
 * and whole datasets are read in blocks of rows.
 *
 * @module
 */

import type * as H5 from "../deps/h5wasm.ts";
import { toFloat64 } from "./convert.ts";
import { type Dataset, makeDataset, type MissingOptions } from "./dataset.ts";
import { type NDArray, type NDArrayData, parseDtype, storageCtor } from "./dtype.ts";
import { DataFormatError } from "./errors.ts";
import { resolveRows } from "./table.ts";
import { checkOptions } from "../validate/options.ts";
import { HDF5_ARRAY_OPTIONS, HDF5_READ_OPTIONS } from "./option_kinds.ts";

type H5wasm = typeof H5.default;
type H5Dataset = InstanceType<H5wasm["Dataset"]>;
type H5File = InstanceType<H5wasm["File"]>;

let loading: Promise<H5wasm> | undefined;

/** The parts of h5wasm's Emscripten module used to read straight into the output. */
interface RawModule {
  _malloc(n: number): number;
  _free(p: number): void;
  HEAPU8: Uint8Array;
  get_dataset_data(
    file: bigint,
    path: string,
    count: bigint[],
    offset: bigint[],
    stride: bigint[],
    ptr: bigint,
  ): number;
}
let raw: RawModule | undefined;

/**
 * The `h5wasm` module, imported and initialised on first call (compiling the
 * WebAssembly takes ~0.6 s), with HDF5's error stack turned into exceptions
 * instead of text printed on stderr.
 *
 * @returns The module.
 *
 * @example
 * ```ts
 * import { loadH5wasm } from "./hdf5.ts";
 * import assert from "node:assert/strict";
 * assert.equal(typeof (await loadH5wasm()).File, "function");
 * ```
 */
export function loadH5wasm(): Promise<H5wasm> {
  loading ??= (async () => {
    const h5wasm = (await import("../deps/h5wasm.ts")).default;
    const module = await h5wasm.ready as unknown as { activate_throwing_error_handler(): void };
    module.activate_throwing_error_handler();
    const m = module as unknown as Partial<RawModule>;
    if (typeof m.get_dataset_data === "function" && typeof m._malloc === "function") {
      raw = module as unknown as RawModule;
    }
    return h5wasm;
  })();
  return loading;
}

/** The innermost message of an HDF5 error stack ("unable to open file: …"). */
function hdf5Reason(e: unknown): string {
  const text = String((e as Error)?.message ?? e);
  const lines = [...text.matchAll(/#\d+: .*? in [\w.]+\(\): (.*)$/gm)].map((m) => m[1]!);
  return lines.at(-1) ?? text.split("\n")[0]!;
}

/**
 * Open an HDF5 file read-only, run `fn`, and close it.
 *
 * @param path File to open.
 * @param fn Work on the open file.
 * @returns What `fn` returns.
 * @throws {DataFormatError} When the file is not a readable HDF5 file.
 *
 * @example
 * ```ts
 * import { withHdf5 } from "./hdf5.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".h5" });
 * Deno.writeTextFileSync(path, "not hdf5");
 * await assert.rejects(() => withHdf5(path, () => 0), /not a readable HDF5 file/);
 * Deno.removeSync(path);
 * ```
 */
export async function withHdf5<T>(path: string, fn: (file: H5File) => T): Promise<T> {
  const h5wasm = await loadH5wasm();
  try {
    Deno.statSync(path);
  } catch (e) {
    const Ctor = (e as Error).constructor as new (m: string) => Error;
    throw new Ctor(`Cannot read \`${path}\`: ${(e as Error).message}`);
  }
  let file: H5File;
  try {
    file = new h5wasm.File(path, "r");
  } catch (e) {
    throw new DataFormatError(
      `Cannot read \`${path}\`: not a readable HDF5 file, or truncated (HDF5: ${hdf5Reason(e)})`,
    );
  }
  try {
    return fn(file);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith("Cannot read")) throw e; // ours
    throw new DataFormatError(
      `Cannot read \`${path}\`: corrupt HDF5 file (HDF5: ${hdf5Reason(e)})`,
    );
  } finally {
    try {
      file.close();
    } catch { /* a corrupt file may fail to close; nothing more to do */ }
  }
}

/** A dataset of an HDF5 file. */
export interface Hdf5Entry {
  /** Absolute path inside the file, e.g. `"/units/spike_times"`. */
  path: string;
  /** Dimensions (`[]` for a scalar). */
  shape: number[];
  /** numpy descr for numeric data (`"<f8"`, `">i2"`, `"|b1"`), else a type name (`"string"`, `"compound"`). */
  dtype: string;
}

const CLASSES = ["integer", "float", "time", "string", "bitfield", "opaque", "compound"];

function descrOf(meta: H5.Metadata): string {
  const order = meta.size === 1 ? "|" : meta.littleEndian ? "<" : ">";
  if (meta.type === 0) return `${order}${meta.signed ? "i" : "u"}${meta.size}`;
  if (meta.type === 1) return `${order}f${meta.size}`;
  const en = (meta as { enum_type?: { members?: Record<string, number> } }).enum_type;
  if (meta.type === 8 && meta.size === 1 && en?.members?.FALSE === 0 && en.members.TRUE === 1) {
    return "|b1"; // h5py's bool
  }
  return CLASSES[meta.type] ??
    (meta.type === 8 ? "enum" : meta.vlen ? "vlen" : `class ${meta.type}`);
}

function isNumeric(descr: string): boolean {
  return /^[<>|][iub]\d$|^[<>]f[48]$/.test(descr);
}

/**
 * List the datasets of an HDF5 file, depth first in name order.
 *
 * @param path File to read.
 * @returns Path, shape and dtype of each dataset.
 *
 * @example
 * ```ts
 * import { listHdf5 } from "./hdf5.ts";
 * import assert from "node:assert/strict";
 * import h5wasm from "../deps/h5wasm.ts";
 * await h5wasm.ready;
 * const path = Deno.makeTempFileSync({ suffix: ".h5" });
 * const f = new h5wasm.File(path, "w");
 * f.create_dataset({ name: "X", data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [3, 2] });
 * f.create_group("meta").create_dataset({ name: "ids", data: new Int32Array([7, 8]) });
 * f.close();
 * assert.deepEqual(await listHdf5(path), [
 *   { path: "/X", shape: [3, 2], dtype: "<f8" },
 *   { path: "/meta/ids", shape: [2], dtype: "<i4" },
 * ]);
 * Deno.removeSync(path);
 * ```
 */
export async function listHdf5(path: string): Promise<Hdf5Entry[]> {
  const h5wasm = await loadH5wasm();
  return withHdf5(path, (file) => {
    const out: Hdf5Entry[] = [];
    const walk = (group: InstanceType<H5wasm["Group"]>, prefix: string) => {
      for (const name of [...group.keys()].sort()) {
        const child = group.get(name);
        const p = `${prefix}/${name}`;
        if (child instanceof h5wasm.Dataset) {
          out.push({ path: p, shape: [...(child.shape ?? [])], dtype: descrOf(child.metadata) });
        } else if (child instanceof h5wasm.Group) walk(child, p);
      }
    };
    walk(file, "");
    return out;
  });
}

function getDataset(h5wasm: H5wasm, file: H5File, key: string, path: string): H5Dataset {
  let node: unknown;
  try {
    node = file.get(key);
  } catch (e) {
    throw new DataFormatError(`Cannot read \`${path}:${key}\`: ${hdf5Reason(e)}`);
  }
  if (!(node instanceof h5wasm.Dataset)) {
    throw new RangeError(
      `Cannot read \`${path}\`: no dataset \`${key}\`${
        node instanceof h5wasm.Group ? " (it is a group)" : ""
      }; list the datasets with listHdf5() or \`info\``,
    );
  }
  return node;
}

function checkNumeric(descr: string, where: string): void {
  if (isNumeric(descr)) return;
  const hint = descr === "<f2" || descr === ">f2"
    ? "float16 is not supported by h5wasm; convert it, e.g. f[key][()].astype('f4')"
    : "only integer, float and bool datasets can be read as numbers";
  throw new TypeError(`Cannot read \`${where}\`: dataset holds ${descr}: ${hint}`);
}

/** Filters HDF5 itself decodes: deflate (gzip), shuffle, fletcher32, n-bit, scale-offset. */
const BUILT_IN_FILTERS = new Set([1, 2, 3, 5, 6]);
/** Names of common plugin filters (registered ids), for messages. */
const FILTER_NAMES: Record<number, string> = {
  4: "szip",
  307: "bzip2",
  32000: "lzf",
  32001: "blosc",
  32004: "lz4",
  32008: "bitshuffle",
  32013: "zfp",
  32015: "zstd",
  32026: "blosc2",
};

/**
 * Refuse a dataset stored through a filter this build of HDF5 cannot decode
 * (h5py's `compression="lzf"`, hdf5plugin's blosc, bitshuffle, zstd, …),
 * naming the filter, before HDF5 reports a missing plugin folder.
 */
function checkFilters(ds: H5Dataset, where: string): void {
  let filters: { id: number; name?: string }[];
  try {
    filters = (ds as unknown as { filters: { id: number; name?: string }[] }).filters ?? [];
  } catch {
    return; // the read itself reports what is wrong
  }
  const bad = filters.find((f) => !BUILT_IN_FILTERS.has(f.id));
  if (bad === undefined) return;
  const name = FILTER_NAMES[bad.id] ?? (bad.name ? bad.name : "unknown");
  throw new DataFormatError(
    `Cannot read \`${where}\`: the dataset uses HDF5 filter ${name} (${bad.id}), which cannot be decoded here; re-save it with gzip (h5py: compression="gzip") or without compression`,
  );
}

/** Options for {@link readHdf5Array}. */
export interface Hdf5ArrayOptions {
  /**
   * Read only indices `[start, stop)` along the first axis (a hyperslab: the
   * rest of the dataset is not read).
   * @default undefined (all)
   */
  rows?: readonly [number, number];
}

const BLOCK_ELEMENTS = 1 << 21; // 16 MiB of float64 per read

/**
 * Read a numeric dataset (or rows of it) as an {@link NDArray} in its stored
 * type (native byte order, C order).
 *
 * @param path File to read.
 * @param key Dataset path inside the file, e.g. `"/units/spike_times"`.
 * @param options See {@link Hdf5ArrayOptions}.
 * @returns The array; `dtype` is the stored numpy descr.
 * @throws {RangeError} For an unknown key or a bad `rows` range.
 * @throws {TypeError} For a non-numeric dataset (strings, compound, float16).
 * @throws {DataFormatError} For a dataset stored through a filter other than
 * gzip, shuffle, fletcher32, n-bit or scale-offset (lzf, blosc, zstd plugins).
 *
 * @example
 * ```ts
 * import { readHdf5Array } from "./hdf5.ts";
 * import assert from "node:assert/strict";
 * import h5wasm from "../deps/h5wasm.ts";
 * await h5wasm.ready;
 * const path = Deno.makeTempFileSync({ suffix: ".h5" });
 * const f = new h5wasm.File(path, "w");
 * f.create_dataset({ name: "X", data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [3, 2] });
 * f.create_group("meta").create_dataset({ name: "ids", data: new Int32Array([7, 8]) });
 * f.close();
 * const ids = await readHdf5Array(path, "/meta/ids");
 * assert.deepEqual([ids.dtype, Array.from(ids.data, Number)], ["<i4", [7, 8]]);
 * assert.deepEqual((await readHdf5Array(path, "X", { rows: [2, 3] })).shape, [1, 2]);
 * Deno.removeSync(path);
 * ```
 */
export async function readHdf5Array(
  path: string,
  key: string,
  options: Hdf5ArrayOptions = {},
): Promise<NDArray> {
  checkOptions(options, HDF5_ARRAY_OPTIONS, `Cannot read \`${path}\``);
  const h5wasm = await loadH5wasm();
  const where = `${path}:${key}`;
  return withHdf5(path, (file) => {
    const ds = getDataset(h5wasm, file, key, path);
    const meta = ds.metadata;
    const dtype = descrOf(meta);
    checkNumeric(dtype, where);
    checkFilters(ds, where);
    const shape = [...(ds.shape ?? [])];
    if (shape.length === 0) {
      const Ctor = storageCtor(parseDtype(dtype));
      const data = new Ctor(new ArrayBuffer(8)).subarray(0, 1) as NDArrayData;
      data[0] = read(() => ds.value, where) as never;
      return { shape, dtype, data };
    }
    const [start, stop] = resolveRows(options.rows, shape[0]!, where);
    const inner = shape.slice(1).reduce((p, d) => p * d, 1);
    const rows = stop - start;
    const step = Math.max(1, Math.floor(BLOCK_ELEMENTS / Math.max(inner, 1)));
    const Ctor = storageCtor(parseDtype(dtype.replace(/^[<>|]/, "<")));
    let out = new Ctor(new ArrayBuffer(rows * inner * meta.size)) as NDArrayData;
    for (let r = start; r < stop; r += step) {
      const r1 = Math.min(stop, r + step);
      const ranges = [[r, r1], ...shape.slice(1).map((d): [number, number] => [0, d])];
      read(() => readBlock(ds, ranges as [number, number][], out, (r - start) * inner), where);
    }
    if (dtype === "|b1") out = Uint8Array.from(out as Int8Array, (v) => (v ? 1 : 0));
    return { shape: [rows, ...shape.slice(1)], dtype, data: out! };
  });
}

/**
 * Read a hyperslab into `out` at element `at`: straight from the WebAssembly
 * heap when h5wasm's module exposes its reader (no intermediate copy left for
 * the garbage collector), through `Dataset.slice` otherwise.
 */
function readBlock(ds: H5Dataset, ranges: [number, number][], out: NDArrayData, at: number): void {
  const n = ranges.reduce((p, [a, b]) => p * (b - a), 1);
  if (raw === undefined) {
    (out as Float64Array).set(ds.slice(ranges) as unknown as Float64Array, at);
    return;
  }
  const bytes = n * out.BYTES_PER_ELEMENT;
  const ptr = raw._malloc(Math.max(bytes, 1));
  if (ptr === 0) throw new Error(`cannot allocate ${bytes} bytes in the WebAssembly heap`);
  try {
    raw.get_dataset_data(
      ds.file_id,
      ds.path,
      ranges.map(([a, b]) => BigInt(b - a)),
      ranges.map(([a]) => BigInt(a)),
      ranges.map(() => 1n),
      BigInt(ptr),
    );
    const src = new Uint8Array(raw.HEAPU8.buffer, ptr, bytes);
    new Uint8Array(out.buffer, out.byteOffset + at * out.BYTES_PER_ELEMENT, bytes).set(src);
  } finally {
    raw._free(ptr);
  }
}

function read(fn: () => unknown, where: string): unknown {
  try {
    return fn();
  } catch (e) {
    throw new DataFormatError(`Cannot read \`${where}\`: ${hdf5Reason(e)}`);
  }
}

/** Options for {@link readHdf5}. */
export interface Hdf5ReadOptions extends MissingOptions, Hdf5ArrayOptions {}

/**
 * Read a 1-D or 2-D numeric dataset of an HDF5 file as a data set (a vector
 * becomes one column). Without `key`, the file must hold exactly one dataset.
 *
 * @param path File to read.
 * @param key Dataset path inside the file; optional when there is only one.
 * @param options See {@link Hdf5ReadOptions}.
 * @returns The data set (no labels).
 * @throws {RangeError} For a missing or unknown key (the message lists the
 * datasets), or a NaN without `maskNaN`.
 * @throws {TypeError} For a dataset that is not numeric, or of rank 0 or > 2.
 *
 * @example
 * ```ts
 * import { readHdf5 } from "./hdf5.ts";
 * import assert from "node:assert/strict";
 * import h5wasm from "../deps/h5wasm.ts";
 * await h5wasm.ready;
 * const path = Deno.makeTempFileSync({ suffix: ".h5" });
 * const f = new h5wasm.File(path, "w");
 * f.create_dataset({ name: "X", data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [3, 2] });
 * f.create_group("meta").create_dataset({ name: "ids", data: new Int32Array([7, 8]) });
 * f.close();
 * const ds = await readHdf5(path, "/X", { rows: [1, 3] });
 * assert.deepEqual(Array.from(ds.matrix.data), [3, 4, 5, 6]);
 * await assert.rejects(() => readHdf5(path), /the file holds 2 datasets, choose one with `key`/);
 * Deno.removeSync(path);
 * ```
 */
export async function readHdf5(
  path: string,
  key?: string,
  options: Hdf5ReadOptions = {},
): Promise<Dataset> {
  checkOptions(options, HDF5_READ_OPTIONS, `Cannot read \`${path}\``);
  const k = key ?? await onlyDataset(path);
  const nd = await readHdf5Array(path, k, options.rows ? { rows: options.rows } : {});
  if (nd.shape.length !== 1 && nd.shape.length !== 2) {
    throw new TypeError(
      `Cannot read \`${path}:${k}\` as a matrix: expected a 1-D or 2-D dataset: got shape [${
        nd.shape.join(", ")
      }]`,
    );
  }
  const data = nd.data instanceof Float64Array
    ? nd.data
    : toFloat64(nd, { name: `${path}:${k}` }).data;
  const [rows, cols = 1] = nd.shape as [number, number?];
  return makeDataset(
    {
      matrix: { rows, cols, data },
      dtype: nd.dtype,
      source: `${path}:${k}`,
      firstRow: options.rows?.[0] ?? 0,
    },
    options,
  );
}

/**
 * The path of the only dataset in an HDF5 file.
 *
 * @param path File to read.
 * @returns The dataset path.
 * @throws {RangeError} When the file holds no dataset or several (listed).
 *
 * @example
 * ```ts
 * import { onlyDataset } from "./hdf5.ts";
 * import h5wasm from "../deps/h5wasm.ts";
 * import assert from "node:assert/strict";
 * await h5wasm.ready;
 * const path = Deno.makeTempFileSync({ suffix: ".h5" });
 * const f = new h5wasm.File(path, "w");
 * f.create_dataset({ name: "X", data: new Float64Array([1, 2]) });
 * f.close();
 * assert.equal(await onlyDataset(path), "/X");
 * Deno.removeSync(path);
 * ```
 */
export async function onlyDataset(path: string): Promise<string> {
  const entries = await listHdf5(path);
  if (entries.length !== 1) {
    throw new RangeError(
      `Cannot read \`${path}\`: the file holds ${entries.length} datasets, choose one with \`key\`: ${
        entries.map((e) => e.path).join(", ") || "(none)"
      }`,
    );
  }
  return entries[0]!.path;
}
