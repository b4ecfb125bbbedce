/**
 * The view of the measure registry (`measureList`): one table row per measure.
 * Importing this module registers the renderer.
 *
 * @module
 */

export * from "./table.ts";
export * from "./sensitivity.ts";
