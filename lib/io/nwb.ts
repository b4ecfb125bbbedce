/**
 * Neurodata Without Borders (NWB 2.x) recordings: spike times of sorted units
 * (`/units`), the trials table (`/intervals/trials`), and the
 * stimuli/conditions × units response matrix built from them.
 *
 * NWB stores both as DynamicTables: one 1-D dataset per column, an `id`
 * dataset, and ragged columns (like `spike_times`) as the concatenated values
 * plus a `<name>_index` dataset of end offsets.
 *
 * @module
 */

import { type Dataset, makeDataset } from "./dataset.ts";
import { DataFormatError } from "./errors.ts";
import { loadH5wasm, withHdf5 } from "./hdf5.ts";
import { checkOptions } from "../validate/options.ts";
import { NWB_OPTIONS, NWB_RESPONSE_OPTIONS } from "./option_kinds.ts";

/** Spike trains of the sorted units. */
export interface NwbUnits {
  /** Unit ids (`/units/id`), as strings. */
  ids: string[];
  /** Spike times in seconds, one sorted Float64Array per unit. */
  spikeTimes: Float64Array[];
}

/** The trials table: its ids and columns (numbers or strings). */
export interface NwbTrials {
  /** Trial ids (`id`), as strings. */
  ids: string[];
  /** 1-D columns by name (`start_time`, `stop_time`, and any custom column). */
  columns: Record<string, Float64Array | string[]>;
}

type Column = Float64Array | string[];

async function readColumns(
  path: string,
  group: string,
  names: readonly string[] | "all",
): Promise<Record<string, Column>> {
  const h5wasm = await loadH5wasm();
  return withHdf5(path, (file) => {
    const g = file.get(group);
    if (!(g instanceof h5wasm.Group)) {
      throw new RangeError(
        `Cannot read \`${path}\`: no group \`${group}\` (not an NWB file with this table?)`,
      );
    }
    const keys = [...g.keys()];
    const wanted = names === "all" ? keys : names;
    const out: Record<string, Column> = {};
    for (const name of wanted) {
      const ds = g.get(name);
      if (!(ds instanceof h5wasm.Dataset)) {
        if (names === "all") continue;
        throw new RangeError(
          `Cannot read \`${path}\`: no column \`${group}/${name}\`; columns: ${keys.join(", ")}`,
        );
      }
      if ((ds.shape ?? []).length !== 1) continue;
      let value: unknown;
      try {
        value = ds.value;
      } catch (e) {
        throw new DataFormatError(
          `Cannot read \`${path}:${group}/${name}\`: ${(e as Error).message}`,
        );
      }
      if (Array.isArray(value)) out[name] = value.map((v) => String(v));
      else if (ArrayBuffer.isView(value)) {
        out[name] = Float64Array.from(value as unknown as ArrayLike<number | bigint>, Number);
      }
    }
    return out;
  });
}

function numbers(col: Column | undefined, what: string, where: string): Float64Array {
  if (!(col instanceof Float64Array)) {
    throw new TypeError(`Cannot read \`${where}\`: \`${what}\` must be a numeric column`);
  }
  return col;
}

/** Options naming where the NWB tables live. */
export interface NwbOptions {
  /** The units table. @default "/units" */
  unitsPath?: string;
  /** The trials table. @default "/intervals/trials" */
  trialsPath?: string;
}

