/**
 * Views of inference results (bootstrap, permutation test, model comparison,
 * two-factor bootstrap, split-half reliability). Importing this module
 * registers their renderers.
 *
 * @example A permutation test displays its null distribution
 * ```ts
 * import "./mod.ts";
 * import { permutationTest } from "../../inference/permutation.ts";
 * import assert from "node:assert/strict";
 * const x = [1, 2, 3, 4, 5, 6];
 * const r = permutationTest(6, (p) => x.reduce((s, v, i) => s + v * x[p ? p[i]! : i]!, 0), { permutations: 50 });
 * // deno-lint-ignore no-explicit-any
 * const bundle = (r as any)[Symbol.for("Jupyter.display")]();
 * assert.match(bundle["image/svg+xml"], /^<svg/);
 * assert.match(bundle["text/plain"], /p-value/);
 * ```
 *
 * @module
 */

import "./renderers.ts";
