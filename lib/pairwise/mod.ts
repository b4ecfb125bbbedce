/**
 * The pairwise engine: matrices over many inputs for any registered measure
 * (`lib/measures/`), one worker pool, one shard format with a verified merge.
 *
 * @example DSA and CKA through the same engine
 * ```ts
 * import { pairwiseMatrix } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const nets = [[[1, 0], [0, 2], [3, 1], [1, 1]], [[0, 1], [2, 2], [1, 0], [3, 3]], [[1, 1], [0, 0], [2, 3], [1, 2]]];
 * const D = await pairwiseMatrix(nets, { measure: "debiased-cka", workers: 1 });
 * assert.deepEqual([D.matrix.rows, D.measure], [3, "cka"]);
 * ```
 *
 * @module
 */

export * from "./pairs.ts";
export * from "./shard.ts";
export * from "./pool.ts";
export * from "./engine.ts";
export * from "./collect.ts";
