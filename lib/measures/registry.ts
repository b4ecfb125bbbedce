/**
 * The measure registry: every comparison measure registered once (standard
 * name, aliases, input kind, options, declared properties, `prepare` and
 * `compare`), looked up by name or alias, with one option validator.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import type {
  Measure,
  MeasureProperties,
  OptionSpec,
  OptionValue,
  ResolvedOptions,
} from "./types.ts";

// Adds this file's result kind to `ResultKinds` (the typed registry, lib/result.ts).
declare module "../result.ts" {
  interface ResultKinds {
    measureList: { measures: MeasureDescription[] };
  }
}

const measures = new Map<string, Measure>();
const aliases = new Map<
  string,
  { measure: string; fixed: Readonly<Record<string, OptionValue>> }
>();

/**
 * Register a measure under its name and aliases (each name once).
 *
 * @param measure The measure.
 * @returns The measure.
 *
 * @example Names are unique
 * ```ts
 * import { getMeasure, registerMeasure } from "./registry.ts";
 * import "./linear.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => registerMeasure(getMeasure("linear").measure), /already registered/);
 * ```
 */
export function registerMeasure<P>(measure: Measure<P>): Measure<P> {
  for (const name of [measure.name, ...Object.keys(measure.aliases)]) {
    if (measures.has(name) || aliases.has(name)) {
      throw new RangeError(`Cannot register measure: \`${name}\` is already registered`);
    }
  }
  measures.set(measure.name, measure as Measure);
  for (const [alias, fixed] of Object.entries(measure.aliases)) {
    aliases.set(alias, { measure: measure.name, fixed });
  }
  return measure;
}

/**
 * Look a measure up by its name or an alias.
 *
 * @param name Standard name or alias.
 * @returns The measure and the option values the alias fixes (empty for a standard name).
 *
 * @example An alias fixes options
 * ```ts
 * import { getMeasure } from "./registry.ts";
 * import "./linear.ts";
 * import assert from "node:assert/strict";
 * const { measure, fixed } = getMeasure("cca");
 * assert.equal(measure.name, "linear");
 * assert.deepEqual(fixed, { alpha: 0 });
 * assert.throws(() => getMeasure("nope"), /`measure` must be one of .*: got nope/);
 * ```
 */
export function getMeasure(
  name: string,
): { measure: Measure; fixed: Readonly<Record<string, OptionValue>> } {
  const m = measures.get(name);
  if (m) return { measure: m, fixed: {} };
  const a = aliases.get(name);
  if (a) return { measure: measures.get(a.measure)!, fixed: a.fixed };
  const known = [...measures.keys(), ...aliases.keys()].sort();
  throw new RangeError(
    `Unknown measure: \`measure\` must be one of ${known.join(", ")}: got ${String(name)}`,
  );
}

/**
 * Every registered measure, in registration order.
 *
 * @returns The measures.
 *
 * @example
 * ```ts
 * import { listMeasures } from "./registry.ts";
 * import "./linear.ts";
 * import assert from "node:assert/strict";
 * assert.ok(listMeasures().some((m) => m.name === "linear"));
 * ```
 */
export function listMeasures(): Measure[] {
  return [...measures.values()];
}

function checkValue(spec: OptionSpec, value: unknown, context: string): OptionValue {
  const name = spec.name;
  if (spec.type === "boolean") {
    if (typeof value !== "boolean") {
      throw new TypeError(`${context}: \`${name}\` must be a boolean: got ${String(value)}`);
    }
    return value;
  }
  if (spec.type === "choice") {
    if (typeof value !== "string" || !spec.choices!.includes(value)) {
      throw new RangeError(
        `${context}: \`${name}\` must be one of ${spec.choices!.join(", ")}: got ${String(value)}`,
      );
    }
    return value;
  }
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`${context}: \`${name}\` must be a number: got ${String(value)}`);
  }
  const lo = spec.min ?? -Infinity, hi = spec.max ?? Infinity;
  const tooLow = spec.exclusiveMin ? !(value > lo) : !(value >= lo);
  if (spec.type === "integer" && !Number.isInteger(value)) {
    throw new RangeError(`${context}: \`${name}\` must be an integer: got ${value}`);
  }
  if (tooLow || value > hi) {
    const range = spec.exclusiveMin ? `(${lo}, ${hi}]` : `[${lo}, ${hi}]`;
    throw new RangeError(`${context}: \`${name}\` must be in ${range}: got ${value}`);
  }
  return value;
}

