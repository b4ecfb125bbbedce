/**
 * How every CLI command reads its input files: through `load()` (every
 * format it knows: `.npy`, `.npz`, Arrow, Parquet, HDF5/NWB, CSV/TSV), with
 * `--key` choosing the member of an archive or the dataset of an HDF5 file,
 * and row labels kept. Arrays of more than two axes (time series over trials,
 * tensors, conv layers) come from `.npy`/`.npz` files.
 *
 * @module
 */

import { readTensor } from "../io/convert.ts";
import type { Dataset } from "../io/dataset.ts";
import { type FileFormat, sniffFile } from "../io/detect.ts";
import type { Float64Tensor } from "../io/convert.ts";
import { load } from "../io/load.ts";
import { notice, type OptionSpec, type OptionValue, UsageError } from "./command.ts";

/** The `--key` and `--header` options, for commands that read files. */
export const INPUT_OPTIONS: OptionSpec = {
  key: { type: "string", multiple: true },
  header: { type: "string" },
};

/** Help text for {@link INPUT_OPTIONS}. */
export const INPUT_HELP =
  `  --key K           member of a .npz archive or dataset of an HDF5/NWB file: once for every
                    input that has members, or once per input in order
  --header auto|yes|no
                    whether the first line of a CSV/TSV input names the columns; auto
                    (default): yes when a field is not a number or the fields are the column
                    numbers 0…p−1 or 1…p; no for numbers as np.savetxt writes them (a notice
                    says so); other numbers need yes or no
Inputs may be .npy, .npz, Arrow/Feather, Parquet, HDF5/NWB or CSV/TSV (see \`info\`).`;

/** The `--header` choice of the command being run (see {@link useInputOptions}). */
let headerChoice: "auto" | boolean | undefined;

/**
 * The CSV/TSV `header` option a `--header` value asks for.
 *
 * @param value The flag's value (undefined when not given).
 * @returns `"auto"`, true or false; undefined when not given.
 * @throws {UsageError} For a value other than auto, yes or no.
 *
 * @example
 * ```ts
 * import { headerOption } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.equal(headerOption("no"), false);
 * assert.equal(headerOption(undefined), undefined);
 * assert.throws(() => headerOption("maybe"), /--header must be auto, yes or no: got maybe/);
 * ```
 */
export function headerOption(value: OptionValue): "auto" | boolean | undefined {
  if (value === undefined) return undefined;
  const choice = ({ auto: "auto", yes: true, no: false } as const)[String(value)];
  if (choice === undefined) {
    throw new UsageError(`--header must be auto, yes or no: got ${value}`);
  }
  return choice;
}

/**
 * Apply a command's input flags that hold for every file it reads (`--header`) to
 * {@link readInput} and {@link readInputTensor} until the next call; the CLI calls it
 * before running each command.
 *
 * @param values Parsed options.
 *
 * @example
 * ```ts
 * import { useInputOptions } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * useInputOptions({ header: "no" }); // CSV inputs have no header row
 * assert.throws(() => useInputOptions({ header: "maybe" }), /--header must be auto, yes or no/);
 * useInputOptions({}); // back to the default, auto
 * ```
 */
export function useInputOptions(values: Record<string, OptionValue>): void {
  headerChoice = undefined;
  headerChoice = headerOption(values.header);
}

const HAS_MEMBERS: readonly FileFormat[] = ["npz", "hdf5"];

/**
 * The label of an input in results: its file name without folder and data-file extension.
 *
 * @param path The file.
 * @returns The label.
 *
 * @example
 * ```ts
 * import { inputLabel } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.equal(inputLabel("runs/net.v2.npy"), "net.v2");
 * assert.equal(inputLabel("C:\\data\\V1.csv"), "V1");
 * ```
 */
export function inputLabel(path: string): string {
  return path.replace(/^.*[\\/]/, "").replace(
    /\.(npy|npz|csv|tsv|arrows?|feather|parquet|h5|hdf5|nwb)$/i,
    "",
  );
}

/**
 * The `--key` to use for each of `paths`: none, one for every input that has
 * members, or one per input.
 *
 * @param values Parsed options.
 * @param paths The input files, in order.
 * @returns One key (or undefined) per path.
 *
 * @example One key for every archive
 * ```ts
 * import { inputKeys } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(inputKeys({}, ["a.npy", "b.npy"]), [undefined, undefined]);
 * assert.throws(() => inputKeys({ key: ["x", "y"] }, ["a.npy"]), /--key/);
 * ```
 */
