/**
 * Non-normality of a fitted linear operator (DSA v2's statistics): Henrici's
 * departure from normality and the maximal transient growth of x_{t+1} = A x_t.
 *
 * A normal operator (AᵀA = AAᵀ) has orthogonal eigenvectors, so ‖Aᵗ‖₂ = ρ(A)ᵗ;
 * a non-normal one can amplify some states for a while before they decay
 * (Trefethen & Embree, "Spectra and Pseudospectra", 2005).
 *
 * @module
 */

import { eig } from "../linalg/eig.ts";
import { asMatrix, type MatrixLike } from "../linalg/matrix.ts";
import { singularValues } from "../linalg/svd.ts";
import { assertInteger } from "../validate/mod.ts";
import { mm } from "./dense.ts";
import { checkOptions } from "../validate/options.ts";
import { TRANSIENT_GROWTH_OPTIONS } from "./option_kinds.ts";

/** Henrici's departure from normality. */
export interface Departure {
  /** dep(A) = √(‖A‖²_F − Σ|λᵢ|²) (0 exactly when A is normal). */
  departure: number;
  /** dep(A)/‖A‖_F, in [0, 1]. */
  relative: number;
  /** ‖A‖_F. */
  frobenius: number;
}

function square(A: MatrixLike, context: string) {
  const a = asMatrix(A, "A", { context });
  if (a.rows !== a.cols) {
    throw new TypeError(`${context}: \`A\` must be square: got shape [${a.rows}, ${a.cols}]`);
  }
  return a;
}

/**
 * Henrici's departure from normality of a square operator (e.g. `fitDmd(X).Av`):
 * the Frobenius norm of the strictly upper triangular part of any Schur form,
 * √(‖A‖²_F − Σ|λᵢ|²).
 *
 * @param A Operator [n, n].
 * @returns Absolute and relative departure and ‖A‖_F.
 *
 * @example A 2×2 upper triangular matrix departs by its off-diagonal entry
 * ```ts
 * import { departureFromNormality } from "./nonnormal.ts";
 * import assert from "node:assert/strict";
 * assert.ok(Math.abs(departureFromNormality([[0.5, 3], [0, 0.2]]).departure - 3) < 1e-12);
 * assert.ok(departureFromNormality([[0, -1], [1, 0]]).departure < 1e-12);
 * ```
 */
export function departureFromNormality(A: MatrixLike): Departure {
  const a = square(A, "Cannot compute departure from normality");
  let fro2 = 0;
  for (const v of a.data) fro2 += v * v;
  const { re, im } = eig(a);
  let eig2 = 0;
  for (let k = 0; k < re.length; k++) eig2 += re[k]! * re[k]! + im[k]! * im[k]!;
  // eigenvalues are accurate to about ε‖A‖: differences below that are rounding
  const d2 = fro2 - eig2;
  const departure = d2 > 1e-13 * fro2 ? Math.sqrt(d2) : 0;
  const frobenius = Math.sqrt(fro2);
  return { departure, relative: frobenius > 0 ? departure / frobenius : 0, frobenius };
}

/** Options for {@link transientGrowth}. */
export interface TransientGrowthOptions {
  /** Most powers examined when ‖Aᵗ‖₂ does not fall below 1. @default 10000 */
  maxSteps?: number;
}

/** Maximal transient growth of x_{t+1} = A x_t. */
export interface TransientGrowth {
  /** max over t ≥ 0 of ‖Aᵗ‖₂ (≥ 1, since A⁰ = I): the largest amplification of any state. */
  peak: number;
  /** The step t at which it is reached. */
  peakStep: number;
  /** ‖Aᵗ‖₂ for t = 0 … `steps`. */
  norms: Float64Array;
  /**
   * Whether the maximum is certified: ‖A^T‖₂ < 1 at the last step T, so that
   * ‖A^{kT+s}‖ ≤ ‖A^T‖ᵏ‖Aˢ‖ never exceeds the maximum over t < T. False when
   * `maxSteps` ran out first (e.g. spectral radius ≥ 1).
   */
  certified: boolean;
  /** Last power examined. */
  steps: number;
}

/**
 * Maximal transient growth max_t ‖Aᵗ‖₂ of a discrete-time linear operator,
 * found exactly: powers are examined until ‖A^T‖₂ < 1, after which
 * submultiplicativity rules out any larger value.
 *
 * @param A Operator [n, n].
 * @param options `maxSteps`.
 * @returns Peak, its step, the norms examined, whether certified.
 *
 * @example A normal contraction never amplifies; a shear does first
 * ```ts
 * import { transientGrowth } from "./nonnormal.ts";
 * import assert from "node:assert/strict";
 * assert.equal(transientGrowth([[0.9, 0], [0, 0.5]]).peak, 1);
 * const g = transientGrowth([[0.9, 2], [0, 0.9]]);
 * assert.ok(g.peak > 3 && g.certified);
 * ```
 */
export function transientGrowth(
  A: MatrixLike,
  options: TransientGrowthOptions = {},
): TransientGrowth {
  const context = "Cannot compute transient growth";
  checkOptions(options, TRANSIENT_GROWTH_OPTIONS, context);
  const a = square(A, context);
  const { maxSteps = 10000 } = options;
  assertInteger(maxSteps, "maxSteps", 1, Infinity, context);
  const n = a.rows;
  const norms = [1];
  let P: Float64Array = a.data.slice();
  let peak = 1, peakStep = 0, certified = false, t = 1;
  for (; t <= maxSteps; t++) {
    const s = singularValues({ rows: n, cols: n, data: P })[0] ?? 0;
    norms.push(s);
    if (s > peak) {
      peak = s;
      peakStep = t;
    }
    if (s < 1) {
      certified = true;
      break;
    }
    if (!Number.isFinite(s)) break;
    P = mm(P, a.data, n, n, n);
  }
  return {
    peak,
    peakStep,
    norms: Float64Array.from(norms),
    certified,
    steps: norms.length - 1,
  };
}
