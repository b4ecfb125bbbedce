/**
 * Figures for Dynamical Similarity Analysis: DMD eigenvalues in the complex plane,
 * the Hankel singular-value spectrum with the chosen rank, and a DSA matrix next to
 * a Procrustes matrix over the same systems.
 *
 * @module
 */

import * as Plot from "../../deps/plot.ts";
import { asVector } from "../../display/check.ts";
import { plotComplexPlane } from "../../display/complex_plane.ts";
import { type Figure, figure } from "../../display/figure.ts";
import { formatNumber } from "../../display/format.ts";
import { plotHeatmap } from "../../display/heatmap.ts";
import { fitTitle, plotFigure, titleMarkup } from "../../display/layout.ts";
import type { MatrixLike } from "../../linalg/matrix.ts";

/** Options for {@link plotDmdEigenvalues}. */
export interface DmdEigenvaluesOptions {
  /** Title. @default "DMD eigenvalues" */
  title?: string;
  /** Side of the square plot in pixels. @default 360 */
  size?: number;
}

/**
 * The eigenvalues of a fitted DMD operator in the complex plane with the unit circle
 * (inside: decaying modes; on it: persistent; outside: growing).
 *
 * @param fit Anything with `eigenvalues: {re, im}` (e.g. `fitDmd(...)`).
 * @param options Title, size.
 * @returns The figure.
 *
 * @example
 * ```ts
 * import { plotDmdEigenvalues } from "./figures.ts";
 * import assert from "node:assert/strict";
 * const fig = plotDmdEigenvalues({ eigenvalues: { re: [0.9, 0.9], im: [0.3, -0.3] } });
 * assert.match(fig.summary, /2 values; largest \|z\| 0.9487; 0 outside/);
 * ```
 */
export function plotDmdEigenvalues(
  fit: { eigenvalues: { re: ArrayLike<number>; im: ArrayLike<number> } },
  options: DmdEigenvaluesOptions = {},
): Figure {
  const { title = "DMD eigenvalues", size = 360 } = options;
  return plotComplexPlane(fit.eigenvalues.re, fit.eigenvalues.im, { title, size });
}

/** Options for {@link plotSingularValues}. */
export interface SingularValuesOptions {
  /** Rank r to mark (the kept singular values are drawn dark). @default none */
  rank?: number;
  /** Title. @default "Hankel singular values" */
  title?: string;
  /** Show at most this many leading values. @default 60 */
  maxShown?: number;
  /** Width in pixels. @default 420 */
  width?: number;
  /** Height in pixels. @default 260 */
  height?: number;
}

/**
 * The singular-value spectrum (log scale) with the kept rank marked: values 1..r are
 * dark, the rest light, and a dashed rule sits between r and r + 1.
 *
 * @param s Singular values, descending (positive values are plotted).
 * @param options Rank, title, sizes.
 * @returns The figure; its summary gives the rank and the variance fraction it keeps.
 *
 * @example
 * ```ts
 * import { plotSingularValues } from "./figures.ts";
 * import assert from "node:assert/strict";
 * const fig = plotSingularValues([3, 2, 1, 1], { rank: 3 });
 * assert.match(fig.summary, /rank 3 of 4; keeps 93.33% of Σσ²/);
 * ```
 */