export function inputKeys(
  values: Record<string, OptionValue>,
  paths: readonly string[],
): (string | undefined)[] {
  const given = values.key as string[] | undefined;
  if (given === undefined || given.length === 0) return paths.map(() => undefined);
  if (given.length === 1 && paths.length > 1) {
    const formats = paths.map(formatOf);
    if (!formats.some((f) => f !== null && HAS_MEMBERS.includes(f))) {
      throw new UsageError(
        `--key applies to .npz archives and HDF5/NWB files, and no input is one: got --key ${
          given[0]
        }`,
      );
    }
    return formats.map((f) => (f !== null && HAS_MEMBERS.includes(f) ? given[0] : undefined));
  }
  if (given.length !== paths.length) {
    throw new UsageError(
      `--key must be given once, or once per input (${paths.length}): got ${given.length}`,
    );
  }
  paths.forEach((p, i) => {
    const f = formatOf(p);
    if (f !== null && !HAS_MEMBERS.includes(f)) {
      throw new UsageError(
        `--key applies to .npz archives and HDF5/NWB files: got --key ${given[i]} for input ${
          i + 1
        }, ${p}, which is ${f}`,
      );
    }
  });
  return [...given];
}

function formatOf(path: string): FileFormat | null {
  try {
    return sniffFile(path);
  } catch {
    return null; // the read itself reports the problem with the file
  }
}

/**
 * Read one input as a labelled response matrix.
 *
 * @param path The file.
 * @param name The argument's name for error messages, e.g. `"X"`.
 * @param key `--key` for this file.
 * @returns The data set (matrix, labels, source).
 *
 * @example A CSV file with a label column
 * ```ts
 * import { readInput } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".csv" });
 * Deno.writeTextFileSync(path, ",u1,u2\na,1,2\nb,3,4\n");
 * const ds = await readInput(path, "X");
 * assert.deepEqual(Array.from(ds.matrix.data), [1, 2, 3, 4]);
 * assert.deepEqual(ds.rowLabels, ["a", "b"]);
 * Deno.removeSync(path);
 * ```
 */
export async function readInput(path: string, name: string, key?: string): Promise<Dataset> {
  try {
    // Missing values stay NaN here, so that the measure's own check names the
    // argument and the first bad index, as it does for library calls.
    const format = headerChoice === undefined ? null : formatOf(path);
    const ds = await load(path, {
      maskNaN: true,
      ...(key !== undefined ? { key } : {}),
      ...(format === "csv" || format === "tsv" ? { header: headerChoice! } : {}),
    });
    if (ds.notice !== undefined) notice(`${name} (${path}): ${cliWording(ds.notice)}`);
    return ds;
  } catch (e) {
    throw named(e, name, path);
  }
}

/**
 * A library message in the CLI's words: the options `header: true`/`false`,
 * `key` (in "choose one with `key`") and `pad: true` are the flags
 * `--header yes`/`no`, `--key` and `--pad`.
 *
 * @param message The library's message.
 * @returns The message for the command line.
 *
 * @example
 * ```ts
 * import { cliWording } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * assert.equal(cliWording("pass `header: true` if so"), "pass --header yes if so");
 * assert.equal(cliWording("2 arrays, choose one with `key`"), "2 arrays, choose one with --key");
 * assert.equal(cliWording("or pass `pad: true`"), "or pass --pad");
 * ```
 */
export function cliWording(message: string): string {
  return message.replace("`header: true`", "--header yes")
    .replace("`header: false`", "--header no")
    .replace("choose one with `key`", "choose one with --key")
    .replace("pass `pad: true`", "pass --pad");
}

/**
 * Read several inputs (one per path, `--key` resolved by {@link inputKeys}).
 *
 * @param values Parsed options (for `--key`).
 * @param paths The files.
 * @param name Name of the argument list for errors (`networks` → `networks[0]`, …), or one
 * name per path.
 * @returns The data sets, in order.
 *
 * @example
 * ```ts
 * import { readInputs } from "./inputs.ts";
 * import { writeNpy } from "../io/npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { rows: 2, cols: 1, data: new Float64Array([1, 2]) });
 * const [a, b] = await readInputs({}, [path, path], ["X", "Y"]);
 * assert.deepEqual(Array.from(a!.matrix.data), Array.from(b!.matrix.data));
 * Deno.removeSync(path);
 * ```
 */
