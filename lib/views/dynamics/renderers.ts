/**
 * Renderers for the result kinds of `lib/dynamics` (Dynamical Similarity Analysis):
 * DMD fits show their eigenvalues with the unit circle and the singular-value
 * spectrum with the chosen rank; similarity-transform distances show the distance,
 * the lower bound and how the search went; DSA matrices show a heatmap (MDS
 * embeddings display through the shape-metrics renderers). Importing this module registers them.
 *
 * @example A DMD fit displays its eigenvalues and spectrum
 * ```ts
 * import "./renderers.ts";
 * import { fitDmd } from "../../dynamics/dmd.ts";
 * import assert from "node:assert/strict";
 * const X = Array.from({ length: 50 }, (_, t) => [Math.cos(0.3 * t), Math.sin(0.3 * t)]);
 * // deno-lint-ignore no-explicit-any
 * const b = (fitDmd(X, { rank: 2 }) as any)[Symbol.for("Jupyter.display")]();
 * assert.match(b["text/plain"], /^DMD fit \(rank 2\)/);
 * assert.match(b["image/svg+xml"], /^<svg/);
 * ```
 *
 * @module
 */

import type { DmdFit } from "../../dynamics/dmd.ts";
import type { DmdcFit } from "../../dynamics/dmdc.ts";
import type { DsaMatrix } from "../../dynamics/pairwise.ts";
import type { DmdPrediction } from "../../dynamics/predict.ts";
import type { SimilarityResult } from "../../dynamics/similarity.ts";
import type { WassersteinResult } from "../../dynamics/wasserstein.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import { plotHeatmap } from "../../display/heatmap.ts";
import { plotDmdEigenvalues, plotSingularValues } from "./figures.ts";

function spectralRadius(e: { re: Float64Array; im: Float64Array }): number {
  let m = 0;
  for (let k = 0; k < e.re.length; k++) m = Math.max(m, Math.hypot(e.re[k]!, e.im[k]!));
  return m;
}

function renderDmd(r: DmdFit | DmdcFit, label: string) {
  const { eigenvalues, singularValues: s, rank } = r;
  const fields: Record<string, unknown> = {
    rank,
    "numerical rank": r.numericalRank,
    "delays D": r.nDelays,
    "delay interval k": r.delayInterval,
    ridge: r.ridge,
    "spectral radius": spectralRadius(eigenvalues),
  };
  if ("inputs" in r) fields["control inputs"] = r.inputs;
  const warning = r.warning;
  return renderResult({
    title: `${label} (rank ${rank})`,
    fields,
    ...(warning ? { note: `Warning: ${warning}` } : {}),
    figure: [plotDmdEigenvalues({ eigenvalues }), plotSingularValues(s, { rank })],
  });
}

registerView("dmd", (r) => renderDmd(r, "DMD fit"));
registerView("dmdc", (r) => renderDmd(r, "DMD with control"));

registerView("dmdPrediction", (r: DmdPrediction) =>
  renderResult({
    title: "DMD prediction",
    fields: { "R²": r.r2, MSE: r.mse, "steps ahead": r.steps, "predicted samples": r.predicted },
  }));

const SIMILARITY_NOTE = "The search covers all of O(n); the lower bound shows how tight it is.";

/**
 * The display fields of a similarity-transform search (distance, lower bound,
 * both scores, determinant, starts, iterations, stop reason).
 *
 * @param r The search result.
 * @returns Name → value, in display order.
 *
 * @example
 * ```ts
 * import { similarityFields } from "./renderers.ts";
 * import { similarityTransformDistance } from "../../dynamics/similarity.ts";
 * import assert from "node:assert/strict";
 * const A = [[0.9, 0.1], [0, 0.5]];
 * const f = similarityFields(similarityTransformDistance(A, A));
 * assert.ok((f["distance (angular)"] as number) < 1e-6);
 * ```
 */
export function similarityFields(r: SimilarityResult): Record<string, unknown> {
  return {
    [`distance (${r.score})`]: r.distance,
    "lower bound": r.lowerBound,
    "angular (rad)": r.angular,
    euclidean: r.euclidean,
    "det C": r.determinant,
    "starts at best": `${r.startsAtBest} of ${r.starts}`,
    "best start": r.bestStart,
    iterations: r.iterations,
    "stopped by": r.stopReason,
    converged: r.converged,
  };
}

registerView("similarityTransform", (r: SimilarityResult) =>
  renderResult({
    title: "Similarity-transform distance",
    note: SIMILARITY_NOTE,
    fields: similarityFields(r),
    // the orthogonal C found: which coordinates of one system map to which of the other
    figure: r.C.rows * r.C.cols <= 250_000 && r.C.data.every(Number.isFinite)
      ? plotHeatmap(r.C, {
        title: `Best similarity transform C (det ${r.determinant > 0 ? "+1" : "−1"})`,
        legendLabel: "C",
        scheme: "rdbu",
        domain: [-1, 1],
      })
      : undefined,
  }));

registerView("wassersteinEigenvalues", (r: WassersteinResult) =>
  renderResult({
    title: "Wasserstein eigenvalue score",
    fields: { "score (squared W₂)": r.score, eigenvalues: r.size },
  }));

registerView("dsaMatrix", (r: DsaMatrix) => {
  const M = r.matrix;
  const complete = !Array.from(M.data).some(Number.isNaN);
  const square = M.rows === M.cols;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < M.cols; j++) {
      const v = M.data[i * M.cols + j]!;
      if (square && i === j || Number.isNaN(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return renderResult({
    title: `DSA matrix (${r.score}, ${M.rows} × ${M.cols})`,
    fields: {
      "pairs scored": r.pairs,
      shard: r.shard,
      "off-diagonal range": Number.isFinite(lo) ? `${fmt(lo)} … ${fmt(hi)}` : "none",
      "DMD ranks": r.ranks,
    },
    figure: complete
      ? plotHeatmap(M, { order: square ? "cluster" : "none", legendLabel: r.score })
      : undefined,
  });
});

function fmt(v: number): string {
  return String(Number(v.toPrecision(4)));
}
