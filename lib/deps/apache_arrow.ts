/**
 * `npm:apache-arrow`, pinned in one place. Import it dynamically (`await import(…)`):
 * the Arrow reader is loaded only when an Arrow file is read.
 *
 * @module
 */

export * from "npm:apache-arrow@21.2.0";
