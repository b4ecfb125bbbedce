/**
 * Deterministic sign and order conventions applied by the public wrappers to
 * every backend's raw factorisations, so `lapack` and `portable` return the
 * same numbers (to rounding) wherever the mathematics makes them unique.
 *
 * "Largest entry" below means: scan the entries in index order and keep the
 * first one whose absolute value exceeds the best so far by more than a
 * relative 1e-9 (plus 1e-300), so entries equal up to rounding resolve to the
 * first index on every backend.
 *
 * - `svd`: singular values descending. For each k < min(m, n), column k of U
 *   is negated, together with row k of Vt, when its largest entry is negative.
 *   (A zero column of U cannot occur for orthonormal U; if it did, row k of Vt
 *   would decide instead.) In a full SVD the extra columns of U (m > n) and
 *   extra rows of Vt (n > m) get the same rule on their own.
 * - `eigh`: eigenvalues ascending; each eigenvector column negated when its
 *   largest entry is negative.
 * - `eig`: eigenvalues sorted by modulus descending, then real part
 *   descending, then imaginary part descending, comparisons treating
 *   differences below 1e-12·max|λ| as ties (so a conjugate pair appears with
 *   +Im first). Each eigenvector is scaled to unit 2-norm and multiplied by the
 *   unit complex number that makes its largest-modulus entry real and positive
 *   (same first-index rule on the squared moduli); the vectors of a conjugate
 *   pair are conjugates.
 * - `qr`: R's diagonal made non-negative (row of R and column of Q negated
 *   together).
 * - `lstsq`: singular values s ≤ rcond·s_max count as zero (`dgelsd`'s rule; an
 *   rcond of 0 or ≥ 1 means machine epsilon; default max(m, n)·ε as numpy);
 *   `pinv` drops s ≤ rcond·s_max (default rcond 1e-15, as numpy's `pinv`).
 * - `cholesky`/`eigh`: only the lower triangle of A is read.
 *
 * Not unique, hence agreeing between backends only as subspaces: singular
 * vectors of repeated singular values (including several zero ones and the
 * null-space completion of a full SVD), eigenvectors of repeated eigenvalues,
 * and Q's columns beyond the rank of a rank-deficient A.
 *
 * @module
 */

/** Index of the entry of largest absolute value in column j of a row-major [m, n] array. */
function argmaxAbsColumn(data: Float64Array, m: number, n: number, j: number): number {
  let best = -1;
  let bestAbs = -1;
  for (let i = 0; i < m; i++) {
    const a = Math.abs(data[i * n + j]!);
    // relative tie tolerance keeps the choice stable under rounding differences
    if (a > bestAbs * (1 + 1e-9) + 1e-300) {
      bestAbs = a;
      best = i;
    }
  }
  return best;
}

/** Flip column j of a row-major [m, n] array in place. */
function negateColumn(data: Float64Array, m: number, n: number, j: number): void {
  for (let i = 0; i < m; i++) data[i * n + j] = -data[i * n + j]!;
}

/**
 * Fix SVD signs in place: U [m, ku] columns, Vt [kv, n] rows; pairs k < min(ku, kv).
 *
 * @param U Row-major U [m, ku] (modified).
 * @param m Rows of U.
 * @param ku Columns of U.
 * @param Vt Row-major Vt [kv, n] (modified).
 * @param kv Rows of Vt.
 * @param n Columns of Vt.
 *
 * @example A column of U whose largest entry is negative is flipped with its row of Vt
 * ```ts
 * import { fixSvdSigns } from "./conventions.ts";
 * import assert from "node:assert/strict";
 * const U = new Float64Array([0.6, -0.8]), Vt = new Float64Array([1, 0]);
 * fixSvdSigns(U, 2, 1, Vt, 1, 2);
 * assert.deepEqual([Array.from(U), Array.from(Vt)], [[-0.6, 0.8], [-1, -0]]);
 * ```
 */
