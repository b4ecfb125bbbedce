/**
 * The similarity-transform distance of DSA (Ostrow et al. 2023): how far two
 * linear operators are from being orthogonally conjugate,
 * s* = max over C ∈ O(n) of ⟨Â, C B̂ Cᵀ⟩ with Â = A/‖A‖_F, B̂ = B/‖B‖_F;
 * angular = arccos s*, euclidean = ‖Â − C* B̂ C*ᵀ‖_F = √(2 − 2s*).
 *
 * The search covers all of O(n) (both determinant signs) with structured starts
 * (identity, sign flips, eigenbasis and real-Schur alignments) followed by
 * seeded Haar-random restarts, each refined by Riemannian L-BFGS with the exact
 * gradient. Agreement of the structured starts is not evidence of a global
 * optimum (deterministic starts may share a basin), so it only ends their
 * phase. The search stops early when the lower bound certifies the best value,
 * or on evidence from independent draws: at least `minRandomStarts` random
 * starts, the best value reached from both families (or by two random starts),
 * and a Good–Turing estimate of the mass of unseen basins below
 * `maxUnseenMass`. The result says which rule ended it and how many starts of
 * each family ran.
 *
 * @module
 */

import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { assertInteger } from "../validate/mod.ts";
import { mm, norm } from "./dense.ts";
import { lowerBoundFromSpectra } from "./lower_bound.ts";
import { type LocalOptions, minimizeOnOrthogonal } from "./optimize.ts";
import { determinantSign, haarStream } from "./orthogonal.ts";
import { operatorPair, type PreparedOperator, prepareOperator } from "./prepared.ts";
import { type Start, structuredStarts } from "./starts.ts";
import { checkOptions } from "../validate/options.ts";
import { SIMILARITY_OPTIONS } from "./option_kinds.ts";

/** Options for {@link similarityTransformDistance}. */
export interface SimilarityOptions extends LocalOptions {
  /** Which distance to report as `distance`. @default "angular" */
  score?: "angular" | "euclidean";
  /** Seed of the random restarts. @default 0 */
  seed?: number;
  /**
   * Most starts to run (structured ones first, then Haar-random).
   * @default the number of structured starts plus 5 · `minRandomStarts`
   */
  maxStarts?: number;
  /**
   * Fewest Haar-random starts before the search may stop on evidence (it still stops at once
   * when the lower bound certifies the best value). Grows with n because basins of attraction
   * shrink with n. @default ⌈4 + n/2⌉
   */
  minRandomStarts?: number;
  /**
   * Iteration budget over all starts; the start running when it runs out is
   * stopped there (its value still counts). Scales like n⁻⁴ so that large operators (whose
   * iterations cost n³ and whose random starts rarely pay) keep the cost of a few local runs.
   * @default max(min(⌈20000/n⌉, 500), min(200 · `maxStarts`, ⌈2·10⁹/n⁴⌉)), plus
   * `screen · screenIterations` when screening
   */
  maxTotalIterations?: number;
  /**
   * Screening: run this many of the most promising structured starts for
   * `screenIterations` iterations each, then continue them best-first (1 = no
   * screening). Raises the chance of the best basin at a moderate cost (10 is
   * a good choice for n ≈ 50). @default 16 when n ≤ 16, else 1
   */
  screen?: number;
  /** Iterations per screened start. @default 30 when n ≤ 16, else 100 */
  screenIterations?: number;
  /**
   * The structured starts (run first, best-first) give way to random starts once this many of
   * them reached the best value. @default 2
   */
  agree?: number;
  /** Relative tolerance (on the euclidean distance) for two starts to agree. @default 1e-7 */
  agreeTolerance?: number;
  /**
   * Stop on evidence only when the Good–Turing estimate of the chance that one more random
   * start lands in an unseen basin (the fraction of random starts whose local minimum was
   * reached by no other random start) is at most this. @default 0.2
   */
  maxUnseenMass?: number;
  /**
   * Early rejection: every start after the first is checked after this many iterations and given
   * up when its euclidean value is still above (1 + `gateMargin`) times the best so far (0 = no
   * gate). Values at that point are close to the start's final value for large n (where a full
   * run costs a few hundred iterations), so the saved iterations buy more starts.
   * @default 80 when n > 16, else 0
   */
  gateIterations?: number;
  /** Relative margin of the gate (see `gateIterations`). @default 0 */
  gateMargin?: number;
  /**
   * Relative value tolerance (as `valueRel`) of the starts while exploring; the best start is
   * then polished with `valueRel`. A looser tolerance saves the slow tail of every start but the
   * best one. @default 1e-5 when n > 16, else `valueRel`
   */
  exploreValueRel?: number;
  /** L-BFGS memory. @default 10 when n ≤ 16, else 5 */
  memory?: number;
  /** Zero-pad the smaller operator when the sizes differ (else an error). @default false */
  pad?: boolean;
}

