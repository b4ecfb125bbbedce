/**
 * CKNNA, centred kernel nearest-neighbour alignment (Huh et al. 2024): CKA with
 * the unbiased HSIC estimator restricted to pairs that are mutual nearest
 * neighbours in both networks.
 *
 * K = X̂X̂ᵀ and L = ŶŶᵀ on unit-norm rows (uncentred); Mx[i, j] = 1 iff
 * j ∈ N_X(i) (row-wise, not symmetrised; see `knn.ts` for the neighbour sets and
 * their tie rule), My likewise, M = Mx∘My. With Ã the matrix A with zero diagonal,
 *
 *   HSIC_u(A, B) = [tr(ÃB̃) + (1ᵀÃ1)(1ᵀB̃1)/((n−1)(n−2)) − 2·1ᵀÃB̃1/(n−2)] / (n(n−3)),
 *
 * where tr(ÃB̃) = Σ_ij Ã_ij B̃_ji (the masked kernels are not symmetric), and
 *
 *   CKNNA = HSIC_u(M∘K, M∘L) / √(HSIC_u(Mx∘K, Mx∘K) · HSIC_u(My∘L, My∘L)), no epsilon.
 *
 * The masked kernels have at most k entries per row, so everything is O(n·k)
 * once the neighbour lists are known ({@link prepareKnn}).
 *
 * @module
 */

import type { MatrixLike } from "../linalg/matrix.ts";
import { type KnnOptions, type PreparedKnn, prepareKnn } from "./knn.ts";
import { checkSameStimuli, checkZooInput } from "./zoo_inputs.ts";
import { checkOptionNames } from "../validate/options.ts";

/** A sparse matrix by rows: row i's entries are cols/vals [ptr[i], ptr[i+1]). */
interface SparseRows {
  ptr: Int32Array;
  cols: Int32Array;
  vals: Float64Array;
}

function lookup(B: SparseRows, row: number, col: number): number {
  for (let t = B.ptr[row]!; t < B.ptr[row + 1]!; t++) if (B.cols[t] === col) return B.vals[t]!;
  return 0;
}

/** The unbiased HSIC estimator for two n×n matrices with zero diagonals, given by rows. */
function hsicUnbiasedSparse(A: SparseRows, B: SparseRows, n: number): number {
  let trace = 0, sumA = 0, sumB = 0;
  const colSumA = new Float64Array(n), rowSumB = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let t = A.ptr[i]!; t < A.ptr[i + 1]!; t++) {
      const j = A.cols[t]!, a = A.vals[t]!;
      sumA += a;
      colSumA[j] += a;
      trace += a * lookup(B, j, i);
    }
    for (let t = B.ptr[i]!; t < B.ptr[i + 1]!; t++) {
      sumB += B.vals[t]!;
      rowSumB[i] += B.vals[t]!;
    }
  }
  let ab1 = 0;
  for (let j = 0; j < n; j++) ab1 += colSumA[j]! * rowSumB[j]!;
  return (trace + (sumA * sumB) / ((n - 1) * (n - 2)) - (2 * ab1) / (n - 2)) / (n * (n - 3));
}

function fullMask(a: PreparedKnn): SparseRows {
  const ptr = new Int32Array(a.n + 1);
  for (let i = 0; i <= a.n; i++) ptr[i] = i * a.k;
  return { ptr, cols: a.neighbours, vals: a.similarities };
}

/**
 * CKNNA of two networks prepared by {@link prepareKnn} (same k and stimuli).
 *
 * @param a `X` prepared by {@link prepareKnn}.
 * @param b `Y` prepared with the same k and stimuli (n ≥ 4).
 * @returns CKNNA (1 for identical neighbourhood kernels; can be negative).
 *
 * @example One for the same network
 * ```ts
 * import { cknnaPrepared, prepareKnn } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const a = prepareKnn([[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]], { k: 2 });
 * assert.ok(Math.abs(cknnaPrepared(a, a) - 1) < 1e-12);
 * ```
 */
export function cknnaPrepared(a: PreparedKnn, b: PreparedKnn): number {
  const context = "Cannot compute CKNNA";
  checkSameStimuli(a, b, context);
  if (a.k !== b.k) {
    throw new RangeError(
      `${context}: \`X\` and \`Y\` were prepared with different \`k\`: got ${a.k} and ${b.k}`,
    );
  }
  const n = a.n, k = a.k;
  if (n < 4) {
    throw new RangeError(`${context}: the unbiased HSIC needs at least 4 stimuli (rows): got ${n}`);
  }
  // the mutual mask M = Mx∘My: entries j in both neighbour lists of row i
  const ptr = new Int32Array(n + 1);
  const cols: number[] = [], kv: number[] = [], lv: number[] = [];
  const stamp = new Int32Array(n), posX = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = a.neighbours[i * k + t]!;
      stamp[j] = i + 1;
      posX[j] = t;
    }
    for (let t = 0; t < k; t++) {
      const j = b.neighbours[i * k + t]!;
      if (stamp[j] !== i + 1) continue;
      cols.push(j);
      kv.push(a.similarities[i * k + posX[j]!]!);
      lv.push(b.similarities[i * k + t]!);
    }
    ptr[i + 1] = cols.length;
  }
  const c = Int32Array.from(cols);
  const MK = { ptr, cols: c, vals: Float64Array.from(kv) };
  const ML = { ptr, cols: c, vals: Float64Array.from(lv) };
  const Kx = fullMask(a), Ly = fullMask(b);
  const hxx = hsicUnbiasedSparse(Kx, Kx, n), hyy = hsicUnbiasedSparse(Ly, Ly, n);
  if (!(hxx * hyy > 0)) {
    throw new RangeError(
      `${context}: CKNNA is undefined because HSIC_u(Mx∘K, Mx∘K)·HSIC_u(My∘L, My∘L) is not positive: got ${hxx} and ${hyy}`,
    );
  }
  return hsicUnbiasedSparse(MK, ML, n) / Math.sqrt(hxx * hyy);
}

/**
 * CKNNA (Huh et al. 2024): kernel alignment restricted to mutual k-nearest-neighbour
 * pairs, with the unbiased HSIC estimator (see the module documentation for the
 * exact conventions).
 *
 * @param X Responses [nStimuli, nUnitsX], nStimuli ≥ 4.
 * @param Y Responses [nStimuli, nUnitsY].
 * @param options `k` (default 10).
 * @returns CKNNA (1 for identical neighbourhood kernels).
 *
 * @example Invariant to rotating the units
 * ```ts
 * import { cknna } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0.5, 0], [2, 5], [4, 4], [1, 0]];
 * const Y = X.map(([a, b]) => [0.6 * a - 0.8 * b, 0.8 * a + 0.6 * b]);
 * assert.ok(Math.abs(cknna(X, Y, { k: 2 }) - 1) < 1e-12);
 * ```
 */
export function cknna(X: MatrixLike, Y: MatrixLike, options: KnnOptions = {}): number {
  const context = "Cannot compute CKNNA";
  checkOptionNames(options, ["k"], context);
  // invariant to scaling either input: prepareKnn computes at unit scale
  const a = checkZooInput(X, "X", context);
  const b = checkZooInput(Y, "Y", context);
  checkSameStimuli({ n: a.rows, p: a.cols }, { n: b.rows, p: b.cols }, context);
  return cknnaPrepared(prepareKnn(a, options, "X"), prepareKnn(b, options, "Y"));
}
