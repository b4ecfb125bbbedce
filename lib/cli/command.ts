/**
 * The shape of a CLI subcommand and the helpers subcommands share.
 * Each area registers its subcommands in `registry.ts`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { SEED_MAX, SEED_MIN } from "../validate/mod.ts";

/** A parsed option value. */
export type OptionValue = string | boolean | string[] | undefined;

/** Option declarations in `node:util` parseArgs form. */
export type OptionSpec = Record<
  string,
  { type: "string" | "boolean"; short?: string; multiple?: boolean; default?: string | boolean }
>;

/** Parsed arguments handed to {@link Command.run}. */
export interface ParsedArgs {
  values: Record<string, OptionValue>;
  positionals: string[];
}

/** One `deno task cli <name>` subcommand. */
export interface Command {
  /** Subcommand name, e.g. `info`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text (usage line, arguments, options). */
  help: string;
  /** Options accepted (`--help` is added automatically). */
  options: OptionSpec;
  /** Whether the command takes `--figure FILE.svg|.html` (its result has a renderer). @default false */
  figure?: boolean;
  /**
   * The file formats the command writes, per output option, for the options
   * given: the extensions accepted (e.g. `{ out: [".npy"] }`, or `[".json"]`
   * for a shard). An output whose extension is not among them is bad usage,
   * found before any work. @default undefined (not checked)
   */
  outputFormats?(values: Record<string, OptionValue>): Record<string, readonly string[]>;
  /** Positional arguments: minimum count, and maximum (Infinity for "any"). */
  positionals: { min: number; max: number };
  /**
   * Does the work: returns plain JSON to print, or a {@link CommandOutput} (JSON, the
   * library's tagged result for `--figure`, and the writing of output files).
   */
  run(args: ParsedArgs): unknown | Promise<unknown>;
}

const OUTPUT = Symbol("neurocompare.commandOutput");

/**
 * What a command's `run` returns when it has a library result: the JSON to
 * print, the tagged result itself (`--figure` renders it with the renderer a
 * notebook uses), and the writing of the command's output files, which runs
 * only after the figure has been rendered.
 */
export interface CommandOutput {
  /** The JSON printed on stdout (typed arrays become arrays, non-finite numbers null). */
  json: Record<string, unknown>;
  /** The library's tagged result, or null when there is nothing to draw (e.g. one shard). */
  result: object | null;
  /** Why there is no figure, when `result` is null. @default undefined */
  noFigure?: string;
  /** Writes the output files. @default undefined */
  write?: () => void;
}

/**
 * Mark a {@link CommandOutput} as such (a command may also return plain JSON).
 *
 * @param output The parts.
 * @returns The same object, recognisable by {@link isCommandOutput}.
 *
 * @example
 * ```ts
 * import { commandOutput, isCommandOutput } from "./command.ts";
 * import assert from "node:assert/strict";
 * assert.ok(isCommandOutput(commandOutput({ json: { a: 1 }, result: null })));
 * assert.ok(!isCommandOutput({ json: { a: 1 }, result: null }));
 * ```
 */
export function commandOutput(output: CommandOutput): CommandOutput {
  Object.defineProperty(output, OUTPUT, { value: true });
  return output;
}

/**
 * Whether a command returned a {@link CommandOutput}.
 *
 * @param x What `run` returned.
 * @returns True for a value made by {@link commandOutput}.
 *
 * @example
 * ```ts
 * import { isCommandOutput } from "./command.ts";
 * import assert from "node:assert/strict";
 * assert.equal(isCommandOutput({ distance: 1 }), false);
 * ```
 */
export function isCommandOutput(x: unknown): x is CommandOutput {
  return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[OUTPUT] === true;
}

