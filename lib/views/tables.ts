/**
 * `toTable(result)`: the tidy table of any result the package returns — named
 * columns of equal length, one observation per row, matrices in long format
 * (row label, column label, value) — ready for `writeCsv`/`writeArrow`
 * (lib/io) and pandas. Importing this module registers the table function of
 * every result kind (lib/views/<area>/tables.ts) and of the display kit's own
 * kinds (`table`, `figure`).
 *
 * @module
 */

import type { Figure } from "../display/figure.ts";
import type { Table } from "../display/table.ts";
import { tidyTable } from "../io/tidy.ts";
import { type ResultTable, tableOf } from "../result.ts";
import { registerKindTable } from "./kinds.ts";
import { oneRow, recordsTable, type TableCell } from "./table_kit.ts";
import "./activations/tables.ts";
import "./dynamics/tables.ts";
import "./inference/tables.ts";
import "./io/tables.ts";
import "./measures/tables.ts";
import "./metrics/tables.ts";
import "./rsa/tables.ts";
import "./spectral/tables.ts";
import "./tensor/tables.ts";

/** A display table (`table(...)`) becomes its own rows; values that are not numbers become text. */
registerKindTable(
  "table",
  (t: Table) =>
    recordsTable(t.rows.map((row) =>
      Object.fromEntries(t.columns.map((c) => {
        const v = row[c];
        const cell: TableCell = typeof v === "number" || typeof v === "string" ||
            typeof v === "boolean" || v === null || v === undefined
          ? v
          : JSON.stringify(v);
        return [c, cell];
      }))
    )),
);

/** A figure becomes one row: title, size and summary. */
registerKindTable(
  "figure",
  (f: Figure) => oneRow({ title: f.title, width: f.width, height: f.height, summary: f.summary }),
);

/**
 * The tidy table of a result: named columns (numbers as Float64Array, or
 * strings) of equal length, one observation per row. Matrices come in long
 * format (`row`, `column`, value); per-item results one row per item (mode,
 * neuron, model, …); single comparisons one row of their numbers. Pass it to
 * `writeCsv` or `writeArrow`; pandas reads the file back
 * (`df.pivot(index="row", columns="column")` rebuilds a matrix).
 *
 * @param result A result the package returned (it carries a `kind` tag).
 * @returns Column name → values.
 * @throws {TypeError} When `result` has no `kind`, when no table is known for
 * its kind, or when the columns do not have equal lengths.
 *
 * @example A distance matrix as a tidy table, written as CSV
 * ```ts
 * import { toTable } from "./tables.ts";
 * import { pairwiseDistances } from "../multiset/pairwise.ts";
 * import { encodeCsv } from "../io/csv.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0, 1], [1, 1], [2, 0]];
 * const r = await pairwiseDistances([X, X.map(([a, b]) => [b, a])], { labels: ["x", "y"] });
 * const t = toTable(r);
 * assert.deepEqual(t.row, ["x", "x", "y", "y"]);
 * assert.deepEqual(t.column, ["x", "y", "x", "y"]);
 * assert.match(encodeCsv(t), /^row,column,distance\nx,x,0\n/);
 * ```
 */
export function toTable(result: object): ResultTable {
  const t = tableOf(result);
  const kind = (result as { kind: string }).kind;
  tidyTable(t, `Cannot make table of \`${kind}\``); // equal lengths, numbers or strings
  return t;
}
