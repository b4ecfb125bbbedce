/**
 * Weighted RDM models (rsatoolbox's `ModelWeighted` with `fit_regress` /
 * `fit_regress_nn`): a non-negative (or unconstrained) combination of model
 * RDMs fitted to the pooled data RDM.
 *
 * @module
 */

import { lstsq } from "../linalg/lstsq.ts";
import { divideByPowerOfTwo, powerOfTwoScale } from "../linalg/scale.ts";
import { tagResult } from "../result.ts";
import {
  assertComparable,
  checkComparator,
  comparePrepared,
  prepareRdm,
  type RdmComparator,
  rescaledStack,
} from "./comparators.ts";
import { rdmStack, type RdmStackLike } from "./layout.ts";
import { nnlsGram } from "./nnls.ts";
import { zScore } from "./noise_ceiling.ts";
import { dot, doubleCentred } from "./whitening.ts";
import { assertKnownOptions } from "../validate/mod.ts";

/** The comparators a weighted model can be fitted under. */
export type FitComparator = "cosine" | "corr" | "cosine_cov" | "corr_cov";

/** How the weights are found. */
export type Fitter = "nnls" | "regress";

/** Options for {@link fitModels}. */
export interface FitModelsOptions {
  /**
   * Comparator the fit is made for: cosine/corr by least squares, the whitened
   * cosine_cov/corr_cov by generalised least squares under V (see `whitening.ts`).
   * @default "cosine"
   */
  method?: FitComparator;
  /** `nnls` (weights ≥ 0, exact active set) or `regress` (unconstrained). @default "nnls" */
  fitter?: Fitter;
}

/** A fitted weighted model. */
export interface ModelFit {
  /** Comparator fitted for. */
  method: FitComparator;
  /** Fitter used. */
  fitter: Fitter;
  /** One weight per model RDM, unit length (sign kept). */
  weights: number[];
  /** Mean over subjects of compare(Σ w_i M_i, data_k). */
  similarity: number;
}

const FIT_METHODS: readonly string[] = ["cosine", "corr", "cosine_cov", "corr_cov"];

function centred(v: Float64Array): Float64Array {
  let mu = 0;
  for (let e = 0; e < v.length; e++) mu += v[e]!;
  mu /= v.length;
  return v.map((x) => x - mu);
}

/**
 * Fit weights of model RDMs to subject RDMs. The target is the pooled data
 * vector: cosine — each vector divided by its RMS, averaged; corr — z-scored,
 * averaged, minus its minimum, plus 0.01; cosine_cov/corr_cov — each vector
 * divided by √(vᵀV⁻¹v), averaged. Regressors are the model vectors (centred for
 * corr; regressors and target centred for corr_cov).
 *
 * @param data `[K, n, n]` subject RDMs.
 * @param models `[M, n, n]` model RDMs.
 * @param options Comparator and fitter.
 * @returns A result of kind `"rsaFit"`.
 *
 * @example The data's own RDM gets all the weight
 * ```ts
 * import { fitModels } from "./fit.ts";
 * import assert from "node:assert/strict";
 * const A = [[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]];
 * const B = [[0, 5, 1, 1], [5, 0, 2, 1], [1, 2, 0, 3], [1, 1, 3, 0]];
 * const fit = fitModels([A], [A, B], { method: "cosine", fitter: "nnls" });
 * assert.ok(Math.abs(fit.weights[0]! - 1) < 1e-12 && Math.abs(fit.weights[1]!) < 1e-12);
 * assert.ok(Math.abs(fit.similarity - 1) < 1e-12);
 * ```
 */
