/**
 * Renderers for the result kinds of `lib/dynamics` (Dynamical Similarity Analysis):
 * DMD fits show their eigenvalues with the unit circle and the singular-value
 * spectrum with the chosen rank; similarity-transform distances show the distance,
 * the lower bound and how the search went; DSA matrices show a heatmap (MDS
 * embeddings display through the shape-metrics renderers). Importing this module registers them.
 *
 * @example A DMD fit displays its eigenvalues and spectrum
 * ```ts
 * import "./dynamics.ts";
 * import { fitDmd } from "../dynamics/dmd.ts";
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

import { registerRenderer } from "../result.ts";

export {
  type DmdEigenvaluesOptions,
  plotDmdEigenvalues,
  plotDsaVsProcrustes,
  plotSingularValues,
  sideBySide,
  type SingularValuesOptions,
} from "./dynamics_figures.ts";
import { renderResult } from "./bundle.ts";
import { plotDmdEigenvalues, plotSingularValues } from "./dynamics_figures.ts";
import { plotHeatmap } from "./heatmap.ts";

interface MatrixData {
  rows: number;
  cols: number;
  data: Float64Array;
}

function spectralRadius(e: { re: Float64Array; im: Float64Array }): number {
  let m = 0;
  for (let k = 0; k < e.re.length; k++) m = Math.max(m, Math.hypot(e.re[k]!, e.im[k]!));
  return m;
}

function renderDmd(r: Record<string, unknown>, label: string) {
  const eigenvalues = r.eigenvalues as { re: Float64Array; im: Float64Array };
  const s = r.singularValues as Float64Array;
  const rank = r.rank as number;
  const fields: Record<string, unknown> = {
    rank,
    "numerical rank": r.numericalRank,
    "delays D": r.nDelays,
    "delay interval k": r.delayInterval,
    ridge: r.ridge,
    "spectral radius": spectralRadius(eigenvalues),
  };
  if (typeof r.inputs === "number") fields["control inputs"] = r.inputs;
  return renderResult({
    title: `${label} (rank ${rank})`,
    fields,
    figure: [plotDmdEigenvalues({ eigenvalues }), plotSingularValues(s, { rank })],
  });
}

registerRenderer("dmd", (r) => renderDmd(r, "DMD fit"));
registerRenderer("dmdc", (r) => renderDmd(r, "DMD with control"));

registerRenderer("dmdPrediction", (r) =>
  renderResult({
    title: "DMD prediction",
    fields: { "R²": r.r2, MSE: r.mse, "steps ahead": r.steps, "predicted samples": r.predicted },
  }));

const SIMILARITY_NOTE = "The search covers all of O(n); the lower bound shows how tight it is.";

function similarityFields(r: Record<string, unknown>): Record<string, unknown> {
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

registerRenderer("similarityTransform", (r) =>
  renderResult({
    title: "Similarity-transform distance",
    note: SIMILARITY_NOTE,
    fields: similarityFields(r),
  }));

registerRenderer("dsa", (r) => {
  const ranks = r.ranks as [number, number];
  const sim = r.similarity as Record<string, unknown> | undefined;
  const fields: Record<string, unknown> = { [`distance (${r.score})`]: r.distance };
  fields["DMD ranks"] = `${ranks[0]}, ${ranks[1]}`;
  if (sim) {
    const { [`distance (${sim.score})`]: _d, ...rest } = similarityFields(sim);
    Object.assign(fields, rest);
  }
  return renderResult({ title: "Dynamical Similarity Analysis", fields });
});

registerRenderer("wassersteinEigenvalues", (r) =>
  renderResult({
    title: "Wasserstein eigenvalue score",
    fields: { "score (squared W₂)": r.score, eigenvalues: r.size },
  }));

registerRenderer("dsaMatrix", (r) => {
  const M = r.matrix as MatrixData;
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
      ? plotHeatmap(M, { order: square ? "cluster" : "none", legendLabel: String(r.score) })
      : undefined,
  });
});

function fmt(v: number): string {
  return String(Number(v.toPrecision(4)));
}
