/**
 * CP decomposition (tensor component analysis) by alternating least squares.
 *
 * Williams et al. (2018) "Unsupervised discovery of demixed, low-dimensional neural
 * dynamics across multiple timescales through tensor component analysis"; Kolda & Bader
 * (2009) "Tensor decompositions and applications".
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { contractLastMode, mttkrpMode0FromZ, mttkrpMode1FromZ, mttkrpMode2 } from "./khatri_rao.ts";
import {
  type CpFit,
  type CpOptions,
  type CpProblem,
  gram,
  prepareCp,
  rebalance,
  runRestarts,
  solveNormal,
} from "./cp_core.ts";
import type { Tensor3Like } from "./tensor.ts";

export type { CpFit, CpOptions } from "./cp_core.ts";

/**
 * Fit a rank-R CP decomposition `T ≈ Σ_r λ_r a_r ∘ b_r ∘ c_r` by alternating least squares.
 *
 * Each sweep updates A, B, C in turn from the normal equations
 * `A (BᵀB ∘ CᵀC) = T_(0) (B ⊙ C)`, solved by Cholesky of the R×R Gram (pseudo-inverse if
 * singular), and then rebalances the component norms across modes. Without a mask the
 * MTTKRPs run as two gemms per sweep on the un-permuted data (`Z = T_[IJ,K] C` serves
 * modes 0 and 1); with a mask every row of a factor solves its own masked least-squares
 * problem over its observed entries (as tensortools' `mcp_als`). Stops when the relative
 * error improves by less than `tol`. Several restarts from random normal factors keep the
 * lowest error. The result is in canonical form (unit columns, weights descending, signs
 * fixed; see `normalizeKruskal`).
 *
 * Errors: `relativeError = ‖T − T̂‖_F/‖T‖_F` and
 * `varianceExplained = 1 − ‖T − T̂‖²_F/‖T − mean(T)‖²_F`, both over the observed entries.
 *
 * @param T The data `[I, J, K]` (finite at observed entries).
 * @param options Rank, mask, restarts, seed, stopping rule.
 * @returns The fitted decomposition.
 *
 * @example An exactly rank-1 tensor is recovered
 * ```ts
 * import { cpAls } from "./cp_als.ts";
 * import { kruskalToTensor } from "./kruskal.ts";
 * import assert from "node:assert/strict";
 * const T = kruskalToTensor([[[1], [2]], [[1], [0], [-1]], [[3], [1]]]);
 * const fit = cpAls(T, { rank: 1 });
 * assert.ok(fit.relativeError < 1e-10);
 * assert.ok(Math.abs(fit.weights[0]! - Math.sqrt(5 * 2 * 10)) < 1e-8);
 * ```
 */
export function cpAls(T: Tensor3Like, options: CpOptions): CpFit {
  const prob = prepareCp(T, options, "Cannot fit CP decomposition");
  const ws = prob.mask ? undefined : denseWorkspace(prob);
  return runRestarts(
    prob,
    "als",
    prob.mask ? (F) => maskedSweep(prob, F) : (F) => denseSweep(prob, F, ws),
    ws?.Z,
  );
}

/**
 * The buffers one dense ALS sweep writes into, allocated once per fit so that
 * sweeps allocate nothing: `Z = T_[IJ,K] C` [I·J, R], the Khatri–Rao product
 * [I·J, R], the three MTTKRPs and the R×R Gram matrices. `kr` is the same array as `Z`:
 * the sweep is done with Z (modes 0 and 1) before it forms A ⊙ B for mode 2, and one
 * buffer halves the fresh pages a fit touches and the cache the sweep streams through.
 */
export interface DenseWorkspace {
  Z: Float64Array;
  kr: Float64Array;
  m0: Float64Array;
  m1: Float64Array;
  m2: Float64Array;
  gA: Float64Array;
  gB: Float64Array;
  gC: Float64Array;
  V: Float64Array;
  L: Float64Array;
}

/** Allocate the {@link DenseWorkspace} for a problem's shape and rank. */
export function denseWorkspace(prob: CpProblem): DenseWorkspace {
  const [I, J, K] = prob.T.shape, R = prob.rank;
  const rr = () => new Float64Array(R * R);
  const Z = new Float64Array(I * J * R);
  return {
    Z,
    kr: Z,
    m0: new Float64Array(I * R),
    m1: new Float64Array(J * R),
    m2: new Float64Array(K * R),
    gA: rr(),
    gB: rr(),
    gC: rr(),
    V: rr(),
    L: rr(),
  };
}

function hadamard(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  for (let p = 0; p < a.length; p++) out[p] = a[p]! * b[p]!;
  return out;
}

