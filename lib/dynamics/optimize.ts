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
import { cayley, cayleyWork } from "./orthogonal.ts";

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
  /**
   * Early rejection: after `iterations` iterations, give up (with `gated: true`) when F is
   * still above `F` — a start that cannot be expected to beat the incumbent.
   */
  gate?: { iterations: number; F: number };
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
  /** Whether the start was given up at the gate (see {@link LocalProblem.gate}). */
  gated: boolean;
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

/** q ← q + a·y, then ⟨s, q⟩ (0 without s), summed in {@link dot}'s order. */
function updateDot(q: Float64Array, a: number, y: Float64Array, s: Float64Array | null): number {
  const m = q.length;
  if (!s) {
    for (let i = 0; i < m; i++) q[i] += a * y[i]!;
    return 0;
  }
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
  for (; i + 3 < m; i += 4) {
    const q0 = (q[i] += a * y[i]!), q1 = (q[i + 1] += a * y[i + 1]!);
    const q2 = (q[i + 2] += a * y[i + 2]!), q3 = (q[i + 3] += a * y[i + 3]!);
    s0 += s[i]! * q0;
    s1 += s[i + 1]! * q1;
    s2 += s[i + 2]! * q2;
    s3 += s[i + 3]! * q3;
  }
  for (; i < m; i++) s0 += s[i]! * (q[i] += a * y[i]!);
  return s0 + s1 + s2 + s3;
}

/** q ← q·(γ·P) entrywise, then ⟨y, q⟩ in {@link dot}'s order. */
function scaleDot(q: Float64Array, gamma: number, P: Float64Array, y: Float64Array): number {
  const m = q.length;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
  for (; i + 3 < m; i += 4) {
    const q0 = (q[i] *= gamma * P[i]!), q1 = (q[i + 1] *= gamma * P[i + 1]!);
    const q2 = (q[i + 2] *= gamma * P[i + 2]!), q3 = (q[i + 3] *= gamma * P[i + 3]!);
    s0 += y[i]! * q0;
    s1 += y[i + 1]! * q1;
    s2 += y[i + 2]! * q2;
    s3 += y[i + 3]! * q3;
  }
  for (; i < m; i++) s0 += y[i]! * (q[i] *= gamma * P[i]!);
  return s0 + s1 + s2 + s3;
}

/** d ← −(q + c·s) (d may be q), then ⟨g, d⟩ in {@link dot}'s order. */
function negateDot(q: Float64Array, c: number, s: Float64Array, g: Float64Array): number {
  const m = q.length;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
  for (; i + 3 < m; i += 4) {
    const d0 = (q[i] = -(q[i]! + c * s[i]!)), d1 = (q[i + 1] = -(q[i + 1]! + c * s[i + 1]!));
    const d2 = (q[i + 2] = -(q[i + 2]! + c * s[i + 2]!));
    const d3 = (q[i + 3] = -(q[i + 3]! + c * s[i + 3]!));
    s0 += g[i]! * d0;
    s1 += g[i + 1]! * d1;
    s2 += g[i + 2]! * d2;
    s3 += g[i + 3]! * d3;
  }
  for (; i < m; i++) s0 += g[i]! * (q[i] = -(q[i]! + c * s[i]!));
  return s0 + s1 + s2 + s3;
}

/**
 * The new L-BFGS pair s = t·d, y = g₁ − g₀ written into `sNew`/`yNew`, with ⟨s, y⟩, ⟨s, s⟩,
 * ⟨y, y⟩ and ⟨g₁, g₁⟩ in one pass ({@link dot}'s order).
 */
