/**
 * Shared machinery of the CP fitting algorithms (internal): argument checks,
 * random initialisation, rebalancing, small SPD solves, the restart loop and
 * the final canonical result.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { pinv } from "../linalg/lstsq.ts";
import { divideByPowerOfTwo, powerOfTwoScale } from "../linalg/scale.ts";
import { matmul } from "../linalg/products.ts";
import { mulberry32, normalSampler } from "../random.ts";
import { tagResult } from "../result.ts";
import { assertInteger, assertKnownOptions, assertSeed } from "../validate/mod.ts";
import { kruskalError, normalizeKruskal } from "./kruskal.ts";
import { asMask, asTensor3, type MaskLike, type Tensor3, type Tensor3Like } from "./tensor.ts";

/** Options shared by {@link cpAls} and {@link cpHals}. */
export interface CpOptions {
  /** Number of components R (≥ 1). */
  rank: number;
  /**
   * Observed entries (nonzero = used in the fit), one per tensor entry; unobserved
   * entries may hold NaN. @default every entry
   */
  mask?: MaskLike;
  /** Number of random initialisations; the fit with the lowest error is returned. @default 1 */
  restarts?: number;
  /** Seed of the random initialisations. @default 0 */
  seed?: number;
  /** Maximum number of sweeps per restart. @default 500 */
  maxIter?: number;
  /**
   * Stop when the relative error improves by less than `tol` between sweeps
   * (tensortools' rule). @default 1e-8
   */
  tol?: number;
  /**
   * Initial factors `[A [I, R], B [J, R], C [K, R]]` for the first restart (later
   * restarts are random). @default random
   */
  init?: readonly Matrix[];
  /** Called after every sweep with the restart index, sweep number and relative error. */
  onProgress?: (info: { restart: number; iteration: number; relativeError: number }) => void;
}

/** A fitted CP decomposition `T ≈ Σ_r λ_r a_r ∘ b_r ∘ c_r` (plain data). */
export interface CpFit {
  /** `"cpDecomposition"`. */
  readonly kind: string;
  /** `"als"` or `"hals"` (nonnegative). */
  method: "als" | "hals";
  /** R. */
  rank: number;
  /** `[I, J, K]`. */
  shape: [number, number, number];
  /** `λ`, descending, length R. */
  weights: number[];
  /** `[A [I, R], B [J, R], C [K, R]]` with unit-norm columns (see `normalizeKruskal`). */
  factors: [Matrix, Matrix, Matrix];
  /** `‖T − T̂‖/‖T‖` over the fitted (observed) entries. */
  relativeError: number;
  /** `1 − ‖T − T̂‖²/‖T − mean‖²` over the fitted entries. */
  varianceExplained: number;
  /** Sweeps run by the returned restart. */
  iterations: number;
  /** Whether the returned restart met `tol` before `maxIter`. */
  converged: boolean;
  /** Relative error after each sweep of the returned restart. */
  errorHistory: number[];
  /** Final relative error of every restart, in order. */
  restartErrors: number[];
  /** Index of the returned restart. */
  bestRestart: number;
  /** Number of entries fitted. */
  observed: number;
}

/** The names of {@link CpOptions}. */
const CP_OPTIONS = Object.keys(
  {
    rank: 1,
    mask: 1,
    restarts: 1,
    seed: 1,
    maxIter: 1,
    tol: 1,
    init: 1,
    onProgress: 1,
  } satisfies Record<keyof CpOptions, 1>,
);

/** Validated inputs of a CP fit. */
export interface CpProblem {
  T: Tensor3;
  mask: Uint8Array | undefined;
  /** Data with unobserved entries set to 0 (the input's own array when there is no mask: read only). */
  X: Float64Array;
  rank: number;
  restarts: number;
  seed: number;
  maxIter: number;
  tol: number;
  init?: readonly Matrix[];
  onProgress?: CpOptions["onProgress"];
  normX: number;
  /** Sum of the observed entries (for the final score's mean). */
  sum: number;
  observed: number;
  /**
   * k when the data were divided by 2^k (largest observed |x| outside [2^-500, 2^500], so that
   * squares stay in float64's range): the fitted weights are multiplied back by 2^k. 0 otherwise.
   */
  exponent: number;
}

