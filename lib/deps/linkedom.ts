/**
 * `npm:linkedom` (a DOM for rendering figures without a browser), pinned in one place.
 *
 * @module
 */

export * from "npm:linkedom@0.18.15";
