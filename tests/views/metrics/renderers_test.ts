import assert from "node:assert/strict";
import { plotDistances, plotEmbedding, progressLine } from "../../../lib/views/metrics/mod.ts";
import type { MimeBundle } from "../../../lib/result.ts";
import { convLinearMetric } from "../../../lib/metrics/conv.ts";
import { barycenter } from "../../../lib/multiset/barycenter.ts";
import { classicalMDS } from "../../../lib/multiset/mds.ts";
import { crossDistances, pairwiseDistances } from "../../../lib/multiset/pairwise.ts";
import { tangentEmbedding } from "../../../lib/multiset/tangent.ts";
import { procrustesKMeans } from "../../../lib/multiset/kmeans.ts";
import { count, parseSvg, texts } from "../../display/_svg.ts";
import { continuousColor } from "../../../lib/display/legend.ts";
import { pairwiseMatrix } from "../../../lib/pairwise/engine.ts";
import { tagResult } from "../../../lib/result.ts";

/** The MIME bundle a result displays as in Jupyter. */
function show(result: object): MimeBundle {
  return (result as Record<symbol, () => MimeBundle>)[Symbol.for("Jupyter.display")]!();
}

/** The SVG documents inline in the figure `<div>`s of an HTML bundle part. */
function htmlFigures(html: string) {
  return [...html.matchAll(/<div class="neurocompare-figure"[^>]*>(<svg[\s\S]*?<\/svg>)<\/div>/g)]
    .map((m) => parseSvg(m[1]!));
}

const square = (D: number[][]) => ({
  rows: D.length,
  cols: D.length,
  data: Float64Array.from(D.flat()),
});
const options = {
  metric: "linear" as const,
  alpha: 1,
  score: "angular" as const,
  center: true,
  width: "pair" as const,
};
// a and c are close, b is far from both; the held-out matrix alone would pair a with b
const train = square([[0, 1, 0.1], [1, 0, 0.9], [0.1, 0.9, 0]]);
const test = square([[0, 0.2, 0.3], [0.2, 0, 1], [0.3, 1, 0]]);
const labels = ["a", "b", "c"];
const distances = { matrix: train, test, labels, columnLabels: labels, options };

const nets = [
  [[1, 0], [0, 2], [3, 1], [1, 1], [2, 2]],
  [[0, 1], [2, 0], [1, 3], [1, 1], [2, 2]],
  [[1, 1], [0, 0], [2, 3], [1, 2], [4, 0]],
  [[2, 1], [0, 1], [1, 0], [3, 3], [0, 2]],
];

Deno.test("plotDistances() orders training and held-out heatmaps by the training clustering", () => {
  for (const which of ["train", "test"] as const) {
    const fig = plotDistances(distances, { which });
    const doc = parseSvg(fig.svg);
    assert.equal(count(doc, 'g[aria-label="cell"] rect'), 9);
    assert.deepEqual(texts(doc, 'g[aria-label="y-axis tick label"] text'), ["b", "a", "c"]);
    assert.deepEqual(texts(doc, 'g[aria-label="x-axis tick label"] text'), ["b", "a", "c"]);
    assert.match(fig.summary, /order: average-linkage on training distances \(b, a, c\)$/);
    assert.match(fig.title, which === "train" ? /^Training distances/ : /^Held-out distances/);
    assert.ok(texts(doc, 'g[aria-label="color legend"] text').includes("θ (rad)"));
  }
  const asGiven = parseSvg(plotDistances(distances, { order: "none" }).svg);
  assert.deepEqual(texts(asGiven, 'g[aria-label="y-axis tick label"] text'), labels);
});

Deno.test("plotDistances() rejects a missing held-out matrix or SE and an unknown `which`", () => {
  assert.throws(() => plotDistances({ ...distances, test: null }, { which: "test" }), {
    name: "RangeError",
    message: 'Cannot plot distances: `which` is "test" but the result has no held-out rows',
  });
  // deno-lint-ignore no-explicit-any
  assert.throws(() => plotDistances(distances, { which: "both" as any }), {
    name: "RangeError",
    message: 'Cannot plot distances: `which` must be "train", "test" or "se": got "both"',
  });
  assert.throws(() => plotDistances(distances, { which: "se" }), {
    name: "RangeError",
    message:
      'Cannot plot distances: `which` is "se" but the result has no bootstrap SE (see withBootstrapSe)',
  });
});