/** The outcome of {@link similarityTransformDistance}. */
export interface SimilarityResult {
  /** The requested score: angular (radians, in [0, π]) or euclidean (in [0, 2]). */
  distance: number;
  /** Which score `distance` is. */
  score: "angular" | "euclidean";
  /** arccos s*, computed as 2·asin(euclidean/2) for accuracy near 0. */
  angular: number;
  /** ‖Â − C B̂ Cᵀ‖_F. */
  euclidean: number;
  /** s* = ⟨Â, C B̂ Cᵀ⟩. */
  similarity: number;
  /** The best orthogonal C found [n, n]. */
  C: Matrix;
  /** det C (+1 or −1). */
  determinant: number;
  /** Lower bound on the same score (see `similarityLowerBound`). */
  lowerBound: number;
  /** Optimisation iterations over all starts. */
  iterations: number;
  /** Starts run. */
  starts: number;
  /** Starts that reached the best value (within `agreeTolerance`). */
  startsAtBest: number;
  /** Starts run per family: structured (deterministic) and random (seeded Haar). */
  startsByFamily: { structured: number; random: number };
  /** Starts of each family that reached the best value. */
  atBestByFamily: { structured: number; random: number };
  /** Starts given up at the gate (`gateIterations`), counted in `starts` and `startsByFamily`. */
  startsGated: number;
  /** Label of the start that gave the best value. */
  bestStart: string;
  /**
   * Why the search stopped: `"lower-bound"` (the best value meets the lower bound: optimal),
   * `"evidence"` (at least `minRandomStarts` random starts ran, the best value was reached
   * from both families or by two independent random starts, and the estimated mass of unseen
   * basins is at most `maxUnseenMass`), `"budget"` (iterations) or `"max-starts"`: the last two
   * mean the evidence was not reached.
   */
  stopReason: "lower-bound" | "evidence" | "budget" | "max-starts";
  /** Whether the best start's local optimisation met its gradient test. */
  converged: boolean;
}

/** One Newton–Schulz step C(3I − CᵀC)/2: removes the rounding drift from orthogonality. */
function reorthogonalize(C: Float64Array, n: number): Float64Array {
  const G = mm(C, C, n, n, n, true, false);
  for (let k = 0; k < G.length; k++) G[k] = -0.5 * G[k]!;
  for (let i = 0; i < n; i++) G[i * n + i] += 1.5;
  return mm(C, G, n, n, n);
}

function residualNorm(A: Float64Array, B: Float64Array, C: Float64Array, n: number): number {
  const K = mm(mm(C, B, n, n, n), C, n, n, n, false, true);
  for (let k = 0; k < K.length; k++) K[k] = A[k]! - K[k]!;
  return norm(K);
}

function dedupe(starts: Start[], n: number): Start[] {
  const kept: Start[] = [];
  for (const s of starts) {
    const dup = kept.some((k) => {
      let d = 0;
      for (let i = 0; i < n * n; i++) d += (k.C[i]! - s.C[i]!) ** 2;
      return d < 1e-16 * n;
    });
    if (!dup) kept.push(s);
  }
  return kept;
}

/**
 * Good–Turing estimate of the probability that one more random start lands in a basin not seen
 * yet: the fraction of starts whose local minimum (identified by its value) was reached once.
 */
function unseenMass(values: number[], tolerance: number): number {
  if (values.length === 0) return 1;
  const v = [...values].sort((a, b) => a - b);
  let singletons = 0, run = 1;
  for (let i = 1; i <= v.length; i++) {
    if (i < v.length && v[i]! - v[i - 1]! <= tolerance * v[i]! + 1e-12) run++;
    else {
      if (run === 1) singletons++;
      run = 1;
    }
  }
  return singletons / v.length;
}

const angularOf = (e: number) => 2 * Math.asin(Math.min(1, e / 2));

