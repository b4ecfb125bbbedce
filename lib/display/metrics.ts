/**
 * Rich display of shape-metric results (importing this file registers the
 * renderers): distance matrices as heatmaps in clustering order with the
 * held-out matrix beside, and the convolutional shift map. Embeddings
 * (`metrics_embedding.ts`) and the progress line for pairwise jobs
 * (`metrics_progress.ts`) are re-exported from here.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import type { DistanceMatrix } from "../multiset/pairwise.ts";
import { registerRenderer } from "../result.ts";
import { renderResult } from "./bundle.ts";
import { clusterOrder } from "./cluster_order.ts";
import { type Figure, figure } from "./figure.ts";
import { extent, formatNumber as fmt } from "./format.ts";
import { plotHeatmap } from "./heatmap.ts";

export { type EmbeddingPlotOptions, plotEmbedding } from "./metrics_embedding.ts";
export { type ProgressLine, progressLine, type ProgressLineOptions } from "./metrics_progress.ts";

type Distances = Pick<DistanceMatrix, "matrix" | "test" | "labels" | "columnLabels" | "options">;
const CTX = "Cannot plot distances";

/** Options for {@link plotDistances}. */
export interface DistancePlotOptions {
  /** Which matrix: training rows or held-out rows. @default "train" */
  which?: "train" | "test";
  /** `"cluster"`: average-linkage order of the training matrix (square matrices only). @default "cluster" */
  order?: "cluster" | "none";
  /** Colour domain `[lo, hi]` (share it between train and test). @default range of the matrix */
  domain?: [number, number];
  /** Figure title. @default the metric and which rows */
  title?: string;
}

/** Words for the metric of a distance result, e.g. `linear metric, α = 0.5, angular`. */
function describe(o: Distances["options"]): string {
  if (o.metric === "cka") return "arccos of linear CKA";
  return `${
    o.metric === "linear" ? `linear metric, α = ${o.alpha}` : "permutation metric"
  }, ${o.score}`;
}

/**
 * Heatmap of a distance-matrix result (`pairwiseDistances`, `crossDistances`,
 * `mergeShards`): labelled rows and columns, colour bar, and for square
 * matrices the clustering order of the *training* distances, so the training
 * and held-out heatmaps list the networks in the same order.
 *
 * @param result A distance-matrix result.
 * @param options Which matrix, order, colour domain, title.
 * @returns The figure; its summary names the order.
 *
 * @example Two close networks and a far one
 * ```ts
 * import { plotDistances } from "./metrics.ts";
 * import assert from "node:assert/strict";
 * const matrix = { rows: 3, cols: 3, data: new Float64Array([0, 1, 0.1, 1, 0, 1, 0.1, 1, 0]) };
 * const options = { metric: "linear" as const, alpha: 1, score: "angular" as const, center: true, width: "pair" as const };
 * const fig = plotDistances({ matrix, test: null, labels: ["a", "b", "c"], columnLabels: ["a", "b", "c"], options });
 * assert.match(fig.summary, /order: average-linkage on training distances \(b, a, c\)/);
 * ```
 */
