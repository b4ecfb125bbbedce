/**
 * RSA figures: an RDM heatmap with condition labels, and model-comparison bars
 * with bootstrap intervals over the noise-ceiling band.
 *
 * @module
 */

import * as Plot from "../../deps/plot.ts";
import type { Figure } from "../../display/figure.ts";
import { plotHeatmap } from "../../display/heatmap.ts";
import { plotFigure } from "../../display/layout.ts";
import type { Matrix } from "../../linalg/matrix.ts";
import type { RdmModelComparison, RdmResult } from "../../rsa/mod.ts";

/** Options for {@link plotRdm}. */
export interface PlotRdmOptions {
  /** Figure title. @default "RDM (<method>)" */
  title?: string;
  /** Condition labels. @default the result's conditions */
  labels?: readonly (string | number)[];
  /** Put conditions in average-linkage order. @default false */
  cluster?: boolean;
}

/**
 * Heatmap of an RDM, conditions labelled on both axes.
 *
 * @param result An `rdm` result (or any object with `rdm` and `conditions`).
 * @param options Title, labels, ordering.
 * @returns The figure.
 *
 * @example
 * ```ts
 * import { computeRdm } from "../../rsa/mod.ts";
 * import { plotRdm } from "./figures.ts";
 * import assert from "node:assert/strict";
 * const r = computeRdm([[0, 0], [1, 0], [0, 3]], { conditions: ["a", "b", "c"] });
 * const fig = plotRdm(r);
 * assert.match(fig.svg, />c</);
 * assert.match(fig.summary, /3 × 3/);
 * ```
 */
export function plotRdm(
  result: Pick<RdmResult, "rdm" | "conditions"> & { method?: string },
  options: PlotRdmOptions = {},
): Figure {
  const { title = `RDM${result.method ? ` (${result.method})` : ""}`, cluster = false } = options;
  const labels = options.labels ?? result.conditions;
  return plotHeatmap(result.rdm as Matrix, {
    title,
    labels,
    order: cluster ? "cluster" : "none",
    clusterOn: "distance",
    legendLabel: "dissimilarity",
  });
}

/** Options for {@link plotRdmModelComparison}. */
export interface PlotModelComparisonOptions {
  /** Figure title. @default "Model comparison (<method>)" */
  title?: string;
  /** Chart width in pixels. @default 520 */
  width?: number;
}

/**
 * Bars of model evaluations with 95 % bootstrap intervals, over a grey band from
 * the lower to the upper noise ceiling.
 *
 * @param result A `rsaModelComparison` result.
 * @param options Title and width.
 * @returns The figure.
 *
 * @example
 * ```ts
 * import { plotRdmModelComparison } from "./figures.ts";
 * import assert from "node:assert/strict";
 * const fig = plotRdmModelComparison({
 *   method: "corr", bootstrap: "pattern", samples: 100, valid: 100,
 *   models: ["a", "b"], evaluations: [0.8, 0.3], se: [0.05, 0.1],
 *   ci: [[0.7, 0.9], [0.1, 0.5]], noiseCeiling: { lower: 0.85, upper: 0.95 },
 * });
 * assert.match(fig.summary, /a 0.8 \[0.7, 0.9\]; b 0.3 \[0.1, 0.5\]; noise ceiling \[0.85, 0.95\]/);
 * assert.match(fig.svg, /aria-label="rect"/);
 * ```
 */
export function plotRdmModelComparison(
  result: RdmModelComparison,
  options: PlotModelComparisonOptions = {},
): Figure {
  const { title = `Model comparison (${result.method})`, width = 520 } = options;
  const rows = result.models.map((name, i) => ({
    name,
    value: result.evaluations[i]!,
    lo: result.ci[i]![0],
    hi: result.ci[i]![1],
    // hover title (SVG <title>): the model's evaluation and CI
    title: `${name}: ${Number(result.evaluations[i]!.toPrecision(4))} [${
      Number(result.ci[i]![0].toPrecision(4))
    }, ${Number(result.ci[i]![1].toPrecision(4))}]`,
  }));
  const marks: Plot.Markish[] = [];
  const nc = result.noiseCeiling;
  if (nc) {
    marks.push(
      Plot.rectY([nc], {
        y1: "lower",
        y2: "upper",
        fill: "#bbb",
        fillOpacity: 0.5,
      }), // without x channels the band spans the whole frame
    );
  }
  marks.push(
    Plot.barY(rows, { x: "name", y: "value", fill: "steelblue", title: "title" }),
    Plot.ruleY([0]),
    Plot.ruleX(rows, { x: "name", y1: "lo", y2: "hi", stroke: "black", title: "title" }),
    Plot.tickY(rows.flatMap((r) => [{ ...r, e: r.lo }, { ...r, e: r.hi }]), {
      x: "name",
      y: "e",
      inset: 8,
    }),
  );
  const fmt = (v: number) => String(Number(v.toPrecision(4)));
  const summary = `Model evaluations (${result.method}, 95% ${result.bootstrap} bootstrap): ${
    rows.map((r) => `${r.name} ${fmt(r.value)} [${fmt(r.lo)}, ${fmt(r.hi)}]`).join("; ")
  }${nc ? `; noise ceiling [${fmt(nc.lower)}, ${fmt(nc.upper)}]` : ""}`;
  return plotFigure({
    width,
    height: 320,
    marginLeft: 56,
    x: { type: "band", domain: rows.map((r) => r.name), label: null, padding: 0.2 },
    y: { label: `evaluation (${result.method})`, grid: true },
    marks,
  }, { title, summary });
}
