/**
 * Structured starting points for the similarity-transform optimisation: the
 * identity, diagonal sign flips, and eigenbasis alignments. For an exactly
 * conjugate pair A = Q B Qᵀ these land on Q itself (up to rounding) whenever the
 * aligned spectra are simple, on either component of O(n).
 *
 * Eigenbasis alignment: for any conjugation-equivariant symmetric function f
 * (f(QBQᵀ) = Q f(B) Qᵀ: the symmetric part, AAᵀ, AᵀA, the symmetric part of A²),
 * f(A) = U_A Λ U_Aᵀ and f(B) = U_B Λ U_Bᵀ with the same eigenvalues; with simple
 * eigenvalues Q = U_A S U_Bᵀ for a diagonal sign matrix S, and S is found from
 * (U_AᵀAU_A)ᵢⱼ = sᵢsⱼ(U_BᵀBU_B)ᵢⱼ by {@link optimizeSigns}. The same is done
 * with real Schur bases in eigenvalue order (eigenvalue matching).
 *
 * @module
 */

import { eigh } from "../linalg/eigh.ts";
import { mm } from "./dense.ts";
import { determinantSign } from "./orthogonal.ts";
import { realSchurBasis, type SchurBasis } from "./schur.ts";
import { optimizeSigns, optimizeSignsBoth } from "./signs.ts";
import { linearSumAssignment } from "../optim/assignment.ts";

/** A labelled starting point. */
export interface Start {
  /** Where it came from, e.g. `"identity"`, `"spectral:sym+"`, `"schur-"`, `"haar+"`. */
  label: string;
  /** Orthogonal [n, n], row-major. */
  C: Float64Array;
}

/** An orthonormal basis U of an operator A with the transformed operator M = UᵀAU. */
export interface Basis {
  /** What the basis diagonalises, e.g. `"sym"`. */
  label: string;
  /** Orthogonal [n, n]. */
  U: Float64Array;
  /** UᵀAU [n, n]. */
  M: Float64Array;
}

function transform(A: Float64Array, U: Float64Array, n: number): Float64Array {
  return mm(U, mm(A, U, n, n, n), n, n, n, true, false);
}

function symmetricFunctions(A: Float64Array, n: number): [string, Float64Array][] {
  const sym = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) sym[i * n + j] = 0.5 * (A[i * n + j]! + A[j * n + i]!);
  }
  const AAt = mm(A, A, n, n, n, false, true);
  const AtA = mm(A, A, n, n, n, true, false);
  const A2 = mm(A, A, n, n, n);
  const sym2 = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) sym2[i * n + j] = 0.5 * (A2[i * n + j]! + A2[j * n + i]!);
  }
  return [["sym", sym], ["AAt", AAt], ["AtA", AtA], ["sym2", sym2]];
}

function eigBasis(label: string, F: Float64Array, A: Float64Array, n: number): Basis {
  // symmetrise exactly (products like AAᵀ are symmetric only up to rounding)
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) S[i * n + j] = 0.5 * (F[i * n + j]! + F[j * n + i]!);
  }
  const U = eigh({ rows: n, cols: n, data: S }).vectors!.data;
  return { label, U, M: transform(A, U, n) };
}

/**
 * Eigenbases of the conjugation-equivariant symmetric functions of an operator
 * (its symmetric part, AAᵀ, AᵀA, the symmetric part of A²), eigenvalues
 * ascending, with the operator expressed in each basis. Computed once per
 * operator when many pairs are compared.
 *
 * @param A Operator [n, n].
 * @param n Order.
 * @returns Four bases.
 *
 * @example
 * ```ts
 * import { eigenBases } from "./starts.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(eigenBases(new Float64Array([1, 2, 0, 3]), 2).map((b) => b.label), ["sym", "AAt", "AtA", "sym2"]);
 * ```
 */
export function eigenBases(A: Float64Array, n: number): Basis[] {
  return symmetricFunctions(A, n).map(([name, F]) => eigBasis(name, F, A, n));
}

