/**
 * A controllability comparison of two input-driven linear systems: the
 * distance between their controllability Gramians W = Σ_t Aᵗ B Bᵀ (Aᵀ)ᵗ
 * (`controllability.ts`), normalised to unit Frobenius norm and compared up
 * to an orthogonal change of state basis,
 *
 *   min over Q ∈ O(n) of ‖Ŵ₁ − Q Ŵ₂ Qᵀ‖_F = ‖λ↓(Ŵ₁) − λ↓(Ŵ₂)‖₂
 *
 * (Hoffman–Wielandt: for symmetric matrices the optimum aligns the eigenbases and
 * pairs the eigenvalues in sorted order). The Gramian's spectrum says how much
 * state-space energy unit white-noise inputs inject along each direction; its shape
 * (not its scale) is compared. Smaller spectra are padded with zeros.
 * Angular: arccos ⟨λ̂₁, λ̂₂⟩ ∈ [0, π/2] (the spectra are non-negative).
 *
 * @module
 */

import type { MatrixLike } from "../linalg/matrix.ts";
import { controllability } from "./controllability.ts";
import { checkOptions } from "../validate/options.ts";
import { GRAMIAN_OPTIONS } from "./option_kinds.ts";

/** Options for {@link gramianDistance}. */
export interface GramianDistanceOptions {
  /** Which score is `distance`. @default "angular" */
  score?: "angular" | "euclidean";
}

/** The outcome of {@link gramianDistance}. */
export interface GramianDistance {
  /** The chosen score. */
  distance: number;
  /** arccos ⟨λ̂₁, λ̂₂⟩, computed as 2·asin(euclidean/2). */
  angular: number;
  /** ‖λ̂₁ − λ̂₂‖₂ (in [0, √2]). */
  euclidean: number;
  /** The normalised Gramian spectra λ̂₁, λ̂₂ (descending, zero-padded to a common length). */
  spectra: [Float64Array, Float64Array];
}

/**
 * Normalised, descending spectrum of the controllability Gramian of (A, B).
 *
 * @param A State operator [n, n] (spectral radius < 1).
 * @param B Input operator [n, m].
 * @returns λ(W)/‖λ(W)‖₂, descending.
 *
 * @example A diagonal system: W = diag(b²/(1 − a²))
 * ```ts
 * import { gramianSpectrum } from "./gramian_distance.ts";
 * import assert from "node:assert/strict";
 * const s = gramianSpectrum([[0.5, 0], [0, 0]], [[1], [0]]);
 * assert.deepEqual(Array.from(s), [1, 0]);
 * ```
 */
export function gramianSpectrum(A: MatrixLike, B: MatrixLike): Float64Array {
  const { eigenvalues } = controllability(A, B);
  const lam = eigenvalues.map((v) => Math.max(0, v));
  let s = 0;
  for (const v of lam) s += v * v;
  const r = Math.sqrt(s);
  if (!(r > 0)) {
    throw new RangeError(
      "Cannot compute Gramian spectrum: the Gramian is zero (`B` = 0: the inputs do not drive the system): got ‖W‖ = 0",
    );
  }
  return lam.map((v) => v / r);
}

/**
 * The distance between the normalised controllability Gramians of (A₁, B₁) and
 * (A₂, B₂), up to an orthogonal change of state basis (see the module notes).
 *
 * @param A1 State operator of system 1 (stable).
 * @param B1 Input operator of system 1.
 * @param A2 State operator of system 2 (stable).
 * @param B2 Input operator of system 2.
 * @param options `score`.
 * @returns Both scores and the spectra.
 *
 * @example Invariant to scaling B and to a rotation of the state
 * ```ts
 * import { gramianDistance } from "./gramian_distance.ts";
 * import assert from "node:assert/strict";
 * const A = [[0.5, 0], [0, 0.8]];
 * const d = gramianDistance(A, [[1], [1]], [[0.8, 0], [0, 0.5]], [[3], [3]]);
 * assert.ok(d.distance < 1e-12);
 * // driving one mode or both: spectra [1, 0] and ≈ [0.998, 0.062]
 * assert.ok(gramianDistance(A, [[1], [0]], A, [[1], [1]]).distance > 0.06);
 * ```
 */
export function gramianDistance(
  A1: MatrixLike,
  B1: MatrixLike,
  A2: MatrixLike,
  B2: MatrixLike,
  options: GramianDistanceOptions = {},
): GramianDistance {
  checkOptions(options, GRAMIAN_OPTIONS, "Cannot compute Gramian distance");
  const { score = "angular" } = options;
  if (score !== "angular" && score !== "euclidean") {
    throw new RangeError(
      `Cannot compute Gramian distance: \`score\` must be one of angular, euclidean: got ${score}`,
    );
  }
  return gramianSpectraDistance(gramianSpectrum(A1, B1), gramianSpectrum(A2, B2), score);
}

/**
 * {@link gramianDistance} from two normalised spectra (see {@link gramianSpectrum}).
 *
 * @param s1 First spectrum, descending.
 * @param s2 Second spectrum, descending.
 * @param score Which score is `distance`. @default "angular"
 * @returns Both scores and the zero-padded spectra.
 *
 * @example
 * ```ts
 * import { gramianSpectraDistance } from "./gramian_distance.ts";
 * import assert from "node:assert/strict";
 * const d = gramianSpectraDistance(new Float64Array([1]), new Float64Array([0.6, 0.8]));
 * assert.ok(Math.abs(d.euclidean - Math.hypot(0.4, 0.8)) < 1e-15);
 * ```
 */
export function gramianSpectraDistance(
  s1: Float64Array,
  s2: Float64Array,
  score: "angular" | "euclidean" = "angular",
): GramianDistance {
  const n = Math.max(s1.length, s2.length);
  const a = new Float64Array(n), b = new Float64Array(n);
  a.set(s1);
  b.set(s2);
  let d = 0;
  for (let i = 0; i < n; i++) d += (a[i]! - b[i]!) ** 2;
  const euclidean = Math.sqrt(d);
  const angular = 2 * Math.asin(Math.min(1, euclidean / 2));
  return {
    distance: score === "angular" ? angular : euclidean,
    angular,
    euclidean,
    spectra: [a, b],
  };
}
