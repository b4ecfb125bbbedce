/**
 * Streaming comparisons: the linear shape metrics (every α) and linear CKA
 * computed from statistics accumulated over row blocks, for inputs larger
 * than memory. Both need only each network's scatter matrix and the cross
 * scatter of the pair, `Σ_rows (x − m_x)(y − m_y)ᵀ`, which one pass over the
 * files gives ({@link accumulateMoments}); with several networks the same
 * pass gives every pair's statistics, so a pairwise matrix reads each file
 * once.
 *
 * The numbers equal the in-memory functions' (`linearMetric`, `linearCKA`)
 * to rounding: the scatters are accumulated about the first block's means
 * (a shifted-data sum, exact in the mean correction to rounding) and the
 * same whitening, nuclear-norm and near-zero branches are applied. Where
 * the in-memory metric forms the aligned responses (distances near zero),
 * a second pass over the two files forms them block by block.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { svd } from "../linalg/svd.ts";
import type { RowBlockReader } from "../io/row_blocks.ts";
import { clippedArccos } from "./angular.ts";
import { checkHeldOutRms } from "./linear.ts";
import {
  assertMetricReads,
  checkAlpha,
  checkScore,
  FOURTH_POWER_SCALE,
  SAFE_SCALE,
  type ScoreMethod,
  unitExponent,
} from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";
import { partialWhiteningFromScatter } from "./whiten.ts";
import { linearSumAssignment } from "../optim/assignment.ts";
import type { PermutationMetricOptions } from "./permutation.ts";
import type { LinearMetricOptions } from "./whiten.ts";

/** The options of the linear metric (`LinearMetricOptions`). */
const LINEAR_OPTIONS = ["alpha", "score", "center", "pad"] as const;
/** The options of {@link streamingPairwise}. */
const PAIRWISE_OPTIONS = [...LINEAR_OPTIONS, "rescale", "metric", "debiased", "width"] as const;

/** Below this angle (cos above) the distance is formed from the aligned rows, as in memory. */
const COS_EXPLICIT = 0.97;
/** Below this fraction of ‖Φ_X‖² + ‖Φ_Y‖² the euclidean distance is formed from the rows. */
const EUCLID_EXPLICIT = 0.05;

/** Statistics of several networks over the same rows ({@link accumulateMoments}). */
export interface StreamingMoments {
  /** Rows accumulated. */
  readonly n: number;
  /** Columns of each network. */
  readonly cols: readonly number[];
  /** Whether the scatters are about the column means (else about zero). */
  readonly center: boolean;
  /** Column means of each network (zeros when not centring). */
  readonly means: readonly Float64Array[];
  /**
   * `S[i][j] = Σ_rows (x_i − m_i)(x_j − m_j)ᵀ`, `[cols_i, cols_j]`, for
   * i ≤ j; `scatter(i, j)` gives any pair.
   */
  scatter(i: number, j: number): Matrix;
  /**
   * The unbiased HSIC estimator of linear kernels (Song et al. 2012) times
   * n(n − 3), for networks i and j; only with `unbiased: true`
   * ({@link MomentOptions}), else undefined.
   */
  hsicUnbiased?(i: number, j: number): number;
  /** The readers the moments describe: the given ones, or rescaled views (`rescale`). */
  readonly readers: readonly RowBlockReader[];
  /** max|x| of each network as accumulated (after any rescaling). */
  readonly maxAbs?: readonly number[];
}

/** Options for {@link accumulateMoments}. */
export interface MomentOptions {
  /** Scatter about the column means (learn a translation). @default true */
  center?: boolean;
  /**
   * Also accumulate what the unbiased HSIC of linear kernels needs (row
   * norms against rows, Σ‖x‖²‖y‖²), for debiased CKA
   * ({@link debiasedCKAFromMoments}); costs O(rows · (cols_i + cols_j)) a pair.
   * @default false
   */
  unbiased?: boolean;
  /**
   * For scale-invariant measures: a network whose max|x| lies outside the
   * safe range (where products over- or underflow) is multiplied by the power
   * of two that brings max|x| into [0.5, 1), as in memory, at the cost of a
   * second pass; when false such a network is an error.
   * @default false
   */
  rescale?: boolean;
  /**
   * Range of max|x| safe for the measure: {@link SAFE_SCALE} when it uses the
   * scatters (squares of entries), `FOURTH_POWER_SCALE` when it squares them
   * (CKA's ‖S_XY‖²). A network outside it is rescaled (`rescale`) or refused.
   * @default SAFE_SCALE
   */
  window?: readonly [number, number];
}

function transposeOf(A: Matrix): Matrix {
  const out = new Float64Array(A.data.length);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) out[j * A.rows + i] = A.data[i * A.cols + j]!;
  }
  return { rows: A.cols, cols: A.rows, data: out };
}

/**
 * A view of `reader` whose blocks are multiplied by the power of two 2^-e
 * that brings `maxAbs` into [0.5, 1) (as `rescaleToUnit` does in memory: two
 * factors, so neither over- nor underflows).
 */
function scaledReader(reader: RowBlockReader, maxAbs: number): RowBlockReader {
  const e = unitExponent(maxAbs);
  const h = Math.trunc(e / 2);
  const f1 = Math.pow(2, -h), f2 = Math.pow(2, -(e - h));
  return {
    source: reader.source,
    rows: reader.rows,
    cols: reader.cols,
    blockRows: reader.blockRows,
    async *blocks() {
      let buffer = new Float64Array(0); // reused: a block is valid until the next one
      for await (const b of reader.blocks()) {
        if (buffer.length < b.data.length) buffer = new Float64Array(b.data.length);
        const data = buffer.subarray(0, b.data.length);
        for (let k = 0; k < data.length; k++) data[k] = (b.data[k]! * f1) * f2;
        yield { rows: b.rows, cols: b.cols, data };
      }
    },
  };
}

/** The error for a NaN or infinite entry of a streamed block: the reader, block, row and column. */
function nonFinite(
  source: string,
  value: number,
  block: number,
  rowsBefore: number,
  k: number,
  cols: number,
): RangeError {
  const r = Math.floor(k / cols), c = k % cols;
  return new RangeError(
    `Cannot accumulate moments: \`${source}\` must be finite: got ${value} in block ${block} at row ${
      rowsBefore + r
    } (row ${r} of the block), column ${c}`,
  );
}

/**
 * One pass over several networks' row blocks, in step, accumulating every
 * network's scatter and every pair's cross scatter.
 *
 * @param readers Row-block readers over the same rows (same row count and
 * block size), e.g. from `openRowBlocks`.
 * @param options See {@link MomentOptions}.
 * @returns The moments.
 * @throws {TypeError} When the readers differ in rows or block size, or none is given.
 *
 * @example The scatter of two rows about their mean
 * ```ts
 * import { accumulateMoments } from "./streaming.ts";
 * import assert from "node:assert/strict";
 * const X = { rows: 2, cols: 1, data: new Float64Array([1, 3]) };
 * const reader = {
 *   source: "X", rows: 2, cols: 1, blockRows: 1,
 *   async *blocks() {
 *     yield { rows: 1, cols: 1, data: X.data.subarray(0, 1) };
 *     yield { rows: 1, cols: 1, data: X.data.subarray(1, 2) };
 *   },
 * };
 * const m = await accumulateMoments([reader]);
 * assert.deepEqual(Array.from(m.means[0]!), [2]);
 * assert.deepEqual(Array.from(m.scatter(0, 0).data), [2]);
 * ```
 */
