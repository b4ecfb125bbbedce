import assert from "node:assert/strict";
import "../../../lib/views/dynamics/mod.ts";
import { plotDmdResiduals } from "../../../lib/views/dynamics/residual.ts";
import { cleanedWasserstein } from "../../../lib/dynamics/residual.ts";
import type { MimeBundle } from "../../../lib/result.ts";
import { count, parseSvg, texts } from "../../display/_svg.ts";

const show = (r: unknown): MimeBundle =>
  (r as { [k: symbol]: () => MimeBundle })[Symbol.for("Jupyter.display")]!();

/** The SVG documents inline in the figure `<div>`s of an HTML bundle part. */
const htmlFigures = (html: string) =>
  [...html.matchAll(/<div class="neurocompare-figure"[^>]*>(<svg[\s\S]*?<\/svg>)<\/div>/g)]
    .map((m) => parseSvg(m[1]!));

Deno.test("plotDmdResiduals() of no eigenvalues draws the empty unit-circle panel with its note", () => {
  const fig = plotDmdResiduals({ re: [], im: [], residuals: [] }, {
    title: "X: kept eigenvalues",
    emptyNote: "none kept",
  });
  const doc = parseSvg(fig.svg);
  assert.equal(fig.summary, "DMD residuals: 0 eigenvalues; none kept");
  assert.ok(texts(doc, "text").includes("none kept"));
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 0);
  assert.equal(count(doc, 'g[aria-label="color legend"]'), 0);
});

Deno.test("cleanedWasserstein() displays both panels when the threshold removes every eigenvalue of one system", () => {
  let seed = 11;
  const u = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const X = Array.from(
    { length: 80 },
    (_, t) => [Math.cos(0.3 * t) + 0.05 * u(), Math.sin(0.3 * t), u()],
  );
  const Y = Array.from({ length: 80 }, (_, t) => [Math.cos(0.5 * t), Math.sin(0.5 * t), u()]);
  const r = cleanedWasserstein(X, Y, { rank: 3, threshold: 0.02 });
  assert.equal(r.cleaned[0].kept.length, 0);
  const b = show(r);
  assert.doesNotMatch(b["text/plain"]!, /display failed/);
  assert.match(b["text/plain"]!, /kept \(X, Y\) +0, 2/);
  assert.match(
    b["text/plain"]!,
    /\[DMD residuals: 0 eigenvalues; none kept: all 3 have residual > 0\.02\]/,
  );
  const figs = htmlFigures(b["text/html"]!);
  assert.equal(figs.length, 2);
  assert.ok(texts(figs[0]!, "text").includes("none kept: all 3 have residual > 0.02"));
  assert.equal(count(figs[1]!, 'g[aria-label="dot"] circle'), 2);
});
