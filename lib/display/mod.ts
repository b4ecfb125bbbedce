/**
 * The generic figure kit: rich display for the Deno Jupyter kernel, and the
 * same figures as files. It knows no area: the views of each area's results
 * (`lib/views/<area>/`) are built from these pieces.
 *
 * - Figures: `plotHeatmap`, `plotScatter2d`, `plotLines`, `plotBars`,
 *   `plotComplexPlane`, `plotTrajectories`, `plotFactors`, `plotImageGrid`, and
 *   `plotFigure` for any Observable Plot spec. Each takes plain arrays or
 *   matrices and returns a {@link Figure}: plain data that displays as SVG.
 * - Tables: `table(rows)` displays as HTML; `toCSV` / `toJSON` export.
 * - Files: `save(figureOrTable, path)` writes `.svg`/`.html`/`.csv`/`.json` atomically.
 * - Result renderers: `renderResult({title, fields, table, figure})` and
 *   `bundle({text, html, svg})` build the MIME bundle an area's renderer returns.
 *
 * Importing this module never touches `Deno.jupyter`; the kernel calls each
 * object's `[Symbol.for("Jupyter.display")]()`.
 *
 * @example A heatmap, saved to a file
 * ```ts
 * import { plotHeatmap, save } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const fig = plotHeatmap([[0, 1, 4], [1, 0, 4], [4, 4, 0]], { labels: ["a", "b", "c"], order: "cluster" });
 * const dir = Deno.makeTempDirSync();
 * save(fig, `${dir}/distances.svg`);
 * assert.ok(Deno.statSync(`${dir}/distances.svg`).size > 1000);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 *
 * @module
 */

export { type PlotSpec, renderPlot } from "./render.ts";
export { type Figure, figure, type FigureOptions, figureText } from "./figure.ts";
export { plotFigure, type PlotFigureOptions } from "./layout.ts";
export { save } from "./save.ts";
export {
  type Table,
  table,
  tableHtml,
  type TableOptions,
  tableText,
  toCSV,
  toJSON,
} from "./table.ts";
export { bundle, type BundleParts, renderResult, type ResultView, scalarFields } from "./bundle.ts";
export { type HeatmapOptions, plotHeatmap } from "./heatmap.ts";
export { plotScatter2d, type Scatter2dOptions } from "./scatter2d.ts";
export { type LineSeries, type LinesOptions, plotLines } from "./lines.ts";
export { type BarsOptions, plotBars } from "./bars.ts";
export { type HistogramMarker, type HistogramOptions, plotHistogram } from "./histogram.ts";
export { type ComplexPlaneOptions, plotComplexPlane } from "./complex_plane.ts";
export { plotTrajectories, type TrajectoriesOptions } from "./trajectories.ts";
export { type FactorsOptions, type FactorStyle, plotFactors } from "./factors.ts";
export { type ImageGridOptions, type ImageInput, plotImageGrid } from "./image_grid.ts";
