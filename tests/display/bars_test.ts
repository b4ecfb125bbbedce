import assert from "node:assert/strict";
import { plotBars } from "../../lib/display/bars.ts";
import { assertSnapshot, count, parseSvg, texts } from "./_svg.ts";

Deno.test("plotBars() draws one bar per value with its label", () => {
  const doc = parseSvg(plotBars([0.9, 0.5, -0.2], { labels: ["a", "b", "c"] }).svg);
  assert.equal(count(doc, 'g[aria-label="bar"] rect'), 3);
  assert.deepEqual(texts(doc, 'g[aria-label="x-axis tick label"] text'), ["a", "b", "c"]);
});

Deno.test("plotBars() bar heights are proportional to the values", () => {
  const doc = parseSvg(plotBars([1, 2, 4]).svg);
  const h = Array.from(
    doc.querySelectorAll('g[aria-label="bar"] rect'),
    (r) => Number(r.getAttribute("height")),
  );
  assert.ok(Math.abs(h[1]! / h[0]! - 2) < 0.02 && Math.abs(h[2]! / h[0]! - 4) < 0.02, h.join(","));
});

Deno.test("plotBars() draws error bars and switches to horizontal for long labels", () => {
  const labels = ["inferior temporal cortex", "primary visual cortex"];
  const fig = plotBars([0.6, 0.4], { labels, lower: [0.5, 0.3], upper: [0.7, 0.45] });
  const doc = parseSvg(fig.svg);
  assert.deepEqual(texts(doc, 'g[aria-label="y-axis tick label"] text'), labels);
  assert.equal(count(doc, 'g[aria-label="tick"] line'), 4);
  assert.match(fig.summary, /inferior temporal cortex 0.6 \[0.5, 0.7\]/);
});

Deno.test("plotBars() colours by group with a legend", () => {
  const doc = parseSvg(plotBars([1, 2, 3], { groups: ["x", "y", "x"] }).svg);
  const fills = Array.from(
    doc.querySelectorAll('g[aria-label="bar"] rect'),
    (r) => r.getAttribute("fill"),
  );
  assert.equal(fills[0], fills[2]);
  assert.notEqual(fills[0], fills[1]);
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text'), ["x", "y"]);
});

Deno.test("plotBars() rejects bad input", () => {
  assert.throws(() => plotBars([]), {
    name: "RangeError",
    message: "Cannot plot bars: `values` must not be empty: got []",
  });
  assert.throws(() => plotBars([1, Infinity]), {
    name: "RangeError",
    message: "Cannot plot bars: `values` must be finite: got Infinity at index 1",
  });
  assert.throws(() => plotBars([1, 2], { lower: [0, 1] }), {
    name: "TypeError",
    message: "Cannot plot bars: error bars need both `lower` and `upper`: got only one",
  });
  assert.throws(() => plotBars([1, 2], { lower: [0], upper: [2] }), {
    name: "TypeError",
    message: "Cannot plot bars: `lower` must have 2 entries like `values`: got 1",
  });
  assert.throws(() => plotBars([1], { orientation: "diagonal" as "auto" }), {
    name: "RangeError",
    message:
      'Cannot plot bars: `orientation` must be "auto", "vertical" or "horizontal": got "diagonal"',
  });
});

Deno.test("plotBars() matches its SVG snapshot", () => {
  const fig = plotBars([0.82, 0.64, 0.41, -0.05], {
    title: "Alignment by layer",
    labels: ["conv1", "conv2", "conv3", "fc"],
    lower: [0.75, 0.6, 0.35, -0.12],
    upper: [0.88, 0.7, 0.47, 0.02],
    valueLabel: "score",
  });
  assertSnapshot("bars", fig.svg);
});
