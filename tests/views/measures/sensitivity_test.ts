import assert from "node:assert/strict";
import { measureSensitivity } from "../../../lib/measures/sensitivity.ts";
import "../../../lib/measures/all.ts";
import {
  plotMeasureSensitivity,
  sensitivityRows,
} from "../../../lib/views/measures/sensitivity.ts";
import { randn } from "../../../lib/random.ts";

const study = measureSensitivity(randn(40, 4, 1), {
  measures: ["cka", "mutual-knn", "magnitude-diff", "dsa"],
  noise: [0.3, 3],
});

Deno.test("plotMeasureSensitivity() draws one labelled row per measure with the direction it reports", () => {
  const fig = plotMeasureSensitivity(study);
  for (const label of ["cka (distance)", "mutual-knn (similarity)", "magnitude-diff (distance)"]) {
    assert.match(fig.svg, new RegExp(label.replace(/[()]/g, "\\$&")));
  }
  assert.doesNotMatch(fig.svg, />dsa/);
  assert.match(fig.summary, /^3 measures × 8 perturbations of one \[40 × 4\] network/);
  assert.match(fig.svg, /shuffled stimuli/);
  assert.match(fig.svg, /change towards less alike/);
});

Deno.test("plotMeasureSensitivity() prints changes to two decimals", () => {
  const fig = plotMeasureSensitivity(study);
  const texts = [...fig.svg.matchAll(/<text[^>]*>([0-9.e+-]+)<\/text>/g)].map((m) => m[1]!);
  assert.ok(texts.length >= 24, `${texts.length} numbers`);
  for (const t of texts) assert.ok(!/\.\d{3}/.test(t) && !/e/.test(t), t);
});

Deno.test("sensitivityRows() hold the raw values and the measure's direction", () => {
  const rows = sensitivityRows(study);
  assert.equal(rows.length, 3);
  assert.equal(rows[1]!.reports, "similarity (1 = same)");
  assert.equal(rows[1]!.identical, 1);
  assert.equal(rows[0]!["shuffled stimuli"], study.rows[0]!.values.at(-1));
});

Deno.test("a measureSensitivity result displays as a table with the heatmap and the skipped measures", () => {
  // deno-lint-ignore no-explicit-any
  const bundle = (study as any)[Symbol.for("Jupyter.display")]();
  assert.match(bundle["image/svg+xml"], /^<svg/);
  assert.match(bundle["text/plain"], /skipped +dsa: input kind timeSeries/);
  assert.match(bundle["text/plain"], /mutual-knn +similarity \(1 = same\) +1 /);
});
