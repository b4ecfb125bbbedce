/**
 * `npm:@observablehq/plot`, the one place the package names its version: every
 * figure imports Plot from here, so the library works from any folder (no import map needed).
 *
 * @module
 */

export * from "npm:@observablehq/plot@0.6.17";
