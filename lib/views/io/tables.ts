/**
 * The tidy table of a data set read by lib/io (`dataset`; importing this file
 * registers it): the matrix in long format, one row per entry with its row
 * and column labels (indices where the file has none), missing values as NaN.
 * (`writeCsv(path, dataset)` writes the matrix wide, as it was read.)
 *
 * @example
 * ```ts
 * import "./tables.ts";
 * import { tableOf } from "../../result.ts";
 * import { parseCsv } from "../../io/csv.ts";
 * import assert from "node:assert/strict";
 * const d = parseCsv("id,a,b\nx,1,2\ny,3,4\n", { labels: "id" });
 * const t = tableOf(d);
 * assert.deepEqual(t.row, ["x", "x", "y", "y"]);
 * assert.deepEqual(t.column, ["a", "b", "a", "b"]);
 * assert.deepEqual(t.value, Float64Array.of(1, 2, 3, 4));
 * ```
 *
 * @module
 */

import type { Dataset } from "../../io/dataset.ts";
import { registerKindTable } from "../kinds.ts";
import { longTable } from "../table_kit.ts";

registerKindTable("dataset", (d: Dataset) => {
  const t = longTable(d.matrix, {
    ...(d.rowLabels ? { rowLabels: d.rowLabels } : {}),
    ...(d.columnLabels ? { columnLabels: d.columnLabels } : {}),
  });
  if (d.mask) {
    const v = t.value as Float64Array;
    d.mask.forEach((m, k) => {
      if (m) v[k] = NaN;
    });
  }
  return t;
});