/** C = U_A diag(s) U_Bᵀ with signs matched between the transformed matrices, one per requested component. */
function aligned(label: string, a: Basis, b: Basis, n: number, both: boolean): Start[] {
  const W = new Float64Array(n * n);
  for (let k = 0; k < W.length; k++) W[k] = a.M[k]! * b.M[k]!;
  const base = determinantSign(a.U, n) * determinantSign(b.U, n);
  const make = (signs: Int8Array, tag: string): Start => {
    const US = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) US[i * n + j] = a.U[i * n + j]! * signs[j]!;
    }
    return { label: `${label}${tag}`, C: mm(US, b.U, n, n, n, false, true) };
  };
  if (!both) return [make(optimizeSigns(W, n), "")];
  // det C = det U_A · ∏s · det U_B
  const { plus, minus } = optimizeSignsBoth(W, n);
  return base > 0 ? [make(plus, "+"), make(minus, "-")] : [make(minus, "+"), make(plus, "-")];
}

/** Eigenvalue of each Schur column: T_jj for a 1×1 block, a ± i√(−bc) for a canonical 2×2 block [[a, b], [c, a]]. */
function columnEigenvalues(S: SchurBasis, n: number): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(n), im = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    re[j] = S.T[j * n + j]!;
    if (S.blocks[j] === 2) {
      const w = Math.sqrt(Math.max(0, -S.T[j * n + j + 1]! * S.T[(j + 1) * n + j]!));
      im[j] = w;
      im[j + 1] = -w;
      re[j + 1] = S.T[(j + 1) * n + j + 1]!;
      j++;
    }
  }
  return { re, im };
}

/**
 * The Schur basis of B reordered so that its columns face the columns of A's
 * Schur basis with the closest eigenvalues (an optimal assignment of the
 * eigenvalues, as in the Wasserstein score).
 */
function matchedSchurBasis(sa: SchurBasis, sb: SchurBasis, n: number): Basis {
  const ea = columnEigenvalues(sa, n), eb = columnEigenvalues(sb, n);
  const cost = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      cost[a * n + b] = (ea.re[a]! - eb.re[b]!) ** 2 + (ea.im[a]! - eb.im[b]!) ** 2;
    }
  }
  const colOf = linearSumAssignment({ rows: n, cols: n, data: cost }).colIndex;
  const U = new Float64Array(n * n), M = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let a = 0; a < n; a++) U[i * n + a] = sb.Q[i * n + colOf[a]!]!;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) M[a * n + b] = sb.T[colOf[a]! * n + colOf[b]!]!;
  }
  return { label: "matched", U, M };
}

/**
 * The structured starts for min ‖Â − C B̂ Cᵀ‖: identity, sign flips, four
 * eigenbasis alignments, a real-Schur alignment in eigenvalue order and one
 * with eigenvalues matched by optimal assignment — each on both components of
 * O(n) when n is even (for odd n, C and −C give the same objective, so one
 * component covers both).
 *
 * @param A Â [n, n].
 * @param B B̂ [n, n].
 * @param n Order.
 * @param pre Eigenbases and real Schur bases of Â and B̂ when already computed.
 * @returns Starting points (possibly with duplicates).
 *
 * @example An exactly sign-flipped copy is found by the sign start
 * ```ts
 * import { structuredStarts } from "./starts.ts";
 * import assert from "node:assert/strict";
 * const B = new Float64Array([1, 2, 3, 4]);
 * const A = new Float64Array([1, -2, -3, 4]); // diag(1, −1) B diag(1, −1)
 * const start = structuredStarts(A, B, 2).find((s) => s.label === "signs-")!;
 * assert.deepEqual(Array.from(start.C), [1, 0, 0, -1]);
 * ```
 */
export function structuredStarts(
  A: Float64Array,
  B: Float64Array,
  n: number,
  pre?: { basesA: Basis[]; basesB: Basis[]; schurA: SchurBasis; schurB: SchurBasis },
): Start[] {
  const both = n % 2 === 0;
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  const starts: Start[] = [{ label: "identity", C: I }];
  starts.push(...aligned("signs", { label: "", U: I, M: A }, { label: "", U: I, M: B }, n, both));
  const ba = pre?.basesA ?? eigenBases(A, n), bb = pre?.basesB ?? eigenBases(B, n);
  ba.forEach((basis, f) =>
    starts.push(...aligned(`spectral:${basis.label}`, basis, bb[f]!, n, both))
  );
  const sa = pre?.schurA ?? realSchurBasis(A, n), sb = pre?.schurB ?? realSchurBasis(B, n);
  const schurA: Basis = { label: "", U: sa.Q, M: sa.T };
  starts.push(...aligned("schur", schurA, { label: "", U: sb.Q, M: sb.T }, n, both));
  starts.push(...aligned("matched", schurA, matchedSchurBasis(sa, sb, n), n, both));
  return starts;
}
