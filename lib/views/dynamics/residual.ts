/**
 * ResDMD view: the eigenvalues of a fitted operator in the complex plane,
 * coloured by their residual, with the cleaning threshold marked.
 *
 * @module
 */

import type { CleanedWassersteinResult, DmdResiduals } from "../../dynamics/residual.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import * as Plot from "../../deps/plot.ts";
import { asVector } from "../../display/check.ts";
import { createDocument } from "../../display/dom.ts";
import type { Figure } from "../../display/figure.ts";
import { extent, formatNumber } from "../../display/format.ts";
import { composeFigure, type Placed } from "../../display/layout.ts";
import { colorBar, continuousColor } from "../../display/legend.ts";
import { complexPlaneChart, complexTitle } from "../../display/complex_plane.ts";

/** Options for {@link plotDmdResiduals}. */
export interface DmdResidualsPlotOptions {
  /** Title. @default "DMD eigenvalues by residual" */
  title?: string;
  /** Residual threshold: eigenvalues above it are drawn hollow (spurious). @default none */
  threshold?: number;
  /** Side of the square chart in pixels. @default 400 */
  size?: number;
  /** Plot colour scheme. @default "viridis" */
  scheme?: string;
  /** Note written in the empty panel drawn when there are no eigenvalues. @default "no eigenvalues" */
  emptyNote?: string;
}

const CONTEXT = "Cannot plot DMD residuals";

/**
 * Eigenvalues `re + i·im` on equal axes with the unit circle, each coloured by its
 * residual (e.g. from `dmdResiduals`); with a threshold, spurious ones are hollow.
 * No eigenvalues (e.g. a cleaned spectrum whose threshold removed all) give the
 * empty plane with `emptyNote` written in it.
 *
 * @param res `{re, im, residuals}` of equal lengths.
 * @param options Title, threshold, size, colours.
 * @returns A figure whose summary counts the eigenvalues kept by the threshold.
 *
 * @example
 * ```ts
 * import { plotDmdResiduals } from "./residual.ts";
 * import assert from "node:assert/strict";
 * const fig = plotDmdResiduals(
 *   { re: [0.95, 0.95, -0.5], im: [0.3, -0.3, 0], residuals: [0.01, 0.01, 0.6] },
 *   { threshold: 0.1 },
 * );
 * assert.match(fig.summary, /3 eigenvalues; 2 with residual ≤ 0.1/);
 * ```
 *
 * @example An empty spectrum draws an empty panel with a note
 * ```ts
 * import { plotDmdResiduals } from "./residual.ts";
 * import assert from "node:assert/strict";
 * const fig = plotDmdResiduals({ re: [], im: [], residuals: [] }, { emptyNote: "none kept" });
 * assert.equal(fig.summary, "DMD residuals: 0 eigenvalues; none kept");
 * assert.match(fig.svg, />none kept</);
 * ```
 */
export function plotDmdResiduals(
  res: { re: ArrayLike<number>; im: ArrayLike<number>; residuals: ArrayLike<number> },
  options: DmdResidualsPlotOptions = {},
): Figure {
  const {
    title = "DMD eigenvalues by residual",
    threshold,
    size = 400,
    scheme = "viridis",
    emptyNote = "no eigenvalues",
  } = options;
  const x = asVector(res.re, "re", CONTEXT), y = asVector(res.im, "im", CONTEXT);
  const r = asVector(res.residuals, "residuals", CONTEXT);
  if (x.length !== y.length || x.length !== r.length) {
    throw new TypeError(
      `${CONTEXT}: \`re\`, \`im\` and \`residuals\` must have the same length: got ${x.length}, ${y.length} and ${r.length}`,
    );
  }
  if (x.length === 0) return emptyPanel(title, size, emptyNote);
  const domain = extent(Array.from(r)) as [number, number];
  if (domain[0] === domain[1]) domain[1] = domain[0] + 1e-12;
  const color = continuousColor(scheme, domain, CONTEXT);
  const points = Array.from(x, (re, k) => {
    const spurious = threshold !== undefined && r[k]! > threshold;
    return {
      re,
      im: y[k]!,
      c: color(r[k]!),
      fill: spurious ? "white" : color(r[k]!),
      spurious,
      // hover title (SVG <title>): the eigenvalue and its residual
      title: `${complexTitle(re, y[k]!)}, residual ${formatNumber(r[k]!)}`,
    };
  });
  const radius = extent(points.map((p) => Math.hypot(p.re, p.im)))[1];
  const doc = createDocument();
  const { node, margin } = complexPlaneChart(
    doc,
    Plot.dot(points, {
      x: "re",
      y: "im",
      r: 4.5,
      fill: "fill",
      stroke: "c",
      strokeWidth: 1.5,
      title: "title",
    }),
    { radius, unitCircle: true, size },
  );
  const bar = colorBar(doc, color, domain, { label: "residual" });
  const items: Placed[] = [
    { node, x: 0, y: 0 },
    { node: bar.node, x: size + 4, y: margin },
  ];
  const kept = points.filter((p) => !p.spurious).length;
  const summary = `DMD residuals: ${points.length} eigenvalues${
    threshold !== undefined
      ? `; ${kept} with residual ≤ ${formatNumber(threshold)} (hollow: above)`
      : ""
  }; residuals ${formatNumber(domain[0])}–${formatNumber(domain[1])}`;
  return composeFigure(doc, { title, width: size + bar.width + 12, height: size, items, summary });
}

/** The unit circle with a note and no points (and no colour bar: there are no residuals). */
function emptyPanel(title: string, size: number, note: string): Figure {
  const doc = createDocument();
  const { node } = complexPlaneChart(
    doc,
    Plot.text([note], { x: 0, y: 0.5, text: (d: string) => d, fontSize: 12, fill: "#555" }),
    { radius: 0, unitCircle: true, size },
  );
  return composeFigure(doc, {
    title,
    width: size,
    height: size,
    items: [{ node, x: 0, y: 0 }],
    summary: `DMD residuals: 0 eigenvalues; ${note}`,
  });
}

registerView("dmdResiduals", (r: DmdResiduals) =>
  renderResult({
    title: `ResDMD residuals of ${r.re.length} eigenpairs (${r.transitions} transitions)`,
    fields: { "largest residual": Math.max(...r.residuals) },
    figure: plotDmdResiduals(r),
  }));

registerView("cleanedWasserstein", (r: CleanedWassersteinResult) =>
  renderResult({
    title: "Wasserstein distance between cleaned DMD spectra",
    fields: {
      score: r.score,
      "kept (X, Y)": `${r.cleaned[0].kept.length}, ${r.cleaned[1].kept.length}`,
      "removed (X, Y)": `${r.cleaned[0].removed}, ${r.cleaned[1].removed}`,
      threshold: r.cleaned[0].threshold,
    },
    figure: (["X", "Y"] as const).map((name, k) =>
      plotDmdResiduals(r.cleaned[k]!, {
        title: `${name}: kept eigenvalues`,
        emptyNote: `none kept: all ${r.cleaned[k]!.removed} have residual > ${
          formatNumber(r.cleaned[k]!.threshold)
        }`,
      })
    ),
  }));