/**
 * Print a one-line notice on stderr (`notice: …`): something the user should know about a run
 * that still succeeds, e.g. an option that cannot be kept or input read in a way they may not
 * have meant. Never on stdout, which holds the JSON result.
 *
 * @param message The notice, without the `notice: ` prefix or a newline.
 *
 * @example
 * ```ts
 * import { notice } from "./command.ts";
 * notice("this run keeps every singular direction"); // stderr: "notice: this run keeps …"
 * ```
 */
export function notice(message: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(`notice: ${message}\n`));
}

/** Bad usage (unknown option, missing argument): exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A negative number given as an option's value, e.g. `-0.1` or `-2e-3`. */
const NEGATIVE_NUMBER = /^-[\d.]/;

/**
 * `--alpha -0.1` → `--alpha=-0.1`, so that a negative value is read as the
 * value of a string option and not as another option.
 */
function joinNegativeValues(argv: string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!, next = argv[i + 1];
    const name = a.startsWith("--") && !a.includes("=") ? a.slice(2) : null;
    if (
      name !== null && options[name]?.type === "string" && next !== undefined &&
      NEGATIVE_NUMBER.test(next)
    ) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

/** A decimal number as people write it: no hexadecimal, binary or octal forms, no blanks. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse argv for a command, throwing {@link UsageError} on bad usage: an
 * unknown option, a wrong number of positionals, or a single-valued option
 * given twice with different values (options declared `multiple`, like
 * `--key`, repeat; the same value twice is harmless and accepted).
 *
 * @example
 * ```ts
 * import { parseCommandArgs, type Command } from "./command.ts";
 * import assert from "node:assert/strict";
 * const cmd: Command = {
 *   name: "x", summary: "", help: "", positionals: { min: 1, max: 1 },
 *   options: { rank: { type: "string" } }, run: () => null,
 * };
 * assert.deepEqual(parseCommandArgs(cmd, ["a.npy", "--rank", "3"]).values.rank, "3");
 * assert.deepEqual(parseCommandArgs(cmd, ["a.npy", "--rank", "-3"]).values.rank, "-3");
 * assert.throws(() => parseCommandArgs(cmd, ["--bogus"]), /Unknown option/);
 * assert.throws(
 *   () => parseCommandArgs(cmd, ["a.npy", "--rank", "3", "--rank=4"]),
 *   /--rank takes one value and was given twice: 3 and 4/,
 * );
 * ```
 */
export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv, cmd.options),
      options: { ...cmd.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (e) {
    throw new UsageError(`${cmd.name}: ${(e as Error).message}`);
  }
  // a single-valued option given twice with different values would silently keep the last one
  const first = new Map<string, string>();
  const tokens = (parsed as { tokens?: { kind: string; name?: string; value?: string }[] }).tokens;
  for (const t of tokens ?? []) {
    if (t.kind !== "option" || t.name === undefined || t.value === undefined) continue;
    const spec = cmd.options[t.name];
    if (spec === undefined || spec.type !== "string" || spec.multiple) continue;
    const before = first.get(t.name);
    if (before === undefined) first.set(t.name, t.value);
    else if (before !== t.value) {
      throw new UsageError(
        `${cmd.name}: --${t.name} takes one value and was given twice: ${before} and ${t.value}`,
      );
    }
  }
  const positionals = parsed.positionals;
  if (!parsed.values.help) {
    const { min, max } = cmd.positionals;
    if (positionals.length < min || positionals.length > max) {
      const want = min === max
        ? `${min}`
        : max === Infinity
        ? `at least ${min}`
        : `${min} to ${max}`;
      throw new UsageError(
        `${cmd.name}: expected ${want} positional argument(s): got ${positionals.length}`,
      );
    }
  }
  return { values: parsed.values as Record<string, OptionValue>, positionals };
}

