/** Random test inputs (seeded) shared by the metrics tests. */
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { matmul } from "../../lib/linalg/products.ts";
import { qr } from "../../lib/linalg/lstsq.ts";
import { randn } from "../../lib/random.ts";

export function rand(n: number, p: number, seed: number): Matrix {
  return randn(n, p, seed);
}

/** A random orthogonal p×p matrix (Q of a Gaussian matrix). */
export function orthogonal(p: number, seed: number): Matrix {
  return qr(randn(p, p, seed)).Q;
}

/** A random well-conditioned invertible p×p matrix: Q1 diag(0.5..2) Q2. */
export function invertible(p: number, seed: number): Matrix {
  const Q1 = orthogonal(p, seed), Q2 = orthogonal(p, seed + 1);
  const D = new Float64Array(p * p);
  for (let i = 0; i < p; i++) D[i * p + i] = 0.5 + (1.5 * i) / Math.max(1, p - 1);
  return matmul(matmul(Q1, { rows: p, cols: p, data: D }), Q2);
}

export function mul(A: Matrix, B: Matrix): Matrix {
  return matmul(A, B);
}

/** A + c (every entry), c·A. */
export function shift(A: Matrix, c: number): Matrix {
  return { rows: A.rows, cols: A.cols, data: A.data.map((v) => v + c) };
}

export function times(A: Matrix, c: number): Matrix {
  return { rows: A.rows, cols: A.cols, data: A.data.map((v) => v * c) };
}

/** A + c·B. */
export function addScaled(A: Matrix, B: Matrix, c: number): Matrix {
  return { rows: A.rows, cols: A.cols, data: A.data.map((v, k) => v + c * B.data[k]!) };
}

/** Add a different constant to each column (a translation). */
export function translate(A: Matrix, seed: number): Matrix {
  const t = randn(1, A.cols, seed).data;
  return { rows: A.rows, cols: A.cols, data: A.data.map((v, k) => v + 3 * t[k % A.cols]!) };
}

/** Permute columns: column k of the output is column perm[k] of A. */
export function permuteCols(A: Matrix, perm: number[]): Matrix {
  const out = new Float64Array(A.data.length);
  for (let i = 0; i < A.rows; i++) {
    for (let k = 0; k < A.cols; k++) out[i * A.cols + k] = A.data[i * A.cols + perm[k]!]!;
  }
  return { rows: A.rows, cols: A.cols, data: out };
}

/** A seeded random permutation of 0..p-1. */
export function permutation(p: number, seed: number): number[] {
  const r = randn(1, p, seed).data;
  return Array.from({ length: p }, (_, i) => i).sort((a, b) => r[a]! - r[b]!);
}
