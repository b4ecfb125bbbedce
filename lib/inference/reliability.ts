/**
 * Split-half reliability and noise ceilings for predictivity: the
 * Spearman–Brown prophecy formula, per-unit split-half reliability of repeated
 * measurements, and predictivity normalised by the ceiling (r / ceiling —
 * never the square of that ratio, a known pitfall).
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { assertInteger, assertKnownOptions, assertSeed } from "../validate/mod.ts";
import { drawRng, permutationDraw } from "./resample.ts";

/**
 * Spearman–Brown: the reliability of a measurement `factor` times as long,
 * k·r / (1 + (k − 1)·r).
 *
 * @param r Reliability (correlation) of the shorter measurement.
 * @param factor Length ratio k. @default 2 (split halves → full data)
 * @returns The predicted reliability.
 * @throws {RangeError} When `r` is outside [-1, 1], `factor` is not a finite positive
 *   number, or 1 + (factor − 1)·r ≤ 0 (r ≤ −1/(factor − 1): the formula has a pole there).
 *
 * @example
 * ```ts
 * import { spearmanBrown } from "./reliability.ts";
 * import assert from "node:assert/strict";
 * assert.equal(spearmanBrown(0.5), 2 / 3);
 * assert.equal(spearmanBrown(1), 1);
 * assert.throws(() => spearmanBrown(-1), /`r` must be > −1\/\(factor − 1\) = -1 for factor 2/);
 * ```
 */
export function spearmanBrown(r: number, factor = 2): number {
  const ctx = "Cannot apply Spearman–Brown";
  if (typeof r !== "number" || !Number.isFinite(r) || r < -1 || r > 1) {
    throw new RangeError(`${ctx}: \`r\` must be in [-1, 1]: got ${r}`);
  }
  if (typeof factor !== "number" || !(factor > 0) || !Number.isFinite(factor)) {
    throw new RangeError(`${ctx}: \`factor\` must be finite and > 0: got ${factor}`);
  }
  // the denominator 1 + (k − 1)·r vanishes at r = −1/(k − 1) and is negative below it
  if (!(1 + (factor - 1) * r > 0)) {
    throw new RangeError(
      `${ctx}: \`r\` must be > −1/(factor − 1) = ${
        -1 / (factor - 1)
      } for factor ${factor} (1 + (factor − 1)·r must be positive): got ${r}`,
    );
  }
  return (factor * r) / (1 + (factor - 1) * r);
}

function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]! - ma, y = b[i]! - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** Options for {@link splitHalfReliability}. */
export interface SplitHalfOptions {
  /** Random splits of the repeats, averaged. @default 10 */
  splits?: number;
  /** Seed of the splits. @default 0 */
  seed?: number;
}

/** Per-unit split-half reliability. */
export interface SplitHalfResult {
  /** Mean over splits of the correlation between the two halves' means, per unit. */
  halfCorrelation: number[];
  /** Its Spearman–Brown correction to the full number of repeats, per unit (the ceiling). */
  reliability: number[];
  /** Number of splits. */
  splits: number;
}

/**
 * Split-half reliability of repeated measurements `[repeats, stimuli, units]`
 * (row-major in `data`): the repeats are split at random into two halves, each
 * half averaged, the halves correlated over stimuli per unit; averaged over
 * splits and corrected with Spearman–Brown.
 *
 * @param data Responses, length repeats·stimuli·units.
 * @param shape [repeats, stimuli, units].
 * @param opts {@link SplitHalfOptions}.
 * @returns Per-unit half correlations and reliabilities (tagged `splitHalfReliability`).
 *
 * @example Noise-free repeats are perfectly reliable
 * ```ts
 * import { splitHalfReliability } from "./reliability.ts";
 * import assert from "node:assert/strict";
 * const one = [1, 5, 2, 8, 3, 1]; // 3 stimuli × 2 units
 * const data = new Float64Array([...one, ...one, ...one, ...one]);
 * const r = splitHalfReliability(data, [4, 3, 2]);
 * assert.deepEqual(r.reliability.map((v) => Math.round(v * 1e12) / 1e12), [1, 1]);
 * ```
 */
export function splitHalfReliability(
  data: ArrayLike<number>,
  shape: readonly [number, number, number],
  opts: SplitHalfOptions = {},
): Readonly<SplitHalfResult & { kind: string }> {
  const context = "Cannot compute split-half reliability";
  assertKnownOptions(opts, ["splits", "seed"] satisfies (keyof SplitHalfOptions)[], context);
  const [R, S, U] = shape;
  assertInteger(R, "repeats", 2, 2 ** 31, context);
  assertInteger(S, "stimuli", 3, 2 ** 31, context);
  assertInteger(U, "units", 1, 2 ** 31, context);
  if (data.length !== R * S * U) {
    throw new TypeError(
      `${context}: \`data\` must hold repeats·stimuli·units = ${
        R * S * U
      } values: got ${data.length}`,
    );
  }
  const { splits = 10, seed = 0 } = opts;
  assertInteger(splits, "splits", 1, 1e6, context);
  assertSeed(seed, context);
  const half = new Float64Array(U);
  const a = new Float64Array(S), b = new Float64Array(S);
  for (let k = 0; k < splits; k++) {
    const perm = permutationDraw(R, drawRng(seed, k));
    const h = Math.floor(R / 2);
    for (let u = 0; u < U; u++) {
      a.fill(0);
      b.fill(0);
      for (let t = 0; t < R; t++) {
        const rep = perm[t]!;
        const into = t < h ? a : t < 2 * h ? b : null; // an odd last repeat is left out
        if (!into) continue;
        for (let s = 0; s < S; s++) into[s]! += data[(rep * S + s) * U + u]!;
      }
      const r = pearson(a, b);
      if (!Number.isFinite(r)) {
        throw new RangeError(
          `${context}: unit ${u} has constant responses in a half (split ${k}), so its reliability is undefined`,
        );
      }
      half[u]! += r / splits;
    }
  }
  const halfCorrelation = Array.from(half);
  return tagResult("splitHalfReliability", {
    halfCorrelation,
    reliability: halfCorrelation.map((r, u) => {
      // −1 up to the rounding of the correlations and of their mean
      if (!(r > -1 + 8 * Number.EPSILON)) {
        throw new RangeError(
          `${context}: unit ${u} has half correlation −1 (${r}) in every split, so its Spearman–Brown reliability is undefined (−1 is the formula's pole)`,
        );
      }
      return spearmanBrown(Math.min(1, r));
    }),
    splits,
  });
}

/**
 * Predictivity normalised by its noise ceiling: r / ceiling (not (r / c)²).
 *
 * @param r Predictivity (a correlation).
 * @param ceiling The ceiling, e.g. a Spearman–Brown corrected split-half reliability, > 0.
 * @returns r / ceiling.
 *
 * @example
 * ```ts
 * import { ceilingNormalized } from "./reliability.ts";
 * import assert from "node:assert/strict";
 * assert.equal(ceilingNormalized(0.4, 0.8), 0.5);
 * assert.throws(() => ceilingNormalized(0.4, 0), /`ceiling` must be > 0: got 0/);
 * ```
 */
export function ceilingNormalized(r: number, ceiling: number): number {
  if (!(ceiling > 0) || !Number.isFinite(ceiling)) {
    throw new RangeError(
      `Cannot normalise by the noise ceiling: \`ceiling\` must be > 0: got ${ceiling}`,
    );
  }
  if (!Number.isFinite(r)) {
    throw new RangeError(`Cannot normalise by the noise ceiling: \`r\` must be finite: got ${r}`);
  }
  return r / ceiling;
}
