/**
 * Householder reflectors H = I − τ·v·vᵀ (v₀ = 1) and their application to
 * blocks of row-major arrays, row by row so that every loop is contiguous.
 *
 * Reference: Golub & Van Loan, Matrix Computations (4th ed.), §5.1.
 *
 * @module
 */

import { gemmKernel } from "./gemm.ts";
import { EPS, norm2, SAFE_MIN } from "./util.ts";

/** Norms below this are rescaled before a reflector is formed (as LAPACK's `dlarfg`). */
const TINY_NORM = SAFE_MIN / EPS;

/**
 * Turn x = (x[off], x[off + stride], …) (length `len`) into a reflector in place:
 * afterwards x[off] holds β and the other entries hold v₁…, so that
 * (I − τ v vᵀ)·x_original = β·e₁ with v₀ = 1. |β| = ‖x‖₂ and β has the sign
 * opposite to x₀ (no cancellation). Returns τ (0 when x₁… are already zero).
 *
 * @param x Storage.
 * @param off Offset of x₀.
 * @param len Length of x.
 * @param stride Step between entries.
 * @returns τ ∈ [0, 2].
 *
 * @example Reflect (3, 4) onto the first axis
 * ```ts
 * import { makeReflector } from "./householder.ts";
 * import assert from "node:assert/strict";
 * const x = new Float64Array([3, 4]);
 * const tau = makeReflector(x, 0, 2, 1);
 * assert.equal(x[0], -5);
 * assert.ok(Math.abs(tau - 1.6) < 1e-15 && Math.abs(x[1]! - 0.5) < 1e-15);
 * ```
 */
export function makeReflector(x: Float64Array, off: number, len: number, stride: number): number {
  if (len <= 1) return 0;
  let alpha = x[off]!;
  let xnorm = norm2(x, off + stride, len - 1, stride);
  if (xnorm === 0) return 0;
  let beta = alpha >= 0 ? -Math.hypot(alpha, xnorm) : Math.hypot(alpha, xnorm);
  // near underflow the quotients below lose their digits: work on 2^600·x
  // (v and τ do not depend on the scale; β is scaled back)
  let scale = 1;
  if (Math.abs(beta) < TINY_NORM) {
    scale = 2 ** 600;
    for (let i = 0, p = off; i < len; i++, p += stride) x[p] = x[p]! * scale;
    alpha = x[off]!;
    xnorm = norm2(x, off + stride, len - 1, stride);
    beta = alpha >= 0 ? -Math.hypot(alpha, xnorm) : Math.hypot(alpha, xnorm);
  }
  const tau = (beta - alpha) / beta;
  const denom = alpha - beta;
  for (let i = 1, p = off + stride; i < len; i++, p += stride) x[p] = x[p]! / denom;
  x[off] = beta / scale;
  return tau;
}

/**
 * Copy a reflector vector (v₀ = 1, then the stored entries) into `v` (contiguous).
 *
 * @param x Storage holding v₁… after {@link makeReflector}.
 * @param off Offset of x₀ (β).
 * @param len Length of v.
 * @param stride Step between entries.
 * @param v Destination, length ≥ `len`.
 *
 * @example
 * ```ts
 * import { readReflector } from "./householder.ts";
 * import assert from "node:assert/strict";
 * const v = new Float64Array(2);
 * readReflector(new Float64Array([-5, 0.5]), 0, 2, 1, v);
 * assert.deepEqual(Array.from(v), [1, 0.5]);
 * ```
 */
export function readReflector(
  x: Float64Array,
  off: number,
  len: number,
  stride: number,
  v: Float64Array,
): void {
  v[0] = 1;
  for (let i = 1, p = off + stride; i < len; i++, p += stride) v[i] = x[p]!;
}

/**
 * M ← (I − τ v vᵀ)·M on rows r0…r0+len−1 and columns c0…c1−1 of a row-major
 * array with row length `ld`. Work vector `w` needs length ≥ c1.
 *
 * @param M Row-major storage.
 * @param ld Row length.
 * @param r0 First row.
 * @param len Number of rows (= length of v).
 * @param c0 First column.
 * @param c1 One past the last column.
 * @param v Reflector vector (contiguous, v₀ = 1).
 * @param tau Reflector scale.
 * @param w Work array.
 *
 * @example Reflect the rows of I
 * ```ts
 * import { applyLeft } from "./householder.ts";
 * import assert from "node:assert/strict";
 * const M = new Float64Array([1, 0, 0, 1]);
 * applyLeft(M, 2, 0, 2, 0, 2, new Float64Array([1, 1]), 1, new Float64Array(2));
 * assert.deepEqual(Array.from(M), [0, -1, -1, 0]);
 * ```
 */
