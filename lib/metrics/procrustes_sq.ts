/**
 * Squared orthogonal Procrustes distance, centred and not normalised (as in the
 * ReSi benchmark): min over orthogonal Q of ‖Xc − Yc Q‖_F² (narrower side
 * zero-padded) = ‖Xc‖_F² + ‖Yc‖_F² − 2‖XcᵀYc‖_*, clipped at 0.
 *
 * @module
 */

import { getBackend } from "../linalg/backend.ts";
import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { centredColumns, checkSameStimuli, checkZooInput, sumOfSquares } from "./zoo_inputs.ts";
import { commonUnitScale, timesPowerOfTwo } from "./inputs.ts";
import { largestMagnitude } from "../linalg/scale.ts";

/** The smallest positive normal float64, 2^-1022: below it a result has lost digits. */
const MIN_NORMAL = 2 ** -1022;

/** One network prepared for the squared Procrustes distance ({@link prepareProcrustesSq}). */
export interface PreparedProcrustesSq {
  /** Number of stimuli. */
  n: number;
  /** Number of units. */
  p: number;
  /** Centred responses, row-major [n, p]. */
  centred: Float64Array;
  /** ‖Xc‖_F². */
  sqNorm: number;
}

/**
 * Prepare one network for the squared Procrustes distance: centre its columns.
 *
 * @param X Responses [nStimuli, nUnits].
 * @param name Argument name used in messages. @default "X"
 * @returns {@link PreparedProcrustesSq}.
 *
 * @example
 * ```ts
 * import { prepareProcrustesSq } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(prepareProcrustesSq([[0, 1], [2, 3]]).sqNorm, 4);
 * ```
 */
export function prepareProcrustesSq(X: MatrixLike, name = "X"): PreparedProcrustesSq {
  return prepareChecked(checkZooInput(X, name, "Cannot prepare Procrustes distance"));
}

/** The prepared form of an already validated matrix. */
function prepareChecked(M: Matrix): PreparedProcrustesSq {
  const C = centredColumns(M);
  return { n: M.rows, p: M.cols, centred: C.data, sqNorm: sumOfSquares(C.data) };
}

/**
 * Squared Procrustes distance of two prepared networks.
 *
 * @param a `X` prepared by {@link prepareProcrustesSq}.
 * @param b `Y` prepared on the same stimuli.
 * @returns ‖Xc‖² + ‖Yc‖² − 2‖XcᵀYc‖_*, clipped at 0.
 *
 * @example
 * ```ts
 * import { prepareProcrustesSq, procrustesSqPrepared } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const a = prepareProcrustesSq([[0], [2]]), b = prepareProcrustesSq([[0], [4]]);
 * assert.equal(procrustesSqPrepared(a, b), 2); // centred: [−1, 1] and [−2, 2]
 * ```
 */
export function procrustesSqPrepared(a: PreparedProcrustesSq, b: PreparedProcrustesSq): number {
  checkSameStimuli(a, b, "Cannot compute Procrustes distance");
  const be = getBackend();
  const C = be.gemm(
    { rows: a.n, cols: a.p, data: a.centred },
    { rows: b.n, cols: b.p, data: b.centred },
    true,
    false,
  );
  const s = be.singularValues(C);
  let nuclear = 0;
  for (let i = 0; i < s.length; i++) nuclear += s[i]!;
  return Math.max(0, a.sqNorm + b.sqNorm - 2 * nuclear);
}

/**
 * Squared orthogonal Procrustes distance between centred, unnormalised responses:
 * ‖Xc‖_F² + ‖Yc‖_F² − 2‖XcᵀYc‖_* (nuclear norm), clipped at 0.
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @returns Squared distance ≥ 0 (0 for a rotated, shifted copy).
 *
 * @example Zero for a rotated, shifted copy; not invariant to scale
 * ```ts
 * import { procrustesSq } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5]];
 * assert.ok(procrustesSq(X, X.map(([a, b]) => [b + 1, -a])) < 1e-12);
 * assert.ok(procrustesSq(X, X.map(([a, b]) => [2 * a, 2 * b])) > 1);
 * ```
 */
export function procrustesSq(X: MatrixLike, Y: MatrixLike): number {
  const context = "Cannot compute Procrustes distance";
  const X0 = checkZooInput(X, "X", context), Y0 = checkZooInput(Y, "Y", context);
  checkSameStimuli({ n: X0.rows, p: X0.cols }, { n: Y0.rows, p: Y0.cols }, context);
  // far from unit scale, both inputs are brought to unit scale by one power of two 2^-e and
  // the squared distance is scaled back by 4^e (exact unless it leaves the float64 range)
  const { Xs: [a, b], exponent: e } = commonUnitScale([X0, Y0]);
  // validated once above: the prepared forms need no second scan
  const d = procrustesSqPrepared(prepareChecked(a!), prepareChecked(b!));
  if (e === 0 || d === 0) return d;
  const out = timesPowerOfTwo(d, 2 * e);
  if (!(out < Infinity) || out < MIN_NORMAL) {
    const m = Math.max(largestMagnitude(X0.data), largestMagnitude(Y0.data));
    throw new RangeError(
      `${context}: the squared distance is ${d} · 2^${2 * e}, ${
        out < Infinity ? "below" : "above"
      } the float64 range (max|x| of \`X\` and \`Y\` = ${m}): rescale both by one factor c (the squared distance scales by c²)`,
    );
  }
  return out;
}
