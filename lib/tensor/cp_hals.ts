/**
 * Nonnegative CP decomposition by hierarchical alternating least squares (HALS).
 *
 * Cichocki & Phan (2009) "Fast local algorithms for large scale nonnegative matrix and
 * tensor factorizations"; as in tensortools' `ncp_hals`.
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
} from "./cp_core.ts";
import { kruskalFull } from "./kruskal.ts";
import type { Tensor3, Tensor3Like } from "./tensor.ts";

/**
 * Fit a rank-R nonnegative CP decomposition (every factor entry ≥ 0) by HALS: each sweep
 * updates, mode by mode and column by column,
 * `a_r ← max(0, a_r + (M[:, r] − A V[:, r]) / V[r, r])` with `M` the MTTKRP and `V` the
 * Hadamard product of the other modes' Grams, then rebalances. With a mask, unobserved
 * entries are imputed from the current model before every sweep (expectation–maximisation),
 * so the fit minimises the error over observed entries. Initial factors are uniform on
 * [0, 1). Same options and result as `cpAls` (`method: "hals"`).
 *
 * @param T The data `[I, J, K]` (finite at observed entries; need not be nonnegative).
 * @param options Rank, mask, restarts, seed, stopping rule.
 * @returns The fitted decomposition, every factor entry ≥ 0.
 *
 * @example A nonnegative rank-2 tensor is fitted with nonnegative factors
 * ```ts
 * import { cpHals } from "./cp_hals.ts";
 * import { kruskalToTensor } from "./kruskal.ts";
 * import assert from "node:assert/strict";
 * const T = kruskalToTensor([[[1, 0], [1, 1], [0, 2]], [[2, 1], [0, 1]], [[1, 1], [3, 0]]]);
 * const fit = cpHals(T, { rank: 2, restarts: 3, maxIter: 2000, tol: 1e-12 });
 * assert.ok(fit.relativeError < 1e-4);
 * assert.ok(fit.factors.every((f) => f.data.every((x) => x >= 0)));
 * ```
 */
export function cpHals(T: Tensor3Like, options: CpOptions): CpFit {
  const prob = prepareCp(T, options, "Cannot fit nonnegative CP decomposition");
  return runRestarts(prob, "hals", (F) => halsSweep(prob, F));
}

function hadamard(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let p = 0; p < a.length; p++) out[p] = a[p]! * b[p]!;
  return out;
}

/** Column-wise HALS update of `F` (in place) from MTTKRP `M` and Gram product `V`. */
function halsUpdate(F: Matrix, M: Float64Array, V: Float64Array): void {
  const R = F.cols, n = F.rows, d = F.data;
  for (let r = 0; r < R; r++) {
    const vrr = V[r * R + r]!;
    if (!(vrr > 0)) continue;
    for (let i = 0; i < n; i++) {
      let av = 0;
      const o = i * R;
      for (let s = 0; s < R; s++) av += d[o + s]! * V[s * R + r]!;
      const v = d[o + r]! + (M[o + r]! - av) / vrr;
      d[o + r] = v > 0 ? v : 0;
    }
  }
}

/** One HALS sweep over the three modes, then rebalance; returns the relative error. */
export function halsSweep(prob: CpProblem, F: Matrix[]): number {
  const { rank: R } = prob;
  const [I, J, K] = prob.T.shape;
  const [A, B, C] = F as [Matrix, Matrix, Matrix];
  let data = prob.X;
  if (prob.mask) {
    const mask = prob.mask;
    const That = kruskalFull(new Float64Array(R).fill(1), A, B, C).data;
    data = prob.X.slice();
    for (let p = 0; p < data.length; p++) if (!mask[p]) data[p] = That[p]!;
  }
  const W: Tensor3 = { shape: [I, J, K], data };
  const Z = contractLastMode(W, C);
  const gC = gram(C);
  halsUpdate(A, mttkrpMode0FromZ(Z, B, I).data, hadamard(gram(B), gC));
  const gA = gram(A);
  halsUpdate(B, mttkrpMode1FromZ(Z, A, J).data, hadamard(gA, gC));
  const gAB = hadamard(gA, gram(B));
  const M2 = mttkrpMode2(W, A, B);
  halsUpdate(C, M2.data, gAB);
  let err: number;
  if (prob.mask) {
    const mask = prob.mask;
    const That = kruskalFull(new Float64Array(R).fill(1), A, B, C).data;
    let res = 0;
    for (let p = 0; p < That.length; p++) if (mask[p]) res += (prob.X[p]! - That[p]!) ** 2;
    err = Math.sqrt(res) / prob.normX;
  } else {
    // ‖T̂‖² = Σ (AᵀA ∘ BᵀB ∘ CᵀC) and ⟨T, T̂⟩ = Σ C ∘ M2, before rebalancing.
    const gC2 = gram(C);
    let normHat2 = 0, inner = 0;
    for (let p = 0; p < R * R; p++) normHat2 += gAB[p]! * gC2[p]!;
    for (let p = 0; p < M2.data.length; p++) inner += M2.data[p]! * C.data[p]!;
    err = Math.sqrt(Math.max(0, prob.normX ** 2 - 2 * inner + normHat2)) / prob.normX;
  }
  rebalance(F);
  return err;
}
