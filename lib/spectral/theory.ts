/**
 * The theoretical learning curve of ridge regression from a spectrum and an
 * alignment (Canatar, Feather, Wakhloo & Chung, NeurIPS 2023; kernel theory of
 * Bordelon, Canatar & Pehlevan 2020 and Canatar, Bordelon & Pehlevan 2021).
 *
 * Regression convention: ŷ = K(·,train)(K_train + α I)⁻¹ y_train with the
 * unnormalised K = X Xᵀ and α = p·λ_reg. Per mode
 * E_i(p) = κ² / (1 − γ) · 1/(pλ_i + κ)² (the null mode: 1/(1 − γ)); error
 * modes W̃_i = W_i E_i; E_g = Σ W̃_i (→ 1 as p → 0); E_tr = (α/κ)² E_g.
 * E_tr is not divided by p² (the public reference code does that).
 *
 * @module
 */

import { matmul } from "../linalg/products.ts";
import { tagResult } from "../result.ts";
import { errorModeGeometry } from "./geometry.ts";
import { solveKappa } from "./kappa.ts";
import { checkRidge } from "./inputs.ts";
import { checkOptionNames } from "../validate/options.ts";

/** A spectrum and the target's alignment with it, mode by mode. */
export interface ModeSpectrum {
  /** λ_1 ≥ … ≥ λ_P (zeros are null modes), length P. */
  eigenvalues: ArrayLike<number>;
  /** W_full, length P (sums to 1 for a normalised target). */
  weights: ArrayLike<number>;
  /** Optional per-neuron alignments, [N][P], each row normalised by that neuron's power. */
  weightsPerNeuron?: readonly ArrayLike<number>[];
}

/** Options for {@link theoryCurve}. */
export interface TheoryOptions {
  /** Training-set sizes p, real, in (0, P] (the theory is defined up to the whole set). */
  ps: readonly number[];
  /** Ridge λ_reg ≥ 0 (effective ridge α = p·λ_reg on the unnormalised kernel). @default 0 */
  ridge?: number;
  /** Include the P-long per-mode arrays `modeErrors` and `errorModes`. @default true */
  modes?: boolean;
}

/** Result of {@link theoryCurve}. */
export interface TheoryResult {
  /** Number of modes (stimuli) P. */
  P: number;
  /**
   * Number of positive eigenvalues r: the modes past it are the null space, whose
   * target power W_null sits at index r (0-based) of the per-mode arrays.
   */
  rank: number;
  /** λ_reg. */
  ridge: number;
  /** Training-set sizes. */
  ps: number[];
  /** κ(p). */
  kappa: number[];
  /** γ(p). */
  gamma: number[];
  /** Generalisation error E_g(p), normalised by the target power. */
  Eg: number[];
  /** Training error E_tr(p) = (α/κ)² E_g. */
  Etr: number[];
  /** Error-mode radius R_em(p) = ‖W̃(p)‖₂. */
  Rem: number[];
  /** Error-mode dimension D_em(p) = (ΣW̃)²/ΣW̃²; E_g = R_em·√D_em. */
  Dem: number[];
  /** E_i(p), [ps][P] (when `modes`). */
  modeErrors?: number[][];
  /** W̃_i(p) = W_i E_i(p), [ps][P] (when `modes`). */
  errorModes?: number[][];
  /** E_g(p) per neuron, [ps][N] (when per-neuron weights were given). */
  EgPerNeuron?: number[][];
}

/**
 * The theoretical learning curve at each training-set size p: κ, γ, E_g, E_tr,
 * the error-mode radius R_em and dimension D_em, and the mode errors.
 *
 * @param modes Eigenvalues and alignment W_full (e.g. an `alignment()` result).
 * @param options `ps` (required), `ridge`, `modes`.
 * @returns A `spectralTheory` result.
 *
 * @example White spectrum, ridgeless: E_g(p) = 1 − p/r for a target in the span
 * ```ts
 * import { theoryCurve } from "./theory.ts";
 * import assert from "node:assert/strict";
 * const t = theoryCurve({ eigenvalues: [1, 1, 1, 1, 0], weights: [0.25, 0.25, 0.25, 0.25, 0] }, {
 *   ps: [1, 2, 3],
 * });
 * t.Eg.forEach((e, k) => assert.ok(Math.abs(e - (1 - t.ps[k]! / 4)) < 1e-14));
 * assert.ok(Math.abs(t.Eg[0]! - t.Rem[0]! * Math.sqrt(t.Dem[0]!)) < 1e-15);
 * ```
 */
export function theoryCurve(
  modes: ModeSpectrum,
  options: TheoryOptions,
): Readonly<TheoryResult & { kind: string }> {
  return tagResult("spectralTheory", theoryValues(modes, options));
}

/**
 * {@link theoryCurve} without the result tag (plain data), for composition.
 *
 * @param modes Eigenvalues and alignment.
 * @param options `ps`, `ridge`, `modes`.
 * @returns The plain-data {@link TheoryResult}.
 *
 * @example One mode learned exactly
 * ```ts
 * import { theoryValues } from "./theory.ts";
 * import assert from "node:assert/strict";
 * const t = theoryValues({ eigenvalues: [1, 0, 0], weights: [1, 0, 0] }, { ps: [1], ridge: 0 });
 * assert.equal(t.Eg[0], 0); // ridgeless, one mode, p = 1 = rank: learned exactly
 * ```
 */
