/**
 * Tidy tables of the shape-metric result kinds (importing this file registers
 * them; `toTable` in lib/views/tables.ts reads them): distance matrices in long
 * format (row, column, value, with the split and the bootstrap SE when there),
 * embeddings one row per network, the barycenter in long format.
 *
 * @example A pairwise matrix becomes one row per entry
 * ```ts
 * import "./tables.ts";
 * import { tableOf } from "../../result.ts";
 * import { tagResult } from "../../result.ts";
 * import assert from "node:assert/strict";
 * const matrix = { rows: 2, cols: 2, data: new Float64Array([0, 0.5, 0.5, 0]) };
 * const r = tagResult("pairwiseDistances", {
 *   matrix, test: null, labels: ["a", "b"], columnLabels: ["a", "b"], measure: "cka",
 *   options: {}, value: "distance" as const, info: [null, null],
 * });
 * assert.deepEqual(tableOf(r).distance, Float64Array.of(0, 0.5, 0.5, 0));
 * ```
 *
 * @module
 */

import type { Barycenter } from "../../multiset/barycenter.ts";
import type { ClassicalMDS } from "../../multiset/mds.ts";
import type { DistanceMatrix } from "../../multiset/pairwise.ts";
import type { MeasureMatrix } from "../../pairwise/engine.ts";
import type { TangentEmbedding } from "../../multiset/tangent.ts";
import type { ConvMetricResult } from "../../metrics/conv.ts";
import type { Matrix } from "../../linalg/matrix.ts";
import type { ProgressView } from "./progress.ts";
import type { ProcrustesKMeans } from "../../multiset/kmeans.ts";
import type { ResultTable } from "../../result.ts";
import { registerKindTable } from "../kinds.ts";
import { longTable, oneRow, recordsTable } from "../table_kit.ts";

/**
 * Long table of a distance matrix: `row`, `column`, then `split` ("train" or
 * "test") when there are held-out rows, the value (`distance` or
 * `similarity`), and `se` (bootstrap SE; NaN for held-out entries) when computed.
 */
function distanceTable(r: DistanceMatrix | MeasureMatrix): ResultTable {
  const value = "value" in r ? r.value : "distance";
  const se = "se" in r ? r.se : undefined;
  const labels = { rowLabels: r.labels, columnLabels: r.columnLabels, valueName: value };
  const train = longTable(r.matrix, { ...labels, ...(se ? { extra: { se } } : {}) });
  if (r.test === null) return train;
  const test = longTable(r.test, labels);
  const n = r.matrix.rows * r.matrix.cols, m = r.test.rows * r.test.cols;
  const joined = (k: string) => [...train[k]!, ...test[k]!] as string[];
  return {
    row: joined("row"),
    column: joined("column"),
    split: [...Array(n).fill("train"), ...Array(m).fill("test")],
    [value]: Float64Array.from([...train[value]!, ...test[value]!] as number[]),
    ...(se ? { se: Float64Array.from([...se.data, ...Array(m).fill(NaN)]) } : {}),
  };
}

registerKindTable("pairwiseDistances", distanceTable);
registerKindTable("crossDistances", distanceTable);

/** One row per network: label, then its coordinates dim1, dim2, …. */
function coordinateRows(C: Matrix, labels: readonly string[]) {
  return Array.from({ length: C.rows }, (_, i) => {
    const row: Record<string, string | number> = { label: labels[i]! };
    for (let d = 0; d < C.cols; d++) row[`dim${d + 1}`] = C.data[i * C.cols + d]!;
    return row;
  });
}

registerKindTable(
  "classicalMDS",
  (m: ClassicalMDS) => recordsTable(coordinateRows(m.coordinates, m.labels)),
);

registerKindTable("tangentEmbedding", (t: TangentEmbedding) =>
  recordsTable(
    coordinateRows(t.coordinates, Array.from({ length: t.coordinates.rows }, (_, i) => String(i)))
      .map((row, i) => ({ ...row, distanceToBarycenter: t.distances[i]! })),
  ));

registerKindTable(
  "barycenter",
  (b: Barycenter) => longTable(b.mean, { rowName: "stimulus", columnName: "unit" }),
);

registerKindTable("convLinearMetric", (c: ConvMetricResult) => {
  const { rows: h, cols: w } = c.map;
  return longTable(c.map, {
    rowLabels: Array.from({ length: h }, (_, i) => i - Math.floor(h / 2)),
    columnLabels: Array.from({ length: w }, (_, j) => j - Math.floor(w / 2)),
    rowName: "shiftHeight",
    columnName: "shiftWidth",
    valueName: "distance",
  });
});

registerKindTable(
  "distanceProgress",
  (p: ProgressView) => oneRow({ label: p.label, text: p.text }),
);

/** One row per network: its cluster and its distance to every barycenter. */
registerKindTable(
  "procrustesKMeans",
  (r: ProcrustesKMeans) =>
    recordsTable(r.names.map((name, i) => {
      const row: Record<string, string | number> = {
        network: name,
        cluster: r.labels[i]!,
        distanceToOwn: r.distances.data[i * r.k + r.labels[i]!]!,
      };
      for (let c = 0; c < r.k; c++) row[`distance${c}`] = r.distances.data[i * r.k + c]!;
      return row;
    })),
);