/**
 * The DSA similarity-transform distance between two square operators over all
 * of O(n). Returns the distance, the best C, a lower bound and convergence
 * details. Deterministic for a given `seed`. Reaches ≈0 (below 1e-12 in
 * practice) on exactly conjugate pairs, including sign-flipped and
 * improper (det −1) conjugates.
 *
 * @param A First operator [n, n] (e.g. `fitDmd(X).Av`).
 * @param B Second operator [n, n].
 * @param options Score, seed, restart budget, stopping rules.
 * @returns The result (tagged `"similarityTransform"`).
 *
 * @example Zero for an orthogonal conjugate, including a reflection
 * ```ts
 * import { similarityTransformDistance } from "./similarity.ts";
 * import assert from "node:assert/strict";
 * const B = [[0.9, 0.2, 0], [-0.3, 0.8, 0.1], [0.05, 0, 0.5]];
 * const A = [[0.9, -0.2, 0], [0.3, 0.8, 0.1], [-0.05, 0, 0.5]]; // diag(1, −1, −1)·B·diag(1, −1, −1)
 * const r = similarityTransformDistance(A, B);
 * assert.ok(r.distance < 1e-12);
 * assert.ok(r.lowerBound <= r.distance + 1e-15);
 * ```
 */
export function similarityTransformDistance(
  A: MatrixLike,
  B: MatrixLike,
  options: SimilarityOptions = {},
): SimilarityResult {
  const context = "Cannot compute similarity-transform distance";
  checkOptions(options, SIMILARITY_OPTIONS, context);
  checkValues(options, context);
  const pair = operatorPair(A, B, options.pad ?? false, context);
  return distanceFromPrepared(prepareOperator(pair.A, "A"), prepareOperator(pair.B, "B"), options);
}

function checkValues(options: SimilarityOptions, context: string): void {
  const {
    score = "angular",
    seed = 0,
    maxStarts = 1,
    minRandomStarts = 0,
    agree = 2,
    screen = 1,
    screenIterations = 100,
  } = options;
  if (score !== "angular" && score !== "euclidean") {
    throw new RangeError(
      `${context}: \`score\` must be "angular" or "euclidean": got ${String(score)}`,
    );
  }
  assertInteger(maxStarts, "maxStarts", 1, Infinity, context);
  assertInteger(minRandomStarts, "minRandomStarts", 0, Infinity, context);
  const { maxUnseenMass = 0.2 } = options;
  if (!(maxUnseenMass >= 0 && maxUnseenMass <= 1)) {
    throw new RangeError(
      `${context}: \`maxUnseenMass\` must be a number in [0, 1]: got ${maxUnseenMass}`,
    );
  }
  assertInteger(agree, "agree", 1, Infinity, context);
  assertInteger(seed, "seed", -(2 ** 53), 2 ** 53, context);
  assertInteger(screen, "screen", 1, Infinity, context);
  assertInteger(screenIterations, "screenIterations", 1, Infinity, context);
  if (options.gateIterations !== undefined) {
    assertInteger(options.gateIterations, "gateIterations", 0, Infinity, context);
  }
  for (const key of ["gateMargin", "exploreValueRel"] as const) {
    const v = options[key];
    if (v !== undefined && !(v >= 0)) {
      throw new RangeError(`${context}: \`${key}\` must be a number ≥ 0: got ${v}`);
    }
  }
  if (options.maxTotalIterations !== undefined) {
    assertInteger(options.maxTotalIterations, "maxTotalIterations", 0, Infinity, context);
  }
}

/**
 * {@link similarityTransformDistance} between two prepared operators of the
 * same order (see {@link prepareOperator}); used for many pairs.
 *
 * @param pa First operator, prepared.
 * @param pb Second operator, prepared.
 * @param options As for {@link similarityTransformDistance} (`pad` is ignored).
 * @returns The result (tagged `"similarityTransform"`).
 *
 * @example
 * ```ts
 * import { distanceFromPrepared } from "./similarity.ts";
 * import { prepareOperator } from "./prepared.ts";
 * import assert from "node:assert/strict";
 * const p = prepareOperator([[0.5, 1], [0, 0.2]]);
 * assert.ok(distanceFromPrepared(p, p).distance < 1e-12);
 * ```
 */
