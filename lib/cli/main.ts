/**
 * `deno task cli <subcommand> …`: JSON on stdout, errors on stderr,
 * exit 2 for bad usage and 1 for bad data.
 *
 * @module
 */

import { removeTemporaryFilesOnSignal, writeFileAtomic } from "../io/atomic.ts";
import { type Command, isCommandOutput, parseCommandArgs, UsageError } from "./command.ts";
import { commands } from "./registry.ts";
import { checkOutputFormats, checkOutputs } from "./outputs.ts";
import { cliWording, useInputOptions } from "./inputs.ts";

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: deno task cli <subcommand> [options]",
    "",
    "Subcommands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `deno task cli <subcommand> --help` for its options.",
  ].join("\n");
}

/**
 * Run the CLI on an argument list; returns the exit code. Output goes to the
 * given writers (stdout/stderr by default).
 *
 * @example
 * ```ts
 * import { runCli } from "./main.ts";
 * import assert from "node:assert/strict";
 * const out: string[] = [];
 * const code = await runCli(["no-such-command"], { out: (s) => out.push(s), err: (s) => out.push(s) });
 * assert.equal(code, 2);
 * assert.match(out.join(""), /unknown subcommand/);
 * ```
 */
export async function runCli(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => console.log(s),
    err: (s) => console.error(s),
  },
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(overview());
    return name === undefined ? 2 : 0;
  }
  const found: Command | undefined = commands.find((c) => c.name === name);
  if (!found) {
    io.err(`error: unknown subcommand \`${name}\`\n\n${overview()}`);
    return 2;
  }
  const cmd: Command = found.figure
    ? {
      ...found,
      options: { ...found.options, figure: { type: "string" } },
      help:
        `${found.help}\n\n--figure FILE.svg|FILE.html  also write the figure a notebook shows for the result (path added to the JSON as "figure")`,
    }
    : found;
  let given: Record<string, unknown> = {};
  try {
    const args = parseCommandArgs(cmd, rest);
    given = args.values;
    if (args.values.help) {
      io.out(cmd.help);
      return 0;
    }
    const figurePath = args.values.figure;
    if (typeof figurePath === "string" && !/\.(svg|html)$/i.test(figurePath)) {
      throw new UsageError(`--figure must name an .svg or .html file: got ${figurePath}`);
    }
    checkOutputs(args);
    useInputOptions(args.values);
    if (cmd.outputFormats) checkOutputFormats(args.values, cmd.outputFormats(args.values));
    const output = await cmd.run(args);
    let json = output as Record<string, unknown>;
    if (isCommandOutput(output)) {
      const figure = typeof figurePath === "string"
        ? await renderFigure(output.result, output.noFigure, figurePath)
        : null;
      output.write?.();
      json = output.json;
      if (figure) {
        writeFileAtomic(figurePath as string, new TextEncoder().encode(figure));
        json = { ...json, figure: figurePath };
      }
    } else if (typeof figurePath === "string") {
      throw new UsageError(`--figure: ${cmd.name} has no figure for this result`);
    }
    io.out(serialize(json));
    return 0;
  } catch (e) {
    const err = cliError(e as Error, given);
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}\n\n${cmd.help}`);
      return 2;
    }
    io.err(`error: ${err?.message ?? String(e)}`);
    let debug = false;
    try {
      debug = !!Deno.env.get("NEUROCOMPARE_DEBUG");
    } catch { /* no env permission */ }
    if (debug && err?.stack) io.err(err.stack);
    return 1;
  } finally {
    useInputOptions({});
  }
}

/**
 * The one JSON serializer of the CLI: typed arrays become arrays, non-finite
 * numbers null (as JSON.stringify does for plain numbers), two-space indent.
 *
 * @param value The JSON value of a command.
 * @returns The text printed on stdout.
 *
 * @example
 * ```ts
 * import { serialize } from "./main.ts";
 * import assert from "node:assert/strict";
 * assert.equal(serialize({ v: new Float64Array([1, NaN]) }), '{\n  "v": [\n    1,\n    null\n  ]\n}');
 * ```
 */
export function serialize(value: unknown): string {
  return JSON.stringify(
    value,
    (
      _k,
      v,
    ) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Float64Array) : v),
    2,
  );
}

/**
 * The figure of a result as the notebook shows it: its renderer's SVG, alone
 * or inside a minimal HTML page for an `.html` path.
 */
async function renderFigure(
  result: object | null,
  noFigure: string | undefined,
  path: string,
): Promise<string> {
  if (result === null) {
    throw new UsageError(`--figure ${noFigure ?? "has nothing to draw for this run"}`);
  }
  await import("../views/mod.ts"); // registers every renderer
  const display = (result as Record<symbol, () => unknown>)[Symbol.for("Jupyter.display")];
  if (typeof display !== "function") {
    throw new UsageError("--figure: this result has no display");
  }
  const bundle = await display.call(result) as Record<string, string>;
  const svg = bundle["image/svg+xml"];
  if (!svg) throw new UsageError("--figure: the view of this result has no figure");
  if (/\.svg$/i.test(path)) return svg;
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>neurocompare</title></head><body>\n${svg}\n</body></html>\n`;
}

/**
 * The library's error as the CLI should report it: a RangeError about an option
 * that came from a numeric flag is bad usage (exit 2) and names the flag; the
 * library's option spellings become the CLI's flags.
 */
function cliError(e: Error, given: Record<string, unknown>): Error {
  if (!(e instanceof Error) || e instanceof UsageError) return e;
  const message = cliWording(e.message);
  if (e instanceof RangeError) {
    for (const [flag, v] of Object.entries(given)) {
      const values = Array.isArray(v) ? v : [v];
      const numeric = values.length > 0 &&
        values.every((x) => typeof x === "string" && x.trim() !== "" && Number.isFinite(Number(x)));
      if (!numeric) continue;
      const camel = flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      if (message.includes(`\`${camel}\``) || message.includes(`\`${flag}\``)) {
        return new UsageError(`--${flag}: ${message}`);
      }
    }
  }
  if (message === e.message) return e;
  const out =
    new (e instanceof RangeError ? RangeError : e instanceof TypeError ? TypeError : Error)(
      message,
    );
  return out;
}

if (import.meta.main) {
  removeTemporaryFilesOnSignal();
  Deno.exit(await runCli(Deno.args));
}
