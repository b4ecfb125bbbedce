import assert from "node:assert/strict";
import "../../lib/views/rsa/mod.ts";
import {
  compareRdmModels,
  computeRdm,
  evalBootstrap,
  fitModels,
  noiseCeiling,
} from "../../lib/rsa/mod.ts";
import { plotRdmModelComparison } from "../../lib/views/rsa/mod.ts";

// deno-lint-ignore no-explicit-any
const display = (r: unknown) => (r as any)[Symbol.for("Jupyter.display")]();
const A = [[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]];
const B = [[0, 5, 1, 1], [5, 0, 2, 1], [1, 2, 0, 3], [1, 1, 3, 0]];
const C = [[0, 1.5, 2, 3], [1.5, 0, 4, 5.5], [2, 4, 0, 6], [3, 5.5, 6, 0]];

Deno.test("an rdm result displays as a heatmap labelled with its conditions", () => {
  const r = computeRdm([[0, 0], [1, 0], [0, 3]], { conditions: ["face", "body", "car"] });
  const b = display(r);
  assert.match(b["image/svg+xml"], />face</);
  assert.match(b["image/svg+xml"], />car</);
  assert.match(b["text/plain"], /^RDM \(euclidean\)/);
});

Deno.test("a model comparison displays bars, interval rules and the noise-ceiling band", () => {
  const r = compareRdmModels([A, C], [A, B], { method: "corr", samples: 40, names: ["A", "B"] });
  const svg = display(r)["image/svg+xml"] as string;
  assert.equal(
    (/<g aria-label="bar"[^>]*>(.*?)<\/g>/.exec(svg)![1]!.match(/<rect /g) ?? []).length,
    2,
  );
  assert.match(svg, /<g aria-label="rect" fill="#bbb"/);
  const fig = plotRdmModelComparison(r);
  assert.match(fig.summary, /noise ceiling \[/);
});

Deno.test("noise ceiling, fit and evaluation results display their numbers as text", () => {
  assert.match(
    display(noiseCeiling([A, C], { method: "corr" }))["text/plain"],
    /Noise ceiling \(corr\)\n\s+lower/,
  );
  assert.match(display(fitModels([A, C], [A, B]))["text/plain"], /Weighted model \(cosine, nnls\)/);
  const e = evalBootstrap([A, C], B, { method: "corr", samples: 30 });
  assert.match(display(e)["text/plain"], /95% CI \(percentile\)/);
});

Deno.test("a model comparison's note gives the noise ceiling to 4 significant digits", () => {
  const r = compareRdmModels([A, A, B], [A, B], { method: "corr", samples: 50, names: ["A", "B"] });
  const nc = r.noiseCeiling!;
  const fmt = (v: number) => String(Number(v.toPrecision(4)));
  const text = display(r)["text/plain"] as string;
  assert.ok(text.includes(`noise ceiling [${fmt(nc.lower)}, ${fmt(nc.upper)}]`), text);
  assert.ok(!text.includes(String(nc.lower)) || String(nc.lower) === fmt(nc.lower));
});