export function applyLeft(
  M: Float64Array,
  ld: number,
  r0: number,
  len: number,
  c0: number,
  c1: number,
  v: Float64Array,
  tau: number,
  w: Float64Array,
): void {
  if (tau === 0 || c1 <= c0) return;
  for (let j = c0; j < c1; j++) w[j] = 0;
  for (let i = 0; i < len; i++) {
    const vi = v[i]!;
    const o = (r0 + i) * ld;
    for (let j = c0; j < c1; j++) w[j] += vi * M[o + j]!;
  }
  for (let i = 0; i < len; i++) {
    const f = tau * v[i]!;
    const o = (r0 + i) * ld;
    for (let j = c0; j < c1; j++) M[o + j] -= f * w[j]!;
  }
}

/**
 * M ← M·(I − τ v vᵀ) on rows r0…r1−1 and columns c0…c0+len−1 of a row-major
 * array with row length `ld`.
 *
 * @param M Row-major storage.
 * @param ld Row length.
 * @param r0 First row.
 * @param r1 One past the last row.
 * @param c0 First column.
 * @param len Number of columns (= length of v).
 * @param v Reflector vector (contiguous, v₀ = 1).
 * @param tau Reflector scale.
 *
 * @example Reflect the columns of I
 * ```ts
 * import { applyRight } from "./householder.ts";
 * import assert from "node:assert/strict";
 * const M = new Float64Array([1, 0, 0, 1]);
 * applyRight(M, 2, 0, 2, 0, 2, new Float64Array([1, 1]), 1);
 * assert.deepEqual(Array.from(M), [0, -1, -1, 0]);
 * ```
 */
export function applyRight(
  M: Float64Array,
  ld: number,
  r0: number,
  r1: number,
  c0: number,
  len: number,
  v: Float64Array,
  tau: number,
): void {
  if (tau === 0) return;
  for (let i = r0; i < r1; i++) {
    const o = i * ld + c0;
    // four partial sums break the dependency chain of the dot product
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let j = 0;
    for (; j + 3 < len; j += 4) {
      s0 += M[o + j]! * v[j]!;
      s1 += M[o + j + 1]! * v[j + 1]!;
      s2 += M[o + j + 2]! * v[j + 2]!;
      s3 += M[o + j + 3]! * v[j + 3]!;
    }
    for (; j < len; j++) s0 += M[o + j]! * v[j]!;
    const s = ((s0 + s1) + (s2 + s3)) * tau;
    for (let jj = 0; jj < len; jj++) M[o + jj] -= s * v[jj]!;
  }
}

/** Where {@link accumulateRight} finds reflector j. */
export interface ReflectorSource {
  /** First coordinate reflector j acts on (it acts on start(j) … end−1). */
  start(j: number): number;
  /** Write v (v₀ = 1) of reflector j into out[off …]; return its τ. */
  read(j: number, out: Float64Array, off: number): number;
}

/** Reflectors per compact-WY block. */
const BLOCK = 32;

/**
 * Backward accumulation M ← M·H_last·H_{last−1}·…·H_first on the rows
 * start(first) … rowEnd−1 of a row-major array that is the identity outside
 * the rows and columns the reflectors touch (as when forming Qᵀ from
 * reflectors). Blocks of 32 reflectors are combined in the compact WY form
 * H_lo·…·H_hi = I − V·T·Vᵀ (Schreiber & Van Loan 1989; Golub & Van Loan §5.1.7),
 * so the update M ← M − (M·V)·Tᵀ·Vᵀ runs as two matrix products.
 *
 * @param M Row-major storage.
 * @param ld Row length.
 * @param rowEnd One past the last row to update.
 * @param first Index of the first reflector.
 * @param last Index of the last reflector.
 * @param end One past the last coordinate any reflector acts on.
 * @param src Reflector lookup.
 *
 * @example One reflector exchanges the rows of I
 * ```ts
 * import { accumulateRight } from "./householder.ts";
 * import assert from "node:assert/strict";
 * const M = new Float64Array([1, 0, 0, 1]);
 * accumulateRight(M, 2, 2, 0, 0, 2, {
 *   start: () => 0,
 *   read: (_j, out, off) => {
 *     out[off] = 1;
 *     out[off + 1] = -1;
 *     return 1;
 *   },
 * });
 * assert.deepEqual(Array.from(M), [0, 1, 1, 0]);
 * ```
 */