export function distanceFromPrepared(
  pa: PreparedOperator,
  pb: PreparedOperator,
  options: SimilarityOptions = {},
): SimilarityResult {
  const context = "Cannot compute similarity-transform distance";
  checkValues(options, context);
  const {
    score = "angular",
    seed = 0,
    maxTotalIterations,
    agree = 2,
    agreeTolerance = 1e-7,
    maxUnseenMass = 0.2,
  } = options;
  if (pa.n !== pb.n) {
    throw new TypeError(
      `${context}: \`A\` and \`B\` must have the same size (or pass \`pad: true\` to zero-pad the smaller): got shapes [${pa.n}, ${pa.n}] and [${pb.n}, ${pb.n}]`,
    );
  }
  const n = pa.n;
  const small = n <= 16;
  const { screen = small ? 16 : 1, screenIterations = small ? 30 : 100 } = options;
  const minRandom = options.minRandomStarts ?? Math.ceil(4 + n / 2);
  const Ah = pa.hat, Bh = pb.hat;
  const lbEuclid = Math.min(2, lowerBoundFromSpectra(pa.spectra, pb.spectra));
  const certified = (e: number) => e <= lbEuclid * (1 + 1e-9) + 1e-13;

  let best: { C: Float64Array; e: number; label: string; converged: boolean } | null = null;
  let iterations = 0, runs = 0;
  // starts run, and starts that reached the current best value, per family
  const tried = { structured: 0, random: 0 };
  const hits = { structured: 0, random: 0 };
  let stopReason: SimilarityResult["stopReason"] = "max-starts";
  const haar = haarStream(n, seed);
  // optimise in real Schur frames: C = Q_A C′ Q_Bᵀ, min ½‖T_A − C′ T_B C′ᵀ‖², preconditioned by T_B
  const QA = pa.schur.Q, QB = pb.schur.Q, TA = pa.schur.T, TB = pb.schur.T;
  const weights = pb.weights;
  const structured = dedupe(
    structuredStarts(Ah, Bh, n, {
      basesA: pa.bases,
      basesB: pb.bases,
      schurA: pa.schur,
      schurB: pb.schur,
    }),
    n,
  );
  // most promising first: order the structured starts by their objective
  const scored = structured.map((s) => ({ s, e: residualNorm(Ah, Bh, s.C, n) }));
  scored.sort((p, q) => p.e - q.e);
  // each queue entry holds its start in the Schur frames (C′ = Q_Aᵀ C Q_B), possibly already
  // advanced; the change of frame is made when the entry is run (for n > 16 most never are)
  type Entry = { label: string; C: Float64Array; done: boolean; inFrame: boolean };
  const toFrame = (start: Start): Entry => ({
    label: start.label,
    C: mm(QA, mm(start.C, QB, n, n, n), n, n, n, true, false),
    done: false,
    inFrame: true,
  });
  const inFrame = (entry: Entry): Entry =>
    entry.inFrame ? entry : toFrame({ label: entry.label, C: entry.C });
  const queue: Entry[] = scored.map((x) => ({
    label: x.s.label,
    C: x.s.C,
    done: false,
    inFrame: false,
  }));
  const maxStarts = options.maxStarts ?? queue.length + 5 * minRandom;
  const budget = maxTotalIterations ??
    Math.max(
        Math.min(Math.ceil(20000 / n), 500),
        Math.min(200 * maxStarts, Math.ceil(2e9 / n ** 4)),
      ) +
      (screen > 1 ? screen * screenIterations : 0);
  // for large n a short L-BFGS memory: as fast to converge here, and the two-loop recursion
  // (O(memory·n²) per iteration) is a sizeable share of an iteration
  const localOptions = { ...options, memory: options.memory ?? (small ? 10 : 5), weights };
  let screenedCount = 0;
  // no screening when the most promising start is already certified optimal (e.g. exact conjugates)
  if (screen > 1 && queue.length > 1 && !certified(scored[0]!.e)) {
    // screening: advance the first `screen` starts a little, then order them by the value reached
    const screened = queue.splice(0, Math.min(screen, queue.length)).map(inFrame).map((entry) => {
      const local = minimizeOnOrthogonal(TA, TB, entry.C, n, {
        ...localOptions,
        maxIterations: Math.max(0, Math.min(screenIterations, budget - iterations)),
      });
      iterations += local.iterations;
      return {
        entry: { label: entry.label, C: local.C, done: local.converged, inFrame: true },
        F: local.F,
      };
    });
    screened.sort((p, q) => p.F - q.F);
    screenedCount = screened.length;
    queue.unshift(...screened.map((x) => x.entry));
  }

  // Structured starts run best-first until `agree` of them reach the best value (they are
  // deterministic and may share a basin, so their agreement only ends their phase); then seeded
  // Haar-random starts, an independent family, run until the best value is confirmed by evidence.
  // For large n (where a start costs hundreds of iterations and the budget allows a few starts)
  // the random starts come right after the most promising structured one, so they are reached.
  let nextStructured = 0;
  const randomValues: number[] = [];
  const large = n > 16;
  const gateIterations = options.gateIterations ?? (large ? 80 : 0);
  const gateMargin = options.gateMargin ?? 0;
  const valueRel = options.valueRel ?? 1e-8;
  const exploreValueRel = Math.max(valueRel, options.exploreValueRel ?? (large ? 1e-5 : valueRel));
  // starts converged only to the exploring tolerance agree within a matching tolerance
  const sameTol = Math.max(agreeTolerance, exploreValueRel > valueRel ? 10 * exploreValueRel : 0);
  let gatedStarts = 0;
  let bestFrame: Float64Array | null = null;

  while (runs < maxStarts) {
    const structuredLeft = nextStructured < queue.length && hits.structured < agree &&
      hits.random === 0;
    const structuredPhase = structuredLeft &&
      (!large || nextStructured < 1 || tried.random >= minRandom);
    let entry: Entry, family: "structured" | "random";
    if (structuredPhase) {
      entry = inFrame(queue[nextStructured++]!);
      family = "structured";
    } else {
      const det = n % 2 === 0 && tried.random % 2 === 1 ? -1 : 1;
      entry = toFrame({ label: `haar${det > 0 ? "+" : "-"}`, C: haar(det as 1 | -1) });
      family = "random";
    }
    const gate = best && gateIterations > 0 && !entry.done
      ? { iterations: gateIterations, F: 0.5 * (best.e * (1 + gateMargin)) ** 2 }
      : undefined;
    const local = minimizeOnOrthogonal(TA, TB, entry.C, n, {
      ...localOptions,
      valueRel: exploreValueRel,
      ...(gate ? { gate } : {}),
      maxIterations: entry.done
        ? 0
        : Math.max(0, Math.min(options.maxIterations ?? 1000, budget - iterations)),
    });
    iterations += local.iterations;
    runs++;
    tried[family]++;
    if (local.gated) {
      // given up at the gate: its basin is worse than the incumbent's; it neither confirms nor
      // contradicts the best value, so it does not enter the unseen-basin estimate either
      gatedStarts++;
      if (iterations >= budget) {
        stopReason = "budget";
        break;
      }
      continue;
    }
    const C = reorthogonalize(mm(mm(QA, local.C, n, n, n), QB, n, n, n, false, true), n);
    const e = residualNorm(Ah, Bh, C, n);
    const tol = sameTol * Math.max(e, best?.e ?? e) + 1e-12;
    if (!best || e < best.e - tol) {
      best = { C, e, label: entry.label, converged: local.converged || entry.done };
      bestFrame = local.C;
      hits.structured = 0;
      hits.random = 0;
      hits[family] = 1;
    } else if (Math.abs(e - best.e) <= tol) {
      hits[family]++;
      if (e < best.e) {
        best = { C, e, label: best.label, converged: local.converged };
        bestFrame = local.C;
      }
    }
    if (certified(best.e)) {
      stopReason = "lower-bound";
      break;
    }
    if (family === "random") randomValues.push(e);
    // evidence: enough independent random starts, the best value reached from both families (or
    // by two random starts), and little probability mass left in unseen basins (Good–Turing)
    if (
      tried.random >= minRandom &&
      ((hits.structured >= 1 && hits.random >= 1) || hits.random >= 2) &&
      unseenMass(randomValues, sameTol) <= maxUnseenMass
    ) {
      stopReason = "evidence";
      break;
    }
    if (iterations >= budget) {
      stopReason = "budget";
      break;
    }
  }
  // polish the best start to the requested tolerance when the starts explored with a looser one
  if (best && bestFrame && exploreValueRel > valueRel && stopReason !== "lower-bound") {
    const local = minimizeOnOrthogonal(TA, TB, bestFrame, n, {
      ...localOptions,
      maxIterations: options.maxIterations ?? 1000,
    });
    iterations += local.iterations;
    const C = reorthogonalize(mm(mm(QA, local.C, n, n, n), QB, n, n, n, false, true), n);
    const e = residualNorm(Ah, Bh, C, n);
    if (e <= best.e) best = { C, e, label: best.label, converged: local.converged };
  }
  const b = best!;
  const euclidean = Math.min(2, b.e);
  const angular = angularOf(euclidean);
  return tagResult("similarityTransform", {
    distance: score === "angular" ? angular : euclidean,
    score,
    angular,
    euclidean,
    similarity: 1 - euclidean * euclidean / 2,
    C: { rows: n, cols: n, data: b.C },
    determinant: determinantSign(b.C, n),
    lowerBound: score === "angular" ? angularOf(lbEuclid) : lbEuclid,
    iterations,
    starts: Math.max(runs, screenedCount),
    startsAtBest: hits.structured + hits.random,
    startsByFamily: { ...tried },
    atBestByFamily: { ...hits },
    startsGated: gatedStarts,
    bestStart: b.label,
    stopReason,
    converged: b.converged,
  });
}
