/**
 * Classical (Torgerson) multidimensional scaling of a distance matrix, to
 * embed DSA matrices in the plane.
 *
 * @module
 */

import { eigh } from "../linalg/eigh.ts";
import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { assertInteger } from "../validate/mod.ts";

/** Options for {@link classicalMds}. */
export interface MdsOptions {
  /** Embedding dimension. @default 2 */
  dims?: number;
}

/** An MDS embedding. */
export interface MdsResult {
  /** Coordinates [K, dims] (columns with non-positive eigenvalues are zero). */
  coordinates: Matrix;
  /** The leading eigenvalues of the double-centred squared distances, descending. */
  eigenvalues: Float64Array;
  /** Fraction of Σ|λ| carried by the kept positive eigenvalues. */
  explained: number;
}

/**
 * Classical MDS: B = −½ J D⁽²⁾ J (J the centring matrix), coordinates
 * X = V_k Λ_k^{1/2} from the k leading eigenpairs. Exact (up to rotation and
 * reflection) when D is Euclidean; axis signs follow the eigenvector convention
 * (largest-magnitude entry positive), so results are deterministic.
 *
 * @param D Symmetric distances [K, K] with a zero diagonal (finite).
 * @param options Embedding dimension.
 * @returns Coordinates, eigenvalues, explained fraction (tagged `"mds"`).
 *
 * @example Three points on a line are recovered
 * ```ts
 * import { classicalMds } from "./mds.ts";
 * import assert from "node:assert/strict";
 * const { coordinates } = classicalMds([[0, 1, 3], [1, 0, 2], [3, 2, 0]], { dims: 1 });
 * const x = Array.from(coordinates.data);
 * assert.ok(Math.abs(Math.abs(x[2]! - x[0]!) - 3) < 1e-12);
 * ```
 */
export function classicalMds(D: MatrixLike, options: MdsOptions = {}): MdsResult {
  const context = "Cannot compute MDS";
  const { dims = 2 } = options;
  const d = asMatrix(D, "D", { context });
  if (d.rows !== d.cols) {
    throw new TypeError(`${context}: \`D\` must be square: got shape [${d.rows}, ${d.cols}]`);
  }
  const K = d.rows;
  assertInteger(dims, "dims", 1, K, context);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const a = d.data[i * K + j]!, b = d.data[j * K + i]!;
      if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) {
        throw new RangeError(
          `${context}: \`D\` must be symmetric: D[${i}, ${j}] = ${a} but D[${j}, ${i}] = ${b}`,
        );
      }
    }
  }
  const sq = new Float64Array(K * K);
  for (let k = 0; k < sq.length; k++) sq[k] = d.data[k]! ** 2;
  const row = new Float64Array(K);
  let all = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) row[i] += sq[i * K + j]!;
    all += row[i]!;
    row[i] /= K;
  }
  all /= K * K;
  const B = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      B[i * K + j] = -0.5 * (0.5 * (sq[i * K + j]! + sq[j * K + i]!) - row[i]! - row[j]! + all);
    }
  }
  const { values, vectors } = eigh({ rows: K, cols: K, data: B });
  const order = Array.from(values.keys()).reverse(); // descending
  const coords = new Float64Array(K * dims);
  const eigenvalues = new Float64Array(dims);
  let total = 0, kept = 0;
  for (const v of values) total += Math.abs(v);
  for (let c = 0; c < dims; c++) {
    const idx = order[c]!;
    const lam = values[idx]!;
    eigenvalues[c] = lam;
    if (lam <= 0) continue;
    kept += lam;
    const s = Math.sqrt(lam);
    for (let i = 0; i < K; i++) coords[i * dims + c] = vectors!.data[i * K + idx]! * s;
  }
  return tagResult("mds", {
    coordinates: { rows: K, cols: dims, data: coords },
    eigenvalues,
    explained: total > 0 ? kept / total : 1,
  });
}
