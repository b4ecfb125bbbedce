/**
 * Eigenspectrum of a model representation over P stimuli: the eigenvalues of
 * the Gram matrix K = X Xᵀ / P (Canatar, Feather, Wakhloo & Chung, NeurIPS 2023).
 *
 * Conventions (spec: spectral theory): columns are centred by default; the
 * P×P Gram is decomposed when M ≥ P and the M×M covariance XᵀX/P when M < P
 * (same nonzero eigenvalues, padded with zeros to P); `method: "svd"` uses the
 * thin SVD of X instead (λ = s²/P; slower, most accurate for the smallest
 * eigenvalues). The numerical rank is r = #{λ_i > 1e-10·λ_1} and λ_i = 0
 * exactly for i > r. No jitter is ever added to K.
 *
 * @module
 */

import { matrixArg } from "../linalg/matrix.ts";
import { type Matrix, type MatrixLike, transpose } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { svd } from "../linalg/svd.ts";
import { tagResult } from "../result.ts";
import { participationRatio, type TailMeasures, tailMeasures } from "./geometry.ts";
import { checkStimuli, maybeCenter } from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";

/** How the eigenvalues are computed. */
export type SpectrumMethod = "eigh" | "svd";

/** Options for {@link spectrum}. */
export interface SpectrumOptions {
  /** Centre the columns of X (over the P stimuli) first. @default true */
  center?: boolean;
  /**
   * `"eigh"`: eigendecomposition of the Gram X Xᵀ (M ≥ P) or the covariance XᵀX (M < P);
   * `"svd"`: thin SVD of X. @default "eigh"
   */
  method?: SpectrumMethod;
}

/** Relative threshold for the numerical rank: λ_i > RANK_TOL·λ_1. */
export const RANK_TOL = 1e-10;

/** Eigendecomposition of a (centred) representation, shared by alignment, theory and regression. */
export interface SpectralDecomposition {
  /** Number of stimuli. */
  P: number;
  /** Number of features. */
  M: number;
  /** λ_1 ≥ … ≥ λ_P of K = X Xᵀ/P; exactly 0 past the rank. */
  eigenvalues: Float64Array;
  /** Numerical rank r. */
  rank: number;
  /** u_1…u_r as columns, [P, r], unit norm (the spec's v_i = √P·u_i). */
  vectors: Matrix;
  /** The unnormalised Gram X Xᵀ [P, P] when it was formed (M ≥ P, method "eigh"), else null. */
  gram: Matrix | null;
}

/**
 * The Gram matrix A Aᵀ [n, n] of the rows of A [n, m], computing only the
 * lower block triangle by matrix products (about 60% of the flops of a full
 * product, like BLAS `syrk`) and mirroring it, so the result is exactly
 * symmetric.
 *
 * @param A Rows [n, m].
 * @returns A Aᵀ.
 *
 * @example The Gram of three rows
 * ```ts
 * import { gramMatrix } from "./spectrum.ts";
 * import { fromRows, toRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(gramMatrix(fromRows([[1, 2], [3, 4], [0, 1]]))), [
 *   [5, 11, 2],
 *   [11, 25, 4],
 *   [2, 4, 1],
 * ]);
 * ```
 */