/** Validate the arguments of a CP fit. */
export function prepareCp(Tin: Tensor3Like, options: CpOptions, ctx: string): CpProblem {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${ctx}: \`options\` must be an object with a \`rank\``);
  }
  assertKnownOptions(options, CP_OPTIONS, ctx);
  const { rank, restarts = 1, seed = 0, maxIter = 500, tol = 1e-8, init, onProgress } = options;
  assertInteger(rank, "rank", 1, Infinity, ctx);
  assertInteger(restarts, "restarts", 1, Infinity, ctx);
  assertInteger(maxIter, "maxIter", 1, Infinity, ctx);
  // the range bootstrap, permutation tests and ridge predictivity accept: one seed per stream
  assertSeed(seed, ctx);
  if (!(tol >= 0)) throw new RangeError(`${ctx}: \`tol\` must be >= 0: got ${tol}`);
  const shape0 = (Tin as Tensor3).shape;
  const size = Array.isArray(shape0) && shape0.length === 3
    ? shape0.reduce((a, b) => a * b, 1)
    : undefined;
  let mask: Uint8Array | undefined;
  if (options.mask !== undefined) {
    const T0 = asTensor3(Tin, "T", { context: ctx, finite: false });
    mask = asMask(options.mask, size ?? T0.data.length, "mask", ctx);
  }
  const T0 = asTensor3(Tin, "T", {
    context: ctx,
    finite: mask !== undefined,
    ...(mask ? { mask } : {}),
  });
  // extreme data is fitted divided by 2^k (exact; CP is equivariant to scale): see `exponent`
  let exponent = 0;
  if (mask) {
    const observedValues = T0.data.filter((_, p) => mask![p] === 1);
    exponent = powerOfTwoScale(observedValues);
  } else exponent = powerOfTwoScale(T0.data);
  const T = exponent === 0 ? T0 : { ...T0, data: divideByPowerOfTwo(T0.data, exponent) };
  // Data with unobserved entries zeroed; without a mask the input itself (never written).
  let X = T.data;
  let observed = T.data.length, normX2 = 0, sum = 0;
  if (mask) {
    X = T.data.slice();
    observed = 0;
    for (let p = 0; p < X.length; p++) {
      if (mask[p]) observed++;
      else X[p] = 0;
    }
    if (observed === 0) {
      throw new RangeError(`${ctx}: \`mask\` leaves no observed entries to fit`);
    }
    if (observed === X.length) {
      mask = undefined; // a full mask: the faster dense path
      X = T.data;
    }
  }
  // One pass: the squared norm and the sum (unobserved entries are zeros in X, which
  // leave both sums as over the observed entries alone); without a mask also the
  // finiteness check (as asTensor3 words it).
  if (mask) {
    for (let p = 0; p < X.length; p++) {
      const v = X[p]!;
      normX2 += v * v;
      sum += v;
    }
  } else {
    for (let p = 0; p < X.length; p++) {
      const v = X[p]!;
      if (!Number.isFinite(v)) {
        asTensor3(T, "T", { context: ctx, finite: true });
      }
      normX2 += v * v;
      sum += v;
    }
  }
  if (normX2 === 0) {
    throw new RangeError(`${ctx}: \`T\` is zero at every observed entry: nothing to fit`);
  }
  if (init !== undefined) {
    if (!Array.isArray(init) || init.length !== 3) {
      throw new TypeError(`${ctx}: \`init\` must hold 3 factor matrices`);
    }
    init.forEach((f, m) => {
      if (f.rows !== T.shape[m] || f.cols !== rank) {
        throw new TypeError(
          `${ctx}: \`init[${m}]\` must have shape [${
            T.shape[m]
          }, ${rank}]: got [${f.rows}, ${f.cols}]`,
        );
      }
    });
  }
  return {
    T,
    mask,
    X,
    rank,
    restarts,
    seed,
    maxIter,
    tol,
    ...(init ? { init } : {}),
    ...(onProgress ? { onProgress } : {}),
    normX: Math.sqrt(normX2),
    sum,
    observed,
    exponent,
  };
}

