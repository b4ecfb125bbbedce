import assert from "node:assert/strict";
import { plotHeatmap } from "../../lib/display/heatmap.ts";
import { plotScatter2d } from "../../lib/display/scatter2d.ts";
import { plotBars } from "../../lib/display/bars.ts";
import { plotComplexPlane } from "../../lib/display/complex_plane.ts";
import { plotLines } from "../../lib/display/lines.ts";
import { plotHistogram } from "../../lib/display/histogram.ts";
import { figureHtml } from "../../lib/display/figure.ts";
import { parseSvg } from "./_svg.ts";

/** The texts of the SVG <title> elements inside the marks of an aria-label. */
function titles(svg: string, mark: string): string[] {
  const doc = parseSvg(svg);
  return Array.from(
    doc.querySelectorAll(`g[aria-label="${mark}"] title`),
    (t) => (t as unknown as { textContent: string }).textContent,
  );
}

Deno.test("plotHeatmap() titles each cell with its row label, column label and value", () => {
  const fig = plotHeatmap([[0, 0.25], [0.5, 1]], {
    rowLabels: ["V1", "IT"],
    colLabels: ["conv1", "fc7"],
    legendLabel: "distance",
  });
  assert.deepEqual(titles(fig.svg, "cell"), [
    "V1 × conv1: distance 0",
    "V1 × fc7: distance 0.25",
    "IT × conv1: distance 0.5",
    "IT × fc7: distance 1",
  ]);
});

Deno.test("plotHeatmap() with se titles each cell value ± se, and rejects an se of another shape", () => {
  const fig = plotHeatmap([[0, 1.23456], [1.23456, 0]], {
    labels: ["a", "b"],
    se: [[0, 0.0456], [0.0456, 0]],
    valueLabel: "d",
  });
  assert.ok(titles(fig.svg, "cell").includes("a × b: d 1.235 ± 0.046"));
  assert.throws(
    () => plotHeatmap([[0, 1], [1, 0]], { se: [[0, 1]] }),
    {
      name: "TypeError",
      message: "Cannot plot heatmap: `se` must have the shape of `matrix` [2, 2]: got [1, 2]",
    },
  );
});

Deno.test("plotHeatmap() drawn as an image carries one title naming the size, and missing cells are titled", () => {
  const big = plotHeatmap(
    Array.from({ length: 60 }, (_, i) => Array.from({ length: 60 }, (_, j) => i + j)),
  );
  assert.match(
    big.svg,
    /<image[^>]*><title>60 × 60 value \(cells drawn as an image\)<\/title><\/image>/,
  );
  const gap = plotHeatmap([[1, NaN]], { missing: true, colLabels: ["a", "b"] });
  assert.deepEqual(titles(gap.svg, "cell"), ["0 × a: value 1", "0 × b: missing"]);
  assert.throws(() => plotHeatmap([[1, NaN]]), /`matrix` must be finite/);
  assert.throws(
    () => plotHeatmap([[1, Infinity]], { missing: true }),
    /finite or NaN \(missing\): got Infinity at index 1/,
  );
});

Deno.test("plotScatter2d() titles each point with its label, group and coordinates", () => {
  const fig = plotScatter2d([[0, 0], [1, 0.5]], {
    labels: ["IT", "V4"],
    groups: ["brain", "brain"],
  });
  assert.deepEqual(titles(fig.svg, "dot"), ["IT: brain, (0, 0)", "V4: brain, (1, 0.5)"]);
});

Deno.test("plotBars() titles each bar (and its interval) with the label, value and CI", () => {
  const fig = plotBars([0.5, 0.25], {
    labels: ["A", "B"],
    lower: [0.4, 0.1],
    upper: [0.6, 0.3],
    valueLabel: "score",
  });
  assert.deepEqual(titles(fig.svg, "bar"), ["A: score 0.5 [0.4, 0.6]", "B: score 0.25 [0.1, 0.3]"]);
  assert.deepEqual(titles(fig.svg, "rule").filter((t) => t.includes("[")).length, 2);
});

Deno.test("the complex plane, line and histogram figures title their points and bins", () => {
  assert.deepEqual(titles(plotComplexPlane([0, 3], [-1, 4]).svg, "dot"), [
    "0 − 1i (|z| 1)",
    "3 + 4i (|z| 5)",
  ]);
  assert.deepEqual(titles(plotLines([{ name: "Eg", x: [1, 2], y: [0.5, 0.25] }]).svg, "dot"), [
    "Eg: 1, 0.5",
    "Eg: 2, 0.25",
  ]);
  assert.deepEqual(titles(plotHistogram([1, 2, 2], { bins: 2 }).svg, "rect"), [
    "1 to 1.5: 1",
    "2 to 2.5: 2",
  ]);
});

Deno.test("figureHtml() keeps the titles: the SVG is inline, not an image", () => {
  const html = figureHtml(plotBars([1], { labels: ["A"] }));
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /<title>A: 1<\/title>/);
});
