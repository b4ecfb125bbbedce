/**
 * InputDSA (Huang, Ostrow, Singh, Kozachkov, Fiete & Rajan 2025, "InputDSA:
 * demixing then comparing recurrent and externally driven dynamics", arXiv
 * 2510.25943; DSA v2): compare two input-driven linear systems (A₁, B₁) and
 * (A₂, B₂), fitted e.g. by subspace DMDc, up to one orthogonal change of state
 * basis C acting on both operators, A₂ ≈ C A₁ Cᵀ and B₂ ≈ C B₁.
 *
 * `compare: "joint"` (the InputDSA distance): the orthogonal Procrustes problem on
 * the controllability matrices, min over C ∈ O(n) of ‖C K₁ − K₂‖_F with
 * K = [B, AB, AᵀB, A²B, (Aᵀ)²B, …, A^T B, (Aᵀ)^T B] (T = `powers`, n − 1 by default;
 * the Aᵀ powers, which the paper adds for a better-conditioned C, are optional).
 * Since C A₁ᵏ B₁ = (C A₁ Cᵀ)ᵏ C B₁, K is equivariant and the problem has the closed
 * form C = U Vᵀ from K₂ K₁ᵀ = U Σ Vᵀ. Scores: euclidean ‖C K₁ − K₂‖_F (not normalised,
 * as in the reference implementation) and angular arccos ⟨C K₁, K₂⟩/(‖K₁‖‖K₂‖).
 * The same C gives the state part ‖C A₁ Cᵀ − A₂‖ and the input part ‖C B₁ − B₂‖
 * (angular: arccos of the normalised inner products).
 *
 * `compare: "state"`: DSA's similarity-transform distance on A alone (the search of
 * `similarity.ts`, A normalised by its Frobenius norm): what DSA gives when the inputs
 * are ignored. `compare: "input"`: B alone, min over orthogonal C of ‖C B₁ − B₂‖.
 *
 * @module
 */

import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { asMatrix } from "../linalg/matrix.ts";
import { eig } from "../linalg/eig.ts";
import { svd } from "../linalg/svd.ts";
import { tagResult } from "../result.ts";
import { assertInteger } from "../validate/mod.ts";
import { mm, norm } from "./dense.ts";
import { type SimilarityOptions, similarityTransformDistance } from "./similarity.ts";
import { checkOptions } from "../validate/options.ts";
import { CONTROLLABILITY_OPTIONS, INPUT_DSA_OPTIONS } from "./option_kinds.ts";

/** Options for {@link controllabilityMatrix}. */
export interface ControllabilityMatrixOptions {
  /** Highest power T of A in K. @default n − 1 */
  powers?: number;
  /** Also append the (Aᵀ)ᵏB blocks (k = 1 … T). @default true */
  transposePowers?: boolean;
}

/**
 * The (augmented) controllability matrix K = [B, AB, AᵀB, A²B, (Aᵀ)²B, …] of InputDSA.
 *
 * @param A State operator [n, n].
 * @param B Input operator [n, m].
 * @param options Number of powers, whether to include the Aᵀ powers.
 * @returns K [n, m·(1 + T)] or [n, m·(1 + 2T)].
 *
 * @example
 * ```ts
 * import { controllabilityMatrix } from "./input_dsa.ts";
 * import assert from "node:assert/strict";
 * const K = controllabilityMatrix([[0, 1], [0, 0]], [[0], [1]]);
 * assert.deepEqual(Array.from(K.data), [0, 1, 0, 1, 0, 0]); // [B, AB, AᵀB] = [[0, 1, 0], [1, 0, 0]]
 * ```
 */
export function controllabilityMatrix(
  A: MatrixLike,
  B: MatrixLike,
  options: ControllabilityMatrixOptions = {},
): Matrix {
  const context = "Cannot build controllability matrix";
  checkOptions(options, CONTROLLABILITY_OPTIONS, context);
  const a = asMatrix(A, "A", { context }), b = asMatrix(B, "B", { context });
  checkPair(a, b, "A", "B", context);
  const n = a.rows, m = b.cols;
  const { powers = Math.max(0, n - 1), transposePowers = true } = options;
  assertInteger(powers, "powers", 0, Infinity, context);
  const blocks: Float64Array[] = [b.data];
  let fwd = b.data, bwd = b.data;
  for (let k = 1; k <= powers; k++) {
    fwd = mm(a.data, fwd, n, n, m);
    blocks.push(fwd);
    if (transposePowers) {
      bwd = mm(a.data, bwd, n, n, m, true, false);
      blocks.push(bwd);
    }
  }
  const w = blocks.length * m;
  const K = new Float64Array(n * w);
  blocks.forEach((blk, j) => {
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < m; c++) K[i * w + j * m + c] = blk[i * m + c]!;
    }
  });
  return { rows: n, cols: w, data: K };
}

