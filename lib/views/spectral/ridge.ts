/**
 * Displays of the ridge-regression results of `lib/spectral`: renderers for
 * `ridgePredictivity` (cross-validated R² and Pearson r per neuron, with a bar
 * chart for up to 40 neurons) and `ridgeFit` (shape and settings), registered
 * when this module is imported.
 *
 * @example A fit displays its shape and penalty
 * ```ts
 * import "./ridge.ts";
 * import { fitRidge } from "../../spectral/ridge.ts";
 * import assert from "node:assert/strict";
 * const fit = fitRidge([[1, 0], [0, 1], [1, 1], [2, 1]], [[1], [2], [3], [4]], { ridge: 0.5 });
 * // deno-lint-ignore no-explicit-any
 * const b = (fit as any)[Symbol.for("Jupyter.display")]();
 * assert.match(b["text/plain"], /α = n·λ_reg\s+2\n/);
 * ```
 *
 * @module
 */

import { registerView } from "../kinds.ts";
import type { PredictivityResult } from "../../spectral/predictivity.ts";
import type { RidgeFit } from "../../spectral/ridge.ts";
import { plotBars } from "../../display/bars.ts";
import { plotHeatmap } from "../../display/heatmap.ts";
import { plotHistogram } from "../../display/histogram.ts";
import { renderResult } from "../../display/bundle.ts";
import { formatNumber } from "../../display/format.ts";
import { quantile } from "./curve_stats.ts";

registerView("ridgePredictivity", (s: PredictivityResult) => {
  const sorted = [...s.r2].sort((a, b) => a - b);
  return renderResult({
    title:
      `Cross-validated ridge predictivity (${s.folds} folds, P = ${s.P}, M = ${s.M}, N = ${s.N})`,
    fields: {
      "ridge λ_reg": s.ridge,
      "mean R²": s.meanR2,
      "median R²": quantile(sorted, 0.5),
      "R² range": `${formatNumber(sorted[0]!)} to ${formatNumber(sorted.at(-1)!)}`,
      "mean Pearson r": s.meanPearson,
      intercept: s.centered,
    },
    // per-neuron scores: a bar per neuron (hover: R² and Pearson r), or their histogram
    figure: s.N <= 40
      ? plotBars(s.r2, {
        title: "Cross-validated R² per neuron",
        valueLabel: "R²",
        labels: s.r2.map((_, n) => `neuron ${n} (r = ${formatNumber(s.pearson[n]!, 3)})`),
        reference: { value: s.meanR2, label: "mean" },
      })
      : plotHistogram(s.r2, {
        title: `Cross-validated R² of ${s.N} neurons`,
        xLabel: "R²",
        markers: [{ x: s.meanR2, label: "mean" }],
      }),
  });
});

registerView("ridgeFit", (f: RidgeFit) => {
  return renderResult({
    title: "Ridge regression fit",
    fields: {
      coefficients: `[${f.coef.length} features × ${f.intercept.length} outputs]`,
      "ridge λ_reg": f.ridge,
      "α = n·λ_reg": f.alpha,
      "training rows n": f.nTrain,
      solver: `${f.solver} (${f.method})`,
    },
    figure: coefficientFigure(f),
  });
});

/** Heatmap of ridge coefficients (features × outputs), for at most 250,000 finite entries. */
function coefficientFigure(f: RidgeFit) {
  const flat = f.coef.flat();
  if (flat.length === 0 || flat.length > 250_000 || !flat.every(Number.isFinite)) return undefined;
  const m = Math.max(...flat.map(Math.abs));
  return plotHeatmap(f.coef, {
    title: "Ridge coefficients (feature × output)",
    legendLabel: "coefficient",
    scheme: "rdbu",
    ...(m > 0 ? { domain: [-m, m] as const } : {}),
  });
}