function pairSums(
  sNew: Float64Array,
  yNew: Float64Array,
  t: number,
  d: Float64Array,
  g1: Float64Array,
  g0: Float64Array,
): { sy: number; ss: number; yy: number; gg: number } {
  const m = d.length;
  const sy = [0, 0, 0, 0], ss = [0, 0, 0, 0], yy = [0, 0, 0, 0], gg = [0, 0, 0, 0];
  let i = 0;
  for (; i + 3 < m; i += 4) {
    for (let l = 0; l < 4; l++) {
      const s = (sNew[i + l] = t * d[i + l]!), g = g1[i + l]!, y = (yNew[i + l] = g - g0[i + l]!);
      sy[l] += s * y;
      ss[l] += s * s;
      yy[l] += y * y;
      gg[l] += g * g;
    }
  }
  for (; i < m; i++) {
    const s = (sNew[i] = t * d[i]!), g = g1[i]!, y = (yNew[i] = g - g0[i]!);
    sy[0] += s * y;
    ss[0] += s * s;
    yy[0] += y * y;
    gg[0] += g * g;
  }
  const total = (v: number[]) => v[0]! + v[1]! + v[2]! + v[3]!;
  return { sy: total(sy), ss: total(ss), yy: total(yy), gg: total(gg) };
}

/** Scratch arrays of one objective evaluation, reused across iterations. */
interface Scratch {
  T: Float64Array;
  R: Float64Array;
  P: Float64Array;
  Q: Float64Array;
}

function scratch(n: number): Scratch {
  const make = () => new Float64Array(n * n);
  return { T: make(), R: make(), P: make(), Q: make() };
}

/** F at C and its packed gradient, written into g; R = CᵀAC − B is left in `s.R`. */
function evaluate(
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  n: number,
  g: Float64Array,
  s: Scratch,
): number {
  const R = mm(C, mm(A, C, n, n, n, false, false, s.T), n, n, n, true, false, s.R);
  let ss = 0;
  for (let k = 0; k < R.length; k++) {
    const v = R[k]! - B[k]!;
    R[k] = v;
    ss += v * v;
  }
  const P = mm(B, R, n, n, n, true, false, s.P), Q = mm(R, B, n, n, n, false, true, s.Q);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, p++) {
      g[p] = 0.5 * ((P[i * n + j]! - Q[i * n + j]!) - (P[j * n + i]! - Q[j * n + i]!));
    }
  }
  return 0.5 * ss;
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
  const g = new Float64Array((n * (n - 1)) / 2);
  return { F: evaluate(A, B, C, n, g, scratch(n)), g };
}

/** Full skew-symmetric matrix from a packed vector, written into W. */
function unpackInto(d: Float64Array, n: number, W: Float64Array): Float64Array {
  let p = 0;
  for (let i = 0; i < n; i++) {
    W[i * n + i] = 0;
    for (let j = i + 1; j < n; j++, p++) {
      W[i * n + j] = d[p]!;
      W[j * n + i] = -d[p]!;
    }
  }
  return W;
}

/**
 * Minimise F(C) = ½‖Â − C B̂ Cᵀ‖² over C's component of O(n) by (optionally
 * preconditioned) L-BFGS in left-trivialised coordinates with a Cayley
 * retraction and an Armijo backtracking line search ({@link lbfgsOnOrthogonal}).
 * Deterministic.
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
  const work = scratch(n);
  return lbfgsOnOrthogonal((C, g) => evaluate(A, B, C, n, g, work), C0, n, options);
}

/**
 * An objective on O(n) for {@link lbfgsOnOrthogonal}: returns F(C) and writes its
 * left-trivialised gradient into `g`, packed: g at {@link packedIndex}(i, j) is entry (i, j) of
 * skew(Cᵀ∇F(C)), so that d/dt F(C·cay(tΩ)) at t = 0 is 2·Σᵢ<ⱼ gᵢⱼΩᵢⱼ.
 */
export type OrthogonalObjective = (C: Float64Array, g: Float64Array) => number;

