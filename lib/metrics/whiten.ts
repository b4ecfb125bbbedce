/**
 * Partial whitening, the per-network half of the linear shape metric
 * (Williams et al. 2021, "Generalized Shape Metrics on Neural Representations").
 *
 * For centred (and zero-padded) responses X_c with unnormalised scatter
 * S = X_cᵀX_c = V diag(λ) Vᵀ, eigenvalues clipped to λ̃ = max(λ, 1e-7), the
 * gains g_k = α + (1 − α) λ̃_k^(−1/2) and the variance-preserving scale
 * c = sqrt(Σ λ̃_k / Σ g_k² λ̃_k) give Z = c·V diag(g) Vᵀ and Φ = X_c Z.
 * α = 1 keeps the responses (Z = I, exactly, for α > 1 − 1e-7); α = 0 whitens
 * fully. This work depends on one network only, so it is done once per network
 * ({@link prepareLinearMetric}) and reused for every pair.
 *
 * @module
 */

import { matrixArg, type MatrixLike } from "../linalg/matrix.ts";
import type { Matrix } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { applyCenterAndPad, centerAndPad } from "./inputs.ts";

/** Eigenvalues of the scatter below this are clipped to it before inverting. */
export const WHITENING_EIGENVALUE_FLOOR = 1e-7;

/**
 * Eigenvalues of the scatter at most this fraction of the largest are rank
 * deficiency (rounding, zero padding): raising them is what the floor is for.
 * Above it, an eigenvalue raised by the floor is a direction of the data whose
 * variance is small in absolute terms, and the floor changes the result.
 */
export const NEGLIGIBLE_EIGENVALUE = 1e-10;

/**
 * How many eigenvalues of a scatter the whitening floor raises although they are
 * not negligible: λ with {@link NEGLIGIBLE_EIGENVALUE}·λ_max < λ < 1e-7. Non-zero
 * means the data are small in scale (the floor is absolute, as in netrep), so a
 * scale-invariant form (CCA) is no longer invariant.
 *
 * @param eigenvalues Scatter eigenvalues (any order), or null (no whitening).
 * @returns The count (0 for null).
 *
 * @example Small-amplitude data are clipped, rank deficiency is not counted
 * ```ts
 * import { floorRaisedEigenvalues } from "./whiten.ts";
 * import assert from "node:assert/strict";
 * assert.equal(floorRaisedEigenvalues(new Float64Array([1e-9, 4e-8, 2e-7])), 2);
 * assert.equal(floorRaisedEigenvalues(new Float64Array([1e-20, 0, 1])), 0);
 * assert.equal(floorRaisedEigenvalues(null), 0);
 * ```
 */
export function floorRaisedEigenvalues(eigenvalues: ArrayLike<number> | null): number {
  if (eigenvalues === null) return 0;
  let max = 0;
  for (let k = 0; k < eigenvalues.length; k++) max = Math.max(max, eigenvalues[k]!);
  let count = 0;
  for (let k = 0; k < eigenvalues.length; k++) {
    const lam = eigenvalues[k]!;
    if (lam < WHITENING_EIGENVALUE_FLOOR && lam > NEGLIGIBLE_EIGENVALUE * max) count++;
  }
  return count;
}

/**
 * The warning for networks whose whitening floor raised non-negligible
 * eigenvalues ({@link floorRaisedEigenvalues}), or undefined when none did.
 *
 * @param nets [argument name, count of raised eigenvalues] per network.
 * @returns The warning text, or undefined.
 *
 * @example
 * ```ts
 * import { whiteningFloorWarning } from "./whiten.ts";
 * import assert from "node:assert/strict";
 * assert.equal(whiteningFloorWarning([["X", 0], ["Y", 0]]), undefined);
 * assert.match(whiteningFloorWarning([["X", 3], ["Y", 0]])!, /raised eigenvalues .*: 3 of `X`;/);
 * ```
 */
