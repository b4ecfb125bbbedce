/**
 * Householder bidiagonalisation A = U·B·Vᵀ of a tall matrix (m ≥ n), with B
 * upper bidiagonal (Golub & Van Loan §5.4.8). Left reflectors zero the
 * columns below the diagonal, right reflectors zero the rows right of the
 * superdiagonal; both are applied row by row in the row-major storage.
 *
 * @module
 */

import { applyLeft, applyRight, makeReflector, readReflector } from "./householder.ts";

/** The bidiagonal and the reflectors that produced it. */
export interface Bidiagonal {
  /** Diagonal of B, length n. */
  d: Float64Array;
  /** Superdiagonal of B, length max(n − 1, 0). */
  e: Float64Array;
  /** Row-major [m, n]: left reflector j below (j, j), right reflector j right of (j, j + 1). */
  a: Float64Array;
  /** Left reflector scales, length n. */
  tauq: Float64Array;
  /** Right reflector scales, length n (the last two are 0). */
  taup: Float64Array;
  /** Rows. */
  m: number;
  /** Columns. */
  n: number;
}

/**
 * Reduce a tall row-major A [m, n] (m ≥ n) to upper bidiagonal form.
 *
 * @param data Row-major entries (not modified).
 * @param m Rows.
 * @param n Columns (≤ m).
 * @returns The bidiagonal and reflectors.
 *
 * @example The singular values are preserved
 * ```ts
 * import { bidiagonalize } from "./bidiagonal.ts";
 * import assert from "node:assert/strict";
 * const { d, e } = bidiagonalize(new Float64Array([3, 0, 4, 0]), 2, 2);
 * assert.ok(Math.abs(Math.abs(d[0]!) - 5) < 1e-15 && e[0] === 0);
 * ```
 */
export function bidiagonalize(data: Float64Array, m: number, n: number): Bidiagonal {
  const a = data.slice();
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  const tauq = new Float64Array(n);
  const taup = new Float64Array(n);
  const v = new Float64Array(Math.max(m, n));
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const tq = makeReflector(a, k * n + k, m - k, n);
    tauq[k] = tq;
    d[k] = a[k * n + k]!;
    if (tq !== 0 && k + 1 < n) {
      readReflector(a, k * n + k, m - k, n, v);
      applyLeft(a, n, k, m - k, k + 1, n, v, tq, w);
    }
    if (k + 1 < n) {
      const len = n - k - 1;
      const tp = makeReflector(a, k * n + k + 1, len, 1);
      taup[k] = tp;
      e[k] = a[k * n + k + 1]!;
      if (tp !== 0) {
        readReflector(a, k * n + k + 1, len, 1, v);
        applyRight(a, n, k + 1, m, k + 1, len, v, tp);
      }
    }
  }
  return { d, e, a, tauq, taup, m, n };
}

/**
 * Uᵀ restricted to its first `ku` rows (row-major [ku, m]): row i is the i-th
 * left basis vector. `ku` is n for the thin factor, m for the full one.
 *
 * @param b Bidiagonalisation.
 * @param ku Number of rows to form (n ≤ ku ≤ m).
 * @returns Uᵀ rows.
 *
 * @example
 * ```ts
 * import { bidiagonalize, formUt } from "./bidiagonal.ts";
 * import assert from "node:assert/strict";
 * const ut = formUt(bidiagonalize(new Float64Array([3, 4]), 2, 1), 2);
 * assert.ok(Math.abs(ut[0]! * ut[2]! + ut[1]! * ut[3]!) < 1e-15);
 * ```
 */
export function formUt(b: Bidiagonal, ku: number): Float64Array {
  const { a, tauq, m, n } = b;
  const ut = new Float64Array(ku * m);
  for (let i = 0; i < ku; i++) ut[i * m + i] = 1;
  const v = new Float64Array(m);
  for (let j = n - 1; j >= 0; j--) {
    if (tauq[j] === 0) continue;
    readReflector(a, j * n + j, m - j, n, v);
    applyRight(ut, m, j, ku, j, m - j, v, tauq[j]!);
  }
  return ut;
}

/**
 * Vᵀ (row-major [n, n]): row i is the i-th right basis vector.
 *
 * @param b Bidiagonalisation.
 * @returns Vᵀ.
 *
 * @example
 * ```ts
 * import { bidiagonalize, formVt } from "./bidiagonal.ts";
 * import assert from "node:assert/strict";
 * // the first right basis vector is e₀: right reflectors act on coordinates ≥ 1
 * const vt = formVt(bidiagonalize(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 10]), 3, 3));
 * assert.deepEqual(Array.from(vt.subarray(0, 3)), [1, 0, 0]);
 * ```
 */
export function formVt(b: Bidiagonal): Float64Array {
  const { a, taup, n } = b;
  const vt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) vt[i * n + i] = 1;
  const v = new Float64Array(n);
  for (let j = n - 3; j >= 0; j--) {
    if (taup[j] === 0) continue;
    const len = n - j - 1;
    readReflector(a, j * n + j + 1, len, 1, v);
    applyRight(vt, n, j + 1, n, j + 1, len, v, taup[j]!);
  }
  return vt;
}
