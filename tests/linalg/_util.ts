/**
 * Helpers shared by the linalg tests: seeded random matrices for fast-check
 * properties, naive reference products and the residual norms the claims use.
 *
 * @module
 */

import fc from "fast-check";
import { type Matrix, matrix } from "../../lib/linalg/matrix.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

/** Standard normal matrix [m, n] from a seed. */
export function randomMatrix(m: number, n: number, seed: number): Matrix {
  const randn = normalSampler(mulberry32(seed));
  const A = matrix(m, n);
  for (let k = 0; k < A.data.length; k++) A.data[k] = randn();
  return A;
}

/** Random shape and seed: rows and columns in [1, maxDim]. */
export function shapeArb(maxDim = 30): fc.Arbitrary<{ m: number; n: number; seed: number }> {
  return fc.record({
    m: fc.integer({ min: 1, max: maxDim }),
    n: fc.integer({ min: 1, max: maxDim }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });
}

/** Random order and seed: n in [1, maxDim]. */
export function squareArb(maxDim = 30): fc.Arbitrary<{ n: number; seed: number }> {
  return fc.record({
    n: fc.integer({ min: 1, max: maxDim }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });
}

/** fast-check settings used throughout: fixed seed, modest run count. */
export function runs(numRuns = 40, seed = 20240601): fc.Parameters<unknown> {
  return { numRuns, seed };
}

/** Naive triple-loop product op(A)·op(B), the reference for the kernels. */
export function naiveProduct(A: Matrix, B: Matrix, transA = false, transB = false): Matrix {
  const m = transA ? A.cols : A.rows, k = transA ? A.rows : A.cols;
  const n = transB ? B.rows : B.cols;
  const C = matrix(m, n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const a = transA ? A.data[p * A.cols + i]! : A.data[i * A.cols + p]!;
        const b = transB ? B.data[j * B.cols + p]! : B.data[p * B.cols + j]!;
        s += a * b;
      }
      C.data[i * n + j] = s;
    }
  }
  return C;
}

/** Largest absolute entry. */
export function maxAbs(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s = Math.max(s, Math.abs(x[i]!));
  return s;
}

/** Largest absolute entrywise difference. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s = Math.max(s, Math.abs(a[i]! - b[i]!));
  return s;
}

/** max |QᵀQ − I| for the columns of Q (row-major [m, k]). */
export function orthonormalityError(Q: Matrix): number {
  const { rows: m, cols: k, data } = Q;
  let err = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += data[i * k + a]! * data[i * k + b]!;
      err = Math.max(err, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return err;
}

/** Transposed copy (reference implementation, independent of the library). */
export function transposed(A: Matrix): Matrix {
  const T = matrix(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) T.data[j * A.rows + i] = A.data[i * A.cols + j]!;
  }
  return T;
}

/** Symmetric A + Aᵀ of a random square matrix. */
export function randomSymmetric(n: number, seed: number): Matrix {
  const A = randomMatrix(n, n, seed);
  const S = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) S.data[i * n + j] = A.data[i * n + j]! + A.data[j * n + i]!;
  }
  return S;
}

/** Random symmetric positive-definite matrix AᵀA + n·I. */
export function randomSpd(n: number, seed: number): Matrix {
  const A = randomMatrix(n, n, seed);
  const S = naiveProduct(A, A, true, false);
  for (let i = 0; i < n; i++) S.data[i * n + i] += n;
  return S;
}

/** U·diag(s)·Vt for thin factors U [m, k], s [k], Vt [k, n]. */
export function reconstruct(U: Matrix, s: ArrayLike<number>, Vt: Matrix): Matrix {
  const m = U.rows, n = Vt.cols, k = s.length;
  const out = matrix(m, n);
  for (let i = 0; i < m; i++) {
    for (let r = 0; r < k; r++) {
      const f = U.data[i * U.cols + r]! * s[r]!;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) out.data[i * n + j] += f * Vt.data[r * n + j]!;
    }
  }
  return out;
}

/** A random matrix of exact rank r (product of [m, r] and [r, n] Gaussian factors). */
export function randomRankR(m: number, n: number, r: number, seed: number): Matrix {
  return naiveProduct(randomMatrix(m, r, seed), randomMatrix(r, n, seed + 1));
}