export function whiteningFloorWarning(
  nets: readonly (readonly [string, number])[],
): string | undefined {
  const hit = nets.filter(([, c]) => c > 0);
  if (hit.length === 0) return undefined;
  const which = hit.map(([name, c]) => `${c} of \`${name}\``).join(" and ");
  return `the whitening floor ${WHITENING_EIGENVALUE_FLOOR} (netrep's convention) raised eigenvalues of the scatter XcᵀXc that are not negligible (above ${NEGLIGIBLE_EIGENVALUE} × the largest): ${which}; the data are small in scale, so the value is not the scale-free one (CCA and α < 1 depend on it): rescale the data, e.g. to unit variance`;
}

/** The partial-whitening map of one network. */
export interface PartialWhitening {
  /** Z: [width, width], or null for the identity (α > 1 − 1e-7). */
  Z: Matrix | null;
  /** Scatter eigenvalues, ascending and unclipped (null for the identity). */
  eigenvalues: Float64Array | null;
  /** The variance-preserving scale c (1 for the identity). */
  scale: number;
}

/**
 * The partial-whitening matrix Z of centred responses (see the module text).
 *
 * @param Xc Centred, zero-padded responses [nStimuli, width].
 * @param alpha α ∈ [0, 1]: 1 keeps the responses, 0 whitens them fully.
 * @returns `{Z, eigenvalues, scale}`; `Z` is null when α > 1 − 1e-7.
 *
 * @example Full whitening makes the scatter a multiple of the identity
 * ```ts
 * import { partialWhitening } from "./whiten.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import { matmul } from "../linalg/products.ts";
 * import assert from "node:assert/strict";
 * const Xc = fromRows([[1, 1], [-1, 0], [0, -1]]);
 * const { Z } = partialWhitening(Xc, 0);
 * const Phi = matmul(Xc, Z!);
 * const S = matmul(Phi, Phi, { transA: true });
 * assert.ok(Math.abs(S.data[1]!) < 1e-12 && Math.abs(S.data[0]! - S.data[3]!) < 1e-12);
 * // variance preserved: trace equals ‖Xc‖² = 4
 * assert.ok(Math.abs(S.data[0]! + S.data[3]! - 4) < 1e-12);
 * ```
 */
export function partialWhitening(Xc: MatrixLike, alpha: number): PartialWhitening {
  Xc = matrixArg(Xc, "Xc");
  if (alpha > 1 - WHITENING_EIGENVALUE_FLOOR) return { Z: null, eigenvalues: null, scale: 1 };
  return partialWhiteningFromScatter(getBackend().gemm(Xc, Xc, true, false), alpha);
}

/**
 * {@link partialWhitening} from the scatter matrix `S = XcᵀXc` instead of the
 * rows (for statistics accumulated over row blocks).
 *
 * @param S Scatter of the centred, zero-padded responses [width, width].
 * @param alpha α ∈ [0, 1].
 * @returns `{Z, eigenvalues, scale}`, as {@link partialWhitening} gives for the rows.
 *
 * @example The same map as from the rows
 * ```ts
 * import { partialWhitening, partialWhiteningFromScatter } from "./whiten.ts";
 * import { fromRows, matmul } from "../linalg/mod.ts";
 * import assert from "node:assert/strict";
 * const Xc = fromRows([[1, 0], [-1, 1], [0, -1]]);
 * const a = partialWhitening(Xc, 0.5).Z!.data;
 * const b = partialWhiteningFromScatter(matmul(Xc, Xc, { transA: true }), 0.5).Z!.data;
 * assert.deepEqual(Array.from(a), Array.from(b));
 * ```
 */
export function partialWhiteningFromScatter(S: MatrixLike, alpha: number): PartialWhitening {
  S = matrixArg(S, "S");
  if (alpha > 1 - WHITENING_EIGENVALUE_FLOOR) return { Z: null, eigenvalues: null, scale: 1 };
  const backend = getBackend();
  const p = S.cols;
  const { values, vectors } = backend.eigh(S, true);
  const V = vectors!;
  const g = new Float64Array(p);
  let sumLam = 0, sumG2Lam = 0;
  for (let k = 0; k < p; k++) {
    const lam = Math.max(values[k]!, WHITENING_EIGENVALUE_FLOOR);
    g[k] = alpha + (1 - alpha) / Math.sqrt(lam);
    sumLam += lam;
    sumG2Lam += g[k]! * g[k]! * lam;
  }
  const c = Math.sqrt(sumLam / sumG2Lam);
  const VD = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < p; k++) VD[i * p + k] = V.data[i * p + k]! * g[k]! * c;
  }
  const Z = backend.gemm({ rows: p, cols: p, data: VD }, V, false, true);
  return { Z, eigenvalues: values, scale: c };
}

