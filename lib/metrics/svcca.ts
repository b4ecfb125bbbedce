/**
 * SVCCA (Raghu et al. 2017): reduce each network to its leading principal
 * components, then average the canonical correlations between the two reduced
 * representations.
 *
 * Conventions: columns are centred; each side keeps `dims` components, or by
 * default the smallest d with Σ_{i≤d} s_i² ≥ 0.99 Σ s_i² (squared singular values
 * of the centred data, each side on its own). The canonical correlations between
 * the kept PC scores are the singular values of U_Xᵀ U_Y (the kept left singular
 * vectors, orthonormal bases of the score spaces); SVCCA is the mean of the
 * min(d_X, d_Y) of them, each clipped to [0, 1].
 *
 * @module
 */

import { getBackend } from "../linalg/backend.ts";
import type { MatrixLike } from "../linalg/matrix.ts";
import { assertInteger } from "../validate/mod.ts";
import {
  centredColumns,
  checkSameStimuli,
  checkZooInput,
  isConstantAcrossStimuli,
  rankFromSingularValues,
  thinLeftSingular,
} from "./zoo_inputs.ts";
import { unitScale } from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";

/** Options for {@link svcca} and {@link prepareSvcca}. */
export interface SvccaOptions {
  /**
   * Principal components kept per side, an integer in [1, rank of the centred data].
   * @default the smallest number explaining 99% of the variance, per side
   */
  dims?: number;
}

/** One network prepared for SVCCA ({@link prepareSvcca}). */
export interface PreparedSvcca {
  /** Number of stimuli. */
  n: number;
  /** Number of units. */
  p: number;
  /** Number of principal components kept. */
  dims: number;
  /** Orthonormal basis of the kept PC scores (left singular vectors), row-major [n, dims]. */
  basis: Float64Array;
}

/** Fraction of the variance the default number of components explains. */
const VARIANCE = 0.99;

/**
 * Prepare one network for SVCCA: centre, SVD, keep the leading components.
 *
 * @param X Responses [nStimuli, nUnits].
 * @param options `dims` ({@link SvccaOptions}).
 * @param name Argument name used in messages. @default "X"
 * @returns {@link PreparedSvcca}.
 *
 * @example 99% of the variance in one component
 * ```ts
 * import { prepareSvcca } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const a = prepareSvcca([[1, 0.01], [2, -0.01], [3, 0.02], [4, -0.02]]);
 * assert.equal(a.dims, 1);
 * ```
 */
export function prepareSvcca(
  X: MatrixLike,
  options: SvccaOptions = {},
  name = "X",
): PreparedSvcca {
  const context = "Cannot prepare SVCCA";
  checkOptionNames(options, ["dims"], context);
  const M = checkZooInput(X, name, context);
  const n = M.rows, p = M.cols;
  const { U, s } = thinLeftSingular(centredColumns(M)); // signs do not matter here
  const rank = rankFromSingularValues(s, n, p);
  // a repeated row leaves rounding noise after centring: judge constancy on the input
  if (rank === 0 || isConstantAcrossStimuli(M)) {
    throw new RangeError(
      `${context}: \`${name}\` has zero variance across stimuli (constant responses)`,
    );
  }
  let dims: number;
  if (options.dims !== undefined) {
    assertInteger(options.dims, "dims", 1, Infinity, context);
    if (options.dims > rank) {
      throw new RangeError(
        `${context}: \`dims\` must be at most the rank of the centred \`${name}\` (${rank}, shape [${n}, ${p}]): got ${options.dims}`,
      );
    }
    dims = options.dims;
  } else {
    const cum = new Float64Array(s.length);
    let acc = 0;
    for (let i = 0; i < s.length; i++) cum[i] = acc += s[i]! * s[i]!;
    const target = VARIANCE * acc;
    dims = 1;
    while (dims < s.length && cum[dims - 1]! < target) dims++;
  }
  const m = U.cols;
  const basis = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dims; j++) basis[i * dims + j] = U.data[i * m + j]!;
  }
  return { n, p, dims, basis };
}

/**
 * SVCCA of two prepared networks: mean of the canonical correlations between the
 * kept PC scores.
 *
 * @param a `X` prepared by {@link prepareSvcca}.
 * @param b `Y` prepared by {@link prepareSvcca} on the same stimuli.
 * @returns Similarity in [0, 1].
 *
 * @example
 * ```ts
 * import { prepareSvcca, svccaPrepared } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const a = prepareSvcca([[1, 2], [3, 1], [0, 0], [2, 5]]);
 * assert.ok(Math.abs(svccaPrepared(a, a) - 1) < 1e-12);
 * ```
 */
export function svccaPrepared(a: PreparedSvcca, b: PreparedSvcca): number {
  checkSameStimuli(a, b, "Cannot compute SVCCA");
  const C = getBackend().gemm(
    { rows: a.n, cols: a.dims, data: a.basis },
    { rows: b.n, cols: b.dims, data: b.basis },
    true,
    false,
  );
  const rho = getBackend().singularValues(C);
  const m = Math.min(a.dims, b.dims);
  let s = 0;
  for (let i = 0; i < m; i++) s += Math.min(1, Math.max(0, rho[i]!));
  return s / m;
}

/**
 * SVCCA similarity (Raghu et al. 2017): the mean canonical correlation between the
 * leading principal components of X and of Y (conventions in the module docs).
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @param options `dims` ({@link SvccaOptions}).
 * @returns Similarity in [0, 1].
 *
 * @example Invariant to an invertible linear map of the units
 * ```ts
 * import { svcca } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 0], [2, 5], [4, 4]];
 * const Y = X.map(([a, b]) => [2 * a + b, b - a]);
 * assert.ok(Math.abs(svcca(X, Y, { dims: 2 }) - 1) < 1e-12);
 * ```
 */
export function svcca(X: MatrixLike, Y: MatrixLike, options: SvccaOptions = {}): number {
  const context = "Cannot compute SVCCA";
  checkOptionNames(options, ["dims"], context);
  // invariant to scaling either input: far from unit scale, compute at unit scale (as the registry)
  const a = unitScale(checkZooInput(X, "X", context));
  const b = unitScale(checkZooInput(Y, "Y", context));
  checkSameStimuli({ n: a.rows, p: a.cols }, { n: b.rows, p: b.cols }, context);
  return svccaPrepared(prepareSvcca(a, options, "X"), prepareSvcca(b, options, "Y"));
}
