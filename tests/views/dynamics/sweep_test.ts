import assert from "node:assert/strict";
import "../../../lib/views/dynamics/mod.ts";
import { plotDmdSweep } from "../../../lib/views/dynamics/sweep.ts";
import type { DmdSweepCell } from "../../../lib/dynamics/sweep.ts";
import { continuousColor } from "../../../lib/display/legend.ts";
import { type MimeBundle, tagResult } from "../../../lib/result.ts";
import { parseSvg, texts } from "../../display/_svg.ts";
import { textWidth } from "../../../lib/display/format.ts";
import { sideBySide } from "../../../lib/views/dynamics/figures.ts";

const show = (r: unknown): MimeBundle =>
  (r as { [k: symbol]: () => MimeBundle })[Symbol.for("Jupyter.display")]!();

const cell = (nDelays: number, rank: number, mase: number): DmdSweepCell => ({
  nDelays,
  rank,
  effectiveRank: rank,
  mase,
  nmse: 0.1,
  r2: 0.9,
  mse: 0.01,
  aic: -10,
});
// D=2 × r=1 diverged (∞), D=2 × r=2 has no defined score (NaN)
const sweep = {
  nDelays: [1, 2],
  ranks: [1, 2],
  criterion: "mase" as const,
  best: { nDelays: 1, rank: 1 },
  cells: [cell(1, 1, 0.5), cell(1, 2, 0.6), cell(2, 1, Infinity), cell(2, 2, NaN)],
};

/** Hover title → fill of each heatmap cell. */
const fills = (svg: string) =>
  new Map(
    Array.from(
      parseSvg(svg).querySelectorAll('g[aria-label="cell"] rect'),
      (r) => [r.textContent ?? "", r.getAttribute("fill") ?? ""],
    ),
  );

Deno.test("plotDmdSweep() draws non-finite scores as grey cells labelled ∞ and n/a", () => {
  const fig = plotDmdSweep(sweep);
  const f = fills(fig.svg);
  assert.deepEqual([...f.keys()], [
    "D=1 × r=1: MASE 0.5",
    "D=1 × r=2: MASE 0.6",
    "D=2 × r=1: MASE ∞",
    "D=2 × r=2: MASE n/a",
  ]);
  assert.equal(f.get("D=2 × r=1: MASE ∞"), "#d9d9d9");
  assert.equal(f.get("D=2 × r=2: MASE n/a"), "#d9d9d9");
  // the finite cells span the whole colour scale: the non-finite ones are not in its domain
  const color = continuousColor("magma", [0.5, 0.6]);
  assert.equal(f.get("D=1 × r=1: MASE 0.5"), color(0.5));
  assert.equal(f.get("D=1 × r=2: MASE 0.6"), color(0.6));
  const printed = texts(parseSvg(fig.svg), 'g[aria-label="text"] text');
  assert.deepEqual(printed, ["0.5", "0.6", "∞", "n/a"]);
  assert.match(fig.summary, /values 0\.5 to 0\.6; 2 not finite \(grey: 1 ∞, 1 n\/a\)/);
});

Deno.test("plotDmdSweep() labels a −∞ score and draws an all-non-finite sweep without failing", () => {
  const fig = plotDmdSweep({
    ...sweep,
    cells: [cell(1, 1, -Infinity), cell(1, 2, NaN), cell(2, 1, Infinity), cell(2, 2, NaN)],
  });
  assert.ok(fills(fig.svg).has("D=1 × r=1: MASE −∞"));
  assert.match(fig.summary, /4 not finite \(grey: 1 ∞, 1 −∞, 2 n\/a\)/);
});

Deno.test("a DMD sweep result says in its text how many cells' scores are not finite", () => {
  const r = tagResult("dmdSweep", {
    ...sweep,
    split: "time" as const,
    testFraction: 0.2,
    steps: 1,
  });
  const text = show(r)["text/plain"]!;
  assert.match(text, /not finite +2 of 4 cells' mase \(grey\)/);
  assert.match(text, /2 not finite \(grey: 1 ∞, 1 n\/a\)/);
  const finite = tagResult("dmdSweep", {
    ...sweep,
    cells: sweep.cells.slice(0, 2).concat(sweep.cells.slice(0, 2)),
    split: "time" as const,
    testFraction: 0.2,
    steps: 1,
  });
  assert.doesNotMatch(show(finite)["text/plain"]!, /not finite/);
});

/** The figure title's lines (14 px `<text>` children of the root). */
const titleLines = (svg: string) =>
  Array.from(
    parseSvg(svg).querySelectorAll('svg > text[font-size="14"]'),
    (t) => t.textContent ?? "",
  );

Deno.test("plotDmdSweep() of a 2 × 2 grid shows its whole title, chosen cell included, inside the figure", () => {
  const fig = plotDmdSweep(sweep);
  const lines = titleLines(fig.svg);
  assert.equal(lines.join(" "), fig.title);
  assert.match(lines.at(-1)!, /chosen D = 1, r = 1 by mase$/);
  for (const line of lines) assert.ok(10 + 1.2 * textWidth(line, 14) <= fig.width, line);
});

Deno.test("sideBySide() wraps a title wider than its panels inside the figure", () => {
  const a = plotDmdSweep(sweep, { title: "" });
  const title =
    "Two small DMD sweeps compared side by side under one title far wider than the two panels together";
  const fig = sideBySide([a, a], { title });
  const lines = titleLines(fig.svg);
  assert.equal(lines.length, 2);
  assert.equal(lines.join(" "), title);
  for (const line of lines) assert.ok(10 + 1.2 * textWidth(line, 14) <= fig.width, line);
});