export function accumulateRight(
  M: Float64Array,
  ld: number,
  rowEnd: number,
  first: number,
  last: number,
  end: number,
  src: ReflectorSource,
): void {
  if (last < first) return;
  const maxLen = Math.max(0, end - src.start(first));
  const vt = new Float64Array(BLOCK * maxLen);
  const v = new Float64Array(maxLen * BLOCK);
  const t = new Float64Array(BLOCK * BLOCK);
  const w = new Float64Array(BLOCK);
  const rowsMax = Math.max(0, rowEnd - src.start(first));
  const mv = new Float64Array(rowsMax * BLOCK);
  const mvt = new Float64Array(rowsMax * BLOCK);
  for (let hiJ = last; hiJ >= first; hiJ -= BLOCK) {
    const loJ = Math.max(first, hiJ - BLOCK + 1);
    const k = hiJ - loJ + 1;
    const c0 = src.start(loJ);
    const len = end - c0, rows = rowEnd - c0;
    if (len <= 0 || rows <= 0) continue;
    // Vᵀ [k, len] (row q = reflector loJ + q, zeros before its start) and V [len, k]
    vt.fill(0, 0, k * len);
    for (let q = 0; q < k; q++) {
      const j = loJ + q;
      const tau = src.read(j, vt, q * len + src.start(j) - c0);
      // T: τ on the diagonal, T[0:q, q] = −τ·T[0:q, 0:q]·(Vᵀ[0:q]·v_q)
      t[q * k + q] = tau;
      for (let p = 0; p < q; p++) {
        let sum = 0;
        const op = p * len, oq = q * len;
        for (let i = src.start(j) - c0; i < len; i++) sum += vt[op + i]! * vt[oq + i]!;
        w[p] = -tau * sum;
      }
      for (let p = 0; p < q; p++) {
        let sum = 0;
        for (let l = p; l < q; l++) sum += t[p * k + l]! * w[l]!;
        t[p * k + q] = sum;
      }
    }
    for (let q = 0; q < k; q++) {
      for (let i = 0; i < len; i++) v[i * k + q] = vt[q * len + i]!;
    }
    // MV = M_block·V, then MVT = −MV·Tᵀ, then M_block += MVT·Vᵀ
    const block = M.subarray(c0 * ld + c0);
    mv.fill(0, 0, rows * k);
    gemmKernel(block, ld, 1, v, mv, rows, len, k);
    for (let i = 0; i < rows; i++) {
      const o = i * k;
      for (let c = 0; c < k; c++) {
        let sum = 0;
        for (let l = c; l < k; l++) sum += mv[o + l]! * t[c * k + l]!;
        mvt[o + c] = -sum;
      }
    }
    gemmKernel(mvt, k, 1, vt, block, rows, k, len, len, ld);
  }
}

/**
 * Qᵀ (row-major [n, n]) of the reflectors k = 0…n−3 stored in row k of `a`
 * from column k + 1 with scales `tau[k]`: the layout of the right reflectors
 * of a bidiagonalisation and of the reflectors of a tridiagonalisation.
 *
 * @param a Row-major [n, n] storage holding the reflectors.
 * @param tau Reflector scales.
 * @param n Order.
 * @returns Qᵀ with rows the basis vectors.
 *
 * @example Rows are orthonormal
 * ```ts
 * import { formFromRowReflectors } from "./householder.ts";
 * import { tridiagonalize } from "./tridiagonal.ts";
 * import assert from "node:assert/strict";
 * const t = tridiagonalize(new Float64Array([2, 1, 1, 1, 3, 1, 1, 1, 4]), 3);
 * const qt = formFromRowReflectors(t.a, t.tau, 3);
 * assert.ok(Math.abs(qt[3]! * qt[6]! + qt[4]! * qt[7]! + qt[5]! * qt[8]!) < 1e-15);
 * assert.deepEqual(Array.from(qt.subarray(0, 3)), [1, 0, 0]);
 * ```
 */
export function formFromRowReflectors(
  a: Float64Array,
  tau: Float64Array,
  n: number,
): Float64Array {
  const qt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) qt[i * n + i] = 1;
  // reflector k: row k of `a` from column k + 1
  accumulateRight(qt, n, n, 0, n - 3, n, {
    start: (k) => k + 1,
    read: (k, out, off) => {
      readReflector(a, k * n + k + 1, n - k - 1, 1, out.subarray(off));
      return tau[k]!;
    },
  });
  return qt;
}
