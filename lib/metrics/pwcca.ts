/**
 * PWCCA, projection-weighted CCA (Morcos, Raghu & Bengio 2018).
 *
 * Conventions (exactly as stated, not as google/svcca's code): columns are
 * centred; A is the side with fewer units (X on ties), B the other;
 * M = (AᵀA)^{-1/2}(AᵀB)(BᵀB)^{-1/2} = U diag(ρ) Vᵀ; D = A U (the centred data
 * times U); P = the Q factor of the thin QR of D; α_i = Σ_j |P_iᵀ a_j| over A's
 * columns a_j; w = α / Σα; PWCCA = Σ_i w_i ρ_i. Both sides need fewer units than
 * stimuli and full column rank after centring.
 *
 * Computed from the thin SVD of each centred side, A = U_A S_A V_Aᵀ: then
 * (AᵀA)^{-1/2}Aᵀ = V_A U_Aᵀ, so with U_AᵀU_B = P' diag(ρ) Q'ᵀ, U = V_A P',
 * D = A U = U_A T with T = S_A P', P = U_A Q_T (Q_T from the QR of the p × p matrix
 * T) and α_i = Σ_j |(Q_Tᵀ S_A V_Aᵀ)_ij|: one n × p product per pair and no inverse
 * square roots. (The SVD comes from the p × p Gram matrix when that is well
 * conditioned, else from LAPACK's SVD.)
 *
 * @module
 */

import { getBackend } from "../linalg/backend.ts";
import type { MatrixLike } from "../linalg/matrix.ts";
import {
  centredColumns,
  checkSameStimuli,
  checkZooInput,
  rankFromSingularValues,
  thinLeftSingular,
} from "./zoo_inputs.ts";
import { unitScale } from "./inputs.ts";

/** One network prepared for PWCCA ({@link preparePwcca}). */
export interface PreparedPwcca {
  /** Number of stimuli. */
  n: number;
  /** Number of units. */
  p: number;
  /** Left singular vectors of the centred responses, row-major [n, p]. */
  U: Float64Array;
  /** Singular values, descending, length p. */
  s: Float64Array;
  /** Right singular vectors transposed, row-major [p, p]. */
  Vt: Float64Array;
}

/**
 * Prepare one network for PWCCA: centre and take the thin SVD.
 *
 * @param X Responses [nStimuli, nUnits], nUnits < nStimuli, full column rank after centring.
 * @param name Argument name used in messages. @default "X"
 * @returns {@link PreparedPwcca}.
 *
 * @example More units than stimuli is refused
 * ```ts
 * import { preparePwcca } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => preparePwcca([[1, 2, 3], [4, 5, 7]]), /fewer units \(columns\) than stimuli/);
 * assert.equal(preparePwcca([[1], [2], [4]]).p, 1);
 * ```
 */
export function preparePwcca(X: MatrixLike, name = "X"): PreparedPwcca {
  const context = "Cannot prepare PWCCA";
  const M = checkZooInput(X, name, context);
  const n = M.rows, p = M.cols;
  if (p >= n) {
    throw new RangeError(
      `${context}: \`${name}\` must have fewer units (columns) than stimuli (rows): got shape [${n}, ${p}]`,
    );
  }
  const { U, s, Vt } = thinLeftSingular(centredColumns(M));
  const rank = rankFromSingularValues(s, n, p);
  if (rank < p) {
    throw new RangeError(
      `${context}: \`${name}\` must have full column rank after centring: got rank ${rank} for shape [${n}, ${p}]`,
    );
  }
  return { n, p, U: U.data, s, Vt: Vt.data };
}

/**
 * PWCCA of two prepared networks (A = the one with fewer units, `a` on ties).
 *
 * @param a `X` prepared by {@link preparePwcca}.
 * @param b `Y` prepared by {@link preparePwcca} on the same stimuli.
 * @returns Similarity in [0, 1].
 *
 * @example One for the same network
 * ```ts
 * import { preparePwcca, pwccaPrepared } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const a = preparePwcca([[1, 2], [3, 1], [0, 0], [2, 5]]);
 * assert.ok(Math.abs(pwccaPrepared(a, a) - 1) < 1e-12);
 * ```
 */
export function pwccaPrepared(a: PreparedPwcca, b: PreparedPwcca): number {
  checkSameStimuli(a, b, "Cannot compute PWCCA");
  const [A, B] = b.p < a.p ? [b, a] : [a, b];
  const n = A.n, p = A.p, q = B.p;
  const be = getBackend();
  const mat = (rows: number, cols: number, data: Float64Array) => ({ rows, cols, data });
  // canonical correlations and directions: U_AᵀU_B = P' diag(ρ) Q'ᵀ
  const raw = be.svd(be.gemm(mat(n, p, A.U), mat(n, q, B.U), true, false), false);
  const rho = raw.s;
  // T = S_A P'; P_iᵀ a_j = (Q_Tᵀ S_A V_Aᵀ)_ij
  const T = new Float64Array(p * p), SV = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      T[i * p + j] = A.s[i]! * raw.U.data[i * p + j]!;
      SV[i * p + j] = A.s[i]! * A.Vt[i * p + j]!;
    }
  }
  const QT = be.qr(mat(p, p, T)).Q;
  const proj = be.gemm(QT, mat(p, p, SV), true, false).data;
  const alpha = new Float64Array(p);
  let total = 0;
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += Math.abs(proj[i * p + j]!);
    alpha[i] = s;
    total += s;
  }
  let out = 0;
  for (let i = 0; i < p; i++) out += (alpha[i]! / total) * Math.min(1, Math.max(0, rho[i]!));
  return out;
}

/**
 * PWCCA similarity (Morcos et al. 2018): canonical correlations weighted by how
 * much of the narrower network's centred responses each canonical direction
 * accounts for (conventions in the module docs).
 *
 * @param X Responses [nStimuli, nUnitsX], nUnitsX < nStimuli.
 * @param Y Responses [nStimuli, nUnitsY], nUnitsY < nStimuli.
 * @returns Similarity in [0, 1].
 *
 * @example One for an invertible linear map of the units
 * ```ts
 * import { pwcca } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5], [4, 4]];
 * assert.ok(Math.abs(pwcca(X, X.map(([a, b]) => [a + b, 2 * b])) - 1) < 1e-12);
 * ```
 */
export function pwcca(X: MatrixLike, Y: MatrixLike): number {
  const context = "Cannot compute PWCCA";
  // invariant to scaling either input: far from unit scale, compute at unit scale (as the registry)
  const a = unitScale(checkZooInput(X, "X", context));
  const b = unitScale(checkZooInput(Y, "Y", context));
  checkSameStimuli({ n: a.rows, p: a.cols }, { n: b.rows, p: b.cols }, context);
  return pwccaPrepared(preparePwcca(a, "X"), preparePwcca(b, "Y"));
}
