/**
 * The whole spectral analysis of one representation against neural data in
 * one call: spectrum and alignment, the theoretical learning curve and the
 * empirical ridge-regression curve beside it. The Gram matrix X Xᵀ is formed
 * once and serves both the eigendecomposition and every dual ridge solve.
 *
 * @module
 */

import type { MatrixLike } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { alignDecomposition, type AlignmentResult } from "./alignment.ts";
import { checkPair, checkPs, checkRidge, maybeCenter } from "./inputs.ts";
import { assertInteger } from "../validate/mod.ts";
import { checkOptionNames } from "../validate/options.ts";
import { ANALYSIS_OPTION_KEYS } from "./option_keys.ts";
import {
  defaultPs,
  type EmpiricalResult,
  empiricalValues,
  type SpectralProgress,
} from "./learning_curve.ts";
import { gramMatrix, spectralDecomposition, type SpectrumOptions } from "./spectrum.ts";
import { type TheoryResult, theoryValues } from "./theory.ts";

/** Options for {@link spectralAnalysis}. */
export interface AnalysisOptions extends SpectrumOptions {
  /** Training-set sizes in [1, P − 1] (integers when `empirical`). @default defaultPs(P) */
  ps?: readonly number[];
  /** λ_reg ≥ 0 (α = p·λ_reg on the unnormalised kernel). @default 0 */
  ridge?: number;
  /** Also run the empirical ridge-regression curve. @default true */
  empirical?: boolean;
  /** Random training subsets per p for the empirical curve. @default 5 */
  subsets?: number;
  /** Seed of the training subsets. @default 0 */
  seed?: number;
  /** Keep the P-long per-mode arrays of the theory (`modeErrors`, `errorModes`). @default true */
  modes?: boolean;
  /** Called as the work progresses (the decomposition counts as one unit, each subset fit as one). */
  onProgress?: (progress: SpectralProgress) => void;
}

const ANALYSIS_OPTIONS = Object.keys(ANALYSIS_OPTION_KEYS);

/** Result of {@link spectralAnalysis}. */
export interface AnalysisResult {
  /** Spectrum, alignment and effective dimensionalities. */
  alignment: AlignmentResult;
  /** Theoretical learning curve at `ps`. */
  theory: TheoryResult;
  /** Empirical learning curve at `ps` (null when `empirical: false`). */
  empirical: EmpiricalResult | null;
}

/**
 * Spectrum, alignment, theory and empirical learning curve of Y regressed on X.
 *
 * @param X Model activations [P stimuli, M features] (finite, P ≥ 3).
 * @param Y Neural responses [P stimuli, N neurons] (no neuron of zero power).
 * @param options See {@link AnalysisOptions}.
 * @returns A `spectralAnalysis` result `{alignment, theory, empirical}`.
 *
 * @example Theory and experiment agree exactly when the target is learned perfectly
 * ```ts
 * import { spectralAnalysis } from "./analysis.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0, 1], [1, 1], [2, -1], [0, 3], [1, 2]];
 * const Y = X.map(([a, b]) => [a! + b!]);
 * const r = spectralAnalysis(X, Y, { ps: [4], subsets: 2 });
 * assert.equal(r.alignment.rank, 2);
 * assert.ok(r.theory.Eg[0]! < 1e-12 && r.empirical!.gen.error[0]! < 1e-12);
 * ```
 */
export function spectralAnalysis(
  X: MatrixLike,
  Y: MatrixLike,
  options: AnalysisOptions = {},
): Readonly<AnalysisResult & { kind: string }> {
  return tagResult("spectralAnalysis", analysisValues(X, Y, options));
}

/**
 * {@link spectralAnalysis} without the result tag (plain data), for composition.
 *
 * @param X Model activations [P, M].
 * @param Y Neural responses [P, N].
 * @param options See {@link AnalysisOptions}.
 * @returns The plain-data {@link AnalysisResult}.
 *
 * @example Theory only
 * ```ts
 * import { analysisValues } from "./analysis.ts";
 * import assert from "node:assert/strict";
 * const r = analysisValues([[1, 0], [0, 1], [1, 1], [2, 1]], [[1], [2], [3], [5]], {
 *   ps: [2], empirical: false,
 * });
 * assert.equal(r.empirical, null);
 * ```
 */
export function analysisValues(
  X: MatrixLike,
  Y: MatrixLike,
  options: AnalysisOptions = {},
): AnalysisResult {
  const ctx = "Cannot compute spectral analysis";
  checkOptionNames(options, ANALYSIS_OPTIONS, ctx, ["center", "empirical", "modes"]);
  const {
    center = true,
    method = "eigh",
    ridge = 0,
    empirical = true,
    subsets = 5,
    seed = 0,
    modes = true,
    onProgress,
  } = options;
  const pair = checkPair(X, Y, ctx);
  checkRidge(ridge, ctx);
  const P = pair.X.rows;
  const ps = checkPs(options.ps ?? defaultPs(P), P, ctx, empirical);
  if (empirical) assertInteger(subsets, "subsets", 1, Infinity, ctx);
  const x = maybeCenter(pair.X, center);
  const y = maybeCenter(pair.Y, center);
  const total = 1 + (empirical ? ps.length * subsets : 0);
  const d = spectralDecomposition(x, method, ctx);
  const align = alignDecomposition(d, y, center, method);
  onProgress?.({ done: 1, total });
  const theory = theoryValues(align, { ps, ridge, modes });
  const emp = empirical
    ? empiricalValues(x, y, d.gram ?? (x.cols >= x.rows ? gramMatrix(x) : null), {
      ps,
      ridge,
      subsets,
      seed,
      center,
      onProgress: onProgress && ((q) => onProgress({ done: 1 + q.done, total })),
    }, ctx)
    : null;
  return { alignment: align, theory, empirical: emp };
}
