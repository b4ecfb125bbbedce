/**
 * Figures of the result kinds that had none or gained one for #15/#19: DSA
 * eigenvalues, per-neuron predictivity, distances with bootstrap SEs, group
 * accuracies, classifier and ridge weights, the similarity transform.
 */
import assert from "node:assert/strict";
import "../../lib/views/mod.ts";
import type { MimeBundle } from "../../lib/result.ts";
import { dsa } from "../../lib/dynamics/dsa.ts";
import { similarityTransformDistance } from "../../lib/dynamics/similarity.ts";
import { ridgePredictivity } from "../../lib/spectral/predictivity.ts";
import { fitRidge } from "../../lib/spectral/ridge.ts";
import { pairwiseMatrix } from "../../lib/pairwise/engine.ts";
import { bootstrapMatrix, withBootstrapSe } from "../../lib/inference/measure.ts";
import { groupAccuracy } from "../../lib/activations/groups.ts";
import { fitLogistic } from "../../lib/activations/logistic.ts";
import { toTable } from "../../lib/views/mod.ts";
import { randn } from "../../lib/random.ts";
import { parseSvg } from "../display/_svg.ts";

const show = (r: unknown): MimeBundle =>
  (r as { [k: symbol]: () => MimeBundle })[Symbol.for("Jupyter.display")]!();
const titles = (svg: string) => [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]!);

Deno.test("a DSA result draws both operators' eigenvalues on the unit circle with the distance in the title", () => {
  const X = Array.from({ length: 60 }, (_, t) => [Math.cos(0.2 * t), Math.sin(0.2 * t)]);
  const Y = Array.from({ length: 60 }, (_, t) => [Math.cos(0.5 * t), Math.sin(0.5 * t)]);
  const r = dsa(X, Y, { rank: 2 });
  assert.equal(r.eigenvalues[0].re.length, 2);
  const b = show(r);
  const svg = b["image/svg+xml"]!;
  const doc = parseSvg(svg);
  // 2 + 2 eigenvalues (filled dots for X, rings for Y), each with a hover title
  assert.equal(doc.querySelectorAll('g[aria-label="dot"] circle').length, 4);
  const t = titles(svg);
  // e^{±0.2i} and e^{±0.5i}: the fitted eigenvalues of two pure rotations
  assert.ok(t.some((s) => /^X: 0.980\d* \+ 0.198\d*i \(\|z\| 1\)$/.test(s)), t.join("; "));
  assert.ok(t.some((s) => /^Y: 0.877\d* − 0.479\d*i \(\|z\| 1\)$/.test(s)), t.join("; "));
  assert.match(
    svg,
    new RegExp(`DSA angular distance ${String(Number(r.distance.toPrecision(4)))}`),
  );
  assert.match(svg, /stroke-dasharray="4 3"/); // the unit circle
  assert.match(b["text/plain"]!, /\[DMD eigenvalues of both systems \(X: 2 eigenvalues/);
});

Deno.test("ridge predictivity shows per-neuron R² as bars (with r) up to 40 neurons, as a histogram above", () => {
  const X = randn(24, 5, 1);
  const W = randn(5, 3, 2);
  const Y = {
    rows: 24,
    cols: 3,
    data: Float64Array.from({ length: 72 }, (_, k) => {
      const i = Math.floor(k / 3), j = k % 3;
      let s = 0;
      for (let f = 0; f < 5; f++) s += X.data[i * 5 + f]! * W.data[f * 3 + j]!;
      return s;
    }),
  };
  const r = ridgePredictivity(X, Y, { folds: 3, ridge: 1e-6 });
  const small = show(r)["image/svg+xml"]!;
  const bars = parseSvg(small).querySelectorAll('g[aria-label="bar"] rect');
  assert.equal(bars.length, 3);
  assert.ok(
    titles(small).includes(
      `neuron 0 (r = ${String(Number(r.pearson[0]!.toPrecision(3)))}): R² ${
        String(Number(r.r2[0]!.toPrecision(4)))
      }`,
    ),
  );
  const many = ridgePredictivity(randn(30, 4, 3), randn(30, 45, 4), { folds: 3, ridge: 1 });
  const b = show(many);
  assert.match(b["text/plain"]!, /\[histogram of 45 values\]/);
  assert.match(b["image/svg+xml"]!, /Cross-validated R² of 45 neurons/);
});

Deno.test("a pairwise matrix with bootstrap SEs draws d ± se hover titles and an SE heatmap beside, and tabulates se", async () => {
  const nets = [randn(15, 3, 1), randn(15, 3, 2), randn(15, 2, 3)];
  const r = await pairwiseMatrix(nets, {
    measure: "procrustes",
    workers: 1,
    labels: ["a", "b", "c"],
  });
  const boot = await bootstrapMatrix("procrustes", nets, { samples: 10, workers: 1 });
  const s = withBootstrapSe(r, boot);
  assert.equal(r.se, undefined, "the input is left as it is");
  const b = show(s);
  const svg = b["image/svg+xml"]!;
  assert.equal(parseSvg(svg).querySelectorAll('g[aria-label="cell"] rect').length, 18);
  const f = (v: number, k: number) => String(Number(v.toPrecision(k)));
  const d = r.matrix.data[1]!, se = boot.se.data[1]!;
  assert.ok(
    titles(svg).includes(`a × b: distance ${f(d, 4)} ± ${f(se, 2)}`),
    titles(svg).join("; "),
  );
  assert.ok(titles(svg).includes(`a × b: SE ${f(se, 4)}`));
  assert.match(b["text/plain"]!, /bootstrap SE, 10 draws \(min \/ median \/ max\)/);
  const t = toTable(s);
  assert.deepEqual(Object.keys(t), ["row", "column", "distance", "se"]);
  assert.equal(t.se![1], se);
  assert.throws(
    () => withBootstrapSe(r, { se: { rows: 2, cols: 2, data: new Float64Array(4) }, samples: 2 }),
    {
      name: "TypeError",
      message: "Cannot attach bootstrap SE: `se` must have the matrix's shape [3, 3]: got [2, 2]",
    },
  );
});

Deno.test("group accuracies draw one bar per group with the mean as a reference line", () => {
  const g = groupAccuracy([0, 1, 1, 0, 1, 1], [0, 1, 1, 0, 0, 1], [0, 0, 1, 1, 0, 1]);
  const svg = show(g)["image/svg+xml"]!;
  assert.equal(parseSvg(svg).querySelectorAll('g[aria-label="bar"] rect').length, 4);
  assert.ok(
    titles(svg).includes("class 0, attr 0 (n = 2): accuracy 0.5 (class 0)"),
    titles(svg).join("; "),
  );
  assert.match(svg, /mean accuracy/);
});

Deno.test("classifier and ridge weights, and the similarity transform, draw as heatmaps on a symmetric scale", () => {
  const X = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 1], [1, 2]];
  const lr = fitLogistic(X, [0, 0, 0, 1, 1, 1], { C: 1 });
  const svg = show(lr)["image/svg+xml"]!;
  assert.match(svg, /Weights \(class × feature\)/);
  assert.ok(titles(svg).some((t) => /^class 0 × 0: weight /.test(t)), titles(svg).join("; "));
  const ridge = fitRidge(X, X.map(([a, b]) => [a! - b!]), { ridge: 0.1 });
  assert.match(show(ridge)["image/svg+xml"]!, /Ridge coefficients \(feature × output\)/);
  const A = [[0.9, 0.2], [0, 0.5]];
  const sim = show(similarityTransformDistance(A, A))["image/svg+xml"]!;
  assert.match(sim, /Best similarity transform C \(det [+−]1\)/);
});
