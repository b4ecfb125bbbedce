/**
 * Tangent-space embedding of networks at their barycenter: each network is
 * represented by its aligned residual v_i = X_i Q_i − X̄ (flattened), a vector
 * in a common Euclidean space whose length is the network's Procrustes (or
 * permutation) distance to the barycenter. (The residual X̄ − X_i Q_i of the
 * spec is −v_i; the sign does not change any distance.) Principal coordinates
 * of the vectors give a low-dimensional picture, e.g. for a scatter plot.
 *
 * @module
 */

import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { fixSvdSigns } from "../linalg/conventions.ts";
import { tagResult } from "../result.ts";
import { assertInteger } from "../validate/mod.ts";
import { type Barycenter, barycenter, type BarycenterOptions } from "./barycenter.ts";
import { checkOptions } from "../validate/options.ts";
import { TANGENT_OPTIONS } from "./option_kinds.ts";

/** Options for {@link tangentEmbedding}. */
export interface TangentEmbeddingOptions extends BarycenterOptions {
  /** Number of principal coordinates (≤ number of networks). @default 2 */
  dims?: number;
  /** A barycenter already computed from the same networks and options. */
  barycenter?: Barycenter;
}

/** Result of {@link tangentEmbedding}. */
export interface TangentEmbedding {
  /** Tangent vectors [K, nStimuli·width]: row i is X_i Q_i − X̄, flattened row-major. */
  vectors: Matrix;
  /** Principal coordinates of the vectors [K, dims] (centred across networks). */
  coordinates: Matrix;
  /** Singular values of the centred vectors, descending. */
  singularValues: number[];
  /** Distance of each network to the barycenter (the vector norms). */
  distances: number[];
  /** The barycenter used. */
  barycenter: Barycenter;
}

/**
 * Embed networks in the tangent space at their barycenter.
 *
 * @param networks Responses [nStimuli, nUnits_i] to the same stimuli.
 * @param opts {@link TangentEmbeddingOptions}.
 * @returns Vectors, principal coordinates and distances, tagged `tangentEmbedding`.
 *
 * @example Vector lengths are distances to the barycenter
 * ```ts
 * import { tangentEmbedding } from "./tangent.ts";
 * import assert from "node:assert/strict";
 * const A = [[1, 0], [-1, 0], [0, 2], [0, -2]];
 * const B = [[2, 0], [-2, 0], [0, 1], [0, -1]];
 * const r = tangentEmbedding([A, B], { dims: 1 });
 * assert.ok(Math.abs(r.distances[0]! - r.distances[1]!) < 1e-12);
 * assert.deepEqual([r.coordinates.rows, r.coordinates.cols], [2, 1]);
 * ```
 */
export function tangentEmbedding(
  networks: readonly MatrixLike[],
  opts: TangentEmbeddingOptions = {},
): Readonly<TangentEmbedding & { kind: string }> {
  const context = "Cannot compute tangent embedding";
  checkOptions(opts, TANGENT_OPTIONS, context);
  const { dims = Math.min(2, networks.length), barycenter: given, ...rest } = opts;
  const bary = given ?? barycenter(networks, rest);
  const K = bary.networks.length;
  if (networks.length !== K) {
    throw new TypeError(
      `${context}: \`barycenter\` was computed from ${K} networks: got ${networks.length}`,
    );
  }
  assertInteger(dims, "dims", 1, K, context);
  const backend = getBackend();
  const { rows: n, cols: p } = bary.mean;
  const size = n * p;
  const V = new Float64Array(K * size);
  const distances: number[] = [];
  for (let i = 0; i < K; i++) {
    const A = backend.gemm(bary.networks[i]!, bary.alignments[i]!, false, false);
    let s = 0;
    for (let k = 0; k < size; k++) {
      const v = A.data[k]! - bary.mean.data[k]!;
      V[i * size + k] = v;
      s += v * v;
    }
    distances.push(Math.sqrt(s));
  }
  // principal coordinates: centre across networks, thin SVD of the K × size matrix
  const C = V.slice();
  for (let k = 0; k < size; k++) {
    let m = 0;
    for (let i = 0; i < K; i++) m += C[i * size + k]!;
    m /= K;
    for (let i = 0; i < K; i++) C[i * size + k] -= m;
  }
  const raw = backend.svd({ rows: K, cols: size, data: C }, false);
  const U = raw.U.data.slice(), Vt = raw.Vt.data.slice();
  fixSvdSigns(U, K, raw.U.cols, Vt, raw.Vt.rows, size);
  const coords = new Float64Array(K * dims);
  for (let i = 0; i < K; i++) {
    for (let d = 0; d < dims; d++) {
      coords[i * dims + d] = d < raw.s.length ? U[i * raw.U.cols + d]! * raw.s[d]! : 0;
    }
  }
  return tagResult("tangentEmbedding", {
    vectors: { rows: K, cols: size, data: V },
    coordinates: { rows: K, cols: dims, data: coords },
    singularValues: Array.from(raw.s),
    distances,
    barycenter: bary,
  });
}
