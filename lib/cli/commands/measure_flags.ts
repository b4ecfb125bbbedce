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
 * const cka = getMeasure("cka").measure;
 * assert.throws(() => flagOptions(cka, { threshold: "0.5" }), /--threshold 0\.5 has no effect with measure cka/);
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
      // DSA's L-BFGS --memory is not the memory budget of the large-data path
      const hint = flag === "memory" ? "; did you mean --memory-budget?" : "";
      throw new UsageError(
        `--${flag} does not apply to measure ${label} (its flags: ${flags})${hint}`,
      );
    }
    if (o.type === "boolean") out[o.name] = !(o.default as boolean);
    else if (o.type === "number") out[o.name] = numberOption(values, flag)!;
    else if (o.type === "integer") {
      // seeds: the one range every command accepts (the generators keep 32 bits)
      out[o.name] = flag === "seed" ? seedOption(values) : integerOption(values, flag)!;
    } else out[o.name] = choiceOption(values, flag, o.choices!, o.choices![0]!);
  }
  checkFlagsApply(measure, values, out, label);
  return out;
}

/**
 * DSA's flags that tune the search over similarity transforms (none for the
 * Wasserstein score). Not `--seed`, which scripts pass to every command that
 * draws anything (and the resampling uses).
 */
export const DSA_SEARCH_FLAGS: readonly string[] = [
  "max-starts",
  "min-random-starts",
  "screen",
  "screen-iterations",
  "max-total-iterations",
  "agree",
  "agree-tolerance",
  "max-iterations",
  "memory",
  "gate-iterations",
  "gate-margin",
  "explore-value-rel",
  "grad-rel",
  "grad-abs",
  "value-rel",
];

/** What DSA's search flags act on (the Wasserstein score has no search). */
export const DSA_SEARCH_ONLY =
  "the angular and euclidean scores, which search over similarity transforms";

/**
 * Flags that belong to a measure but act only for some of its other options:
 * given where they do nothing, they are bad usage rather than silently ignored.
 */
const CONDITIONAL_FLAGS: Record<
  string,
  { flags: readonly string[]; applies: (o: Record<string, unknown>) => boolean; only: string }[]
> = {
  cka: [
    {
      flags: ["threshold"],
      applies: (o) => o.kernel === "rbf",
      only: "the RBF kernel (--kernel rbf, or --measure rbf-cka)",
    },
    {
      flags: ["no-center"],
      applies: (o) => o.kernel === "linear" && o.debiased !== true,
      only: "linear, biased CKA (RBF and debiased CKA do not depend on centring)",
    },
  ],
  dsa: [{
    flags: DSA_SEARCH_FLAGS,
    applies: (o) => o.score !== "wasserstein",
    only: DSA_SEARCH_ONLY,
  }],
};

/**
 * Refuse a measure's flag given where, for the other options chosen, it has no
 * effect (e.g. `--threshold` with linear CKA, `--max-starts` with the Wasserstein
 * score). `--seed` is left out: every command that draws anything takes it, and
 * scripts pass it whatever the score.
 *
 * @param measure The chosen measure.
 * @param values Parsed options.
 * @param given The options given as flags.
 * @param label The measure as the user named it (an alias fixes some options).
 */
function checkFlagsApply(
  measure: Measure,
  values: Record<string, OptionValue>,
  given: Record<string, MeasureValue>,
  label: string,
): void {
  const rules = CONDITIONAL_FLAGS[measure.name];
  if (rules === undefined) return;
  let fixed: Readonly<Record<string, unknown>> = {};
  try {
    fixed = getMeasure(label).fixed;
  } catch { /* a label that is not a measure name: no alias */ }
  const effective: Record<string, unknown> = {};
  for (const o of measure.options) effective[o.name] = o.default;
  Object.assign(effective, fixed, given);
  for (const rule of rules) {
    if (rule.applies(effective)) continue;
    for (const flag of rule.flags) {
      const v = values[flag];
      if (v === undefined || v === false) continue;
      const spec = measure.options.find((o) => o.flag === flag);
      if (spec === undefined) continue;
      const shown = typeof v === "string" ? `--${flag} ${v}` : `--${flag}`;
      throw new UsageError(
        `${shown} has no effect with measure ${label}${
          describe(measure, effective, fixed)
        }: it applies only to ${rule.only}`,
      );
    }
  }
}

/** The options that make a conditional flag idle, as the user would read them. */
function describe(
  measure: Measure,
  effective: Record<string, unknown>,
  fixed: Readonly<Record<string, unknown>>,
): string {
  const parts: string[] = [];
  if (measure.name === "cka") {
    if (!("kernel" in fixed)) parts.push(`kernel ${effective.kernel}`);
    if (effective.debiased === true && !("debiased" in fixed)) parts.push("debiased");
  }
  if (measure.name === "dsa" && !("score" in fixed)) parts.push(`score ${effective.score}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
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