export async function readInputs(
  values: Record<string, OptionValue>,
  paths: readonly string[],
  name: string | readonly string[],
): Promise<Dataset[]> {
  const keys = inputKeys(values, paths);
  const out: Dataset[] = [];
  for (const [i, p] of paths.entries()) {
    out.push(await readInput(p, typeof name === "string" ? `${name}[${i}]` : name[i]!, keys[i]));
  }
  return out;
}

/**
 * Require that data sets describe the same stimuli: the same number of rows,
 * and the same row labels where both files have them.
 *
 * @param sets The data sets.
 * @param names Their argument names.
 * @param context Start of the error message.
 *
 * @example Different labels are refused
 * ```ts
 * import { checkSameRows } from "./inputs.ts";
 * import type { Dataset } from "../io/dataset.ts";
 * import assert from "node:assert/strict";
 * const ds = (labels: string[]) =>
 *   ({ matrix: { rows: 2, cols: 1, data: new Float64Array(2) }, rowLabels: labels }) as unknown as Dataset;
 * checkSameRows([ds(["a", "b"]), ds(["a", "b"])], ["X", "Y"], "Cannot compare");
 * assert.throws(() => checkSameRows([ds(["a", "b"]), ds(["b", "a"])], ["X", "Y"], "Cannot compare"), /row labels/);
 * ```
 */
export function checkSameRows(
  sets: readonly Dataset[],
  names: readonly string[],
  context: string,
): void {
  const first = sets[0];
  if (!first) return;
  for (const [i, ds] of sets.entries()) {
    const a = first.matrix, b = ds.matrix;
    if (b.rows !== a.rows) {
      throw new TypeError(
        `${context}: \`${names[0]}\` and \`${
          names[i]
        }\` must have the same number of rows: got shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`,
      );
    }
    if (first.rowLabels && ds.rowLabels) {
      const at = first.rowLabels.findIndex((l, r) => l !== ds.rowLabels![r]);
      if (at >= 0) {
        throw new TypeError(
          `${context}: \`${names[0]}\` and \`${
            names[i]
          }\` must list the same stimuli in the same order: row labels differ at row ${at}: ${
            JSON.stringify(first.rowLabels[at])
          } and ${JSON.stringify(ds.rowLabels[at])}`,
        );
      }
    }
  }
}

/**
 * Read an array of any rank: `.npy`/`.npz` files as stored; any other format
 * `load()` knows as its 2-D matrix.
 *
 * @param path The file.
 * @param name The argument's name for error messages.
 * @param key `--key` for this file.
 * @returns Shape and float64 data (C order).
 *
 * @example A CSV file is a 2-D array
 * ```ts
 * import { readInputTensor } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".csv" });
 * Deno.writeTextFileSync(path, "a,b\n1,2\n3,4\n5,6\n");
 * assert.deepEqual((await readInputTensor(path, "X")).shape, [3, 2]);
 * Deno.removeSync(path);
 * ```
 */
export async function readInputTensor(
  path: string,
  name: string,
  key?: string,
): Promise<Float64Tensor> {
  const format = formatOf(path);
  if (format === "npy" || format === "npz") {
    try {
      return readTensor(path, key === undefined ? { name } : { name, key });
    } catch (e) {
      throw named(e, name, path);
    }
  }
  const { matrix } = await readInput(path, name, key);
  return { shape: [matrix.rows, matrix.cols], data: matrix.data };
}

function named(e: unknown, name: string, path: string): Error {
  if (!(e instanceof Error)) return new Error(String(e));
  // the library's options are the CLI's flags
  const message = cliWording(e.message);
  if (message.includes(`\`${name}\``) && message === e.message) return e;
  const Ctor = e instanceof RangeError ? RangeError : e instanceof TypeError ? TypeError : Error;
  const where = message.includes(path) ? `\`${name}\`` : `\`${name}\` (${path})`;
  const out = new Ctor(message.includes(`\`${name}\``) ? message : `${where}: ${message}`);
  out.name = e.name;
  return out;
}