/**
 * Minimise an objective over C's component of O(n) by (optionally preconditioned) L-BFGS in
 * left-trivialised coordinates: curves C·cay(tΩ), Ω skew-symmetric and stored packed, an Armijo
 * backtracking line search (F never increases) and the stopping rules of {@link LocalOptions}
 * (the relative gradient test reads √(2F) as the objective's scale). Deterministic.
 *
 * @param objective F and its packed gradient (see {@link OrthogonalObjective}).
 * @param C0 Orthogonal start [n, n] (not modified).
 * @param n Order.
 * @param options Stopping rules, an optional preconditioner and gate.
 * @returns The local optimum reached.
 *
 * @example The rotation that maximises ⟨C, M⟩ (orthogonal Procrustes) from the identity
 * ```ts
 * import { lbfgsOnOrthogonal, packedIndex } from "./optimize.ts";
 * import assert from "node:assert/strict";
 * const c = Math.cos(0.4), s = Math.sin(0.4), M = [c, -s, s, c]; // F = ½‖C − M‖²
 * const r = lbfgsOnOrthogonal((C, g) => {
 *   // ∇F = C − M; skew(Cᵀ(C − M)) = −skew(CᵀM)
 *   const k01 = C[0]! * M[1]! + C[2]! * M[3]!, k10 = C[1]! * M[0]! + C[3]! * M[2]!;
 *   g[packedIndex(0, 1, 2)] = -0.5 * (k01 - k10);
 *   return 0.5 * C.reduce((t, v, k) => t + (v - M[k]!) ** 2, 0);
 * }, new Float64Array([1, 0, 0, 1]), 2, { gradRel: 0, gradAbs: 1e-12 });
 * assert.ok(r.F < 1e-20 && Math.abs(r.C[1]! + s) < 1e-9);
 * ```
 */
