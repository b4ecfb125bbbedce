/**
 * The similarity-transform distance of DSA (Ostrow et al. 2023): how far two
 * linear operators are from being orthogonally conjugate,
 * s* = max over C ∈ O(n) of ⟨Â, C B̂ Cᵀ⟩ with Â = A/‖A‖_F, B̂ = B/‖B‖_F;
 * angular = arccos s*, euclidean = ‖Â − C* B̂ C*ᵀ‖_F = √(2 − 2s*).
 *
 * The search covers all of O(n) (both determinant signs) with structured starts
 * (identity, sign flips, eigenbasis and real-Schur alignments) followed by
 * seeded Haar-random restarts, each refined by Riemannian L-BFGS with the exact
 * gradient. It stops early when the best value is certified by the lower bound
 * or reached by `agree` starts.
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

// Adds this file\'s result kinds to `ResultKinds` (the typed renderer registry, lib/result.ts).
declare module "../result.ts" {
  interface ResultKinds {
    similarityTransform: SimilarityResult;
  }
}

/** Options for {@link similarityTransformDistance}. */
export interface SimilarityOptions extends LocalOptions {
  /** Which distance to report as `distance`. @default "angular" */
  score?: "angular" | "euclidean";
  /** Seed of the random restarts. @default 0 */
  seed?: number;
  /** Most starts to run (structured ones first, then Haar-random). @default 24 */
  maxStarts?: number;
  /**
   * Iteration budget over all starts; the start running when it runs out is
   * stopped there (its value still counts). @default min(⌈20000 / n⌉, 500), plus
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
  /** Stop once this many starts reached the best value. @default 2 */
  agree?: number;
  /** Relative tolerance (on the euclidean distance) for two starts to agree. @default 1e-7 */
  agreeTolerance?: number;
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
  /** Label of the start that gave the best value. */
  bestStart: string;
  /** Why the search stopped: `"lower-bound"`, `"agreement"`, `"budget"` or `"max-starts"`. */
  stopReason: "lower-bound" | "agreement" | "budget" | "max-starts";
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
  checkOptions(options, context);
  const pair = operatorPair(A, B, options.pad ?? false, context);
  return distanceFromPrepared(prepareOperator(pair.A, "A"), prepareOperator(pair.B, "B"), options);
}

function checkOptions(options: SimilarityOptions, context: string): void {
  const {
    score = "angular",
    seed = 0,
    maxStarts = 24,
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
  assertInteger(agree, "agree", 1, Infinity, context);
  assertInteger(seed, "seed", -(2 ** 53), 2 ** 53, context);
  assertInteger(screen, "screen", 1, Infinity, context);
  assertInteger(screenIterations, "screenIterations", 1, Infinity, context);
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
  checkOptions(options, context);
  const {
    score = "angular",
    seed = 0,
    maxStarts = 24,
    maxTotalIterations,
    agree = 2,
    agreeTolerance = 1e-7,
  } = options;
  if (pa.n !== pb.n) {
    throw new TypeError(
      `${context}: \`A\` and \`B\` must have the same size (or pass \`pad: true\` to zero-pad the smaller): got shapes [${pa.n}, ${pa.n}] and [${pb.n}, ${pb.n}]`,
    );
  }
  const n = pa.n;
  const small = n <= 16;
  const { screen = small ? 16 : 1, screenIterations = small ? 30 : 100 } = options;
  const budget = maxTotalIterations ??
    Math.min(Math.ceil(20000 / n), 500) + (screen > 1 ? screen * screenIterations : 0);
  const Ah = pa.hat, Bh = pb.hat;
  const lbEuclid = Math.min(2, lowerBoundFromSpectra(pa.spectra, pb.spectra));
  const certified = (e: number) => e <= lbEuclid * (1 + 1e-9) + 1e-13;

  let best: { C: Float64Array; e: number; label: string; converged: boolean } | null = null;
  let iterations = 0, runs = 0, atBest = 0;
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
  // each queue entry holds its start in the Schur frames (C′ = Q_Aᵀ C Q_B), possibly already advanced
  type Entry = { label: string; C: Float64Array; done: boolean };
  const toFrame = (start: Start): Entry => ({
    label: start.label,
    C: mm(QA, mm(start.C, QB, n, n, n), n, n, n, true, false),
    done: false,
  });
  const queue: Entry[] = scored.map((x) => toFrame(x.s));
  const localOptions = { ...options, weights };
  let screenedCount = 0;
  // no screening when the most promising start is already certified optimal (e.g. exact conjugates)
  if (screen > 1 && queue.length > 1 && !certified(scored[0]!.e)) {
    // screening: advance the first `screen` starts a little, then order them by the value reached
    const screened = queue.splice(0, Math.min(screen, queue.length)).map((entry) => {
      const local = minimizeOnOrthogonal(TA, TB, entry.C, n, {
        ...localOptions,
        maxIterations: Math.max(0, Math.min(screenIterations, budget - iterations)),
      });
      iterations += local.iterations;
      return { entry: { label: entry.label, C: local.C, done: local.converged }, F: local.F };
    });
    screened.sort((p, q) => p.F - q.F);
    screenedCount = screened.length;
    queue.unshift(...screened.map((x) => x.entry));
  }

  for (let k = 0; k < maxStarts; k++) {
    let entry = queue[k];
    if (!entry) {
      const det = n % 2 === 0 && k % 2 === 1 ? -1 : 1;
      entry = toFrame({ label: `haar${det > 0 ? "+" : "-"}`, C: haar(det as 1 | -1) });
    }
    const local = minimizeOnOrthogonal(TA, TB, entry.C, n, {
      ...localOptions,
      maxIterations: entry.done
        ? 0
        : Math.max(0, Math.min(options.maxIterations ?? 1000, budget - iterations)),
    });
    iterations += local.iterations;
    runs++;
    const C = reorthogonalize(mm(mm(QA, local.C, n, n, n), QB, n, n, n, false, true), n);
    const e = residualNorm(Ah, Bh, C, n);
    const start = entry;
    const tol = agreeTolerance * Math.max(e, best?.e ?? e) + 1e-12;
    if (!best || e < best.e - tol) {
      best = { C, e, label: start.label, converged: local.converged || entry.done };
      atBest = 1;
    } else if (Math.abs(e - best.e) <= tol) {
      atBest++;
      if (e < best.e) best = { C, e, label: best.label, converged: local.converged };
    }
    if (certified(best.e)) {
      stopReason = "lower-bound";
      break;
    }
    if (atBest >= agree) {
      stopReason = "agreement";
      break;
    }
    if (iterations >= budget) {
      stopReason = "budget";
      break;
    }
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
    startsAtBest: atBest,
    bestStart: b.label,
    stopReason,
    converged: b.converged,
  });
}
