/**
 * The `second-order-cosine` measure: cosine of the cosine distances to the union of both neighbour sets. The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import { type PreparedKnn, secondOrderCosinePrepared } from "../metrics/knn.ts";
import type { Measure } from "./types.ts";
import { knnSetMeasure } from "./zoo_shared.ts";

/**
 * The `second-order-cosine` measure (registered on import).
 *
 * @example One for a network compared with itself
 * ```ts
 * import { secondOrderCosineMeasure } from "./second_order_cosine.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("second-order-cosine", { k: 3 });
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = secondOrderCosineMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = secondOrderCosineMeasure.compare(a, a, options).similarity!;
 * assert.ok(Math.abs(r - 1) < 1e-12);
 * ```
 */
export const secondOrderCosineMeasure: Measure<PreparedKnn> = knnSetMeasure({
  name: "second-order-cosine",
  description: "cosine of the cosine distances to the union of both neighbour sets",
  reference: "Hamilton, Leskovec & Jurafsky 2016; Klabunde et al. 2024 (ReSi benchmark)",
  pairwise: secondOrderCosinePrepared,
});
