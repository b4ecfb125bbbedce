/**
 * `npm:h5wasm` (HDF5 compiled to WebAssembly), Node build, pinned in one place. Import it
 * dynamically: compiling the WebAssembly is paid only when an HDF5 file is read.
 *
 * @module
 */

export * from "npm:h5wasm@0.10.3/node";
export { default } from "npm:h5wasm@0.10.3/node";
