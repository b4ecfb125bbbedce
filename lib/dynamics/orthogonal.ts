/**
 * The orthogonal group O(n): the Cayley retraction, Haar-random elements of
 * either component, and the sign of a determinant. Matrices are raw row-major
 * `Float64Array`s of order n.
 *
 * @module
 */

import { qr } from "../linalg/lstsq.ts";
import { mulberry32, normalSampler } from "../random.ts";
import { mm, spdSolve } from "./dense.ts";

/** Scratch buffers of {@link cayley}, each of length n². */
export interface CayleyWork {
  /** I − W²/4. */
  M: Float64Array;
  /** I + W + W²/4, overwritten by the result. */
  N: Float64Array;
  /** The Cholesky factor of M. */
  L: Float64Array;
}

/**
 * Scratch buffers for {@link cayley} of order n.
 *
 * @param n Order.
 * @returns Three zeroed arrays of length n².
 *
 * @example
 * ```ts
 * import { cayley, cayleyWork } from "./orthogonal.ts";
 * import assert from "node:assert/strict";
 * const W = new Float64Array([0, -2, 2, 0]), work = cayleyWork(2);
 * const R = cayley(W, 2, undefined, work);
 * assert.equal(R, work.N); // written into the buffers
 * assert.deepEqual(Array.from(R), Array.from(cayley(W, 2)));
 * ```
 */
export function cayleyWork(n: number): CayleyWork {
  return { M: new Float64Array(n * n), N: new Float64Array(n * n), L: new Float64Array(n * n) };
}

/**
 * Cayley transform of a skew-symmetric W: cay(W) = (I − W/2)⁻¹(I + W/2), an
 * element of SO(n). Computed as (I − W²/4)⁻¹(I + W + W²/4): the three factors
 * commute and I − W²/4 is symmetric positive definite, so one Cholesky solve
 * suffices. Pass `W2` = W² when it is already known (line searches reuse it).
 *
 * @param W Skew-symmetric [n, n].
 * @param n Order.
 * @param W2 Optional W·W.
 * @param work Optional buffers (see {@link cayleyWork}) to compute without allocating: the
 *   result is then `work.N`, overwritten by the next call.
 * @param t Scale: returns cay(tW) from W and W² (a line search varies t only).
 * @returns cay(tW) [n, n].
 *
 * @example A quarter turn
 * ```ts
 * import { cayley } from "./orthogonal.ts";
 * import assert from "node:assert/strict";
 * const R = cayley(new Float64Array([0, -2, 2, 0]), 2); // tan(θ/2) = 1
 * assert.ok(Math.abs(R[0]!) < 1e-15 && Math.abs(R[2]! - 1) < 1e-15);
 * ```
 */
export function cayley(
  W: Float64Array,
  n: number,
  W2?: Float64Array,
  work?: CayleyWork,
  t = 1,
): Float64Array {
  const sq = W2 ?? mm(W, W, n, n, n);
  const M = work?.M ?? new Float64Array(n * n), N = work?.N ?? new Float64Array(n * n);
  const q = 0.25 * t * t;
  for (let k = 0; k < n * n; k++) {
    const v = q * sq[k]!;
    M[k] = -v;
    N[k] = t * W[k]! + v;
  }
  for (let i = 0; i < n; i++) {
    M[i * n + i] += 1;
    N[i * n + i] += 1;
  }
  const X = spdSolve(M, N, n, n, 0, work ? { L: work.L, out: N } : undefined);
  if (!X) throw new RangeError("Cannot form Cayley transform: `W` is not skew-symmetric");
  return X;
}

/**
 * Sign of det(C) for a nonsingular matrix (LU with partial pivoting): +1 or −1.
 *
 * @param C Entries [n, n].
 * @param n Order.
 * @returns +1, −1, or 0 for a singular matrix.
 *
 * @example A reflection
 * ```ts
 * import { determinantSign } from "./orthogonal.ts";
 * import assert from "node:assert/strict";
 * assert.equal(determinantSign(new Float64Array([0, 1, 1, 0]), 2), -1);
 * ```
 */
export function determinantSign(C: Float64Array, n: number): number {
  const a = C.slice();
  let sign = 1;
  for (let j = 0; j < n; j++) {
    let p = j, best = Math.abs(a[j * n + j]!);
    for (let i = j + 1; i < n; i++) {
      const v = Math.abs(a[i * n + j]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best === 0) return 0;
    if (p !== j) {
      sign = -sign;
      for (let c = 0; c < n; c++) {
        const t = a[j * n + c]!;
        a[j * n + c] = a[p * n + c]!;
        a[p * n + c] = t;
      }
    }
    const d = a[j * n + j]!;
    if (d < 0) sign = -sign;
    for (let i = j + 1; i < n; i++) {
      const f = a[i * n + j]! / d;
      if (f === 0) continue;
      for (let c = j + 1; c < n; c++) a[i * n + c] -= f * a[j * n + c]!;
    }
  }
  return sign;
}

/**
 * A Haar-distributed random orthogonal matrix of a given determinant sign:
 * QR of a Gaussian matrix with R's diagonal made positive (Mezzadri 2007),
 * then the first column negated when needed.
 *
 * @param n Order.
 * @param rand Uniform generator (e.g. `mulberry32(seed)`).
 * @param det +1 (SO(n)) or −1 (the other component).
 * @returns Q [n, n] with QᵀQ = I and det Q = `det`.
 *
 * @example Orthogonal with the requested determinant
 * ```ts
 * import { determinantSign, haarOrthogonal } from "./orthogonal.ts";
 * import { mulberry32 } from "../random.ts";
 * import assert from "node:assert/strict";
 * const Q = haarOrthogonal(3, mulberry32(1), -1);
 * assert.equal(determinantSign(Q, 3), -1);
 * let s = 0;
 * for (let i = 0; i < 3; i++) s += Q[i * 3]! * Q[i * 3 + 1]!;
 * assert.ok(Math.abs(s) < 1e-14);
 * ```
 */
export function haarOrthogonal(n: number, rand: () => number, det: 1 | -1 = 1): Float64Array {
  const g = normalSampler(rand);
  const G = new Float64Array(n * n);
  for (let k = 0; k < G.length; k++) G[k] = g();
  const Q = qr({ rows: n, cols: n, data: G }).Q.data.slice();
  if (determinantSign(Q, n) !== det) { for (let i = 0; i < n; i++) Q[i * n] = -Q[i * n]!; }
  return Q;
}

/**
 * Seeded stream of Haar-random orthogonal matrices, for reproducible restarts.
 *
 * @param n Order.
 * @param seed Seed.
 * @returns A function returning the next matrix with the requested determinant sign.
 *
 * @example Same seed, same matrices
 * ```ts
 * import { haarStream } from "./orthogonal.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(haarStream(4, 7)(1), haarStream(4, 7)(1));
 * ```
 */
export function haarStream(n: number, seed: number): (det: 1 | -1) => Float64Array {
  const rand = mulberry32(seed);
  return (det) => haarOrthogonal(n, rand, det);
}
