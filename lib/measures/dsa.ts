/**
 * Dynamical Similarity Analysis (Ostrow et al., NeurIPS 2023): per system,
 * HAVOK DMD (`lib/dynamics/dmd.ts`) and, for the similarity-transform scores,
 * the per-operator analysis (`lib/dynamics/prepared.ts`); per pair, the
 * similarity-transform distance over O(n) (angular, euclidean) or the
 * Wasserstein eigenvalue score (`lib/dynamics/dsa.ts`). Inputs are time series
 * [time, dims] or [trials, time, dims], or already-fitted DMD models.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import type { TimeSeriesLike } from "../dynamics/data.ts";
import { type DmdFit, type DmdOptions, fitDmd } from "../dynamics/dmd.ts";
import { omitDmdOptions, pickDmdOptions } from "../dynamics/dmd_options.ts";
import { type DsaScoreOptions, scoreOperators } from "../dynamics/dsa.ts";
import { type PreparedOperator, prepareOperator } from "../dynamics/prepared.ts";
import { distanceFromPrepared } from "../dynamics/similarity.ts";
import { refitTrials, trialStatistics } from "../dynamics/resample.ts";
import { registerMeasure } from "./registry.ts";
import { integerOption as int } from "./option_specs.ts";
import type { Measure, OptionSpec, ResolvedOptions } from "./types.ts";

/** A system after its per-system step: the DMD operator and, when used, its analysis. */
export interface PreparedDsa {
  /** A_v [r, r]. */
  Av: Matrix;
  /** DMD rank r. */
  rank: number;
  /**
   * Numerical rank of the delay embedding (singular values above rounding level), when the
   * system was fitted from its series in full (not for trial resamples).
   */
  numericalRank?: number;
  /** Prepared operator for the angular/euclidean scores, else null. */
  op: PreparedOperator | null;
}

function isFit(x: unknown): x is DmdFit {
  return typeof x === "object" && x !== null && "Av" in x && "rank" in x;
}

const num = (
  name: string,
  flag: string,
  def: number | null,
  description: string,
  extra: Partial<OptionSpec> = {},
): OptionSpec => ({ name, type: "number", default: def, description, flag, ...extra });

/** DMD options (delay embedding, rank rule, ridge, standardisation). */
const DMD_OPTIONS: OptionSpec[] = [
  int("nDelays", "n-delays", 1, 1, "number of delays D"),
  int("delayInterval", "delay-interval", 1, 1, "samples between delays k"),
  int("rank", "rank", null, 1, "DMD rank, clipped to dims·D (default: all)"),
  num("rankThreshold", "rank-threshold", null, "keep singular values > this (instead of rank)", {
    min: 0,
  }),
  num(
    "explainedVariance",
    "explained-variance",
    null,
    "smallest rank reaching this fraction of Σσ² (instead of rank)",
    { min: 0, max: 1, exclusiveMin: true },
  ),
  num("ridge", "ridge", 1e-8, "ridge penalty of the regression", { min: 0 }),
  {
    name: "center",
    type: "boolean",
    default: false,
    description: "subtract each dimension's mean",
    flag: "center",
  },
  {
    name: "scale",
    type: "boolean",
    default: false,
    description: "divide each dimension by its standard deviation",
    flag: "scale",
  },
];

/** Score and similarity-search options. */
const SCORE_OPTIONS: OptionSpec[] = [
  {
    name: "score",
    type: "choice",
    default: "angular",
    choices: ["angular", "euclidean", "wasserstein"],
    description:
      "similarity-transform distance (angular, euclidean) or Wasserstein eigenvalue score",
    flag: "score",
  },
  int("seed", "seed", 0, -(2 ** 53), "seed of the random restarts"),
  int("maxStarts", "max-starts", 24, 1, "most optimisation starts"),
  int(
    "minRandomStarts",
    "min-random-starts",
    null,
    0,
    "fewest random starts before stopping on evidence (⌈4 + n/2⌉)",
  ),
  int(
    "screen",
    "screen",
    null,
    1,
    "screen this many starts first (default 16 when n ≤ 16, else 1)",
  ),
  int("screenIterations", "screen-iterations", null, 1, "iterations per screened start"),
  int("maxTotalIterations", "max-total-iterations", null, 0, "iteration budget over all starts"),
  int("agree", "agree", 2, 1, "stop once this many starts reached the best value"),
  num("agreeTolerance", "agree-tolerance", null, "relative tolerance for starts to agree (1e-7)", {
    min: 0,
  }),
  int("maxIterations", "max-iterations", null, 1, "iteration cap per start (1000)"),
  int("memory", "memory", null, 1, "L-BFGS memory (10; 5 when n > 16)"),
  int(
    "gateIterations",
    "gate-iterations",
    null,
    0,
    "give up a later start after this many iterations unless it beats the best so far (80 when n > 16, else 0 = off)",
  ),
  num("gateMargin", "gate-margin", null, "relative margin of that gate (0)", { min: 0 }),
  num(
    "exploreValueRel",
    "explore-value-rel",
    null,
    "value tolerance of exploring starts; the best is polished with --value-rel (1e-5 when n > 16)",
    { min: 0 },
  ),
  num("gradRel", "grad-rel", null, "relative gradient stopping tolerance (1e-8)", { min: 0 }),
  num("gradAbs", "grad-abs", null, "absolute gradient floor (1e-14)", { min: 0 }),
  num("valueRel", "value-rel", null, "relative objective-decrease stopping tolerance (1e-8)", {
    min: 0,
  }),
  {
    name: "pad",
    type: "boolean",
    default: false,
    description: "zero-pad operators of different sizes (else an error)",
    flag: "pad",
  },
];