export function gramMatrix(A: MatrixLike): Matrix {
  A = matrixArg(A, "A");
  const n = A.rows, m = A.cols, out = new Float64Array(n * n);
  const blocks = Math.max(1, Math.round(n / 400));
  const backend = getBackend();
  for (let b = 0; b < blocks; b++) {
    const i0 = Math.round((b * n) / blocks), i1 = Math.round(((b + 1) * n) / blocks);
    if (i1 === i0) continue;
    // rows i0..i1 against rows 0..i1: the block row of the lower triangle
    const rows = { rows: i1 - i0, cols: m, data: A.data.subarray(i0 * m, i1 * m) };
    const upto = { rows: i1, cols: m, data: A.data.subarray(0, i1 * m) };
    const G = backend.gemm(rows, upto, false, true);
    for (let r = 0; r < i1 - i0; r++) {
      out.set(G.data.subarray(r * i1, r * i1 + i0 + r + 1), (i0 + r) * n);
    }
  }
  // mirror the lower triangle, tile by tile for the cache
  const T = 64;
  for (let i0 = 0; i0 < n; i0 += T) {
    for (let j0 = i0; j0 < n; j0 += T) {
      const i1 = Math.min(n, i0 + T), j1 = Math.min(n, j0 + T);
      for (let i = i0; i < i1; i++) {
        for (let j = Math.max(j0, i + 1); j < j1; j++) out[i * n + j] = out[j * n + i]!;
      }
    }
  }
  return { rows: n, cols: n, data: out };
}

function descendingColumns(V: Matrix, order: number[]): Matrix {
  const n = V.rows, k = order.length, out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = i * V.cols;
    for (let j = 0; j < k; j++) out[i * k + j] = V.data[row + order[j]!]!;
  }
  return { rows: n, cols: k, data: out };
}

function rankOf(lam: Float64Array): number {
  const cut = RANK_TOL * lam[0]!;
  let r = 0;
  while (r < lam.length && lam[r]! > cut) r++;
  lam.fill(0, r);
  return r;
}

/**
 * Eigendecomposition of an already centred (or deliberately uncentred) X: [P, M].
 * Throws when every eigenvalue is zero.
 *
 * @param X Representation [P, M] (finite; used as given).
 * @param method `"eigh"` (Gram or covariance by shape) or `"svd"`.
 * @param context Message prefix.
 * @returns The {@link SpectralDecomposition}.
 *
 * @example Eigenvalues of K = X Xᵀ/P
 * ```ts
 * import { spectralDecomposition } from "./spectrum.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const d = spectralDecomposition(fromRows([[3, 0], [0, 0], [0, 0], [0, 2]]), "eigh");
 * assert.deepEqual(Array.from(d.eigenvalues), [9 / 4, 1, 0, 0]);
 * assert.equal(d.rank, 2);
 * ```
 */
export function spectralDecomposition(
  X: MatrixLike,
  method: SpectrumMethod = "eigh",
  context = "Cannot compute spectrum",
): SpectralDecomposition {
  X = matrixArg(X, "X");
  const P = X.rows, M = X.cols;
  const lam = new Float64Array(P);
  let vectors: Matrix, gram: Matrix | null = null, rank: number;
  if (method === "svd") {
    const { U, s } = svd(X);
    for (let i = 0; i < s.length; i++) lam[i] = (s[i]! * s[i]!) / P;
    if (!(lam[0]! > 0)) throw noVariance(context);
    rank = rankOf(lam);
    vectors = descendingColumns(U, Array.from({ length: rank }, (_, j) => j));
  } else if (method === "eigh") {
    const useGram = M >= P;
    const G = gramMatrix(useGram ? X : transpose(X));
    // G is exactly symmetric by construction and eigenvector signs do not
    // matter here (only squared projections are used): call LAPACK directly
    const { values, vectors: V } = getBackend().eigh(G, true);
    const n = values.length;
    for (let i = 0; i < n; i++) lam[i] = Math.max(0, values[n - 1 - i]!) / P;
    if (!(lam[0]! > 0)) throw noVariance(context);
    rank = rankOf(lam);
    const order = Array.from({ length: rank }, (_, j) => n - 1 - j);
    if (useGram) {
      gram = G;
      vectors = descendingColumns(V!, order);
    } else {
      // u_i = X v_i / s_i with s_i² = P·λ_i
      const U = getBackend().gemm(X, descendingColumns(V!, order), false, false);
      for (let j = 0; j < rank; j++) {
        const inv = 1 / Math.sqrt(P * lam[j]!);
        for (let i = 0; i < P; i++) U.data[i * rank + j] *= inv;
      }
      vectors = U;
    }
  } else {
    throw new RangeError(`${context}: \`method\` must be one of eigh, svd: got ${method}`);
  }
  return { P, M, eigenvalues: lam, rank, vectors, gram };
}