export async function accumulateMoments(
  readers: readonly RowBlockReader[],
  options: MomentOptions = {},
): Promise<StreamingMoments> {
  const context = "Cannot accumulate moments";
  checkOptionNames(options, ["center", "unbiased", "rescale", "window"], context, [
    "center",
    "unbiased",
    "rescale",
  ]);
  const { center = true, unbiased = false, rescale = false, window = SAFE_SCALE } = options ?? {};
  const first = readers[0];
  if (first === undefined) throw new TypeError(`${context}: \`readers\` is empty`);
  for (const r of readers) {
    if (r.rows !== first.rows || r.blockRows !== first.blockRows) {
      throw new TypeError(
        `${context}: every reader must have the same rows and block size: got ${first.rows} rows in blocks of ${first.blockRows} (\`${first.source}\`) and ${r.rows} in blocks of ${r.blockRows} (\`${r.source}\`)`,
      );
    }
  }
  const N = readers.length;
  const cols = readers.map((r) => r.cols);
  const shift = cols.map((p) => new Float64Array(p));
  const sums = cols.map((p) => new Float64Array(p));
  const S: Float64Array[][] = cols.map((p, i) =>
    cols.map((q, j) => (j >= i ? new Float64Array(p * q) : new Float64Array(0)))
  );
  const tmp: Float64Array[][] = cols.map((p, i) =>
    cols.map((q, j) => (j >= i ? new Float64Array(p * q) : new Float64Array(0)))
  );
  // unbiased HSIC: squared row norms a (per block), Σ a_i a_j, Σ a_i x_j and Σ a_j x_i per pair
  const rowSq = readers.map(() => new Float64Array(0));
  const normProd: Float64Array = new Float64Array(unbiased ? N * N : 0);
  const normRows: Float64Array[][] = cols.map(() =>
    cols.map((q) => new Float64Array(unbiased ? q : 0)) // [i][j]: Σ_r a^(i)_r x^(j)_r
  );
  const backend = getBackend();
  const iters = readers.map((r) => r.blocks());
  const shifted: Matrix[] = new Array(N);
  const buffers = cols.map((p) => new Float64Array(first.blockRows * p)); // reused every block
  const maxAbs = new Float64Array(N);
  let n = 0, block = 0;
  try {
    for (;;) {
      const next = await Promise.all(iters.map((it) => it.next()));
      const done = next.filter((x) => x.done).length;
      if (done === N) break;
      if (done > 0) {
        throw new TypeError(`${context}: the readers' blocks ran out at different rows`);
      }
      const blocks = next.map((x) => x.value as Matrix);
      const rows = blocks[0]!.rows;
      for (let i = 0; i < N; i++) {
        const b = blocks[i]!, p = cols[i]!;
        if (b.rows !== rows || b.cols !== p) {
          throw new TypeError(
            `${context}: block of \`${
              readers[i]!.source
            }\` is [${b.rows}, ${b.cols}], expected [${rows}, ${p}]`,
          );
        }
        if (n === 0 && center) {
          // shift by the first block's means, so the final mean correction is tiny
          const s = shift[i]!;
          for (let r = 0; r < rows; r++) for (let c = 0; c < p; c++) s[c] += b.data[r * p + c]!;
          for (let c = 0; c < p; c++) s[c] /= rows;
        }
        const s = shift[i]!, sum = sums[i]!;
        let m = maxAbs[i]!;
        for (let k = 0; k < rows * p; k++) {
          const a = Math.abs(b.data[k]!);
          // NaN fails both comparisons, so one branch catches NaN and ±Infinity
          if (!(a <= m)) {
            if (!(a < Infinity)) throw nonFinite(readers[i]!.source, b.data[k]!, block, n, k, p);
            m = a;
          }
        }
        maxAbs[i] = m;
        const data = buffers[i]!.length >= rows * p
          ? buffers[i]!.subarray(0, rows * p)
          : (buffers[i] = new Float64Array(rows * p));
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < p; c++) {
            const v = b.data[r * p + c]! - s[c]!;
            data[r * p + c] = v;
            sum[c] += v;
          }
        }
        shifted[i] = { rows, cols: p, data };
        if (unbiased) {
          const a = rowSq[i]!.length >= rows ? rowSq[i]! : (rowSq[i] = new Float64Array(rows));
          for (let r = 0; r < rows; r++) {
            let t = 0;
            for (let c = 0; c < p; c++) t += data[r * p + c]! ** 2;
            a[r] = t;
          }
        }
      }
      for (let i = 0; unbiased && i < N; i++) {
        const a = rowSq[i]!;
        for (let j = 0; j < N; j++) {
          const x = shifted[j]!.data, q = cols[j]!, acc = normRows[i]![j]!;
          for (let r = 0; r < rows; r++) {
            const w = a[r]!;
            for (let c = 0; c < q; c++) acc[c] += w * x[r * q + c]!;
          }
          if (j >= i) {
            const b = rowSq[j]!;
            let t = 0;
            for (let r = 0; r < rows; r++) t += a[r]! * b[r]!;
            normProd[i * N + j] += t;
          }
        }
      }
      for (let i = 0; i < N; i++) {
        for (let j = i; j < N; j++) {
          const out = tmp[i]![j]!, acc = S[i]![j]!;
          backend.gemm(shifted[i]!, shifted[j]!, true, false, out);
          for (let k = 0; k < acc.length; k++) acc[k] += out[k]!;
        }
      }
      n += rows;
      block++;
    }
  } finally {
    await Promise.all(iters.map((it) => it.return(undefined)));
  }
  const unsafe = (m: number) => m !== 0 && (m < window[0] || m > window[1]);
  if (rescale && Array.from(maxAbs).some(unsafe)) {
    const scaled = readers.map((r, i) => unsafe(maxAbs[i]!) ? scaledReader(r, maxAbs[i]!) : r);
    return accumulateMoments(scaled, { ...options, rescale: false });
  }
  for (let i = 0; i < N; i++) {
    const m = maxAbs[i]!;
    if (unsafe(m)) {
      // products of such entries over- or underflow: the moments would be wrong
      throw new RangeError(
        `${context}: \`${readers[i]!.source}\` has max|x| = ${m}, outside [${window[0]}, ${
          window[1]
        }]: its streamed scatter would over- or underflow; compare in memory (scale-invariant measures rescale there) or rescale the data`,
      );
    }
  }
  // unbiased HSIC from the shifted data (it does not depend on a translation):
  // tr(K̃L̃) + (1ᵀK̃1)(1ᵀL̃1)/((n−1)(n−2)) − 2/(n−2)·1ᵀK̃L̃1, K̃ = K − diag K, K = UUᵀ, with
  // tr(K̃L̃) = ‖UᵀV‖² − Σ a b, 1ᵀK̃1 = ‖Σu‖² − Σ a, K̃1 = U Σu − a, so
  // 1ᵀK̃L̃1 = (Σu)ᵀ UᵀV (Σv) − Σu·Σ(b u) − Σv·Σ(a v) + Σ a b
  const hsic = new Float64Array(unbiased ? N * N : 0);
  for (let i = 0; unbiased && i < N; i++) {
    for (let j = i; j < N; j++) {
      const C = S[i]![j]!, su = sums[i]!, sv = sums[j]!, q = cols[j]!;
      const ab = normProd[i * N + j]!;
      let cc = 0, uCv = 0;
      for (let x = 0; x < su.length; x++) {
        let row = 0;
        for (let y = 0; y < q; y++) {
          const c = C[x * q + y]!;
          cc += c * c;
          row += c * sv[y]!;
        }
        uCv += su[x]! * row;
      }
      const dotv = (u: Float64Array, v: Float64Array) => {
        let t = 0;
        for (let k = 0; k < u.length; k++) t += u[k]! * v[k]!;
        return t;
      };
      const aSum = trace({ rows: su.length, cols: su.length, data: S[i]![i]! });
      const bSum = trace({ rows: q, cols: q, data: S[j]![j]! });
      const oneK = dotv(su, su) - aSum, oneL = dotv(sv, sv) - bSum;
      const kl = uCv - dotv(su, normRows[j]![i]!) - dotv(sv, normRows[i]![j]!) + ab;
      const h = cc - ab + (oneK * oneL) / ((n - 1) * (n - 2)) - (2 / (n - 2)) * kl;
      hsic[i * N + j] = h;
      hsic[j * N + i] = h;
    }
  }
  const means = cols.map((p, i) => {
    const m = new Float64Array(p);
    if (center) { for (let c = 0; c < p; c++) m[c] = n > 0 ? sums[i]![c]! / n : 0; }
    return m;
  });
  // Σ (x − s − m)(y − s' − m')ᵀ = Σ (x − s)(y − s')ᵀ − n m m'ᵀ, with m the shifted data's mean
  for (let i = 0; center && i < N; i++) {
    for (let j = i; j < N; j++) {
      const acc = S[i]![j]!, mi = means[i]!, mj = means[j]!, q = cols[j]!;
      for (let a = 0; a < mi.length; a++) {
        for (let b = 0; b < q; b++) acc[a * q + b] -= n * mi[a]! * mj[b]!;
      }
    }
  }
  const fullMeans = means.map((m, i) => {
    const out = new Float64Array(m.length);
    for (let c = 0; c < m.length; c++) out[c] = shift[i]![c]! + m[c]!;
    return out;
  });
  return Object.freeze({
    n,
    cols,
    center,
    means: fullMeans,
    scatter(i: number, j: number): Matrix {
      if (i <= j) return { rows: cols[i]!, cols: cols[j]!, data: S[i]![j]! };
      return transposeOf({ rows: cols[j]!, cols: cols[i]!, data: S[j]![i]! });
    },
    ...(unbiased ? { hsicUnbiased: (i: number, j: number) => hsic[i * N + j]! } : {}),
    readers,
    maxAbs: Array.from(maxAbs),
  });
}

