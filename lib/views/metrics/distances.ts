/**
 * Rich display of shape-metric results (importing this file registers the
 * renderers of `pairwiseDistances` and `crossDistances`): distance matrices as
 * heatmaps in clustering order with the held-out matrix beside.
 *
 * @module
 */

import type { Matrix } from "../../linalg/matrix.ts";
import type { DistanceMatrix } from "../../multiset/pairwise.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import { clusterOrder } from "../../cluster_order.ts";
import { type Figure, figure } from "../../display/figure.ts";
import { extent, formatNumber as fmt } from "../../display/format.ts";
import { plotHeatmap } from "../../display/heatmap.ts";
import { sideBySide } from "../dynamics/figures.ts";

/** What the heatmap needs: the legacy shape-metric result or the engine's matrix for any measure. */
export type DistancesInput = Pick<DistanceMatrix, "matrix" | "test" | "labels" | "columnLabels"> & {
  /** Bootstrap SE of each training entry (`withBootstrapSe`). */
  se?: Matrix;
  /** Bootstrap draws behind `se`. */
  bootstrapSamples?: number;
  /** Options that determined the numbers. */
  options: object;
  /** Standard measure name (engine results). */
  measure?: string;
  /** Distances or similarities (engine results). */
  value?: "distance" | "similarity";
};
const CTX = "Cannot plot distances";

/** Options for {@link plotDistances}. */
export interface DistancePlotOptions {
  /**
   * Which matrix: training rows, held-out rows, or the bootstrap SE of the
   * training entries (results with `se`, from `withBootstrapSe`).
   * @default "train"
   */
  which?: "train" | "test" | "se";
  /** `"cluster"`: average-linkage order of the training matrix (square matrices only). @default "cluster" */
  order?: "cluster" | "none";
  /**
   * Colour domain `[lo, hi]` (share it between train and test).
   * @default range of the matrix; where every value is the same v, from 0 to v (0 to 1 for v = 0)
   */
  domain?: [number, number];
  /** Figure title. @default the metric and which rows */
  title?: string;
}

/** Words for the measure of a matrix result, e.g. `linear metric, α = 0.5, angular`. */
function describe(r: DistancesInput): string {
  const o = r.options as Record<string, unknown>;
  const metric = r.measure ?? o.metric;
  if (metric === "cka" && (o.kernel ?? "linear") === "linear" && !o.debiased) {
    return "arccos of linear CKA";
  }
  if (metric === "linear") return `linear metric, α = ${o.alpha}, ${o.score}`;
  if (metric === "permutation") return `permutation metric, ${o.score}`;
  const shown = Object.entries(o).filter(([k, v]) =>
    k !== "width" && (typeof v === "number" || typeof v === "string" || typeof v === "boolean")
  ).map(([k, v]) => `${k} = ${v}`);
  return [String(metric), ...shown].join(", ");
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
 * import { plotDistances } from "./distances.ts";
 * import assert from "node:assert/strict";
 * const matrix = { rows: 3, cols: 3, data: new Float64Array([0, 1, 0.1, 1, 0, 1, 0.1, 1, 0]) };
 * const options = { metric: "linear" as const, alpha: 1, score: "angular" as const, center: true, width: "pair" as const };
 * const fig = plotDistances({ matrix, test: null, labels: ["a", "b", "c"], columnLabels: ["a", "b", "c"], options });
 * assert.match(fig.summary, /order: average-linkage on training distances \(b, a, c\)/);
 * ```
 */
export function plotDistances(result: DistancesInput, options: DistancePlotOptions = {}): Figure {
  const { which = "train", order = "cluster", domain } = options;
  if (which !== "train" && which !== "test" && which !== "se") {
    throw new RangeError(
      `${CTX}: \`which\` must be "train", "test" or "se": got ${JSON.stringify(which)}`,
    );
  }
  const M = which === "train" ? result.matrix : which === "test" ? result.test : result.se;
  if (!M) {
    throw new RangeError(
      which === "test"
        ? `${CTX}: \`which\` is "test" but the result has no held-out rows`
        : `${CTX}: \`which\` is "se" but the result has no bootstrap SE (see withBootstrapSe)`,
    );
  }
  const square = M.rows === M.cols && result.labels.join("\n") === result.columnLabels.join("\n");
  // average linkage needs every training value: with a NaN or ±Infinity the order is as given
  const unclustered = nonFinite(result.matrix);
  const ord = order === "cluster" && square && M.rows > 2 && !unclustered
    ? clusterOrder(dissimilar(result))
    : null;
  const rows = ord ?? Array.from({ length: M.rows }, (_, i) => i);
  const cols = ord ?? Array.from({ length: M.cols }, (_, j) => j);
  const data = rows.map((i) => cols.map((j) => M.data[i * M.cols + j]!));
  // training distances carry their SE in the hover titles ("d ± se")
  const se = which === "train" && result.se
    ? rows.map((i) => cols.map((j) => result.se!.data[i * M.cols + j]!))
    : undefined;
  const valueDomain = which === "se" ? undefined : domain ?? flat(data.flat());
  const kindWord = result.value === "similarity" ? "similarities" : "distances";
  const o = result.options as Record<string, unknown>;
  const score = result.value === "similarity"
    ? false
    : (result.measure ?? o.metric) === "cka" || o.score === "angular";
  const fig = plotHeatmap(data, {
    title: options.title ??
      (which === "se"
        ? `Bootstrap SE of the ${kindWord} (${result.bootstrapSamples ?? "?"} draws)`
        : `${which === "train" ? "Training" : "Held-out"} ${kindWord} (${describe(result)})`),
    rowLabels: rows.map((i) => result.labels[i]!),
    colLabels: cols.map((j) => result.columnLabels[j]!),
    legendLabel: which === "se"
      ? "SE"
      : result.value === "similarity"
      ? "similarity"
      : score
      ? "θ (rad)"
      : "distance",
    valueLabel: which === "se" ? "SE" : result.value ?? "distance",
    ...(which === "se" ? { scheme: "oranges" } : {}),
    ...(se ? { se } : {}),
    ...(valueDomain ? { domain: valueDomain } : {}),
    ...(nonFinite(M) || (se && nonFinite(result.se!)) ? { missing: "nonFinite" as const } : {}),
  });
  const said = ord
    ? `order: average-linkage on training ${kindWord}${
      M.rows <= 30 ? ` (${ord.map((i) => result.labels[i]).join(", ")})` : ""
    }`
    : order === "cluster" && square && M.rows > 2 && unclustered
    ? `order: as given (not clustered: ${unclustered} training cells not finite)`
    : "order: as given";
  return figure(fig.svg, {
    title: fig.title,
    summary: fig.summary.replace("order: as given", said),
  });
}