Deno.test("pairwiseDistances() displays its numbers as text and both heatmaps on one colour scale", async () => {
  const r = await pairwiseDistances(nets.slice(0, 3), {
    alpha: 1,
    test: nets.slice(0, 3),
    labels: ["x", "y", "z"],
    workers: 1,
  });
  const b = show(r);
  const off = [r.matrix.data[1]!, r.matrix.data[2]!, r.matrix.data[5]!].sort((p, q) => p - q);
  const fmt = (v: number) => String(Number(v.toPrecision(4)));
  assert.match(b["text/plain"]!, /^Pairwise distances: linear metric, α = 1, angular\n/);
  assert.match(b["text/plain"]!, /\n +networks +3\n/);
  assert.ok(b["text/plain"]!.includes(`min / median / max           ${off.map(fmt).join(" / ")}`));
  assert.match(b["text/plain"]!, /held-out min \/ median \/ max/);
  assert.match(b["text/html"]!, /<th style="text-align:left">min \/ median \/ max<\/th>/);
  const figs = htmlFigures(b["text/html"]!);
  assert.equal(figs.length, 2);
  const svg = parseSvg(b["image/svg+xml"]!);
  assert.equal(count(svg, 'g[aria-label="cell"] rect'), 9);
  // shared domain: both colour bars end at the same value
  const ends = figs.map((d) => texts(d, 'g[aria-label="color legend"] text').at(-2));
  assert.equal(ends[0], ends[1]);
});

Deno.test("pairwiseDistances() of one network displays 'no pairs'", async () => {
  const b = show(await pairwiseDistances([nets[0]!], { workers: 1 }));
  assert.match(b["text/plain"]!, /min \/ median \/ max +no pairs/);
});

Deno.test("crossDistances() displays a rectangular heatmap in the given order", async () => {
  const r = await crossDistances(nets.slice(0, 2), nets.slice(1), {
    metric: "cka",
    labels: [["p", "q"], ["u", "v", "w"]],
    workers: 1,
  });
  const b = show(r);
  assert.match(
    b["text/plain"]!,
    /^Cross distances: arccos of linear CKA\n +networks +2 × 3\n/,
  );
  const svg = parseSvg(b["image/svg+xml"]!);
  assert.equal(count(svg, 'g[aria-label="cell"] rect'), 6);
  assert.deepEqual(texts(svg, 'g[aria-label="y-axis tick label"] text'), ["p", "q"]);
  assert.deepEqual(texts(svg, 'g[aria-label="x-axis tick label"] text'), ["u", "v", "w"]);
});