/**
 * The DMD part and the score part of resolved DSA options.
 *
 * @param o Resolved options of the `dsa` measure.
 * @returns `{dmd, scoring}`.
 *
 * @example
 * ```ts
 * import { splitDsaOptions } from "./dsa.ts";
 * import assert from "node:assert/strict";
 * const { dmd, scoring } = splitDsaOptions({ nDelays: 3, score: "euclidean" });
 * assert.deepEqual([dmd, scoring], [{ nDelays: 3 }, { score: "euclidean" }]);
 * ```
 */
export function splitDsaOptions(o: ResolvedOptions): { dmd: DmdOptions; scoring: DsaScoreOptions } {
  return {
    dmd: pickDmdOptions(o as DmdOptions),
    scoring: omitDmdOptions(o as DmdOptions) as DsaScoreOptions,
  };
}

/**
 * The `dsa` measure (registered on import), with aliases `dsa-angular`,
 * `dsa-euclidean` and `dsa-wasserstein`.
 *
 * @example A system is at distance 0 from itself
 * ```ts
 * import { dsaMeasure } from "./dsa.ts";
 * import { resolveOptions } from "./registry.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("dsa", { nDelays: 3, rank: 4 });
 * const X = Array.from({ length: 60 }, (_, t) => [Math.cos(0.3 * t), Math.sin(0.5 * t)]);
 * const p = dsaMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * assert.ok(dsaMeasure.compare(p, p, options).distance! < 1e-12);
 * ```
 */
export const dsaMeasure: Measure<PreparedDsa> = registerMeasure<PreparedDsa>({
  name: "dsa",
  description: "Dynamical Similarity Analysis: HAVOK DMD operators compared up to O(n) conjugation",
  aliases: {
    "dsa-angular": { score: "angular" },
    "dsa-euclidean": { score: "euclidean" },
    "dsa-wasserstein": { score: "wasserstein" },
  },
  input: "timeSeries",
  returns: "distance",
  options: [...DMD_OPTIONS, ...SCORE_OPTIONS],
  properties(o) {
    const fullRank = o.rank === undefined && o.rankThreshold === undefined &&
      o.explainedVariance === undefined;
    return {
      metric: o.score !== "wasserstein",
      symmetric: true,
      invariances: {
        rotation: true,
        permutation: true,
        isotropicScale: true,
        translation: o.center === true,
        invertibleLinear: fullRank,
      },
    };
  },
  reference: "Ostrow, Eisen, Kozachkov & Fiete, NeurIPS 2023 (DSA v2.0)",
  padded: false,
  heldOut: false,
  tolerance: 1e-6,
  checks: [{ rank: 3, nDelays: 2 }],
  validate: (x) => x,
  widthOf: (x) => isFit(x) ? x.rank : 0,
  rowsOf: () => null,
  pairCost: () => 5e7,
  prepare(x, o, ctx) {
    const { dmd, scoring } = splitDsaOptions(o);
    let fit: DmdFit;
    if (isFit(x)) fit = x;
    else {
      try {
        fit = fitDmd(x as TimeSeriesLike, dmd);
      } catch (e) {
        const err = e as Error;
        const Ctor = err instanceof TypeError ? TypeError : RangeError;
        throw new Ctor(`${err.message} (in \`${ctx.name}\`)`);
      }
    }
    const op = scoring.score === "wasserstein" ? null : prepareOperator(fit.Av, ctx.name);
    return { Av: fit.Av, rank: fit.rank, numericalRank: fit.numericalRank, op };
  },
  compare(a, b, o) {
    const { scoring } = splitDsaOptions(o);
    if (a.op !== null && b.op !== null && a.op.n === b.op.n) {
      const { score: _score, ...search } = scoring;
      return {
        distance: distanceFromPrepared(a.op, b.op, {
          ...search,
          score: scoring.score === "euclidean" ? "euclidean" : "angular",
        }).distance,
      };
    }
    return { distance: scoreOperators(a.Av, b.Av, scoring).distance };
  },
  unitResampler(x, o, name) {
    const context = "Cannot resample trials";
    if (isFit(x)) {
      throw new TypeError(
        `${context}: \`${name}\` is a fitted DMD model: resampling trials needs the time series`,
      );
    }
    const { dmd, scoring } = splitDsaOptions(o);
    const stats = trialStatistics(x as TimeSeriesLike, dmd);
    return {
      units: stats.counts.length,
      prepare(draw) {
        const fit = refitTrials(stats, draw);
        const op = scoring.score === "wasserstein" ? null : prepareOperator(fit.Av, name);
        return { Av: fit.Av, rank: fit.rank, op };
      },
    };
  },
  info: (p): Record<string, number> =>
    p.numericalRank === undefined
      ? { rank: p.rank }
      : { rank: p.rank, numericalRank: p.numericalRank },
});
