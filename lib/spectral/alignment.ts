/**
 * How neural targets Y align with the eigenmodes of a model representation X
 * (Canatar, Feather, Wakhloo & Chung, NeurIPS 2023).
 *
 * With v_i = √P·u_i the eigenvectors of K = X Xᵀ/P, the target weights are
 * w_in = (1/P)·v_iᵀ y_n and the total target power T = ‖Y‖²_F/P (the summed
 * variance when centred). The in-span alignment is W_i = Σ_n w_in²/T for
 * i ≤ r. The null space (λ = 0) counts as one mode, because its eigenvectors
 * are basis-dependent: W_null = ‖Y − U_r U_rᵀ Y‖²_F / ‖Y‖²_F is placed at index
 * r and every later entry is 0, so W_full = [W_1…W_r, W_null, 0…] sums to 1.
 *
 * @module
 */

import { matrixArg } from "../linalg/matrix.ts";
import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { matmul } from "../linalg/products.ts";
import { largestMagnitude, powerOfTwoScale } from "../linalg/scale.ts";
import { eigh } from "../linalg/eigh.ts";
import { tagResult } from "../result.ts";
import { participationRatio, type TailMeasures, tailMeasures } from "./geometry.ts";
import { checkPair, columnPower, maybeCenter } from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";
import {
  RANK_TOL,
  type SpectralDecomposition,
  spectralDecomposition,
  type SpectrumOptions,
} from "./spectrum.ts";

/** Options for {@link alignment} (the same as for `spectrum`). */
export type AlignmentOptions = SpectrumOptions;

/** Result of {@link alignment}. */
export interface AlignmentResult {
  /** Number of stimuli P. */
  P: number;
  /** Number of model features M. */
  M: number;
  /** Number of neurons N. */
  N: number;
  /** Whether X and Y were centred. */
  centered: boolean;
  /** How the eigenvalues were computed. */
  method: "eigh" | "svd";
  /** λ_1 ≥ … ≥ λ_P of X Xᵀ/P, zeros past the rank, length P. */
  eigenvalues: number[];
  /** Numerical rank r. */
  rank: number;
  /** W_full, length P: [W_1…W_r, W_null, 0…]; sums to 1. */
  weights: number[];
  /** The same per neuron, [N][P], each row normalised by that neuron's power. */
  weightsPerNeuron: number[][];
  /** Out-of-span power W_null, pooled over neurons. */
  outOfSpan: number;
  /** Out-of-span power of each neuron, length N. */
  outOfSpanPerNeuron: number[];
  /** Total target power T = ‖Y‖²_F/P. */
  targetPower: number;
  /** Power of each neuron ‖y_n‖²/P, length N. */
  neuronPower: number[];
  /** ED of the model: participation ratio of the eigenvalues. */
  edModel: number;
  /** ED of the alignment: participation ratio of W_full. */
  edAlignment: number;
  /** ED of the neural responses' own Gram spectrum Y Yᵀ/P (same rank rule). */
  edNeural: number;
  /** Tail measures of the eigenvalues. */
  tailModel: TailMeasures;
  /** Tail measures of W_full. */
  tailAlignment: TailMeasures;
}

/**
 * Spectrum of X and alignment of Y with it: eigenvalues, per-mode alignment
 * W_full (pooled and per neuron), out-of-span power, and effective
 * dimensionalities.
 *
 * @param X Model activations [P stimuli, M features] (finite, P ≥ 3).
 * @param Y Neural responses [P stimuli, N neurons] (finite; no neuron of zero power).
 * @param options `center` (default true) centres both; `method` ("eigh" | "svd").
 * @returns A `spectralAlignment` result.
 *
 * @example A target on the first mode only
 * ```ts
 * import { alignment } from "./alignment.ts";
 * import assert from "node:assert/strict";
 * const X = [[3, 0], [0, 0], [0, 0], [0, 2]];
 * const a = alignment(X, [[1], [0], [0], [0]], { center: false });
 * assert.deepEqual(a.weights, [1, 0, 0, 0]);
 * assert.equal(a.outOfSpan, 0);
 * const b = alignment(X, [[0], [1], [0], [0]], { center: false });
 * assert.deepEqual(b.weights, [0, 0, 1, 0]); // all power in the null mode, at index r = 2
 * ```
 */
export function alignment(
  X: MatrixLike,
  Y: MatrixLike,
  options: AlignmentOptions = {},
): Readonly<AlignmentResult & { kind: string }> {
  const ctx = "Cannot compute spectral alignment";
  checkOptionNames(options, ["center", "method"] satisfies (keyof AlignmentOptions)[], ctx, [
    "center",
  ]);
  const { center = true, method = "eigh" } = options;
  const pair = checkPair(X, Y, ctx);
  refuseExtremeScale(pair.X.data, "X", "its Gram matrix X Xᵀ/P", ctx);
  refuseExtremeScale(pair.Y.data, "Y", "its power ‖Y‖²/P", ctx);
  const x = maybeCenter(pair.X, center);
  const y = maybeCenter(pair.Y, center);
  return tagResult(
    "spectralAlignment",
    alignDecomposition(spectralDecomposition(x, method, ctx), y, center, method),
  );
}

