/**
 * The self-consistent renormalised ridge κ of kernel-regression learning-curve
 * theory (Bordelon, Canatar & Pehlevan 2020; Canatar, Bordelon & Pehlevan
 * 2021): for training-set size p and effective ridge α = p·λ_reg,
 *
 *   κ = α + κ Σ_i λ_i / (p λ_i + κ),
 *
 * with the unique root in [α, α + Σλ], and γ = Σ_i p λ_i² / (p λ_i + κ)².
 *
 * @module
 */

/** κ, γ and 1 − γ for each training-set size. */
export interface KappaSolution {
  /** κ(p), one per p. */
  kappa: number[];
  /** γ(p) = Σ p λ² / (p λ + κ)², one per p. */
  gamma: number[];
  /** 1 − γ(p) computed without cancellation as α/κ + κ Σ λ/(pλ + κ)². */
  oneMinusGamma: number[];
  /** α/κ (the limit (p − r)/p when α = 0 and p ≥ r, where κ = 0). */
  ridgeRatio: number[];
}

const MAX_ITER = 400;

/**
 * Solve the self-consistent equation for κ at each p, to relative accuracy
 * ~1e-15 where the problem's conditioning allows (κ spans many decades, so the
 * tolerance is relative). The root is bracketed on g(κ) = 1 − α/κ − Σλ/(pλ+κ),
 * which is increasing and concave in κ > 0, and found by safeguarded Newton
 * steps (f′ = 1 − γ for f = κ·g) that fall back to geometric bisection.
 *
 * Ridgeless (α = 0) with p ≥ r: κ = 0, γ = r/p (r = number of positive λ).
 *
 * @param eigenvalues λ_i ≥ 0 (zeros are null modes and drop out of the sums).
 * @param ps Training-set sizes p > 0 (real values allowed).
 * @param ridge λ_reg ≥ 0; the effective ridge is α = p·λ_reg.
 * @returns κ, γ, 1 − γ and α/κ per p.
 *
 * @example White spectrum, ridgeless: κ = λ(r − p), γ = p/r
 * ```ts
 * import { solveKappa } from "./kappa.ts";
 * import assert from "node:assert/strict";
 * const { kappa, gamma } = solveKappa([2, 2, 2, 2, 0], [1, 3], 0);
 * assert.ok(Math.abs(kappa[0]! - 6) < 1e-14 && Math.abs(kappa[1]! - 2) < 1e-14);
 * assert.ok(Math.abs(gamma[0]! - 0.25) < 1e-15);
 * ```
 */
export function solveKappa(
  eigenvalues: ArrayLike<number>,
  ps: readonly number[],
  ridge: number,
): KappaSolution {
  const ctx = "Cannot solve for kappa";
  const lam: number[] = [];
  for (let i = 0; i < eigenvalues.length; i++) {
    const v = eigenvalues[i]!;
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new RangeError(
        `${ctx}: \`eigenvalues\` must be finite and >= 0: got ${v} at index ${i}`,
      );
    }
    if (v > 0) lam.push(v);
  }
  if (typeof ridge !== "number" || !Number.isFinite(ridge) || ridge < 0) {
    throw new RangeError(`${ctx}: \`ridge\` must be a finite number >= 0: got ${ridge}`);
  }
  ps.forEach((p, k) => {
    if (typeof p !== "number" || !(p > 0) || !Number.isFinite(p)) {
      throw new RangeError(`${ctx}: \`ps\` must be finite and > 0: got ${p} at index ${k}`);
    }
  });
  const lamArr = Float64Array.from(lam);
  let sum = 0;
  for (const v of lam) sum += v;
  const out: KappaSolution = { kappa: [], gamma: [], oneMinusGamma: [], ridgeRatio: [] };
  for (const p of ps) {
    // a subnormal effective ridge is numerically zero (κ would be subnormal too)
    const alpha = p * ridge < 2.2250738585072014e-308 ? 0 : p * ridge;
    const r = lamArr.length;
    let kappa: number, omg: number, ratio: number;
    if (r === 0) {
      kappa = alpha;
      omg = 1;
      ratio = 1;
    } else if (alpha === 0 && p >= r) {
      kappa = 0;
      omg = (p - r) / p;
      ratio = omg;
    } else {
      kappa = rootKappa(lamArr, p, alpha, sum, ctx);
      let s2 = 0;
      for (let i = 0; i < r; i++) {
        const d = p * lamArr[i]! + kappa;
        s2 += lamArr[i]! / (d * d);
      }
      ratio = alpha / kappa;
      omg = ratio + kappa * s2;
    }
    out.kappa.push(kappa);
    out.oneMinusGamma.push(omg);
    out.gamma.push(1 - omg);
    out.ridgeRatio.push(ratio);
  }
  return out;
}

/** g(κ) = 1 − α/κ − S(κ) and g′(κ) = α/κ² + Σλ/(pλ+κ)². */
function gAndSlope(lam: Float64Array, p: number, alpha: number, k: number): [number, number] {
  let s = 0, s2 = 0;
  for (let i = 0; i < lam.length; i++) {
    const l = lam[i]!;
    const inv = 1 / (p * l + k);
    s += l * inv;
    s2 += l * inv * inv;
  }
  return [1 - alpha / k - s, alpha / (k * k) + s2];
}

function rootKappa(lam: Float64Array, p: number, alpha: number, sum: number, ctx: string): number {
  let hi = alpha + sum;
  let lo: number;
  if (alpha > 0) {
    lo = alpha; // g(α) = −S(α) < 0
  } else {
    // α = 0 and p < r: g(0+) = 1 − r/p < 0; walk down from the top
    lo = hi;
    while (gAndSlope(lam, p, alpha, lo)[0] >= 0) {
      lo /= 16;
      if (lo < 1e-300) throw new Error(`${ctx}: no root bracketed for p = ${p}`);
    }
  }
  // Newton from the left converges monotonically for an increasing concave g;
  // the bracket guards against anything else.
  let x = lo;
  for (let it = 0; it < MAX_ITER; it++) {
    const [g, dg] = gAndSlope(lam, p, alpha, x);
    if (g === 0) return x;
    if (g < 0) lo = x;
    else hi = x;
    let next = x - g / dg;
    if (!(next > lo && next < hi)) next = Math.sqrt(lo) * Math.sqrt(hi); // no underflow
    if (Math.abs(next - x) <= 4e-16 * next || hi - lo <= 4e-16 * hi) return next;
    x = next;
  }
  throw new Error(`${ctx}: no convergence after ${MAX_ITER} iterations for p = ${p}`);
}
