import assert from "node:assert/strict";
import { plotScatter2d } from "../../lib/display/scatter2d.ts";
import { textWidth } from "../../lib/display/format.ts";
import { assertSnapshot, count, parseSvg, texts } from "./_svg.ts";

const ring = Array.from(
  { length: 12 },
  (_, k) => [Math.cos(k / 2), Math.sin(k / 2) * (1 + (k % 3))],
);

Deno.test("plotScatter2d() draws one dot per point, coloured by group, with a legend", () => {
  const groups = ring.map((_, k) => ["V1", "IT", "model"][k % 3]!);
  const fig = plotScatter2d(ring, { groups, legendTitle: "area" });
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 12);
  // one mark per group, each with its own fill
  const fills = Array.from(
    doc.querySelectorAll('g[aria-label="dot"]'),
    (g) => g.getAttribute("fill"),
  );
  assert.deepEqual(fills, ["#4269d0", "#efb118", "#ff725c"]);
  assert.deepEqual(
    Array.from(
      doc.querySelectorAll('g[aria-label="dot"]'),
      (g) => g.querySelectorAll("circle").length,
    ),
    [4, 4, 4],
  );
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text'), ["area", "V1", "IT", "model"]);
  assert.match(fig.summary, /12 points in 3 groups \(V1: 4, IT: 4, model: 4\)/);
});

Deno.test("plotScatter2d() labels points without overlapping labels", () => {
  const fig = plotScatter2d(ring, { labels: ring.map((_, k) => `p${k}`) });
  const doc = parseSvg(fig.svg);
  const labels = Array.from(doc.querySelectorAll('g[aria-label="point labels"] text'));
  assert.ok(labels.length >= 10, `${labels.length} labels shown`);
  assert.match(fig.summary, new RegExp(`${labels.length} of 12 labels shown`));
  // nine identical points: only the eight places around the point take a label
  const same = plotScatter2d([...Array.from({ length: 9 }, () => [0, 0]), [1, 1]], {
    labels: [..."abcdefghij"],
  });
  assert.match(same.summary, /9 of 10 labels shown/);
  assert.deepEqual(texts(parseSvg(same.svg), 'g[aria-label="point labels"] text'), [
    ..."abcdefghj",
  ]);
});

Deno.test("plotScatter2d() equalAspect gives both axes the same units per pixel", () => {
  const fig = plotScatter2d([[0, 0], [10, 1]], { equalAspect: true, width: 400, height: 300 });
  const doc = parseSvg(fig.svg);
  // two data points 10 apart in x and 1 in y: pixel offsets keep the 10 : 1 ratio
  const cs = Array.from(
    doc.querySelectorAll('g[aria-label="dot"] circle'),
    (c) => [Number(c.getAttribute("cx")), Number(c.getAttribute("cy"))],
  );
  const ratio = Math.abs(cs[1]![0]! - cs[0]![0]!) / Math.abs(cs[1]![1]! - cs[0]![1]!);
  assert.ok(Math.abs(ratio - 10) < 0.05, `ratio ${ratio}`);
});

Deno.test("plotScatter2d() rejects bad input", () => {
  assert.throws(() => plotScatter2d([[0, 0, 0]]), {
    name: "TypeError",
    message: "Cannot plot 2-D scatter: `points` must have 2 columns: got shape [1, 3]",
  });
  assert.throws(() => plotScatter2d([[0, NaN]]), {
    name: "RangeError",
    message: "Cannot plot 2-D scatter: `points` must be finite: got NaN at [0, 1]",
  });
  assert.throws(() => plotScatter2d([[0, 0], [1, 1]], { groups: ["a"] }), {
    name: "TypeError",
    message: "Cannot plot 2-D scatter: `groups` must have 2 entries: got 1",
  });
});

Deno.test("plotScatter2d() matches its SVG snapshot", () => {
  const fig = plotScatter2d(ring, {
    title: "Embedding",
    labels: ring.map((_, k) => `p${k}`),
    groups: ring.map((_, k) => `g${k % 2}`),
  });
  assertSnapshot("scatter2d", fig.svg);
});

Deno.test("plotScatter2d() keeps point labels inside the plot frame, off the axis tick labels", () => {
  let seed = 13;
  const u = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const n = 60;
  const points = Array.from({ length: n }, () => [u(), u()]);
  const labels = Array.from({ length: n }, (_, i) => `resnet50_seed${i}_layer4`);
  const fig = plotScatter2d(points, { labels, width: 480, height: 400 });
  const doc = parseSvg(fig.svg);
  const placed = Array.from(doc.querySelectorAll('g[aria-label="point labels"] text'));
  assert.ok(placed.length > 5, `${placed.length} labels shown`);
  for (const t of placed) {
    const x = Number(t.getAttribute("x")), y = Number(t.getAttribute("y"));
    const w = textWidth(t.textContent ?? "");
    const anchor = t.getAttribute("text-anchor");
    const left = anchor === "start" ? x : anchor === "end" ? x - w : x - w / 2;
    // the frame: 50 px left margin, 20 right, 20 top, 40 bottom
    assert.ok(left >= 50 && left + w <= 460, `${t.textContent} spans ${left}–${left + w}`);
    assert.ok(y - 5.5 >= 20 && y + 5.5 <= 360, `${t.textContent} at y ${y}`);
  }
});
