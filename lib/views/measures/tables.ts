/**
 * The tidy table of the measure list (`measureList`; importing this file
 * registers it): one row per registered measure.
 *
 * @example
 * ```ts
 * import "./tables.ts";
 * import "../../measures/all.ts";
 * import { tableOf } from "../../result.ts";
 * import { measureList } from "../../measures/registry.ts";
 * import assert from "node:assert/strict";
 * const t = tableOf(measureList());
 * assert.ok((t.name as string[]).includes("linear"));
 * ```
 *
 * @module
 */

import type { MeasureDescription } from "../../measures/registry.ts";
import type { MeasureSensitivity } from "../../measures/sensitivity.ts";
import { registerKindTable } from "../kinds.ts";
import { recordsTable } from "../table_kit.ts";

registerKindTable(
  "measureList",
  (r: { measures: MeasureDescription[] }) =>
    recordsTable(r.measures.map((m) => ({
      name: m.name,
      input: m.input,
      returns: m.returns,
      metric: m.properties.metric,
      symmetric: m.properties.symmetric,
      heldOut: m.heldOut,
      aliases: Object.keys(m.aliases).join(" "),
      options: m.options.map((o) => o.name).join(" "),
      description: m.description,
      reference: m.reference,
    }))),
);

/** Long format: one row per (measure, perturbation) with the raw value and the normalised change. */
registerKindTable("measureSensitivity", (r: MeasureSensitivity) =>
  recordsTable(
    r.rows.flatMap((row) =>
      r.perturbations.map((p, k) => ({
        measure: row.measure,
        returns: row.returns,
        perturbation: p,
        value: row.values[k]!,
        identical: row.identical,
        change: row.change[k]!,
      }))
    ),
  ));
