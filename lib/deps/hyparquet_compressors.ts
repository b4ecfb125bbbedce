/**
 * `npm:hyparquet-compressors` (Parquet codecs), pinned in one place. Import it dynamically.
 *
 * @module
 */

export * from "npm:hyparquet-compressors@1.1.2";
