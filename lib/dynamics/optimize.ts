/**
 * Riemannian L-BFGS on O(n) for F(C) = ½‖Â − C B̂ Cᵀ‖²_F, the objective behind
 * the similarity-transform distance (minimising F maximises ⟨Â, C B̂ Cᵀ⟩ when
 * ‖Â‖ = ‖B̂‖ = 1).
 *
 * Curves C(t) = C·cay(tΩ) with Ω skew-symmetric stay in C's component of O(n).
 * In these left-trivialised coordinates the exact gradient is
 * ∇F = skew(B̂ᵀR̃ − R̃B̂ᵀ) with R̃ = CᵀÂC − B̂ (the Euclidean gradient
 * −(R C B̂ᵀ + Rᵀ C B̂), R = Â − CB̂Cᵀ, pulled back by Cᵀ and projected on the
 * tangent space). Evaluating F from the residual keeps it accurate to rounding
 * near zero, which is what lets conjugate pairs reach distances below 1e-12.
 * Skew-symmetric tangent vectors are stored packed (strict upper triangle).
 *
 * @module
 */

import { mm } from "./dense.ts";
import { cayley } from "./orthogonal.ts";

/** Options for {@link minimizeOnOrthogonal}. */
export interface LocalOptions {
  /** Iteration cap per start. @default 1000 */
  maxIterations?: number;
  /** L-BFGS memory. @default 10 */
  memory?: number;
  /** Stop when ‖∇F‖ ≤ max(gradAbs, gradRel·‖Â − CB̂Cᵀ‖). @default 1e-8 */
  gradRel?: number;
  /** Absolute gradient floor. @default 1e-14 */
  gradAbs?: number;
  /** Also stop when F fell by less than valueRel·F over the last 10 iterations. @default 1e-8 */
  valueRel?: number;
}

/** Extra inputs of {@link minimizeOnOrthogonal} beyond the stopping rules. */
export interface LocalProblem {
  /**
   * Diagonal preconditioner, packed like the tangent vectors (entry (i, j),
   * i < j, at {@link packedIndex}): the initial inverse Hessian of L-BFGS.
   */
  weights?: Float64Array;
}

/** Outcome of one local optimisation. */
export interface LocalResult {
  /** The optimised C [n, n] (row-major), in the start's component. */
  C: Float64Array;
  /** F(C) = ½‖Â − C B̂ Cᵀ‖². */
  F: number;
  /** Iterations used. */
  iterations: number;
  /** Objective evaluations used. */
  evaluations: number;
  /** Whether a stopping test (or the rounding floor) was met before the cap. */
  converged: boolean;
  /** Final ‖∇F‖ (Frobenius norm of the full skew-symmetric gradient). */
  gradNorm: number;
}

/**
 * Position of entry (i, j), i < j, in a packed strict upper triangle of order n.
 *
 * @example
 * ```ts
 * import { packedIndex } from "./optimize.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([packedIndex(0, 1, 3), packedIndex(0, 2, 3), packedIndex(1, 2, 3)], [0, 1, 2]);
 * ```
 */
export function packedIndex(i: number, j: number, n: number): number {
  return i * n - (i * (i + 1)) / 2 + (j - i - 1);
}

function dot(a: Float64Array, b: Float64Array): number {
  const m = a.length;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
  for (; i + 3 < m; i += 4) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
    s2 += a[i + 2]! * b[i + 2]!;
    s3 += a[i + 3]! * b[i + 3]!;
  }
  for (; i < m; i++) s0 += a[i]! * b[i]!;
  return s0 + s1 + s2 + s3;
}

/**
 * F and its left-trivialised gradient at C, the gradient packed (strict upper
 * triangle of the skew-symmetric matrix).
 *
 * @param A Â [n, n].
 * @param B B̂ [n, n].
 * @param C Orthogonal [n, n].
 * @param n Order.
 * @returns `{F, g}`.
 *
 * @example Zero at a conjugating matrix
 * ```ts
 * import { objectiveAndGradient } from "./optimize.ts";
 * import assert from "node:assert/strict";
 * const A = new Float64Array([0, 1, 0, 0]), B = new Float64Array([0, 0, 1, 0]);
 * const P = new Float64Array([0, 1, 1, 0]); // swap: P B Pᵀ = A
 * assert.equal(objectiveAndGradient(A, B, P, 2).F, 0);
 * ```
 */
export function objectiveAndGradient(
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  n: number,
): { F: number; g: Float64Array } {
  const R = mm(C, mm(A, C, n, n, n), n, n, n, true, false);
  let ss = 0;
  for (let k = 0; k < R.length; k++) {
    const v = R[k]! - B[k]!;
    R[k] = v;
    ss += v * v;
  }
  const P = mm(B, R, n, n, n, true, false), Q = mm(R, B, n, n, n, false, true);
  const g = new Float64Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, p++) {
      g[p] = 0.5 * ((P[i * n + j]! - Q[i * n + j]!) - (P[j * n + i]! - Q[j * n + i]!));
    }
  }
  return { F: 0.5 * ss, g };
}

/** Full skew-symmetric matrix t·W from a packed vector. */
function unpack(d: Float64Array, n: number, t: number): Float64Array {
  const W = new Float64Array(n * n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, p++) {
      W[i * n + j] = t * d[p]!;
      W[j * n + i] = -t * d[p]!;
    }
  }
  return W;
}

