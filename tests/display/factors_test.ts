import assert from "node:assert/strict";
import { plotFactors } from "../../lib/display/factors.ts";
import { assertSnapshot, count, parseSvg, texts } from "./_svg.ts";

const neurons = [[1, 0], [0.6, 0.1], [0, 0.9], [0.2, 0.4]];
const time = Array.from({ length: 15 }, (_, t) => [Math.exp(-t / 4), Math.sin(t / 3)]);
const trials = Array.from({ length: 8 }, (_, k) => [k % 2, 1 - k / 8]);

Deno.test("plotFactors() draws a panel per component and mode in the requested style", () => {
  const fig = plotFactors([neurons, time, trials], {
    modeNames: ["neuron", "time", "trial"],
    styles: ["bar", "line", "dot"],
  });
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, "svg svg"), 6);
  assert.equal(count(doc, 'g[aria-label="rect"] rect'), 2 * 4);
  assert.equal(count(doc, 'g[aria-label="line"] path'), 2);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 2 * 8);
  const all = texts(doc, "text");
  for (const label of ["neuron", "time", "trial", "#1", "#2"]) {
    assert.ok(all.includes(label), label);
  }
  assert.match(fig.summary, /rank 2; modes neuron \(4\), time \(15\), trial \(8\)/);
});

Deno.test("plotFactors() rejects factors of different rank and bad styles", () => {
  assert.throws(() => plotFactors([neurons, [[1], [2]]]), {
    name: "TypeError",
    message:
      "Cannot plot factors: every factor must have 2 columns like `factors[0]`: got shape [2, 1] for `factors[1]`",
  });
  assert.throws(() => plotFactors([neurons], { styles: ["pie" as "bar"] }), {
    name: "RangeError",
    message:
      'Cannot plot factors: `styles` must give "bar", "line" or "dot" for each of 1 modes: got ["pie"]',
  });
  assert.throws(() => plotFactors([[[NaN]]]), {
    name: "RangeError",
    message: "Cannot plot factors: `factors[0]` must be finite: got NaN at [0, 0]",
  });
});

Deno.test("plotFactors() matches its SVG snapshot", () => {
  assertSnapshot(
    "factors",
    plotFactors([neurons, time], { title: "Tensor factors", styles: ["bar", "line"] }).svg,
  );
});