function padTo(A: Matrix, rows: number, cols: number): Matrix {
  if (A.rows === rows && A.cols === cols) return A;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < A.rows; i++) out.set(A.data.subarray(i * A.cols, (i + 1) * A.cols), i * cols);
  return { rows, cols, data: out };
}

function traceProduct(A: Matrix, B: Matrix): number {
  // tr(Aᵀ B) = Σ A ∘ B
  let s = 0;
  for (let k = 0; k < A.data.length; k++) s += A.data[k]! * B.data[k]!;
  return s;
}

/** What {@link linearMetricFromMoments} needs to finish a near-zero distance from the rows. */
export interface AlignedMaps {
  /** Map of X's centred, padded rows onto the aligned space, [width, width]. */
  Wx: Matrix;
  /** Map of Y's centred, padded rows, [width, width]. */
  Wy: Matrix;
  /** ‖Φ_X‖² and ‖Φ_Y‖² (the aligned responses' squared norms). */
  normSqX: number;
  /** ‖Φ_Y‖², the aligned Y responses' squared norm. */
  normSqY: number;
}

/** Options for {@link linearMetricFromMoments}: the metric's, and the padded width. */
export interface MomentMetricOptions extends Omit<LinearMetricOptions, "center"> {
  /**
   * Padded width (at least both networks' columns); pairwise matrices pad
   * every network to the widest, which changes euclidean distances only.
   * @default the wider of the two
   */
  width?: number;
}

/** A distance from moments, or the maps to finish it from the rows. */
export type MomentDistance =
  | { distance: number; explicit?: undefined }
  | { distance?: undefined; explicit: AlignedMaps };

/**
 * The linear shape metric between networks `i` and `j` of accumulated
 * moments: the same partial whitening (α), padding and score as
 * `linearMetric`, from the scatters instead of the rows. When the in-memory
 * metric would form the aligned responses (a distance near zero), returns
 * the maps to do so instead (see {@link streamingLinearMetric}).
 *
 * @param m Moments ({@link accumulateMoments}).
 * @param i First network.
 * @param j Second network.
 * @param options α, score and padding (centring comes from the moments).
 * @returns `{distance}` or `{explicit}`.
 * @throws {TypeError} For different widths without padding.
 * @throws {RangeError} For a bad α or score, or a network of zero variance.
 *
 * @example A rotated copy is at distance 0 for Procrustes (after the row pass)
 * ```ts
 * import { accumulateMoments, linearMetricFromMoments } from "./streaming.ts";
 * import assert from "node:assert/strict";
 * const rows = [[1, 2], [3, 1], [0, 0], [2, 5]];
 * const reader = (f: (r: number[]) => number[]) => ({
 *   source: "mem", rows: 4, cols: 2, blockRows: 4,
 *   async *blocks() { yield { rows: 4, cols: 2, data: Float64Array.from(rows.flatMap(f)) }; },
 * });
 * const m = await accumulateMoments([reader((r) => r), reader(([a, b]) => [-b, a])]);
 * const d = linearMetricFromMoments(m, 0, 1, { alpha: 1 });
 * assert.ok(d.explicit !== undefined); // near zero: finished from the rows
 * ```
 */
export function linearMetricFromMoments(
  m: StreamingMoments,
  i: number,
  j: number,
  options: MomentMetricOptions = {},
): MomentDistance {
  checkOptionNames(options, ["alpha", "score", "pad", "width"], "Cannot compute linear metric", [
    "pad",
  ]);
  return linearFromMoments(m, i, j, options ?? {}, false);
}

/** {@link linearMetricFromMoments}, or with `maps` the maps whatever the distance. */
function linearFromMoments(
  m: StreamingMoments,
  i: number,
  j: number,
  options: MomentMetricOptions,
  maps: boolean,
): MomentDistance & { maps?: AlignedMaps } {
  const context = "Cannot compute linear metric";
  const { alpha = 1, score = "angular", pad = true } = options;
  checkAlpha(alpha, context);
  checkScore(score, context);
  const p = m.cols[i]!, q = m.cols[j]!;
  if (!pad && p !== q) {
    throw new TypeError(
      `${context}: \`X\` and \`Y\` must have the same number of columns when \`pad\` is false: got ${p} and ${q}`,
    );
  }
  const w = options.width ?? Math.max(p, q);
  if (!Number.isSafeInteger(w) || w < Math.max(p, q)) {
    throw new RangeError(
      `${context}: \`width\` must be an integer of at least ${Math.max(p, q)}: got ${w}`,
    );
  }
  const b = getBackend();
  const Sx = padTo(m.scatter(i, i), w, w), Sy = padTo(m.scatter(j, j), w, w);
  const Sxy = padTo(m.scatter(i, j), w, w);
  const Zx = partialWhiteningFromScatter(Sx, alpha).Z;
  const Zy = partialWhiteningFromScatter(Sy, alpha).Z;
  const normSqX = Zx === null ? trace(Sx) : traceProduct(Zx, b.gemm(Sx, Zx, false, false));
  const normSqY = Zy === null ? trace(Sy) : traceProduct(Zy, b.gemm(Sy, Zy, false, false));
  if (score === "angular" && (normSqX === 0 || normSqY === 0)) {
    throw new RangeError(
      `${context}: the angular distance is undefined because \`${
        normSqX === 0 ? "X" : "Y"
      }\` has zero variance after centring (constant responses)`,
    );
  }
  const left = Zx === null ? Sxy : b.gemm(Zx, Sxy, true, false);
  const M = Zy === null ? left : b.gemm(left, Zy, false, false);
  const s = b.singularValues(M);
  let nuclear = 0;
  for (let k = s.length - 1; k >= 0; k--) nuclear += s[k]!;
  let distance: number | undefined;
  if (score === "angular") {
    const cos = nuclear / (Math.sqrt(normSqX) * Math.sqrt(normSqY));
    if (cos < COS_EXPLICIT) distance = clippedArccos(cos);
  } else {
    const total = normSqX + normSqY;
    const d2 = total - 2 * nuclear;
    if (d2 > EUCLID_EXPLICIT * total) distance = Math.sqrt(d2);
  }
  if (distance !== undefined && !maps) return { distance };
  const { U, Vt } = svd(M, { full: true });
  const V = transposeOf(Vt);
  const aligned = {
    Wx: Zx === null ? U : b.gemm(Zx, U, false, false),
    Wy: Zy === null ? V : b.gemm(Zy, V, false, false),
    normSqX,
    normSqY,
  };
  return distance !== undefined
    ? { distance, maps: aligned }
    : { explicit: aligned, maps: aligned };
}

