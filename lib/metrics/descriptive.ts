/**
 * Descriptive statistics of one representation and their absolute differences
 * between two networks (as in the ReSi benchmark). These compare summaries, so
 * they are distances in name only: not metrics, and zero for many different pairs.
 *
 * - magnitude: ‖x̄‖, the norm of the mean row x̄ = (1/n) Σ_i x_i;
 * - concentricity: mean_i cos(x_i, x̄), with cos computed on rows scaled as
 *   x / max(‖x‖, 1e-12);
 * - uniformity (Wang & Isola 2020): u(X) = log(Σ_{i,j} exp(−2‖x_i − x_j‖²) / n²) over
 *   all ordered pairs, i = j included, on the rows as given.
 *
 * The per-network statistic is the `prepare` step; the pairwise step is |a − b|.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { assertFiniteArray } from "../validate/mod.ts";
import {
  checkSameStimuli,
  checkZooInput,
  squaredRowDistances,
  UNIT_NORM_FLOOR,
} from "./zoo_inputs.ts";
import { commonUnitScale, timesPowerOfTwo, unitScale } from "./inputs.ts";

function meanRow(M: Matrix): Float64Array {
  const { rows: n, cols: p, data } = M;
  const mu = new Float64Array(p);
  let i = 0;
  // four rows per sweep over the columns: a quarter of the read-modify-writes of mu
  for (; i + 4 <= n; i += 4) {
    const a = i * p, b = a + p, c = b + p, d = c + p;
    for (let j = 0; j < p; j++) {
      mu[j] += (data[a + j]! + data[b + j]!) + (data[c + j]! + data[d + j]!);
    }
  }
  for (; i < n; i++) for (let j = 0; j < p; j++) mu[j] += data[i * p + j]!;
  for (let j = 0; j < p; j++) mu[j] /= n;
  return mu;
}

/**
 * Validate a response matrix and take its mean row in one read of the data: a
 * non-finite entry makes its column's sum non-finite, and only then is the data
 * scanned again to name the first bad entry.
 */
function checkedMeanRow(X: MatrixLike, name: string, context: string) {
  const M = asMatrix(X, name, { context, finite: false });
  const mu = meanRow(M);
  for (let j = 0; j < mu.length; j++) {
    if (!Number.isFinite(mu[j]!)) {
      assertFiniteArray(M.data, name, context, M.cols);
      break; // finite entries whose sum overflows: the statistic is then infinite
    }
  }
  return { M, mu };
}

function magnitudeOf(X: MatrixLike, name: string, context: string): number {
  const { mu } = checkedMeanRow(X, name, context);
  // ‖x̄‖ = 2^e ‖x̄ · 2^-e‖: squares of a mean far from unit scale would over- or underflow
  const { Xs: [scaled], exponent: e } = commonUnitScale([{ rows: 1, cols: mu.length, data: mu }]);
  let s = 0;
  for (let j = 0; j < scaled!.data.length; j++) s += scaled!.data[j]! ** 2;
  return e === 0 ? Math.sqrt(s) : timesPowerOfTwo(Math.sqrt(s), e);
}

/**
 * Magnitude of a representation: the Euclidean norm of its mean row.
 *
 * @param X Responses [nStimuli, nUnits].
 * @returns ‖x̄‖.
 *
 * @example
 * ```ts
 * import { magnitudeStatistic } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(magnitudeStatistic([[2, 0], [4, 8]]), 5);
 * ```
 */
export function magnitudeStatistic(X: MatrixLike): number {
  return magnitudeOf(X, "X", "Cannot compute magnitude");
}

/**
 * Concentricity of a representation: the mean cosine between each row and the mean row.
 *
 * @param X Responses [nStimuli, nUnits].
 * @returns mean_i cos(x_i, x̄), in [−1, 1].
 *
 * @example Rows on a ray are perfectly concentric
 * ```ts
 * import { concentricityStatistic } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.ok(Math.abs(concentricityStatistic([[1, 1], [2, 2], [5, 5]]) - 1) < 1e-15);
 * ```
 */
export function concentricityStatistic(X: MatrixLike): number {
  return concentricityOf(X, "X", "Cannot compute concentricity");
}

