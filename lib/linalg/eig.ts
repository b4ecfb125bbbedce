/**
 * General (nonsymmetric) eigendecomposition with complex results.
 *
 * @module
 */

import { getBackend } from "./backend.ts";
import { eigOrder } from "./conventions.ts";
import { asMatrix, type Matrix, type MatrixLike } from "./matrix.ts";

/** Options for {@link eig}. */
export interface EigOptions {
  /** Compute right eigenvectors. @default false */
  vectors?: boolean;
}

/** Complex eigenvalues (and optionally eigenvectors as columns, split into real and imaginary parts). */
export interface Eig {
  /** Real parts of the eigenvalues. */
  re: Float64Array;
  /** Imaginary parts of the eigenvalues. */
  im: Float64Array;
  /** Real parts of the right eigenvectors as columns, [n, n]. */
  vectorsRe?: Matrix;
  /** Imaginary parts of the right eigenvectors as columns, [n, n]. */
  vectorsIm?: Matrix;
}

/**
 * Eigenvalues (and right eigenvectors) of a square real matrix. Eigenvalues are
 * sorted by modulus descending, then real part, then imaginary part (descending),
 * so conjugate pairs appear with +Im first. Eigenvectors have unit 2-norm and their
 * largest-modulus entry real and positive.
 *
 * @param A Square matrix [n, n].
 * @param options `vectors: true` to compute eigenvectors.
 * @returns `{re, im, vectorsRe?, vectorsIm?}`.
 *
 * @example A rotation by 90° has eigenvalues ±i
 * ```ts
 * import { eig, fromRows } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const { re, im } = eig(fromRows([[0, -1], [1, 0]]));
 * assert.ok(Math.abs(re[0]!) < 1e-15 && Math.abs(im[0]! - 1) < 1e-15);
 * assert.ok(Math.abs(im[1]! + 1) < 1e-15);
 * ```
 */
export function eig(A: MatrixLike, options: EigOptions = {}): Eig {
  const { vectors = false } = options;
  const ctx = "Cannot compute eigendecomposition";
  const a = asMatrix(A, "A", { context: ctx });
  if (a.rows !== a.cols) {
    throw new TypeError(`${ctx}: \`A\` must be square: got shape [${a.rows}, ${a.cols}]`);
  }
  const n = a.rows;
  const raw = getBackend().eig(a, vectors);
  const order = eigOrder(raw.re, raw.im);
  const re = new Float64Array(n), im = new Float64Array(n);
  order.forEach((src, dst) => {
    re[dst] = raw.re[src]!;
    im[dst] = raw.im[src]!;
  });
  if (!vectors || !raw.vectorsRe || !raw.vectorsIm) return { re, im };
  const vr = new Float64Array(n * n), vi = new Float64Array(n * n);
  order.forEach((src, dst) => {
    // normalise: unit norm, largest-modulus entry real positive
    let norm2 = 0, best = 0, bestMod = -1;
    for (let i = 0; i < n; i++) {
      const x = raw.vectorsRe!.data[i * n + src]!, y = raw.vectorsIm!.data[i * n + src]!;
      const m2 = x * x + y * y;
      norm2 += m2;
      if (m2 > bestMod * (1 + 1e-9) + 1e-300) {
        bestMod = m2;
        best = i;
      }
    }
    const bx = raw.vectorsRe!.data[best * n + src]!, by = raw.vectorsIm!.data[best * n + src]!;
    const bm = Math.hypot(bx, by);
    const norm = Math.sqrt(norm2);
    // multiply by conj(b)/|b| / norm
    const cr = bm > 0 ? bx / bm / norm : 1 / norm, ci = bm > 0 ? -by / bm / norm : 0;
    for (let i = 0; i < n; i++) {
      const x = raw.vectorsRe!.data[i * n + src]!, y = raw.vectorsIm!.data[i * n + src]!;
      vr[i * n + dst] = x * cr - y * ci;
      vi[i * n + dst] = x * ci + y * cr;
    }
    vi[best * n + dst] = 0;
  });
  return {
    re,
    im,
    vectorsRe: { rows: n, cols: n, data: vr },
    vectorsIm: { rows: n, cols: n, data: vi },
  };
}
