/**
 * Builders of declarative option specs shared by measure registrations.
 *
 * @module
 */

import type { OptionSpec } from "./types.ts";

/**
 * An integer option with a lower bound and its CLI flag.
 *
 * @param name Option name (camelCase).
 * @param flag CLI flag (kebab-case, without dashes).
 * @param def Default, or null for none.
 * @param min Smallest value allowed.
 * @param description One-line description.
 * @returns The option spec.
 *
 * @example
 * ```ts
 * import { integerOption } from "./option_specs.ts";
 * import assert from "node:assert/strict";
 * const o = integerOption("nDelays", "n-delays", 1, 1, "number of delays");
 * assert.deepEqual([o.type, o.default, o.min, o.flag], ["integer", 1, 1, "n-delays"]);
 * ```
 */
export function integerOption(
  name: string,
  flag: string,
  def: number | null,
  min: number,
  description: string,
): OptionSpec {
  return { name, type: "integer", default: def, min, description, flag };
}
