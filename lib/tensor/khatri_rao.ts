/**
 * Khatri–Rao products and the matricised-tensor-times-Khatri–Rao product
 * (MTTKRP), the workhorse of CP-ALS. The big contractions run as one gemm on a
 * reshaped (not permuted) view of the C-order tensor.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { matmul } from "../linalg/products.ts";
import type { Tensor3 } from "./tensor.ts";

/**
 * The column-wise Khatri–Rao product `A ⊙ B`: row `i * J + j` is `A[i, :] * B[j, :]`
 * (the first factor varies slowest, matching C-order unfoldings:
 * `T_(0) = A (B ⊙ C)ᵀ` for `T = [[A, B, C]]`).
 *
 * @param A `[I, R]`.
 * @param B `[J, R]`.
 * @returns `[I * J, R]`.
 *
 * @example Two 2×1 factors
 * ```ts
 * import { khatriRao } from "./khatri_rao.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(khatriRao([[1], [2]], [[3], [4]]).data), [3, 4, 6, 8]);
 * ```
 */
export function khatriRao(A: MatrixLike, B: MatrixLike): Matrix {
  const ctx = "Cannot form Khatri–Rao product";
  const a = asMatrix(A, "A", { context: ctx });
  const b = asMatrix(B, "B", { context: ctx });
  if (a.cols !== b.cols) {
    throw new TypeError(
      `${ctx}: \`A\` and \`B\` must have the same number of columns: got shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`,
    );
  }
  return khatriRaoUnchecked(a, b);
}

/** {@link khatriRao} without validation (internal hot path), optionally into a reused buffer. */
export function khatriRaoUnchecked(a: Matrix, b: Matrix, buffer?: Float64Array): Matrix {
  const R = a.cols, I = a.rows, J = b.rows;
  const out = buffer && buffer.length === I * J * R ? buffer : new Float64Array(I * J * R);
  const ad = a.data, bd = b.data;
  for (let i = 0; i < I; i++) {
    for (let j = 0; j < J; j++) {
      const o = (i * J + j) * R, ao = i * R, bo = j * R;
      for (let r = 0; r < R; r++) out[o + r] = ad[ao + r]! * bd[bo + r]!;
    }
  }
  return { rows: I * J, cols: R, data: out };
}

/**
 * `Z = T_[IJ, K] · C`: the tensor viewed as an `[I*J, K]` matrix (no copy) times the
 * mode-2 factor. Both the mode-0 and the mode-1 MTTKRP follow from Z in O(IJR).
 * Written into `out` (length I·J·R) when given.
 */
export function contractLastMode(T: Tensor3, C: Matrix, out?: Float64Array): Matrix {
  const [I, J, K] = T.shape;
  return matmul({ rows: I * J, cols: K, data: T.data }, C, out ? { out } : {});
}

/** Mode-0 MTTKRP from `Z = T_[IJ,K] C`: `M[i, r] = Σ_j Z[i*J + j, r] B[j, r]` (into `into` if given). */
export function mttkrpMode0FromZ(
  Z: Matrix,
  B: Matrix,
  I: number,
  into?: Float64Array,
): Matrix {
  const R = B.cols, J = B.rows, JR = J * R;
  const out = into ?? new Float64Array(I * R);
  const z = Z.data, b = B.data;
  // Row block i of Z is contiguous ([J, R]): one register accumulator per (i, r), summed
  // over j in ascending order (the same sums as accumulating row by row).
  for (let i = 0; i < I; i++) {
    const zi = i * JR;
    for (let r = 0; r < R; r++) {
      let s = 0;
      for (let p = r; p < JR; p += R) s += z[zi + p]! * b[p]!;
      out[i * R + r] = s;
    }
  }
  return { rows: I, cols: R, data: out };
}

/** Mode-1 MTTKRP from `Z = T_[IJ,K] C`: `M[j, r] = Σ_i Z[i*J + j, r] A[i, r]` (into `into` if given). */
export function mttkrpMode1FromZ(
  Z: Matrix,
  A: Matrix,
  J: number,
  into?: Float64Array,
): Matrix {
  const R = A.cols, I = A.rows, JR = J * R, IJR = I * JR;
  const out = into ?? new Float64Array(J * R);
  const z = Z.data, a = A.data;
  // One register accumulator per (j, r), summed over i in ascending order.
  for (let q = 0; q < JR; q++) {
    const r = q % R;
    let s = 0;
    for (let ao = r, p = q; p < IJR; ao += R, p += JR) s += z[p]! * a[ao]!;
    out[q] = s;
  }
  return { rows: J, cols: R, data: out };
}

/** Mode-2 MTTKRP: `T_[IJ,K]ᵀ (A ⊙ B)`, one gemm on the un-permuted data (KR into `buffer`, product into `out`, if given). */
export function mttkrpMode2(
  T: Tensor3,
  A: Matrix,
  B: Matrix,
  buffer?: Float64Array,
  out?: Float64Array,
): Matrix {
  const [I, J, K] = T.shape;
  return matmul({ rows: I * J, cols: K, data: T.data }, khatriRaoUnchecked(A, B, buffer), {
    transA: true,
    ...(out ? { out } : {}),
  });
}

/**
 * The MTTKRP of mode `mode`: `T_(n)` times the Khatri–Rao product of the other two
 * factors (in C order), e.g. `T_(0) (B ⊙ C)` for mode 0 — the right-hand side of the
 * CP-ALS normal equations.
 *
 * @param T The tensor `[I, J, K]`.
 * @param factors `[A [I, R], B [J, R], C [K, R]]` (the factor of `mode` is ignored).
 * @param mode 0, 1 or 2.
 * @returns `[I_mode, R]`.
 *
 * @example Matches the explicit unfolding product
 * ```ts
 * import { tensor3, unfold } from "./tensor.ts";
 * import { khatriRao, mttkrp } from "./khatri_rao.ts";
 * import { matmul, fromRows } from "../linalg/mod.ts";
 * import assert from "node:assert/strict";
 * const T = tensor3([2, 2, 2], new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]));
 * const F = [fromRows([[1], [2]]), fromRows([[1], [-1]]), fromRows([[2], [1]])];
 * const direct = matmul(unfold(T, 1), khatriRao(F[0]!, F[2]!));
 * assert.deepEqual(mttkrp(T, F, 1).data, direct.data);
 * ```
 */
export function mttkrp(T: Tensor3, factors: readonly MatrixLike[], mode: 0 | 1 | 2): Matrix {
  const ctx = "Cannot compute MTTKRP";
  if (factors.length !== 3) {
    throw new TypeError(`${ctx}: \`factors\` must hold 3 matrices: got ${factors.length}`);
  }
  const F = factors.map((f, m) => asMatrix(f, `factors[${m}]`, { context: ctx }));
  const R = F[0]!.cols;
  F.forEach((f, m) => {
    if (f.rows !== T.shape[m] || f.cols !== R) {
      throw new TypeError(
        `${ctx}: \`factors[${m}]\` must have shape [${T.shape[m]}, ${R}] for a tensor of shape [${
          T.shape.join(", ")
        }]: got [${f.rows}, ${f.cols}]`,
      );
    }
  });
  const [A, B, C] = F as [Matrix, Matrix, Matrix];
  if (mode === 2) return mttkrpMode2(T, A, B);
  const Z = contractLastMode(T, C);
  if (mode === 0) return mttkrpMode0FromZ(Z, B, T.shape[0]);
  if (mode === 1) return mttkrpMode1FromZ(Z, A, T.shape[1]);
  throw new RangeError(`${ctx}: \`mode\` must be 0, 1 or 2: got ${mode}`);
}
