/**
 * Kruskal (CP) tensors `T̂ = Σ_r λ_r a_r ∘ b_r ∘ c_r`: reconstruction,
 * normalisation to a canonical form, and factor similarity between two fits.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { matmul } from "../linalg/products.ts";
import { linearSumAssignment } from "../optim/assignment.ts";
import { khatriRaoUnchecked } from "./khatri_rao.ts";
import { type FitError, fitErrorFromSums } from "./fit_error.ts";
import { type Tensor3, tensor3 } from "./tensor.ts";
import { assertKnownOptions } from "../validate/mod.ts";

/**
 * The full tensor of a rank-R Kruskal model with three factor matrices (C order), as one
 * gemm: `T̂_[IJ, K] = (A ⊙ B) (C diag(λ))ᵀ`.
 */
export function kruskalFull(weights: ArrayLike<number>, A: Matrix, B: Matrix, C: Matrix): Tensor3 {
  const R = A.cols;
  const I = A.rows, J = B.rows, K = C.rows;
  const cw = new Float64Array(K * R);
  for (let k = 0; k < K; k++) {
    for (let r = 0; r < R; r++) cw[k * R + r] = C.data[k * R + r]! * weights[r]!;
  }
  const full = matmul(khatriRaoUnchecked(A, B), { rows: K, cols: R, data: cw }, { transB: true });
  return tensor3([I, J, K], full.data);
}

const SLAB = 1 << 16; // entries of T̂ formed at a time (512 KiB, cache-resident)

/** Options of {@link kruskalError}. */
export interface KruskalErrorOptions {
  /**
   * The number and the sum of the scored entries, when the caller has them and has
   * checked that every scored entry is finite: skips the checking pass over `T`.
   * @default computed in a first pass
   */
  sums?: { count: number; sum: number };
  /**
   * Scratch space for the slabs of T̂ and their Khatri–Rao rows, used when it holds
   * at least as many elements as one slab needs (else fresh arrays). Overwritten.
   * @default fresh arrays
   */
  scratch?: Float64Array;
}

/**
 * The fit error of a Kruskal model over the entries of `T` selected by `mask`
 * (all when undefined), as `errorOnMask(T, kruskalFull(...).data, mask)` gives
 * it, without forming T̂: slabs of whole `(i, ·, ·)` slices are built by one
 * gemm each into a reused buffer and scored in place, in the same order.
 *
 * @param T The data.
 * @param weights λ, length R.
 * @param A Mode-0 factor `[I, R]`.
 * @param B Mode-1 factor `[J, R]`.
 * @param C Mode-2 factor `[K, R]`.
 * @param mask Scored entries, or undefined for all.
 * @param ctx Error-message prefix.
 * @param options Known count and sum of the scored entries, scratch space.
 * @returns Relative error, variance explained and count.
 * @throws {RangeError} For a non-finite scored entry, no scored entries or a zero `T`.
 *
 * @example Equal to scoring the formed tensor
 * ```ts
 * import { kruskalError, kruskalFull } from "./kruskal.ts";
 * import { errorOnMask } from "./fit_error.ts";
 * import { tensor3 } from "./tensor.ts";
 * import assert from "node:assert/strict";
 * const A = { rows: 2, cols: 1, data: new Float64Array([1, 2]) };
 * const T = tensor3([2, 2, 2], new Float64Array([1, 2, 2, 4, 2, 4, 4, 9]));
 * const e = kruskalError(T, [1], A, A, A, undefined, "x");
 * assert.deepEqual(e, errorOnMask(T, kruskalFull([1], A, A, A).data, undefined, "x"));
 * // With the count and sum known (and scratch space) the numbers are the same.
 * const known = { sums: { count: 8, sum: 28 }, scratch: new Float64Array(64) };
 * assert.deepEqual(kruskalError(T, [1], A, A, A, undefined, "x", known), e);
 * ```
 */
