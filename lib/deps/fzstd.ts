/**
 * `npm:fzstd` (Zstandard decoder, for compressed Arrow files), pinned in one place.
 *
 * @module
 */

export * from "npm:fzstd@0.1.1";
