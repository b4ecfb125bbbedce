import assert from "node:assert/strict";
import "../../../lib/views/io/mod.ts";
import { readCsv } from "../../../lib/io/csv.ts";
import { makeDataset } from "../../../lib/io/dataset.ts";
import type { MimeBundle } from "../../../lib/result.ts";
import { count, parseSvg, texts } from "../../display/_svg.ts";

const show = (r: unknown): MimeBundle =>
  (r as { [k: symbol]: () => MimeBundle })[Symbol.for("Jupyter.display")]!();

Deno.test("a data set read from CSV displays its shape, dtype and source and a labelled heatmap", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = `${dir}/rates.csv`;
    Deno.writeTextFileSync(path, "stimulus,u1,u2,u3\ncat,1.5,2,3\ndog,4,5,6\n");
    const bundle = show(readCsv(path, { labels: "stimulus" }));
    const text = bundle["text/plain"]!;
    assert.match(text, /^Data set .*rates\.csv \[2 × 3\]/);
    assert.match(text, /shape\s+2 × 3 \(rows × columns\)/);
    assert.match(text, /dtype\s+<f8/);
    assert.match(text, /row labels\s+cat, dog/);
    assert.match(text, /column labels\s+u1, u2, u3/);
    const svg = parseSvg(bundle["image/svg+xml"]!);
    const labels = texts(svg, "text");
    for (const l of ["cat", "dog", "u1", "u2", "u3"]) assert.ok(labels.includes(l), l);
    assert.match(bundle["text/html"]!, /<table|<dl|rates\.csv/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a data set with missing values displays the count and a heatmap with the missing cells grey and titled", () => {
  const matrix = { rows: 2, cols: 2, data: new Float64Array([1, NaN, NaN, 4]) };
  const d = makeDataset({ matrix, columnLabels: ["a", "b"], dtype: "<f8", source: "x.npy" }, {
    maskNaN: true,
  });
  const bundle = show(d);
  assert.match(bundle["text/plain"]!, /missing values\s+2/);
  assert.match(bundle["text/plain"]!, /values 1 to 4; 2 missing \(grey\)/);
  const svg = bundle["image/svg+xml"]!;
  assert.equal((svg.match(/fill="#d9d9d9"/g) ?? []).length, 2);
  assert.match(svg, /<title>0 × b: missing<\/title>/);
  assert.match(svg, /<title>1 × b: value 4<\/title>/);
});

Deno.test("a data set with an infinite value displays its summary without a heatmap", () => {
  const matrix = { rows: 1, cols: 2, data: new Float64Array([1, Infinity]) };
  const bundle = show(makeDataset({ matrix, dtype: "<f8", source: "x.npy" }));
  assert.match(bundle["text/plain"]!, /no heatmap: the matrix has infinite values/);
  assert.equal(bundle["image/svg+xml"], undefined);
});

Deno.test("a data set without labels draws one heatmap cell per entry", () => {
  const matrix = { rows: 3, cols: 4, data: Float64Array.from({ length: 12 }, (_, k) => k) };
  const bundle = show(makeDataset({ matrix, dtype: "<i4", source: "y.npy" }));
  assert.match(bundle["text/plain"]!, /row labels\s+none/);
  const svg = parseSvg(bundle["image/svg+xml"]!);
  assert.ok(count(svg, "rect") >= 12);
});
