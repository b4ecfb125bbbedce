/**
 * Representational dissimilarity matrices from patterns, as rsatoolbox
 * computes them: `euclidean`, `correlation`, `mahalanobis`, `crossnobis`,
 * `poisson`. Rows of X are conditions unless condition labels are given (then
 * the rows of each condition are averaged; conditions keep their order of
 * first appearance).
 *
 * @module
 */

import { cholesky, solveTriangular } from "../linalg/cholesky.ts";
import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { divideByPowerOfTwo, largestMagnitude, powerOfTwoScale } from "../linalg/scale.ts";
import { tagResult } from "../result.ts";
import { rdmSquare } from "./layout.ts";
import { assertKnownOptions } from "../validate/mod.ts";

/** The dissimilarity measures. */
export type RdmMethod = "euclidean" | "correlation" | "mahalanobis" | "crossnobis" | "poisson";

/** Every dissimilarity measure. */
export const RDM_METHODS: readonly RdmMethod[] = [
  "euclidean",
  "correlation",
  "mahalanobis",
  "crossnobis",
  "poisson",
];

/** A condition or run label. */
export type Label = string | number;

/** Options for {@link computeRdm}. */
export interface ComputeRdmOptions {
  /**
   * Dissimilarity, entry (i, j) with p channels:
   * - `euclidean`: Σ_k (x_ik − x_jk)² / p (squared, no root);
   * - `correlation`: 1 − Pearson r of rows i and j;
   * - `mahalanobis`: (x_i − x_j)ᵀ P (x_i − x_j) / p, P = noise⁻¹ (identity without noise);
   * - `crossnobis`: leave one run out; (b_i − b_j)ᵀ P (a_i − a_j) / p with a the held-out
   *   run's condition means and b the pooled means of all other runs, averaged over runs;
   * - `poisson`: a = (x + 0.1)/1.1, Σ_k (a_ik − a_jk)(log a_ik − log a_jk) / p.
   * @default "euclidean"
   */
  method?: RdmMethod;
  /** `[p, p]` noise covariance (mahalanobis and crossnobis only). @default undefined */
  noise?: MatrixLike;
  /** Condition label of each row; required for crossnobis. @default undefined (row i is condition i) */
  conditions?: ArrayLike<Label>;
  /** Run label of each row (crossnobis only, required there). @default undefined */
  runs?: ArrayLike<Label>;
}

/** An RDM with the conditions it is over. */
export interface RdmResult {
  /** The dissimilarity used. */
  method: RdmMethod;
  /** Condition labels in order of first appearance (row indices without labels). */
  conditions: Label[];
  /** `[n, n]` symmetric, zero diagonal. */
  rdm: Matrix;
}

const CTX = "Cannot compute RDM";
const COMPUTE_RDM_OPTIONS = Object.keys(
  { method: 1, noise: 1, conditions: 1, runs: 1 } satisfies Record<keyof ComputeRdmOptions, 1>,
);

function groups(labels: ArrayLike<Label>, name: string, rows: number) {
  if (labels.length !== rows) {
    throw new TypeError(
      `${CTX}: \`${name}\` must have one label per row of \`X\` (${rows}): got ${labels.length}`,
    );
  }
  const ids = new Map<Label, number>();
  const index = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const l = labels[r]!;
    if (typeof l === "number" && !Number.isFinite(l)) {
      throw new RangeError(`${CTX}: \`${name}\` must be finite: got ${l} at index ${r}`);
    }
    let id = ids.get(l);
    if (id === undefined) ids.set(l, id = ids.size);
    index[r] = id;
  }
  return { labels: [...ids.keys()], index };
}

/** Mean of the rows selected by `keep(r)` per group: [nGroups, p] and the counts. */
function groupMeans(
  X: Float64Array,
  p: number,
  index: Int32Array,
  nGroups: number,
  keep: (r: number) => boolean,
) {
  const sums = new Float64Array(nGroups * p), counts = new Float64Array(nGroups);
  for (let r = 0; r < index.length; r++) {
    if (!keep(r)) continue;
    const g = index[r]!;
    counts[g]!++;
    for (let k = 0; k < p; k++) sums[g * p + k]! += X[r * p + k]!;
  }
  for (let g = 0; g < nGroups; g++) {
    for (let k = 0; k < p; k++) sums[g * p + k]! /= counts[g]!;
  }
  return { means: sums, counts };
}

