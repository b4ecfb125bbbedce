/**
 * The registry's options as CLI flags: every measure declares a flag per
 * option, so `compare` and `pairwise` accept the union of them and check that
 * each given flag belongs to the chosen measure (else bad usage, exit 2).
 *
 * @module
 */

import {
  choiceOption,
  integerOption,
  numberOption,
  type OptionSpec,
  type OptionValue,
  seedOption,
  UsageError,
} from "../command.ts";
import { getMeasure, listMeasures } from "../../measures/all.ts";
import type { Measure, OptionValue as MeasureValue } from "../../measures/types.ts";

/**
 * The flags of every registered measure, in parseArgs form (booleans as
 * switches, everything else as text).
 *
 * @returns The option spec.
 *
 * @example
 * ```ts
 * import { measureFlagSpec } from "./measure_flags.ts";
 * import assert from "node:assert/strict";
 * const spec = measureFlagSpec();
 * assert.deepEqual([spec.alpha, spec["no-center"], spec["n-delays"]], [{ type: "string" }, { type: "boolean" }, { type: "string" }]);
 * ```
 */
export function measureFlagSpec(): OptionSpec {
  const out: OptionSpec = {};
  for (const m of listMeasures()) {
    for (const o of m.options) {
      const type = o.type === "boolean" ? "boolean" : "string";
      if (out[o.flag] && out[o.flag]!.type !== type) {
        throw new TypeError(`Measure flag --${o.flag} is declared both as a switch and a value`);
      }
      out[o.flag] = { type };
    }
  }
  return out;
}

/**
 * The measure chosen with `--measure` (or its alias `--metric`).
 *
 * @param values Parsed options.
 * @param fallback Measure when neither is given.
 * @returns The name as given (an alias keeps its fixed options) and the measure.
 *
 * @example
 * ```ts
 * import { chosenMeasure } from "./measure_flags.ts";
 * import assert from "node:assert/strict";
 * assert.equal(chosenMeasure({ metric: "cca" }, "linear").measure.name, "linear");
 * assert.throws(() => chosenMeasure({ measure: "rsa" }, "linear"), /--measure must be one of/);
 * assert.throws(
 *   () => chosenMeasure({ measure: "linear-cka", kernel: "rbf" }, "linear"),
 *   /--kernel rbf contradicts --measure linear-cka, which fixes kernel to linear/,
 * );
 * assert.equal(chosenMeasure({ measure: "linear-cka", kernel: "linear" }, "cka").name, "linear-cka");
 * ```
 */
export function chosenMeasure(
  values: Record<string, OptionValue>,
  fallback: string,
): { name: string; measure: Measure } {
  const a = values.measure as string | undefined, b = values.metric as string | undefined;
  if (a !== undefined && b !== undefined && a !== b) {
    throw new UsageError(`give one of --measure and --metric (its alias): got ${a} and ${b}`);
  }
  const name = a ?? b ?? fallback;
  let chosen;
  try {
    chosen = getMeasure(name);
  } catch (e) {
    throw new UsageError(
      (e as Error).message.replace(/^Unknown measure: `measure`/, "--measure"),
    );
  }
  // a flag that contradicts what the alias fixes is bad usage, like any other flag conflict
  for (const [key, fixedValue] of Object.entries(chosen.fixed)) {
    const o = chosen.measure.options.find((s) => s.name === key);
    const v = o === undefined ? undefined : values[o.flag];
    if (o === undefined || v === undefined || v === false) continue;
    const given = o.type === "boolean"
      ? !(o.default as boolean)
      : o.type === "number" || o.type === "integer"
      ? Number(v)
      : v;
    if (given !== fixedValue) {
      const shown = o.type === "boolean" ? `--${o.flag}` : `--${o.flag} ${String(v)}`;
      throw new UsageError(
        `${shown} contradicts --measure ${name}, which fixes ${key} to ${
          String(fixedValue)
        } (use --measure ${chosen.measure.name} to choose ${key})`,
      );
    }
  }
  return { name, measure: chosen.measure };
}

/**
 * The measure options given as flags: a flag of another measure is bad usage
 * naming the flag; a malformed number or choice is bad usage; ranges are
 * checked by the registry (bad data).
 *
 * @param measure The chosen measure.
 * @param values Parsed options.
 * @param label How the command names the measure in errors. @default measure.name
 * @returns Options for the registry (only those given).
 *
 * @example
 * ```ts
 * import { flagOptions } from "./measure_flags.ts";
 * import { getMeasure } from "../../measures/all.ts";
 * import assert from "node:assert/strict";
 * const linear = getMeasure("linear").measure;
 * assert.deepEqual(flagOptions(linear, { alpha: "0.5", "no-center": true }), { alpha: 0.5, center: false });
 * assert.throws(() => flagOptions(linear, { kernel: "rbf" }), /--kernel does not apply to measure linear/);
 * ```
 */
export function flagOptions(
  measure: Measure,
  values: Record<string, OptionValue>,
  label = measure.name,
): Record<string, MeasureValue> {
  const own = new Map(measure.options.map((o) => [o.flag, o]));
  const all = measureFlagSpec();
  const out: Record<string, MeasureValue> = {};
  for (const flag of Object.keys(all)) {
    const v = values[flag];
    if (v === undefined || v === false) continue;
    const o = own.get(flag);
    if (!o) {
      const flags = measure.options.map((s) => `--${s.flag}`).join(", ") || "none";
      throw new UsageError(`--${flag} does not apply to measure ${label} (its flags: ${flags})`);
    }
    if (o.type === "boolean") out[o.name] = !(o.default as boolean);
    else if (o.type === "number") out[o.name] = numberOption(values, flag)!;
    else if (o.type === "integer") {
      // seeds: the one range every command accepts (the generators keep 32 bits)
      out[o.name] = flag === "seed" ? seedOption(values) : integerOption(values, flag)!;
    } else out[o.name] = choiceOption(values, flag, o.choices!, o.choices![0]!);
  }
  return out;
}

/**
 * Help lines for a measure's flags.
 *
 * @param measure The measure.
 * @returns One line per option.
 *
 * @example
 * ```ts
 * import { flagHelp } from "./measure_flags.ts";
 * import { getMeasure } from "../../measures/all.ts";
 * import assert from "node:assert/strict";
 * assert.match(flagHelp(getMeasure("linear").measure), /--alpha A/);
 * ```
 */
export function flagHelp(measure: Measure): string {
  return measure.options.map((o) => {
    const arg = o.type === "boolean" ? "" : ` ${o.name[0]!.toUpperCase()}`;
    const def = o.default === null || o.type === "boolean" ? "" : ` (default ${o.default})`;
    return `  --${o.flag}${arg}`.padEnd(28) + o.description + def;
  }).join("\n");
}
