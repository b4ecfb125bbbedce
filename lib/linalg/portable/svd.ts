/**
 * Singular value decomposition: Householder bidiagonalisation followed by
 * implicit-shift bidiagonal QR (Golub–Kahan). Wide matrices are handled
 * through their transpose; clearly tall ones (m ≥ 1.5·n) are first reduced to
 * their n×n triangular factor R by QR, so the rotations act on short vectors,
 * and U is recovered as Q·U_R with one matrix product.
 *
 * @module
 */

import type { RawSvd } from "../backend.ts";
import type { Matrix } from "../matrix.ts";
import { bidiagonalize, formUt, formVt } from "./bidiagonal.ts";
import { bidiagonalSvd } from "./bidiagonal_qr.ts";
import { gemmKernel } from "./gemm.ts";
import { formQt, qrFactor } from "./qr.ts";
import { transposeData } from "./util.ts";

/** Aspect ratio from which a QR factorisation precedes the bidiagonalisation. */
const QR_FIRST_RATIO = 1.5;

interface TallSvd {
  /** Singular values, descending. */
  s: Float64Array;
  /** Left singular vectors as rows, [ku, m] (null without vectors). */
  ut: Float64Array | null;
  /** Right singular vectors as rows, [n, n] (null without vectors). */
  vt: Float64Array | null;
}

function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/** SVD of a row-major tall matrix [m, n], m ≥ n ≥ 1; `ku` left vectors (n or m). */
function tallSvd(a: Float64Array, m: number, n: number, vectors: boolean, ku: number): TallSvd {
  if (m >= QR_FIRST_RATIO * n && m > n && (!vectors || ku === n)) {
    const f = qrFactor(a, m, n);
    const r = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) r[i * n + j] = f.a[i * n + j]!;
    }
    const inner = tallSvd(r, n, n, vectors, n);
    if (!vectors) return inner;
    // U = Q·U_R, so Uᵀ = U_Rᵀ·Qᵀ
    const qt = formQt(f, n);
    const ut = new Float64Array(n * m);
    gemmKernel(inner.ut!, n, 1, qt, ut, n, n, m);
    return { s: inner.s, ut, vt: inner.vt };
  }
  const b = bidiagonalize(a, m, n);
  const ut = vectors ? formUt(b, ku) : null;
  const vt = vectors ? formVt(b) : null;
  bidiagonalSvd(b.d, b.e, ut, m, vt, n);
  return { s: b.d, ut, vt };
}

/**
 * Thin or full SVD A = U·diag(s)·Vt, s descending (signs not normalised).
 *
 * @param A Matrix [m, n].
 * @param full Square U [m, m] and Vt [n, n] instead of thin factors.
 * @returns `{U, s, Vt}`.
 *
 * @example
 * ```ts
 * import { svd } from "./svd.ts";
 * import assert from "node:assert/strict";
 * const { s } = svd({ rows: 2, cols: 2, data: new Float64Array([0, 2, -3, 0]) }, false);
 * assert.ok(Math.abs(s[0]! - 3) < 1e-15 && Math.abs(s[1]! - 2) < 1e-15);
 * ```
 */
export function svd(A: Matrix, full: boolean): RawSvd {
  const m = A.rows, n = A.cols, k = Math.min(m, n);
  if (k === 0) {
    return {
      U: { rows: m, cols: full ? m : 0, data: full ? identity(m) : new Float64Array(0) },
      s: new Float64Array(0),
      Vt: { rows: full ? n : 0, cols: n, data: full ? identity(n) : new Float64Array(0) },
    };
  }
  if (m >= n) {
    const ku = full ? m : n;
    const r = tallSvd(A.data, m, n, true, ku);
    return {
      U: { rows: m, cols: ku, data: transposeData(r.ut!, ku, m) },
      s: r.s,
      Vt: { rows: n, cols: n, data: r.vt! },
    };
  }
  // wide: Aᵀ = U'·S·V'ᵀ gives A = V'·S·U'ᵀ
  const kv = full ? n : m;
  const r = tallSvd(transposeData(A.data, m, n), n, m, true, kv);
  return {
    U: { rows: m, cols: m, data: transposeData(r.vt!, m, m) },
    s: r.s,
    Vt: { rows: kv, cols: n, data: r.ut! },
  };
}

/**
 * Singular values only, descending.
 *
 * @param A Matrix [m, n].
 * @returns min(m, n) singular values.
 *
 * @example
 * ```ts
 * import { singularValues } from "./svd.ts";
 * import assert from "node:assert/strict";
 * const s = singularValues({ rows: 1, cols: 2, data: new Float64Array([3, 4]) });
 * assert.ok(Math.abs(s[0]! - 5) < 1e-15);
 * ```
 */
export function singularValues(A: Matrix): Float64Array {
  const m = A.rows, n = A.cols;
  if (m === 0 || n === 0) return new Float64Array(0);
  return m >= n
    ? tallSvd(A.data, m, n, false, n).s
    : tallSvd(transposeData(A.data, m, n), n, m, false, m).s;
}