function concentricityOf(X: MatrixLike, name: string, context: string): number {
  let { M, mu } = checkedMeanRow(X, name, context);
  // cosines do not depend on the scale: far from unit scale, compute at unit scale (as the registry)
  const S = unitScale(M);
  if (S !== M) [M, mu] = [S, meanRow(S)];
  const { rows: n, cols: p, data } = M;
  let mm = 0;
  for (const v of mu) mm += v * v;
  const muNorm = Math.max(Math.sqrt(mm), UNIT_NORM_FLOOR);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let xx = 0, xm = 0;
    for (let j = 0; j < p; j++) {
      const x = data[i * p + j]!;
      xx += x * x;
      xm += x * mu[j]!;
    }
    total += xm / (Math.max(Math.sqrt(xx), UNIT_NORM_FLOOR) * muNorm);
  }
  return total / n;
}

/**
 * Uniformity of a representation (Wang & Isola 2020):
 * log(Σ_{i,j} exp(−2‖x_i − x_j‖²) / n²), all ordered pairs including i = j.
 *
 * @param X Responses [nStimuli, nUnits].
 * @returns u(X) in [−log n, 0] (0 when all rows coincide).
 *
 * @example Far-apart rows reach −log n
 * ```ts
 * import { uniformityStatistic } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.ok(Math.abs(uniformityStatistic([[0, 0], [100, 0]]) + Math.log(2)) < 1e-15);
 * assert.equal(uniformityStatistic([[1, 2], [1, 2]]), 0);
 * ```
 */
export function uniformityStatistic(X: MatrixLike): number {
  return uniformityOf(X, "X", "Cannot compute uniformity");
}

function uniformityOf(X: MatrixLike, name: string, context: string): number {
  const M = checkZooInput(X, name, context);
  const n = M.rows;
  // far from unit scale, distances are formed at unit scale and scaled back exactly:
  // ‖x_i − x_j‖² = 4^e ‖x_i' − x_j'‖² (over- or underflowing only where exp(−2d²) is 1 or 0)
  const { Xs: [S], exponent: e } = commonUnitScale([M]);
  const D = squaredRowDistances(S!, S!).data;
  let s = n; // the diagonal, exp(0) each
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.max(0, D[i * n + j]!);
      s += 2 * Math.exp(-2 * (e === 0 ? d : timesPowerOfTwo(d, 2 * e)));
    }
  }
  return Math.log(s / (n * n));
}

function diff(
  stat: (X: MatrixLike, name: string, context: string) => number,
  X: MatrixLike,
  Y: MatrixLike,
  context: string,
): number {
  // shapes first; each statistic checks finiteness as it reads its input (once)
  const a = asMatrix(X, "X", { context, finite: false });
  const b = asMatrix(Y, "Y", { context, finite: false });
  checkSameStimuli({ n: a.rows, p: a.cols }, { n: b.rows, p: b.cols }, context);
  return Math.abs(stat(a, "X", context) - stat(b, "Y", context));
}

/**
 * Magnitude difference |‖x̄‖ − ‖ȳ‖| between two representations of the same stimuli.
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @returns The absolute difference of {@link magnitudeStatistic}.
 *
 * @example
 * ```ts
 * import { magnitudeDiff } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(magnitudeDiff([[2, 0], [4, 8]], [[1], [1]]), 4);
 * ```
 */
export function magnitudeDiff(X: MatrixLike, Y: MatrixLike): number {
  return diff(magnitudeOf, X, Y, "Cannot compute magnitude difference");
}

/**
 * Concentricity difference |mean_i cos(x_i, x̄) − mean_i cos(y_i, ȳ)|.
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @returns The absolute difference of {@link concentricityStatistic}.
 *
 * @example Zero for a rotated copy
 * ```ts
 * import { concentricityDiff } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 2], [3, 1], [0, 1], [2, 5]];
 * assert.ok(concentricityDiff(X, X.map(([a, b]) => [b, -a])) < 1e-15);
 * ```
 */
export function concentricityDiff(X: MatrixLike, Y: MatrixLike): number {
  return diff(concentricityOf, X, Y, "Cannot compute concentricity difference");
}

/**
 * Uniformity difference |u(X) − u(Y)|.
 *
 * @param X Responses [nStimuli, nUnitsX].
 * @param Y Responses [nStimuli, nUnitsY].
 * @returns The absolute difference of {@link uniformityStatistic}.
 *
 * @example Zero for a shifted copy
 * ```ts
 * import { uniformityDiff } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X = [[0.1, 0.2], [0.3, 0.1], [0, 0], [0.2, 0.5]];
 * assert.ok(uniformityDiff(X, X.map(([a, b]) => [a + 1, b])) < 1e-12);
 * ```
 */
export function uniformityDiff(X: MatrixLike, Y: MatrixLike): number {
  return diff(uniformityOf, X, Y, "Cannot compute uniformity difference");
}