export function plotDistances(result: Distances, options: DistancePlotOptions = {}): Figure {
  const { which = "train", order = "cluster", domain } = options;
  if (which !== "train" && which !== "test") {
    throw new RangeError(
      `${CTX}: \`which\` must be "train" or "test": got ${JSON.stringify(which)}`,
    );
  }
  const M = which === "train" ? result.matrix : result.test;
  if (!M) throw new RangeError(`${CTX}: \`which\` is "test" but the result has no held-out rows`);
  const square = M.rows === M.cols && result.labels.join("\n") === result.columnLabels.join("\n");
  const ord = order === "cluster" && square && M.rows > 2 ? clusterOrder(result.matrix) : null;
  const rows = ord ?? Array.from({ length: M.rows }, (_, i) => i);
  const cols = ord ?? Array.from({ length: M.cols }, (_, j) => j);
  const data = rows.map((i) => cols.map((j) => M.data[i * M.cols + j]!));
  const score = result.options.metric === "cka" || result.options.score === "angular";
  const fig = plotHeatmap(data, {
    title: options.title ??
      `${which === "train" ? "Training" : "Held-out"} distances (${describe(result.options)})`,
    rowLabels: rows.map((i) => result.labels[i]!),
    colLabels: cols.map((j) => result.columnLabels[j]!),
    legendLabel: score ? "θ (rad)" : "distance",
    ...(domain ? { domain } : {}),
  });
  const said = ord
    ? `order: average-linkage on training distances${
      M.rows <= 30 ? ` (${ord.map((i) => result.labels[i]).join(", ")})` : ""
    }`
    : "order: as given";
  return figure(fig.svg, {
    title: fig.title,
    summary: fig.summary.replace("order: as given", said),
  });
}

/** Off-diagonal entries (all entries of a rectangular matrix), sorted. */
function entries(M: Matrix, square: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < M.cols; j++) if (!square || i !== j) out.push(M.data[i * M.cols + j]!);
  }
  return out.sort((a, b) => a - b);
}

const median = (v: number[]) =>
  v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;

/** `min / median / max` of sorted values, 4 significant digits. */
const spread = (v: number[]) => [v[0]!, median(v), v.at(-1)!].map((x) => fmt(x)).join(" / ");

function renderDistances(r: Distances, kind: string) {
  const pairwise = kind === "pairwiseDistances", M = r.matrix;
  const train = entries(M, pairwise), test = r.test ? entries(r.test, pairwise) : null;
  const fields: Record<string, unknown> = {
    networks: pairwise ? M.rows : `${M.rows} × ${M.cols}`,
    metric: describe(r.options),
    "min / median / max": train.length ? spread(train) : "no pairs",
  };
  if (test?.length) fields["held-out min / median / max"] = spread(test);
  const [lo, hi] = extent([...train, ...(test ?? []), ...(pairwise ? [0] : [])]);
  const domain: [number, number] | undefined = lo < hi ? [lo, hi] : undefined;
  const shown = M.rows * M.cols <= 250_000 && M.rows > 0;
  const order = pairwise && M.rows <= 400 ? "cluster" : "none";
  return renderResult({
    title: `${pairwise ? "Pairwise" : "Cross"} distances: ${describe(r.options)}`,
    fields,
    figure: !shown ? [] : [
      plotDistances(r, { order, ...(domain ? { domain } : {}) }),
      ...(r.test
        ? [plotDistances(r, { which: "test", order, ...(domain ? { domain } : {}) })]
        : []),
    ],
  });
}

registerRenderer(
  "pairwiseDistances",
  (r) => renderDistances(r as unknown as Distances, "pairwiseDistances"),
);
registerRenderer(
  "crossDistances",
  (r) => renderDistances(r as unknown as Distances, "crossDistances"),
);

registerRenderer("convLinearMetric", (r) => {
  const c = r as unknown as {
    distance: number;
    map: Matrix;
    shift: [number, number];
    unshifted: number;
  };
  const { rows: h, cols: w } = c.map, h2 = Math.floor(h / 2), w2 = Math.floor(w / 2);
  return renderResult({
    title: "Convolutional linear metric over spatial shifts",
    fields: {
      "distance (min over shifts)": c.distance,
      "best shift (Δh, Δw)": `(${c.shift.join(", ")})`,
      "unshifted distance": c.unshifted,
      "shift map": `${h} × ${w}`,
    },
    figure: plotHeatmap(c.map, {
      title: "Distance by shift of X (centre = unshifted)",
      rowLabels: Array.from({ length: h }, (_, i) => `Δh ${i - h2}`),
      colLabels: Array.from({ length: w }, (_, j) => `Δw ${j - w2}`),
      legendLabel: "distance",
    }),
  });
});