export function kruskalError(
  T: Tensor3,
  weights: ArrayLike<number>,
  A: Matrix,
  B: Matrix,
  C: Matrix,
  mask: Uint8Array | undefined,
  ctx: string,
  options: KruskalErrorOptions = {},
): FitError {
  assertKnownOptions(options, ["sums", "scratch"] satisfies (keyof KruskalErrorOptions)[], ctx);
  const R = A.cols, [I, J, K] = T.shape, d = T.data;
  let count = 0, sum = 0;
  if (options.sums) {
    ({ count, sum } = options.sums);
  } else {
    for (let p = 0; p < d.length; p++) {
      if (mask && !mask[p]) continue;
      const v = d[p]!;
      if (!Number.isFinite(v)) {
        throw new RangeError(`${ctx}: scored entries must be finite: got ${v} at flat index ${p}`);
      }
      count++;
      sum += v;
    }
  }
  if (count === 0) throw new RangeError(`${ctx}: \`mask\` selects no entries`);
  const mean = sum / count;
  const cw = new Float64Array(K * R);
  for (let k = 0; k < K; k++) {
    for (let r = 0; r < R; r++) cw[k * R + r] = C.data[k * R + r]! * weights[r]!;
  }
  const Cw = { rows: K, cols: R, data: cw };
  const step = Math.max(1, Math.floor(SLAB / Math.max(1, J * K)));
  const slabLen = Math.min(I, step) * J * K, krLen = Math.min(I, step) * J * R;
  const scratch = options.scratch && options.scratch.length >= slabLen + krLen
    ? options.scratch
    : new Float64Array(slabLen + krLen);
  const slab = scratch.subarray(0, slabLen), kr = scratch.subarray(slabLen, slabLen + krLen);
  let ss = 0, res = 0, tot = 0;
  for (let i0 = 0; i0 < I; i0 += step) {
    const i1 = Math.min(I, i0 + step), n = (i1 - i0) * J;
    const Ai = { rows: i1 - i0, cols: R, data: A.data.subarray(i0 * R, i1 * R) };
    const fitted = matmul(khatriRaoUnchecked(Ai, B, kr.subarray(0, n * R)), Cw, {
      transB: true,
      out: slab.subarray(0, n * K),
    }).data;
    const base = i0 * J * K;
    // The scored entries are finite, so a non-finite fitted value makes \`res\` non-finite:
    // checked once per slab, then the first offender is found for the message.
    if (mask) {
      for (let q = 0; q < n * K; q++) {
        const p = base + q;
        if (!mask[p]) continue;
        const v = d[p]!;
        ss += v * v;
        res += (v - fitted[q]!) ** 2;
        tot += (v - mean) ** 2;
      }
    } else {
      for (let q = 0; q < n * K; q++) {
        const v = d[base + q]!;
        ss += v * v;
        res += (v - fitted[q]!) ** 2;
        tot += (v - mean) ** 2;
      }
    }
    if (!Number.isFinite(res)) {
      for (let q = 0; q < n * K; q++) {
        const p = base + q, f = fitted[q]!;
        if ((mask && !mask[p]) || Number.isFinite(f)) continue;
        throw new RangeError(
          `${ctx}: scored entries must be finite: got ${d[p]} and ${f} at flat index ${p}`,
        );
      }
    }
  }
  return fitErrorFromSums(ss, res, tot, count, ctx);
}

/**
 * The full tensor `Σ_r λ_r a_r ∘ b_r ∘ c_r` of a Kruskal model.
 *
 * @param factors `[A [I, R], B [J, R], C [K, R]]`.
 * @param weights `λ`, length R. @default all ones
 * @returns The `[I, J, K]` tensor.
 *
 * @example A rank-1 outer product
 * ```ts
 * import { kruskalToTensor } from "./kruskal.ts";
 * import assert from "node:assert/strict";
 * const T = kruskalToTensor([[[1], [2]], [[3]], [[1], [-1]]], [2]);
 * assert.deepEqual(Array.from(T.data), [6, -6, 12, -12]);
 * ```
 */
export function kruskalToTensor(
  factors: readonly MatrixLike[],
  weights?: ArrayLike<number>,
): Tensor3 {
  const ctx = "Cannot build Kruskal tensor";
  if (!Array.isArray(factors) || factors.length !== 3) {
    throw new TypeError(
      `${ctx}: \`factors\` must hold 3 factor matrices: got ${
        Array.isArray(factors) ? factors.length : typeof factors
      }`,
    );
  }
  const F = factors.map((f, m) => asMatrix(f, `factors[${m}]`, { context: ctx }));
  const R = F[0]!.cols;
  F.forEach((f, m) => {
    if (f.cols !== R) {
      throw new TypeError(
        `${ctx}: every factor must have ${R} columns: got shape [${f.rows}, ${f.cols}] for \`factors[${m}]\``,
      );
    }
  });
  const w = weights ?? new Float64Array(R).fill(1);
  if (w.length !== R) {
    throw new TypeError(`${ctx}: \`weights\` must have ${R} entries: got ${w.length}`);
  }
  return kruskalFull(w, F[0]!, F[1]!, F[2]!);
}

