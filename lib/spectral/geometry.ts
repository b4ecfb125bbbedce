/**
 * Geometric summaries of spectra and error modes (Canatar, Feather, Wakhloo &
 * Chung, NeurIPS 2023): participation ratios, the error-mode radius R_em and
 * dimension D_em (with E_g = R_em·√D_em), and tail measures.
 *
 * @module
 */

import { checkOptionNames } from "../validate/options.ts";

/**
 * Participation ratio (Σv)²/Σv² of non-negative values: the effective
 * dimensionality ED of a spectrum (scale-invariant; equals k for k equal values).
 *
 * @param values Non-negative finite values (e.g. eigenvalues λ or alignment W).
 * @returns The participation ratio, in [1, length].
 *
 * @example Four equal modes give ED = 4
 * ```ts
 * import { participationRatio } from "./geometry.ts";
 * import assert from "node:assert/strict";
 * assert.equal(participationRatio([2, 2, 2, 2, 0]), 4);
 * assert.equal(participationRatio([1, 0, 0]), 1);
 * ```
 */
export function participationRatio(values: ArrayLike<number>): number {
  const ctx = "Cannot compute participation ratio";
  let s = 0, s2 = 0, max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new RangeError(`${ctx}: \`values\` must be finite and >= 0: got ${v} at index ${i}`);
    }
    if (v > max) max = v;
  }
  if (max === 0) {
    throw new RangeError(`${ctx}: \`values\` must not all be zero: got ${values.length} zeros`);
  }
  // scale by the maximum so squares neither overflow nor underflow
  for (let i = 0; i < values.length; i++) {
    const v = values[i]! / max;
    s += v;
    s2 += v * v;
  }
  return (s * s) / s2;
}

/** Error-mode geometry at one training-set size. */
export interface ErrorModeGeometry {
  /** Generalisation error E_g = Σ_i W̃_i. */
  Eg: number;
  /** Error-mode radius R_em = ‖W̃‖₂. */
  Rem: number;
  /** Error-mode dimension D_em = (Σ W̃_i)² / Σ W̃_i² (0 when every W̃_i is 0). */
  Dem: number;
}

/**
 * Radius R_em = ‖W̃‖₂ and dimension D_em = (ΣW̃)²/ΣW̃² of the error modes
 * W̃_i = W_i·E_i, so that E_g = R_em·√D_em. When every W̃_i is 0 (a perfectly
 * learned target) R_em = D_em = 0; when some W̃_i are +∞ (ridgeless theory at
 * p = rank with out-of-span power) E_g = R_em = ∞ and D_em counts the
 * infinite modes (the limit as they diverge together).
 *
 * @param errorModes W̃ (non-negative).
 * @returns `{Eg, Rem, Dem}`.
 *
 * @example The identity E_g = R_em·√D_em
 * ```ts
 * import { errorModeGeometry } from "./geometry.ts";
 * import assert from "node:assert/strict";
 * const { Eg, Rem, Dem } = errorModeGeometry([0.3, 0.4, 0]);
 * assert.ok(Math.abs(Rem - 0.5) < 1e-15 && Math.abs(Eg - Rem * Math.sqrt(Dem)) < 1e-15);
 * ```
 */
export function errorModeGeometry(errorModes: ArrayLike<number>): ErrorModeGeometry {
  let max = 0, infinite = 0;
  for (let i = 0; i < errorModes.length; i++) {
    const v = errorModes[i]!;
    if (!(v >= 0)) {
      throw new RangeError(
        `Cannot compute error-mode geometry: \`errorModes\` must be >= 0: got ${v} at index ${i}`,
      );
    }
    if (v === Infinity) infinite++;
    else if (v > max) max = v;
  }
  if (infinite > 0) return { Eg: Infinity, Rem: Infinity, Dem: infinite };
  if (max === 0) return { Eg: 0, Rem: 0, Dem: 0 };
  let s = 0, s2 = 0;
  for (let i = 0; i < errorModes.length; i++) {
    const v = errorModes[i]! / max;
    s += v;
    s2 += v * v;
  }
  return { Eg: s * max, Rem: Math.sqrt(s2) * max, Dem: (s * s) / s2 };
}

/** Options for {@link tailMeasures}. */
export interface TailOptions {
  /** Cumulative fraction of the total for `modesToLevel`. @default 0.99 */
  level?: number;
}

/** How much of a spectrum lies in its tail. */
export interface TailMeasures {
  /**
   * Participation ratio of t(n) = 1 − C(n), n = 1…L, where C(n) is the
   * cumulative fraction of the total in the first n entries (0 when the first
   * entry holds everything).
   */
  tailRatio: number;
  /** Smallest n with C(n) ≥ `level` (the number of modes holding 99% of the power). */
  modesToLevel: number;
  /** The level used. */
  level: number;
}

/**
 * Tail measures of a spectrum in descending mode order (eigenvalues λ or the
 * alignment W): the participation ratio of 1 − C(n) and the number of modes
 * needed to reach `level` (99%) of the total.
 *
 * @param values Non-negative values in mode order.
 * @param options `level`.
 * @returns `{tailRatio, modesToLevel, level}`.
 *
 * @example Two equal modes
 * ```ts
 * import { tailMeasures } from "./geometry.ts";
 * import assert from "node:assert/strict";
 * const t = tailMeasures([1, 1, 0]);
 * assert.equal(t.modesToLevel, 2);
 * assert.equal(t.tailRatio, 1); // 1 − C = [0.5, 0, 0]
 * ```
 */
export function tailMeasures(values: ArrayLike<number>, options: TailOptions = {}): TailMeasures {
  const ctx = "Cannot compute tail measures";
  checkOptionNames(options, ["level"] satisfies (keyof TailOptions)[], ctx, []);
  const { level = 0.99 } = options;
  if (!(level > 0 && level <= 1)) {
    throw new RangeError(`${ctx}: \`level\` must be in (0, 1]: got ${level}`);
  }
  const L = values.length;
  let total = 0;
  for (let i = 0; i < L; i++) {
    const v = values[i]!;
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new RangeError(`${ctx}: \`values\` must be finite and >= 0: got ${v} at index ${i}`);
    }
    total += v;
  }
  if (total === 0) {
    throw new RangeError(`${ctx}: \`values\` must not all be zero: got ${L} zeros`);
  }
  const tail = new Float64Array(L);
  let cum = 0, modes = L;
  for (let i = 0; i < L; i++) {
    cum += values[i]!;
    const C = cum / total;
    tail[i] = Math.max(0, 1 - C);
    if (modes === L && C >= level - 1e-12) modes = i + 1;
  }
  let any = false;
  for (let i = 0; i < L; i++) if (tail[i]! > 0) any = true;
  return { tailRatio: any ? participationRatio(tail) : 0, modesToLevel: modes, level };
}
