/**
 * Dynamical Similarity Analysis for one pair of systems: fit HAVOK DMD to each
 * and compare the operators (Ostrow, Eisen, Kozachkov & Fiete, NeurIPS 2023).
 *
 * @module
 */

import { matrixArg, type MatrixLike } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import type { TimeSeriesLike } from "./data.ts";
import { type DmdFit, type DmdOptions, fitDmd } from "./dmd.ts";
import { omitDmdOptions, pickDmdOptions } from "./dmd_options.ts";
import {
  type SimilarityOptions,
  type SimilarityResult,
  similarityTransformDistance,
} from "./similarity.ts";
import { wassersteinEigenvalues, type WassersteinResult } from "./wasserstein.ts";
import { checkOptions } from "../validate/options.ts";
import { DSA_OPTIONS, DSA_SCORE_OPTIONS } from "./option_kinds.ts";

/** The DSA scores. */
export type DsaScore = "angular" | "euclidean" | "wasserstein";

/** Options of {@link dsaScore}: the score and the similarity-search settings. */
export interface DsaScoreOptions extends Omit<SimilarityOptions, "score"> {
  /** Which score: similarity-transform distance (angular, euclidean) or the eigenvalue Wasserstein score. @default "angular" */
  score?: DsaScore;
}

/** Options of {@link dsa}: DMD options (used for both systems) and score options. */
export interface DsaOptions extends DmdOptions, DsaScoreOptions {}

/** A DSA comparison. */
export interface DsaResult {
  /** The score's value. */
  distance: number;
  /** Which score. */
  score: DsaScore;
  /** Details of the similarity-transform search (angular/euclidean scores). */
  similarity?: SimilarityResult;
  /** Details of the eigenvalue matching (wasserstein score). */
  wasserstein?: WassersteinResult;
  /** The two DMD ranks. */
  ranks: [number, number];
  /**
   * The two fits' numerical ranks (singular values above rounding level): a rank above it keeps
   * directions whose eigenvalues come from rounding.
   */
  numericalRanks: [number, number];
  /** Eigenvalues of the two DMD operators (first system, second system). */
  eigenvalues: [
    { re: Float64Array; im: Float64Array },
    { re: Float64Array; im: Float64Array },
  ];
}

/**
 * A DSA score between two operators (no DMD fitting): the similarity-transform
 * distance for `angular`/`euclidean`, the eigenvalue Wasserstein score otherwise.
 *
 * @param A First operator [n, n].
 * @param B Second operator [m, m].
 * @param options Score and search options.
 * @returns `{distance, score, similarity | wasserstein}`.
 *
 * @example
 * ```ts
 * import { scoreOperators } from "./dsa.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const A = fromRows([[0.9, 0.1], [0, 0.5]]);
 * assert.ok(scoreOperators(A, A, { score: "wasserstein" }).distance === 0);
 * ```
 */
export function scoreOperators(
  A: MatrixLike,
  B: MatrixLike,
  options: DsaScoreOptions = {},
): {
  distance: number;
  score: DsaScore;
  similarity?: SimilarityResult;
  wasserstein?: WassersteinResult;
} {
  checkOptions(options, DSA_SCORE_OPTIONS, "Cannot compute DSA");
  A = matrixArg(A, "A");
  B = matrixArg(B, "B");
  const { score = "angular", ...search } = options;
  if (score === "wasserstein") {
    const w = wassersteinEigenvalues(A, B);
    return { distance: w.score, score, wasserstein: w };
  }
  if (score !== "angular" && score !== "euclidean") {
    throw new RangeError(
      `Cannot compute DSA: \`score\` must be one of angular, euclidean, wasserstein: got ${
        String(score)
      }`,
    );
  }
  const s = similarityTransformDistance(A, B, { ...search, score });
  return { distance: s.distance, score, similarity: s };
}

/**
 * Compare two fitted DMD models with a DSA score.
 *
 * @param a First model (from `fitDmd`).
 * @param b Second model.
 * @param options Score and search options.
 * @returns `{distance, score, similarity | wasserstein, ranks}`.
 *
 * @example A model is at distance 0 from itself
 * ```ts
 * import { dsaScore, fitDmd } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [];
 * for (let t = 0; t < 60; t++) X.push([Math.cos(0.3 * t) * Math.exp(-0.01 * t), Math.sin(0.3 * t)]);
 * const fit = fitDmd(X, { nDelays: 3, rank: 4 });
 * assert.ok(dsaScore(fit, fit).distance < 1e-12);
 * ```
 */
export function dsaScore(a: DmdFit, b: DmdFit, options: DsaScoreOptions = {}): DsaResult {
  // scoreOperators checks the options (same message)
  const ranks: [number, number] = [a.rank, b.rank];
  const numericalRanks: [number, number] = [a.numericalRank, b.numericalRank];
  const eigenvalues: DsaResult["eigenvalues"] = [a.eigenvalues, b.eigenvalues];
  return tagResult("dsa", {
    ...scoreOperators(a.Av, b.Av, options),
    ranks,
    numericalRanks,
    eigenvalues,
  });
}

/**
 * Dynamical Similarity Analysis of two data sets: HAVOK DMD with the same
 * options on each (delay embedding, rank rule, ridge), then the chosen score
 * between the operators — the similarity-transform distance over all of O(n)
 * (angular or euclidean) or the Wasserstein eigenvalue score.
 *
 * @param X First system's data `[time, dims]`, `[trials, time, dims]` or a list of trials.
 * @param Y Second system's data (dims may differ; operator sizes must match unless `pad`).
 * @param options DMD, score and search options.
 * @returns The comparison (tagged `"dsa"`).
 *
 * @example A rotated copy of a trajectory has the same dynamics
 * ```ts
 * import { dsa } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [], Y: number[][] = [];
 * const c = Math.cos(1), s = Math.sin(1);
 * for (let t = 0; t < 100; t++) {
 *   const p = [Math.cos(0.2 * t) * Math.exp(-0.01 * t), Math.sin(0.5 * t)];
 *   X.push(p);
 *   Y.push([c * p[0]! - s * p[1]!, s * p[0]! + c * p[1]!]);
 * }
 * const r = dsa(X, Y, { nDelays: 4, rank: 4 }); // 4 = the number of modes in the signal
 * assert.ok(r.distance < 1e-6);
 * ```
 */
export function dsa(X: TimeSeriesLike, Y: TimeSeriesLike, options: DsaOptions = {}): DsaResult {
  checkOptions(options, DSA_OPTIONS, "Cannot compute DSA");
  const dmdOptions = pickDmdOptions(options);
  return dsaScore(fitDmd(X, dmdOptions), fitDmd(Y, dmdOptions), omitDmdOptions(options));
}
