/**
 * Energy-distance stochastic shape metric (Duong et al., ICLR 2023): compares
 * the distributions of repeated-trial responses per stimulus without assuming
 * they are Gaussian. With trials x_a (of X) and y_b (of Y) for stimulus i and
 * one alignment T over all stimuli,
 *
 *   d² = max(0, mean_i [ E‖x − y T‖ − ½ (E‖x − x′‖ + E‖y − y′‖) ]),
 *
 * where E‖x − yT‖ averages over all trial pairs and the within-network terms
 * over distinct pairs a < b (half the usual energy distance, as in the
 * reference implementation). Only the cross term depends on T; it is minimised
 * by iteratively reweighted least squares (weighted Procrustes with weights
 * 1/‖x_a − y_b T‖), started from the alignment of the trial means.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { alignFromCross, type AlignmentGroup, checkGroup } from "./align.ts";
import { asTensor, type Tensor, type TensorLike } from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";
import { assertInteger } from "../validate/mod.ts";

/** Options for the energy stochastic metric. */
export interface EnergyShapeMetricOptions {
  /** Alignment group. @default "orth" */
  group?: AlignmentGroup;
  /** Maximum reweighting iterations. @default 100 */
  maxIter?: number;
  /** Stop when the mean cross distance decreases by less than `tol` times its value. @default 1e-10 */
  tol?: number;
}

/** A fitted energy stochastic metric. */
export interface EnergyShapeMetricFit {
  /** Alignment group used. */
  group: AlignmentGroup;
  /** Alignment applied to Y's trials: y ↦ y T. [nUnits, nUnits]. */
  T: Matrix;
  /** Iterations run. */
  iterations: number;
  /** Whether the tolerance was reached within `maxIter`. */
  converged: boolean;
  /** Mean cross distance E‖x − yT‖ (averaged over stimuli) after each iteration. */
  lossHistory: number[];
}

function checkTrials(X: TensorLike, Y: TensorLike, context: string) {
  const tx = asTensor(X, "X", 3, context), ty = asTensor(Y, "Y", 3, context);
  if (tx.shape[0] !== ty.shape[0] || tx.shape[2] !== ty.shape[2]) {
    throw new TypeError(
      `${context}: \`X\` and \`Y\` must have the same stimuli and units (axes 0 and 2): got shapes [${
        tx.shape.join(", ")
      }] and [${ty.shape.join(", ")}]`,
    );
  }
  for (const [t, name] of [[tx, "X"], [ty, "Y"]] as const) {
    if (t.shape[1]! < 2) {
      throw new RangeError(
        `${context}: \`${name}\` needs at least 2 trials per stimulus: got shape [${
          t.shape.join(", ")
        }]`,
      );
    }
  }
  return { tx, ty };
}

function asRows(t: Tensor): Matrix {
  return { rows: t.shape[0]! * t.shape[1]!, cols: t.shape[2]!, data: t.data };
}

/** Mean over stimuli of the mean over trial pairs of ‖x_a − z_b‖; optionally the residual norms. */
function crossMean(tx: Tensor, Z: Matrix, residuals?: Float64Array): number {
  const [n, rx, p] = tx.shape as [number, number, number];
  const ry = Z.rows / n;
  let total = 0, k = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < rx; a++) {
      const xo = (i * rx + a) * p;
      for (let b = 0; b < ry; b++) {
        const zo = (i * ry + b) * p;
        let d = 0;
        for (let j = 0; j < p; j++) d += (tx.data[xo + j]! - Z.data[zo + j]!) ** 2;
        const r = Math.sqrt(d);
        if (residuals) residuals[k++] = r;
        s += r;
      }
    }
    total += s / (rx * ry);
  }
  return total / n;
}

function withinMean(t: Tensor): number {
  const [n, r, p] = t.shape as [number, number, number];
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < r; a++) {
      for (let b = a + 1; b < r; b++) {
        let d = 0;
        for (let j = 0; j < p; j++) {
          d += (t.data[(i * r + a) * p + j]! - t.data[(i * r + b) * p + j]!) ** 2;
        }
        s += Math.sqrt(d);
      }
    }
    total += s / ((r * (r - 1)) / 2);
  }
  return total / n;
}

function trialMeans(t: Tensor): Matrix {
  const [n, r, p] = t.shape as [number, number, number];
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < r; a++) {
      for (let j = 0; j < p; j++) out[i * p + j] += t.data[(i * r + a) * p + j]! / r;
    }
  }
  return { rows: n, cols: p, data: out };
}

/**
 * Fit the alignment of the energy stochastic metric.
 *
 * @param X Trials [nStimuli, nTrialsX, nUnits] (nTrialsX ≥ 2).
 * @param Y Trials [nStimuli, nTrialsY, nUnits].
 * @param opts {@link EnergyShapeMetricOptions}.
 * @returns The fitted alignment.
 *
 * @example An alignment over the units
 * ```ts
 * import { fitEnergyShapeMetric } from "./stochastic_energy.ts";
 * import assert from "node:assert/strict";
 * const X = [[[0, 1], [1, 0], [1, 1]], [[3, 0], [2, 1], [2, 2]]];
 * const fit = fitEnergyShapeMetric(X, X);
 * assert.deepEqual([fit.T.rows, fit.T.cols], [2, 2]);
 * ```
 */