export function theoryValues(modes: ModeSpectrum, options: TheoryOptions): TheoryResult {
  const ctx = "Cannot compute theoretical learning curve";
  if (options === undefined) {
    throw new TypeError(`${ctx}: \`options\` must be an object with \`ps\``);
  }
  checkOptionNames(options, ["ps", "ridge", "modes"] satisfies (keyof TheoryOptions)[], ctx, [
    "modes",
  ]);
  const { ps, ridge = 0, modes: keepModes = true } = options;
  checkRidge(ridge, ctx);
  const { eigenvalues: lam, weights: W, weightsPerNeuron } = modes ?? ({} as ModeSpectrum);
  if (!lam || !W || typeof lam.length !== "number" || typeof W.length !== "number") {
    throw new TypeError(`${ctx}: \`modes\` must have \`eigenvalues\` and \`weights\` arrays`);
  }
  const P = lam.length;
  if (W.length !== P) {
    throw new TypeError(
      `${ctx}: \`eigenvalues\` and \`weights\` must have the same length: got ${P} and ${W.length}`,
    );
  }
  for (let i = 0; i < P; i++) {
    const w = W[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new RangeError(`${ctx}: \`weights\` must be finite and >= 0: got ${w} at index ${i}`);
    }
  }
  if (!Array.isArray(ps) || ps.length === 0) {
    throw new TypeError(`${ctx}: \`ps\` must be a non-empty array of training-set sizes`);
  }
  ps.forEach((p, k) => {
    if (typeof p !== "number" || !(p > 0 && p <= P)) {
      throw new RangeError(`${ctx}: \`ps\` must lie in (0, P] = (0, ${P}]: got ${p} at index ${k}`);
    }
  });
  const perNeuron = weightsPerNeuron ?? [];
  perNeuron.forEach((w, n) => {
    if (w.length !== P) {
      throw new TypeError(
        `${ctx}: \`weightsPerNeuron\` rows must have length ${P}: got ${w.length} at row ${n}`,
      );
    }
  });
  const sol = solveKappa(lam, ps, ridge);
  let rank = 0;
  for (let i = 0; i < P; i++) if (lam[i]! > 0) rank++;
  const res: TheoryResult = {
    P,
    rank,
    ridge,
    ps: ps.slice(),
    kappa: sol.kappa,
    gamma: sol.gamma,
    Eg: [],
    Etr: [],
    Rem: [],
    Dem: [],
  };
  if (keepModes) {
    res.modeErrors = [];
    res.errorModes = [];
  }
  const nps = ps.length;
  const Eall = new Float64Array(nps * P);
  const Wt = new Float64Array(P);
  ps.forEach((p, k) => {
    const E = Eall.subarray(k * P, (k + 1) * P);
    const kappa = sol.kappa[k]!, omg = sol.oneMinusGamma[k]!, ratio = sol.ridgeRatio[k]!;
    const eNull = omg > 0 ? 1 / omg : Infinity;
    for (let i = 0; i < P; i++) {
      const l = lam[i]!;
      if (l === 0) E[i] = eNull;
      else if (kappa === 0) E[i] = 0; // ridgeless at p ≥ r: in-span modes are learned exactly
      else {
        const d = kappa / (p * l + kappa);
        E[i] = (d * d) / omg;
      }
      Wt[i] = W[i] === 0 ? 0 : W[i]! * E[i]!; // a mode with no power has no error, even at E = ∞
    }
    const g = errorModeGeometry(Wt);
    res.Eg.push(g.Eg);
    res.Rem.push(g.Rem);
    res.Dem.push(g.Dem);
    res.Etr.push(ratio === 0 ? 0 : ratio * ratio * g.Eg);
    if (keepModes) {
      res.modeErrors!.push(Array.from(E));
      res.errorModes!.push(Array.from(Wt));
    }
  });
  if (weightsPerNeuron) res.EgPerNeuron = perNeuronErrors(perNeuron, Eall, nps, P);
  return res;
}

/** E_g per neuron, [ps][N]: Σ_i W_in E_i(p), one matrix product when every E is finite. */
function perNeuronErrors(
  perNeuron: readonly ArrayLike<number>[],
  E: Float64Array,
  nps: number,
  P: number,
): number[][] {
  const N = perNeuron.length;
  const Wn = new Float64Array(N * P);
  perNeuron.forEach((w, n) => Wn.set(w, n * P));
  if (E.every(Number.isFinite)) {
    const G = matmul({ rows: nps, cols: P, data: E }, { rows: N, cols: P, data: Wn }, {
      transB: true,
    });
    return Array.from({ length: nps }, (_, k) => Array.from(G.data.subarray(k * N, (k + 1) * N)));
  }
  // an infinite mode error counts only where the neuron has power on that mode
  return Array.from({ length: nps }, (_, k) =>
    Array.from({ length: N }, (_, n) => {
      let s = 0;
      for (let i = 0; i < P; i++) {
        const w = Wn[n * P + i]!;
        if (w !== 0) s += w * E[k * P + i]!;
      }
      return s;
    }));
}
