/**
 * Minimum-norm least squares through the SVD, with LAPACK `dgelsd`'s rank
 * rule: singular values s ≤ rcond·s_max are treated as zero, and an rcond
 * outside (0, 1) means machine epsilon.
 *
 * @module
 */

import type { RawLstsq } from "../backend.ts";
import type { Matrix } from "../matrix.ts";
import { gemm } from "./gemm.ts";
import { svd } from "./svd.ts";
import { EPS } from "./util.ts";

/**
 * Solve min ‖A·X − B‖_F with the smallest ‖X‖_F: X = V·diag(1/s)·Uᵀ·B over
 * the singular values above the cut.
 *
 * @param A Matrix [m, n].
 * @param B Right-hand sides [m, nrhs].
 * @param rcond Relative cut; values outside (0, 1) mean machine epsilon (as `dgelsd`).
 * @returns `{x, rank, s}`.
 *
 * @example An underdetermined system gets the minimum-norm solution
 * ```ts
 * import { lstsq } from "./lstsq.ts";
 * import assert from "node:assert/strict";
 * const r = lstsq({ rows: 1, cols: 2, data: new Float64Array([1, 1]) }, { rows: 1, cols: 1, data: new Float64Array([2]) }, 0);
 * assert.equal(r.rank, 1);
 * assert.ok(Math.abs(r.x.data[0]! - 1) < 1e-15 && Math.abs(r.x.data[1]! - 1) < 1e-15);
 * ```
 */
export function lstsq(A: Matrix, B: Matrix, rcond: number): RawLstsq {
  const m = A.rows, n = A.cols, nrhs = B.cols, k = Math.min(m, n);
  if (k === 0 || nrhs === 0) {
    return {
      x: { rows: n, cols: nrhs, data: new Float64Array(n * nrhs) },
      rank: 0,
      s: new Float64Array(k),
    };
  }
  const { U, s, Vt } = svd(A, false);
  const cut = (rcond > 0 && rcond < 1 ? rcond : EPS) * s[0]!;
  let rank = 0;
  while (rank < k && s[rank]! > cut) rank++;
  if (rank === 0) return { x: { rows: n, cols: nrhs, data: new Float64Array(n * nrhs) }, rank, s };
  // C = Uᵀ·B (first `rank` rows), scaled by 1/s
  const c = gemm(U, B, true, false);
  const cr = { rows: rank, cols: nrhs, data: c.data.subarray(0, rank * nrhs) };
  for (let i = 0; i < rank; i++) {
    const f = 1 / s[i]!;
    for (let j = 0; j < nrhs; j++) cr.data[i * nrhs + j] = cr.data[i * nrhs + j]! * f;
  }
  const vr = { rows: rank, cols: n, data: Vt.data.subarray(0, rank * n) };
  return { x: gemm(vr, cr, true, false), rank, s };
}
