/**
 * The README's measure properties table, generated from the registry.
 *
 * Usage:
 *   .tools/deno run -A scripts/measures_table.ts           print the Markdown table
 *   .tools/deno run -A scripts/measures_table.ts --write   replace the table in README.md
 *                                                          (between the measures-table markers),
 *                                                          then run `.tools/deno fmt README.md`
 *
 * `tests/views/measures_readme_test.ts` checks that README.md holds this table.
 *
 * @module
 */

import { measureList } from "../lib/measures/all.ts";
import { markdownTable, measurePropertyRows } from "../lib/views/measures/table.ts";

const START = "<!-- measures-table:start -->", END = "<!-- measures-table:end -->";
const table = markdownTable(measurePropertyRows(measureList().measures));

if (Deno.args.includes("--write")) {
  const path = new URL("../README.md", import.meta.url);
  const text = Deno.readTextFileSync(path);
  const a = text.indexOf(START), b = text.indexOf(END);
  if (a < 0 || b < a) {
    console.error(`README.md has no ${START} … ${END} block`);
    Deno.exit(1);
  }
  Deno.writeTextFileSync(
    path,
    `${text.slice(0, a + START.length)}\n\n${table}\n\n${text.slice(b)}`,
  );
  console.log("README.md: measures table written (run .tools/deno fmt README.md)");
} else {
  console.log(table);
}
