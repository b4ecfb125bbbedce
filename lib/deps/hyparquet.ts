/**
 * `npm:hyparquet` (Parquet reader), pinned in one place. Import it dynamically.
 *
 * @module
 */

export * from "npm:hyparquet@1.31.5";
