import assert from "node:assert/strict";
import { measureList } from "../../../lib/measures/all.ts";
import { measurePropertyRows } from "../../../lib/views/measures/table.ts";

const README = new URL("../../../README.md", import.meta.url);

/** Cells of the Markdown table between the measures-table markers (header first, separator dropped). */
function readmeTable(): string[][] {
  const text = Deno.readTextFileSync(README);
  const a = text.indexOf("<!-- measures-table:start -->");
  const b = text.indexOf("<!-- measures-table:end -->");
  assert.ok(a >= 0 && b > a, "README.md has the measures-table markers");
  return text.slice(a, b).split("\n").filter((l) => l.startsWith("|"))
    .map((l) => l.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim().replaceAll("\\|", "|")))
    .filter((cells) => !cells.every((c) => /^:?-+:?$/.test(c)));
}

Deno.test("README.md's measure properties table is the registry's (scripts/measures_table.ts --write)", () => {
  const rows = measurePropertyRows(measureList().measures);
  const expected = [Object.keys(rows[0]!), ...rows.map((r) => Object.values(r))];
  assert.deepEqual(readmeTable(), expected);
});

Deno.test("README.md shows the which-measure figure that notebook 07 checks", () => {
  const text = Deno.readTextFileSync(README);
  assert.match(text, /!\[[^\]]+\]\(docs\/which-measure\.svg\)/);
  const svg = Deno.readTextFileSync(new URL("../../../docs/which-measure.svg", import.meta.url));
  assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg/);
  const nb = Deno.readTextFileSync(
    new URL("../../../notebooks/07-which-measure.ipynb", import.meta.url),
  );
  assert.match(nb, /docs\/which-measure\.svg/);
  assert.match(nb, /plotMeasureSensitivity\(study\)/);
});
