import assert from "node:assert/strict";
import * as Plot from "../../lib/deps/plot.ts";
import { figure, figureText } from "../../lib/display/figure.ts";
import { plotFigure } from "../../lib/display/layout.ts";
import { plotLines } from "../../lib/display/lines.ts";
import { assertSnapshot, parseSvg, texts } from "./_svg.ts";

const DISPLAY = Symbol.for("Jupyter.display");
// deno-lint-ignore no-explicit-any
const display = (x: unknown): Record<string, string> => (x as any)[DISPLAY]();

Deno.test("figure() displays as image/svg+xml, the same SVG inline in HTML and a text/plain summary", () => {
  const fig = plotLines([3, 2, 1], { title: "Decay θ" });
  const bundle = display(fig);
  assert.deepEqual(Object.keys(bundle).sort(), ["image/svg+xml", "text/html", "text/plain"]);
  assert.equal(bundle["image/svg+xml"], fig.svg);
  const inline = /^<div class="neurocompare-figure"[^>]*>([\s\S]*)<\/div>$/.exec(
    bundle["text/html"]!,
  )!;
  assert.equal(inline[1], fig.svg);
  assert.match(bundle["text/plain"]!, /^Figure: Decay θ \(\d+ × \d+ SVG\)\nLine plot of 1 series/);
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(bundle["text/plain"]!, /\x1b/);
});

Deno.test("figure() is plain frozen data that survives JSON", () => {
  const fig = figure('<svg width="4" height="3"/>', { title: "t", summary: "s" });
  assert.ok(Object.isFrozen(fig));
  assert.deepEqual(JSON.parse(JSON.stringify(fig)), {
    title: "t",
    svg: '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>',
    width: 4,
    height: 3,
    summary: "s",
    kind: "figure",
  });
});

Deno.test("figure() reads the size from the viewBox when width/height are absent", () => {
  const fig = figure('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"><g/></svg>');
  assert.deepEqual([fig.width, fig.height], [120, 80]);
  assert.equal(figureText(fig), "Figure (120 × 80 SVG)");
});

Deno.test("figure() rejects text that is not SVG", () => {
  assert.throws(() => figure("<div></div>"), {
    name: "TypeError",
    message: 'Cannot make figure: `svg` must be SVG text starting with <svg: got "<div></div>"',
  });
  assert.throws(() => figure(42 as unknown as string), {
    name: "TypeError",
    message: "Cannot make figure: `svg` must be SVG text starting with <svg: got number",
  });
});

Deno.test("plotFigure() frames any Plot spec with a white background and a title", () => {
  const fig = plotFigure({ marks: [Plot.barY([3, 1, 2])], width: 240, height: 160 }, {
    title: "Custom <chart>",
  });
  const doc = parseSvg(fig.svg);
  assert.equal(doc.querySelectorAll("svg > rect")[0]!.getAttribute("fill"), "white");
  assert.equal(texts(doc, "svg > text")[0], "Custom <chart>");
  assert.equal(fig.height, 160 + 30);
  assertSnapshot("plot_figure", fig.svg);
});
