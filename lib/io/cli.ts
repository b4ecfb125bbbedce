/**
 * I/O subcommands: `info`.
 *
 * @module
 */

import type { Command } from "../cli/command.ts";
import { readFileBytes } from "./atomic.ts";
import { listNpz, npzMember } from "./npz.ts";
import { isZip } from "./read_any.ts";
import { summarizeNpy } from "./summary.ts";

const info: Command = {
  name: "info",
  summary: "shape, dtype, finiteness and sum of a .npy file or .npz member",
  help: `Usage: deno task cli info FILE [--key NAME]

Describes the array in FILE (a .npy file, or a .npz archive) and prints JSON:
  {"shape": [2, 3], "dtype": "<f8", "finite": true, "sum": 12.5}

  shape   dimensions ([] for a 0-D array)
  dtype   numpy dtype descr as stored in the file, e.g. "<f8", ">i4", "|u1", "|b1"
  finite  false when any element is NaN or ±Infinity (integers and bools are always finite)
  sum     float64 sum of all elements, equal to numpy's np.load(FILE).astype(np.float64).sum()
          to the last bit (pairwise summation in the file's memory order, blocks of 8192);
          null when the sum is NaN or ±Infinity, which JSON cannot represent

Options:
  --key NAME  array of a .npz archive to describe (its member name without .npy);
              may be omitted when the archive holds exactly one array

Exit codes: 0 success; 1 unreadable or malformed file, unknown --key, or an archive
with several arrays and no --key (the message lists the keys); 2 bad usage.`,
  options: { key: { type: "string" } },
  positionals: { min: 1, max: 1 },
  run({ values, positionals }) {
    const path = positionals[0]!;
    const key = values.key as string | undefined;
    const bytes = readFileBytes(path);
    if (!isZip(bytes)) {
      if (key !== undefined) {
        throw new TypeError(
          `Cannot read \`${path}\`: --key applies to .npz archives, and this is not one`,
        );
      }
      return summarizeNpy(bytes, path);
    }
    if (key === undefined) {
      const keys = listNpz(bytes);
      if (keys.length !== 1) {
        throw new RangeError(
          `Cannot read \`${path}\`: the archive holds ${keys.length} arrays, choose one with --key: ${
            keys.join(", ") || "(none)"
          }`,
        );
      }
    }
    const { npy, name } = npzMember(bytes, path, key);
    return summarizeNpy(npy, name);
  },
};

/** Subcommands of the I/O area. */
export const ioCommands: Command[] = [info];
