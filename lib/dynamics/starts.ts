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

/** A labelled starting point. */
export interface Start {
  /** Where it came from, e.g. `"identity"`, `"spectral:sym+"`, `"schur-"`, `"haar+"`. */
  label: string;
  /** Orthogonal [n, n], row-major. */
  C: Float64Array;
}

type Basis = { U: Float64Array; M: Float64Array };

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

function eigBasis(F: Float64Array, A: Float64Array, n: number): Basis {
  // symmetrise exactly (products like AAᵀ are symmetric only up to rounding)
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) S[i * n + j] = 0.5 * (F[i * n + j]! + F[j * n + i]!);
  }
  const U = eigh({ rows: n, cols: n, data: S }).vectors!.data;
  return { U, M: transform(A, U, n) };
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

/**
 * The structured starts for min ‖Â − C B̂ Cᵀ‖: identity, sign flips, four
 * eigenbasis alignments and a real-Schur alignment — each on both components of
 * O(n) when n is even (for odd n, C and −C give the same objective, so one
 * component covers both).
 *
 * @param A Â [n, n].
 * @param B B̂ [n, n].
 * @param n Order.
 * @param schur Real Schur bases of Â and B̂ when already computed.
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
  schur?: { A: SchurBasis; B: SchurBasis },
): Start[] {
  const both = n % 2 === 0;
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  const starts: Start[] = [{ label: "identity", C: I }];
  starts.push(...aligned("signs", { U: I, M: A }, { U: I, M: B }, n, both));
  const fa = symmetricFunctions(A, n), fb = symmetricFunctions(B, n);
  for (let f = 0; f < fa.length; f++) {
    const [name, FA] = fa[f]!, FB = fb[f]![1];
    starts.push(...aligned(`spectral:${name}`, eigBasis(FA, A, n), eigBasis(FB, B, n), n, both));
  }
  const sa = schur?.A ?? realSchurBasis(A, n), sb = schur?.B ?? realSchurBasis(B, n);
  starts.push(...aligned("schur", { U: sa.Q, M: sa.T }, { U: sb.Q, M: sb.T }, n, both));
  return starts;
}
