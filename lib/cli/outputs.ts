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
import { type ParsedArgs, UsageError } from "./command.ts";

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