Deno.test("classicalMDS() displays its negative eigenvalue mass and scatters of coordinates 1–2 and 1–3", () => {
  // shortest-path metric of a 4-cycle: eigenvalues 2, 2, 0, −1, so the negative mass is 1/5
  const m = classicalMDS([[0, 1, 2, 1], [1, 0, 1, 2], [2, 1, 0, 1], [1, 2, 1, 0]], { dims: 3 });
  const b = show(m);
  assert.match(b["text/plain"]!, /^Classical MDS of 4 points in 3 dimensions\n/);
  assert.match(b["text/plain"]!, /negative eigenvalue mass +20% \(1 of 4 eigenvalues < 0\)/);
  assert.match(b["text/plain"]!, /most negative eigenvalue +-1\n/);
  assert.match(b["text/plain"]!, /\[Scatter of 4 points/);
  const figs = htmlFigures(b["text/html"]!);
  assert.equal(figs.length, 2);
  for (const [k, doc] of figs.entries()) {
    assert.equal(count(doc, 'g[aria-label="dot"] circle'), 4);
    assert.deepEqual(texts(doc, 'g[aria-label="y-axis label"] text').map((t) => t.trim()), [
      `↑ MDS ${k === 0 ? 2 : 3}`,
    ]);
  }
  assert.match(figs[0]!.querySelectorAll("text")[0]!.textContent!, /negative eigenvalue mass 20%/);
});

Deno.test("plotEmbedding() colours by group and rejects bad coordinates", () => {
  const m = classicalMDS([[0, 3, 4], [3, 0, 5], [4, 5, 0]]);
  const doc = parseSvg(plotEmbedding(m, { groups: ["x", "y", "y"] }).svg);
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text'), ["x", "y"]);
  assert.deepEqual(texts(doc, 'g[aria-label="point labels"] text').sort(), ["0", "1", "2"]);
  assert.throws(() => plotEmbedding(m, { dims: [0, 2] }), {
    name: "RangeError",
    message: "Cannot plot embedding: `dims` must be two different coordinates in 0…1: got [0,2]",
  });
  assert.throws(() => plotEmbedding(m, { dims: [1, 1] }), { name: "RangeError" });
});

Deno.test("tangentEmbedding() and barycenter() display their numbers and figures", () => {
  const t = tangentEmbedding(nets, { dims: 2 });
  const b = show(t);
  const d = [...t.distances].sort((p, q) => p - q);
  const fmt = (v: number) => String(Number(v.toPrecision(4)));
  assert.match(b["text/plain"]!, /^Tangent-space embedding of 4 networks\n/);
  assert.ok(
    b["text/plain"]!.includes(`${fmt(d[0]!)} / ${fmt((d[1]! + d[2]!) / 2)} / ${fmt(d[3]!)}`),
  );
  assert.equal(count(parseSvg(b["image/svg+xml"]!), 'g[aria-label="dot"] circle'), 4);

  const bary = barycenter(nets);
  const bb = show(bary);
  assert.match(bb["text/plain"]!, new RegExp(`iterations +${bary.iterations} \\(converged\\)`));
  assert.ok(
    bb["text/plain"]!.includes(`${fmt(bary.objective[0]!)} → ${fmt(bary.objective.at(-1)!)}`),
  );
  assert.equal(count(parseSvg(bb["image/svg+xml"]!), 'g[aria-label="line"] path'), 1);
});

Deno.test("convLinearMetric() displays its shift map as a heatmap labelled by shift", () => {
  // 2 images, 3×3 spatial, 2 channels; Y is X rolled one position along the width
  const X = [0, 1].map((m) =>
    [0, 1, 2].map((a) => [0, 1, 2].map((c) => [Math.sin(m + 3 * a + c), Math.cos(2 * m + a * c)]))
  );
  const Y = X.map((img) => img.map((row) => [row[2]!, row[0]!, row[1]!]));
  const r = convLinearMetric(X, Y);
  const b = show(r);
  assert.match(b["text/plain"]!, /best shift \(Δh, Δw\) +\(0, 1\)/);
  assert.match(b["text/plain"]!, /shift map +3 × 3/);
  const svg = parseSvg(b["image/svg+xml"]!);
  assert.equal(count(svg, 'g[aria-label="cell"] rect'), 9);
  assert.deepEqual(texts(svg, 'g[aria-label="y-axis tick label"] text'), ["Δh -1", "Δh 0", "Δh 1"]);
  assert.deepEqual(texts(svg, 'g[aria-label="x-axis tick label"] text'), ["Δw -1", "Δw 0", "Δw 1"]);
});

Deno.test("progressLine() asks for a redraw on a new phase, at the end, and after the interval", () => {
  let t = 0;
  const line = progressLine("job", { interval: 100, now: () => t });
  assert.equal(line.update({ phase: "prepare", done: 1, total: 4 }), true); // new phase
  t = 50;
  assert.equal(line.update({ phase: "prepare", done: 2, total: 4 }), false); // too soon
  t = 160;
  assert.equal(line.update({ phase: "prepare", done: 3, total: 4 }), true); // interval passed
  t = 170;
  assert.equal(line.update({ phase: "prepare", done: 4, total: 4 }), true); // phase complete
  assert.equal(line.update({ phase: "pairs", done: 1, total: 10 }), true); // new phase
  t = 200;
  assert.equal(line.update({ phase: "pairs", done: 2, total: 10 }), false);
  assert.equal(line.view().text, "job: 4/4 per-network steps, 2/10 pairs (20%) in 0.2 s");
  const b = show(line.view());
  assert.equal(b["text/plain"], "job: 4/4 per-network steps, 2/10 pairs (20%) in 0.2 s");
  assert.match(b["text/html"]!, /<progress value="2" max="10"/);
});

Deno.test("procrustesKMeans() displays its clusters in an MDS scatter, the sizes and a table per network", () => {
  const A = [[1, 0], [-1, 0], [0, 2], [0, -2], [1, 1]],
    B = [[2, 1], [0, -1], [-1, 1], [-1, -1], [0, 0]];
  const rot = (X: number[][]) => X.map(([x, y]) => [y!, -x!]);
  const r = procrustesKMeans([A, B, rot(A), rot(B), rot(rot(A))], 2, {
    labels: ["a", "b", "a1", "b1", "a2"],
  });
  assert.deepEqual(r.labels, [0, 1, 0, 1, 0]);
  const b = show(r);
  const text = b["text/plain"]!;
  assert.match(text, /^Procrustes k-means of 5 networks into 2 clusters \(α = 1\)\n/);
  assert.match(text, /cluster sizes +3, 2/);
  assert.match(text, /iterations +\d+ \(converged\)/);
  const svg = parseSvg(b["image/svg+xml"]!);
  assert.equal(count(svg, 'g[aria-label="dot"] circle'), 5);
  assert.ok(texts(svg, "text").includes("cluster 1"));
  const figs = htmlFigures(b["text/html"]!);
  assert.equal(figs.length, 2);
  assert.equal(count(figs[1]!, 'g[aria-label="bar"] rect'), 2);
});

/** A pairwise result as the engine tags it, from a row-major square matrix. */
function engineResult(data: number[], value: "distance" | "similarity", measure = "rsa") {
  const n = Math.round(Math.sqrt(data.length));
  const names = Array.from({ length: n }, (_, i) => `n${i}`);
  return tagResult("pairwiseDistances", {
    matrix: { rows: n, cols: n, data: Float64Array.from(data) },
    test: null,
    labels: names,
    columnLabels: names,
    measure,
    options: {},
    value,
    info: [],
  });
}

/** Fill of each cell keyed by its hover title. */
function cellFills(svg: string): Map<string, string> {
  const doc = parseSvg(svg);
  return new Map(
    Array.from(
      doc.querySelectorAll('g[aria-label="cell"] rect'),
      (r) => [r.textContent ?? "", r.getAttribute("fill") ?? ""],
    ),
  );
}

Deno.test("a similarity matrix's colour bar is captioned 'similarity' and spans the diagonal and negative values", () => {
  const r = engineResult([1, -0.5, 0.2, -0.5, 1, -0.9, 0.2, -0.9, 1], "similarity");
  const b = show(r);
  const svg = b["image/svg+xml"]!;
  const legend = texts(parseSvg(svg), 'g[aria-label="color legend"] text');
  assert.equal(legend[0], "similarity");
  assert.deepEqual(legend.slice(1), ["-0.5", "0", "0.5", "1"]);
  // the self-similarity 1 takes the top colour, −0.9 the bottom one, −0.5 neither
  const fills = cellFills(svg);
  const color = continuousColor("viridis", [-0.9, 1]);
  assert.equal(fills.get("n0 × n0: similarity 1"), color(1));
  assert.equal(fills.get("n1 × n2: similarity -0.9"), color(-0.9));
  assert.equal(fills.get("n0 × n1: similarity -0.5"), color(-0.5));
  // the text says the same range as the colour bar
  assert.match(b["text/plain"]!, /values -0\.9 to 1; order: as given\]/);
  assert.doesNotMatch(b["text/plain"]!, /colour scale/);
});

