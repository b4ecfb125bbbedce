/**
 * `npm:lz4js` (LZ4 frames, for compressed Arrow files), pinned in one place.
 *
 * @module
 */

export { default } from "npm:lz4js@0.2.0";
