/**
 * The view of the measure registry: a `measureList` result (from
 * `measureList()`) shown as a table — name, aliases, input, returns, declared
 * properties, options with defaults, reference.
 *
 * @module
 */

import { registerRenderer } from "../result.ts";
import { table, tableHtml, tableText } from "../display/table.ts";
import { bundle } from "../display/bundle.ts";

interface Described {
  name: string;
  aliases: Record<string, Record<string, unknown>>;
  input: string;
  returns: string;
  options: { name: string; default: unknown }[];
  properties: { metric: boolean; symmetric: boolean; invariances: object };
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
 * import { measureRows } from "./measures.ts";
 * import { measureList } from "../measures/all.ts";
 * import assert from "node:assert/strict";
 * const rows = measureRows(measureList().measures);
 * assert.match(String(rows[0]!.properties), /metric, symmetric, invariant to rotation/);
 * ```
 */
export function measureRows(measures: readonly Described[]): Record<string, string>[] {
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

registerRenderer("measureList", (r) => {
  const t = table(measureRows(r.measures as Described[]), {
    title: "Registered measures (properties at the default options)",
  });
  return bundle({ text: tableText(t), html: tableHtml(t) });
});