/**
 * Read the spike trains of the sorted units of an NWB file.
 *
 * @param path The `.nwb` file.
 * @param options See {@link NwbOptions}.
 * @returns Unit ids and spike times (sorted ascending per unit).
 * @throws {DataFormatError} When `spike_times_index` is not a valid ragged index.
 *
 * @example
 * ```ts
 * import { readNwbUnits } from "./nwb.ts";
 * import assert from "node:assert/strict";
 * import h5wasm from "../deps/h5wasm.ts";
 * await h5wasm.ready;
 * const path = Deno.makeTempFileSync({ suffix: ".nwb" });
 * const f = new h5wasm.File(path, "w");
 * const units = f.create_group("units");
 * units.create_dataset({ name: "id", data: new Int32Array([1, 2]) });
 * units.create_dataset({ name: "spike_times", data: new Float64Array([0.1, 0.2, 1.1, 0.15]) });
 * units.create_dataset({ name: "spike_times_index", data: new Int32Array([3, 4]) });
 * const trials = f.create_group("intervals").create_group("trials");
 * trials.create_dataset({ name: "id", data: new Int32Array([0, 1]) });
 * trials.create_dataset({ name: "start_time", data: new Float64Array([0, 1]) });
 * trials.create_dataset({ name: "stop_time", data: new Float64Array([0.5, 1.5]) });
 * trials.create_dataset({ name: "stimulus", data: ["face", "house"] });
 * f.close();
 * const { ids, spikeTimes } = await readNwbUnits(path);
 * assert.deepEqual(ids, ["1", "2"]);
 * assert.deepEqual(spikeTimes.map((s) => Array.from(s)), [[0.1, 0.2, 1.1], [0.15]]);
 * Deno.removeSync(path);
 * ```
 */
export async function readNwbUnits(path: string, options: NwbOptions = {}): Promise<NwbUnits> {
  checkOptions(options, NWB_OPTIONS, `Cannot read \`${path}\``);
  const { unitsPath = "/units" } = options;
  const where = `${path}:${unitsPath}`;
  const cols = await readColumns(path, unitsPath, ["id", "spike_times", "spike_times_index"]);
  const times = numbers(cols.spike_times, "spike_times", where);
  const index = numbers(cols.spike_times_index, "spike_times_index", where);
  const idCol = cols.id!;
  if (idCol.length !== index.length) {
    throw new DataFormatError(
      `Cannot read \`${where}\`: \`id\` has ${idCol.length} entries, \`spike_times_index\` ${index.length}`,
    );
  }
  const spikeTimes: Float64Array[] = [];
  let start = 0;
  for (let u = 0; u < index.length; u++) {
    const end = index[u]!;
    if (!Number.isInteger(end) || end < start || end > times.length) {
      throw new DataFormatError(
        `Cannot read \`${where}\`: \`spike_times_index\` must rise from 0 to ${times.length}: entry ${u} is ${end}`,
      );
    }
    spikeTimes.push(times.slice(start, end).sort());
    start = end;
  }
  return { ids: Array.from(idCol, String), spikeTimes };
}

/**
 * Read the 1-D columns of an NWB trials table.
 *
 * @param path The `.nwb` file.
 * @param options See {@link NwbOptions}.
 * @returns Trial ids and columns.
 *
 * @example
 * ```ts
 * import { readNwbTrials } from "./nwb.ts";
 * import assert from "node:assert/strict";
 * import h5wasm from "../deps/h5wasm.ts";
 * await h5wasm.ready;
 * const path = Deno.makeTempFileSync({ suffix: ".nwb" });
 * const f = new h5wasm.File(path, "w");
 * const units = f.create_group("units");
 * units.create_dataset({ name: "id", data: new Int32Array([1, 2]) });
 * units.create_dataset({ name: "spike_times", data: new Float64Array([0.1, 0.2, 1.1, 0.15]) });
 * units.create_dataset({ name: "spike_times_index", data: new Int32Array([3, 4]) });
 * const trials = f.create_group("intervals").create_group("trials");
 * trials.create_dataset({ name: "id", data: new Int32Array([0, 1]) });
 * trials.create_dataset({ name: "start_time", data: new Float64Array([0, 1]) });
 * trials.create_dataset({ name: "stop_time", data: new Float64Array([0.5, 1.5]) });
 * trials.create_dataset({ name: "stimulus", data: ["face", "house"] });
 * f.close();
 * const { ids, columns } = await readNwbTrials(path);
 * assert.deepEqual(ids, ["0", "1"]);
 * assert.deepEqual(columns.stimulus, ["face", "house"]);
 * Deno.removeSync(path);
 * ```
 */
