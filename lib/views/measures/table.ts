/**
 * The view of the measure registry: a `measureList` result (from
 * `measureList()`) shown as a table — name, aliases, input, returns, declared
 * properties, options with defaults, reference.
 *
 * @module
 */

import { registerView } from "../kinds.ts";
import { table, tableHtml, tableText } from "../../display/table.ts";
import { bundle } from "../../display/bundle.ts";

/** One measure as `describeMeasure` reports it: the row the registry table shows. */
export interface DescribedMeasure {
  /** Standard name. */
  name: string;
  /** Aliases and the options each fixes. */
  aliases: Record<string, Record<string, unknown>>;
  /** Input kind. */
  input: string;
  /** "distance" or "similarity". */
  returns: string;
  /** Declared options with their defaults. */
  options: { name: string; default: unknown }[];
  /** Declared properties (at default options). */
  properties: { metric: boolean; symmetric: boolean; invariances: object };
  /** Where the definition comes from. */
  reference: string;
}

/**
 * One table row per measure.
 *
 * @param measures Measure descriptions (`measureList().measures`).
 * @returns Rows with text cells.
 *
 * @example
 * ```ts
 * import { measureRows } from "./table.ts";
 * import { measureList } from "../../measures/all.ts";
 * import assert from "node:assert/strict";
 * const rows = measureRows(measureList().measures);
 * assert.match(String(rows[0]!.properties), /metric, symmetric, invariant to rotation/);
 * ```
 */
export function measureRows(measures: readonly DescribedMeasure[]): Record<string, string>[] {
  return measures.map((m) => {
    const inv = Object.entries(m.properties.invariances).filter(([, v]) => v).map(([k]) => k);
    const props = [
      ...(m.properties.metric ? ["metric"] : []),
      ...(m.properties.symmetric ? ["symmetric"] : []),
      ...(inv.length ? [`invariant to ${inv.join(", ")}`] : []),
    ];
    return {
      name: m.name,
      aliases: Object.keys(m.aliases).join(", "),
      input: m.input,
      returns: m.returns,
      properties: props.join(", "),
      options: m.options.map((o) => `${o.name}=${o.default ?? "auto"}`).join(", "),
      reference: m.reference,
    };
  });
}

registerView("measureList", (r) => {
  const t = table(measureRows(r.measures as DescribedMeasure[]), {
    title: "Registered measures (properties at the default options)",
  });
  return bundle({ text: tableText(t), html: tableHtml(t) });
});
