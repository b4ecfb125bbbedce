/**
 * Residual DMD (ResDMD; Colbrook & Townsend, "Rigorous data-driven computation
 * of spectral properties of Koopman operators", CPAM 2024), as DSA v2 uses it:
 * a residual per eigenpair of the fitted operator, and spectra cleaned of
 * spurious eigenvalues.
 *
 * In the HAVOK coordinates v_t the Koopman matrix acting on observables
 * φ(x_t) = v_tᵀ g is K = A_vᵀ (least squares of Ψ_X K ≈ Ψ_Y with Ψ_X, Ψ_Y the
 * stacked v_tᵀ, v_{t+1}ᵀ). For an eigenpair K g = λ g the relative residual is
 *
 *   res(λ, g) = ‖Ψ_Y g − λ Ψ_X g‖ / ‖Ψ_X g‖,
 *
 * i.e. √(gᴴ(L − λAᴴ − λ̄A + |λ|²G)g / gᴴGg) with G = Ψ_XᴴΨ_X, A = Ψ_XᴴΨ_Y,
 * L = Ψ_YᴴΨ_Y. It bounds how far λ is from the spectrum of the Koopman operator
 * (on the span of the dictionary), so eigenvalues with large residuals are
 * spurious: artefacts of truncation or noise. Evaluate it on held-out data for
 * an honest estimate (on the training data it is still informative).
 *
 * @module
 */

import { eig } from "../linalg/eig.ts";
import { tagResult } from "../result.ts";
import { asTrials, type TimeSeriesLike } from "./data.ts";
import { mm } from "./dense.ts";
import { type DmdFit, type DmdOptions, fitDmd } from "./dmd.ts";
import { embedTrials } from "./embed.ts";
import { projectOntoBasis } from "./havok.ts";
import { shiftedPairs, standardizeTrials } from "./regression.ts";
import { wassersteinComplex, type WassersteinResult } from "./wasserstein.ts";
import { checkOptions } from "../validate/options.ts";
import { CLEAN_OPTIONS, CLEANED_WASSERSTEIN_OPTIONS } from "./option_kinds.ts";

/** Eigenvalues of a fitted operator with one residual each. */
export interface DmdResiduals {
  /** Real parts (in the order of `fit.eigenvalues`). */
  re: Float64Array;
  /** Imaginary parts. */
  im: Float64Array;
  /** Relative residual of each eigenpair, ≥ 0. */
  residuals: Float64Array;
  /** Transitions (v_t, v_{t+1}) the residuals were evaluated on. */
  transitions: number;
}

/**
 * The ResDMD residual of every eigenpair of a fitted HAVOK DMD model, evaluated
 * on data `X` (the training data or, better, held-out data with the same dims).
 *
 * @param fit A model from `fitDmd`.
 * @param X Data embedded with the model's delays and projected on its basis.
 * @returns Eigenvalues and residuals (tagged `"dmdResiduals"`).
 *
 * @example A noiseless rotation has zero residuals
 * ```ts
 * import { dmdResiduals, fitDmd } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [];
 * for (let t = 0; t < 60; t++) X.push([Math.cos(0.3 * t), Math.sin(0.3 * t)]);
 * const r = dmdResiduals(fitDmd(X, { ridge: 0 }), X);
 * assert.ok(Math.max(...r.residuals) < 1e-10);
 * ```
 */
export function dmdResiduals(fit: DmdFit, X: TimeSeriesLike): DmdResiduals {
  const context = "Cannot compute DMD residuals";
  const trials = asTrials(X, "X", context);
  if (trials.dims !== fit.dims) {
    throw new TypeError(
      `${context}: \`X\` must have the ${fit.dims} dims the model was fitted on: got ${trials.dims}`,
    );
  }
  const emb = embedTrials(
    standardizeTrials(trials, fit.means, fit.scales),
    fit.nDelays,
    fit.delayInterval,
    context,
  );
  const r = fit.rank;
  const V = projectOntoBasis(emb.H, fit);
  const { minus, plus, count } = shiftedPairs(V, r, r, emb.rowsPerTrial);
  if (count === 0) {
    throw new RangeError(
      `${context}: \`X\` has no transition after embedding: got trial lengths ${
        trials.lengths.join(", ")
      }`,
    );
  }
  // eigenvectors of K = A_vᵀ (left eigenvectors of A_v), eigenvalues in fit.eigenvalues' order
  const At = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) At[j * r + i] = fit.Av.data[i * r + j]!;
  const e = eig({ rows: r, cols: r, data: At }, { vectors: true });
  const gr = e.vectorsRe!.data, gi = e.vectorsIm!.data;
  // Ψ_X g and Ψ_Y g for all eigenvectors at once: [count, r] each, real and imaginary parts
  const Xr = mm(minus, gr, count, r, r), Xi = mm(minus, gi, count, r, r);
  const Yr = mm(plus, gr, count, r, r), Yi = mm(plus, gi, count, r, r);
  const residuals = new Float64Array(r);
  for (let k = 0; k < r; k++) {
    const lr = e.re[k]!, li = e.im[k]!;
    let num = 0, den = 0;
    for (let t = 0; t < count; t++) {
      const xr = Xr[t * r + k]!, xi = Xi[t * r + k]!;
      const dr = Yr[t * r + k]! - (lr * xr - li * xi), di = Yi[t * r + k]! - (lr * xi + li * xr);
      num += dr * dr + di * di;
      den += xr * xr + xi * xi;
    }
    residuals[k] = den > 0 ? Math.sqrt(num / den) : Infinity;
  }
  return tagResult("dmdResiduals", { re: e.re, im: e.im, residuals, transitions: count });
}

