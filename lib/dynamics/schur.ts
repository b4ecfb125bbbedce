/**
 * A real Schur basis built from the eigendecomposition: orthonormalising the
 * real invariant-subspace basis (real eigenvectors; real and imaginary parts of
 * complex ones) in eigenvalue order gives Schur vectors Q with T = QᵀAQ block
 * upper triangular. Each 2×2 block is then rotated into a canonical form, so
 * that orthogonally conjugate matrices get bases that differ only by signs.
 *
 * @module
 */

import { eig } from "../linalg/eig.ts";
import { qr } from "../linalg/lstsq.ts";
import { mm } from "./dense.ts";

/** A real Schur basis. */
export interface SchurBasis {
  /** Orthogonal Q [n, n] (row-major). */
  Q: Float64Array;
  /** T = QᵀAQ [n, n], block upper triangular up to rounding for diagonalisable A. */
  T: Float64Array;
  /** Size (1 or 2) of the diagonal block starting at each column, 0 inside a 2×2 block. */
  blocks: Uint8Array;
}

/**
 * Real Schur vectors of A in the order of `eig` (modulus descending, conjugate
 * pairs adjacent) with canonical 2×2 blocks: for a block X with
 * p = (x₁₁ − x₂₂)/2, q = (x₁₂ + x₂₁)/2, ω = (x₂₁ − x₁₂)/2, the plane is rotated
 * so that p = 0 and q ≥ 0, then its two vectors are swapped if ω < 0.
 *
 * @param A Entries [n, n].
 * @param n Order.
 * @returns `{Q, T, blocks}`.
 *
 * @example T is upper triangular for a matrix with real eigenvalues
 * ```ts
 * import { realSchurBasis } from "./schur.ts";
 * import assert from "node:assert/strict";
 * const { T } = realSchurBasis(new Float64Array([2, 1, 0, 1]), 2);
 * assert.ok(Math.abs(T[2]!) < 1e-14 && Math.abs(T[0]! - 2) < 1e-14);
 * ```
 */
export function realSchurBasis(A: Float64Array, n: number): SchurBasis {
  const e = eig({ rows: n, cols: n, data: A }, { vectors: true });
  const vr = e.vectorsRe!.data, vi = e.vectorsIm!.data;
  const V = new Float64Array(n * n);
  const blocks = new Uint8Array(n);
  for (let j = 0; j < n;) {
    const pair = j + 1 < n && e.im[j]! > 0 &&
      Math.abs(e.im[j]! + e.im[j + 1]!) <= 1e-12 * (1 + Math.abs(e.im[j]!));
    if (pair) {
      for (let i = 0; i < n; i++) {
        V[i * n + j] = vr[i * n + j]!;
        V[i * n + j + 1] = vi[i * n + j]!;
      }
      blocks[j] = 2;
      j += 2;
    } else {
      for (let i = 0; i < n; i++) V[i * n + j] = vr[i * n + j]!;
      blocks[j] = 1;
      j += 1;
    }
  }
  const Q = qr({ rows: n, cols: n, data: V }).Q.data.slice();
  let T = mm(Q, mm(A, Q, n, n, n), n, n, n, true, false);
  let rotated = false;
  for (let j = 0; j < n; j++) {
    if (blocks[j] !== 2) continue;
    const x11 = T[j * n + j]!,
      x12 = T[j * n + j + 1]!,
      x21 = T[(j + 1) * n + j]!,
      x22 = T[(j + 1) * n + j + 1]!;
    const p = (x11 - x22) / 2, q = (x12 + x21) / 2, w = (x21 - x12) / 2;
    // rotating the plane by φ maps p + iq to (p + iq)e^{−2iφ}: choose it to land on the positive imaginary axis
    const phi = (Math.atan2(q, p) - Math.PI / 2) / 2;
    const c = Math.cos(phi), s = Math.sin(phi);
    for (let i = 0; i < n; i++) {
      const a = Q[i * n + j]!, b = Q[i * n + j + 1]!;
      // columns [a b]·G with G = [[c, −s], [s, c]]; swap them when ω < 0
      const na = c * a + s * b, nb = -s * a + c * b;
      Q[i * n + j] = w < 0 ? nb : na;
      Q[i * n + j + 1] = w < 0 ? na : nb;
    }
    rotated = true;
  }
  if (rotated) T = mm(Q, mm(A, Q, n, n, n), n, n, n, true, false);
  return { Q, T, blocks };
}