function trace(S: Matrix): number {
  let t = 0;
  for (let k = 0; k < S.rows; k++) t += S.data[k * S.cols + k]!;
  return t;
}

/**
 * The permutation metric between networks `i` and `j` of accumulated
 * moments: the unit matching maximises Σ_k S_XY[k, π(k)] (the assignment
 * `permutationMetric` solves on the same cross scatter), and the distance
 * follows from the traces. Near zero, returns the maps for the row pass.
 *
 * @param m Moments ({@link accumulateMoments}).
 * @param i First network.
 * @param j Second network.
 * @param options Score and padding (centring comes from the moments).
 * @returns `{distance}` or `{explicit}`.
 * @throws {TypeError} For different widths without padding.
 * @throws {RangeError} For a bad score, or a network of zero variance (angular).
 *
 * @example Far apart: from the moments alone
 * ```ts
 * import { accumulateMoments, permutationMetricFromMoments } from "./streaming.ts";
 * import { permutationMetric } from "./permutation.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0, 2], [3, 1], [1, 1]], Y = [[0, 1], [2, 2], [1, 0], [3, 3]];
 * const reader = (rows: number[][]) => ({
 *   source: "mem", rows: 4, cols: 2, blockRows: 4,
 *   async *blocks() { yield { rows: 4, cols: 2, data: Float64Array.from(rows.flat()) }; },
 * });
 * const m = await accumulateMoments([reader(X), reader(Y)]);
 * const d = permutationMetricFromMoments(m, 0, 1);
 * assert.ok(Math.abs(d.distance! - permutationMetric(X, Y)) < 1e-12);
 * ```
 */
export function permutationMetricFromMoments(
  m: StreamingMoments,
  i: number,
  j: number,
  options: Omit<PermutationMetricOptions, "center"> = {},
): MomentDistance {
  const context = "Cannot compute permutation metric";
  checkOptionNames(options, ["score", "pad"], context, ["pad"]);
  const { score = "angular", pad = true } = options ?? {};
  checkScore(score, context);
  const p = m.cols[i]!, q = m.cols[j]!;
  if (!pad && p !== q) {
    throw new TypeError(
      `${context}: \`X\` and \`Y\` must have the same number of columns when \`pad\` is false: got ${p} and ${q}`,
    );
  }
  const w = Math.max(p, q);
  const C = padTo(m.scatter(i, j), w, w);
  const perm = linearSumAssignment(C, { maximize: true }).colIndex;
  const normSqX = trace(m.scatter(i, i)), normSqY = trace(m.scatter(j, j));
  if (score === "angular" && (normSqX === 0 || normSqY === 0)) {
    throw new RangeError(
      `${context}: the angle is undefined because \`${
        normSqX === 0 ? "X" : "Y"
      }\` is zero after centring and alignment (constant responses?)`,
    );
  }
  let matched = 0;
  for (let k = 0; k < w; k++) matched += C.data[k * w + perm[k]!]!;
  if (score === "angular") {
    const cos = matched / (Math.sqrt(normSqX) * Math.sqrt(normSqY));
    if (cos < COS_EXPLICIT) return { distance: clippedArccos(cos) };
  } else {
    const total = normSqX + normSqY;
    const d2 = total - 2 * matched;
    if (d2 > EUCLID_EXPLICIT * total) return { distance: Math.sqrt(d2) };
  }
  // (Y P)[:, k] = Y[:, π(k)]: P[π(k), k] = 1
  const I = new Float64Array(w * w), P = new Float64Array(w * w);
  for (let k = 0; k < w; k++) {
    I[k * w + k] = 1;
    P[perm[k]! * w + k] = 1;
  }
  return {
    explicit: {
      Wx: { rows: w, cols: w, data: I },
      Wy: { rows: w, cols: w, data: P },
      normSqX,
      normSqY,
    },
  };
}

/**
 * The permutation metric (`permutationMetric`) between two matrices read in
 * row blocks: one pass for the moments, a second only near zero.
 *
 * @param X Reader of X `[nStimuli, nUnitsX]`.
 * @param Y Reader of Y over the same rows, same block size.
 * @param options Score, centring and padding, as `permutationMetric`.
 * @returns The distance, equal to `permutationMetric(X, Y, options)` to rounding.
 *
 * @example A permuted copy is at distance 0
 * ```ts
 * import { streamingPermutationMetric } from "./streaming.ts";
 * import assert from "node:assert/strict";
 * const rows = [[1, 0, 5], [0, 2, 1], [3, 1, 0], [1, 1, 2]];
 * const reader = (f: (r: number[]) => number[]) => ({
 *   source: "mem", rows: 4, cols: 3, blockRows: 2,
 *   async *blocks() {
 *     const all = rows.map(f);
 *     yield { rows: 2, cols: 3, data: Float64Array.from(all.slice(0, 2).flat()) };
 *     yield { rows: 2, cols: 3, data: Float64Array.from(all.slice(2).flat()) };
 *   },
 * });
 * const d = await streamingPermutationMetric(reader((r) => r), reader(([a, b, c]) => [c, a, b]));
 * assert.ok(d < 1e-7);
 * ```
 */
export async function streamingPermutationMetric(
  X: RowBlockReader,
  Y: RowBlockReader,
  options: PermutationMetricOptions & RescaleOption = {},
): Promise<number> {
  checkOptionNames(
    options,
    ["score", "center", "pad", "rescale"],
    "Cannot compute permutation metric",
    [
      "center",
      "pad",
      "rescale",
    ],
  );
  const { center = true, rescale = false, ...rest } = options ?? {};
  const m = await accumulateMoments([X, Y], { center, rescale });
  const r = permutationMetricFromMoments(m, 0, 1, rest);
  if (r.distance !== undefined) return r.distance;
  const [x, y] = m.readers as [RowBlockReader, RowBlockReader];
  return await explicitPass(x, y, m.means[0]!, m.means[1]!, r.explicit, rest.score ?? "angular");
}

/**
 * The aligned-response distance from a second pass over the rows: A = (x −
 * m_x)·Wx and B = (y − m_y)·Wy block by block, with the in-memory formulas
 * (angular: 2·atan2(‖â − b̂‖, ‖â + b̂‖); euclidean: ‖A − B‖).
 */
async function explicitPass(
  X: RowBlockReader,
  Y: RowBlockReader,
  mx: Float64Array,
  my: Float64Array,
  maps: AlignedMaps,
  score: ScoreMethod,
): Promise<number> {
  const b = getBackend();
  const w = maps.Wx.rows;
  // the means of the unpadded columns, zero-padded to the aligned width
  const padded = (mean: Float64Array) => {
    const out = new Float64Array(w);
    out.set(mean);
    return out;
  };
  const meanX = padded(mx), meanY = padded(my);
  const ia = 1 / Math.sqrt(maps.normSqX), ib = 1 / Math.sqrt(maps.normSqY);
  const ix = X.blocks(), iy = Y.blocks();
  let dm = 0, dp = 0;
  const shiftPad = (B: Matrix, mean: Float64Array): Matrix => {
    const out = new Float64Array(B.rows * w);
    for (let r = 0; r < B.rows; r++) {
      for (let c = 0; c < B.cols; c++) out[r * w + c] = B.data[r * B.cols + c]! - mean[c]!;
    }
    return { rows: B.rows, cols: w, data: out };
  };
  try {
    for (;;) {
      const [nx, ny] = await Promise.all([ix.next(), iy.next()]);
      if (nx.done || ny.done) break;
      const A = b.gemm(shiftPad(nx.value, meanX), maps.Wx, false, false).data;
      const B = b.gemm(shiftPad(ny.value, meanY), maps.Wy, false, false).data;
      if (score === "angular") {
        for (let k = 0; k < A.length; k++) {
          const u = A[k]! * ia, v = B[k]! * ib;
          dm += (u - v) * (u - v);
          dp += (u + v) * (u + v);
        }
      } else {
        for (let k = 0; k < A.length; k++) dm += (A[k]! - B[k]!) ** 2;
      }
    }
  } finally {
    await Promise.all([ix.return(undefined), iy.return(undefined)]);
  }
  return score === "angular" ? 2 * Math.atan2(Math.sqrt(dm), Math.sqrt(dp)) : Math.sqrt(dm);
}