/** Random factors: standard normal, or uniform [0, 1) for nonnegative fits. */
export function randomFactors(
  shape: readonly number[],
  rank: number,
  rand: () => number,
  nonnegative: boolean,
): Matrix[] {
  const g = normalSampler(rand);
  return shape.map((n) => {
    const d = new Float64Array(n * rank);
    for (let p = 0; p < d.length; p++) d[p] = nonnegative ? rand() : g();
    return { rows: n, cols: rank, data: d };
  });
}

/** Equalise the column norms of the factors component by component, in place (T̂ unchanged). */
export function rebalance(F: Matrix[]): void {
  const R = F[0]!.cols;
  const nm = F.length;
  const norms = new Float64Array(nm);
  for (let r = 0; r < R; r++) {
    let lam = 1;
    for (let m = 0; m < nm; m++) {
      const f = F[m]!;
      let s = 0;
      for (let i = 0; i < f.rows; i++) s += f.data[i * R + r]! ** 2;
      norms[m] = Math.sqrt(s);
      lam *= norms[m]!;
    }
    if (!(lam > 0) || !Number.isFinite(lam)) continue;
    const target = Math.pow(lam, 1 / nm);
    for (let m = 0; m < nm; m++) {
      const f = F[m]!;
      const s = target / norms[m]!;
      for (let i = 0; i < f.rows; i++) f.data[i * R + r] *= s;
    }
  }
}

/** `FᵀF` (R×R) in plain loops (into `out` if given). */
export function gram(F: Matrix, out?: Float64Array): Float64Array {
  const R = F.cols, d = F.data;
  if (F.rows * R * R > 200_000) return matmul(F, F, { transA: true, ...(out ? { out } : {}) }).data;
  const G = out ? out.fill(0) : new Float64Array(R * R);
  for (let i = 0; i < F.rows; i++) {
    const o = i * R;
    for (let r = 0; r < R; r++) {
      const v = d[o + r]!;
      for (let s = r; s < R; s++) G[r * R + s] += v * d[o + s]!;
    }
  }
  for (let r = 0; r < R; r++) for (let s = 0; s < r; s++) G[r * R + s] = G[s * R + r]!;
  return G;
}

/**
 * In-place lower Cholesky factor of an R×R SPD matrix; false when it is not (numerically)
 * positive definite.
 */
export function cholInPlace(V: Float64Array, R: number): boolean {
  for (let j = 0; j < R; j++) {
    let s = V[j * R + j]!;
    for (let k = 0; k < j; k++) s -= V[j * R + k]! ** 2;
    if (!(s > 0)) return false;
    const d = Math.sqrt(s);
    V[j * R + j] = d;
    for (let i = j + 1; i < R; i++) {
      let t = V[i * R + j]!;
      for (let k = 0; k < j; k++) t -= V[i * R + k]! * V[j * R + k]!;
      V[i * R + j] = t / d;
    }
  }
  return true;
}

/**
 * Solve `X V = M` for X (rows of M are right-hand sides, V symmetric R×R): by Cholesky,
 * or by the pseudo-inverse when V is singular. Writes X into `out`; the factor goes to
 * `scratch` (R×R) when given.
 */