export function fitModels(
  data: RdmStackLike,
  models: RdmStackLike,
  options: FitModelsOptions = {},
): Readonly<ModelFit & { kind: string }> {
  const ctx = "Cannot fit weighted model";
  assertKnownOptions(options, ["method", "fitter"] satisfies (keyof FitModelsOptions)[], ctx);
  const { method = "cosine", fitter = "nnls" } = options;
  checkComparator(method, ctx);
  if (!FIT_METHODS.includes(method)) {
    throw new RangeError(
      `${ctx}: \`method\` must be one of ${FIT_METHODS.join(", ")} for a fitted model: got ${
        JSON.stringify(method)
      }`,
    );
  }
  if (fitter !== "nnls" && fitter !== "regress") {
    throw new RangeError(
      `${ctx}: \`fitter\` must be one of nnls, regress: got ${JSON.stringify(fitter)}`,
    );
  }
  const D0 = rdmStack(data, "data", ctx), Mo0 = rdmStack(models, "models", ctx);
  // extreme scales are divided out by powers of two: each subject on its own (the target pools
  // normalised subjects), the models by one common factor (their relative scales set the weights)
  const D = rescaledStack(D0);
  const all = new Float64Array(Mo0.vectors.reduce((a, v) => a + v.length, 0));
  Mo0.vectors.reduce((at, v) => (all.set(v, at), at + v.length), 0);
  const km = powerOfTwoScale(all);
  const Mo = km === 0
    ? Mo0
    : { ...Mo0, vectors: Mo0.vectors.map((v) => divideByPowerOfTwo(v, km)) };
  if (D.n !== Mo.n) {
    throw new TypeError(
      `${ctx}: \`data\` and \`models\` must have the same number of conditions: got ${D.n} and ${Mo.n}`,
    );
  }
  const n = D.n, m = n * (n - 1) / 2, K = D.vectors.length, nM = Mo.vectors.length;
  const subjects = D.vectors.map((v) => prepareRdm(v, n, method));
  subjects.forEach((p, k) => assertComparable(p, method, `subject ${k} of \`data\``, ctx));
  const cov = method === "cosine_cov" || method === "corr_cov";
  // pooled target
  const y = new Float64Array(m);
  for (const v of D.vectors) {
    let u: Float64Array;
    if (method === "corr") u = zScore(v);
    else if (cov) {
      const G = doubleCentred(v, n);
      const inv = 1 / Math.sqrt(dot(G, G));
      u = v.map((x) => x * inv);
    } else {
      let ss = 0;
      for (let e = 0; e < m; e++) ss += v[e]! * v[e]!;
      const inv = 1 / Math.sqrt(ss / m);
      u = v.map((x) => x * inv);
    }
    for (let e = 0; e < m; e++) y[e]! += u[e]! / K;
  }
  if (method === "corr") {
    let min = Infinity;
    for (let e = 0; e < m; e++) min = Math.min(min, y[e]!);
    for (let e = 0; e < m; e++) y[e]! += 0.01 - min;
  }
  // regressors and the (generalised) normal equations
  const corrLike = method === "corr" || method === "corr_cov";
  const X = corrLike ? Mo.vectors.map(centred) : Mo.vectors;
  const target = method === "corr_cov" ? centred(y) : y;
  // aᵀV⁻¹b = ⟨G_a, G_b⟩ on complete RDMs, so GLS works on the double-centred forms
  const Xs = cov ? X.map((v) => doubleCentred(v, n)) : X;
  const ys = cov ? doubleCentred(target, n) : target;
  const Q = new Float64Array(nM * nM), r = new Float64Array(nM);
  for (let i = 0; i < nM; i++) {
    r[i] = dot(Xs[i]!, ys);
    for (let j = 0; j <= i; j++) Q[i * nM + j] = Q[j * nM + i] = dot(Xs[i]!, Xs[j]!);
  }
  const Qm = { rows: nM, cols: nM, data: Q };
  const w = fitter === "nnls" ? nnlsGram(Qm, r) : lstsq(Qm, { rows: nM, cols: 1, data: r }).x.data;
  const norm = Math.sqrt(dot(w, w));
  const weights = Array.from(w, (x) => (norm > 0 ? x / norm : 0));
  // the fitted model against each subject
  const pred = new Float64Array(m);
  Mo.vectors.forEach((v, i) => {
    for (let e = 0; e < m; e++) pred[e]! += weights[i]! * v[e]!;
  });
  const pm = prepareRdm(pred, n, method as RdmComparator);
  assertComparable(
    pm,
    method,
    `the fitted model (weights ${weights.map((x) => +x.toPrecision(4)).join(", ")} by ${fitter})`,
    ctx,
  );
  let similarity = 0;
  for (const p of subjects) similarity += comparePrepared(pm, p, method);
  return tagResult("rsaFit", { method, fitter, weights, similarity: similarity / K });
}
