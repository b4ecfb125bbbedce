/**
 * Soft matching distance (Khosla & Williams 2023): the optimal-transport
 * generalisation of the permutation metric to networks of different widths.
 *
 * Conventions: x_i, y_j are the uncentred tuning curves (columns) scaled to unit
 * norm, x / max(‖x‖, 1e-12); d = √(min_P Σ_ij P_ij ‖x_i − y_j‖²) over transport
 * plans P ≥ 0 with row sums 1/p_X and column sums 1/p_Y, solved exactly
 * ({@link uniformTransportCost}; an assignment when the widths are equal). Costs are
 * formed so that identical units cost exactly 0 (near-identical pairs are
 * recomputed as sums of squared differences).
 *
 * @module
 */

import { getBackend } from "../linalg/backend.ts";
import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { uniformTransportCost } from "../optim/transport.ts";
import { assertFiniteArray } from "../validate/mod.ts";
import { checkSameStimuli, UNIT_NORM_FLOOR } from "./zoo_inputs.ts";

/** One network prepared for soft matching ({@link prepareSoftMatch}). */
export interface PreparedSoftMatch {
  /** Number of stimuli. */
  n: number;
  /** Number of units. */
  p: number;
  /** The responses as given, row-major [n, p] (not copied). */
  responses: Float64Array;
  /** Per unit, 1 / max(‖column‖, 1e-12): column j times scale[j] is its unit-norm tuning curve. */
  scale: Float64Array;
  /** Per unit, the squared norm of its unit-norm tuning curve (1, or 0 for a silent unit). */
  sq: Float64Array;
}

/**
 * Prepare one network for soft matching: the scale of each unit's tuning curve
 * (the curves themselves are never copied out).
 *
 * @param X Responses [nStimuli, nUnits].
 * @param name Argument name used in messages. @default "X"
 * @returns {@link PreparedSoftMatch}.
 *
 * @example
 * ```ts
 * import { prepareSoftMatch } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const a = prepareSoftMatch([[2, 0], [0, 4]]);
 * assert.deepEqual(Array.from(a.scale), [0.5, 0.25]);
 * assert.deepEqual(Array.from(a.sq), [1, 1]);
 * ```
 */
export function prepareSoftMatch(X: MatrixLike, name = "X"): PreparedSoftMatch {
  return prepare(X, name, "Cannot prepare soft matching");
}

function prepare(X: MatrixLike, name: string, context: string): PreparedSoftMatch {
  const M = asMatrix(X, name, { context, finite: false });
  const { rows: n, cols: p, data } = M;
  const norms = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) norms[j] += data[i * p + j]! * data[i * p + j]!;
  }
  // one read of the data: a NaN or infinite entry makes its column's sum of squares
  // non-finite; only then is the data scanned again to name it
  for (let j = 0; j < p; j++) {
    if (!Number.isFinite(norms[j]!)) {
      assertFiniteArray(data, name, context, p);
      throw new RangeError(
        `${context}: \`${name}\` is too large: the squared norm of unit ${j} overflows`,
      );
    }
  }
  const scale = new Float64Array(p), sq = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    scale[j] = 1 / Math.max(Math.sqrt(norms[j]!), UNIT_NORM_FLOOR);
    sq[j] = norms[j]! * scale[j]! * scale[j]!;
  }
  return { n, p, responses: data, scale, sq };
}

/**
 * Squared distances between the unit-norm tuning curves of two prepared networks,
 * [pX, pY]: ‖x̂‖² + ‖ŷ‖² − 2 x̂ᵀŷ through one product XᵀY (no scaled copies);
 * wherever that loses more than about four digits to cancellation the entry is
 * recomputed as Σ_k (x̂_k − ŷ_k)², so identical units cost exactly 0.
 */
function curveCosts(a: PreparedSoftMatch, b: PreparedSoftMatch): Matrix {
  const { n, p } = a, q = b.p;
  const G = getBackend().gemm(
    { rows: n, cols: p, data: a.responses },
    { rows: n, cols: q, data: b.responses },
    true,
    false,
  ).data;
  const xa = a.responses, xb = b.responses;
  const C = new Float64Array(p * q);
  for (let i = 0; i < p; i++) {
    const si = a.scale[i]!, ri = a.sq[i]!;
    for (let j = 0; j < q; j++) {
      const tj = b.scale[j]!, total = ri + b.sq[j]!;
      let v = total - 2 * (si * tj) * G[i * q + j]!;
      if (v < 1e-4 * total) {
        v = 0;
        for (let k = 0; k < n; k++) {
          const t = xa[k * p + i]! * si - xb[k * q + j]! * tj;
          v += t * t;
        }
      }
      C[i * q + j] = v;
    }
  }
  return { rows: p, cols: q, data: C };
}

/**
 * Soft matching distance of two prepared networks.
 *
 * @param a `X` prepared by {@link prepareSoftMatch}.
 * @param b `Y` prepared on the same stimuli.
 * @returns Distance in [0, 2].
 *
 * @example Duplicating every unit changes nothing
 * ```ts
 * import { prepareSoftMatch, softMatchPrepared } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5]];
 * const a = prepareSoftMatch(X), b = prepareSoftMatch(X.map(([u, v]) => [u, v, v, u]));
 * assert.equal(softMatchPrepared(a, b), 0);
 * ```
 */
export function softMatchPrepared(a: PreparedSoftMatch, b: PreparedSoftMatch): number {
  checkSameStimuli(a, b, "Cannot compute soft matching distance");
  const C = curveCosts(a, b);
  return Math.sqrt(Math.max(0, uniformTransportCost(C.data, C.rows, C.cols)));
}

/**
 * Soft matching distance (Khosla & Williams 2023): √ of the optimal-transport cost
 * between the unit-norm tuning curves of X and of Y, uniform mass on each unit.
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @returns Distance ≥ 0 (0 when Y's units are X's, permuted or repeated evenly).
 *
 * @example Zero for permuted, rescaled units; positive after a rotation
 * ```ts
 * import { softMatchDistance } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5]];
 * assert.equal(softMatchDistance(X, X.map(([a, b]) => [2 * b, a])), 0);
 * assert.ok(softMatchDistance(X, X.map(([a, b]) => [0.6 * a - 0.8 * b, 0.8 * a + 0.6 * b])) > 0.1);
 * ```
 */
export function softMatchDistance(X: MatrixLike, Y: MatrixLike): number {
  const context = "Cannot compute soft matching distance";
  // shapes first; finiteness is checked while preparing (one read of each input)
  const a = asMatrix(X, "X", { context, finite: false });
  const b = asMatrix(Y, "Y", { context, finite: false });
  checkSameStimuli({ n: a.rows, p: a.cols }, { n: b.rows, p: b.cols }, context);
  return softMatchPrepared(prepare(a, "X", context), prepare(b, "Y", context));
}