export function solveNormal(
  M: Float64Array,
  rows: number,
  V: Float64Array,
  R: number,
  out: Float64Array,
  scratch?: Float64Array,
): void {
  const L = scratch ? (scratch.set(V), scratch) : V.slice();
  if (cholInPlace(L, R)) {
    for (let i = 0; i < rows; i++) {
      const o = i * R;
      for (let r = 0; r < R; r++) {
        let s = M[o + r]!;
        for (let k = 0; k < r; k++) s -= L[r * R + k]! * out[o + k]!;
        out[o + r] = s / L[r * R + r]!;
      }
      for (let r = R - 1; r >= 0; r--) {
        let s = out[o + r]!;
        for (let k = r + 1; k < R; k++) s -= L[k * R + r]! * out[o + k]!;
        out[o + r] = s / L[r * R + r]!;
      }
    }
    return;
  }
  const P = pinv({ rows: R, cols: R, data: V }).data;
  for (let i = 0; i < rows; i++) {
    const o = i * R;
    for (let r = 0; r < R; r++) {
      let s = 0;
      for (let k = 0; k < R; k++) s += M[o + k]! * P[k * R + r]!;
      out[o + r] = s;
    }
  }
}

/** One restart's state handed to a sweep function. */
export interface SweepState {
  /** Current factors, updated in place. */
  F: Matrix[];
}

/**
 * Run restarts of a sweep function and return the best fit as a tagged {@link CpFit}.
 * `sweep` updates the factors in place and returns the relative error after the sweep;
 * `scratch` (optional) is lent to the final exact scoring (see `kruskalError`).
 */
export function runRestarts(
  prob: CpProblem,
  method: "als" | "hals",
  sweep: (F: Matrix[]) => number,
  scratch?: Float64Array,
): CpFit {
  const rand = mulberry32(prob.seed);
  const nonneg = method === "hals";
  let best: { F: Matrix[]; hist: number[]; converged: boolean; err: number; idx: number } | null =
    null;
  const restartErrors: number[] = [];
  for (let t = 0; t < prob.restarts; t++) {
    const F = t === 0 && prob.init
      ? prob.init.map((f) => ({ rows: f.rows, cols: f.cols, data: Float64Array.from(f.data) }))
      : randomFactors(prob.T.shape, prob.rank, rand, nonneg);
    if (nonneg) {
      for (const f of F) {
        for (let p = 0; p < f.data.length; p++) f.data[p] = Math.max(0, f.data[p]!);
      }
    }
    rebalance(F);
    const hist: number[] = [];
    let converged = false, prev = Infinity;
    for (let it = 0; it < prob.maxIter; it++) {
      const err = sweep(F);
      hist.push(err);
      prob.onProgress?.({ restart: t, iteration: it + 1, relativeError: err });
      if (Math.abs(prev - err) < prob.tol) {
        converged = true;
        break;
      }
      prev = err;
    }
    const err = hist[hist.length - 1]!;
    restartErrors.push(err);
    if (best === null || err < best.err) best = { F, hist, converged, err, idx: t };
  }
  const b = best!;
  const norm = normalizeKruskal(b.F);
  const [A, B, C] = norm.factors as [Matrix, Matrix, Matrix];
  // prepareCp checked the observed entries are finite and summed them: one pass fewer.
  const e = kruskalError(prob.T, norm.weights, A, B, C, prob.mask, "Cannot score CP fit", {
    sums: { count: prob.observed, sum: prob.sum },
    ...(scratch ? { scratch } : {}),
  });
  restartErrors[b.idx] = e.relativeError;
  return tagResult("cpDecomposition", {
    method,
    rank: prob.rank,
    shape: [...prob.T.shape] as [number, number, number],
    weights: prob.exponent === 0 ? norm.weights : norm.weights.map((w) => w * 2 ** prob.exponent),
    factors: [A, B, C] as [Matrix, Matrix, Matrix],
    relativeError: e.relativeError,
    varianceExplained: e.varianceExplained,
    iterations: b.hist.length,
    converged: b.converged,
    errorHistory: b.hist,
    restartErrors,
    bestRestart: b.idx,
    observed: prob.observed,
  });
}