/**
 * Read a numeric option, with a default; a malformed number is a {@link UsageError}.
 *
 * @example
 * ```ts
 * import { numberOption } from "./command.ts";
 * import assert from "node:assert/strict";
 * assert.equal(numberOption({ alpha: "0.5" }, "alpha", 1), 0.5);
 * assert.equal(numberOption({}, "alpha", 1), 1);
 * assert.throws(() => numberOption({ alpha: "x" }, "alpha", 1), /--alpha must be a number: got x/);
 * assert.throws(() => numberOption({ alpha: "0x1" }, "alpha", 1), /--alpha must be a number: got 0x1/);
 * ```
 */
export function numberOption(
  values: Record<string, OptionValue>,
  name: string,
  fallback: number,
): number;
export function numberOption(
  values: Record<string, OptionValue>,
  name: string,
  fallback?: number,
): number | undefined;
export function numberOption(
  values: Record<string, OptionValue>,
  name: string,
  fallback?: number,
): number | undefined {
  const v = values[name];
  if (v === undefined) return fallback;
  if (typeof v !== "string" || !DECIMAL.test(v) || !Number.isFinite(Number(v))) {
    throw new UsageError(`--${name} must be a number: got ${String(v)}`);
  }
  return Number(v);
}

/**
 * Read an integer option, with a default.
 *
 * @example
 * ```ts
 * import { integerOption } from "./command.ts";
 * import assert from "node:assert/strict";
 * assert.equal(integerOption({ rank: "3" }, "rank", 1), 3);
 * assert.throws(() => integerOption({ rank: "2.5" }, "rank", 1), /--rank must be an integer/);
 * ```
 */
export function integerOption(
  values: Record<string, OptionValue>,
  name: string,
  fallback: number,
): number;
export function integerOption(
  values: Record<string, OptionValue>,
  name: string,
  fallback?: number,
): number | undefined;
export function integerOption(
  values: Record<string, OptionValue>,
  name: string,
  fallback?: number,
): number | undefined {
  const v = values[name];
  if (v === undefined) return fallback;
  if (typeof v !== "string" || !/^[+-]?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
    throw new UsageError(`--${name} must be an integer: got ${String(v)}`);
  }
  return Number(v);
}

/**
 * Read a seed option (`--seed`, `--mask-seed`, …), with a default: an integer
 * in [−2³¹, 2³² − 1], the range every command and the library's resampling
 * accept. The generators keep 32 bits, so a seed outside it would silently
 * repeat one inside it: it is bad usage (exit 2) instead.
 *
 * @param values Parsed options.
 * @param name Flag name without dashes. @default "seed"
 * @param fallback Seed when the flag is not given. @default 0
 * @returns The seed.
 *
 * @example
 * ```ts
 * import { seedOption } from "./command.ts";
 * import assert from "node:assert/strict";
 * assert.equal(seedOption({}), 0);
 * assert.equal(seedOption({ seed: "4294967295" }), 4294967295);
 * assert.throws(
 *   () => seedOption({ seed: "4294967296" }),
 *   /--seed must be in \[-2147483648, 4294967295\]: got 4294967296/,
 * );
 * ```
 */
export function seedOption(
  values: Record<string, OptionValue>,
  name = "seed",
  fallback = 0,
): number {
  return flagInRange(name, integerOption(values, name, fallback), SEED_MIN, SEED_MAX);
}

/**
 * Check that a flag's value lies in its range; outside it is bad usage (exit 2).
 *
 * @param name Flag name without dashes.
 * @param value The parsed value.
 * @param lo Lower end.
 * @param hi Upper end. @default Infinity
 * @param open Which ends are excluded. @default {}
 * @returns The value.
 *
 * @example
 * ```ts
 * import { flagInRange } from "./command.ts";
 * import assert from "node:assert/strict";
 * assert.equal(flagInRange("dropout", 0.2, 0, 1, { hi: true }), 0.2);
 * assert.throws(() => flagInRange("dropout", 2, 0, 1, { hi: true }), /--dropout must be in \[0, 1\): got 2/);
 * ```
 */