Deno.test("pairwiseMatrix() of svcca similarities draws the diagonal unclipped under a 'similarity' caption", async () => {
  let seed = 9;
  const u = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const random = Array.from(
    { length: 4 },
    () => Array.from({ length: 30 }, () => [u(), u(), u(), u()]),
  );
  const r = await pairwiseMatrix(random, {
    measure: "svcca",
    workers: 1,
    labels: ["a", "b", "c", "d"],
  });
  assert.equal(r.value, "similarity");
  const svg = show(r)["image/svg+xml"]!;
  const legend = texts(parseSvg(svg), 'g[aria-label="color legend"] text');
  assert.equal(legend[0], "similarity");
  assert.equal(legend.at(-1), "1");
  const off = Array.from(r.matrix.data).filter((_, k) => k % 5 !== 0);
  const color = continuousColor("viridis", [Math.min(...off), Math.max(...r.matrix.data)]);
  assert.equal(cellFills(svg).get("a × a: similarity 1"), color(r.matrix.data[0]!));
  assert.notEqual(color(r.matrix.data[0]!), color(Math.max(...off)));
});

Deno.test("a distance matrix's colour scale still starts at 0 and ends at the largest distance", () => {
  const b = show(engineResult([0, 2, 3, 2, 0, 4, 3, 4, 0], "distance", "procrustes"));
  const svg = b["image/svg+xml"]!;
  const legend = texts(parseSvg(svg), 'g[aria-label="color legend"] text');
  assert.equal(legend[0], "distance");
  assert.equal(legend[1], "0");
  assert.equal(legend.at(-1), "4");
  assert.equal(cellFills(svg).get("n1 × n2: distance 4"), continuousColor("viridis", [0, 4])(4));
});

