/**
 * Views of the data-loading results (`lib/io`): a data set as a labelled
 * heatmap with a summary of its shape, dtype and source. Importing this module
 * registers the renderer.
 *
 * @module
 */

export * from "./dataset.ts";
