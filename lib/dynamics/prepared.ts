/**
 * Per-operator preparation for the similarity-transform distance: validation,
 * Frobenius normalisation, the real Schur basis, eigenbases for the structured
 * starts, the spectra of the lower bound, and the L-BFGS preconditioner. An
 * operator compared with many others is analysed once.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { norm } from "./dense.ts";
import { type OperatorSpectra, operatorSpectra } from "./lower_bound.ts";
import { packedIndex } from "./optimize.ts";
import { realSchurBasis, type SchurBasis } from "./schur.ts";
import { type Basis, eigenBases } from "./starts.ts";

const CONTEXT = "Cannot compute similarity-transform distance";

/**
 * Validate two square operators and bring them to one size (zero-padding the
 * smaller one when `pad` is set).
 *
 * @param A First operator.
 * @param B Second operator.
 * @param pad Zero-pad instead of rejecting different sizes.
 * @param context Error message prefix.
 * @returns Both as matrices of the same order.
 *
 * @example
 * ```ts
 * import { operatorPair } from "./prepared.ts";
 * import assert from "node:assert/strict";
 * const { B } = operatorPair([[1, 0], [0, 1]], [[2]], true, "ctx");
 * assert.deepEqual(Array.from(B.data), [2, 0, 0, 0]);
 * ```
 */
export function operatorPair(
  A: MatrixLike,
  B: MatrixLike,
  pad: boolean,
  context: string,
): { A: Matrix; B: Matrix } {
  const a = asMatrix(A, "A", { context }), b = asMatrix(B, "B", { context });
  for (const [M, name] of [[a, "A"], [b, "B"]] as const) {
    if (M.rows !== M.cols) {
      throw new TypeError(
        `${context}: \`${name}\` must be square: got shape [${M.rows}, ${M.cols}]`,
      );
    }
  }
  if (a.rows === b.rows) return { A: a, B: b };
  if (!pad) {
    throw new TypeError(
      `${context}: \`A\` and \`B\` must have the same size (or pass \`pad: true\` to zero-pad the smaller): got shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`,
    );
  }
  const n = Math.max(a.rows, b.rows);
  const grow = (M: Matrix): Matrix => {
    if (M.rows === n) return M;
    const out = new Float64Array(n * n);
    for (let i = 0; i < M.rows; i++) out.set(M.data.subarray(i * M.cols, (i + 1) * M.cols), i * n);
    return { rows: n, cols: n, data: out };
  };
  return { A: grow(a), B: grow(b) };
}

function normalized(M: Matrix, name: string, context: string): Float64Array {
  const f = norm(M.data);
  if (f === 0) throw new RangeError(`${context}: \`${name}\` must not be the zero matrix`);
  const out = new Float64Array(M.data.length);
  for (let k = 0; k < out.length; k++) out[k] = M.data[k]! / f;
  return out;
}

/**
 * Everything about one operator that the distance needs and that does not
 * depend on the other operator: the Frobenius-normalised operator, its real
 * Schur basis, its eigenbases for the structured starts, the spectra for the
 * lower bound and the L-BFGS preconditioner. Plain data (structured-clonable).
 */
export interface PreparedOperator {
  /** Order n. */
  n: number;
  /** Â = A/‖A‖_F [n, n]. */
  hat: Float64Array;
  /** Real Schur basis of Â. */
  schur: SchurBasis;
  /** Eigenbases of the equivariant symmetric functions of Â. */
  bases: Basis[];
  /** Spectra for the lower bound. */
  spectra: OperatorSpectra;
  /** Jacobi preconditioner from the Schur form (used when this operator is the second one). */
  weights: Float64Array;
}

/**
 * Precompute the per-operator parts of {@link similarityTransformDistance}
 * (normalisation, Schur basis, eigenbases, spectra, preconditioner), so that an
 * operator compared with many others is analysed once.
 *
 * @param A Square operator [n, n], not the zero matrix.
 * @param name Argument name for error messages.
 * @returns The prepared operator.
 *
 * @example The same distance as from the raw operators
 * ```ts
 * import { prepareOperator } from "./prepared.ts";
 * import { distanceFromPrepared, similarityTransformDistance } from "./similarity.ts";
 * import assert from "node:assert/strict";
 * const A = [[0.9, 0.1], [-0.2, 0.7]], B = [[0.8, 0], [0.3, 0.6]];
 * const d = distanceFromPrepared(prepareOperator(A), prepareOperator(B)).distance;
 * assert.equal(d, similarityTransformDistance(A, B).distance);
 * ```
 */
export function prepareOperator(A: MatrixLike, name = "A"): PreparedOperator {
  const context = CONTEXT;
  const a = asMatrix(A, name, { context });
  if (a.rows !== a.cols) {
    throw new TypeError(`${context}: \`${name}\` must be square: got shape [${a.rows}, ${a.cols}]`);
  }
  const n = a.rows;
  const hat = normalized(a, name, context);
  const schur = realSchurBasis(hat, n);
  return {
    n,
    hat,
    schur,
    bases: eigenBases(hat, n),
    spectra: operatorSpectra(hat, n),
    weights: jacobiWeights(schur.T, n),
  };
}

/**
 * Jacobi preconditioner for the L-BFGS: the inverse diagonal of the
 * Gauss–Newton operator Ω ↦ [T, Ω]ᵀ[T, Ω] on the basis Eᵢⱼ − Eⱼᵢ,
 * ‖[T, Eᵢⱼ − Eⱼᵢ]‖² = cᵢ + cⱼ + rᵢ + rⱼ − 4(TᵢᵢTⱼⱼ − TᵢⱼTⱼᵢ) (c, r: squared column
 * and row norms), damped by a tenth of its mean. In a Schur basis of a nearly
 * normal T this is close to the exact operator, which removes most of the
 * ill-conditioning caused by clustered eigenvalues.
 */
function jacobiWeights(T: Float64Array, n: number): Float64Array {
  const m = (n * (n - 1)) / 2;
  const c = new Float64Array(n), r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = T[i * n + j]! ** 2;
      c[j] += v;
      r[i] += v;
    }
  }
  const d = new Float64Array(m);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = c[i]! + c[j]! + r[i]! + r[j]! -
        4 * (T[i * n + i]! * T[j * n + j]! - T[i * n + j]! * T[j * n + i]!);
      d[packedIndex(i, j, n)] = Math.max(0, v);
      mean += Math.max(0, v);
    }
  }
  mean = m > 0 ? mean / m : 1;
  if (!(mean > 0)) mean = 1;
  for (let k = 0; k < m; k++) d[k] = mean / (d[k]! + 0.1 * mean);
  return d;
}
