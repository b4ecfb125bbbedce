/**
 * Barycenter (Fréchet mean) of networks in a shape space: the X̄ minimising
 * Σ_i min_{Q_i ∈ G} ‖X_i Q_i − X̄‖² over a group G of alignments (rotations
 * and reflections, or permutations of units). Full-batch alternating
 * minimisation: align every network to the current X̄, then set X̄ to the mean
 * of the aligned networks; the objective never increases. Started from one of
 * the networks chosen by `seed`, so the result is deterministic.
 *
 * @module
 */

import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { asMatrix } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { tagResult } from "../result.ts";
import { mulberry32 } from "../random.ts";
import { type AlignmentGroup, alignTo, checkGroup } from "../metrics/align.ts";
import { centerAndPad } from "../metrics/inputs.ts";
import { assertInteger } from "../validate/mod.ts";
import { checkOptions } from "../validate/options.ts";
import { BARYCENTER_OPTIONS } from "./option_kinds.ts";

/** Options for {@link barycenter}. */
export interface BarycenterOptions {
  /** Alignment group: `orth` (rotations/reflections) or `perm` (unit permutations). @default "orth" */
  group?: AlignmentGroup;
  /** Centre each network's columns first. @default true */
  center?: boolean;
  /** Maximum iterations. @default 100 */
  maxIter?: number;
  /** Stop when the objective decreases by less than `tol` times its value. @default 1e-12 */
  tol?: number;
  /** Seed choosing the starting network. @default 0 */
  seed?: number;
  /**
   * Warm start: the initial mean [nStimuli, width] (e.g. the previous barycenter of a
   * cluster), used instead of a network chosen by `seed`. @default undefined
   */
  init?: MatrixLike;
}

/** Result of {@link barycenter}. */
export interface Barycenter {
  /** The barycenter X̄ [nStimuli, width]. */
  mean: Matrix;
  /** Q_i [width, width] with X_i Q_i aligned to X̄ (inputs centred and padded). */
  alignments: Matrix[];
  /** The networks as used (centred, zero-padded to the common width). */
  networks: Matrix[];
  /** Mean squared distance (1/K) Σ ‖X_i Q_i − X̄‖² after each iteration. */
  objective: number[];
  /** Iterations run. */
  iterations: number;
  /** Whether the tolerance was reached within `maxIter`. */
  converged: boolean;
  /** Index of the network the iteration started from (−1 when started from `init`). */
  start: number;
}

/**
 * Validate networks (same stimuli), centre and pad them to a common width.
 *
 * @param networks Responses [nStimuli, nUnits_i].
 * @param center Centre columns.
 * @param context Message prefix.
 * @returns The centred, padded copies.
 *
 * @example Centre and pad to the widest network
 * ```ts
 * import { prepareShapes } from "./barycenter.ts";
 * import assert from "node:assert/strict";
 * const nets = prepareShapes([[[1], [3]], [[0, 1], [2, 5]]], true, "ctx");
 * assert.deepEqual(Array.from(nets[0]!.data), [-1, 0, 1, 0]);
 * ```
 */
export function prepareShapes(
  networks: readonly MatrixLike[],
  center: boolean,
  context: string,
): Matrix[] {
  if (!Array.isArray(networks) || networks.length === 0) {
    throw new RangeError(`${context}: \`networks\` must be a non-empty array of matrices`);
  }
  const Ms = networks.map((X, i) => asMatrix(X, `networks[${i}]`, { context }));
  const n = Ms[0]!.rows;
  for (const [i, M] of Ms.entries()) {
    if (M.rows !== n) {
      throw new TypeError(
        `${context}: every network must have the same stimuli (rows): \`networks[0]\` has shape [${n}, ${
          Ms[0]!.cols
        }] but \`networks[${i}]\` has [${M.rows}, ${M.cols}]`,
      );
    }
  }
  const width = Math.max(...Ms.map((M) => M.cols));
  return Ms.map((M) => centerAndPad(M, width, center).centered);
}

function sqDist(A: Matrix, B: Matrix): number {
  let s = 0;
  for (let k = 0; k < A.data.length; k++) s += (A.data[k]! - B.data[k]!) ** 2;
  return s;
}

/**
 * The barycenter of networks under rotations or permutations.
 *
 * @param networks Responses [nStimuli, nUnits_i] to the same stimuli.
 * @param opts {@link BarycenterOptions}.
 * @returns The mean, the alignments and the convergence record, tagged `barycenter`.
 *
 * @example Rotated copies average back to the original shape
 * ```ts
 * import { barycenter } from "./barycenter.ts";
 * import assert from "node:assert/strict";
 * const A = [[1, 0], [-1, 0], [0, 2], [0, -2]];
 * const B = A.map(([x, y]) => [y, -x]);
 * const r = barycenter([A, B]);
 * assert.ok(r.objective.at(-1)! < 1e-20);
 * // warm start from a given mean
 * assert.equal(barycenter([A, B], { init: r.mean }).start, -1);
 * ```
 */
export function barycenter(
  networks: readonly MatrixLike[],
  opts: BarycenterOptions = {},
): Readonly<Barycenter & { kind: string }> {
  const context = "Cannot compute barycenter";
  checkOptions(opts, BARYCENTER_OPTIONS, context);
  const { group = "orth", center = true, maxIter = 100, tol = 1e-12, seed = 0, init } = opts;
  checkGroup(group, context);
  assertInteger(maxIter, "maxIter", 1, Infinity, context);
  const Xs = prepareShapes(networks, center, context);
  const K = Xs.length, { rows: n, cols: p } = Xs[0]!;
  let start: number, mean: Matrix;
  if (init === undefined) {
    start = Math.floor(mulberry32(seed)() * K);
    mean = { rows: n, cols: p, data: Xs[start]!.data.slice() };
  } else {
    const M = asMatrix(init, "init", { context });
    if (M.rows !== n || M.cols !== p) {
      throw new TypeError(
        `${context}: \`init\` must have the networks' shape [${n}, ${p}] (after padding): got [${M.rows}, ${M.cols}]`,
      );
    }
    start = -1;
    mean = { rows: n, cols: p, data: M.data.slice() };
  }
  const backend = getBackend();
  let alignments: Matrix[] = [];
  const objective: number[] = [];
  let converged = false, iterations = 0, prev = Infinity;
  while (iterations < maxIter) {
    iterations++;
    alignments = Xs.map((X) => alignTo(X, mean, group));
    const aligned = Xs.map((X, i) => backend.gemm(X, alignments[i]!, false, false));
    const next = new Float64Array(n * p);
    for (const A of aligned) for (let k = 0; k < next.length; k++) next[k] += A.data[k]! / K;
    mean = { rows: n, cols: p, data: next };
    const obj = aligned.reduce((s, A) => s + sqDist(A, mean), 0) / K;
    objective.push(obj);
    if (obj === 0 || (Number.isFinite(prev) && prev - obj <= tol * prev)) {
      converged = true;
      break;
    }
    prev = obj;
  }
  alignments = Xs.map((X) => alignTo(X, mean, group)); // aligned to the final mean
  return tagResult("barycenter", {
    mean,
    alignments,
    networks: Xs,
    objective,
    iterations,
    converged,
    start,
  });
}
