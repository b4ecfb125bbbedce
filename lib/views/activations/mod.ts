/**
 * Views of the mid-range-activation results (`lib/activations`): bin
 * composition, sorted similarity matrices, sample grids and the method tables.
 * Importing this module registers their renderers.
 *
 * @module
 */

import "./renderers.ts";
export * from "./bin_composition.ts";
export * from "./sorted_rsm.ts";
export * from "./sample_grid.ts";
