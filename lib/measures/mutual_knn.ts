/**
 * The `mutual-knn` measure: mean fraction of shared k nearest neighbours (cosine, uncentred). The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import { mutualKnnPrepared, type PreparedKnn } from "../metrics/knn.ts";
import type { Measure } from "./types.ts";
import { knnSetMeasure } from "./zoo_shared.ts";

/**
 * The `mutual-knn` measure (registered on import).
 *
 * @example One for a network compared with itself
 * ```ts
 * import { mutualKnnMeasure } from "./mutual_knn.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("mutual-knn", { k: 3 });
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = mutualKnnMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = mutualKnnMeasure.compare(a, a, options).similarity!;
 * assert.ok(Math.abs(r - 1) < 1e-12);
 * ```
 */
export const mutualKnnMeasure: Measure<PreparedKnn> = knnSetMeasure({
  name: "mutual-knn",
  description: "mean fraction of shared k nearest neighbours (cosine, uncentred)",
  reference: "Huh, Cheung, Wang & Isola, ICML 2024 (platonic representation)",
  pairwise: mutualKnnPrepared,
});