export function lbfgsOnOrthogonal(
  objective: OrthogonalObjective,
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
    gate,
  } = options;
  const m = (n * (n - 1)) / 2;
  const P = weights ?? new Float64Array(m).fill(1);
  let evaluations = 1;
  let g = new Float64Array(m), gTrial = new Float64Array(m);
  let C = C0, F = objective(C0, g);
  // L-BFGS memory as a ring of preallocated pairs (s, y); `count` valid, newest at `head − 1`
  const S = Array.from({ length: memory }, () => new Float64Array(m));
  const Y = Array.from({ length: memory }, () => new Float64Array(m));
  // per stored pair: 1/⟨s, y⟩, ⟨s, y⟩ and ⟨y, P y⟩ (for γ)
  const rho = new Float64Array(memory), alpha = new Float64Array(memory);
  const sy = new Float64Array(memory), yPy = new Float64Array(memory);
  let count = 0, head = 0;
  let sNew = new Float64Array(m), yNew = new Float64Array(m);
  const slot = (k: number) => (head - count + k + 2 * memory) % memory; // k-th oldest
  const history: number[] = [F];
  let iterations = 0, converged = m === 0, gated = false;
  const d = new Float64Array(m);
  const D = new Float64Array(n * n), D2 = new Float64Array(n * n);
  const cayWork = cayleyWork(n);
  let Ct: Float64Array = new Float64Array(n * n);
  const Cnext = new Float64Array(n * n);
  // the packed vector holds each independent entry once; the full skew matrix counts it twice
  let gnorm = Math.SQRT2 * Math.sqrt(dot(g, g));
  while (!converged && iterations < maxIterations) {
    if (gate && iterations === gate.iterations && F > gate.F) {
      gated = true;
      break;
    }
    if (gnorm <= Math.max(gradAbs, gradRel * Math.sqrt(2 * F)) || F === 0) {
      converged = true;
      break;
    }
    // two-loop recursion: d = −H g with H₀ = γ·diag(P). Each pass fuses an update with the next
    // inner product; the sums run in dot()'s order, so d is what separate passes would give
    const q = d;
    q.set(g);
    let inner = count > 0 ? dot(S[slot(count - 1)]!, q) : 0;
    for (let k = count - 1; k >= 0; k--) {
      const z = slot(k);
      const a = rho[z]! * inner;
      alpha[z] = a;
      inner = updateDot(q, -a, Y[z]!, k > 0 ? S[slot(k - 1)]! : null);
    }
    let gamma: number;
    if (count > 0) {
      const z = slot(count - 1);
      gamma = sy[z]! / yPy[z]!;
    } else {
      let pg = 0;
      for (let i = 0; i < m; i++) pg += (P[i]! * q[i]!) ** 2;
      gamma = Math.min(1, 0.1 / Math.sqrt(pg)); // first step: length at most 0.1
    }
    let slope: number;
    if (count === 0) {
      for (let i = 0; i < m; i++) q[i] *= gamma * P[i]!;
      slope = negateDot(d, 0, d, g);
    } else {
      inner = scaleDot(q, gamma, P, Y[slot(0)]!);
      slope = 0;
      for (let k = 0; k < count; k++) {
        const z = slot(k);
        const c = alpha[z]! - rho[z]! * inner;
        if (k < count - 1) inner = updateDot(q, c, S[z]!, Y[slot(k + 1)]!);
        else slope = negateDot(q, c, S[z]!, g); // d = −(q + c·s), and ⟨g, d⟩
      }
    }
    if (!(slope < 0)) {
      // not a descent direction: forget the memory and take a preconditioned gradient step
      count = 0;
      let pg = 0;
      for (let i = 0; i < m; i++) pg += (P[i]! * g[i]!) ** 2;
      const c = Math.min(1, 0.1 / Math.sqrt(pg));
      for (let i = 0; i < m; i++) d[i] = -c * P[i]! * g[i]!;
      slope = dot(g, d);
    }
    unpackInto(d, n, D);
    mm(D, D, n, n, n, false, false, D2);
    let t = 1;
    let accepted = false, Ftrial = F;
    for (let ls = 0; ls < 40; ls++) {
      mm(C, cayley(D, n, D2, cayWork, t), n, n, n, false, false, Ct);
      Ftrial = objective(Ct, gTrial);
      evaluations++;
      // slope is ⟨g, d⟩ on packed vectors: the directional derivative of F is twice that
      if (Ftrial <= F + 2e-4 * t * slope) {
        accepted = true;
        break;
      }
      const denom = 2 * (Ftrial - F - 2 * slope * t);
      const tq = denom > 0 ? (-2 * slope * t * t) / denom : 0.5 * t;
      t = Math.min(0.5 * t, Math.max(0.1 * t, tq));
    }
    iterations++;
    if (!accepted) {
      converged = true; // no decrease representable in floating point: the rounding floor
      break;
    }
    const sums = pairSums(sNew, yNew, t, d, gTrial, g);
    if (memory > 0 && sums.sy > 1e-12 * Math.sqrt(sums.ss * sums.yy)) {
      // store the pair in the ring (over the oldest when full), keeping its old arrays as spares
      const z = head, sOld = S[z]!, yOld = Y[z]!;
      S[z] = sNew;
      Y[z] = yNew;
      sNew = sOld;
      yNew = yOld;
      rho[z] = 1 / sums.sy;
      sy[z] = sums.sy;
      const y = Y[z]!;
      let ypy = 0;
      for (let i = 0; i < m; i++) ypy += y[i]! * P[i]! * y[i]!;
      yPy[z] = ypy;
      head = (head + 1) % memory;
      count = Math.min(count + 1, memory);
    }
    // C takes the accepted trial; the old buffer (never the caller's C0) is recycled
    const previous = C;
    C = Ct;
    Ct = previous === C0 ? Cnext : previous;
    F = Ftrial;
    const gOld = g;
    g = gTrial;
    gTrial = gOld;
    gnorm = Math.SQRT2 * Math.sqrt(sums.gg);
    history.push(F);
    if (history.length > 10) {
      const old = history[history.length - 11]!;
      if (old - F <= valueRel * F) converged = true;
    }
  }
  return { C, F, iterations, evaluations, converged, gradNorm: gnorm, gated };
}
