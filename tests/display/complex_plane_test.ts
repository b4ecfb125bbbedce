import assert from "node:assert/strict";
import { plotComplexPlane } from "../../lib/display/complex_plane.ts";
import { eig } from "../../lib/linalg/eig.ts";
import { fromRows } from "../../lib/linalg/matrix.ts";
import { assertSnapshot, count, parseSvg, texts } from "./_svg.ts";

Deno.test("plotComplexPlane() draws each value, the unit circle and a legend", () => {
  const fig = plotComplexPlane([0.5, 0.5, 1.1, -0.2], [0.5, -0.5, 0, 0]);
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 4);
  assert.equal(count(doc, 'g[aria-label="line"] path'), 1);
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text'), ["|z| ≤ 1", "|z| > 1"]);
  assert.match(fig.summary, /4 values; largest \|z\| 1.1; 1 outside the unit circle/);
});

Deno.test("plotComplexPlane() uses equal axes: the unit circle is round", () => {
  const doc = parseSvg(plotComplexPlane([0.3], [0.4], { size: 300 }).svg);
  const d = doc.querySelectorAll('g[aria-label="line"] path')[0]!.getAttribute("d")!;
  const pts = d.slice(1).split("L").map((p) => p.split(",").map(Number));
  const xs = pts.map((p) => p[0]!), ys = pts.map((p) => p[1]!);
  const w = Math.max(...xs) - Math.min(...xs), h = Math.max(...ys) - Math.min(...ys);
  assert.ok(Math.abs(w - h) < 0.01, `circle is ${w} × ${h} px`);
});

Deno.test("plotComplexPlane() shows the eigenvalues of a rotation on the unit circle", () => {
  const t = 0.3;
  const { re, im } = eig(fromRows([[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]]));
  const fig = plotComplexPlane(re, im);
  assert.match(fig.summary, /2 values; largest \|z\| 1; 0 outside the unit circle/);
});

Deno.test("plotComplexPlane() without the unit circle draws no circle and no legend", () => {
  const doc = parseSvg(plotComplexPlane([2], [3], { unitCircle: false }).svg);
  assert.equal(count(doc, 'g[aria-label="line"]'), 0);
  assert.equal(count(doc, 'g[aria-label="swatch legend"]'), 0);
});

Deno.test("plotComplexPlane() rejects bad input", () => {
  assert.throws(() => plotComplexPlane([1, 2], [0]), {
    name: "TypeError",
    message: "Cannot plot complex plane: `re` and `im` must have the same length: got 2 and 1",
  });
  assert.throws(() => plotComplexPlane([1], [NaN]), {
    name: "RangeError",
    message: "Cannot plot complex plane: `im` must be finite: got NaN at index 0",
  });
  assert.throws(() => plotComplexPlane([], []), {
    name: "RangeError",
    message: "Cannot plot complex plane: `re` must not be empty: got []",
  });
});

Deno.test("plotComplexPlane() matches its SVG snapshot", () => {
  const fig = plotComplexPlane([0.9, 0.9, 1.05, -0.4], [0.3, -0.3, 0, 0], {
    title: "Eigenvalues",
    size: 320,
  });
  assertSnapshot("complex_plane", fig.svg);
});
