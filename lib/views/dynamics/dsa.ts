/**
 * The figure of a DSA comparison (`dsa`): the eigenvalues of both systems'
 * DMD operators on one complex plane with the unit circle, the distance in the
 * title. Importing this file registers the `dsa` renderer.
 *
 * @module
 */

import * as Plot from "../../deps/plot.ts";
import type { DsaResult } from "../../dynamics/dsa.ts";
import { renderResult } from "../../display/bundle.ts";
import { complexPlaneChart, complexTitle } from "../../display/complex_plane.ts";
import { createDocument } from "../../display/dom.ts";
import type { Figure } from "../../display/figure.ts";
import { extent, formatNumber } from "../../display/format.ts";
import { composeFigure, type Placed } from "../../display/layout.ts";
import { CATEGORY_COLORS, swatches } from "../../display/legend.ts";
import { similarityFields } from "./renderers.ts";
import { registerView } from "../kinds.ts";

/** Options for {@link plotDsaEigenvalues}. */
export interface DsaEigenvaluesOptions {
  /** Names of the two systems (legend and hover titles). @default ["X", "Y"] */
  names?: readonly [string, string];
  /** Title. @default the score and distance, e.g. "DSA angular distance 0.0123" */
  title?: string;
  /** Side of the square chart in pixels. @default 400 */
  size?: number;
}

/**
 * Both systems' DMD eigenvalues in the complex plane (the first filled, the
 * second as rings, so coinciding spectra show both), with the unit circle and
 * the DSA distance in the title: dynamics alike in the eigenvalues sit on top
 * of each other. (The angular/euclidean scores compare the operators up to a
 * change of basis, which keeps the eigenvalues, so equal spectra are necessary
 * for a zero distance, not sufficient.)
 *
 * @param result A `dsa` result (with `eigenvalues`).
 * @param options Names, title, size.
 * @returns The figure; its summary gives the counts, the spectral radii and the distance.
 *
 * @example Two rotations at different speeds
 * ```ts
 * import { plotDsaEigenvalues } from "./dsa.ts";
 * import { dsa } from "../../dynamics/dsa.ts";
 * import assert from "node:assert/strict";
 * const X = Array.from({ length: 60 }, (_, t) => [Math.cos(0.2 * t), Math.sin(0.2 * t)]);
 * const Y = Array.from({ length: 60 }, (_, t) => [Math.cos(0.5 * t), Math.sin(0.5 * t)]);
 * const fig = plotDsaEigenvalues(dsa(X, Y, { rank: 2 }), { names: ["slow", "fast"] });
 * assert.match(fig.title, /^DSA angular distance \d/);
 * assert.match(fig.summary, /slow: 2 eigenvalues, largest \|λ\| 1; fast: 2 eigenvalues, largest \|λ\| 1/);
 * assert.match(fig.svg, /<title>fast: 0.87\d* \+ 0.47\d*i/); // hover title of an eigenvalue
 * ```
 */
export function plotDsaEigenvalues(
  result: Pick<DsaResult, "eigenvalues" | "distance" | "score">,
  options: DsaEigenvaluesOptions = {},
): Figure {
  const { names = ["X", "Y"], size = 400 } = options;
  const title = options.title ?? `DSA ${result.score} distance ${formatNumber(result.distance)}`;
  const colors = [CATEGORY_COLORS[0]!, CATEGORY_COLORS[1]!];
  const points = result.eigenvalues.flatMap((e, s) =>
    Array.from(e.re, (re, k) => ({
      re,
      im: e.im[k]!,
      s,
      title: `${names[s]}: ${complexTitle(re, e.im[k]!)}`,
    }))
  );
  const radius = extent(points.map((p) => Math.hypot(p.re, p.im)))[1];
  const marks = [
    Plot.dot(points.filter((p) => p.s === 0), {
      x: "re",
      y: "im",
      r: 4.5,
      fill: colors[0],
      stroke: "white",
      strokeWidth: 0.5,
      title: "title",
    }),
    Plot.dot(points.filter((p) => p.s === 1), {
      x: "re",
      y: "im",
      r: 6,
      fill: "none",
      stroke: colors[1],
      strokeWidth: 1.75,
      title: "title",
    }),
  ];
  const doc = createDocument();
  const { node, margin } = complexPlaneChart(doc, marks, {
    radius: Number.isFinite(radius) ? radius : 1,
    unitCircle: true,
    size,
  });
  const legend = swatches(doc, [
    { label: names[0], color: colors[0], shape: "circle" },
    { label: names[1], color: colors[1], shape: "ring" },
  ]);
  const items: Placed[] = [{ node, x: 0, y: 0 }, { node: legend.node, x: size, y: margin }];
  const describe = (s: 0 | 1) => {
    const e = result.eigenvalues[s];
    const r = extent(Array.from(e.re, (re, k) => Math.hypot(re, e.im[k]!)))[1];
    return `${names[s]}: ${e.re.length} eigenvalues, largest |λ| ${formatNumber(r, 3)}`;
  };
  const summary = `DMD eigenvalues of both systems (${describe(0)}; ${
    describe(1)
  }); ${result.score} distance ${formatNumber(result.distance)}`;
  return composeFigure(doc, {
    title,
    width: size + legend.width + 12,
    height: size,
    items,
    summary,
  });
}

registerView("dsa", (r: DsaResult) => {
  const { ranks, similarity: sim } = r;
  const fields: Record<string, unknown> = { [`distance (${r.score})`]: r.distance };
  fields["DMD ranks"] = `${ranks[0]}, ${ranks[1]}`;
  if (sim) {
    const { [`distance (${sim.score})`]: _d, ...rest } = similarityFields(sim);
    Object.assign(fields, rest);
  }
  return renderResult({
    title: "Dynamical Similarity Analysis",
    fields,
    figure: r.eigenvalues ? plotDsaEigenvalues(r) : undefined,
  });
});
