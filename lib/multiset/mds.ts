/**
 * Classical (Torgerson) multidimensional scaling of a distance matrix: the
 * Euclidean embedding whose inner products best match −½ J D∘D J
 * (J = I − 11ᵀ/K). Negative eigenvalues of that matrix measure how far the
 * metric space is from Euclidean; their share of the total absolute
 * eigenvalue mass is reported.
 *
 * @module
 */

import { asMatrix, isMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { divideByPowerOfTwo, powerOfTwoScale } from "../linalg/scale.ts";
import { fixColumnSigns } from "../linalg/conventions.ts";
import { tagResult } from "../result.ts";
import { assertInteger } from "../validate/mod.ts";
import { checkOptions } from "../validate/options.ts";
import { MDS_OPTIONS } from "./option_kinds.ts";

/** Options for {@link classicalMDS}. */
export interface ClassicalMDSOptions {
  /** Embedding dimension (≤ K). @default 2 */
  dims?: number;
}

/** Result of {@link classicalMDS}. */
export interface ClassicalMDS {
  /** Coordinates [K, dims]: eigenvectors scaled by √max(λ, 0), largest λ first. */
  coordinates: Matrix;
  /** All K eigenvalues of −½ J D∘D J, descending. */
  eigenvalues: number[];
  /**
   * Σ|λ| over negative λ divided by Σ|λ|: 0 for a Euclidean distance matrix.
   * Eigenvalues within rounding of zero (|λ| ≤ K·ε·max|λ|) count as zero, so
   * Euclidean inputs give exactly 0.
   */
  negativeMass: number;
  /** Share of the positive eigenvalue mass captured by the first `dims` coordinates. */
  explained: number;
  /** Labels of the points, when the input carried them. */
  labels: string[];
}

/**
 * Classical MDS of a distance matrix (or a distance-matrix result).
 *
 * @param D Symmetric [K, K] distances with zero diagonal, or `{matrix, labels}`.
 * @param opts {@link ClassicalMDSOptions}.
 * @returns Coordinates, eigenvalues and the non-Euclidean share, tagged `classicalMDS`.
 *
 * @example Three points on a line are recovered exactly
 * ```ts
 * import { classicalMDS } from "./mds.ts";
 * import assert from "node:assert/strict";
 * const r = classicalMDS([[0, 1, 3], [1, 0, 2], [3, 2, 0]], { dims: 1 });
 * const x = Array.from(r.coordinates.data);
 * assert.ok(Math.abs(Math.abs(x[0]! - x[2]!) - 3) < 1e-12);
 * assert.ok(r.negativeMass < 1e-12);
 * ```
 */
export function classicalMDS(
  D: MatrixLike | { matrix: Matrix; labels?: readonly string[] },
  opts: ClassicalMDSOptions = {},
): Readonly<ClassicalMDS & { kind: string }> {
  const context = "Cannot compute classical MDS";
  checkOptions(opts, MDS_OPTIONS, context);
  const { dims = 2 } = opts;
  const wrapped = !Array.isArray(D) && !isMatrix(D) && typeof D === "object" && "matrix" in D;
  const M = asMatrix(wrapped ? D.matrix : D as MatrixLike, "D", { context });
  const K = M.rows;
  if (M.cols !== K) {
    throw new TypeError(`${context}: \`D\` must be square: got shape [${M.rows}, ${M.cols}]`);
  }
  if (opts.dims === undefined && K < dims) {
    // the caller gave no `dims`: say what is wrong with `D`, not with a default they never set
    throw new RangeError(
      `${context}: \`D\` must hold at least ${dims} points for the default ${dims} dimensions: got ${K} (pass \`dims: ${K}\` for fewer)`,
    );
  }
  assertInteger(dims, "dims", 1, K, context);
  let maxAbs = 0;
  for (const v of M.data) maxAbs = Math.max(maxAbs, Math.abs(v));
  for (let i = 0; i < K; i++) {
    if (Math.abs(M.data[i * K + i]!) > 1e-12 * maxAbs) {
      throw new RangeError(
        `${context}: \`D\` must have a zero diagonal: got D[${i}, ${i}] = ${M.data[i * K + i]}`,
      );
    }
    for (let j = 0; j < K; j++) {
      const v = M.data[i * K + j]!;
      if (v < 0) {
        throw new RangeError(`${context}: \`D\` must be non-negative: got D[${i}, ${j}] = ${v}`);
      }
      if (Math.abs(v - M.data[j * K + i]!) > 1e-10 * maxAbs) {
        throw new RangeError(
          `${context}: \`D\` must be symmetric: D[${i}, ${j}] = ${v} but D[${j}, ${i}] = ${
            M.data[j * K + i]
          }`,
        );
      }
    }
  }
  // extreme distances (max outside [2^-500, 2^500]) are divided by 2^k so that D∘D stays in
  // range; coordinates are multiplied back by 2^k and eigenvalues by 4^k at the end
  const shift = powerOfTwoScale(M.data);
  const Dk = shift === 0 ? M.data : divideByPowerOfTwo(M.data, shift);
  // B = −½ J (D∘D) J, symmetrised
  const sq = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const a = Dk[i * K + j]!, b = Dk[j * K + i]!;
      sq[i * K + j] = (a * a + b * b) / 2;
    }
  }
  const rowMean = new Float64Array(K);
  let grand = 0;
  for (let i = 0; i < K; i++) {
    let s = 0;
    for (let j = 0; j < K; j++) s += sq[i * K + j]!;
    rowMean[i] = s / K;
    grand += s;
  }
  grand /= K * K;
  const B = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      B[i * K + j] = -0.5 * (sq[i * K + j]! - rowMean[i]! - rowMean[j]! + grand);
    }
  }
  const { values, vectors } = getBackend().eigh({ rows: K, cols: K, data: B }, true);
  const V = vectors!.data.slice();
  fixColumnSigns(V, K, K);
  const eigenvalues = Array.from(values).reverse();
  const coords = new Float64Array(K * dims);
  for (let d = 0; d < dims; d++) {
    const col = K - 1 - d, scale = Math.sqrt(Math.max(0, values[col]!));
    for (let i = 0; i < K; i++) coords[i * dims + d] = V[i * K + col]! * scale;
  }
  let neg = 0, total = 0, pos = 0, kept = 0;
  const roundoff = K * Number.EPSILON * Math.max(0, ...eigenvalues.map(Math.abs));
  for (const [k, l] of eigenvalues.entries()) {
    total += Math.abs(l);
    if (l < -roundoff) neg -= l;
    else if (l < 0) continue;
    else {
      pos += l;
      if (k < dims) kept += l;
    }
  }
  if (shift !== 0) {
    for (const [k, l] of eigenvalues.entries()) {
      const back = l * 2 ** shift * 2 ** shift;
      if (Math.abs(l) > roundoff && !(Math.abs(back) >= 2 ** -1022 && Number.isFinite(back))) {
        throw new RangeError(
          `${context}: eigenvalue ${k} of −½ J (D∘D) J is about 1e${
            Math.round(Math.log10(Math.abs(l)) + 2 * shift * Math.LOG10E * Math.LN2)
          }, outside float64's range: \`D\` reaches |d| = ${maxAbs}; rescale the distances`,
        );
      }
      eigenvalues[k] = back;
    }
    for (let p = 0; p < coords.length; p++) coords[p] = coords[p]! * 2 ** shift;
  }
  const labels = wrapped && D.labels
    ? [...D.labels]
    : Array.from({ length: K }, (_, i) => String(i));
  return tagResult("classicalMDS", {
    coordinates: { rows: K, cols: dims, data: coords },
    eigenvalues,
    negativeMass: total > 0 ? neg / total : 0,
    explained: pos > 0 ? kept / pos : 1,
    labels,
  });
}
