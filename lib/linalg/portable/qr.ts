/**
 * Householder QR factorisation A = Q·R (Golub & Van Loan §5.2.1), row-major.
 *
 * @module
 */

import type { Matrix } from "../matrix.ts";
import { accumulateRight, applyLeft, makeReflector, readReflector } from "./householder.ts";
import { transposeData } from "./util.ts";

/** Compact Householder QR: R in the upper triangle of `a`, reflector tails below it. */
export interface QrFactors {
  /** Row-major [m, n]: R on and above the diagonal, v₁… of reflector j below (j, j). */
  a: Float64Array;
  /** Reflector scales, length min(m, n). */
  tau: Float64Array;
  /** Rows. */
  m: number;
  /** Columns. */
  n: number;
}

/**
 * Factor A = H₀·H₁·…·H_{k−1}·R with Householder reflectors (k = min(m, n)).
 *
 * @param data Row-major entries of A [m, n] (not modified).
 * @param m Rows.
 * @param n Columns.
 * @returns The compact factors.
 *
 * @example R of a 2×1 column is its norm (up to sign)
 * ```ts
 * import { qrFactor } from "./qr.ts";
 * import assert from "node:assert/strict";
 * const { a } = qrFactor(new Float64Array([3, 4]), 2, 1);
 * assert.equal(Math.abs(a[0]!), 5);
 * ```
 */
export function qrFactor(data: Float64Array, m: number, n: number): QrFactors {
  const a = data.slice();
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  const v = new Float64Array(m);
  const w = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    const t = makeReflector(a, j * n + j, m - j, n);
    tau[j] = t;
    if (t === 0 || j + 1 >= n) continue;
    readReflector(a, j * n + j, m - j, n, v);
    applyLeft(a, n, j, m - j, j + 1, n, v, t, w);
  }
  return { a, tau, m, n };
}

/**
 * The first `kq` columns of Q = H₀·…·H_{k−1}, as rows: Qᵀ restricted to its
 * first `kq` rows (row-major [kq, m]), built by backward accumulation in
 * compact-WY blocks. Rows are contiguous, which suits later row operations.
 *
 * @param f Compact factors from {@link qrFactor}.
 * @param kq Number of rows of Qᵀ to form.
 * @returns Qᵀ, row-major [kq, m].
 *
 * @example
 * ```ts
 * import { formQt, qrFactor } from "./qr.ts";
 * import assert from "node:assert/strict";
 * const Qt = formQt(qrFactor(new Float64Array([3, 4]), 2, 1), 1);
 * assert.ok(Math.abs(Math.abs(Qt[0]!) - 0.6) < 1e-15);
 * ```
 */
export function formQt(f: QrFactors, kq: number): Float64Array {
  const { a, tau, m, n } = f;
  const qt = new Float64Array(kq * m);
  for (let i = 0; i < Math.min(m, kq); i++) qt[i * m + i] = 1;
  // reflector j: column j of `a` from row j
  accumulateRight(qt, m, kq, 0, tau.length - 1, m, {
    start: (j) => j,
    read: (j, out, off) => {
      readReflector(a, j * n + j, m - j, n, out.subarray(off));
      return tau[j]!;
    },
  });
  return qt;
}

/**
 * Thin QR: A = Q·R with Q [m, k] orthonormal columns and R [k, n] upper
 * triangular, k = min(m, n). Signs of R's diagonal are not normalised.
 *
 * @param A Matrix [m, n].
 * @returns `{Q, R}`.
 *
 * @example
 * ```ts
 * import { qr } from "./qr.ts";
 * import assert from "node:assert/strict";
 * const { R } = qr({ rows: 2, cols: 2, data: new Float64Array([3, 1, 4, 2]) });
 * assert.ok(Math.abs(Math.abs(R.data[0]!) - 5) < 1e-14);
 * ```
 */
export function qr(A: Matrix): { Q: Matrix; R: Matrix } {
  const m = A.rows, n = A.cols, k = Math.min(m, n);
  const f = qrFactor(A.data, m, n);
  const R = new Float64Array(k * n);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < n; j++) R[i * n + j] = f.a[i * n + j]!;
  }
  const Q = transposeData(formQt(f, k), k, m);
  return { Q: { rows: m, cols: k, data: Q }, R: { rows: k, cols: n, data: R } };
}
