/**
 * The Bures (fidelity) similarity of two RDMs' double-centred matrices.
 *
 * @module
 */

import { eigh } from "../linalg/eigh.ts";

/**
 * Bures similarity of two double-centred RDMs: A^½ from eigh(A) with negative
 * eigenvalues clipped to 0; Σ_i √max(λ_i(A^½ B A^½), 0) / √(tr A · tr B), B not
 * clipped, raw traces. Eigenvalues within rounding of 0 count as 0.
 *
 * @param A First G = −½·H D H, `[n, n]` row-major.
 * @param B Second G.
 * @param n Number of conditions.
 * @returns The similarity.
 *
 * @example 1 for a positive semi-definite matrix against itself
 * ```ts
 * import { buresSimilarity } from "./bures.ts";
 * import assert from "node:assert/strict";
 * const A = new Float64Array([2, 1, 1, 2]);
 * assert.ok(Math.abs(buresSimilarity(A, A, 2) - 1) < 1e-12);
 * ```
 */
export function buresSimilarity(A: Float64Array, B: Float64Array, n: number): number {
  const { values, vectors } = eigh({ rows: n, cols: n, data: A });
  const Vd = vectors!.data;
  // A^½ = V diag(√max(λ, 0)) Vᵀ
  // eigenvalues within rounding of 0 (G always has the null vector 1) count as 0, so that
  // their square roots (~1e-8) do not leak into the fidelity
  const tiny = (v: Float64Array) => {
    let max = 0;
    for (const x of v) max = Math.max(max, Math.abs(x));
    return 8 * n * Number.EPSILON * max;
  };
  const cutA = tiny(values);
  const root = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const s = values[k]! > cutA ? Math.sqrt(values[k]!) : 0;
    if (s === 0) continue;
    for (let i = 0; i < n; i++) {
      const vi = Vd[i * n + k]! * s;
      for (let j = 0; j < n; j++) root[i * n + j]! += vi * Vd[j * n + k]!;
    }
  }
  const RB = mul(root, B, n), M = mul(RB, root, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (M[i * n + j]! + M[j * n + i]!);
      M[i * n + j] = s;
      M[j * n + i] = s;
    }
  }
  const lam = eigh({ rows: n, cols: n, data: M }, { vectors: false }).values;
  const cutM = tiny(lam);
  let fid = 0, trA = 0, trB = 0;
  for (let k = 0; k < n; k++) {
    if (lam[k]! > cutM) fid += Math.sqrt(lam[k]!);
    trA += A[k * n + k]!;
    trB += B[k * n + k]!;
  }
  return fid / Math.sqrt(trA * trB);
}

function mul(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = A[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) C[i * n + j]! += aik * B[k * n + j]!;
    }
  }
  return C;
}
