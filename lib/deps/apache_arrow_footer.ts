/**
 * The footer decoder of `npm:apache-arrow` alone (same version as `apache_arrow.ts`), so
 * reading an Arrow file's layout does not load the whole Arrow library.
 *
 * @module
 */

export { Footer } from "npm:apache-arrow@21.2.0/ipc/metadata/file";
