/**
 * `npm:fflate` (deflate/inflate, gzip, zlib), pinned in one place.
 *
 * @module
 */

export * from "npm:fflate@0.8.2";
