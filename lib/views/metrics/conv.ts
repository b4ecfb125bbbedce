/**
 * Display of the convolutional linear metric (`convLinearMetric`): the distance
 * at the best spatial shift and the heatmap of distance by shift. Importing
 * this file registers the renderer.
 *
 * @module
 */

import type { ConvMetricResult } from "../../metrics/conv.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import { plotHeatmap } from "../../display/heatmap.ts";

registerView("convLinearMetric", (c: ConvMetricResult) => {
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
