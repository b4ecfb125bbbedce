/**
 * The `soft-match` measure: optimal transport between unit-norm tuning curves (exact), the square root of its cost. The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import {
  type PreparedSoftMatch,
  prepareSoftMatch,
  softMatchPrepared,
} from "../metrics/soft_match.ts";
import { registerMeasure } from "./registry.ts";
import { responseInput } from "./inputs.ts";
import type { Measure } from "./types.ts";
import { invariantTo } from "./zoo_shared.ts";

/**
 * The `soft-match` measure (registered on import).
 *
 * @example Zero for a network compared with itself
 * ```ts
 * import { softMatchMeasure } from "./soft_match.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("soft-match");
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = softMatchMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = softMatchMeasure.compare(a, a, options).distance!;
 * assert.ok(r < 1e-12);
 * ```
 */
export const softMatchMeasure: Measure<PreparedSoftMatch> = registerMeasure<PreparedSoftMatch>({
  name: "soft-match",
  description:
    "optimal transport between unit-norm tuning curves (exact), the square root of its cost",
  aliases: { "soft-matching": {} },
  ...responseInput,
  returns: "distance",
  options: [],
  properties() {
    return {
      metric: true,
      symmetric: true,
      invariances: invariantTo("permutation", "isotropicScale"),
    };
  },
  reference: "Khosla & Williams, UniReps 2023",
  padded: false,
  heldOut: false,
  checks: [],
  prepare(X, _o, ctx) {
    const a = prepareSoftMatch(X as Matrix, ctx.name);
    // the prepared form keeps the responses; a view into a larger buffer (a mapped or
    // shared file) is copied so that sending it to a worker does not clone the whole buffer
    const r = a.responses;
    return r.byteOffset === 0 && r.byteLength === r.buffer.byteLength
      ? a
      : { ...a, responses: r.slice() };
  },
  compare(a, b) {
    return ({ distance: softMatchPrepared(a, b) });
  },
});