/**
 * The linear shape metric (`linearMetric`, every α) between two matrices
 * read in row blocks: one pass for the moments, and a second only for a
 * distance near zero. Memory: the scatter matrices and one block per file.
 *
 * @param X Reader of X `[nStimuli, nUnitsX]` (e.g. `openRowBlocks(path, { rows })`
 * for the training rows).
 * @param Y Reader of Y over the same rows, same block size.
 * @param options α, score, centring and padding, as `linearMetric`.
 * @returns The distance, equal to `linearMetric(X, Y, options)` to rounding.
 *
 * @example Equals the in-memory metric
 * ```ts
 * import { streamingLinearMetric } from "./streaming.ts";
 * import { linearMetric } from "./linear.ts";
 * import { openRowBlocks } from "../io/row_blocks.ts";
 * import { writeNpy } from "../io/npy.ts";
 * import assert from "node:assert/strict";
 * const dir = Deno.makeTempDirSync();
 * const X = { rows: 6, cols: 2, data: new Float64Array([1, 2, 3, 1, 0, 0, 2, 5, 4, 4, 1, 3]) };
 * const Y = { rows: 6, cols: 2, data: new Float64Array([0, 1, 2, 2, 1, 0, 5, 2, 3, 3, 1, 1]) };
 * writeNpy(`${dir}/x.npy`, X);
 * writeNpy(`${dir}/y.npy`, Y);
 * const [rx, ry] = [await openRowBlocks(`${dir}/x.npy`, { blockRows: 4 }), await openRowBlocks(`${dir}/y.npy`, { blockRows: 4 })];
 * const d = await streamingLinearMetric(rx, ry, { alpha: 0.5 });
 * assert.ok(Math.abs(d - linearMetric(X, Y, { alpha: 0.5 })) < 1e-12);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export async function streamingLinearMetric(
  X: RowBlockReader,
  Y: RowBlockReader,
  options: LinearMetricOptions & RescaleOption = {},
): Promise<number> {
  checkOptionNames(options, [...LINEAR_OPTIONS, "rescale"], "Cannot compute linear metric", [
    "center",
    "pad",
    "rescale",
  ]);
  const { center = true, rescale = false, ...rest } = options ?? {};
  const m = await accumulateMoments([X, Y], { center, rescale });
  const r = linearMetricFromMoments(m, 0, 1, rest);
  if (r.distance !== undefined) return r.distance;
  const [x, y] = m.readers as [RowBlockReader, RowBlockReader];
  return await explicitPass(x, y, m.means[0]!, m.means[1]!, r.explicit, rest.score ?? "angular");
}

/** Training and held-out distances ({@link streamingLinearMetricHeldOut}). */
export interface HeldOutDistances {
  /** Distance on the training rows, as `linearMetric` on them. */
  train: number;
  /** Distance on the held-out rows with the training fit, as `scoreLinearMetric`. */
  test: number;
}

/**
 * The linear shape metric fitted on training rows and scored on held-out
 * rows, both read in row blocks: one pass over the training rows for the
 * moments (the fit), one over the held-out rows mapping them with the
 * training means and maps and accumulating ‖A‖², ‖B‖² and ⟨A, B⟩; near zero
 * a further pass forms the in-memory formula (2·atan2(‖â − b̂‖, ‖â + b̂‖)
 * or ‖A − B‖) from the rows.
 *
 * @param X Reader of X's training rows.
 * @param Y Reader of Y's training rows.
 * @param Xtest Reader of X's held-out rows.
 * @param Ytest Reader of Y's held-out rows (same rows and block size as `Xtest`).
 * @param options α, score, centring and padding, as `linearMetric`.
 * @returns `{train, test}`, equal to `linearMetric` on the training rows and
 * `scoreLinearMetric(fitLinearMetric(train), test)` to rounding.
 *
 * @example Equals the in-memory fit and score
 * ```ts
 * import { streamingLinearMetricHeldOut } from "./streaming.ts";
 * import { fitLinearMetric, scoreLinearMetric } from "./linear.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5], [4, 4], [1, 3], [2, 2]];
 * const Y = [[0, 1], [2, 2], [1, 0], [5, 2], [3, 3], [1, 1], [0, 4]];
 * const reader = (rows: number[][]) => ({
 *   source: "mem", rows: rows.length, cols: 2, blockRows: 2,
 *   async *blocks() {
 *     for (let a = 0; a < rows.length; a += 2) {
 *       const part = rows.slice(a, a + 2);
 *       yield { rows: part.length, cols: 2, data: Float64Array.from(part.flat()) };
 *     }
 *   },
 * });
 * const r = await streamingLinearMetricHeldOut(
 *   reader(X.slice(0, 5)), reader(Y.slice(0, 5)), reader(X.slice(5)), reader(Y.slice(5)), { alpha: 0.5 },
 * );
 * const fit = fitLinearMetric(X.slice(0, 5), Y.slice(0, 5), { alpha: 0.5 });
 * assert.ok(Math.abs(r.test - scoreLinearMetric(fit, X.slice(5), Y.slice(5))) < 1e-12);
 * ```
 */
export async function streamingLinearMetricHeldOut(
  X: RowBlockReader,
  Y: RowBlockReader,
  Xtest: RowBlockReader,
  Ytest: RowBlockReader,
  options: LinearMetricOptions = {},
): Promise<HeldOutDistances> {
  checkOptionNames(options, LINEAR_OPTIONS, "Cannot compute linear metric", ["center", "pad"]);
  const { center = true, ...rest } = options ?? {};
  const score = rest.score ?? "angular";
  if (Xtest.cols !== X.cols || Ytest.cols !== Y.cols) {
    throw new TypeError(
      `Cannot score linear metric: held-out rows must have the training columns: got ${Xtest.cols} and ${Ytest.cols} for ${X.cols} and ${Y.cols}`,
    );
  }
  const m = await accumulateMoments([X, Y], { center });
  const r = linearFromMoments(m, 0, 1, rest, true);
  const maps = r.maps!;
  const mx = m.means[0]!, my = m.means[1]!;
  const train = r.distance ?? await explicitPass(X, Y, mx, my, maps, score);
  if (score === "euclidean") {
    return { train, test: await explicitPass(Xtest, Ytest, mx, my, maps, score) };
  }
  // held-out norms (the angle normalises by the held-out responses)
  const s = await alignedSums(Xtest, Ytest, mx, my, maps);
  const rows = Math.max(1, Xtest.rows);
  const context = "Cannot score linear metric";
  checkHeldOutRms(Math.sqrt(s.cx / rows), streamedScale(m, 0), "X", context);
  checkHeldOutRms(Math.sqrt(s.cy / rows), streamedScale(m, 1), "Y", context);
  if (s.aa === 0 || s.bb === 0) {
    throw new RangeError(
      `Cannot score linear metric: the angle is undefined because \`${
        s.aa === 0 ? "X" : "Y"
      }\` is zero after centring and alignment (constant responses?)`,
    );
  }
  const cos = s.ab / (Math.sqrt(s.aa) * Math.sqrt(s.bb));
  const test = cos < COS_EXPLICIT
    ? 2 * Math.atan2(Math.sqrt(Math.max(0, 2 - 2 * cos)), Math.sqrt(2 + 2 * cos))
    : await explicitPass(Xtest, Ytest, mx, my, { ...maps, normSqX: s.aa, normSqY: s.bb }, score);
  return { train, test };
}