/** Refuse data whose squares leave float64's range (largest |x| outside [2^-500, 2^500]). */
function refuseExtremeScale(
  data: ArrayLike<number>,
  name: string,
  what: string,
  ctx: string,
): void {
  if (powerOfTwoScale(data) === 0) return;
  const big = largestMagnitude(data);
  throw new RangeError(
    `${ctx}: \`${name}\` reaches |x| = ${big}, outside [2^-500, 2^500] (about [3e-151, 3e150]): ${what} would ${
      big > 1 ? "overflow" : "underflow"
    } float64; rescale \`${name}\` (the alignment does not depend on its scale)`,
  );
}

/**
 * Alignment of (already centred, when `centered`) targets Y with a decomposition.
 *
 * @param d The decomposition of X.
 * @param Y Targets [P, N], centred the same way as X.
 * @param centered Whether X and Y were centred (then the constant vector is a known null direction).
 * @param method Recorded in the result.
 * @returns The plain-data {@link AlignmentResult}.
 *
 * @example Half the power on each of two modes
 * ```ts
 * import { alignDecomposition } from "./alignment.ts";
 * import { spectralDecomposition } from "./spectrum.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const d = spectralDecomposition(fromRows([[1, 0], [0, 1], [0, 0]]));
 * const a = alignDecomposition(d, fromRows([[1], [1], [0]]), false, "eigh");
 * assert.deepEqual(a.weights, [0.5, 0.5, 0]);
 * ```
 */
export function alignDecomposition(
  d: SpectralDecomposition,
  Y: MatrixLike,
  centered: boolean,
  method: "eigh" | "svd",
): AlignmentResult {
  Y = matrixArg(Y, "Y");
  const ctx = "Cannot compute spectral alignment";
  const { P, rank: r } = d;
  const N = Y.cols;
  const neuronPower = columnPower(Y, ctx, centered);
  let T = 0;
  for (let n = 0; n < N; n++) T += neuronPower[n]!;
  // projections u_iᵀ y_n: [r, N]
  const proj = matmul(d.vectors, Y, { transA: true });
  const weights = new Float64Array(P);
  const perNeuron = Array.from({ length: N }, () => new Float64Array(P));
  const totalSq = T * P;
  for (let i = 0; i < r; i++) {
    let s = 0;
    for (let n = 0; n < N; n++) {
      const v = proj.data[i * N + n]! ** 2;
      s += v;
      perNeuron[n]![i] = v / (neuronPower[n]! * P);
    }
    weights[i] = s / totalSq;
  }
  // Null directions left after the rank (the constant vector is one of them
  // when centred, and carries no target power).
  const nullDims = P - r - (centered ? 1 : 0);
  const outPerNeuron = new Float64Array(N);
  let out = 0;
  if (r < P && nullDims > 0) {
    const fit = matmul(d.vectors, proj);
    for (let i = 0; i < P; i++) {
      for (let n = 0; n < N; n++) {
        const e = Y.data[i * N + n]! - fit.data[i * N + n]!;
        outPerNeuron[n] += e * e;
      }
    }
    for (let n = 0; n < N; n++) {
      out += outPerNeuron[n]!;
      outPerNeuron[n] = outPerNeuron[n]! / (neuronPower[n]! * P);
      perNeuron[n]![r] = outPerNeuron[n]!;
    }
    out /= totalSq;
    weights[r] = out;
  }
  return {
    P,
    M: d.M,
    N,
    centered,
    method,
    eigenvalues: Array.from(d.eigenvalues),
    rank: r,
    weights: Array.from(weights),
    weightsPerNeuron: perNeuron.map((w) => Array.from(w)),
    outOfSpan: out,
    outOfSpanPerNeuron: Array.from(outPerNeuron),
    targetPower: T,
    neuronPower: Array.from(neuronPower),
    edModel: participationRatio(d.eigenvalues),
    edAlignment: participationRatio(weights),
    edNeural: neuralEd(Y),
    tailModel: tailMeasures(d.eigenvalues),
    tailAlignment: tailMeasures(weights),
  };
}

/** Participation ratio of the eigenvalues of Y Yᵀ/P (via the smaller Gram), same rank rule as X. */
function neuralEd(Y: Matrix): number {
  const G = Y.cols <= Y.rows ? matmul(Y, Y, { transA: true }) : matmul(Y, Y, { transB: true });
  const { values } = eigh(G, { vectors: false });
  const top = values[values.length - 1]!;
  const kept = Array.from(values).filter((v) => v > RANK_TOL * top);
  return participationRatio(kept);
}