function noVariance(context: string): RangeError {
  return new RangeError(`${context}: \`X\` has no variance: every eigenvalue of X Xᵀ/P is 0`);
}

/** Result of {@link spectrum}. */
export interface SpectrumResult {
  /** Number of stimuli P. */
  P: number;
  /** Number of features M. */
  M: number;
  /** Whether X was centred. */
  centered: boolean;
  /** How the eigenvalues were computed. */
  method: SpectrumMethod;
  /** λ_1 ≥ … ≥ λ_P of X Xᵀ/P, zeros past the rank, length P. */
  eigenvalues: number[];
  /** Numerical rank r = #{λ_i > 1e-10·λ_1}. */
  rank: number;
  /** Σλ_i = ‖X‖²_F/P (the total variance when centred). */
  total: number;
  /** Effective dimensionality ED = (Σλ)²/Σλ². */
  ed: number;
  /** Tail of the eigenvalue spectrum. */
  tail: TailMeasures;
}

/**
 * The eigenspectrum of one representation X: [P stimuli, M features]:
 * eigenvalues of K = X Xᵀ/P in descending order (zeros past the numerical
 * rank, padded to P), effective dimensionality and tail measures.
 *
 * @param X Model activations [P, M] (finite, P ≥ 3).
 * @param options `center` (default true), `method` (default "eigh").
 * @returns A `spectrum` result.
 *
 * @example Two orthogonal directions with variances 9/4 and 1
 * ```ts
 * import { spectrum } from "./spectrum.ts";
 * import assert from "node:assert/strict";
 * const s = spectrum([[3, 0], [0, 0], [0, 0], [0, 2]], { center: false });
 * assert.deepEqual(s.eigenvalues, [2.25, 1, 0, 0]);
 * assert.equal(s.rank, 2);
 * assert.ok(Math.abs(s.ed - 3.25 ** 2 / (2.25 ** 2 + 1)) < 1e-15);
 * ```
 */
export function spectrum(
  X: MatrixLike,
  options: SpectrumOptions = {},
): Readonly<SpectrumResult & { kind: string }> {
  const ctx = "Cannot compute spectrum";
  checkOptionNames(options, ["center", "method"] satisfies (keyof SpectrumOptions)[], ctx, [
    "center",
  ]);
  const { center = true, method = "eigh" } = options;
  const x = maybeCenter(checkStimuli(X, ctx), center);
  const d = spectralDecomposition(x, method, ctx);
  return tagResult("spectrum", summarizeSpectrum(d, center, method));
}

/**
 * The plain-data spectrum summary of a {@link SpectralDecomposition}.
 *
 * @param d The decomposition.
 * @param centered Whether X was centred.
 * @param method How it was computed.
 * @returns The fields of a {@link SpectrumResult}.
 *
 * @example Two orthogonal unit directions
 * ```ts
 * import { spectralDecomposition, summarizeSpectrum } from "./spectrum.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const s = summarizeSpectrum(spectralDecomposition(fromRows([[1, 0], [0, 1], [0, 0]])), false, "eigh");
 * assert.equal(s.ed, 2);
 * ```
 */
export function summarizeSpectrum(
  d: SpectralDecomposition,
  centered: boolean,
  method: SpectrumMethod,
): SpectrumResult {
  let total = 0;
  for (let i = 0; i < d.rank; i++) total += d.eigenvalues[i]!;
  return {
    P: d.P,
    M: d.M,
    centered,
    method,
    eigenvalues: Array.from(d.eigenvalues),
    rank: d.rank,
    total,
    ed: participationRatio(d.eigenvalues),
    tail: tailMeasures(d.eigenvalues),
  };
}