/** ‖A‖², ‖B‖² and ⟨A, B⟩ of the aligned rows A = (x − m_x)·Wx, B = (y − m_y)·Wy, in one pass. */
async function alignedSums(
  X: RowBlockReader,
  Y: RowBlockReader,
  mx: Float64Array,
  my: Float64Array,
  maps: AlignedMaps,
): Promise<{ aa: number; bb: number; ab: number; cx: number; cy: number }> {
  const b = getBackend();
  const w = maps.Wx.rows;
  const shiftPad = (B: Matrix, mean: Float64Array): Matrix => {
    const out = new Float64Array(B.rows * w);
    for (let r = 0; r < B.rows; r++) {
      for (let c = 0; c < B.cols; c++) out[r * w + c] = B.data[r * B.cols + c]! - mean[c]!;
    }
    return { rows: B.rows, cols: w, data: out };
  };
  const ix = X.blocks(), iy = Y.blocks();
  let aa = 0, bb = 0, ab = 0, cx = 0, cy = 0;
  try {
    for (;;) {
      const [nx, ny] = await Promise.all([ix.next(), iy.next()]);
      if (nx.done || ny.done) break;
      const Cx = shiftPad(nx.value, mx), Cy = shiftPad(ny.value, my);
      cx += sumSq(Cx.data);
      cy += sumSq(Cy.data);
      const A = b.gemm(Cx, maps.Wx, false, false).data;
      const B = b.gemm(Cy, maps.Wy, false, false).data;
      for (let k = 0; k < A.length; k++) {
        aa += A[k]! * A[k]!;
        bb += B[k]! * B[k]!;
        ab += A[k]! * B[k]!;
      }
    }
  } finally {
    await Promise.all([ix.return(undefined), iy.return(undefined)]);
  }
  return { aa, bb, ab, cx, cy };
}

/** Network i's training RMS row norm from its moments, √(‖m_i‖² + tr S_ii / n) (as `trainingScale`). */
function streamedScale(m: StreamingMoments, i: number): number {
  let s = 0;
  for (const v of m.means[i]!) s += v * v;
  return Math.sqrt(s + trace(m.scatter(i, i)) / Math.max(1, m.n));
}

function sumSq(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * a[k]!;
  return s;
}

/**
 * CKA squares the scatters: refuse moments of a network whose max|x| lies outside
 * `FOURTH_POWER_SCALE` (accumulated with the default window, fourth powers over- or
 * underflow and CKA comes out 0 or NaN).
 */
function checkFourthPowers(m: StreamingMoments, i: number, j: number, context: string): void {
  for (const [k, name] of [[i, "X"], [j, "Y"]] as const) {
    const a = m.maxAbs?.[k] ?? 1;
    if (a !== 0 && (a < FOURTH_POWER_SCALE[0] || a > FOURTH_POWER_SCALE[1])) {
      throw new RangeError(
        `${context}: \`${name}\` (network ${k}) has max|x| = ${a}, outside [${
          FOURTH_POWER_SCALE[0]
        }, ${
          FOURTH_POWER_SCALE[1]
        }], where CKA's fourth powers over- or underflow: accumulate with \`window: FOURTH_POWER_SCALE\` and \`rescale: true\``,
      );
    }
  }
}

/**
 * Linear CKA between networks `i` and `j` of accumulated moments:
 * ‖S_XY‖²_F / (‖S_XX‖_F ‖S_YY‖_F), as `linearCKA` computes it in feature
 * space (centred when the moments are).
 *
 * @param m Moments ({@link accumulateMoments}).
 * @param i First network.
 * @param j Second network.
 * @returns CKA in [0, 1].
 * @throws {RangeError} For a network of zero variance.
 *
 * @example Rotation and translation invariant
 * ```ts
 * import { accumulateMoments, linearCKAFromMoments } from "./streaming.ts";
 * import assert from "node:assert/strict";
 * const rows = [[1, 2], [3, 1], [0, 0], [2, 5]];
 * const reader = (f: (r: number[]) => number[]) => ({
 *   source: "mem", rows: 4, cols: 2, blockRows: 3,
 *   async *blocks() {
 *     const all = rows.map(f);
 *     yield { rows: 3, cols: 2, data: Float64Array.from(all.slice(0, 3).flat()) };
 *     yield { rows: 1, cols: 2, data: Float64Array.from(all[3]!) };
 *   },
 * });
 * const m = await accumulateMoments([reader((r) => r), reader(([a, b]) => [7 - b, a + 1])]);
 * assert.ok(Math.abs(linearCKAFromMoments(m, 0, 1) - 1) < 1e-14);
 * ```
 */
export function linearCKAFromMoments(m: StreamingMoments, i: number, j: number): number {
  const context = "Cannot compute linear CKA";
  checkFourthPowers(m, i, j, context);
  const kk = sumSq(m.scatter(i, i).data), ll = sumSq(m.scatter(j, j).data);
  if (kk === 0 || ll === 0) {
    throw new RangeError(
      `${context}: CKA is undefined because \`${
        kk === 0 ? "X" : "Y"
      }\` has zero variance across stimuli (constant responses)`,
    );
  }
  return sumSq(m.scatter(i, j).data) / (Math.sqrt(kk) * Math.sqrt(ll));
}

/**
 * Debiased linear CKA (`debiasedCKA`) between networks `i` and `j` of
 * moments accumulated with `unbiased: true`: the unbiased HSIC estimator
 * from the cross scatter, the column sums, and the rows weighted by their
 * squared norms, with no n×n Gram matrix.
 *
 * @param m Moments ({@link accumulateMoments} with `unbiased: true`).
 * @param i First network.
 * @param j Second network.
 * @returns Debiased CKA (at most 1; may be slightly negative).
 * @throws {TypeError} For moments accumulated without `unbiased`.
 * @throws {RangeError} For fewer than 4 rows or a network of zero variance.
 *
 * @example Equals the in-memory debiased CKA
 * ```ts
 * import { accumulateMoments, debiasedCKAFromMoments } from "./streaming.ts";
 * import { debiasedCKA } from "./cka.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5], [4, 4]], Y = [[0], [1], [2], [2], [1]];
 * const reader = (rows: number[][]) => ({
 *   source: "mem", rows: 5, cols: rows[0]!.length, blockRows: 3,
 *   async *blocks() {
 *     const p = rows[0]!.length;
 *     yield { rows: 3, cols: p, data: Float64Array.from(rows.slice(0, 3).flat()) };
 *     yield { rows: 2, cols: p, data: Float64Array.from(rows.slice(3).flat()) };
 *   },
 * });
 * const m = await accumulateMoments([reader(X), reader(Y)], { unbiased: true });
 * assert.ok(Math.abs(debiasedCKAFromMoments(m, 0, 1) - debiasedCKA(X, Y)) < 1e-13);
 * ```
 */
export function debiasedCKAFromMoments(m: StreamingMoments, i: number, j: number): number {
  const context = "Cannot compute debiased CKA";
  if (m.hsicUnbiased === undefined) {
    throw new TypeError(`${context}: the moments were accumulated without \`unbiased: true\``);
  }
  if (m.n < 4) {
    throw new RangeError(
      `${context}: debiased CKA needs at least 4 stimuli (rows of \`X\` and \`Y\`): got ${m.n}`,
    );
  }
  checkFourthPowers(m, i, j, context);
  const kk = Math.max(0, m.hsicUnbiased(i, i)), ll = Math.max(0, m.hsicUnbiased(j, j));
  if (kk === 0 || ll === 0) {
    throw new RangeError(
      `${context}: CKA is undefined because \`${
        kk === 0 ? "X" : "Y"
      }\` has zero variance across stimuli (constant responses)`,
    );
  }
  return m.hsicUnbiased(i, j) / (Math.sqrt(kk) * Math.sqrt(ll));
}

/** The rescaling option of the streaming comparisons. */
export interface RescaleOption {
  /**
   * Bring a network whose max|x| would over- or underflow to unit scale by a
   * power of two (a second pass), as the in-memory route does for measures
   * invariant to scaling; pass true only for such settings (CKA, angular
   * scores at α ∈ {0, 1}, permutation angular). When false such data is an error.
   * @default false
   */
  rescale?: boolean;
}

