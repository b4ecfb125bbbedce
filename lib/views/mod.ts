/**
 * Views: each area's result kinds as Jupyter MIME bundles (text, HTML, SVG),
 * and the area figure functions they use. Importing this module registers the
 * renderers of every result kind; a result displays lazily through it even
 * when only an area module was imported (see `lib/result.ts`).
 *
 * @example A DMD fit displays its eigenvalues
 * ```ts
 * import "./mod.ts";
 * import { fitDmd } from "../dynamics/dmd.ts";
 * import assert from "node:assert/strict";
 * const X = Array.from({ length: 40 }, (_, t) => [Math.cos(0.3 * t), Math.sin(0.3 * t)]);
 * const fit = fitDmd(X, { rank: 2 });
 * // deno-lint-ignore no-explicit-any
 * const bundle = (fit as any)[Symbol.for("Jupyter.display")]();
 * assert.match(bundle["image/svg+xml"], /^<svg/);
 * ```
 *
 * @module
 */

export { registerView, type ResultKind, type ResultKinds } from "./kinds.ts";
export * from "./metrics/mod.ts";
export * from "./dynamics/mod.ts";
export * from "./spectral/mod.ts";
export * from "./tensor/mod.ts";
export * from "./activations/mod.ts";
export * from "./io/mod.ts";
export * from "./inference/mod.ts";
export * from "./measures/mod.ts";
export * from "./rsa/mod.ts";
export { toTable } from "./tables.ts";
export {
  longTable,
  type LongTableOptions,
  type MatrixData,
  oneRow,
  recordsTable,
  type TableCell,
} from "./table_kit.ts";