/**
 * The colour domain of values that are all the same v (finite ones; e.g. the single 0 of
 * one network): from 0 to v, or 0 to 1 for v = 0, rather than a band around v that puts
 * negative distances on the colour bar. Undefined where the values differ or none is finite.
 */
function flat(values: readonly number[]): [number, number] | undefined {
  const [lo, hi] = extent(values.filter(Number.isFinite));
  if (lo !== hi) return undefined;
  return lo === 0 ? [0, 1] : lo > 0 ? [0, lo] : [lo, 0];
}

/** Number of NaN or ±Infinity entries. */
function nonFinite(M: Matrix): number {
  let k = 0;
  for (const v of M.data) if (!Number.isFinite(v)) k++;
  return k;
}

/** The training matrix as distances: similarities become `max − value` (clustering needs distances). */
function dissimilar(r: DistancesInput): Matrix {
  if (r.value !== "similarity") return r.matrix;
  const top = extent(r.matrix.data)[1];
  return { ...r.matrix, data: r.matrix.data.map((v) => top - v) };
}

/** Finite off-diagonal entries (all finite entries of a rectangular matrix), sorted. */
function entries(M: Matrix, square: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < M.cols; j++) {
      const v = M.data[i * M.cols + j]!;
      if ((!square || i !== j) && Number.isFinite(v)) out.push(v);
    }
  }
  return out.sort((a, b) => a - b);
}

const median = (v: number[]) =>
  v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;

/** `min / median / max` of sorted values, 4 significant digits. */
const spread = (v: number[]) => [v[0]!, median(v), v.at(-1)!].map((x) => fmt(x)).join(" / ");

function renderDistances(r: DistancesInput, kind: string) {
  const pairwise = kind === "pairwiseDistances", M = r.matrix;
  const train = entries(M, pairwise), test = r.test ? entries(r.test, pairwise) : null;
  const fields: Record<string, unknown> = {
    networks: pairwise ? M.rows : `${M.rows} × ${M.cols}`,
    metric: describe(r),
    "min / median / max": train.length
      ? spread(train)
      : pairwise && M.rows < 2
      ? "no pairs"
      : "no finite values",
  };
  if (test?.length) fields["held-out min / median / max"] = spread(test);
  // the colour scale covers every drawn cell: similarities their diagonal (self-similarity)
  // too, distances 0 (their diagonal) and the off-diagonal values
  const similarity = r.value === "similarity";
  const drawn = similarity ? [...r.matrix.data, ...(r.test?.data ?? [])].filter(Number.isFinite) : [
    ...train,
    ...(r.test ? Array.from(r.test.data).filter(Number.isFinite) : []),
    ...(pairwise ? [0] : []),
  ];
  const [lo, hi] = extent(drawn);
  const domain: [number, number] | undefined = lo < hi ? [lo, hi] : flat(drawn);
  const shown = M.rows * M.cols <= 250_000 && M.rows > 0;
  if (r.se) {
    const se = entries(r.se, pairwise);
    fields[`bootstrap SE, ${r.bootstrapSamples ?? "?"} draws (min / median / max)`] = se.length
      ? spread(se)
      : "no pairs";
  }
  // average linkage needs distances: similarity matrices keep their input order
  const order = pairwise && M.rows <= 400 && r.value !== "similarity" ? "cluster" : "none";
  const bad = nonFinite(M);
  if (bad) {
    fields["not finite"] = `${bad} of ${M.rows * M.cols} cells (grey${
      order === "cluster" ? "; so not clustered" : ""
    })`;
  }
  return renderResult({
    title: `${pairwise ? "Pairwise" : "Cross"} ${
      r.value === "similarity" ? "similarities" : "distances"
    }: ${describe(r)}`,
    fields,
    figure: !shown ? [] : [
      // with bootstrap SEs: distances (hover "d ± se") and their SE side by side, one figure
      r.se
        ? sideBySide([
          plotDistances(r, {
            order,
            ...(domain ? { domain } : {}),
            title: r.value === "similarity" ? "Similarities" : "Distances",
          }),
          plotDistances(r, {
            which: "se",
            order,
            title: `Bootstrap SE (${r.bootstrapSamples ?? "?"} draws)`,
          }),
        ], { title: `${describe(r)} ± bootstrap SE` })
        : plotDistances(r, { order, ...(domain ? { domain } : {}) }),
      ...(r.test
        ? [plotDistances(r, { which: "test", order, ...(domain ? { domain } : {}) })]
        : []),
    ],
  });
}

registerView(
  "pairwiseDistances",
  (r: DistancesInput) => renderDistances(r, "pairwiseDistances"),
);
registerView(
  "crossDistances",
  (r: DistancesInput) => renderDistances(r, "crossDistances"),
);
