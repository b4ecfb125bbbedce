import assert from "node:assert/strict";
import "../../../lib/views/dynamics/mod.ts";
import {
  plotDmdEigenvalues,
  plotDsaVsProcrustes,
  plotSingularValues,
  sideBySide,
} from "../../../lib/views/dynamics/figures.ts";
import { fitDmd } from "../../../lib/dynamics/dmd.ts";
import { dsa } from "../../../lib/dynamics/dsa.ts";
import { dsaPairwise } from "../../../lib/dynamics/pairwise.ts";
import { similarityTransformDistance } from "../../../lib/dynamics/similarity.ts";
import type { MimeBundle } from "../../../lib/result.ts";
import { assertWellFormed, count, type Node, parseSvg, texts } from "../../display/_svg.ts";

const show = (r: unknown): MimeBundle =>
  (r as { [k: symbol]: () => MimeBundle })[Symbol.for("Jupyter.display")]!();

const wave = (w: number, decay = 0.01) =>
  Array.from({ length: 80 }, (_, t) => [
    Math.cos(w * t) * Math.exp(-decay * t),
    Math.sin(w * t) * Math.exp(-decay * t),
  ]);

Deno.test("a DMD fit displays its eigenvalues with the unit circle and the spectrum with the rank", () => {
  const fit = fitDmd(wave(0.3), { nDelays: 3, rank: 2 });
  const b = show(fit);
  assert.match(b["text/plain"]!, /^DMD fit \(rank 2\)/);
  assert.match(b["text/plain"]!, /spectral radius\s+0\.99/);
  assert.match(b["text/plain"]!, /Complex plane: 2 values; largest \|z\| 0\.99\d*; 0 outside/);
  assert.match(b["text/plain"]!, /Singular values: rank 2 of 6/);
  const doc = parseSvg(b["image/svg+xml"]!);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 2);
  assert.equal(count(doc, 'g[aria-label="line"] path'), 1, "unit circle");
  assert.equal(
    (b["text/html"]!.match(/class="neurocompare-figure"/g) ?? []).length,
    2,
    "both figures in the HTML",
  );
});

Deno.test("plotSingularValues() draws every shown value and a rule after the rank", () => {
  const fig = plotSingularValues([5, 4, 3, 0.5, 0.1], { rank: 3 });
  assertWellFormed(fig.svg);
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 5);
  assert.equal(count(doc, 'g[aria-label="rule"] line'), 1);
  const fills = Array.from(
    doc.querySelectorAll('g[aria-label="dot"] circle'),
    (c) => c.getAttribute("fill"),
  );
  assert.deepEqual(fills, ["#1f4e99", "#1f4e99", "#1f4e99", "#b9c6dd", "#b9c6dd"]);
  assert.match(fig.summary, /rank 3 of 5; keeps 99\.48% of Σσ²/);
});

Deno.test("plotSingularValues() rejects a rank outside [1, n]", () => {
  assert.throws(() => plotSingularValues([1, 0.5], { rank: 3 }), {
    name: "RangeError",
    message: "Cannot plot singular values: `rank` must be an integer in [1, 2]: got 3",
  });
  assert.throws(() => plotSingularValues([]), {
    name: "RangeError",
    message: "Cannot plot singular values: `s` must not be empty: got []",
  });
});

Deno.test("plotDmdEigenvalues() counts eigenvalues outside the unit circle", () => {
  const fig = plotDmdEigenvalues({ eigenvalues: { re: [1.1, 0.5], im: [0, 0] } });
  assert.match(fig.summary, /2 values; largest \|z\| 1\.1; 1 outside the unit circle/);
  assert.deepEqual(texts(parseSvg(fig.svg), "text").filter((t) => t === "DMD eigenvalues"), [
    "DMD eigenvalues",
  ]);
});

Deno.test("a similarity-transform distance shows the distance, lower bound, starts and iterations", () => {
  const A = [[0.9, 0.2], [-0.2, 0.9]], B = [[0.5, 0], [0, 0.8]];
  const r = similarityTransformDistance(A, B);
  const text = show(r)["text/plain"]!;
  assert.match(text, /^Similarity-transform distance/);
  const num = (label: string) => Number(new RegExp(`${label}\\s+([0-9.e-]+)`).exec(text)![1]);
  assert.ok(Math.abs(num("distance \\(angular\\)") - r.distance) < 1e-3 * r.distance);
  assert.ok(Math.abs(num("lower bound") - r.lowerBound) <= 1e-3 * Math.max(r.lowerBound, 1e-9));
  assert.ok(num("iterations") === r.iterations);
  assert.match(text, new RegExp(`starts at best\\s+${r.startsAtBest} of ${r.starts}`));
});

Deno.test("a DSA result shows its distance and the two DMD ranks", () => {
  const r = dsa(wave(0.3), wave(0.5), { nDelays: 3, rank: 2 });
  const text = show(r)["text/plain"]!;
  assert.match(text, /^Dynamical Similarity Analysis/);
  assert.match(text, /DMD ranks\s+2, 2/);
  assert.match(text, /lower bound/);
});

Deno.test("a DSA matrix displays as a heatmap with one cell per entry", async () => {
  const m = await dsaPairwise([wave(0.2), wave(0.3), wave(0.9)], { nDelays: 3, rank: 2 });
  const b = show(m);
  assert.match(b["text/plain"]!, /^DSA matrix \(angular, 3 × 3\)/);
  assert.match(b["text/plain"]!, /pairs scored\s+3/);
  const doc = parseSvg(b["image/svg+xml"]!);
  assert.equal(count(doc, 'g[aria-label="cell"] rect'), 9);
});

Deno.test("plotDsaVsProcrustes() puts two labelled heatmaps side by side", () => {
  const D = [[0, 1, 3], [1, 0, 3], [3, 3, 0]];
  const fig = plotDsaVsProcrustes(D, D, ["a", "a", "b"]);
  assertWellFormed(fig.svg);
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="cell"] rect'), 18);
  const all = texts(doc, "text");
  assert.ok(all.includes("DSA") && all.includes("Procrustes"));
  const root = doc.documentElement as unknown as { children: ArrayLike<Node> };
  const inner = Array.from(root.children).filter((c) => c.localName === "svg").map((s) =>
    Number(s.getAttribute("x"))
  );
  assert.equal(inner.length, 2);
  assert.ok(inner[1]! > inner[0]!);
});

Deno.test("sideBySide() sums widths with a gap and keeps the tallest height", () => {
  const a = plotSingularValues([2, 1], { width: 300, height: 200 });
  const b = plotSingularValues([2, 1], { width: 200, height: 260 });
  const fig = sideBySide([a, b], { title: "pair" });
  assert.equal(fig.width, a.width + b.width + 16);
  assert.equal(fig.height, Math.max(a.height, b.height) + 30);
});
