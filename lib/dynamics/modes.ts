/**
 * The lifted HAVOK operator on delay-embedded states and its DMD modes.
 *
 * @module
 */

import { eig } from "../linalg/eig.ts";
import type { Matrix } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { mm } from "./dense.ts";
import type { DmdFit } from "./dmd.ts";

/**
 * The operator on Hankel rows, A = U_r Σ_r A_v Σ_r⁻¹ U_rᵀ [N·D, N·D], so that
 * h_{t+1} ≈ A h_t for embedded states h (columns).
 *
 * @param fit A fitted DMD model.
 * @returns The lifted operator.
 *
 * @example Same nonzero eigenvalues as A_v
 * ```ts
 * import { fitDmd, liftedOperator } from "../../mod.ts";
 * import { eig } from "../linalg/eig.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [];
 * for (let t = 0; t < 30; t++) X.push([Math.cos(0.4 * t), Math.sin(0.4 * t)]);
 * const fit = fitDmd(X, { nDelays: 2, rank: 2, ridge: 0 });
 * const ev = eig(liftedOperator(fit));
 * assert.ok(Math.abs(ev.re[0]! - fit.eigenvalues.re[0]!) < 1e-9);
 * ```
 */
export function liftedOperator(fit: DmdFit): Matrix {
  const r = fit.rank, W = fit.U.rows;
  const sigma = fit.singularValues;
  // (U Σ) A_v (Σ⁻¹ Uᵀ)
  const US = new Float64Array(W * r), SiUt = new Float64Array(r * W);
  for (let i = 0; i < W; i++) {
    for (let j = 0; j < r; j++) {
      const u = fit.U.data[i * r + j]!;
      US[i * r + j] = u * sigma[j]!;
      SiUt[j * W + i] = u / sigma[j]!;
    }
  }
  const left = mm(US, fit.Av.data, W, r, r);
  return { rows: W, cols: W, data: mm(left, SiUt, W, r, W) };
}

/** DMD modes: eigenvalues of A_v with the matching eigenvectors of the lifted operator. */
export interface DmdModes {
  /** Eigenvalues (same order as `fit.eigenvalues`). */
  eigenvalues: { re: Float64Array; im: Float64Array };
  /** Real parts of the modes as columns, [N·D, r], each of unit norm. */
  re: Matrix;
  /** Imaginary parts of the modes as columns, [N·D, r]. */
  im: Matrix;
}

/**
 * DMD modes φ_j = U_r Σ_r w_j (normalised to unit 2-norm) for the eigenvectors
 * w_j of A_v: eigenvectors of the lifted operator in the delay-embedded space.
 * The first N entries of a mode are its pattern on the newest sample.
 *
 * @param fit A fitted DMD model.
 * @returns Eigenvalues and complex modes.
 *
 * @example Each mode is an eigenvector of the lifted operator
 * ```ts
 * import { dmdModes, fitDmd, liftedOperator } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [];
 * for (let t = 0; t < 30; t++) X.push([Math.exp(-0.1 * t), 2 * Math.exp(-0.1 * t) + Math.exp(-0.5 * t)]);
 * const fit = fitDmd(X, { ridge: 0 });
 * const m = dmdModes(fit), A = liftedOperator(fit);
 * const lam = m.eigenvalues.re[0]!;
 * const phi = [m.re.data[0]!, m.re.data[2]!];
 * const Aphi0 = A.data[0]! * phi[0]! + A.data[1]! * phi[1]!;
 * assert.ok(Math.abs(Aphi0 - lam * phi[0]!) < 1e-9);
 * ```
 */
export function dmdModes(fit: DmdFit): DmdModes {
  const r = fit.rank, W = fit.U.rows;
  const e = eig(fit.Av, { vectors: true });
  const US = new Float64Array(W * r);
  for (let i = 0; i < W; i++) {
    for (let j = 0; j < r; j++) US[i * r + j] = fit.U.data[i * r + j]! * fit.singularValues[j]!;
  }
  const re = mm(US, e.vectorsRe!.data, W, r, r), im = mm(US, e.vectorsIm!.data, W, r, r);
  for (let j = 0; j < r; j++) {
    let s = 0;
    for (let i = 0; i < W; i++) s += re[i * r + j]! ** 2 + im[i * r + j]! ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 1;
    for (let i = 0; i < W; i++) {
      re[i * r + j] *= inv;
      im[i * r + j] *= inv;
    }
  }
  return tagResult("dmdModes", {
    eigenvalues: { re: e.re, im: e.im },
    re: { rows: W, cols: r, data: re },
    im: { rows: W, cols: r, data: im },
  });
}
