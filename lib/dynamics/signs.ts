/**
 * Choosing signs: maximise g(s) = Σ_{i≠j} W_ij s_i s_j over s ∈ {±1}ⁿ, the
 * objective ⟨Â, S B̂ S⟩ of a diagonal sign matrix S (W = Â ∘ B̂, up to a
 * constant). Exact optimisation is NP-hard in general (max-cut); the leading
 * eigenvector's signs followed by greedy single flips recover the optimum
 * whenever W = diag(s*) M diag(s*) with M ≥ 0 entrywise — in particular for
 * exact sign-flipped copies.
 *
 * @module
 */

/** Local search from a start: steepest single flips (or pair flips, which keep the parity). */
function localSearch(Ws: Float64Array, n: number, s: Int8Array, pairs: boolean): number {
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += Ws[i * n + j]! * s[j]!;
    h[i] = v;
  }
  const flip = (i: number) => {
    s[i] = -s[i]! as 1 | -1;
    const si2 = 2 * s[i]!;
    for (let j = 0; j < n; j++) h[j] += Ws[j * n + i]! * si2;
  };
  for (let iter = 0; iter < (pairs ? n + 10 : 4 * n + 10); iter++) {
    // gain of flipping i: −4 s_i h_i (Ws has zero diagonal)
    let best = -1, bestJ = -1, bestGain = 1e-300;
    if (!pairs) {
      for (let i = 0; i < n; i++) {
        const gain = -4 * s[i]! * h[i]!;
        if (gain > bestGain) {
          bestGain = gain;
          best = i;
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        const gi = -4 * s[i]! * h[i]!;
        for (let j = i + 1; j < n; j++) {
          const gain = gi - 4 * s[j]! * h[j]! + 8 * Ws[i * n + j]! * s[i]! * s[j]!;
          if (gain > bestGain) {
            bestGain = gain;
            best = i;
            bestJ = j;
          }
        }
      }
    }
    if (best < 0) break;
    flip(best);
    if (bestJ >= 0) flip(bestJ);
  }
  let g = 0;
  for (let i = 0; i < n; i++) g += s[i]! * h[i]!;
  return g;
}

function parityOf(s: Int8Array): number {
  let p = 1;
  for (let i = 0; i < s.length; i++) p *= s[i]!;
  return p;
}

/** Signs of the eigenvector of the largest eigenvalue of Ws (power iteration on a shifted copy). */
function leadingSigns(Ws: Float64Array, n: number): Int8Array {
  let shift = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r += Math.abs(Ws[i * n + j]!);
    shift = Math.max(shift, r);
  }
  let x = new Float64Array(n).fill(1 / Math.sqrt(n));
  for (let i = 0; i < n; i++) x[i] += 1e-3 * Math.sin(i + 1); // break symmetric ties deterministically
  for (let it = 0; it < 100; it++) {
    const y = new Float64Array(n);
    let nrm = 0;
    for (let i = 0; i < n; i++) {
      let v = shift * x[i]!;
      for (let j = 0; j < n; j++) v += Ws[i * n + j]! * x[j]!;
      y[i] = v;
      nrm += v * v;
    }
    nrm = Math.sqrt(nrm);
    if (nrm === 0) break;
    let diff = 0;
    for (let i = 0; i < n; i++) {
      y[i] /= nrm;
      diff = Math.max(diff, Math.abs(y[i]! - x[i]!));
    }
    x = y;
    if (diff < 1e-9) break;
  }
  const s = new Int8Array(n);
  for (let i = 0; i < n; i++) s[i] = x[i]! < 0 ? -1 : 1;
  return s;
}

function symmetrized(W: Float64Array, n: number): Float64Array {
  const Ws = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j) Ws[i * n + j] = 0.5 * (W[i * n + j]! + W[j * n + i]!);
  }
  return Ws;
}

/** Best unconstrained local optimum from the leading-eigenvector and all-ones starts. */
function unconstrained(Ws: Float64Array, n: number): { s: Int8Array; g: number } {
  let best: Int8Array | null = null, bestG = -Infinity;
  for (const start of [leadingSigns(Ws, n), new Int8Array(n).fill(1)]) {
    const s = start.slice();
    const g = localSearch(Ws, n, s, false);
    if (g > bestG) {
      bestG = g;
      best = s;
    }
  }
  return { s: best!, g: bestG };
}

/** Move to the other parity: cheapest single flip, then parity-preserving pair flips. */
function withParity(Ws: Float64Array, n: number, s0: Int8Array, parity: 1 | -1): Int8Array {
  const s = s0.slice();
  if (parityOf(s) === parity) return s;
  // for odd n, −s has the other parity and the same objective
  if (n % 2 === 1) return s.map((v) => -v) as Int8Array;
  let bi = 0, bg = -Infinity;
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let j = 0; j < n; j++) h += Ws[i * n + j]! * s[j]!;
    const gain = -4 * s[i]! * h;
    if (gain > bg) {
      bg = gain;
      bi = i;
    }
  }
  s[bi] = -s[bi]! as 1 | -1;
  localSearch(Ws, n, s, true);
  return s;
}

function canonical(s: Int8Array, parityFixed: boolean): Int8Array {
  const n = s.length;
  // s and −s give the same objective; prefer s₀ = +1 when that keeps the parity
  if (s[0] === -1 && (!parityFixed || n % 2 === 0)) { for (let i = 0; i < n; i++) s[i] = -s[i]!; }
  return s;
}

/**
 * Signs s maximising Σ_{i≠j} W_ij s_i s_j (W need not be symmetric), optionally
 * with a prescribed parity ∏ s_i. Heuristic for general W (see module notes),
 * exact when W is a sign-conjugated nonnegative matrix.
 *
 * @param W Weights [n, n].
 * @param n Order.
 * @param parity Required product of the signs (+1 or −1), or 0 for either.
 * @returns The signs (s_0 = +1 unless the parity forces otherwise).
 *
 * @example Recover hidden signs
 * ```ts
 * import { optimizeSigns } from "./signs.ts";
 * import assert from "node:assert/strict";
 * const t = [1, -1, -1, 1];
 * const W = new Float64Array(16);
 * for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) W[i * 4 + j] = t[i]! * t[j]! * (1 + i + j);
 * assert.deepEqual(Array.from(optimizeSigns(W, 4)), t);
 * ```
 */
export function optimizeSigns(W: Float64Array, n: number, parity: 1 | -1 | 0 = 0): Int8Array {
  const Ws = symmetrized(W, n);
  const { s } = unconstrained(Ws, n);
  return parity === 0 ? canonical(s, false) : canonical(withParity(Ws, n, s, parity), true);
}

/**
 * {@link optimizeSigns} for both parities at once (one shared unconstrained search).
 *
 * @param W Weights [n, n].
 * @param n Order.
 * @returns Signs with ∏ s = +1 and with ∏ s = −1.
 *
 * @example
 * ```ts
 * import { optimizeSignsBoth } from "./signs.ts";
 * import assert from "node:assert/strict";
 * const { plus, minus } = optimizeSignsBoth(new Float64Array([0, -1, -1, 0]), 2);
 * assert.deepEqual([Array.from(plus), Array.from(minus)], [[1, 1], [1, -1]]);
 * ```
 */
export function optimizeSignsBoth(
  W: Float64Array,
  n: number,
): { plus: Int8Array; minus: Int8Array } {
  const Ws = symmetrized(W, n);
  const { s } = unconstrained(Ws, n);
  return {
    plus: canonical(withParity(Ws, n, s, 1), true),
    minus: canonical(withParity(Ws, n, s, -1), true),
  };
}