/** Options for the linear shape metric family. */
export interface LinearMetricOptions {
  /** α ∈ [0, 1]: 1 allows rotations only (Procrustes), 0 any invertible linear map (CCA). @default 1 */
  alpha?: number;
  /** Ground metric: `"angular"` (radians) or `"euclidean"` (Frobenius norm). @default "angular" */
  score?: "angular" | "euclidean";
  /** Centre columns (learn a translation). @default true */
  center?: boolean;
  /** Zero-pad the narrower input to the common width; when false, widths must match. @default true */
  pad?: boolean;
}

/** One network after its per-network step: means, whitening map and whitened training rows. */
export interface PreparedLinearNetwork {
  /** α used. */
  alpha: number;
  /** Whether columns were centred. */
  center: boolean;
  /** Number of columns of the input before padding. */
  cols: number;
  /** Padded width. */
  width: number;
  /** Training column means, length `width` (zeros when not centring; padded entries zero). */
  means: Float64Array;
  /** Whitening map [width, width], or null for the identity. */
  Z: Matrix | null;
  /** Φ = (pad(X) − means)·Z: [nStimuli, width]. */
  phi: Matrix;
  /** ‖Φ‖². */
  normSq: number;
  /** Eigenvalues the whitening floor raised although not negligible ({@link floorRaisedEigenvalues}). */
  floorRaised: number;
}

/**
 * The per-network step of the linear metric ("partial fit"): centre, zero-pad to
 * `width`, partially whiten. Inputs are assumed validated.
 *
 * @param X Training responses [nStimuli, nUnits] (finite).
 * @param alpha α ∈ [0, 1].
 * @param center Centre columns.
 * @param width Padded width (`>= nUnits`).
 * @returns The prepared network.
 *
 * @example The identity map at α = 1
 * ```ts
 * import { prepareLinearMetric } from "./whiten.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const prep = prepareLinearMetric(fromRows([[1, 2], [3, 4]]), 1, true, 3);
 * assert.equal(prep.Z, null);
 * assert.deepEqual(Array.from(prep.phi.data), [-1, -1, 0, 1, 1, 0]);
 * assert.equal(prep.normSq, 4);
 * ```
 */
export function prepareLinearMetric(
  X: MatrixLike,
  alpha: number,
  center: boolean,
  width: number,
): PreparedLinearNetwork {
  X = matrixArg(X, "X");
  const { centered, means } = centerAndPad(X, width, center);
  const { Z, eigenvalues } = partialWhitening(centered, alpha);
  const phi = Z === null ? centered : getBackend().gemm(centered, Z, false, false);
  let normSq = 0;
  for (let k = 0; k < phi.data.length; k++) normSq += phi.data[k]! * phi.data[k]!;
  const floorRaised = floorRaisedEigenvalues(eigenvalues);
  return { alpha, center, cols: X.cols, width, means, Z, phi, normSq, floorRaised };
}

/**
 * Map held-out rows with a prepared network's training means and whitening:
 * (pad(X′) − means)·Z.
 *
 * @param prep The prepared network.
 * @param X Held-out rows [nTest, cols] (or already padded to `width`).
 * @returns [nTest, width].
 *
 * @example Held-out rows with the training means
 * ```ts
 * import { prepareLinearMetric, whitenRows } from "./whiten.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const prep = prepareLinearMetric(fromRows([[1], [3]]), 1, true, 1);
 * assert.deepEqual(Array.from(whitenRows(prep, fromRows([[4]])).data), [2]);
 * ```
 */
export function whitenRows(prep: PreparedLinearNetwork, X: MatrixLike): Matrix {
  X = matrixArg(X, "X");
  const shifted = applyCenterAndPad(X, prep.means);
  return prep.Z === null ? shifted : getBackend().gemm(shifted, prep.Z, false, false);
}