export function fixSvdSigns(
  U: Float64Array,
  m: number,
  ku: number,
  Vt: Float64Array,
  kv: number,
  n: number,
): void {
  const k = Math.min(ku, kv);
  for (let j = 0; j < k; j++) {
    const i = argmaxAbsColumn(U, m, ku, j);
    const v = i >= 0 ? U[i * ku + j]! : 0;
    let flip = v < 0;
    if (v === 0) {
      // decide by the row of Vt instead
      let bi = -1, ba = -1;
      for (let c = 0; c < n; c++) {
        const a = Math.abs(Vt[j * n + c]!);
        if (a > ba * (1 + 1e-9) + 1e-300) {
          ba = a;
          bi = c;
        }
      }
      flip = bi >= 0 && Vt[j * n + bi]! < 0;
    }
    if (flip) {
      negateColumn(U, m, ku, j);
      for (let c = 0; c < n; c++) Vt[j * n + c] = -Vt[j * n + c]!;
    }
  }
  // left columns beyond the paired ones (full SVD, m > n)
  for (let j = k; j < ku; j++) {
    const i = argmaxAbsColumn(U, m, ku, j);
    if (i >= 0 && U[i * ku + j]! < 0) negateColumn(U, m, ku, j);
  }
  // right rows beyond the paired ones (full SVD, n > m)
  for (let r = k; r < kv; r++) {
    let bi = -1, ba = -1;
    for (let c = 0; c < n; c++) {
      const a = Math.abs(Vt[r * n + c]!);
      if (a > ba * (1 + 1e-9) + 1e-300) {
        ba = a;
        bi = c;
      }
    }
    if (bi >= 0 && Vt[r * n + bi]! < 0) {
      for (let c = 0; c < n; c++) Vt[r * n + c] = -Vt[r * n + c]!;
    }
  }
}

/**
 * Fix eigenvector signs in place: every column of a row-major [m, n] array gets
 * its largest-|·| entry positive.
 *
 * @param V Row-major storage (modified).
 * @param m Rows.
 * @param n Columns.
 *
 * @example
 * ```ts
 * import { fixColumnSigns } from "./conventions.ts";
 * import assert from "node:assert/strict";
 * const V = new Float64Array([0.6, 1, -0.8, 0]);
 * fixColumnSigns(V, 2, 2);
 * assert.deepEqual(Array.from(V), [-0.6, 1, 0.8, 0]);
 * ```
 */
export function fixColumnSigns(V: Float64Array, m: number, n: number): void {
  for (let j = 0; j < n; j++) {
    const i = argmaxAbsColumn(V, m, n, j);
    if (i >= 0 && V[i * n + j]! < 0) negateColumn(V, m, n, j);
  }
}

/**
 * Order for general eigenvalues: modulus desc, then real desc, then imaginary
 * desc, differences below 1e-12·max|λ| counting as ties.
 *
 * @param re Real parts.
 * @param im Imaginary parts.
 * @returns Indices in sorted order.
 *
 * @example A conjugate pair comes +Im first, after the larger real eigenvalue
 * ```ts
 * import { eigOrder } from "./conventions.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(eigOrder(new Float64Array([0, 0, 3]), new Float64Array([-1, 1, 0])), [2, 1, 0]);
 * ```
 */
export function eigOrder(re: Float64Array, im: Float64Array): number[] {
  const n = re.length;
  const idx = Array.from({ length: n }, (_, i) => i);
  const mod = idx.map((i) => Math.hypot(re[i]!, im[i]!));
  const scale = Math.max(1e-300, ...mod);
  const tol = 1e-12 * scale;
  idx.sort((a, b) => {
    const dm = mod[b]! - mod[a]!;
    if (Math.abs(dm) > tol) return dm;
    const dr = re[b]! - re[a]!;
    if (Math.abs(dr) > tol) return dr;
    return im[b]! - im[a]!;
  });
  return idx;
}
