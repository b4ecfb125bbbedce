/**
 * Many networks at once: pairwise and cross distance matrices (cached
 * per-network work, Web Workers, shards for clusters), and embeddings of the
 * resulting metric space (classical MDS, barycenters, tangent space), and
 * Procrustes k-means clustering of networks around barycenters.
 *
 * @example Distance matrix, then a 2-D embedding
 * ```ts
 * import { pairwiseDistances, classicalMDS } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const nets = [[[1, 0], [0, 2], [3, 1], [1, 1]], [[0, 1], [2, 2], [1, 0], [3, 3]], [[1, 1], [0, 0], [2, 3], [1, 2]]];
 * const D = await pairwiseDistances(nets, { alpha: 0.5, workers: 1 });
 * const mds = classicalMDS(D.matrix, { dims: 2 });
 * assert.deepEqual([mds.coordinates.rows, mds.coordinates.cols], [3, 2]);
 * ```
 *
 * @module
 */

export * from "./shard.ts";
export * from "./workers.ts";
export * from "./pairwise.ts";
export * from "./mds.ts";
export * from "./barycenter.ts";
export * from "./tangent.ts";
export * from "./kmeans.ts";
