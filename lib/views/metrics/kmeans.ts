/**
 * Display of Procrustes k-means (`procrustesKMeans`): the networks in a
 * classical-MDS embedding of their distances, coloured by cluster, and the
 * cluster sizes. Importing this file registers the renderer.
 *
 * @module
 */

import type { ProcrustesKMeans } from "../../multiset/kmeans.ts";
import { classicalMDS } from "../../multiset/mds.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import type { Figure } from "../../display/figure.ts";
import { formatNumber as fmt } from "../../display/format.ts";
import { plotBars } from "../../display/bars.ts";
import { plotEmbedding } from "./embedding.ts";

/**
 * The networks of a Procrustes k-means result in 2-D classical MDS of their
 * distances, one colour per cluster, labelled by name.
 *
 * @param result A {@link ProcrustesKMeans} result (3 or more networks).
 * @returns The scatter figure.
 *
 * @example Two clusters of two networks
 * ```ts
 * import { procrustesKMeans } from "../../multiset/kmeans.ts";
 * import { plotClusters } from "./kmeans.ts";
 * import assert from "node:assert/strict";
 * const A = [[1, 0], [-1, 0], [0, 2], [0, -2]], B = [[2, 1], [0, -1], [-1, 1], [-1, -1]];
 * const rot = (X: number[][]) => X.map(([x, y]) => [y, -x]);
 * const r = procrustesKMeans([A, B, rot(A), rot(B)], 2, { labels: ["a", "b", "a′", "b′"] });
 * const fig = plotClusters(r);
 * assert.match(fig.title, /^Procrustes k-means: 2 clusters of 4 networks/);
 * assert.match(fig.summary, /4 points in 2 groups/);
 * ```
 */
export function plotClusters(result: ProcrustesKMeans): Figure {
  const K = result.labels.length;
  if (K < 3) {
    throw new RangeError(
      `Cannot plot clusters: a 2-D embedding needs at least 3 networks: got ${K}`,
    );
  }
  const mds = classicalMDS(result.networkDistances, { dims: 2 });
  return plotEmbedding(mds, {
    groups: result.labels.map((l) => `cluster ${l}`),
    labels: result.names,
    title: `Procrustes k-means: ${result.k} clusters of ${K} networks (classical MDS)`,
  });
}

registerView("procrustesKMeans", (r: ProcrustesKMeans) => {
  const h = r.inertiaHistory;
  const figures: Figure[] = [];
  if (r.labels.length >= 3) figures.push(plotClusters(r));
  figures.push(
    plotBars(r.sizes, {
      title: "Networks per cluster",
      labels: r.sizes.map((_, c) => `cluster ${c}`),
      valueLabel: "networks",
    }),
  );
  return renderResult({
    title:
      `Procrustes k-means of ${r.labels.length} networks into ${r.k} clusters (α = ${r.alpha})`,
    fields: {
      inertia: r.inertia,
      "inertia (seeding → last)": `${fmt(h[0]!)} → ${fmt(h.at(-1)!)}`,
      iterations: `${r.iterations}${r.converged ? " (converged)" : " (not converged)"}`,
      "cluster sizes": r.sizes.join(", "),
      restarts: `${r.restartInertia.length} (kept ${r.bestRestart}, seed ${r.seed})`,
    },
    table: r.names.map((name, i) => ({
      network: name,
      cluster: r.labels[i]!,
      "distance to its barycenter": r.distances.data[i * r.k + r.labels[i]!]!,
    })),
    figure: figures,
  });
});
