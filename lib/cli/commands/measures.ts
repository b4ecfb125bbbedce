/**
 * `measures`: the measure registry as JSON — every comparison measure with
 * its aliases, input kind, what it returns, its options and its declared
 * properties.
 *
 * @module
 */

import type { Command } from "../command.ts";
import { describeMeasure, listMeasures } from "../../measures/all.ts";

/**
 * The `measures` command.
 *
 * @example
 * ```ts
 * import { measuresCommand } from "./measures.ts";
 * import assert from "node:assert/strict";
 * const r = measuresCommand.run({ values: {}, positionals: [] }) as { measures: { name: string }[] };
 * assert.ok(r.measures.some((m) => m.name === "dsa"));
 * ```
 */
export const measuresCommand: Command = {
  name: "measures",
  summary: "list every comparison measure: names, aliases, input, options, declared properties",
  help: `Usage: deno task cli measures

Prints JSON {"measures": [{"name", "aliases", "input", "returns", "options", "properties",
"heldOut", "reference", "description"}]}: "aliases" maps each alias to the options it fixes,
"options" lists each option's type, default, range or choices and CLI flag, "properties" the
declared metric axioms, symmetry and invariances (rotation, permutation, isotropicScale,
translation, invertibleLinear) at the default options, with "byAlias" for each alias. Every
declared property is checked by the test suite on random inputs.

Use a measure with \`compare X Y --measure NAME\` or \`pairwise F… --measure NAME\`.`,
  options: {},
  positionals: { min: 0, max: 0 },
  run() {
    return { measures: listMeasures().map(describeMeasure) };
  },
};
