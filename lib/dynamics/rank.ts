/**
 * The three rank rules of HAVOK DMD: an explicit rank, a singular-value
 * threshold, or a fraction of Σσ².
 *
 * @module
 */

import { assertInRange, assertInteger } from "../validate/mod.ts";

/** How many singular vectors of the Hankel matrix to keep. Give at most one field. */
export interface RankRule {
  /** Explicit rank r (clipped to the embedding width N·D). @default all singular values */
  rank?: number;
  /** Keep the singular values strictly greater than this (at least one). @default undefined */
  rankThreshold?: number;
  /** Keep the smallest r whose Σσ² reaches this fraction of the total, in (0, 1]. @default undefined */
  explainedVariance?: number;
}

/**
 * Choose the DMD rank from the Hankel singular values.
 *
 * - `rank`: r = min(rank, width); an error if that exceeds the number of
 *   singular values the data provides (fewer rows than columns);
 * - `rankThreshold`: r = #{σᵢ > threshold} (an error when that is 0);
 * - `explainedVariance`: the smallest r with Σᵢ≤r σᵢ² ≥ fraction · Σσ²;
 * - none: all singular values.
 * A series without variation (every σᵢ = 0) is refused.
 *
 * @param s Singular values, descending.
 * @param width Embedding width N·D.
 * @param rule At most one of `rank`, `rankThreshold`, `explainedVariance`.
 * @param context Error message prefix.
 * @returns r ≥ 1.
 *
 * @example The three rules
 * ```ts
 * import { selectDmdRank } from "./rank.ts";
 * import assert from "node:assert/strict";
 * const s = new Float64Array([3, 2, 1, 0.5]);
 * assert.equal(selectDmdRank(s, 4, { rank: 2 }), 2);
 * assert.equal(selectDmdRank(s, 4, { rankThreshold: 1 }), 2);
 * assert.equal(selectDmdRank(s, 4, { explainedVariance: 0.9 }), 2); // (9 + 4) / 14.25 ≥ 0.9
 * ```
 */
export function selectDmdRank(
  s: Float64Array,
  width: number,
  rule: RankRule,
  context = "Cannot choose DMD rank",
): number {
  const { rank, rankThreshold, explainedVariance } = rule;
  const given = [rank, rankThreshold, explainedVariance].filter((v) => v !== undefined).length;
  if (given > 1) {
    throw new RangeError(
      `${context}: give at most one of \`rank\`, \`rankThreshold\`, \`explainedVariance\`: got rank = ${rank}, rankThreshold = ${rankThreshold}, explainedVariance = ${explainedVariance}`,
    );
  }
  const available = s.length;
  if (!(available > 0) || !(s[0]! > 0)) {
    throw new RangeError(
      `${context}: the series has no variation after embedding: every singular value of the Hankel matrix is 0`,
    );
  }
  if (rank !== undefined) {
    assertInteger(rank, "rank", 1, Infinity, context);
    const r = Math.min(rank, width);
    if (r > available) {
      throw new RangeError(
        `${context}: \`rank\` is larger than available: the Hankel matrix has only ${available} singular values (rows × width = ${available} × ${width} after embedding): got rank = ${rank}`,
      );
    }
    return r;
  }
  if (rankThreshold !== undefined) {
    if (!Number.isFinite(rankThreshold) || rankThreshold < 0) {
      throw new RangeError(
        `${context}: \`rankThreshold\` must be a finite number >= 0: got ${rankThreshold}`,
      );
    }
    let r = 0;
    while (r < available && s[r]! > rankThreshold) r++;
    if (r === 0) {
      throw new RangeError(
        `${context}: no singular value is above \`rankThreshold\` = ${rankThreshold}: the largest is ${
          s[0] ?? 0
        }`,
      );
    }
    return r;
  }
  if (explainedVariance !== undefined) {
    assertInRange(explainedVariance, "explainedVariance", 0, 1, context);
    if (explainedVariance === 0) {
      throw new RangeError(`${context}: \`explainedVariance\` must be in (0, 1]: got 0`);
    }
    let total = 0;
    for (let i = 0; i < available; i++) total += s[i]! * s[i]!;
    const target = explainedVariance * total;
    let acc = 0;
    for (let r = 1; r <= available; r++) {
      acc += s[r - 1]! * s[r - 1]!;
      // relative slack so that "reaching" a fraction is not defeated by rounding
      if (acc >= target * (1 - 1e-12)) return r;
    }
    return available;
  }
  return available;
}