export function flagInRange(
  name: string,
  value: number,
  lo: number,
  hi = Infinity,
  open: { lo?: boolean; hi?: boolean } = {},
): number {
  const ok = (open.lo ? value > lo : value >= lo) && (open.hi ? value < hi : value <= hi);
  if (!ok) {
    const range = hi === Infinity
      ? `${open.lo ? ">" : ">="} ${lo}`
      : `in ${open.lo ? "(" : "["}${lo}, ${hi}${open.hi ? ")" : "]"}`;
    throw new UsageError(`--${name} must be ${range}: got ${value}`);
  }
  return value;
}

function formatBytes(b: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) {
    b /= 1024;
    i++;
  }
  return `${i === 0 ? b : b.toPrecision(3)} ${units[i]}`;
}

/**
 * Refuse a size option whose arrays would not fit in memory, before allocating
 * anything: bad usage (exit 2) naming the flag and the memory it would take.
 *
 * @param flag Flag name without dashes.
 * @param value The value given.
 * @param bytes Memory the value would take.
 * @param limit Memory available. @default the machine's total memory
 *
 * @example
 * ```ts
 * import { checkMemory } from "./command.ts";
 * import assert from "node:assert/strict";
 * checkMemory("sizes", 10, 800);
 * assert.throws(() => checkMemory("sizes", 1e9, 3.2e19, 2 ** 34),
 *   /--sizes 1000000000 would take 27\.8 EiB of memory, more than the 16\.0 GiB available/);
 * ```
 */
export function checkMemory(
  flag: string,
  value: number | string,
  bytes: number,
  limit?: number,
): void {
  let total = limit;
  if (total === undefined) {
    try {
      total = Deno.systemMemoryInfo().total;
    } catch {
      total = 2 ** 40; // no --allow-sys: assume a large machine
    }
  }
  if (bytes > total) {
    throw new UsageError(
      `--${flag} ${value} would take ${formatBytes(bytes)} of memory, more than the ${
        formatBytes(total)
      } available`,
    );
  }
}

/**
 * Read an option restricted to a set of words.
 *
 * @example
 * ```ts
 * import { choiceOption } from "./command.ts";
 * import assert from "node:assert/strict";
 * assert.equal(choiceOption({}, "score", ["angular", "euclidean"], "angular"), "angular");
 * assert.throws(
 *   () => choiceOption({ score: "x" }, "score", ["angular", "euclidean"], "angular"),
 *   /--score must be one of angular, euclidean: got x/,
 * );
 * ```
 */
export function choiceOption<T extends string>(
  values: Record<string, OptionValue>,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const v = values[name];
  if (v === undefined) return fallback;
  if (typeof v !== "string" || !(choices as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${choices.join(", ")}: got ${String(v)}`);
  }
  return v as T;
}

/**
 * Parse a Python-style row slice `a:b` (either end optional, negatives count from the end)
 * against `n` rows into `[start, end)`.
 *
 * @example
 * ```ts
 * import { parseSlice } from "./command.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseSlice("0:80", 100, "train-rows"), [0, 80]);
 * assert.deepEqual(parseSlice("80:", 100, "test-rows"), [80, 100]);
 * assert.deepEqual(parseSlice("-10:", 100, "test-rows"), [90, 100]);
 * ```
 */
export function parseSlice(text: string, n: number, name: string): [number, number] {
  const m = /^\s*(-?\d+)?\s*:\s*(-?\d+)?\s*$/.exec(text);
  if (!m) throw new UsageError(`--${name} must be a slice like 0:80: got ${text}`);
  const norm = (s: string | undefined, d: number) => {
    if (s === undefined) return d;
    const v = Number(s);
    return Math.min(n, Math.max(0, v < 0 ? n + v : v));
  };
  const start = norm(m[1], 0), end = norm(m[2], n);
  if (end <= start) {
    throw new UsageError(`--${name} selects no rows of ${n}: got ${text}`);
  }
  return [start, end];
}