/** Options for {@link streamingLinearCKA}. */
export interface StreamingCKAOptions extends RescaleOption {
  /** Centre columns first. @default true */
  center?: boolean;
  /** Debiased CKA (the unbiased HSIC estimator; see {@link debiasedCKAFromMoments}). @default false */
  debiased?: boolean;
}

/**
 * Linear CKA (`linearCKA`) between two matrices read in row blocks, in one
 * pass. Memory: the three scatter matrices and one block per file.
 *
 * @param X Reader of X `[nStimuli, nUnitsX]`.
 * @param Y Reader of Y over the same rows, same block size.
 * @param options Centring.
 * @returns CKA, equal to `linearCKA(X, Y, options)` to rounding.
 *
 * @example Equals the in-memory CKA
 * ```ts
 * import { streamingLinearCKA } from "./streaming.ts";
 * import { linearCKA } from "./cka.ts";
 * import { openRowBlocks } from "../io/row_blocks.ts";
 * import { writeNpy } from "../io/npy.ts";
 * import assert from "node:assert/strict";
 * const dir = Deno.makeTempDirSync();
 * const X = { rows: 5, cols: 2, data: new Float64Array([1, 2, 3, 1, 0, 0, 2, 5, 4, 4]) };
 * const Y = { rows: 5, cols: 1, data: new Float64Array([0, 1, 2, 2, 1]) };
 * writeNpy(`${dir}/x.npy`, X);
 * writeNpy(`${dir}/y.npy`, Y);
 * const rx = await openRowBlocks(`${dir}/x.npy`, { blockRows: 2 });
 * const ry = await openRowBlocks(`${dir}/y.npy`, { blockRows: 2 });
 * assert.ok(Math.abs((await streamingLinearCKA(rx, ry)) - linearCKA(X, Y)) < 1e-14);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export async function streamingLinearCKA(
  X: RowBlockReader,
  Y: RowBlockReader,
  options: StreamingCKAOptions = {},
): Promise<number> {
  checkOptionNames(options, ["center", "debiased", "rescale"], "Cannot compute linear CKA", [
    "center",
    "debiased",
    "rescale",
  ]);
  const { center = true, debiased = false, rescale = false } = options ?? {};
  const m = await accumulateMoments([X, Y], {
    center,
    unbiased: debiased,
    rescale,
    window: FOURTH_POWER_SCALE,
  });
  return debiased ? debiasedCKAFromMoments(m, 0, 1) : linearCKAFromMoments(m, 0, 1);
}

/** Options for {@link streamingPairwise}. */
export interface StreamingPairwiseOptions extends LinearMetricOptions, RescaleOption {
  /**
   * `"linear"` (every α), `"permutation"` or `"cka"` (distance arccos of
   * linear CKA). @default "linear"
   */
  metric?: "linear" | "cka" | "permutation";
  /** With `metric: "cka"`: debiased CKA ({@link debiasedCKAFromMoments}). @default false */
  debiased?: boolean;
  /**
   * Pad each pair to its wider network (`"pair"`, as a single comparison
   * does) or every network to the widest (`"common"`), as `pairwiseDistances`'
   * option of the same name; only euclidean values at α < 1 differ.
   * @default "pair"
   */
  width?: "pair" | "common";
}

/**
 * The K×K distance matrix of several networks read in row blocks, from one
 * pass over every file in step ({@link accumulateMoments}): each network's
 * statistics serve all its pairs. Linear: padded per pair or to the widest
 * network (`width`), as `pairwiseDistances` does; pairs near zero take a
 * second pass over their two files. CKA: arccos of linear CKA.
 *
 * @param readers One row-block reader per network, same rows and block size.
 * @param options Metric and its options.
 * @returns Row-major K×K distances (symmetric, zero diagonal).
 *
 * @example Equals the in-memory pairwise matrix
 * ```ts
 * import { streamingPairwise } from "./streaming.ts";
 * import { pairwiseMatrix } from "../pairwise/engine.ts";
 * import assert from "node:assert/strict";
 * const nets = [[[1, 0], [0, 2], [3, 1], [1, 1]], [[0, 1], [2, 2], [1, 0], [3, 3]], [[1, 1], [0, 0], [2, 1], [0, 3]]];
 * const reader = (rows: number[][]) => ({
 *   source: "mem", rows: 4, cols: 2, blockRows: 4,
 *   async *blocks() { yield { rows: 4, cols: 2, data: Float64Array.from(rows.flat()) }; },
 * });
 * const D = await streamingPairwise(nets.map(reader), { alpha: 0.5 });
 * const ref = (await pairwiseMatrix(nets, { measure: "linear", alpha: 0.5, workers: 1 })).matrix.data;
 * D.data.forEach((d, k) => assert.ok(Math.abs(d - ref[k]!) < 1e-12));
 * ```
 */
export async function streamingPairwise(
  readers: readonly RowBlockReader[],
  options: StreamingPairwiseOptions = {},
): Promise<Matrix> {
  checkOptionNames(options, PAIRWISE_OPTIONS, "Cannot compute pairwise distances from row blocks");
  const K = readers.length;
  const D = new Float64Array(K * K);
  for (const [i, j, d] of await streamingPairEntries(readers, options)) {
    D[i! * K + j!] = d!;
    D[j! * K + i!] = d!;
  }
  return { rows: K, cols: K, data: D };
}

/** Options for {@link streamingPairEntries}. */
export interface StreamingPairEntriesOptions extends StreamingPairwiseOptions {
  /**
   * The pairs [i, j] (i < j) to compute, e.g. one shard's; only the networks
   * they name are read. @default every pair, row-major
   */
  pairs?: readonly (readonly [number, number])[];
  /**
   * Readers of each network's held-out rows (same rows and block size among
   * themselves; linear family only): every entry then also holds the held-out
   * distance, fitted on the training rows (`readers`) and scored on these, as
   * `pairwiseDistances` with `test` gives it.
   * @default undefined (no held-out rows)
   */
  test?: readonly RowBlockReader[];
}

/** Scatter of held-out rows about the training means: S_t + n_t (m_t,i − m_i)(m_t,j − m_j)ᵀ. */
function heldOutScatter(
  t: StreamingMoments,
  a: number,
  b: number,
  mi: Float64Array,
  mj: Float64Array,
  w: number,
): Matrix {
  const S = t.scatter(a, b), ti = t.means[a]!, tj = t.means[b]!;
  const out = new Float64Array(w * w);
  for (let x = 0; x < S.rows; x++) {
    const dx = t.n * (ti[x]! - mi[x]!);
    for (let y = 0; y < S.cols; y++) {
      out[x * w + y] = S.data[x * S.cols + y]! + dx * (tj[y]! - mj[y]!);
    }
  }
  return { rows: w, cols: w, data: out };
}

