/**
 * The `jaccard-knn` measure: mean Jaccard index of the k-nearest-neighbour sets. The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import { jaccardKnnPrepared, type PreparedKnn } from "../metrics/knn.ts";
import type { Measure } from "./types.ts";
import { knnSetMeasure } from "./zoo_shared.ts";

/**
 * The `jaccard-knn` measure (registered on import).
 *
 * @example One for a network compared with itself
 * ```ts
 * import { jaccardKnnMeasure } from "./jaccard_knn.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("jaccard-knn", { k: 3 });
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = jaccardKnnMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = jaccardKnnMeasure.compare(a, a, options).similarity!;
 * assert.ok(Math.abs(r - 1) < 1e-12);
 * ```
 */
export const jaccardKnnMeasure: Measure<PreparedKnn> = knnSetMeasure({
  name: "jaccard-knn",
  description: "mean Jaccard index of the k-nearest-neighbour sets",
  reference: "Klabunde et al. 2024 (ReSi benchmark)",
  pairwise: jaccardKnnPrepared,
});
