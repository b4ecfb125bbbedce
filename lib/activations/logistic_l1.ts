/**
 * L1-penalised logistic regression by accelerated proximal gradient (FISTA,
 * Beck & Teboulle 2009) with backtracking on the step and function-value
 * adaptive restart (O'Donoghue & Candès 2015). The intercepts are not penalised.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { logisticLoss, outputRows } from "./logistic_loss.ts";

/**
 * Minimise `loss(θ) + λ‖W‖₁` (mean negative log-likelihood; intercepts free).
 *
 * @param X Features [n, d].
 * @param y Labels in `0 … nClasses−1`.
 * @param nClasses Number of classes (2 → one sigmoid row).
 * @param lambda Penalty weight on the mean-loss scale, `1 / (C n)`.
 * @param tol Stop when the max-norm of the optimality residual is below this.
 * @param maxIter Maximum number of proximal steps.
 * @returns Packed parameters `[W row-major, b]`, the iterations used, and whether `tol` was met.
 *
 * @example A large penalty zeroes every weight
 * ```ts
 * import { fistaL1 } from "./logistic_l1.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const X = fromRows([[-1], [-0.5], [0.5], [1]]);
 * const r = fistaL1(X, Int32Array.from([0, 1, 0, 1]), 2, 10, 1e-10, 1000);
 * assert.equal(r.theta[0], 0);
 * assert.ok(r.converged);
 * ```
 */
export function fistaL1(
  X: Matrix,
  y: Int32Array,
  nClasses: number,
  lambda: number,
  tol: number,
  maxIter: number,
): { theta: Float64Array; iterations: number; converged: boolean } {
  const rows = outputRows(nClasses), nw = rows * X.cols, p = nw + rows;
  const composite = (theta: Float64Array, loss: number) => {
    let s = 0;
    for (let k = 0; k < nw; k++) s += Math.abs(theta[k]!);
    return loss + lambda * s;
  };
  // Optimality residual of the composite problem at θ given ∇loss(θ).
  const residual = (theta: Float64Array, g: Float64Array) => {
    let m = 0;
    for (let k = 0; k < p; k++) {
      let r: number;
      if (k >= nw) r = Math.abs(g[k]!);
      else if (theta[k] !== 0) r = Math.abs(g[k]! + lambda * Math.sign(theta[k]!));
      else r = Math.max(0, Math.abs(g[k]!) - lambda);
      if (r > m) m = r;
    }
    return m;
  };
  const prox = (v: Float64Array, t: number) => {
    const out = new Float64Array(p);
    for (let k = 0; k < p; k++) {
      const a = v[k]!;
      if (k >= nw) out[k] = a;
      else out[k] = a > t * lambda ? a - t * lambda : a < -t * lambda ? a + t * lambda : 0;
    }
    return out;
  };
  let x: Float64Array = new Float64Array(p);
  let gx: Float64Array = new Float64Array(p);
  let fx = logisticLoss(X, y, x, nClasses, gx).loss;
  let Fx = composite(x, fx);
  let z = x, gz = gx, fz = fx; // extrapolated point and its loss/gradient
  let L = 1, tk = 1;
  for (let it = 0; it < maxIter; it++) {
    if (residual(x, gx) <= tol) return { theta: x, iterations: it, converged: true };
    // Backtracking: find L with loss(x⁺) ≤ loss(z) + ⟨∇, x⁺ − z⟩ + L/2 ‖x⁺ − z‖².
    let xNew: Float64Array, gNew: Float64Array, fNew: number;
    for (;;) {
      const step = z.map((v, k) => v - gz[k]! / L);
      xNew = prox(step, 1 / L);
      gNew = new Float64Array(p);
      fNew = logisticLoss(X, y, xNew, nClasses, gNew).loss;
      let lin = 0, sq = 0;
      for (let k = 0; k < p; k++) {
        const dk = xNew[k]! - z[k]!;
        lin += gz[k]! * dk;
        sq += dk * dk;
      }
      if (fNew <= fz + lin + 0.5 * L * sq + 1e-12 * Math.abs(fz) || sq === 0) break;
      L *= 2;
    }
    const FNew = composite(xNew, fNew);
    const tNext = (1 + Math.sqrt(1 + 4 * tk * tk)) / 2;
    if (FNew > Fx + 1e-15 * Math.max(1, Math.abs(Fx)) && z !== x) {
      // Restart: drop momentum, take a plain proximal step from x next time.
      tk = 1;
      z = x;
      gz = gx;
      fz = fx;
      continue;
    }
    const beta = (tk - 1) / tNext;
    const zNew = xNew.map((v, k) => v + beta * (v - x[k]!));
    x = xNew;
    gx = gNew;
    fx = fNew;
    Fx = FNew;
    tk = tNext;
    if (beta === 0) {
      z = x;
      gz = gx;
      fz = fx;
    } else {
      z = zNew;
      gz = new Float64Array(p);
      fz = logisticLoss(X, y, z, nClasses, gz).loss;
    }
    L *= 0.9; // let the step grow again
  }
  return { theta: x, iterations: maxIter, converged: residual(x, gx) <= tol };
}