/**
 * Validate options for a measure and fill in the defaults: an unknown option,
 * or one the measure does not take, is an error naming it; a value of the
 * wrong type is a TypeError, out of range a RangeError. Undefined values count
 * as not given.
 *
 * @param measure The measure (or its name or an alias, whose fixed values apply).
 * @param given Options given by the caller.
 * @param context Error message prefix. @default "Invalid options"
 * @returns The measure and its complete options.
 *
 * @example Defaults, an alias and the errors
 * ```ts
 * import { resolveOptions } from "./registry.ts";
 * import "./linear.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(resolveOptions("procrustes", {}).options, { alpha: 1, score: "angular", center: true, pad: true });
 * assert.throws(() => resolveOptions("linear", { alpha: 2 }), { name: "RangeError", message: "Invalid options: `alpha` must be in [0, 1]: got 2" });
 * assert.throws(() => resolveOptions("linear", { kernel: "rbf" }), /`kernel` is not an option of measure linear/);
 * assert.throws(() => resolveOptions("cca", { alpha: 0.5 }), /`alpha` is fixed to 0 by alias cca/);
 * ```
 */
export function resolveOptions(
  measure: string | Measure,
  given: Readonly<Record<string, unknown>> = {},
  context = "Invalid options",
): { measure: Measure; options: ResolvedOptions } {
  const alias = typeof measure === "string" ? measure : measure.name;
  const { measure: m, fixed } = typeof measure === "string"
    ? getMeasure(measure)
    : { measure, fixed: {} as Record<string, OptionValue> };
  const specs = new Map(m.options.map((s) => [s.name, s]));
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!specs.has(key)) {
      const known = m.options.map((s) => s.name).join(", ") || "none";
      throw new RangeError(
        `${context}: \`${key}\` is not an option of measure ${m.name} (its options: ${known})`,
      );
    }
    if (key in fixed && value !== fixed[key]) {
      throw new RangeError(
        `${context}: \`${key}\` is fixed to ${fixed[key]} by alias ${alias}: got ${String(value)}`,
      );
    }
  }
  const out: Record<string, OptionValue> = {};
  for (const spec of m.options) {
    const value = given[spec.name] ?? fixed[spec.name] ?? spec.default;
    if (value === null || value === undefined) continue;
    out[spec.name] = checkValue(spec, value, context);
  }
  return { measure: m, options: Object.freeze(out) };
}

/** One measure as plain JSON (the `measures` CLI command, notebooks). */
export interface MeasureDescription {
  /** Standard name. */
  name: string;
  /** One line. */
  description: string;
  /** Aliases and the options each fixes. */
  aliases: Record<string, Record<string, OptionValue>>;
  /** Input kind. */
  input: string;
  /** distance, similarity or both. */
  returns: string;
  /** Options (spec without functions). */
  options: OptionSpec[];
  /** Properties at the default options, then per alias. */
  properties: MeasureProperties & { byAlias: Record<string, MeasureProperties> };
  /** Held-out rows supported. */
  heldOut: boolean;
  /** Paper or library. */
  reference: string;
}

/**
 * Describe a measure as plain JSON.
 *
 * @param measure The measure.
 * @returns Its description, with properties at the defaults and per alias.
 *
 * @example
 * ```ts
 * import { describeMeasure, getMeasure } from "./registry.ts";
 * import "./linear.ts";
 * import assert from "node:assert/strict";
 * const d = describeMeasure(getMeasure("linear").measure);
 * assert.equal(d.properties.byAlias.cca!.invariances.invertibleLinear, true);
 * ```
 */
export function describeMeasure(measure: Measure): MeasureDescription {
  const byAlias: Record<string, MeasureProperties> = {};
  for (const alias of Object.keys(measure.aliases)) {
    byAlias[alias] = measure.properties(resolveOptions(alias).options);
  }
  return {
    name: measure.name,
    description: measure.description,
    aliases: Object.fromEntries(
      Object.entries(measure.aliases).map(([k, v]) => [k, { ...v }]),
    ),
    input: measure.input,
    returns: measure.returns,
    options: measure.options.map((s) => ({ ...s })),
    properties: { ...measure.properties(resolveOptions(measure).options), byAlias },
    heldOut: measure.heldOut,
    reference: measure.reference,
  };
}

/**
 * Every registered measure described as plain data, tagged `measureList`
 * (a notebook shows it as a table when `lib/views/measures/mod.ts` is loaded).
 *
 * @returns `{measures}`, one {@link MeasureDescription} per measure.
 *
 * @example
 * ```ts
 * import { measureList } from "./registry.ts";
 * import "./linear.ts";
 * import assert from "node:assert/strict";
 * const list = measureList();
 * assert.equal(list.kind, "measureList");
 * assert.ok(list.measures.some((m) => m.name === "linear"));
 * ```
 */
export function measureList(): Readonly<{ measures: MeasureDescription[] } & { kind: string }> {
  return tagResult("measureList", { measures: listMeasures().map(describeMeasure) });
}