function checkPair(a: Matrix, b: Matrix, nameA: string, nameB: string, context: string): void {
  if (a.rows !== a.cols || b.rows !== a.rows) {
    throw new TypeError(
      `${context}: \`${nameA}\` must be square and \`${nameB}\` must have as many rows: got shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`,
    );
  }
}

/** A distance in both scores. */
export interface ScorePair {
  /** Angle in [0, π] between the aligned, normalised operators. */
  angular: number;
  /** Frobenius norm of the difference of the aligned operators (not normalised). */
  euclidean: number;
}

/** Options for {@link inputDsaDistance}. */
export interface InputDsaOptions extends ControllabilityMatrixOptions, SimilarityOptions {
  /** What to compare: the joint controllability alignment, A alone (DSA), or B alone. @default "joint" */
  compare?: "joint" | "state" | "input";
  /** Zero-pad the smaller state space when the orders differ (else an error). @default false */
  pad?: boolean;
}

/** The outcome of {@link inputDsaDistance} (tagged `"inputDsa"`). */
export interface InputDsaResult {
  /** The chosen score of the chosen comparison. */
  distance: number;
  /** Which comparison `distance` is (`"weighted"`: built by the CLI from `inputDsaJoint`). */
  compare: "joint" | "state" | "input" | "weighted";
  /** Which score `distance` is. */
  score: "angular" | "euclidean";
  /** The joint (controllability-matrix) distance; null for `compare: "state"`/`"input"`. */
  joint: ScorePair | null;
  /** ‖C A₁ Cᵀ − A₂‖ with the C used (for `"state"`: DSA's normalised scores). */
  state: ScorePair;
  /** ‖C B₁ − B₂‖ with the C used. */
  input: ScorePair;
  /** The orthogonal alignment C [n, n] (maps system 1's state basis onto system 2's). */
  C: Matrix;
  /** Eigenvalues of A₁ and A₂. */
  eigenvalues: [{ re: Float64Array; im: Float64Array }, { re: Float64Array; im: Float64Array }];
  /** State dimension n (after padding). */
  order: number;
}

/** Zero-pad (A, B) to n states. */
function padTo(a: Matrix, b: Matrix, n: number): [Matrix, Matrix] {
  if (a.rows === n) return [a, b];
  const k = a.rows, m = b.cols;
  const A = new Float64Array(n * n), B = new Float64Array(n * m);
  for (let i = 0; i < k; i++) {
    A.set(a.data.subarray(i * k, (i + 1) * k), i * n);
    B.set(b.data.subarray(i * m, (i + 1) * m), i * m);
  }
  return [{ rows: n, cols: n, data: A }, { rows: n, cols: m, data: B }];
}

/** Angle between X and Y from their norms and inner product, accurate near 0 via the chord. */
function angle(X: Float64Array, Y: Float64Array): number {
  const nx = norm(X), ny = norm(Y);
  if (nx === 0 || ny === 0) return nx === ny ? 0 : Math.PI / 2;
  let d = 0;
  for (let i = 0; i < X.length; i++) d += (X[i]! / nx - Y[i]! / ny) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(d) / 2));
}

function pairOf(X: Float64Array, Y: Float64Array): ScorePair {
  let d = 0;
  for (let i = 0; i < X.length; i++) d += (X[i]! - Y[i]!) ** 2;
  return { angular: angle(X, Y), euclidean: Math.sqrt(d) };
}

/** argmin over orthogonal C of ‖C X − Y‖_F for X, Y [n, w]: C = U Vᵀ from Y Xᵀ = U Σ Vᵀ. */
function procrustes(X: Matrix, Y: Matrix): Float64Array {
  const n = X.rows;
  const M = mm(Y.data, X.data, n, X.cols, n, false, true);
  const { U, Vt } = svd({ rows: n, cols: n, data: M });
  return mm(U.data, Vt.data, n, n, n);
}

function components(C: Float64Array, a1: Matrix, b1: Matrix, a2: Matrix, b2: Matrix) {
  const n = a1.rows, m = b1.cols;
  const CA = mm(mm(C, a1.data, n, n, n), C, n, n, n, false, true);
  const CB = mm(C, b1.data, n, n, m);
  return { state: pairOf(CA, a2.data), input: pairOf(CB, b2.data) };
}