/** A Kruskal model in canonical form. */
export interface NormalizedKruskal {
  /** `λ_r ≥ 0`, descending. */
  weights: number[];
  /** Unit-norm factor columns, in the order of `weights`. */
  factors: Matrix[];
}

/**
 * Canonical form of a Kruskal model: columns scaled to unit norm (norms collected in
 * `weights`), components sorted by weight (descending), and signs fixed so that the
 * largest-magnitude entry of each column is positive in every mode but the last, which
 * absorbs the sign product (the tensor is unchanged).
 *
 * @param factors Factor matrices, each `[I_m, R]`.
 * @param weights Initial weights, length R. @default all ones
 * @returns Weights and unit-norm factors.
 *
 * @example Scale moves into the weight
 * ```ts
 * import { normalizeKruskal } from "./kruskal.ts";
 * import assert from "node:assert/strict";
 * const k = normalizeKruskal([[[3], [4]], [[-2]]]);
 * assert.deepEqual(k.weights, [10]);
 * assert.deepEqual(Array.from(k.factors[0]!.data), [0.6, 0.8]);
 * assert.deepEqual(Array.from(k.factors[1]!.data), [-1]);
 * ```
 */
export function normalizeKruskal(
  factors: readonly MatrixLike[],
  weights?: ArrayLike<number>,
): NormalizedKruskal {
  const ctx = "Cannot normalise Kruskal tensor";
  const F = factors.map((f, m) => asMatrix(f, `factors[${m}]`, { context: ctx }));
  if (F.length === 0) throw new TypeError(`${ctx}: \`factors\` must not be empty`);
  const R = F[0]!.cols;
  const lam = new Float64Array(R);
  for (let r = 0; r < R; r++) lam[r] = weights ? weights[r]! : 1;
  const out = F.map((f) => ({ rows: f.rows, cols: R, data: f.data.slice() }));
  for (let m = 0; m < out.length; m++) {
    const f = out[m]!;
    if (f.cols !== R) {
      throw new TypeError(`${ctx}: every factor must have ${R} columns: got ${f.cols}`);
    }
    for (let r = 0; r < R; r++) {
      let s = 0;
      for (let i = 0; i < f.rows; i++) s += f.data[i * R + r]! ** 2;
      const nrm = Math.sqrt(s);
      lam[r] *= nrm;
      if (nrm > 0) { for (let i = 0; i < f.rows; i++) f.data[i * R + r] /= nrm; }
    }
  }
  // Sign convention.
  for (let r = 0; r < R; r++) {
    let flip = 1;
    for (let m = 0; m < out.length; m++) {
      const f = out[m]!;
      let best = 0, sgn = 1;
      for (let i = 0; i < f.rows; i++) {
        const v = f.data[i * R + r]!;
        if (Math.abs(v) > best) {
          best = Math.abs(v);
          sgn = v < 0 ? -1 : 1;
        }
      }
      const s = m < out.length - 1 ? sgn : flip;
      if (m < out.length - 1) flip *= sgn;
      if (s < 0) { for (let i = 0; i < f.rows; i++) f.data[i * R + r] = -f.data[i * R + r]!; }
    }
    if (lam[r]! < 0) {
      lam[r] = -lam[r]!;
      const f = out[out.length - 1]!;
      for (let i = 0; i < f.rows; i++) f.data[i * R + r] = -f.data[i * R + r]!;
    }
  }
  const order = Array.from({ length: R }, (_, r) => r).sort((a, b) => lam[b]! - lam[a]! || a - b);
  const sorted = out.map((f) => {
    const d = new Float64Array(f.rows * R);
    for (let i = 0; i < f.rows; i++) {
      for (let q = 0; q < R; q++) d[i * R + q] = f.data[i * R + order[q]!]!;
    }
    return { rows: f.rows, cols: R, data: d };
  });
  return { weights: order.map((r) => lam[r]!), factors: sorted };
}

/** Options for {@link kruskalSimilarity}. */
export interface KruskalSimilarityOptions {
  /** Modes (factor indices) to compare, e.g. `[0]` for trial factors only. @default all modes */
  modes?: readonly number[];
}

/** Result of {@link kruskalSimilarity}. */
export interface KruskalSimilarity {
  /** Mean over matched component pairs of the per-pair similarity, in [0, 1]. */
  similarity: number;
  /** Matched components: `matches[t] = [componentOfU, componentOfV]`, by U index. */
  matches: [number, number][];
  /** Similarity of each matched pair (product over modes of |cosine|). */
  pairSimilarity: number[];
}

