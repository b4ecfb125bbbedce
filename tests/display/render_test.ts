import assert from "node:assert/strict";
import * as Plot from "../../lib/deps/plot.ts";
import { createDocument, el, serialize } from "../../lib/display/dom.ts";
import { renderPlot } from "../../lib/display/render.ts";
import { assertSnapshot, assertWellFormed, count, parseSvg } from "./_svg.ts";

const spec = () => ({
  marks: [Plot.lineY([1, 3, 2, 5]), Plot.dotY([1, 3, 2, 5])],
  width: 300,
  height: 160,
});

Deno.test("renderPlot() returns a standalone SVG with xmlns and xmlns:xlink", () => {
  const doc = parseSvg(renderPlot(spec()));
  assert.equal(doc.documentElement.localName, "svg");
  assert.equal(doc.documentElement.getAttribute("xmlns"), "http://www.w3.org/2000/svg");
  assert.equal(doc.documentElement.getAttribute("xmlns:xlink"), "http://www.w3.org/1999/xlink");
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 4);
});

Deno.test("renderPlot() is deterministic", () => {
  assert.equal(renderPlot(spec()), renderPlot(spec()));
});

Deno.test("renderPlot() escapes text from the data", () => {
  const svg = renderPlot({
    marks: [
      Plot.text([{ t: `<script>alert("x")</script> & co` }], { text: "t", frameAnchor: "middle" }),
    ],
  });
  assertWellFormed(svg);
  assert.doesNotMatch(svg, /<script>/);
  assert.match(svg, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; co/);
});

Deno.test("renderPlot() refuses specs that make Plot return an HTML figure", () => {
  assert.throws(() => renderPlot({ ...spec(), title: "T" }), {
    name: "TypeError",
    message:
      'Cannot render plot: `spec.title` makes Plot return an HTML figure: got "T"; pass the title to the figure instead',
  });
  assert.throws(
    () =>
      renderPlot({
        marks: [Plot.dot([{ g: "a" }], { x: 0, y: 0, fill: "g" })],
        color: { legend: true },
      }),
    (e: Error) => e instanceof TypeError && /produced an HTML <figure>/.test(e.message),
  );
});

Deno.test("serialize() escapes attribute values linkedom would leave raw", () => {
  const doc = createDocument();
  const node = el(doc, "g", { "data-x": 'a&b<c>"d"' }, [el(doc, "text", {}, "1 < 2 & 3")]);
  const xml = serialize(node);
  assertWellFormed(xml);
  assert.equal(xml, '<g data-x="a&amp;b&lt;c&gt;&quot;d&quot;"><text>1 &lt; 2 &amp; 3</text></g>');
});

Deno.test("renderPlot() matches its SVG snapshot", () => {
  assertSnapshot("render_plot", renderPlot(spec()));
});
