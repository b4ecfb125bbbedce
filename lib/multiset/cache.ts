/**
 * The per-network half of every pairwise metric, done once per network (and
 * padded width) rather than once per pair, and the per-pair half that works on
 * two prepared networks. Both are plain functions on plain data so they run
 * the same in the main thread and in workers (results are bitwise identical).
 *
 * - linear: centre, pad, partially whiten → Φ and ‖Φ‖²; held-out rows are
 *   mapped with the training means and whitening. Per pair: Φ_aᵀΦ_b and its SVD.
 * - permutation: centre and pad. Per pair: the assignment on Φ_aᵀΦ_b.
 * - cka: centre. Per pair: the CKA distance (held-out rows are compared
 *   directly, CKA has nothing to fit).
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { scoreAligned } from "../metrics/angular.ts";
import { ckaDistance } from "../metrics/cka.ts";
import { applyCenterAndPad, centerAndPad, type ScoreMethod } from "../metrics/inputs.ts";
import { preparedLinearDistance } from "../metrics/linear.ts";
import { optimalPermutation, permuteColumns } from "../metrics/permutation.ts";
import { prepareLinearMetric, whitenRows } from "../metrics/whiten.ts";

/** Metrics available for many networks at once. */
export type PairwiseMetric = "linear" | "permutation" | "cka";

/** What is computed for every pair (after option defaults are applied). */
export interface PairSpec {
  /** Which metric. */
  metric: PairwiseMetric;
  /** α of the linear family (ignored by the other metrics). */
  alpha: number;
  /** Ground metric (linear and permutation; CKA is always angular). */
  score: ScoreMethod;
  /** Centre columns. */
  center: boolean;
}

/** One network after its per-network step. */
export interface PreparedNetwork {
  /** Training rows after the per-network step, [nStimuli, width]. */
  phi: Matrix;
  /** ‖phi‖². */
  normSq: number;
  /** Held-out rows after the same map, or null. */
  test: Matrix | null;
}

/**
 * The per-network step for one network at a padded width.
 *
 * @param X Training rows [nStimuli, nUnits] (validated).
 * @param test Held-out rows [nTest, nUnits] or null.
 * @param spec The pair computation.
 * @param width Padded width (`>= nUnits`; CKA ignores it).
 * @returns The prepared network.
 *
 * @example Linear metric at α = 1: centre and pad
 * ```ts
 * import { prepareNetwork } from "./cache.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const spec = { metric: "linear" as const, alpha: 1, score: "angular" as const, center: true };
 * const prep = prepareNetwork(fromRows([[1], [3]]), fromRows([[5]]), spec, 2);
 * assert.deepEqual(Array.from(prep.phi.data), [-1, 0, 1, 0]);
 * assert.deepEqual(Array.from(prep.test!.data), [3, 0]);
 * ```
 */
export function prepareNetwork(
  X: Matrix,
  test: Matrix | null,
  spec: PairSpec,
  width: number,
): PreparedNetwork {
  if (spec.metric === "linear") {
    const p = prepareLinearMetric(X, spec.alpha, spec.center, width);
    return { phi: p.phi, normSq: p.normSq, test: test ? whitenRows(p, test) : null };
  }
  const w = spec.metric === "cka" ? X.cols : width;
  const { centered, means } = centerAndPad(X, w, spec.center);
  let normSq = 0;
  for (let k = 0; k < centered.data.length; k++) normSq += centered.data[k]! ** 2;
  if (spec.metric === "cka") return { phi: centered, normSq, test };
  return { phi: centered, normSq, test: test ? applyCenterAndPad(test, means) : null };
}

/**
 * The distance between two prepared networks on training rows, and on held-out
 * rows when both have them (NaN otherwise).
 *
 * @param a First prepared network.
 * @param b Second prepared network (same width for linear and permutation).
 * @param spec The pair computation.
 * @returns `{train, test}`.
 *
 * @example Permuted columns are at distance 0
 * ```ts
 * import { pairDistance, prepareNetwork } from "./cache.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const spec = { metric: "permutation" as const, alpha: 1, score: "euclidean" as const, center: true };
 * const a = prepareNetwork(fromRows([[1, 0], [0, 2], [3, 3]]), null, spec, 2);
 * const b = prepareNetwork(fromRows([[0, 1], [2, 0], [3, 3]]), null, spec, 2);
 * assert.equal(pairDistance(a, b, spec).train, 0);
 * ```
 */
export function pairDistance(
  a: PreparedNetwork,
  b: PreparedNetwork,
  spec: PairSpec,
): { train: number; test: number } {
  const hasTest = a.test !== null && b.test !== null;
  if (spec.metric === "linear") {
    const train = preparedLinearDistance(a, b, spec.score);
    if (!hasTest) return { train, test: NaN };
    const backend = getBackend();
    const { U, Vt } = backend.svd(backend.gemm(a.phi, b.phi, true, false), true);
    const A = backend.gemm(a.test!, U, false, false), B = backend.gemm(b.test!, Vt, false, true);
    return { train, test: scoreAligned(A, B, spec.score, "Cannot score linear metric") };
  }
  if (spec.metric === "permutation") {
    const perm = optimalPermutation(a.phi, b.phi);
    const context = "Cannot compute permutation metric";
    const train = scoreAligned(a.phi, permuteColumns(b.phi, perm), spec.score, context);
    if (!hasTest) return { train, test: NaN };
    return {
      train,
      test: scoreAligned(a.test!, permuteColumns(b.test!, perm), spec.score, context),
    };
  }
  const train = ckaDistance(a.phi, b.phi, { center: false });
  return { train, test: hasTest ? ckaDistance(a.test!, b.test!, { center: spec.center }) : NaN };
}

/**
 * {@link pairDistance} for a flat list of pairs `[a0, b0, a1, b1, …]` of indices
 * into `prepared`: the loop shared by the calling thread and every worker, so
 * both compute each pair the same way.
 *
 * @param prepared Prepared networks.
 * @param pairs Flat index pairs.
 * @param spec The pair computation.
 * @param onPair Called after pair k (0-based) with the number of pairs done.
 * @returns Training and held-out distances per pair.
 *
 * @example Two pairs
 * ```ts
 * import { pairDistances, prepareNetwork } from "./cache.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const spec = { metric: "permutation" as const, alpha: 1, score: "euclidean" as const, center: true };
 * const a = prepareNetwork(fromRows([[1, 0], [0, 2], [3, 3]]), null, spec, 2);
 * const b = prepareNetwork(fromRows([[0, 1], [2, 0], [3, 3]]), null, spec, 2);
 * const { train } = pairDistances([a, b], Int32Array.from([0, 1, 0, 0]), spec);
 * assert.deepEqual(Array.from(train), [0, 0]);
 * ```
 */
export function pairDistances(
  prepared: readonly PreparedNetwork[],
  pairs: Int32Array,
  spec: PairSpec,
  onPair?: (done: number) => void,
): { train: Float64Array; test: Float64Array } {
  const m = pairs.length / 2;
  const train = new Float64Array(m), test = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const d = pairDistance(prepared[pairs[2 * k]!]!, prepared[pairs[2 * k + 1]!]!, spec);
    train[k] = d.train;
    test[k] = d.test;
    onPair?.(k + 1);
  }
  return { train, test };
}