/** Rows of X times L⁻ᵀ (so that z_iᵀz_j = x_iᵀ N⁻¹ x_j with N = L Lᵀ). */
function whitenRows(X: Matrix, noise: MatrixLike): Float64Array {
  const N = asMatrix(noise, "noise", { context: CTX });
  if (N.rows !== X.cols || N.cols !== X.cols) {
    throw new TypeError(
      `${CTX}: \`noise\` must be [channels, channels] = [${X.cols}, ${X.cols}]: got [${N.rows}, ${N.cols}]`,
    );
  }
  let L: Matrix;
  try {
    L = cholesky(N);
  } catch {
    throw new RangeError(`${CTX}: \`noise\` must be a symmetric positive definite covariance`);
  }
  const Xt = new Float64Array(X.cols * X.rows);
  for (let i = 0; i < X.rows; i++) {
    for (let k = 0; k < X.cols; k++) Xt[k * X.rows + i] = X.data[i * X.cols + k]!;
  }
  const Z = solveTriangular(L, { rows: X.cols, cols: X.rows, data: Xt }, { lower: true });
  const out = new Float64Array(X.rows * X.cols);
  for (let i = 0; i < X.rows; i++) {
    for (let k = 0; k < X.cols; k++) out[i * X.cols + k] = Z.data[k * X.rows + i]!;
  }
  return out;
}

/**
 * The RDM of a set of patterns.
 *
 * @param X `[nObservations, nChannels]` patterns (rows are conditions without labels).
 * @param options Method, noise covariance, condition and run labels.
 * @returns A result of kind `"rdm"`: the method, the condition labels and the `[n, n]` RDM.
 * @throws {RangeError} For fewer than 3 conditions, NaN, a crossnobis design where a
 * condition is missing from a run, or an option the method does not use.
 *
 * @example Squared euclidean distance divided by the number of channels
 * ```ts
 * import { computeRdm } from "./rdm.ts";
 * import assert from "node:assert/strict";
 * const r = computeRdm([[0, 0], [2, 0], [0, 4]], { method: "euclidean" });
 * assert.deepEqual(Array.from(r.rdm.data), [0, 2, 8, 2, 0, 10, 8, 10, 0]);
 * ```
 */
