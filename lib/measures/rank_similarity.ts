/**
 * The `rank-similarity` measure: shared neighbours weighted by their ranks in both lists. The maths and its conventions are in
 * `lib/metrics/`; this file declares it to the registry.
 *
 * @module
 */

import { type PreparedKnn, rankSimilarityPrepared } from "../metrics/knn.ts";
import type { Measure } from "./types.ts";
import { knnSetMeasure } from "./zoo_shared.ts";

/**
 * The `rank-similarity` measure (registered on import).
 *
 * @example One for a network compared with itself
 * ```ts
 * import { rankSimilarityMeasure } from "./rank_similarity.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("rank-similarity", { k: 3 });
 * const X = fromRows([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]]);
 * const a = rankSimilarityMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * const r = rankSimilarityMeasure.compare(a, a, options).similarity!;
 * assert.ok(Math.abs(r - 1) < 1e-12);
 * ```
 */
export const rankSimilarityMeasure: Measure<PreparedKnn> = knnSetMeasure({
  name: "rank-similarity",
  description: "shared neighbours weighted by their ranks in both lists",
  reference: "Wang et al. 2022; Klabunde et al. 2024 (ReSi benchmark)",
  pairwise: rankSimilarityPrepared,
});
