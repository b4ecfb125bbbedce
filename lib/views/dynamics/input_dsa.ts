/**
 * Views of the input-driven dynamics results: InputDSA (both state operators'
 * spectra on one unit circle, with the joint, state and input distances) and
 * subspace DMDc fits (eigenvalues and the singular values of the oblique
 * projection with the chosen order). Importing this module registers them.
 *
 * @module
 */

import type { InputDsaResult } from "../../dynamics/input_dsa.ts";
import type { SubspaceDmdcFit } from "../../dynamics/subspace_dmdc.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import * as Plot from "../../deps/plot.ts";
import { asVector } from "../../display/check.ts";
import { complexPlaneChart } from "../../display/complex_plane.ts";
import { createDocument } from "../../display/dom.ts";
import type { Figure } from "../../display/figure.ts";
import { extent, formatNumber } from "../../display/format.ts";
import { composeFigure, type Placed } from "../../display/layout.ts";
import { CATEGORY_COLORS, swatches } from "../../display/legend.ts";
import { plotDmdEigenvalues, plotSingularValues } from "./figures.ts";

/** Options for {@link plotSpectraPair}. */
export interface SpectraPairOptions {
  /** Title. @default "Spectra of A" */
  title?: string;
  /** Legend labels of the two systems. @default ["system 1", "system 2"] */
  labels?: readonly [string, string];
  /** Side of the square chart in pixels. @default 400 */
  size?: number;
}

const CONTEXT = "Cannot plot spectra";

/**
 * Two sets of eigenvalues on one complex plane with the unit circle: system 1 as
 * filled dots, system 2 as rings, one colour each.
 *
 * @param spectra The two spectra `{re, im}`.
 * @param options Title, labels, size.
 * @returns The figure; its summary gives each count and spectral radius.
 *
 * @example
 * ```ts
 * import { plotSpectraPair } from "./input_dsa.ts";
 * import assert from "node:assert/strict";
 * const fig = plotSpectraPair([{ re: [0.9, 0.9], im: [0.2, -0.2] }, { re: [0.5], im: [0] }]);
 * assert.match(fig.summary, /system 1: 2 eigenvalues, largest \|z\| 0.922; system 2: 1 eigenvalues, largest \|z\| 0.5/);
 * ```
 */
export function plotSpectraPair(
  spectra: readonly [
    { re: ArrayLike<number>; im: ArrayLike<number> },
    { re: ArrayLike<number>; im: ArrayLike<number> },
  ],
  options: SpectraPairOptions = {},
): Figure {
  const { title = "Spectra of A", labels = ["system 1", "system 2"], size = 400 } = options;
  const points = spectra.flatMap((e, s) => {
    const re = asVector(e.re, `spectra[${s}].re`, CONTEXT);
    const im = asVector(e.im, `spectra[${s}].im`, CONTEXT);
    if (re.length !== im.length || re.length === 0) {
      throw new TypeError(
        `${CONTEXT}: \`spectra[${s}]\` must have re and im of one non-zero length: got ${re.length} and ${im.length}`,
      );
    }
    return Array.from(re, (r, k) => ({ re: r, im: im[k]!, system: s }));
  });
  const radius = (s: number) =>
    extent(points.filter((p) => p.system === s).map((p) => Math.hypot(p.re, p.im)))[1];
  const color = (s: number) => CATEGORY_COLORS[s]!;
  const doc = createDocument();
  const { node, margin } = complexPlaneChart(
    doc,
    Plot.dot(points, {
      x: "re",
      y: "im",
      r: (p: { system: number }) => (p.system === 0 ? 4 : 6),
      fill: (p: { system: number }) => (p.system === 0 ? color(0) : "none"),
      stroke: (p: { system: number }) => color(p.system),
      strokeWidth: 1.5,
    }),
    { radius: Math.max(radius(0), radius(1)), unitCircle: true, size },
  );
  const legend = swatches(doc, [
    { label: labels[0], color: color(0), shape: "circle" },
    { label: labels[1], color: color(1), shape: "ring" },
  ]);
  const items: Placed[] = [{ node, x: 0, y: 0 }, { node: legend.node, x: size, y: margin }];
  const part = (s: number) =>
    `${labels[s]}: ${points.filter((p) => p.system === s).length} eigenvalues, largest |z| ${
      formatNumber(radius(s))
    }`;
  return composeFigure(doc, {
    title,
    width: size + legend.width + 8,
    height: size,
    items,
    summary: `Spectra of A: ${part(0)}; ${part(1)}`,
  });
}

registerView("inputDsa", (r: InputDsaResult) =>
  renderResult({
    title: `InputDSA (${r.compare}, ${r.score}): ${formatNumber(r.distance)}`,
    fields: {
      ...(r.joint
        ? { "joint (angular)": r.joint.angular, "joint (euclidean)": r.joint.euclidean }
        : {}),
      "state (angular)": r.state.angular,
      "state (euclidean)": r.state.euclidean,
      "input (angular)": r.input.angular,
      "input (euclidean)": r.input.euclidean,
      "state dimension": r.order,
    },
    figure: plotSpectraPair(r.eigenvalues),
  }));

registerView("subspaceDmdc", (r: SubspaceDmdcFit) =>
  renderResult({
    title: `Subspace DMDc (order ${r.order})`,
    fields: {
      order: r.order,
      "past window p": r.nDelays,
      "future window f": r.horizon,
      outputs: r.outputs,
      inputs: r.inputs,
      "Hankel columns": r.columns,
      ridge: r.ridge,
    },
    figure: [
      plotDmdEigenvalues(r, { title: "Eigenvalues of A" }),
      plotSingularValues(r.singularValues, {
        rank: r.order,
        title: "Singular values of the oblique projection",
      }),
    ],
  }));
