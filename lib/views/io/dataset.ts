/**
 * Display of a data set read by `lib/io` (`dataset`): a summary of its shape,
 * dtype, source, labels and missing values, and a heatmap of the matrix with
 * its row and column labels. Importing this file registers the renderer.
 *
 * @module
 */

import type { Dataset } from "../../io/dataset.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import { plotHeatmap } from "../../display/heatmap.ts";

/** Largest matrix (entries) drawn as a heatmap. */
const MAX_CELLS = 1_000_000;

/**
 * The summary fields of a data set: shape, dtype, source, labels, missing values.
 *
 * @param d A data set.
 * @returns Name → value pairs, in display order.
 *
 * @example
 * ```ts
 * import { makeDataset } from "../../io/dataset.ts";
 * import { datasetFields } from "./dataset.ts";
 * import assert from "node:assert/strict";
 * const matrix = { rows: 2, cols: 2, data: new Float64Array([1, NaN, 3, 4]) };
 * const d = makeDataset({ matrix, columnLabels: ["a", "b"], dtype: "<f8", source: "x.csv" }, {
 *   maskNaN: true,
 * });
 * const f = datasetFields(d);
 * assert.equal(f.shape, "2 × 2 (rows × columns)");
 * assert.equal(f["column labels"], "a, b");
 * assert.equal(f["missing values"], 1);
 * ```
 */
export function datasetFields(d: Dataset): Record<string, string | number> {
  const { rows, cols } = d.matrix;
  const few = (l: readonly string[] | undefined) =>
    l === undefined ? "none" : l.length <= 8 ? l.join(", ") : `${l.slice(0, 8).join(", ")}, …`;
  const fields: Record<string, string | number> = {
    shape: `${rows} × ${cols} (rows × columns)`,
    dtype: d.dtype,
    source: d.source,
    "row labels": few(d.rowLabels),
    "column labels": few(d.columnLabels),
  };
  if (d.mask) fields["missing values"] = d.mask.reduce((s, v) => s + v, 0);
  return fields;
}

registerView("dataset", (d: Dataset) => {
  const { rows, cols, data } = d.matrix;
  // missing values (NaN) are drawn grey; ±Infinity has no colour
  const finite = data.every((v) => Number.isFinite(v) || Number.isNaN(v));
  const drawn = finite && rows * cols > 0 && rows * cols <= MAX_CELLS;
  const why = !finite
    ? "no heatmap: the matrix has infinite values"
    : rows * cols > MAX_CELLS
    ? `no heatmap: more than ${MAX_CELLS.toLocaleString("en")} entries`
    : "";
  return renderResult({
    title: `Data set ${d.source} [${rows} × ${cols}]`,
    ...(why ? { note: why } : {}),
    fields: datasetFields(d),
    ...(drawn
      ? {
        figure: plotHeatmap(d.matrix, {
          title: d.source,
          ...(d.rowLabels ? { rowLabels: d.rowLabels } : {}),
          ...(d.columnLabels ? { colLabels: d.columnLabels } : {}),
          legendLabel: "value",
          missing: true,
        }),
      }
      : {}),
  });
});
