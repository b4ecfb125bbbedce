/**
 * Least squares, pseudo-inverse and QR.
 *
 * @module
 */

import { getBackend } from "./backend.ts";
import { asMatrix, type Matrix, type MatrixLike } from "./matrix.ts";
import { svd } from "./svd.ts";

/** Options for {@link lstsq}. */
export interface LstsqOptions {
  /**
   * Singular values ≤ rcond·s_max are treated as zero; 0 or a value ≥ 1 means
   * machine ε (LAPACK `dgelsd`'s rule, as numpy's `lstsq`).
   * @default max(m, n)·ε
   */
  rcond?: number;
}

/** Options for {@link pinv}. */
export interface PinvOptions {
  /** Singular values ≤ rcond·s_max are dropped. @default 1e-15 (numpy's `pinv` default) */
  rcond?: number;
}

/** Result of {@link lstsq}. */
export interface Lstsq {
  /** Minimum-norm solution [n, nrhs]. */
  x: Matrix;
  /** Effective rank of A. */
  rank: number;
  /** Singular values of A, descending. */
  s: Float64Array;
}

/**
 * Minimum-norm least-squares solution of A X ≈ B (SVD based, like numpy's `lstsq`).
 *
 * @param A [m, n]
 * @param B [m, nrhs]
 * @returns `{x, rank, s}`
 *
 * @example Fit a line exactly
 * ```ts
 * import { lstsq, fromRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const A = fromRows([[1, 0], [1, 1], [1, 2]]);
 * const { x, rank } = lstsq(A, fromRows([[1], [3], [5]]));
 * assert.equal(rank, 2);
 * assert.ok(Math.abs(x.data[0]! - 1) < 1e-12 && Math.abs(x.data[1]! - 2) < 1e-12);
 * ```
 */
export function lstsq(A: MatrixLike, B: MatrixLike, options: LstsqOptions = {}): Lstsq {
  const ctx = "Cannot solve least squares";
  const a = asMatrix(A, "A", { context: ctx });
  const b = asMatrix(B, "B", { context: ctx });
  if (a.rows !== b.rows) {
    throw new TypeError(
      `${ctx}: \`A\` and \`B\` must have the same number of rows: got shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`,
    );
  }
  const { rcond = Math.max(a.rows, a.cols) * Number.EPSILON } = options;
  if (!(rcond >= 0)) throw new RangeError(`${ctx}: \`rcond\` must be >= 0: got ${rcond}`);
  return getBackend().lstsq(a, b, rcond);
}

/**
 * Moore–Penrose pseudo-inverse via the SVD, [n, m]: singular values s with
 * s ≤ rcond·s_max (or s = 0) are dropped, exactly as numpy's `pinv`
 * (including its default rcond of 1e-15).
 *
 * @param A Matrix [m, n] (finite).
 * @param options `rcond` (default 1e-15).
 * @returns A⁺ [n, m].
 *
 * @example
 * ```ts
 * import { pinv, fromRows, toRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(pinv(fromRows([[2, 0], [0, 0]]))), [[0.5, 0], [0, 0]]);
 * ```
 */
export function pinv(A: MatrixLike, options: PinvOptions = {}): Matrix {
  const ctx = "Cannot compute pseudo-inverse";
  const a = asMatrix(A, "A", { context: ctx });
  const { rcond = 1e-15 } = options;
  if (!(rcond >= 0)) throw new RangeError(`${ctx}: \`rcond\` must be >= 0: got ${rcond}`);
  const { U, s, Vt } = svd(a);
  const k = s.length, n = a.cols;
  const cut = rcond * (s[0] ?? 0);
  // A⁺ = V·diag(1/s)·Uᵀ over the singular values above the cut: scale the rows
  // of Vt (dropped ones become zero), then one product with Uᵀ
  const scaled = new Float64Array(k * n);
  for (let r = 0; r < k; r++) {
    if (!(s[r]! > cut) || s[r] === 0) continue;
    const inv = 1 / s[r]!;
    for (let i = 0; i < n; i++) scaled[r * n + i] = Vt.data[r * n + i]! * inv;
  }
  return getBackend().gemm({ rows: k, cols: n, data: scaled }, U, true, true);
}

/**
 * Thin QR decomposition A = Q R (Q [m, k] orthonormal columns, R [k, n] upper
 * triangular, k = min(m, n)), with R's diagonal made non-negative.
 *
 * @param A Matrix [m, n] (finite, non-empty).
 * @returns `{Q, R}` with Q [m, k] and R [k, n].
 *
 * @example
 * ```ts
 * import { qr, fromRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const { R } = qr(fromRows([[3, 1], [4, 2]]));
 * assert.ok(Math.abs(R.data[0]! - 5) < 1e-14);
 * ```
 */
export function qr(A: MatrixLike): { Q: Matrix; R: Matrix } {
  const a = asMatrix(A, "A", { context: "Cannot compute QR decomposition" });
  const raw = getBackend().qr(a);
  const Q = { rows: raw.Q.rows, cols: raw.Q.cols, data: raw.Q.data.slice() };
  const R = { rows: raw.R.rows, cols: raw.R.cols, data: raw.R.data.slice() };
  const k = R.rows;
  for (let j = 0; j < k; j++) {
    if (R.data[j * R.cols + j]! < 0) {
      for (let c = j; c < R.cols; c++) R.data[j * R.cols + c] = -R.data[j * R.cols + c]!;
      for (let i = 0; i < Q.rows; i++) Q.data[i * k + j] = -Q.data[i * k + j]!;
    }
  }
  return { Q, R };
}
