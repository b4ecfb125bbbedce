/**
 * General (nonsymmetric) eigendecomposition: balancing, Householder
 * Hessenberg reduction, Francis double-shift QR to real Schur form, and
 * eigenvectors by back substitution mapped back through the Schur vectors and
 * the balancing.
 *
 * @module
 */

import type { RawEig } from "../backend.ts";
import { expandConjugatePairs } from "../conjugate_pairs.ts";
import type { Matrix } from "../matrix.ts";
import { balance, unbalanceVectors } from "./balance.ts";
import { schurEigenvectors } from "./eigenvectors.ts";
import { gemmKernel } from "./gemm.ts";
import { hessenberg } from "./hessenberg.ts";
import { hessenbergQr } from "./schur.ts";

/**
 * Eigenvalues (and right eigenvectors) of a real square matrix, in the raw
 * order of the Schur form: conjugate pairs adjacent, positive imaginary part
 * first; each eigenvector has unit 2-norm, and the vectors of a pair are conjugate.
 *
 * @param A Square matrix [n, n].
 * @param vectors Also compute eigenvectors.
 * @returns `{re, im, vectorsRe?, vectorsIm?}`.
 *
 * @example
 * ```ts
 * import { eig } from "./eig.ts";
 * import assert from "node:assert/strict";
 * const { re, im } = eig({ rows: 2, cols: 2, data: new Float64Array([0, -1, 1, 0]) }, false);
 * assert.deepEqual([re[0], im[0], re[1], im[1]], [0, 1, 0, -1]);
 * ```
 */
export function eig(A: Matrix, vectors: boolean): RawEig {
  const n = A.rows;
  const wr = new Float64Array(n), wi = new Float64Array(n);
  if (n === 0) {
    if (!vectors) return { re: wr, im: wi };
    const empty = { rows: 0, cols: 0, data: new Float64Array(0) };
    return { re: wr, im: wi, vectorsRe: empty, vectorsIm: { ...empty } };
  }
  const h = A.data.slice();
  // scale by a power of two (exact) when the entries are extreme, so the
  // shift computations neither overflow nor underflow
  let amax = 0;
  for (let i = 0; i < h.length; i++) amax = Math.max(amax, Math.abs(h[i]!));
  let scale = 1;
  if (amax > 0 && (amax < 1e-100 || amax > 1e100)) {
    scale = 2 ** -Math.round(Math.log2(amax));
    for (let i = 0; i < h.length; i++) h[i] = h[i]! * scale;
  }
  const bal = balance(h, n);
  const zt = hessenberg(h, n, bal.lo, bal.hi, vectors);
  hessenbergQr(h, n, bal.lo, bal.hi, wr, wi, vectors, zt);
  // eigenvectors of T (in its scaling), then X = Z·Y = (Zᵀ)ᵀ·Y
  const y = vectors ? schurEigenvectors(h, n, wr, wi) : null;
  if (scale !== 1) {
    for (let i = 0; i < n; i++) {
      wr[i] = wr[i]! / scale;
      wi[i] = wi[i]! / scale;
    }
  }
  if (!y) return { re: wr, im: wi };
  const x = new Float64Array(n * n);
  gemmKernel(zt!, 1, n, y, x, n, n, n);
  unbalanceVectors(x, n, bal);
  // unit 2-norm columns (a pair: the complex vector x_j + i·x_{j+1})
  for (let j = 0; j < n; j++) {
    if (wi[j] === 0) {
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i * n + j]! ** 2;
      const f = s > 0 ? 1 / Math.sqrt(s) : 1;
      for (let i = 0; i < n; i++) x[i * n + j] = x[i * n + j]! * f;
    } else if (wi[j]! > 0 && j + 1 < n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i * n + j]! ** 2 + x[i * n + j + 1]! ** 2;
      const f = s > 0 ? 1 / Math.sqrt(s) : 1;
      for (let i = 0; i < n; i++) {
        x[i * n + j] = x[i * n + j]! * f;
        x[i * n + j + 1] = x[i * n + j + 1]! * f;
      }
      j++;
    }
  }
  const { vre, vim } = expandConjugatePairs(x, wi, n);
  return {
    re: wr,
    im: wi,
    vectorsRe: { rows: n, cols: n, data: vre },
    vectorsIm: { rows: n, cols: n, data: vim },
  };
}
