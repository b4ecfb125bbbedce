import assert from "node:assert/strict";
import { plotTrajectories } from "../../lib/display/trajectories.ts";
import { fromRows } from "../../lib/linalg/matrix.ts";
import { assertSnapshot, count, parseSvg, texts } from "./_svg.ts";

const spiral = (phase: number, T = 20) =>
  Array.from(
    { length: T },
    (
      _,
      t,
    ) => [
      Math.exp(-t / 15) * Math.cos(t / 3 + phase),
      Math.exp(-t / 15) * Math.sin(t / 3 + phase),
      t,
    ],
  );

Deno.test("plotTrajectories() draws a line, a start ring and an end dot per trajectory", () => {
  const fig = plotTrajectories([spiral(0), spiral(2), spiral(4)], { names: ["a", "b", "c"] });
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="line"] path'), 3);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 6);
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text'), [
    "a",
    "b",
    "c",
    "start",
    "end",
  ]);
  assert.match(fig.summary, /3 trajectories of 20 steps in dims 1 and 2/);
});

Deno.test("plotTrajectories() starts each line at the first row and ends at the last", () => {
  const doc = parseSvg(plotTrajectories([[0, 0], [1, 1], [2, 0]]).svg);
  const path = doc.querySelectorAll('g[aria-label="line"] path')[0]!.getAttribute("d")!;
  const pts = path.slice(1).split("L").map((p) => p.split(",").map(Number));
  const dots = Array.from(
    doc.querySelectorAll('g[aria-label="dot"] circle'),
    (c) => [Number(c.getAttribute("cx")), Number(c.getAttribute("cy"))],
  );
  assert.deepEqual(dots[0], pts[0]);
  assert.deepEqual(dots[1], pts[2]);
});

Deno.test("plotTrajectories() plots the chosen dims and colours by group", () => {
  const fig = plotTrajectories([fromRows(spiral(0)), fromRows(spiral(1)), fromRows(spiral(2))], {
    dims: [0, 2],
    groups: ["x", "x", "y"],
  });
  const doc = parseSvg(fig.svg);
  const strokes = Array.from(
    doc.querySelectorAll('g[aria-label="line"]'),
    (g) => g.getAttribute("stroke"),
  );
  assert.equal(strokes[0], strokes[1]);
  assert.notEqual(strokes[0], strokes[2]);
  assert.ok(texts(doc, 'g[aria-label="y-axis label"] text')[0]!.includes("dim 3"));
  assert.match(fig.summary, /in dims 1 and 3 \(2 groups\)/);
});

Deno.test("plotTrajectories() rejects bad input", () => {
  assert.throws(() => plotTrajectories([[[0, 1], [1]]]), {
    name: "TypeError",
    message:
      "Cannot plot trajectories: `trajectories[0]` is ragged: row 0 has 2 entries but row 1 has 1",
  });
  assert.throws(() => plotTrajectories([[0], [1]]), {
    name: "TypeError",
    message:
      "Cannot plot trajectories: `trajectories[0]` must have more than 1 columns for dims [0,1]: got shape [2, 1]",
  });
  assert.throws(() => plotTrajectories([]), {
    name: "TypeError",
    message:
      "Cannot plot trajectories: `trajectories` must be a matrix or a non-empty array of matrices: got []",
  });
  assert.throws(() => plotTrajectories([[0, 1]], { dims: [0, -1] }), {
    name: "RangeError",
    message: "Cannot plot trajectories: `dims` must be two column indices: got [0,-1]",
  });
});

Deno.test("plotTrajectories() matches its SVG snapshot", () => {
  assertSnapshot(
    "trajectories",
    plotTrajectories([spiral(0), spiral(3)], { title: "Latent dynamics", names: ["model", "data"] })
      .svg,
  );
});