export function plotSingularValues(
  s: ArrayLike<number>,
  options: SingularValuesOptions = {},
): Figure {
  const context = "Cannot plot singular values";
  const { rank, title = "Hankel singular values", maxShown = 60, width = 420, height = 260 } =
    options;
  const v = asVector(s, "s", context);
  if (v.length === 0) throw new RangeError(`${context}: \`s\` must not be empty: got []`);
  if (rank !== undefined && !(Number.isInteger(rank) && rank >= 1 && rank <= v.length)) {
    throw new RangeError(
      `${context}: \`rank\` must be an integer in [1, ${v.length}]: got ${rank}`,
    );
  }
  const r = rank ?? v.length;
  const shown = Array.from(v.subarray(0, Math.min(v.length, maxShown)), (sigma, k) => ({
    k: k + 1,
    sigma,
    kept: k < r ? "kept" : "dropped",
  })).filter((d) => d.sigma > 0);
  let total = 0, kept = 0;
  v.forEach((x, k) => {
    total += x * x;
    if (k < r) kept += x * x;
  });
  const marks: Plot.Markish[] = [
    Plot.line(shown, { x: "k", y: "sigma", stroke: "#bbb" }),
    Plot.dot(shown, {
      x: "k",
      y: "sigma",
      r: 3,
      fill: (d: { kept: string }) => d.kept === "kept" ? "#1f4e99" : "#b9c6dd",
      title: (d: { k: number; sigma: number; kept: string }) =>
        `σ${d.k} = ${formatNumber(d.sigma)} (${d.kept})`,
    }),
  ];
  if (rank !== undefined) {
    marks.push(Plot.ruleX([r + 0.5], { stroke: "#d62728", strokeDasharray: "4 3" }));
  }
  const frac = total > 0 ? kept / total : 1;
  const summary = `Singular values: rank ${r} of ${v.length}; keeps ${
    formatNumber(100 * frac, 4)
  }% of Σσ²; σ₁ = ${formatNumber(v[0]!)}, σ_r = ${formatNumber(v[r - 1]!)}`;
  return plotFigure({
    width,
    height,
    marginLeft: 56,
    x: { label: rank === undefined ? "index" : `index (rank ${r} marked)` },
    y: { type: "log", label: "σ", tickFormat: (d: number) => d.toExponential(0) },
    color: { type: "identity" },
    grid: true,
    marks,
  }, { title, summary });
}

/**
 * Place figures side by side in one figure (each keeps its own drawing).
 *
 * @param figures Figures, left to right.
 * @param options Title and summary of the whole.
 * @returns The combined figure.
 *
 * @example
 * ```ts
 * import { sideBySide } from "./figures.ts";
 * import { plotHeatmap } from "../../display/heatmap.ts";
 * import assert from "node:assert/strict";
 * const a = plotHeatmap([[0, 1], [1, 0]]);
 * const fig = sideBySide([a, a], { title: "Two" });
 * assert.equal(fig.width, 2 * a.width + 16);
 * ```
 */
export function sideBySide(
  figures: readonly Figure[],
  options: { title?: string; summary?: string } = {},
): Figure {
  const { title = "", summary = figures.map((f) => f.summary).join("\n") } = options;
  const gap = 16;
  const widths = figures.reduce((w, f) => w + f.width + gap, 0);
  const fit = fitTitle(title, Math.max(0, widths - gap)), top = fit.height;
  let x = 0;
  const parts: string[] = [];
  for (const f of figures) {
    parts.push(f.svg.replace(/^<svg/, `<svg x="${x}" y="${top}"`));
    x += f.width + gap;
  }
  const width = fit.width, height = top + Math.max(0, ...figures.map((f) => f.height));
  const head = titleMarkup(fit.lines);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="10"><rect width="${width}" height="${height}" fill="white"/>${head}${
      parts.join("")
    }</svg>`;
  return figure(svg, { title, summary });
}

/**
 * A DSA matrix and a Procrustes matrix over the same systems side by side, each in
 * clustering order of its own, so block structure (or its absence) is visible.
 *
 * @param dsaMatrix DSA distances [K, K].
 * @param procrustesMatrix Procrustes (shape) distances [K, K].
 * @param labels K labels, e.g. the system type of each instance.
 * @returns The figure.
 *
 * @example
 * ```ts
 * import { plotDsaVsProcrustes } from "./figures.ts";
 * import assert from "node:assert/strict";
 * const D = [[0, 1], [1, 0]];
 * const fig = plotDsaVsProcrustes(D, D, ["a", "b"]);
 * assert.match(fig.svg, /DSA/);
 * assert.match(fig.svg, /Procrustes/);
 * ```
 */
export function plotDsaVsProcrustes(
  dsaMatrix: MatrixLike,
  procrustesMatrix: MatrixLike,
  labels: readonly (string | number)[],
): Figure {
  const common = { labels, order: "cluster" as const, showValues: false, cellSize: 22 };
  const a = plotHeatmap(dsaMatrix, { ...common, title: "DSA", legendLabel: "angular distance" });
  const b = plotHeatmap(procrustesMatrix, {
    ...common,
    title: "Procrustes",
    legendLabel: "angular distance",
  });
  return sideBySide([a, b], { summary: `DSA — ${a.summary}\nProcrustes — ${b.summary}` });
}
