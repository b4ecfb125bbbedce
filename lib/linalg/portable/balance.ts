/**
 * Balancing of a general matrix before the eigenvalue computation
 * (Parlett & Reinsch 1969): permutations that isolate eigenvalues already
 * exposed by zero patterns, then diagonal scaling by powers of two (exact)
 * that makes the 2-norms of matching rows and columns comparable. The norms
 * include the diagonal entry, which keeps the scaling from growing large on
 * nearly triangular matrices, where it would harm the eigenvectors
 * (James, Langou & Lowery 2014, "On matrix balancing and eigenvector computation").
 * The result B = D⁻¹·Pᵀ·A·P·D has the same eigenvalues as A; an eigenvector
 * y of B maps back to x = P·D·y.
 *
 * @module
 */

/** Balancing data needed to map eigenvectors back. */
export interface Balancing {
  /** First row/column of the block that still needs the QR iteration. */
  lo: number;
  /** Last row/column of that block. */
  hi: number;
  /** Diagonal of D (1 outside lo…hi). */
  scale: Float64Array;
  /** Row/column interchanges, in the order applied, as pairs [i₀, j₀, i₁, j₁, …]. */
  swaps: number[];
}

/** Ratio by which a scaling must shrink ‖row‖ + ‖column‖ to be applied. */
const IMPROVEMENT = 0.95;
/** Cap on scaling passes (each pass visits every row of the block). */
const MAX_PASSES = 100;

function swapBoth(h: Float64Array, n: number, i: number, j: number): void {
  if (i === j) return;
  for (let c = 0; c < n; c++) {
    const t = h[i * n + c]!;
    h[i * n + c] = h[j * n + c]!;
    h[j * n + c] = t;
  }
  for (let r = 0; r < n; r++) {
    const t = h[r * n + i]!;
    h[r * n + i] = h[r * n + j]!;
    h[r * n + j] = t;
  }
}

/**
 * Balance a row-major [n, n] matrix in place.
 *
 * @param h Row-major storage (overwritten by B).
 * @param n Order.
 * @returns The permutation and scaling applied.
 *
 * @example A triangular matrix needs no QR iteration at all
 * ```ts
 * import { balance } from "./balance.ts";
 * import assert from "node:assert/strict";
 * const b = balance(new Float64Array([1, 2, 0, 3]), 2);
 * assert.ok(b.hi <= b.lo);
 * ```
 */
export function balance(h: Float64Array, n: number): Balancing {
  const scale = new Float64Array(n).fill(1);
  const swaps: number[] = [];
  let lo = 0, hi = n - 1;
  // rows with no off-diagonal entry in columns lo…hi isolate an eigenvalue: move them down
  rows: while (hi > lo) {
    for (let j = hi; j >= lo; j--) {
      let isolated = true;
      for (let i = lo; i <= hi; i++) {
        if (i !== j && h[j * n + i] !== 0) {
          isolated = false;
          break;
        }
      }
      if (isolated) {
        swaps.push(j, hi);
        swapBoth(h, n, j, hi);
        hi--;
        continue rows;
      }
    }
    break;
  }
  // columns with no off-diagonal entry in rows lo…hi: move them up
  cols: while (hi > lo) {
    for (let j = lo; j <= hi; j++) {
      let isolated = true;
      for (let i = lo; i <= hi; i++) {
        if (i !== j && h[i * n + j] !== 0) {
          isolated = false;
          break;
        }
      }
      if (isolated) {
        swaps.push(j, lo);
        swapBoth(h, n, j, lo);
        lo++;
        continue cols;
      }
    }
    break;
  }
  for (let pass = 0; pass < MAX_PASSES && hi > lo; pass++) {
    let changed = false;
    for (let i = lo; i <= hi; i++) {
      let c = 0, r = 0;
      for (let k = lo; k <= hi; k++) {
        const ck = h[k * n + i]!, rk = h[i * n + k]!;
        c += ck * ck;
        r += rk * rk;
      }
      c = Math.sqrt(c);
      r = Math.sqrt(r);
      if (c === 0 || r === 0 || !Number.isFinite(c) || !Number.isFinite(r)) continue;
      // f = 2^p with c·f ≈ r/f
      const p = Math.round(0.5 * Math.log2(r / c));
      if (p === 0) continue;
      const cappedP = Math.max(-60, Math.min(60, p));
      const f = 2 ** cappedP;
      if (c * f + r / f >= IMPROVEMENT * (c + r)) continue;
      const total = scale[i]! * f;
      if (total < 2 ** -900 || total > 2 ** 900) continue;
      scale[i] = total;
      const g = 1 / f;
      for (let k = 0; k < n; k++) h[i * n + k] = h[i * n + k]! * g;
      for (let k = 0; k < n; k++) h[k * n + i] = h[k * n + i]! * f;
      changed = true;
    }
    if (!changed) break;
  }
  return { lo, hi: Math.max(hi, lo), scale, swaps };
}

/**
 * Map eigenvectors of the balanced matrix back to the original one, in place:
 * rows of X (row-major [n, ncols]) are scaled by D, then the interchanges are
 * undone in reverse order.
 *
 * @param x Eigenvectors as columns, row-major [n, ncols].
 * @param ncols Number of columns.
 * @param b Balancing returned by {@link balance}.
 *
 * @example
 * ```ts
 * import { unbalanceVectors } from "./balance.ts";
 * import assert from "node:assert/strict";
 * const x = new Float64Array([1, 1]);
 * unbalanceVectors(x, 1, { lo: 0, hi: 1, scale: new Float64Array([2, 1]), swaps: [0, 1] });
 * assert.deepEqual(Array.from(x), [1, 2]);
 * ```
 */
export function unbalanceVectors(x: Float64Array, ncols: number, b: Balancing): void {
  const n = b.scale.length;
  for (let i = 0; i < n; i++) {
    const s = b.scale[i]!;
    if (s === 1) continue;
    for (let j = 0; j < ncols; j++) x[i * ncols + j] = x[i * ncols + j]! * s;
  }
  for (let k = b.swaps.length - 2; k >= 0; k -= 2) {
    const i = b.swaps[k]!, j = b.swaps[k + 1]!;
    if (i === j) continue;
    for (let c = 0; c < ncols; c++) {
      const t = x[i * ncols + c]!;
      x[i * ncols + c] = x[j * ncols + c]!;
      x[j * ncols + c] = t;
    }
  }
}
