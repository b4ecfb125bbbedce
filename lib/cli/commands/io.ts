/**
 * I/O subcommands: `info`.
 *
 * @module
 */

import { type Command, notice } from "../command.ts";
import { describeFile } from "../../io/describe.ts";
import { cliWording, headerOption } from "../inputs.ts";

const info: Command = {
  name: "info",
  summary:
    "shape, dtype, finiteness and sum of an array or table file (.npy, .npz, Arrow, Parquet, HDF5, CSV)",
  help: `Usage: deno task cli info FILE [--key NAME] [--header auto|yes|no]

Describes the array in FILE and prints JSON:
  {"shape": [2, 3], "dtype": "<f8", "finite": true, "sum": 12.5}

FILE may be a .npy file, a .npz archive, an HDF5/NWB file, an Arrow IPC file or
stream (Feather v2), a Parquet file, or a CSV/TSV file (.csv, .tsv, .tab, .txt);
the format is told from the first bytes (CSV/TSV by extension).

  shape   dimensions ([] for a 0-D array); for a table [rows, numeric columns]
  dtype   numpy dtype descr as stored, e.g. "<f8", ">i4", "|u1", "|b1"; for a
          table whose numeric columns differ in type, "<f8" (all are read as float64)
  finite  false when any element is NaN or ±Infinity (missing values in tables
          count as NaN; integers and bools are always finite)
  sum     float64 sum of all elements, equal to numpy's
          np.load(FILE).astype(np.float64).sum() to the last bit (pairwise
          summation in memory order, blocks of 8192; HDF5 datasets and tables
          in C order); null when the sum is NaN or ±Infinity, which JSON cannot
          represent

Options:
  --key NAME  array of a .npz archive (member name without .npy) or dataset of an
              HDF5 file (e.g. /units/spike_times); may be omitted when the file
              holds exactly one array
  --header auto|yes|no
              whether the first line of a CSV/TSV file names the columns; auto
              (default): yes when a field is not a number or the fields are the
              column numbers 0…p−1 or 1…p; no for numbers as np.savetxt writes
              them (a notice on stderr says so); other numbers need yes or no

Exit codes: 0 success; 1 unreadable, malformed or unknown-format file, unknown --key,
a file with several arrays and no --key (the message lists them), or --key on a
format without keys; 2 bad usage.`,
  options: { key: { type: "string" }, header: { type: "string" } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const header = headerOption(values.header);
    const path = positionals[0]!;
    // errors come back in the CLI's words through the command runner (cliWording)
    return await describeFile(path, values.key as string | undefined, {
      ...(header !== undefined ? { header } : {}),
      onNotice: (message) => notice(`${path}: ${cliWording(message)}`),
    });
  },
};

/** Subcommands of the I/O area. */
export const ioCommands: Command[] = [info];
