/**
 * Output paths are checked before any work: every option named `out`,
 * `figure` or `*-out` must name a file (not a folder) in a folder that exists
 * and can be written, must not be one of the command's inputs, and no two
 * outputs may be the same file. A bad output path is bad usage (exit 2), found
 * in a second rather than after an hour of computing.
 *
 * @module
 */

import { dirname, resolve } from "node:path";
import { writeTarget } from "../io/atomic.ts";
import { parseShard } from "../pairwise/pairs.ts";
import { type OptionValue, type ParsedArgs, UsageError } from "./command.ts";

/** Whether an option names an output file. */
export function isOutputOption(name: string): boolean {
  return name === "out" || name === "figure" || name.endsWith("-out");
}

function realOrResolved(path: string): string {
  try {
    return Deno.realPathSync(path);
  } catch {
    try {
      return resolve(Deno.realPathSync(dirname(path)), path.replace(/^.*[\\/]/, ""));
    } catch {
      return resolve(path);
    }
  }
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/**
 * Check the output paths of a parsed command line before it runs.
 *
 * @param args Parsed arguments.
 * @throws {UsageError} Naming the option and the problem.
 *
 * @example An output may not overwrite an input
 * ```ts
 * import { checkOutputs } from "./outputs.ts";
 * import assert from "node:assert/strict";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/a.npy`, "x");
 * checkOutputs({ values: { out: `${dir}/D.npy` }, positionals: [`${dir}/a.npy`] });
 * assert.throws(
 *   () => checkOutputs({ values: { out: `${dir}/a.npy` }, positionals: [`${dir}/a.npy`] }),
 *   /--out must not overwrite an input/,
 * );
 * assert.throws(() => checkOutputs({ values: { out: `${dir}/no/D.npy` }, positionals: [] }), /folder .* does not exist/);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function checkOutputs(args: ParsedArgs): void {
  const outputs = Object.entries(args.values).filter(
    (e): e is [string, string] => isOutputOption(e[0]) && typeof e[1] === "string",
  );
  if (outputs.length === 0) return;
  const inputs = new Map<string, string>();
  for (const p of args.positionals) if (isFile(p)) inputs.set(realOrResolved(p), p);
  for (const [name, v] of Object.entries(args.values)) {
    if (isOutputOption(name)) continue;
    for (const s of Array.isArray(v) ? v : [v]) {
      if (typeof s === "string" && s !== "" && isFile(s)) {
        inputs.set(realOrResolved(s), `--${name} ${s}`);
      }
    }
  }
  const seen = new Map<string, string>();
  for (const [name, path] of outputs) {
    if (path === "" || /[\\/]$/.test(path)) {
      throw new UsageError(`--${name} must name a file: got ${JSON.stringify(path)}`);
    }
    let stat: Deno.FileInfo | null = null;
    try {
      stat = Deno.statSync(path);
    } catch { /* a new file */ }
    if (stat?.isDirectory) {
      throw new UsageError(`--${name} must name a file: ${path} is a folder`);
    }
    // a symbolic link is written through to its target; a FIFO, device or socket is never replaced
    let target: string;
    try {
      target = writeTarget(path);
    } catch (e) {
      throw new UsageError(
        `--${name} must name a regular file: ${
          (e as Error).message.replace(/^Cannot write `[^`]*`: /, `${path}: `)
        }`,
      );
    }
    const dir = dirname(target);
    let dirStat: Deno.FileInfo;
    try {
      dirStat = Deno.statSync(dir);
    } catch {
      throw new UsageError(`--${name}: the folder ${dir} does not exist: got ${path}`);
    }
    if (!dirStat.isDirectory) {
      throw new UsageError(`--${name}: ${dir} is not a folder: got ${path}`);
    }
    try {
      const probe = Deno.makeTempFileSync({ dir, prefix: ".neurocompare-probe-" });
      Deno.removeSync(probe);
    } catch (e) {
      throw new UsageError(`--${name}: cannot write in the folder ${dir}: ${(e as Error).message}`);
    }
    const real = realOrResolved(path);
    const input = inputs.get(real);
    if (input !== undefined) {
      throw new UsageError(
        `--${name} must not overwrite an input: ${path} is also the input ${input}`,
      );
    }
    const other = seen.get(real);
    if (other !== undefined) {
      throw new UsageError(`--${name} and --${other} must name different files: both are ${path}`);
    }
    seen.set(real, name);
  }
}

/** What each extension holds, for the error message. */
const FORMAT_NAMES: Record<string, string> = {
  ".npy": "a .npy array",
  ".npz": "a .npz archive",
  ".json": "the shard's JSON",
};

/**
 * Check that every output option names a file of the format the command
 * writes there: an output called `D.csv` that would hold `.npy` bytes is bad
 * usage (exit 2) naming the option, the extension and what is expected.
 * Extensions are compared without regard to case.
 *
 * @param values Parsed options.
 * @param formats Accepted extensions per output option (from the command's `outputFormats`);
 *   an empty list is not checked.
 * @throws {UsageError} Naming the option, its extension and the expected ones.
 *
 * @example
 * ```ts
 * import { checkOutputFormats } from "./outputs.ts";
 * import assert from "node:assert/strict";
 * checkOutputFormats({ out: "D.NPY" }, { out: [".npy"] });
 * checkOutputFormats({}, { out: [".npy"] });
 * assert.throws(
 *   () => checkOutputFormats({ out: "D.csv" }, { out: [".npy"] }),
 *   /--out must end in what is written there, \.npy \(a \.npy array\): got D\.csv \(its extension is \.csv\)/,
 * );
 * ```
 */
export function checkOutputFormats(
  values: Record<string, OptionValue>,
  formats: Record<string, readonly string[]>,
): void {
  for (const [name, exts] of Object.entries(formats)) {
    const path = values[name];
    if (typeof path !== "string" || exts.length === 0) continue;
    const lower = path.toLowerCase();
    if (exts.some((e) => lower.endsWith(e))) continue;
    const m = /(\.[^./\\]*)$/.exec(path.replace(/^.*[\\/]/, ""));
    const got = m ? `its extension is ${m[1]}` : "it has no extension";
    const want = exts.map((e) => FORMAT_NAMES[e] ? `${e} (${FORMAT_NAMES[e]})` : e).join(" or ");
    throw new UsageError(
      `--${name} must end in what is written there, ${want}: got ${path} (${got})`,
    );
  }
}

/**
 * What a matrix command writes to `--out`: the `.npy` matrix, or with `--shard k/n` the
 * shard's JSON. A malformed `--shard` is left unchecked here: the command reports it.
 *
 * @param values Parsed options.
 * @returns The accepted extensions (none when `--shard` is malformed).
 *
 * @example
 * ```ts
 * import { matrixOrShard } from "./outputs.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(matrixOrShard({}), [".npy"]);
 * assert.deepEqual(matrixOrShard({ shard: "1/4" }), [".json"]);
 * assert.deepEqual(matrixOrShard({ shard: "x" }), []);
 * assert.deepEqual(matrixOrShard({ shard: "4/4" }), []); // no such shard: the command says so
 * ```
 */
export function matrixOrShard(values: Record<string, OptionValue>): readonly string[] {
  if (values.shard === undefined) return [".npy"];
  try {
    parseShard(String(values.shard));
  } catch {
    return []; // the command reports the malformed shard itself
  }
  return [".json"];
}