/**
 * Entries [i, j, distance] (or [i, j, distance, held-out distance] with
 * `test`) of a pairwise matrix over networks read in row blocks: one pass
 * over the training rows of the networks the pairs name, in step, and with
 * `test` one over their held-out rows, whose scatter and cross scatter about
 * the training means give every pair's held-out ‖A‖², ‖B‖² and ⟨A, B⟩ of the
 * aligned rows A = (x − m_x)·W_x (pairs near zero take a further pass over
 * their two files, as in memory). Each entry depends only on its pair's
 * files, so any split of the pairs (shards) gives bit-identical entries.
 *
 * @param readers One reader per network (training rows), same rows and block size.
 * @param options Metric and its options, `pairs`, `test`.
 * @returns The entries in the order of `pairs`.
 * @throws {TypeError} For `test` with a measure other than linear, or of the wrong length.
 *
 * @example Held-out distances equal the in-memory fit and score
 * ```ts
 * import { streamingPairEntries } from "./streaming.ts";
 * import { pairwiseMatrix } from "../pairwise/engine.ts";
 * import assert from "node:assert/strict";
 * const nets = [
 *   [[1, 0], [0, 2], [3, 1], [1, 1], [2, 2], [0, 1]],
 *   [[0, 1], [2, 2], [1, 0], [3, 3], [1, 2], [2, 0]],
 *   [[1, 1], [0, 0], [2, 1], [0, 3], [3, 0], [1, 2]],
 * ];
 * const reader = (rows: number[][]) => ({
 *   source: "mem", rows: rows.length, cols: 2, blockRows: 2,
 *   async *blocks() {
 *     for (let a = 0; a < rows.length; a += 2) {
 *       yield { rows: 2, cols: 2, data: Float64Array.from(rows.slice(a, a + 2).flat()) };
 *     }
 *   },
 * });
 * const e = await streamingPairEntries(nets.map((n) => reader(n.slice(0, 4))), {
 *   alpha: 0.5, test: nets.map((n) => reader(n.slice(4))), pairs: [[0, 2]],
 * });
 * const ref = await pairwiseMatrix(nets.map((n) => n.slice(0, 4)), {
 *   measure: "linear", alpha: 0.5, test: nets.map((n) => n.slice(4)), workers: 1,
 * });
 * assert.ok(Math.abs(e[0]![2]! - ref.matrix.data[2]!) < 1e-12);
 * assert.ok(Math.abs(e[0]![3]! - ref.test!.data[2]!) < 1e-12);
 * ```
 */
export async function streamingPairEntries(
  readers: readonly RowBlockReader[],
  options: StreamingPairEntriesOptions = {},
): Promise<number[][]> {
  const {
    metric = "linear",
    center = true,
    width: mode = "pair",
    rescale = false,
    debiased = false,
    pairs: given,
    test,
    ...rest
  } = options ?? {};
  const context = "Cannot compute pairwise distances from row blocks";
  checkOptionNames(options, [...PAIRWISE_OPTIONS, "pairs", "test"], context, [
    "center",
    "pad",
    "rescale",
    "debiased",
  ]);
  if (mode !== "pair" && mode !== "common") {
    throw new RangeError(`${context}: \`width\` must be pair or common: got ${mode}`);
  }
  if (metric !== "linear" && metric !== "cka" && metric !== "permutation") {
    throw new RangeError(
      `${context}: \`metric\` must be linear, permutation or cka: got ${metric}`,
    );
  }
  assertMetricReads(metric, { ...rest, debiased: options?.debiased }, context);
  if (metric === "permutation") delete rest.alpha; // `alpha: 1`, which changes nothing
  const K = readers.length;
  if (test !== undefined && (metric !== "linear" || test.length !== K)) {
    throw new TypeError(
      `${context}: \`test\` needs the linear metric and one reader per network: got ${metric} and ${test.length} readers for ${K} networks`,
    );
  }
  const pairs: (readonly [number, number])[] = [];
  if (given === undefined) {
    for (let i = 0; i < K; i++) for (let j = i + 1; j < K; j++) pairs.push([i, j]);
  } else {
    for (const [i, j] of given) {
      if (!(Number.isInteger(i) && Number.isInteger(j) && 0 <= i && i < j && j < K)) {
        throw new RangeError(
          `${context}: \`pairs\` must hold [i, j] with 0 ≤ i < j < ${K}: got [${i}, ${j}]`,
        );
      }
      pairs.push([i, j]);
    }
  }
  // only the networks the pairs name are read; local index of each
  const used = [...new Set(pairs.flat())].sort((a, b) => a - b);
  const local = new Map(used.map((k, a) => [k, a]));
  if (used.length === 0) return [];
  const unbiased = metric === "cka" && debiased;
  const m = await accumulateMoments(used.map((k) => readers[k]!), {
    center,
    rescale,
    unbiased,
    window: metric === "cka" ? FOURTH_POWER_SCALE : SAFE_SCALE,
  });
  const t = test === undefined
    ? null
    : await accumulateMoments(used.map((k) => test[k]!), { center: true });
  const widest = Math.max(...readers.map((r) => r.cols));
  const score = rest.score ?? "angular";
  const entries: number[][] = [];
  for (const [i, j] of pairs) {
    entries.push(await naming(i, j, () => pairEntry(i, j)));
  }
  return entries;

  async function pairEntry(i: number, j: number): Promise<number[]> {
    const a = local.get(i)!, b = local.get(j)!;
    let d: number;
    let maps: AlignedMaps | undefined;
    if (metric === "cka") {
      d = clippedArccos(
        unbiased ? debiasedCKAFromMoments(m, a, b) : linearCKAFromMoments(m, a, b),
      );
    } else {
      const width = mode === "common" ? widest : Math.max(m.cols[a]!, m.cols[b]!);
      const r = metric === "permutation"
        ? permutationMetricFromMoments(m, a, b, rest)
        : linearFromMoments(m, a, b, { ...rest, width }, t !== null);
      maps = (r as { maps?: AlignedMaps }).maps;
      d = r.distance ??
        await explicitPass(
          m.readers[a]!,
          m.readers[b]!,
          m.means[a]!,
          m.means[b]!,
          r.explicit!,
          score,
        );
    }
    if (t === null) return [i, j, d];
    const scales = [streamedScale(m, a), streamedScale(m, b)] as const;
    return [
      i,
      j,
      d,
      await heldOutDistance(t, a, b, m.means[a]!, m.means[b]!, maps!, score, scales),
    ];
  }
}

/**
 * `f()`, with the pair's `X` and `Y` in its data errors (TypeError, RangeError) renamed to
 * the networks they are (`networks[i]`, `networks[j]`); other errors as they are.
 */
async function naming<T>(i: number, j: number, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
    const message = e.message.replaceAll("`X`", `\`networks[${i}]\``)
      .replaceAll("`Y`", `\`networks[${j}]\``);
    throw e instanceof TypeError ? new TypeError(message) : new RangeError(message);
  }
}

/** The held-out distance of a pair from held-out moments and the training fit (`maps`). */
async function heldOutDistance(
  t: StreamingMoments,
  a: number,
  b: number,
  mx: Float64Array,
  my: Float64Array,
  maps: AlignedMaps,
  score: ScoreMethod,
  scales: readonly [number, number],
): Promise<number> {
  const bk = getBackend();
  const w = maps.Wx.rows;
  const Saa = heldOutScatter(t, a, a, mx, mx, w), Sbb = heldOutScatter(t, b, b, my, my, w);
  if (score === "angular") {
    // held-out rows at the training means up to rounding have no angle
    const rows = Math.max(1, t.n), context = "Cannot score linear metric";
    checkHeldOutRms(Math.sqrt(trace(Saa) / rows), scales[0], "X", context);
    checkHeldOutRms(Math.sqrt(trace(Sbb) / rows), scales[1], "Y", context);
  }
  const aa = traceProduct(maps.Wx, bk.gemm(Saa, maps.Wx, false, false));
  const bb = traceProduct(maps.Wy, bk.gemm(Sbb, maps.Wy, false, false));
  const ab = traceProduct(
    maps.Wx,
    bk.gemm(heldOutScatter(t, a, b, mx, my, w), maps.Wy, false, false),
  );
  const rows = () =>
    explicitPass(
      t.readers[a]!,
      t.readers[b]!,
      mx,
      my,
      { ...maps, normSqX: aa, normSqY: bb },
      score,
    );
  if (score === "euclidean") {
    const d2 = aa + bb - 2 * ab;
    return d2 > EUCLID_EXPLICIT * (aa + bb) ? Math.sqrt(d2) : await rows();
  }
  if (aa <= 0 || bb <= 0) {
    throw new RangeError(
      `Cannot score linear metric: the angle is undefined because \`${
        aa <= 0 ? "X" : "Y"
      }\` is zero after centring and alignment (constant responses?)`,
    );
  }
  const cos = ab / (Math.sqrt(aa) * Math.sqrt(bb));
  return cos < COS_EXPLICIT
    ? 2 * Math.atan2(Math.sqrt(Math.max(0, 2 - 2 * cos)), Math.sqrt(2 + 2 * cos))
    : await rows();
}