/** Options for {@link cleanSpectrum}. */
export interface CleanOptions {
  /** Keep eigenpairs whose residual is at most this. @default 0.1 */
  threshold?: number;
}

/** A spectrum with its spurious eigenvalues removed. */
export interface CleanedSpectrum {
  /** Real parts of the kept eigenvalues. */
  re: Float64Array;
  /** Imaginary parts of the kept eigenvalues. */
  im: Float64Array;
  /** Their residuals. */
  residuals: Float64Array;
  /** Indices (into the full spectrum) of the kept eigenvalues. */
  kept: number[];
  /** Number removed. */
  removed: number;
  /** Threshold used. */
  threshold: number;
}

/**
 * Remove eigenvalues whose ResDMD residual exceeds a threshold.
 *
 * @param res Output of {@link dmdResiduals}.
 * @param options `threshold`.
 * @returns The kept eigenvalues, their indices and residuals.
 *
 * @example
 * ```ts
 * import { cleanSpectrum } from "./residual.ts";
 * import assert from "node:assert/strict";
 * const res = { re: new Float64Array([0.9, 0.2]), im: new Float64Array(2), residuals: new Float64Array([0.01, 0.5]), transitions: 10 };
 * assert.deepEqual(cleanSpectrum(res, { threshold: 0.1 }).kept, [0]);
 * ```
 */
export function cleanSpectrum(res: DmdResiduals, options: CleanOptions = {}): CleanedSpectrum {
  checkOptions(options, CLEAN_OPTIONS, "Cannot clean spectrum");
  const { threshold = 0.1 } = options;
  if (!(threshold >= 0)) {
    throw new RangeError(`Cannot clean spectrum: \`threshold\` must be >= 0: got ${threshold}`);
  }
  const kept: number[] = [];
  res.residuals.forEach((v, k) => {
    if (v <= threshold) kept.push(k);
  });
  return {
    re: Float64Array.from(kept, (k) => res.re[k]!),
    im: Float64Array.from(kept, (k) => res.im[k]!),
    residuals: Float64Array.from(kept, (k) => res.residuals[k]!),
    kept,
    removed: res.residuals.length - kept.length,
    threshold,
  };
}

/** Options for {@link cleanedWasserstein}. */
export interface CleanedWassersteinOptions extends DmdOptions, CleanOptions {}

/** Result of {@link cleanedWasserstein}. */
export interface CleanedWassersteinResult extends WassersteinResult {
  /** The cleaned spectra of X and Y. */
  cleaned: [CleanedSpectrum, CleanedSpectrum];
}

/**
 * The DSA Wasserstein eigenvalue score between two systems using only the
 * eigenvalues that survive ResDMD cleaning (residuals on each system's own data
 * at most `threshold`); the smaller cleaned set is padded with zeros (so a
 * system with no clean eigenvalue is compared as all zeros). When neither system
 * keeps any, there is nothing to compare and it throws.
 *
 * @param X First system's data.
 * @param Y Second system's data.
 * @param options DMD options (same for both) and the residual threshold.
 * @returns Score, matching and both cleaned spectra (tagged `"cleanedWasserstein"`).
 *
 * @example The same rotation in two bases
 * ```ts
 * import { cleanedWasserstein } from "./residual.ts";
 * import assert from "node:assert/strict";
 * const X: number[][] = [], Y: number[][] = [];
 * for (let t = 0; t < 80; t++) {
 *   X.push([Math.cos(0.3 * t), Math.sin(0.3 * t)]);
 *   Y.push([Math.sin(0.3 * t), Math.cos(0.3 * t)]);
 * }
 * assert.ok(cleanedWasserstein(X, Y, { ridge: 0 }).score < 1e-20);
 * ```
 */
export function cleanedWasserstein(
  X: TimeSeriesLike,
  Y: TimeSeriesLike,
  options: CleanedWassersteinOptions = {},
): CleanedWassersteinResult {
  checkOptions(options, CLEANED_WASSERSTEIN_OPTIONS, "Cannot compute cleaned Wasserstein distance");
  const { threshold, ...dmd } = options;
  const ra = dmdResiduals(fitDmd(X, dmd), X), rb = dmdResiduals(fitDmd(Y, dmd), Y);
  const a = cleanSpectrum(ra, { threshold }), b = cleanSpectrum(rb, { threshold });
  if (a.kept.length + b.kept.length === 0) {
    // a score of 0 would read as "the same dynamics" when nothing was compared
    throw new RangeError(
      `Cannot compute cleaned Wasserstein distance: no eigenvalue of either system has a residual at most \`threshold\` ${a.threshold} (smallest residuals ${
        Math.min(...ra.residuals).toPrecision(3)
      } and ${Math.min(...rb.residuals).toPrecision(3)}): raise \`threshold\` or lower \`rank\``,
    );
  }
  const w = wassersteinComplex(a, b);
  return tagResult("cleanedWasserstein", {
    ...w,
    cleaned: [a, b] as [CleanedSpectrum, CleanedSpectrum],
  });
}