/**
 * Minimise F(C) = ½‖Â − C B̂ Cᵀ‖² over C's component of O(n) by (optionally
 * preconditioned) L-BFGS in left-trivialised coordinates with a Cayley
 * retraction and an Armijo backtracking line search. Deterministic.
 *
 * @param A Â [n, n].
 * @param B B̂ [n, n].
 * @param C0 Orthogonal start [n, n].
 * @param n Order.
 * @param options Stopping rules and an optional preconditioner.
 * @returns The local optimum reached.
 *
 * @example Finds the rotation conjugating two 2×2 matrices
 * ```ts
 * import { minimizeOnOrthogonal } from "./optimize.ts";
 * import assert from "node:assert/strict";
 * const mul = (x: number[], y: number[]) =>
 *   [x[0]! * y[0]! + x[1]! * y[2]!, x[0]! * y[1]! + x[1]! * y[3]!, x[2]! * y[0]! + x[3]! * y[2]!, x[2]! * y[1]! + x[3]! * y[3]!];
 * const c = Math.cos(0.7), s = Math.sin(0.7);
 * const B = [1, 2, 0, 3], Q = [c, -s, s, c], Qt = [c, s, -s, c];
 * const A = mul(mul(Q, B), Qt); // A = Q B Qᵀ
 * const res = minimizeOnOrthogonal(new Float64Array(A), new Float64Array(B), new Float64Array([1, 0, 0, 1]), 2);
 * assert.ok(res.F < 1e-24);
 * ```
 */
export function minimizeOnOrthogonal(
  A: Float64Array,
  B: Float64Array,
  C0: Float64Array,
  n: number,
  options: LocalOptions & LocalProblem = {},
): LocalResult {
  const {
    maxIterations = 1000,
    memory = 10,
    gradRel = 1e-8,
    gradAbs = 1e-14,
    valueRel = 1e-8,
    weights,
  } = options;
  const m = (n * (n - 1)) / 2;
  const P = weights ?? new Float64Array(m).fill(1);
  let evaluations = 1;
  const first = objectiveAndGradient(A, B, C0, n);
  let C = C0, F = first.F, g = first.g;
  const S: Float64Array[] = [], Y: Float64Array[] = [], rho: number[] = [];
  const history: number[] = [F];
  let iterations = 0, converged = m === 0;
  // the packed vector holds each independent entry once; the full skew matrix counts it twice
  let gnorm = Math.SQRT2 * Math.sqrt(dot(g, g));
  while (!converged && iterations < maxIterations) {
    if (gnorm <= Math.max(gradAbs, gradRel * Math.sqrt(2 * F)) || F === 0) {
      converged = true;
      break;
    }
    // two-loop recursion: d = −H g with H₀ = γ·diag(P)
    const q = g.slice();
    const alpha = new Float64Array(S.length);
    for (let k = S.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(S[k]!, q);
      alpha[k] = a;
      const y = Y[k]!;
      for (let i = 0; i < m; i++) q[i] -= a * y[i]!;
    }
    let gamma: number;
    if (S.length > 0) {
      const y = Y[S.length - 1]!;
      let yPy = 0;
      for (let i = 0; i < m; i++) yPy += y[i]! * P[i]! * y[i]!;
      gamma = dot(S[S.length - 1]!, y) / yPy;
    } else {
      let pg = 0;
      for (let i = 0; i < m; i++) pg += (P[i]! * q[i]!) ** 2;
      gamma = Math.min(1, 0.1 / Math.sqrt(pg)); // first step: length at most 0.1
    }
    for (let i = 0; i < m; i++) q[i] *= gamma * P[i]!;
    for (let k = 0; k < S.length; k++) {
      const b = rho[k]! * dot(Y[k]!, q);
      const s = S[k]!, c = alpha[k]! - b;
      for (let i = 0; i < m; i++) q[i] += c * s[i]!;
    }
    const d = q;
    for (let i = 0; i < m; i++) d[i] = -d[i]!;
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // not a descent direction: forget the memory and take a preconditioned gradient step
      S.length = Y.length = rho.length = 0;
      let pg = 0;
      for (let i = 0; i < m; i++) pg += (P[i]! * g[i]!) ** 2;
      const c = Math.min(1, 0.1 / Math.sqrt(pg));
      for (let i = 0; i < m; i++) d[i] = -c * P[i]! * g[i]!;
      slope = dot(g, d);
    }
    const D = unpack(d, n, 1);
    const D2 = mm(D, D, n, n, n);
    const W = new Float64Array(n * n), W2 = new Float64Array(n * n);
    let t = 1;
    let accepted: { C: Float64Array; F: number; g: Float64Array } | null = null;
    for (let ls = 0; ls < 40; ls++) {
      const t2 = t * t;
      for (let k = 0; k < W2.length; k++) {
        W[k] = t * D[k]!;
        W2[k] = t2 * D2[k]!;
      }
      const Ct = mm(C, cayley(W, n, W2), n, n, n);
      const trial = objectiveAndGradient(A, B, Ct, n);
      evaluations++;
      // slope is ⟨g, d⟩ on packed vectors: the directional derivative of F is twice that
      if (trial.F <= F + 2e-4 * t * slope) {
        accepted = { C: Ct, F: trial.F, g: trial.g };
        break;
      }
      const denom = 2 * (trial.F - F - 2 * slope * t);
      const tq = denom > 0 ? (-2 * slope * t * t) / denom : 0.5 * t;
      t = Math.min(0.5 * t, Math.max(0.1 * t, tq));
    }
    iterations++;
    if (!accepted) {
      converged = true; // no decrease representable in floating point: the rounding floor
      break;
    }
    const s = new Float64Array(m), y = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      s[i] = t * d[i]!;
      y[i] = accepted.g[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
      if (S.length > memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    C = accepted.C;
    F = accepted.F;
    g = accepted.g;
    gnorm = Math.SQRT2 * Math.sqrt(dot(g, g));
    history.push(F);
    if (history.length > 10) {
      const old = history[history.length - 11]!;
      if (old - F <= valueRel * F) converged = true;
    }
  }
  return { C, F, iterations, evaluations, converged, gradNorm: gnorm };
}
