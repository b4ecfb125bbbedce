import assert from "node:assert/strict";
import { registerRenderer, tagResult } from "../../lib/result.ts";
import { bundle, renderResult, scalarFields } from "../../lib/display/bundle.ts";
import { plotBars } from "../../lib/display/bars.ts";
import { figureHtml } from "../../lib/display/figure.ts";
import { parseSvg } from "./_svg.ts";

const DISPLAY = Symbol.for("Jupyter.display");
// deno-lint-ignore no-explicit-any
const display = (x: unknown): Record<string, string> => (x as any)[DISPLAY]();

Deno.test("renderResult() gives text/plain, text/html and the figure's image/svg+xml", () => {
  const fig = plotBars([0.8, 0.6], { labels: ["V4", "IT"] });
  const b = renderResult({
    title: "Alignment <test>",
    note: "higher is more similar",
    fields: { "mean score": 0.7, areas: ["V4", "IT"] },
    table: [{ area: "V4", score: 0.8 }, { area: "IT", score: 0.6 }],
    figure: fig,
  });
  assert.deepEqual(Object.keys(b).sort(), ["image/svg+xml", "text/html", "text/plain"]);
  assert.equal(b["image/svg+xml"], fig.svg);
  assert.equal(
    b["text/plain"],
    [
      "Alignment <test>",
      "higher is more similar",
      "  mean score  0.7",
      "  areas       [V4, IT]",
      "",
      "area  score",
      "----  -----",
      "V4      0.8",
      "IT      0.6",
      `[${fig.summary}]`,
    ].join("\n"),
  );
  assert.match(b["text/html"]!, /Alignment &lt;test&gt;/);
  assert.ok(b["text/html"]!.includes(figureHtml(fig)));
});

Deno.test("an area renderer built on renderResult() drives a tagged result's display", () => {
  registerRenderer("bundleTestMetric", (r) =>
    renderResult({
      title: `Test metric (alpha = ${r.alpha})`,
      fields: scalarFields(r),
      figure: plotBars(r.perLayer as number[]),
    }));
  const r = tagResult("bundleTestMetric", { alpha: 1, distance: 0.25, perLayer: [0.1, 0.3] });
  const b = display(r);
  assert.match(
    b["text/plain"]!,
    /^Test metric \(alpha = 1\)\n {2}alpha {5}1\n {2}distance {2}0.25\n/,
  );
  assert.equal(parseSvg(b["image/svg+xml"]!).documentElement.localName, "svg");
});

Deno.test("bundle() strips ANSI escapes from text and accepts a figure for svg", () => {
  const fig = plotBars([1]);
  const b = bundle({ text: "\x1b[32mgreen\x1b[0m", svg: fig });
  assert.deepEqual(b, { "text/plain": "green", "image/svg+xml": fig.svg });
  assert.throws(() => bundle({ text: 3 as unknown as string }), {
    name: "TypeError",
    message: "Cannot build MIME bundle: `text` must be a string: got number",
  });
});

Deno.test("scalarFields() keeps numbers, strings and booleans but not kind", () => {
  assert.deepEqual(scalarFields({ kind: "k", a: 1, b: "x", c: true, d: null, e: {} }), {
    a: 1,
    b: "x",
    c: true,
  });
});