/**
 * Similarity of two CP fits, as tensortools' `kruskal_align` scores it: for components
 * u of U and v of V, `s(u, v) = Π_m |cos(U_m[:, u], V_m[:, v])|` over the compared modes;
 * components are matched one-to-one by the Hungarian method maximising the total, and the
 * score is the mean of `s` over the `min(R_U, R_V)` matched pairs. Invariant to
 * permutation, scaling and sign flips of components. With one mode (e.g. trial factors)
 * it is the Hungarian-matched mean |cosine|.
 *
 * @param U Factor matrices of the first fit, `[I_m, R_U]` each.
 * @param V Factor matrices of the second fit, `[I_m, R_V]` each.
 * @param options Which modes to compare.
 * @returns The score, the matching and the per-pair similarities.
 *
 * @example A permuted, rescaled, sign-flipped copy scores 1
 * ```ts
 * import { kruskalSimilarity } from "./kruskal.ts";
 * import assert from "node:assert/strict";
 * const U = [[[1, 0], [1, 1], [0, 2]]];
 * const V = [[[0, -3], [2, -3], [4, 0]]];
 * const s = kruskalSimilarity(U, V);
 * assert.ok(Math.abs(s.similarity - 1) < 1e-12);
 * assert.deepEqual(s.matches, [[0, 1], [1, 0]]);
 * ```
 */
export function kruskalSimilarity(
  U: readonly MatrixLike[],
  V: readonly MatrixLike[],
  options: KruskalSimilarityOptions = {},
): KruskalSimilarity {
  const ctx = "Cannot compare Kruskal tensors";
  assertKnownOptions(options, ["modes"] satisfies (keyof KruskalSimilarityOptions)[], ctx);
  if (!Array.isArray(U) || !Array.isArray(V) || U.length !== V.length || U.length === 0) {
    throw new TypeError(
      `${ctx}: \`U\` and \`V\` must hold the same number of factor matrices: got ${
        Array.isArray(U) ? U.length : typeof U
      } and ${Array.isArray(V) ? V.length : typeof V}`,
    );
  }
  const modes = options.modes ?? U.map((_, m) => m);
  if (modes.length === 0) throw new RangeError(`${ctx}: \`modes\` must not be empty`);
  for (const m of modes) {
    if (!Number.isInteger(m) || m < 0 || m >= U.length) {
      throw new RangeError(
        `${ctx}: \`modes\` entries must be integers in [0, ${U.length - 1}]: got ${m}`,
      );
    }
  }
  let sim: Float64Array | null = null;
  let RU = 0, RV = 0;
  for (const m of modes) {
    const a = asMatrix(U[m]!, `U[${m}]`, { context: ctx });
    const b = asMatrix(V[m]!, `V[${m}]`, { context: ctx });
    if (a.rows !== b.rows) {
      throw new TypeError(
        `${ctx}: \`U[${m}]\` and \`V[${m}]\` must have the same number of rows: got shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`,
      );
    }
    if (sim === null) {
      RU = a.cols;
      RV = b.cols;
      sim = new Float64Array(RU * RV).fill(1);
    } else if (a.cols !== RU || b.cols !== RV) {
      throw new TypeError(
        `${ctx}: every factor of a fit must have the same rank: got ${a.cols} and ${b.cols} columns in mode ${m}, expected ${RU} and ${RV}`,
      );
    }
    const na = columnNorms(a), nb = columnNorms(b);
    for (let u = 0; u < RU; u++) {
      for (let v = 0; v < RV; v++) {
        let dot = 0;
        for (let i = 0; i < a.rows; i++) dot += a.data[i * RU + u]! * b.data[i * RV + v]!;
        const den = na[u]! * nb[v]!;
        sim[u * RV + v] *= den > 0 ? Math.min(1, Math.abs(dot) / den) : 0;
      }
    }
  }
  const S = { rows: RU, cols: RV, data: sim! };
  const match = linearSumAssignment(S, { maximize: true });
  const pairSimilarity = match.rowIndex.map((u, t) => S.data[u * RV + match.colIndex[t]!]!);
  const similarity = pairSimilarity.reduce((s, x) => s + x, 0) / pairSimilarity.length;
  return {
    similarity,
    matches: match.rowIndex.map((u, t) => [u, match.colIndex[t]!]),
    pairSimilarity,
  };
}

function columnNorms(A: Matrix): Float64Array {
  const out = new Float64Array(A.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let r = 0; r < A.cols; r++) out[r] += A.data[i * A.cols + r]! ** 2;
  }
  for (let r = 0; r < A.cols; r++) out[r] = Math.sqrt(out[r]!);
  return out;
}