export function computeRdm(
  X: MatrixLike,
  options: ComputeRdmOptions = {},
): Readonly<RdmResult & { kind: string }> {
  assertKnownOptions(options, COMPUTE_RDM_OPTIONS, CTX);
  const { method = "euclidean", noise, conditions, runs } = options;
  if (!(RDM_METHODS as readonly string[]).includes(method)) {
    throw new RangeError(
      `${CTX}: \`method\` must be one of ${RDM_METHODS.join(", ")}: got ${JSON.stringify(method)}`,
    );
  }
  const M = asMatrix(X, "X", { context: CTX });
  const p = M.cols;
  if (noise !== undefined && method !== "mahalanobis" && method !== "crossnobis") {
    throw new RangeError(
      `${CTX}: \`noise\` applies to mahalanobis and crossnobis only: got ${method}`,
    );
  }
  if (runs !== undefined && method !== "crossnobis") {
    throw new RangeError(`${CTX}: \`runs\` applies to crossnobis only: got ${method}`);
  }
  if (method === "crossnobis" && (conditions === undefined || runs === undefined)) {
    throw new TypeError(`${CTX}: crossnobis needs \`conditions\` and \`runs\` labels for each row`);
  }
  if (method === "poisson") {
    for (let k = 0; k < M.data.length; k++) {
      if (!(M.data[k]! > -0.1)) {
        throw new RangeError(
          `${CTX}: poisson needs \`X\` > -0.1: got ${M.data[k]} at [${Math.floor(k / p)}, ${
            k % p
          }]`,
        );
      }
    }
  }
  const cond = conditions === undefined
    ? {
      labels: Array.from({ length: M.rows }, (_, i) => i),
      index: Int32Array.from({ length: M.rows }, (_, i) => i),
    }
    : groups(conditions, "conditions", M.rows);
  const n = cond.labels.length;
  if (n < 3) throw new RangeError(`${CTX}: need at least 3 conditions: got ${n}`);
  // extreme data (max |x| outside [2^-500, 2^500]) is divided by 2^k so that no square under- or
  // overflows on the way; correlation does not change, the quadratic forms are multiplied back
  // by 4^k at the end (poisson is not homogeneous and is left as given)
  const shift = method === "poisson" ? 0 : powerOfTwoScale(M.data);
  const Ms = shift === 0 ? M : { ...M, data: divideByPowerOfTwo(M.data, shift) };
  const data = noise === undefined ? Ms.data : whitenRows(Ms, noise);
  const m = n * (n - 1) / 2;
  const v = new Float64Array(m);
  if (method === "crossnobis") {
    const run = groups(runs!, "runs", M.rows);
    const nRuns = run.labels.length;
    if (nRuns < 2) throw new RangeError(`${CTX}: crossnobis needs at least 2 runs: got ${nRuns}`);
    for (let f = 0; f < nRuns; f++) {
      const a = groupMeans(data, p, cond.index, n, (r) => run.index[r] === f);
      const b = groupMeans(data, p, cond.index, n, (r) => run.index[r] !== f);
      for (let c = 0; c < n; c++) {
        if (a.counts[c] === 0) {
          throw new RangeError(
            `${CTX}: crossnobis needs every condition in every run: condition ${
              cond.labels[c]
            } is missing from run ${run.labels[f]}`,
          );
        }
      }
      let e = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let s = 0;
          for (let k = 0; k < p; k++) {
            s += (b.means[i * p + k]! - b.means[j * p + k]!) *
              (a.means[i * p + k]! - a.means[j * p + k]!);
          }
          v[e++]! += s / p / nRuns;
        }
      }
    }
  } else {
    const { means } = conditions === undefined
      ? { means: data }
      : groupMeans(data, p, cond.index, n, () => true);
    let rows = means;
    if (method === "correlation") {
      rows = new Float64Array(means);
      for (let i = 0; i < n; i++) {
        let mu = 0;
        for (let k = 0; k < p; k++) mu += rows[i * p + k]!;
        mu /= p;
        let ss = 0;
        for (let k = 0; k < p; k++) ss += (rows[i * p + k]! -= mu) ** 2;
        if (!(ss > 0)) {
          throw new RangeError(
            `${CTX}: correlation needs rows with non-zero variance: condition ${
              cond.labels[i]
            } is constant`,
          );
        }
        const inv = 1 / Math.sqrt(ss);
        for (let k = 0; k < p; k++) rows[i * p + k]! *= inv;
      }
    } else if (method === "poisson") {
      rows = means.map((x) => (x + 0.1) / 1.1);
    }
    let e = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let s = 0;
        if (method === "correlation") {
          for (let k = 0; k < p; k++) s += rows[i * p + k]! * rows[j * p + k]!;
          v[e++] = 1 - s;
        } else if (method === "poisson") {
          for (let k = 0; k < p; k++) {
            const ai = rows[i * p + k]!, aj = rows[j * p + k]!;
            s += (ai - aj) * (Math.log(ai) - Math.log(aj));
          }
          v[e++] = s / p;
        } else {
          for (let k = 0; k < p; k++) s += (rows[i * p + k]! - rows[j * p + k]!) ** 2;
          v[e++] = s / p;
        }
      }
    }
  }
  if (shift !== 0 && method !== "correlation") {
    for (let e2 = 0; e2 < v.length; e2++) {
      const scaled = v[e2]!;
      v[e2] = scaled * 2 ** shift * 2 ** shift;
      if (scaled !== 0 && Number.isFinite(v[e2]!) && Math.abs(v[e2]!) < 2 ** -1022) {
        throw new RangeError(
          `${CTX}: the dissimilarities underflow float64 (entry ${e2} is about 1e${
            Math.round(Math.log10(Math.abs(scaled)) + 2 * shift * Math.LOG10E * Math.LN2)
          }): \`X\` reaches only |x| = ${largestMagnitude(M.data)}; rescale the data`,
        );
      }
    }
  }
  for (let e2 = 0; e2 < v.length; e2++) {
    if (!Number.isFinite(v[e2]!)) {
      const big = largestMagnitude(M.data);
      throw new RangeError(
        `${CTX}: the dissimilarities overflow float64 (entry ${e2} is ${
          v[e2]
        }): \`X\` reaches |x| = ${big}; rescale the data`,
      );
    }
  }
  return tagResult("rdm", { method, conditions: cond.labels, rdm: rdmSquare(v) });
}