export async function readNwbTrials(path: string, options: NwbOptions = {}): Promise<NwbTrials> {
  checkOptions(options, NWB_OPTIONS, `Cannot read \`${path}\``);
  const { trialsPath = "/intervals/trials" } = options;
  const columns = await readColumns(path, trialsPath, "all");
  const ids = columns.id;
  delete columns.id;
  const n = columns.start_time?.length ?? 0;
  for (const [name, col] of Object.entries(columns)) {
    if (col.length !== n && !name.endsWith("_index")) {
      throw new DataFormatError(
        `Cannot read \`${path}:${trialsPath}\`: column \`${name}\` has ${col.length} entries, \`start_time\` has ${n}`,
      );
    }
  }
  return {
    ids: ids ? Array.from(ids, String) : Array.from({ length: n }, (_, k) => String(k)),
    columns,
  };
}

/** Options for {@link nwbResponses}. */
export interface NwbResponseOptions extends NwbOptions {
  /**
   * Counting window `[from, to)` in seconds relative to each trial's `align`
   * time; when left out, each trial's own `[start_time, stop_time)`.
   * @default undefined
   */
  window?: readonly [number, number];
  /** Trials column whose time the window is relative to. @default "start_time" */
  align?: string;
  /**
   * Trials column to group by (e.g. `"stimulus"`): rows become its distinct
   * values (sorted: numerically for numbers, by code unit for strings), each
   * the mean over its trials. When left out, one row per trial.
   * @default undefined
   */
  conditions?: string;
  /** `"rate"`: spikes per second in the window; `"count"`: spikes. @default "rate" */
  measure?: "rate" | "count";
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The stimuli/conditions × units response matrix of an NWB recording: for
 * each trial and unit, the spikes with `lo <= t < hi` where `[lo, hi)` is
 * `[align + window[0], align + window[1])` (or the trial's
 * `[start_time, stop_time)`), divided by `hi - lo` for rates; with
 * `conditions`, the mean over the trials of each condition (trial values added
 * in trial order, divided by the count).
 *
 * @param path The `.nwb` file.
 * @param options See {@link NwbResponseOptions}.
 * @returns A data set: rows = conditions (labels = their values) or trials
 * (labels = trial ids), columns = units (labels = unit ids).
 * @throws {RangeError} For an empty or inverted window, or a trial with
 * `stop_time <= start_time` when no window is given.
 *
 * @example
 * ```ts
 * import { nwbResponses } from "./nwb.ts";
 * import assert from "node:assert/strict";
 * import h5wasm from "../deps/h5wasm.ts";
 * await h5wasm.ready;
 * const path = Deno.makeTempFileSync({ suffix: ".nwb" });
 * const f = new h5wasm.File(path, "w");
 * const units = f.create_group("units");
 * units.create_dataset({ name: "id", data: new Int32Array([1, 2]) });
 * units.create_dataset({ name: "spike_times", data: new Float64Array([0.1, 0.2, 1.1, 0.15]) });
 * units.create_dataset({ name: "spike_times_index", data: new Int32Array([3, 4]) });
 * const trials = f.create_group("intervals").create_group("trials");
 * trials.create_dataset({ name: "id", data: new Int32Array([0, 1]) });
 * trials.create_dataset({ name: "start_time", data: new Float64Array([0, 1]) });
 * trials.create_dataset({ name: "stop_time", data: new Float64Array([0.5, 1.5]) });
 * trials.create_dataset({ name: "stimulus", data: ["face", "house"] });
 * f.close();
 * const ds = await nwbResponses(path, { window: [0, 0.25], conditions: "stimulus", measure: "count" });
 * assert.deepEqual(ds.rowLabels, ["face", "house"]);
 * assert.deepEqual(Array.from(ds.matrix.data), [2, 1, 1, 0]); // [stimulus, unit] spike counts
 * Deno.removeSync(path);
 * ```
 */
export async function nwbResponses(
  path: string,
  options: NwbResponseOptions = {},
): Promise<Dataset> {
  checkOptions(options, NWB_RESPONSE_OPTIONS, `Cannot read \`${path}\``);
  const { window, align = "start_time", conditions, measure = "rate" } = options;
  const where = `Cannot read \`${path}\``;
  if (window !== undefined && !(window[1]! > window[0]!)) {
    throw new RangeError(
      `${where}: \`window\` must be [from, to) with to > from: got [${window.join(", ")}]`,
    );
  }
  if (measure !== "rate" && measure !== "count") {
    throw new RangeError(`${where}: \`measure\` must be "rate" or "count": got ${measure}`);
  }
  const { unitsPath, trialsPath } = options;
  const units = await readNwbUnits(path, unitsPath !== undefined ? { unitsPath } : {});
  const trials = await readNwbTrials(path, trialsPath !== undefined ? { trialsPath } : {});
  const col = (name: string): Column => {
    const c = trials.columns[name];
    if (c === undefined) {
      throw new RangeError(
        `${where}: no trials column \`${name}\`; columns: ${
          Object.keys(trials.columns).join(", ")
        }`,
      );
    }
    return c;
  };
  const nTrials = trials.ids.length, nUnits = units.ids.length;
  const lo = new Float64Array(nTrials), hi = new Float64Array(nTrials);
  if (window === undefined) {
    const start = numbers(col("start_time"), "start_time", path);
    const stop = numbers(col("stop_time"), "stop_time", path);
    lo.set(start);
    hi.set(stop);
  } else {
    const a = numbers(col(align), align, path);
    for (let t = 0; t < nTrials; t++) {
      lo[t] = a[t]! + window[0]!;
      hi[t] = a[t]! + window[1]!;
    }
  }
  const perTrial = new Float64Array(nTrials * nUnits);
  for (let t = 0; t < nTrials; t++) {
    const duration = hi[t]! - lo[t]!;
    if (!(duration > 0)) {
      throw new RangeError(
        `${where}: trial ${trials.ids[t]} has an empty window [${lo[t]}, ${hi[t]})`,
      );
    }
    for (let u = 0; u < nUnits; u++) {
      const s = units.spikeTimes[u]!;
      const count = lowerBound(s, hi[t]!) - lowerBound(s, lo[t]!);
      perTrial[t * nUnits + u] = measure === "rate" ? count / duration : count;
    }
  }
  const columnLabels = units.ids;
  if (conditions === undefined) {
    return makeDataset({
      matrix: { rows: nTrials, cols: nUnits, data: perTrial },
      rowLabels: trials.ids,
      columnLabels,
      dtype: "<f8",
      source: path,
    });
  }
  const values = col(conditions);
  const keys = Array.from(values as ArrayLike<number | string>, (v) => v);
  const distinct = [...new Set(keys)].sort((a, b) =>
    typeof a === "number" && typeof b === "number" ? a - b : a < b ? -1 : a > b ? 1 : 0
  );
  const row = new Map(distinct.map((v, k) => [v, k]));
  const sums = new Float64Array(distinct.length * nUnits),
    counts = new Float64Array(distinct.length);
  for (let t = 0; t < nTrials; t++) {
    const r = row.get(keys[t]!)!;
    counts[r]++;
    for (let u = 0; u < nUnits; u++) sums[r * nUnits + u] += perTrial[t * nUnits + u]!;
  }
  for (let r = 0; r < distinct.length; r++) {
    for (let u = 0; u < nUnits; u++) sums[r * nUnits + u] /= counts[r]!;
  }
  return makeDataset({
    matrix: { rows: distinct.length, cols: nUnits, data: sums },
    rowLabels: distinct.map(String),
    columnLabels,
    dtype: "<f8",
    source: path,
  });
}
