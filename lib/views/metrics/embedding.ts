/**
 * Display of embeddings of a metric space: classical MDS and tangent-space
 * scatters (the MDS title and summary give the negative-eigenvalue mass).
 * Importing this file registers the renderers.
 *
 * @module
 */

import type { Matrix } from "../../linalg/matrix.ts";
import type { ClassicalMDS } from "../../multiset/mds.ts";
import type { TangentEmbedding } from "../../multiset/tangent.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import type { Figure } from "../../display/figure.ts";
import { formatNumber as fmt } from "../../display/format.ts";
import { plotScatter2d } from "../../display/scatter2d.ts";

const median = (v: number[]) =>
  v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;

/** Options for {@link plotEmbedding}. */
export interface EmbeddingPlotOptions {
  /** One group per point (colour and legend), e.g. the architecture. @default none */
  groups?: readonly (string | number)[];
  /** The two coordinates to plot (0-based). @default [0, 1] */
  dims?: [number, number];
  /** Point labels. @default the result's labels (MDS) or none */
  labels?: readonly (string | number)[];
  /** Figure title. @default the embedding and its non-Euclidean share */
  title?: string;
}

/** What the embedding scatter needs: coordinates, optional point labels and negative mass. */
export type EmbeddingInput = { coordinates: Matrix; labels?: string[]; negativeMass?: number };

/**
 * Scatter of two coordinates of an embedding result (`classicalMDS` or
 * `tangentEmbedding`), equal aspect, with labels and optional groups.
 *
 * @param result An embedding with `coordinates` [K, dims].
 * @param options Groups, coordinates, labels, title.
 * @returns The figure; an MDS title states the negative-eigenvalue mass.
 *
 * @example Three points of a classical MDS
 * ```ts
 * import { classicalMDS } from "../../multiset/mds.ts";
 * import { plotEmbedding } from "./embedding.ts";
 * import assert from "node:assert/strict";
 * const mds = classicalMDS([[0, 1, 1], [1, 0, 1], [1, 1, 0]]);
 * const fig = plotEmbedding(mds, { groups: ["x", "x", "y"] });
 * assert.match(fig.title, /negative eigenvalue mass 0%/);
 * assert.match(fig.summary, /3 points in 2 groups/);
 * ```
 */
export function plotEmbedding(result: EmbeddingInput, options: EmbeddingPlotOptions = {}): Figure {
  const { dims = [0, 1], groups } = options, C = result.coordinates;
  if (!dims.every((d) => Number.isInteger(d) && d >= 0 && d < C.cols) || dims[0] === dims[1]) {
    throw new RangeError(
      `Cannot plot embedding: \`dims\` must be two different coordinates in 0…${
        C.cols - 1
      }: got [${dims}]`,
    );
  }
  const mds = result.negativeMass !== undefined, axis = mds ? "MDS" : "PC";
  const labels = options.labels ?? result.labels;
  return plotScatter2d(
    Array.from({ length: C.rows }, (_, i) => dims.map((d) => C.data[i * C.cols + d]!)),
    {
      title: options.title ??
        (mds
          ? `Classical MDS (negative eigenvalue mass ${fmt(100 * result.negativeMass!, 3)}%)`
          : "Tangent-space embedding at the barycenter"),
      xLabel: `${axis} ${dims[0] + 1}`,
      yLabel: `${axis} ${dims[1] + 1}`,
      equalAspect: true,
      ...(labels ? { labels } : {}),
      ...(groups ? { groups } : {}),
    },
  );
}

registerView("classicalMDS", (m: ClassicalMDS) => {
  const C = m.coordinates, e = m.eigenvalues;
  const roundoff = e.length * Number.EPSILON * Math.max(0, ...e.map(Math.abs)); // as classicalMDS
  const negative = e.filter((l) => l < -roundoff);
  return renderResult({
    title: `Classical MDS of ${C.rows} points in ${C.cols} dimensions`,
    fields: {
      "negative eigenvalue mass": `${
        fmt(100 * m.negativeMass, 3)
      }% (${negative.length} of ${e.length} eigenvalues < 0)`,
      "explained (positive mass)": `${fmt(100 * m.explained, 3)}%`,
      "eigenvalues (largest)": e.slice(0, Math.max(3, C.cols)),
      "most negative eigenvalue": Math.min(0, ...negative),
    },
    figure: C.cols < 2
      ? []
      : [plotEmbedding(m), ...(C.cols > 2 ? [plotEmbedding(m, { dims: [0, 2] })] : [])],
  });
});

registerView("tangentEmbedding", (t: TangentEmbedding) => {
  const ss = t.singularValues.reduce((s, v) => s + v * v, 0);
  const kept = t.singularValues.slice(0, t.coordinates.cols).reduce((s, v) => s + v * v, 0);
  const d = [...t.distances].sort((a, b) => a - b);
  return renderResult({
    title: `Tangent-space embedding of ${t.coordinates.rows} networks`,
    fields: {
      "distance to barycenter (min / median / max)": [d[0]!, median(d), d.at(-1)!]
        .map((x) => fmt(x)).join(" / "),
      [`variance in ${t.coordinates.cols} coordinates`]: `${
        fmt(ss > 0 ? 100 * kept / ss : 100, 3)
      }%`,
      "barycenter iterations": `${t.barycenter.iterations}${
        t.barycenter.converged ? " (converged)" : " (not converged)"
      }`,
    },
    figure: t.coordinates.cols < 2 ? [] : plotEmbedding(t),
  });
});
