import assert from "node:assert/strict";
import { plotLines } from "../../lib/display/lines.ts";
import { assertSnapshot, count, parseSvg, texts } from "./_svg.ts";

const spectrum = Array.from({ length: 30 }, (_, k) => Math.pow(k + 1, -1.5));

Deno.test("plotLines() draws one line per series and a legend for named series", () => {
  const fig = plotLines([{ name: "model", y: spectrum }, {
    name: "brain",
    y: spectrum.map((v) => 2 * v),
  }], {
    logX: true,
    logY: true,
  });
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="line"] path'), 2);
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text'), ["model", "brain"]);
  assert.match(fig.summary, /2 series \(log x, log y\)\nmodel: 30 points, y 0.006086 to 1\nbrain/);
});

Deno.test("plotLines() labels log axes at round values in plain numbers", () => {
  const doc = parseSvg(plotLines(spectrum, { logY: true }).svg);
  assert.deepEqual(texts(doc, 'g[aria-label="y-axis tick label"] text'), ["0.01", "0.1", "1"]);
});

Deno.test("plotLines() draws a band from lower to upper", () => {
  const y = [0.2, 0.5, 0.7];
  const fig = plotLines({
    name: "R²",
    x: [10, 20, 40],
    y,
    lower: [0.1, 0.4, 0.65],
    upper: [0.3, 0.6, 0.75],
  });
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="area"] path'), 1);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 3);
  assert.match(fig.summary, /3 points, y 0.2 to 0.7 \(with band\)/);
});

Deno.test("plotLines() accepts a Float64Array and omits markers for long series", () => {
  const doc = parseSvg(plotLines(new Float64Array(100).map((_, k) => Math.sin(k / 10))).svg);
  assert.equal(count(doc, 'g[aria-label="line"] path'), 1);
  assert.equal(count(doc, 'g[aria-label="dot"]'), 0);
  assert.equal(count(doc, 'g[aria-label="swatch legend"]'), 0);
});

Deno.test("plotLines() rejects bad input", () => {
  assert.throws(() => plotLines([1, 0, 2], { logY: true }), {
    name: "RangeError",
    message: "Cannot plot lines: `series[0].y` must be > 0 on a log axis: got 0 at index 1",
  });
  assert.throws(() => plotLines([{ y: [1, 2], x: [1] }]), {
    name: "TypeError",
    message: "Cannot plot lines: `series[0].x` must have 2 entries like `series[0].y`: got 1",
  });
  assert.throws(() => plotLines([{ y: [1, 2], lower: [0, 0] }]), {
    name: "TypeError",
    message:
      "Cannot plot lines: `series[0]` needs both `lower` and `upper` for a band: got only one",
  });
  assert.throws(() => plotLines({ y: [1, 2], lower: [0, 3], upper: [2, 2.5] }), {
    name: "RangeError",
    message:
      "Cannot plot lines: `series[0].lower` must be <= `series[0].upper`: got 3 > 2.5 at index 1",
  });
  assert.throws(() => plotLines([1, NaN]), {
    name: "RangeError",
    message: "Cannot plot lines: `series[0].y` must be finite: got NaN at index 1",
  });
  assert.throws(() => plotLines([]), {
    name: "RangeError",
    message: "Cannot plot lines: `series` must not be empty: got []",
  });
});

Deno.test("plotLines() matches its SVG snapshot", () => {
  const fig = plotLines([{ name: "model", y: spectrum }, {
    name: "brain",
    y: spectrum.map((v) => 1.5 * v),
  }], {
    title: "Spectra",
    logX: true,
    logY: true,
    xLabel: "rank",
    yLabel: "variance",
  });
  assertSnapshot("lines", fig.svg);
});
