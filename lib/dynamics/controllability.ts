/**
 * Controllability of an input-driven linear system x_{t+1} = A x_t + B u_t
 * (e.g. a DMDc fit, `Av` and `Bv`): the discrete controllability Gramian
 * W = Σ_{t≥0} Aᵗ B Bᵀ (Aᵗ)ᵀ, the solution of W = A W Aᵀ + B Bᵀ, and summaries
 * of it. The energy needed to reach a state x from rest is xᵀW⁻¹x, so small
 * eigenvalues of W mark directions the inputs hardly drive.
 *
 * @module
 */

import { eigh } from "../linalg/eigh.ts";
import { eig } from "../linalg/eig.ts";
import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { mm } from "./dense.ts";

/** Controllability summaries of (A, B). */
export interface Controllability {
  /** The Gramian W [n, n] (symmetric positive semi-definite). */
  gramian: Matrix;
  /** Eigenvalues of W, descending. */
  eigenvalues: Float64Array;
  /** tr W: the average output energy of unit white-noise inputs. */
  trace: number;
  /** λ_min(W): 1/λ_min is the largest energy needed to reach a unit-norm state. */
  minEigenvalue: number;
  /** Eigenvalues of W above λ_max · n · 1e-12: the dimension of the controllable subspace. */
  rank: number;
}

/**
 * The controllability Gramian of a stable discrete-time pair (A, B) and its
 * summaries, by the doubling (Smith) iteration W ← W + M W Mᵀ, M ← M², which
 * sums 2ᵏ terms of the series after k steps.
 *
 * @param A State operator [n, n], spectral radius < 1.
 * @param B Input operator [n, m].
 * @returns Gramian, its eigenvalues, trace, smallest eigenvalue and rank.
 *
 * @example A scalar system: W = b²/(1 − a²)
 * ```ts
 * import { controllability } from "./controllability.ts";
 * import assert from "node:assert/strict";
 * const c = controllability([[0.5]], [[2]]);
 * assert.ok(Math.abs(c.trace - 4 / 0.75) < 1e-12);
 * ```
 */
export function controllability(A: MatrixLike, B: MatrixLike): Controllability {
  const context = "Cannot compute controllability";
  const a = asMatrix(A, "A", { context }), b = asMatrix(B, "B", { context });
  if (a.rows !== a.cols) {
    throw new TypeError(`${context}: \`A\` must be square: got shape [${a.rows}, ${a.cols}]`);
  }
  if (b.rows !== a.rows) {
    throw new TypeError(
      `${context}: \`B\` must have as many rows as \`A\`: got shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`,
    );
  }
  const n = a.rows, m = b.cols;
  const { re, im } = eig(a);
  let rho = 0;
  for (let k = 0; k < n; k++) rho = Math.max(rho, Math.hypot(re[k]!, im[k]!));
  if (!(rho < 1)) {
    throw new RangeError(
      `${context}: \`A\` must be stable (spectral radius < 1) for the Gramian to exist: got ${rho}`,
    );
  }
  let W = mm(b.data, b.data, n, m, n, false, true);
  let M: Float64Array = a.data.slice();
  for (let k = 0; k < 200; k++) {
    const add = mm(mm(M, W, n, n, n), M, n, n, n, false, true);
    let change = 0, size = 0;
    for (let i = 0; i < W.length; i++) {
      W[i] += add[i]!;
      change = Math.max(change, Math.abs(add[i]!));
      size = Math.max(size, Math.abs(W[i]!));
    }
    if (change <= 1e-16 * size) break;
    M = mm(M, M, n, n, n);
  }
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) S[i * n + j] = 0.5 * (W[i * n + j]! + W[j * n + i]!);
  }
  W = S;
  const values = eigh({ rows: n, cols: n, data: W }, { vectors: false }).values;
  const eigenvalues = Float64Array.from(values).sort((p, q) => q - p);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += W[i * n + i]!;
  const top = eigenvalues[0] ?? 0;
  const rank = eigenvalues.filter((v) => v > top * n * 1e-12).length;
  return {
    gramian: { rows: n, cols: n, data: W },
    eigenvalues,
    trace,
    minEigenvalue: Math.max(0, eigenvalues[n - 1] ?? 0),
    rank,
  };
}
