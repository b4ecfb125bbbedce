/**
 * `deno task cli <subcommand> …`: JSON on stdout, errors on stderr,
 * exit 2 for bad usage and 1 for bad data.
 *
 * @module
 */

import { removeTemporaryFilesOnSignal } from "../io/atomic.ts";
import { type Command, parseCommandArgs, UsageError } from "./command.ts";
import { commands } from "./registry.ts";
import { figureBuilders } from "./figures.ts";
import { checkOutputs } from "./outputs.ts";

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
  const builder = figureBuilders[found.name];
  const cmd: Command = builder
    ? {
      ...found,
      options: { ...found.options, figure: { type: "string" } },
      help:
        `${found.help}\n\n--figure FILE.svg|FILE.html  also write a figure of the result (path added to the JSON as "figure")`,
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
    checkOutputs(args);
    let result = await cmd.run(args);
    const figurePath = args.values.figure;
    if (builder && typeof figurePath === "string") {
      if (!/\.(svg|html)$/i.test(figurePath)) {
        throw new UsageError(`--figure must name an .svg or .html file: got ${figurePath}`);
      }
      const fig = await builder(result as Record<string, unknown>, args);
      const { save } = await import("../display/save.ts");
      save(fig as Parameters<typeof save>[0], figurePath);
      result = { ...(result as Record<string, unknown>), figure: figurePath };
    }
    io.out(JSON.stringify(result, null, 2));
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
  }
}

/**
 * The library's error as the CLI should report it: a RangeError about an option
 * that came from a numeric flag is bad usage (exit 2) and names the flag; the
 * library's option spellings become the CLI's flags.
 */
function cliError(e: Error, given: Record<string, unknown>): Error {
  if (!(e instanceof Error) || e instanceof UsageError) return e;
  const message = e.message.replace("pass `pad: true`", "pass --pad");
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
