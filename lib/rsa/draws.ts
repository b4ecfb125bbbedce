/**
 * One bootstrap draw of the linear and rank comparators over cached vectors: entry
 * e counts w_e times, so the resample is never copied.
 *
 * @module
 */

/**
 * Σ_k compare(model, data_k) on one weighted resample, for corr (centred) and cosine:
 * the weighted, centred model u = w(a − ā) is formed once, then each subject costs
 * one pass (Σ w b, Σ w b², Σ u b).
 *
 * @param a Model RDM vector.
 * @param data Subject RDM vectors.
 * @param w Multiplicity of each entry (0 drops it).
 * @param centre Pearson r (true) or cosine (false).
 * @param u Scratch of the vectors' length.
 * @returns The sum over subjects (NaN when a vector is constant under corr).
 *
 * @example Weights 2, 1, 0 count the first entry twice and drop the last
 * ```ts
 * import { linearDraw } from "./draws.ts";
 * import assert from "node:assert/strict";
 * const s = linearDraw(new Float64Array([1, 2, 9]), [new Float64Array([1, 3, -5])],
 *   new Float64Array([2, 1, 0]), true, new Float64Array(3));
 * assert.ok(Math.abs(s - 1) < 1e-12); // [1, 1, 2] against [1, 1, 3]
 * ```
 */
export function linearDraw(
  a: Float64Array,
  data: Float64Array[],
  w: Float64Array,
  centre: boolean,
  u: Float64Array,
): number {
  const m = a.length;
  let W = 0, sa = 0;
  for (let e = 0; e < m; e++) {
    if (w[e] === 0) continue; // dropped entries may hold NaN ranks
    W += w[e]!;
    sa += w[e]! * a[e]!;
  }
  const ma = centre ? sa / W : 0;
  let uu = 0, aa = 0;
  for (let e = 0; e < m; e++) {
    if (w[e] === 0) {
      u[e] = 0;
      continue;
    }
    const d = a[e]! - ma;
    u[e] = w[e]! * d;
    uu += w[e]! * d * d;
    aa += w[e]! * a[e]! * a[e]!;
  }
  if (!(uu > 1e-24 * aa)) return NaN; // constant model
  let sum = 0;
  for (const b of data) {
    let sb = 0, sbb = 0, sub = 0;
    for (let e = 0; e < m; e++) {
      const we = w[e]!;
      if (we === 0) continue;
      const be = b[e]!;
      sb += we * be;
      sbb += we * be * be;
      sub += u[e]! * be;
    }
    // Σ w (a − ā)(b − b̄) = Σ u b because Σ u = 0
    const bb = centre ? sbb - sb * sb / W : sbb;
    // a constant resampled RDM has no correlation (rounding would leave bb ≈ 1e-16·sbb)
    sum += bb > 1e-12 * sbb ? sub / Math.sqrt(uu * bb) : NaN;
  }
  return sum;
}

/**
 * Σ_k rho-a(model, data_k) from weighted ranks: 12 Σ w (r_a − r̄)(r_b − r̄) / (M³ − M),
 * M = Σ w.
 *
 * @param ra Model ranks (from `averageRanks` with the same weights).
 * @param ranked Subject ranks.
 * @param w Multiplicity of each entry.
 * @returns The sum over subjects.
 *
 * @example Identical untied ranks give 1
 * ```ts
 * import { rhoADraw } from "./draws.ts";
 * import assert from "node:assert/strict";
 * const r = new Float64Array([1, 2, 3]);
 * assert.equal(rhoADraw(r, [r], new Float64Array([1, 1, 1])), 1);
 * ```
 */
export function rhoADraw(ra: Float64Array, ranked: Float64Array[], w: Float64Array): number {
  let M = 0;
  for (let e = 0; e < w.length; e++) M += w[e]!;
  const mid = (M + 1) / 2, denom = M * M * M - M;
  let sum = 0;
  for (const rb of ranked) {
    let s = 0;
    for (let e = 0; e < w.length; e++) if (w[e]! > 0) s += w[e]! * (ra[e]! - mid) * (rb[e]! - mid);
    sum += 12 * s / denom;
  }
  return sum;
}