export function fitEnergyShapeMetric(
  X: TensorLike,
  Y: TensorLike,
  opts: EnergyShapeMetricOptions = {},
): EnergyShapeMetricFit {
  const context = "Cannot fit energy shape metric";
  checkOptionNames(opts, ["group", "maxIter", "tol"], context);
  const { group = "orth", maxIter = 100, tol = 1e-10 } = opts ?? {};
  checkGroup(group, context);
  assertInteger(maxIter, "maxIter", 1, Infinity, context);
  const { tx, ty } = checkTrials(X, Y, context);
  const b = getBackend();
  const [n, rx, p] = tx.shape as [number, number, number];
  const ry = ty.shape[1]!;
  const Yrows = asRows(ty);
  let T = alignFromCross(b.gemm(trialMeans(ty), trialMeans(tx), true, false), group);
  const residuals = new Float64Array(n * rx * ry);
  let prev = crossMean(tx, b.gemm(Yrows, T, false, false), residuals);
  const scale = Math.max(prev, 1e-300);
  const lossHistory: number[] = [];
  let converged = group === "identity", iterations = 0;
  while (!converged && iterations < maxIter) {
    iterations++;
    // C = Σ_i Σ_{a,b} w_ab y_bᵀ x_a with w_ab = 1 / ‖x_a − y_b T‖ (floored)
    const Zw = new Float64Array(Yrows.data.length);
    const floor = 1e-12 * scale;
    for (let i = 0; i < n; i++) {
      for (let bb = 0; bb < ry; bb++) {
        const zo = (i * ry + bb) * p;
        for (let a = 0; a < rx; a++) {
          const w = 1 / Math.max(residuals[(i * rx + a) * ry + bb]!, floor);
          const xo = (i * rx + a) * p;
          for (let j = 0; j < p; j++) Zw[zo + j] += w * tx.data[xo + j]!;
        }
      }
    }
    T = alignFromCross(b.gemm(Yrows, { rows: Yrows.rows, cols: p, data: Zw }, true, false), group);
    const loss = crossMean(tx, b.gemm(Yrows, T, false, false), residuals);
    lossHistory.push(loss);
    if (prev - loss <= tol * Math.max(prev, 1e-300)) converged = true;
    prev = loss;
  }
  return { group, T, iterations, converged, lossHistory };
}

/**
 * Score a fitted energy metric on (held-out) stimuli.
 *
 * @param fit A fitted metric.
 * @param X Trials [nStimuli, nTrialsX, nUnits].
 * @param Y Trials [nStimuli, nTrialsY, nUnits].
 * @returns The energy distance (as in the module text).
 *
 * @example Identical trials are at distance 0
 * ```ts
 * import { fitEnergyShapeMetric, scoreEnergyShapeMetric } from "./stochastic_energy.ts";
 * import assert from "node:assert/strict";
 * const X = [[[0, 1], [1, 0], [1, 1]], [[3, 0], [2, 1], [2, 2]]];
 * assert.ok(scoreEnergyShapeMetric(fitEnergyShapeMetric(X, X), X, X) < 1e-6);
 * ```
 */
export function scoreEnergyShapeMetric(
  fit: EnergyShapeMetricFit,
  X: TensorLike,
  Y: TensorLike,
): number {
  const context = "Cannot score energy shape metric";
  const { tx, ty } = checkTrials(X, Y, context);
  if (fit.T.rows !== tx.shape[2]) {
    throw new TypeError(
      `${context}: inputs must have ${fit.T.rows} units as in training: got ${tx.shape[2]}`,
    );
  }
  const cross = crossMean(tx, getBackend().gemm(asRows(ty), fit.T, false, false));
  return Math.sqrt(Math.max(0, cross - 0.5 * (withinMean(tx) + withinMean(ty))));
}

/**
 * The energy stochastic shape distance (fit and score on the same stimuli).
 *
 * @param X Trials [nStimuli, nTrialsX, nUnits].
 * @param Y Trials [nStimuli, nTrialsY, nUnits].
 * @param opts {@link EnergyShapeMetricOptions}.
 * @returns The distance.
 *
 * @example Identity group: a closed form
 * ```ts
 * import { energyShapeMetric } from "./stochastic_energy.ts";
 * import assert from "node:assert/strict";
 * // one stimulus, one unit: X trials {0, 2}, Y trials {4, 6}
 * // E|x−y| = (4+6+2+4)/4 = 4, E|x−x'| = 2, E|y−y'| = 2 → d² = 4 − 2 = 2
 * const d = energyShapeMetric([[[0], [2]]], [[[4], [6]]], { group: "identity" });
 * assert.ok(Math.abs(d - Math.SQRT2) < 1e-15);
 * ```
 */
export function energyShapeMetric(
  X: TensorLike,
  Y: TensorLike,
  opts: EnergyShapeMetricOptions = {},
): number {
  return scoreEnergyShapeMetric(fitEnergyShapeMetric(X, Y, opts), X, Y);
}