Deno.test("plotDistances() clusters a similarity matrix with the most similar networks together", () => {
  const sim = square([[1, 0.1, 0.9], [0.1, 1, 0.2], [0.9, 0.2, 1]]);
  const fig = plotDistances({
    matrix: sim,
    test: null,
    labels,
    columnLabels: labels,
    options: {},
    measure: "rsa",
    value: "similarity",
  });
  assert.deepEqual(texts(parseSvg(fig.svg), 'g[aria-label="y-axis tick label"] text'), [
    "b",
    "a",
    "c",
  ]);
  assert.match(fig.summary, /order: average-linkage on training similarities \(b, a, c\)/);
});

Deno.test("a distance matrix with NaN and ∞ cells displays them grey, unclustered, and counts them", () => {
  const b = show(engineResult([0, NaN, 1, NaN, 0, Infinity, 1, Infinity, 0], "distance", "cka"));
  const text = b["text/plain"]!;
  assert.doesNotMatch(text, /display failed/);
  assert.match(text, /min \/ median \/ max +1 \/ 1 \/ 1\n/);
  assert.match(text, /not finite +4 of 9 cells \(grey; so not clustered\)/);
  assert.match(
    text,
    /4 not finite \(grey: 2 ∞, 2 n\/a\); order: as given \(not clustered: 4 training/,
  );
  const svg = b["image/svg+xml"]!;
  const fills = cellFills(svg);
  assert.equal(fills.get("n0 × n1: distance n/a"), "#d9d9d9");
  assert.equal(fills.get("n1 × n2: distance ∞"), "#d9d9d9");
  // finite cells keep the scale 0 … 1; the order is the given one
  assert.equal(fills.get("n0 × n2: distance 1"), continuousColor("viridis", [0, 1])(1));
  assert.deepEqual(texts(parseSvg(svg), 'g[aria-label="y-axis tick label"] text'), [
    "n0",
    "n1",
    "n2",
  ]);
});

Deno.test("plotDistances() keeps the training clustering when only held-out cells are not finite", () => {
  const held = square([[0, NaN, 0.3], [NaN, 0, 1], [0.3, 1, 0]]);
  const fig = plotDistances({ ...distances, test: held }, { which: "test" });
  assert.match(fig.summary, /; 2 not finite \(grey: 2 n\/a\);/);
  assert.match(fig.summary, /order: average-linkage on training distances \(b, a, c\)$/);
  assert.ok(cellFills(fig.svg).has("a × b: distance n/a"));
});

Deno.test("a single network's distance matrix has a colour bar from 0 to 1, not around 0", () => {
  const b = show(engineResult([0], "distance", "procrustes"));
  const legend = texts(parseSvg(b["image/svg+xml"]!), 'g[aria-label="color legend"] text');
  assert.deepEqual(legend, ["distance", "0", "0.5", "1"]);
  assert.match(b["text/plain"]!, /values 0 to 0; colour scale 0 to 1/);
  // a constant similarity runs from 0 to its value
  const sim = show(engineResult([1, 1, 1, 1], "similarity"));
  const ticks = texts(parseSvg(sim["image/svg+xml"]!), 'g[aria-label="color legend"] text');
  assert.equal(ticks[1], "0");
  assert.equal(ticks.at(-1), "1");
});
