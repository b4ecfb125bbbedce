/**
 * Householder bidiagonalisation A = U·B·Vᵀ of a tall matrix (m ≥ n), with B
 * upper bidiagonal (Golub & Van Loan §5.4.8). Left reflectors zero the
 * columns below the diagonal, right reflectors zero the rows right of the
 * superdiagonal; every pass over the matrix runs along its rows.
 *
 * @module
 */

import {
  accumulateRight,
  formFromRowReflectors,
  makeReflector,
  readReflector,
} from "./householder.ts";

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
 * Step k applies the left reflector H_k = I − τ·v·vᵀ and the right reflector
 * G_k = I − π·u·uᵀ together as one rank-2 update A ← A − v·yᵀ − z·uᵀ with
 * y = τ·Aᵀv and z = π·(A − v·yᵀ)·u. The update of step k is fused with the
 * product Aᵀv′ that the next left reflector v′ needs (v′ comes from column
 * k + 1, which is updated first), so each step streams the trailing matrix
 * twice instead of three times.
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
  if (n === 0) return { d, e, a, tauq, taup, m, n };
  let v = new Float64Array(m), vNext = new Float64Array(m);
  let y = new Float64Array(n), yNext = new Float64Array(n);
  const u = new Float64Array(n);
  const z = new Float64Array(m);
  // left reflector of column 0 and y = τ·Aᵀv on columns 1…n−1
  tauq[0] = makeReflector(a, 0, m, n);
  d[0] = a[0]!;
  readReflector(a, 0, m, n, v);
  if (tauq[0] !== 0) {
    for (let i = 0; i < m; i++) {
      const vi = v[i]!, o = i * n;
      for (let j = 1; j < n; j++) y[j] += vi * a[o + j]!;
    }
    for (let j = 1; j < n; j++) y[j] = y[j]! * tauq[0]!;
  }
  for (let k = 0; k + 1 < n; k++) {
    // row k after the left reflection, then its right reflector (columns k+1…)
    const ok = k * n;
    for (let j = k + 1; j < n; j++) a[ok + j] -= y[j]!;
    const len = n - k - 1;
    const tp = makeReflector(a, ok + k + 1, len, 1);
    taup[k] = tp;
    e[k] = a[ok + k + 1]!;
    if (tp !== 0) readReflector(a, ok + k + 1, len, 1, u);
    else u.fill(0, 0, len);
    // z = π·(A − v·yᵀ)·u on rows k+1…m−1 (A not yet updated)
    if (tp !== 0) {
      let yu = 0;
      for (let j = 0; j < len; j++) yu += y[k + 1 + j]! * u[j]!;
      for (let i = k + 1; i < m; i++) {
        const o = i * n + k + 1;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let j = 0;
        for (; j + 3 < len; j += 4) {
          s0 += a[o + j]! * u[j]!;
          s1 += a[o + j + 1]! * u[j + 1]!;
          s2 += a[o + j + 2]! * u[j + 2]!;
          s3 += a[o + j + 3]! * u[j + 3]!;
        }
        for (; j < len; j++) s0 += a[o + j]! * u[j]!;
        z[i] = tp * ((s0 + s1) + (s2 + s3) - v[i - k]! * yu);
      }
    } else {
      z.fill(0);
    }
    // column k+1 of the updated matrix, and the next left reflector from it
    const c = k + 1;
    const yc = y[c]!, uc = u[0]!;
    for (let i = c; i < m; i++) a[i * n + c] -= v[i - k]! * yc + z[i]! * uc;
    const tq = makeReflector(a, c * n + c, m - c, n);
    tauq[c] = tq;
    d[c] = a[c * n + c]!;
    readReflector(a, c * n + c, m - c, n, vNext);
    // fused: rank-2 update of columns k+2… and yNext = τ′·Aᵀv′ from the updated rows
    yNext.fill(0);
    for (let i = c; i < m; i++) {
      const vi = v[i - k]!, zi = z[i]!, wi = vNext[i - c]!;
      const o = i * n;
      for (let j = c + 1; j < n; j++) {
        const x = a[o + j]! - vi * y[j]! - zi * u[j - c]!;
        a[o + j] = x;
        yNext[j] += wi * x;
      }
    }
    for (let j = c + 1; j < n; j++) yNext[j] = yNext[j]! * tq;
    [v, vNext] = [vNext, v];
    [y, yNext] = [yNext, y];
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
  // reflector j: column j of `a` from row j
  accumulateRight(ut, m, ku, 0, n - 1, m, {
    start: (j) => j,
    read: (j, out, off) => {
      readReflector(a, j * n + j, m - j, n, out.subarray(off));
      return tauq[j]!;
    },
  });
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
  return formFromRowReflectors(b.a, b.taup, b.n);
}