/** One dense ALS sweep (A, B, C, then rebalance is left to the caller); returns the relative error. */
export function denseSweep(
  prob: CpProblem,
  F: Matrix[],
  ws: DenseWorkspace = denseWorkspace(prob),
): number {
  const { T, rank: R } = prob;
  const [I, J] = T.shape;
  const [A, B, C] = F as [Matrix, Matrix, Matrix];
  const Z = contractLastMode(T, C, ws.Z);
  const gC = gram(C, ws.gC);
  solveNormal(
    mttkrpMode0FromZ(Z, B, I, ws.m0).data,
    I,
    hadamard(gram(B, ws.gB), gC, ws.V),
    R,
    A.data,
    ws.L,
  );
  const gA = gram(A, ws.gA);
  solveNormal(mttkrpMode1FromZ(Z, A, J, ws.m1).data, J, hadamard(gA, gC, ws.V), R, B.data, ws.L);
  const M2 = mttkrpMode2(T, A, B, ws.kr, ws.m2);
  const gAB = hadamard(gA, gram(B, ws.gB), ws.V);
  solveNormal(M2.data, T.shape[2], gAB, R, C.data, ws.L);
  // ‖T̂‖² = Σ (AᵀA ∘ BᵀB ∘ CᵀC), ⟨T, T̂⟩ = Σ C ∘ M2.
  const gC2 = gram(C, ws.gC);
  let normHat2 = 0, inner = 0;
  for (let p = 0; p < R * R; p++) normHat2 += gAB[p]! * gC2[p]!;
  for (let p = 0; p < M2.data.length; p++) inner += M2.data[p]! * C.data[p]!;
  const res2 = Math.max(0, prob.normX * prob.normX - 2 * inner + normHat2);
  rebalance(F);
  return Math.sqrt(res2) / prob.normX;
}

/**
 * One masked ALS sweep: every row of every factor solves its own least-squares problem
 * over its observed entries. Returns the exact relative error over observed entries.
 */
export function maskedSweep(prob: CpProblem, F: Matrix[]): number {
  const { T, X, rank: R } = prob;
  const mask = prob.mask!;
  const [I, J, K] = T.shape;
  const R2 = R * R;
  const w = new Float64Array(R);
  for (let mode = 0; mode < 3; mode++) {
    const n = T.shape[mode]!;
    const lhs = new Float64Array(n * R2), rhs = new Float64Array(n * R);
    const [P, Q] = mode === 0 ? [F[1]!, F[2]!] : mode === 1 ? [F[0]!, F[2]!] : [F[0]!, F[1]!];
    const pd = P.data, qd = Q.data;
    // row / a / b = the index of this mode / of P's mode / of Q's mode, as i·x + j·y + k·z.
    const [ri, rj, rk] = mode === 0 ? [1, 0, 0] : mode === 1 ? [0, 1, 0] : [0, 0, 1];
    const [ai, aj] = mode === 0 ? [0, 1] : [1, 0];
    const [bj, bk] = mode === 2 ? [1, 0] : [0, 1];
    for (let i = 0; i < I; i++) {
      for (let j = 0; j < J; j++) {
        const base = (i * J + j) * K;
        for (let k = 0; k < K; k++) {
          if (!mask[base + k]) continue;
          const x = X[base + k]!;
          const row = i * ri + j * rj + k * rk;
          const po = (i * ai + j * aj) * R, qo = (j * bj + k * bk) * R;
          const lo = row * R2, ro = row * R;
          for (let r = 0; r < R; r++) w[r] = pd[po + r]! * qd[qo + r]!;
          for (let r = 0; r < R; r++) {
            const wr = w[r]!;
            rhs[ro + r] += x * wr;
            for (let s = r; s < R; s++) lhs[lo + r * R + s] += wr * w[s]!;
          }
        }
      }
    }
    const out = F[mode]!.data;
    const sol = new Float64Array(R);
    for (let row = 0; row < n; row++) {
      const V = lhs.subarray(row * R2, (row + 1) * R2);
      for (let r = 0; r < R; r++) for (let s = 0; s < r; s++) V[r * R + s] = V[s * R + r]!;
      solveNormal(rhs.subarray(row * R, (row + 1) * R), 1, V, R, sol);
      out.set(sol, row * R);
    }
  }
  rebalance(F);
  // Exact error over observed entries.
  const [A, B, C] = F as [Matrix, Matrix, Matrix];
  let res = 0;
  for (let i = 0; i < I; i++) {
    for (let j = 0; j < J; j++) {
      const base = (i * J + j) * K;
      for (let k = 0; k < K; k++) {
        if (!mask[base + k]) continue;
        let s = 0;
        for (let r = 0; r < R; r++) {
          s += A.data[i * R + r]! * B.data[j * R + r]! * C.data[k * R + r]!;
        }
        res += (X[base + k]! - s) ** 2;
      }
    }
  }
  return Math.sqrt(res) / prob.normX;
}
