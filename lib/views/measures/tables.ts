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