/**
 * The InputDSA distance between two input-driven linear systems (see the module
 * notes for the formulas of each `compare` mode).
 *
 * @param A1 State operator of system 1 [n, n].
 * @param B1 Input operator of system 1 [n, m].
 * @param A2 State operator of system 2 [n, n].
 * @param B2 Input operator of system 2 [n, m] (same inputs m).
 * @param options `compare`, `score`, controllability powers, `pad`, and the similarity-search options for `"state"`.
 * @returns The result (tagged `"inputDsa"`).
 *
 * @example Zero for an orthogonal change of basis, positive when only B changes
 * ```ts
 * import { inputDsaDistance } from "./input_dsa.ts";
 * import assert from "node:assert/strict";
 * const A = [[0.9, 0.2], [0, 0.5]], B = [[1], [0]];
 * const A2 = [[0.9, -0.2], [0, 0.5]], B2 = [[1], [0]]; // Q = diag(1, −1)
 * assert.ok(inputDsaDistance(A, B, A2, B2).distance < 1e-12);
 * const r = inputDsaDistance(A, B, A, [[0], [1]]); // drive the other mode
 * assert.ok(r.distance > 0.3); // 0.3211…
 * assert.ok(inputDsaDistance(A, B, A, [[0], [1]], { compare: "state" }).distance < 1e-12);
 * ```
 */
export function inputDsaDistance(
  A1: MatrixLike,
  B1: MatrixLike,
  A2: MatrixLike,
  B2: MatrixLike,
  options: InputDsaOptions = {},
): InputDsaResult {
  const context = "Cannot compute InputDSA distance";
  checkOptions(options, INPUT_DSA_OPTIONS, context);
  const { compare = "joint", score = "angular", pad = false, powers, transposePowers } = options;
  if (compare !== "joint" && compare !== "state" && compare !== "input") {
    throw new RangeError(
      `${context}: \`compare\` must be one of joint, state, input: got ${String(compare)}`,
    );
  }
  if (score !== "angular" && score !== "euclidean") {
    throw new RangeError(`${context}: \`score\` must be one of angular, euclidean: got ${score}`);
  }
  let a1 = asMatrix(A1, "A1", { context }), b1 = asMatrix(B1, "B1", { context });
  let a2 = asMatrix(A2, "A2", { context }), b2 = asMatrix(B2, "B2", { context });
  checkPair(a1, b1, "A1", "B1", context);
  checkPair(a2, b2, "A2", "B2", context);
  if (b1.cols !== b2.cols) {
    throw new TypeError(
      `${context}: \`B1\` and \`B2\` must have the same number of inputs: got shapes [${b1.rows}, ${b1.cols}] and [${b2.rows}, ${b2.cols}]`,
    );
  }
  if (a1.rows !== a2.rows) {
    if (!pad) {
      throw new TypeError(
        `${context}: \`A1\` and \`A2\` must have the same size (or pass \`pad: true\` to zero-pad the smaller): got shapes [${a1.rows}, ${a1.cols}] and [${a2.rows}, ${a2.cols}]`,
      );
    }
    const n = Math.max(a1.rows, a2.rows);
    [a1, b1] = padTo(a1, b1, n);
    [a2, b2] = padTo(a2, b2, n);
  }
  const n = a1.rows;
  const eigenvalues: InputDsaResult["eigenvalues"] = [eig(a1), eig(a2)].map(({ re, im }) => ({
    re,
    im,
  })) as InputDsaResult["eigenvalues"];
  const pick = (p: ScorePair) => score === "angular" ? p.angular : p.euclidean;
  if (compare === "state") {
    const { compare: _c, pad: _p, powers: _k, transposePowers: _t, ...search } = options;
    const r = similarityTransformDistance(a2, a1, { ...search, score });
    // similarityTransformDistance aligns its second argument: ⟨Â₂, C Â₁ Cᵀ⟩
    const C = r.C.data;
    const state = { angular: r.angular, euclidean: r.euclidean };
    const input = components(C, a1, b1, a2, b2).input;
    return tagResult("inputDsa", {
      distance: pick(state),
      compare,
      score,
      joint: null,
      state,
      input,
      C: r.C,
      eigenvalues,
      order: n,
    });
  }
  let C: Float64Array;
  let joint: ScorePair | null = null;
  if (compare === "input") {
    C = procrustes(b1, b2);
  } else {
    const opts = { ...(powers !== undefined ? { powers } : {}), transposePowers };
    const K1 = controllabilityMatrix(a1, b1, opts), K2 = controllabilityMatrix(a2, b2, opts);
    if (norm(K1.data) === 0 || norm(K2.data) === 0) {
      throw new RangeError(
        `${context}: a controllability matrix is zero (B = 0: the inputs do not drive the system), so the joint alignment is undefined: use \`compare: "state"\`: got ‖K₁‖ = ${
          norm(K1.data)
        }, ‖K₂‖ = ${norm(K2.data)}`,
      );
    }
    C = procrustes(K1, K2);
    joint = pairOf(mm(C, K1.data, n, n, K1.cols), K2.data);
  }
  const parts = components(C, a1, b1, a2, b2);
  return tagResult("inputDsa", {
    distance: pick(joint ?? parts.input),
    compare,
    score,
    joint,
    ...parts,
    C: { rows: n, cols: n, data: C },
    eigenvalues,
    order: n,
  });
}
