/** Text stays inside the figure: titles, histogram marker labels, bar labels. */
import assert from "node:assert/strict";
import { plotBars } from "../../lib/display/bars.ts";
import { createDocument, el } from "../../lib/display/dom.ts";
import { textWidth } from "../../lib/display/format.ts";
import { plotHistogram } from "../../lib/display/histogram.ts";
import { composeFigure, TITLE_HEIGHT } from "../../lib/display/layout.ts";
import { plotHeatmap } from "../../lib/display/heatmap.ts";
import { parseSvg } from "./_svg.ts";

/** The figure title's `<text>` lines (14 px). */
const titleLines = (svg: string) =>
  Array.from(
    parseSvg(svg).querySelectorAll('svg > text[font-size="14"]'),
    (t) => ({ text: t.textContent ?? "", y: Number(t.getAttribute("y")) }),
  );
/** Estimated right end of a 14 px bold title line drawn from x = 10 (20% over the estimate). */
const titleEnd = (line: string) => 10 + textWidth(line, 14) * 1.2;

Deno.test("composeFigure() keeps a title that fits on one line and the figure's width", () => {
  const doc = createDocument();
  const fig = composeFigure(doc, {
    title: "Box",
    width: 200,
    height: 50,
    summary: "",
    items: [{ node: el(doc, "rect", { width: 10, height: 10 }), x: 0, y: 0 }],
  });
  assert.deepEqual(titleLines(fig.svg), [{ text: "Box", y: 20 }]);
  assert.equal(fig.width, 200);
  assert.equal(fig.height, 50 + TITLE_HEIGHT);
});

Deno.test("composeFigure() widens a narrow figure to a title that fits in 640 px", () => {
  const title = "Training distances (linear metric, α = 1, angular)";
  const fig = plotHeatmap([[0, 1.3], [1.3, 0]], { title, labels: ["x", "y"] });
  assert.deepEqual(titleLines(fig.svg), [{ text: title, y: 20 }]);
  assert.ok(titleEnd(title) <= fig.width && fig.width <= 640, `width ${fig.width}`);
  // the chart keeps its size and place; the colour bar stays beside it
  const chart = parseSvg(fig.svg).querySelectorAll("svg > svg")[0]!;
  assert.equal(chart.getAttribute("y"), String(TITLE_HEIGHT));
});

Deno.test("composeFigure() wraps a title wider than 640 px onto two lines inside the figure", () => {
  const title =
    "Training distances between every pair of the forty networks (linear metric, α = 1, angular)";
  const fig = plotHeatmap([[0, 1.3], [1.3, 0]], { title, labels: ["x", "y"] });
  const lines = titleLines(fig.svg);
  assert.equal(lines.length, 2);
  assert.equal(lines.map((l) => l.text).join(" "), title);
  assert.ok(lines[1]!.y > lines[0]!.y);
  for (const l of lines) assert.ok(titleEnd(l.text) <= fig.width, `${l.text}: ${fig.width}`);
  // the content moves down below the two lines
  const chart = parseSvg(fig.svg).querySelectorAll("svg > svg")[0]!;
  assert.ok(Number(chart.getAttribute("y")) > TITLE_HEIGHT);
});

Deno.test("composeFigure() widens the figure for a title without spaces", () => {
  const doc = createDocument();
  const title = "x".repeat(60);
  const fig = composeFigure(doc, { title, width: 100, height: 50, summary: "", items: [] });
  assert.deepEqual(titleLines(fig.svg).map((l) => l.text), [title]);
  assert.ok(fig.width >= titleEnd(title));
});

/** Anchor and centre x of each histogram marker label. */
function markerLabels(svg: string) {
  const doc = parseSvg(svg);
  return Array.from(doc.querySelectorAll('g[aria-label="text"]')).flatMap((g) =>
    Array.from(g.querySelectorAll("text"), (t) => ({
      text: t.textContent ?? "",
      anchor: g.getAttribute("text-anchor") ?? "middle",
      x: Number(/translate\(([-\d.]+),/.exec(t.getAttribute("transform") ?? "")![1]),
    }))
  );
}

Deno.test("plotHistogram() ends a marker label at the line on the right edge and starts it on the left edge", () => {
  const values = Array.from({ length: 50 }, (_, k) => 22 + (k % 7));
  const fig = plotHistogram(values, {
    markers: [
      { x: 35.67, label: "observed" },
      { x: 25, label: "mid" },
      { x: 22, label: "low end" },
    ],
  });
  const byText = new Map(markerLabels(fig.svg).map((l) => [l.text, l]));
  const right = byText.get("observed 35.67")!, mid = byText.get("mid 25")!;
  const left = byText.get("low end 22")!;
  assert.equal(right.anchor, "end");
  assert.ok(right.x <= fig.width);
  assert.equal(mid.anchor, "middle");
  assert.equal(left.anchor, "start");
  // the labels end inside the figure
  assert.ok(right.x - textWidth("observed 35.67") >= 0);
  assert.ok(left.x + textWidth("low end 22") <= fig.width);
});

Deno.test("plotBars() keeps the reference label and long bar labels inside the figure", () => {
  const labels = ["<i>good</i> model", "bad & ugly"];
  const horizontal = plotBars([0.54, 0.37], {
    labels,
    orientation: "horizontal",
    reference: { value: 1, label: "noise ceiling" },
  });
  const doc = parseSvg(horizontal.svg);
  const ref = doc.querySelectorAll('g[aria-label="text"]')[0]!;
  assert.equal(ref.textContent, "noise ceiling");
  assert.equal(ref.getAttribute("text-anchor"), "end");
  // tick labels end 9 px left of the axis: the widest (with 15% slack for the font) fits
  const ticks = doc.querySelectorAll('g[aria-label="y-axis tick label"] text');
  const axis = Number(/translate\(([\d.]+),/.exec(ticks[0]!.getAttribute("transform")!)![1]);
  assert.ok(axis - 9 - 1.15 * textWidth(labels[0]!) >= 0, `axis at ${axis}`);
  const vertical = parseSvg(
    plotBars([0.54, 0.37], { reference: { value: 0.8, label: "noise ceiling" } }).svg,
  );
  assert.equal(
    vertical.querySelectorAll('g[aria-label="text"]')[0]!.getAttribute("text-anchor"),
    "end",
  );
});
