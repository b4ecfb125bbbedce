/**
 * Evaluation of fixed model RDMs against subject RDMs with bootstrap standard
 * errors (rsatoolbox's `eval_bootstrap_pattern` / `eval_bootstrap_rdm`).
 *
 * Resamples are index maps over cached per-RDM state: a pattern resample is the
 * count c_i of each condition in the draw, and the resampled RDM is the original
 * vector with entry (i, j) counted c_i·c_j times (entries between two copies of
 * one condition are dropped). Only the whitened comparators expand the resample,
 * since their metric depends on which pairs share a condition.
 *
 * @module
 */

import { mulberry32 } from "../random.ts";
import { tagResult } from "../result.ts";
import { assertKnownOptions, assertSeed } from "../validate/mod.ts";
import {
  assertComparable,
  checkComparator,
  comparePrepared,
  prepareRdm,
  type RdmComparator,
  rescaledStack,
} from "./comparators.ts";
import type { MatrixLike } from "../linalg/matrix.ts";
import {
  conditionCount,
  rdmSquare,
  rdmStack,
  type RdmStackLike,
  rdmVector,
  type RdmVectors,
} from "./layout.ts";
import { noiseCeiling } from "./noise_ceiling.ts";
import { linearDraw, rhoADraw } from "./draws.ts";
import { averageRanks } from "./ranks.ts";
import { dot, type PairSet, solveV } from "./whitening.ts";

/** What a bootstrap resamples. */
export type BootstrapUnit = "pattern" | "rdm";

/** Options for {@link evalBootstrap} and {@link compareRdmModels}. */
export interface EvalBootstrapOptions {
  /** Comparator. @default "cosine" */
  method?: RdmComparator;
  /** `pattern` (conditions) or `rdm` (subjects). @default "pattern" */
  bootstrap?: BootstrapUnit;
  /** Number of bootstrap samples N ≥ 1. @default 1000 */
  samples?: number;
  /** Seed of the resampling. @default 0 */
  seed?: number;
}

/** A model's evaluation with its bootstrap spread. */
export interface RsaEvaluation {
  /** Comparator. */
  method: RdmComparator;
  /** Resampling unit. */
  bootstrap: BootstrapUnit;
  /** Samples drawn. */
  samples: number;
  /**
   * Samples kept: pattern samples with fewer than 3 distinct conditions, or where the
   * comparison is undefined (a constant resampled RDM under corr), are discarded.
   */
  valid: number;
  /** Mean over subjects of compare(model, data_k) on the full data. */
  evaluation: number;
  /** Bootstrap standard error, √(c·var) with c = n/(n−1) (pattern) or K/(K−1) (rdm). */
  se: number;
  /** 95 % percentile interval of the bootstrap evaluations. */
  ci: [number, number];
}

interface Core {
  evaluation: Float64Array;
  /** [N, M] bootstrap evaluations, NaN rows for discarded samples. */
  draws: Float64Array;
  valid: number;
  factor: number;
}

/** The kept entries of a pattern resample (optionally centred on their mean). */
function expandedEntries(v: Float64Array, index: Uint32Array, centre: boolean): Float64Array {
  const out = new Float64Array(index.length);
  let mean = 0;
  for (let p = 0; p < index.length; p++) mean += out[p] = v[index[p]!]!;
  mean /= index.length;
  if (centre) { for (let p = 0; p < out.length; p++) out[p]! -= mean; }
  return out;
}

function bootstrapCore(
  D: RdmVectors,
  models: Float64Array[],
  method: RdmComparator,
  unit: BootstrapUnit,
  N: number,
  seed: number,
  context: string,
): Core {
  const { n, vectors } = D;
  const K = vectors.length, M = models.length, m = n * (n - 1) / 2;
  const data = vectors.map((v) => prepareRdm(v, n, method));
  const pm = models.map((v) => prepareRdm(v, n, method));
  data.forEach((p, k) => assertComparable(p, method, `subject ${k} of \`data\``, context));
  pm.forEach((p, j) =>
    assertComparable(p, method, M === 1 ? "`model`" : `model ${j} of \`models\``, context)
  );
  const full = new Float64Array(K * M); // [K, M]
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < M; j++) full[k * M + j] = comparePrepared(pm[j]!, data[k]!, method);
  }
  const evaluation = new Float64Array(M);
  for (let k = 0; k < K; k++) for (let j = 0; j < M; j++) evaluation[j]! += full[k * M + j]! / K;
  const rand = mulberry32(seed);
  const draws = new Float64Array(N * M);
  let valid = 0;
  if (unit === "rdm") {
    for (let s = 0; s < N; s++) {
      for (let t = 0; t < K; t++) {
        const k = Math.floor(rand() * K);
        for (let j = 0; j < M; j++) draws[s * M + j]! += full[k * M + j]! / K;
      }
    }
    return { evaluation, draws, valid: N, factor: K / (K - 1) };
  }
  const cov = method === "cosine_cov" || method === "corr_cov";
  const counts = new Int32Array(n), weights = new Float64Array(m), scratch = new Float64Array(m);
  const entry = new Int32Array(n * n); // entry index of (i, j), i < j
  for (let i = 0, e = 0; i < n; i++) for (let j = i + 1; j < n; j++) entry[i * n + j] = e++;
  for (let s = 0; s < N; s++) {
    counts.fill(0);
    for (let t = 0; t < n; t++) counts[Math.floor(rand() * n)]!++;
    let distinct = 0;
    for (let i = 0; i < n; i++) if (counts[i]! > 0) distinct++;
    if (distinct < 3) {
      for (let j = 0; j < M; j++) draws[s * M + j] = NaN;
      continue;
    }
    valid++;
    if (!cov) {
      for (let i = 0, e = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) weights[e++] = counts[i]! * counts[j]!;
      }
      // rank comparators: rank each resampled RDM once, shared by every model
      const ranked = method === "spearman" || method === "rho-a"
        ? data.map((d) => averageRanks(d.v, weights, d.order))
        : undefined;
      for (let j = 0; j < M; j++) {
        let sum = 0;
        if (method === "corr" || method === "cosine") {
          sum = linearDraw(models[j]!, vectors, weights, method === "corr", scratch);
        } else if (ranked) {
          const rm = averageRanks(pm[j]!.v, weights, pm[j]!.order);
          sum = method === "spearman"
            ? linearDraw(rm, ranked, weights, true, scratch)
            : rhoADraw(rm, ranked, weights);
        } else {
          for (let k = 0; k < K; k++) sum += comparePrepared(pm[j]!, data[k]!, method, weights);
        }
        draws[s * M + j] = sum / K;
      }
      if (Number.isNaN(draws[s * M]!)) valid--;
      continue;
    }
    // whitened comparators: expand the sorted draw into its kept pairs
    const draw = new Int32Array(n);
    for (let i = 0, t = 0; i < n; i++) for (let c = 0; c < counts[i]!; c++) draw[t++] = i;
    const left: number[] = [], right: number[] = [], index: number[] = [];
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        if (draw[a] === draw[b]) continue;
        left.push(a);
        right.push(b);
        index.push(entry[draw[a]! * n + draw[b]!]!);
      }
    }
    const pairs: PairSet = {
      nCond: n,
      left: Uint32Array.from(left),
      right: Uint32Array.from(right),
    };
    const idx = Uint32Array.from(index);
    const centre = method === "corr_cov";
    const whiten = (v: Float64Array) => {
      const x = expandedEntries(v, idx, centre);
      const w = solveV(x, pairs);
      return { x, w, norm: Math.sqrt(dot(x, w)) };
    };
    const dw = vectors.map(whiten);
    for (let j = 0; j < M; j++) {
      const mw = whiten(models[j]!);
      let sum = 0;
      for (const d of dw) sum += dot(d.x, mw.w) / (d.norm * mw.norm);
      draws[s * M + j] = sum / K;
    }
    if (Number.isNaN(draws[s * M]!)) valid--;
  }
  return { evaluation, draws, valid, factor: n / (n - 1) };
}

function summarise(core: Core, j: number, M: number, N: number) {
  const vals: number[] = [];
  for (let s = 0; s < N; s++) {
    const x = core.draws[s * M + j]!;
    if (!Number.isNaN(x)) vals.push(x);
  }
  const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
  const variance = vals.reduce((a, b) => a + (b - mean) ** 2, 0) / (vals.length - 1);
  vals.sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (vals.length - 1) * p, lo = Math.floor(h);
    return vals[lo]! + (h - lo) * ((vals[Math.min(lo + 1, vals.length - 1)]!) - vals[lo]!);
  };
  return {
    se: vals.length > 1 ? Math.sqrt(core.factor * variance) : NaN,
    ci: [q(0.025), q(0.975)] as [number, number],
  };
}

/** A standard error needs at least 2 kept resamples. */
function checkValid(core: Core, samples: number, ctx: string): void {
  if (core.valid < 2) {
    throw new RangeError(
      `${ctx}: only ${core.valid} of ${samples} pattern resamples kept 3 distinct conditions with defined similarities: the standard error needs at least 2: raise \`samples\``,
    );
  }
}

const EVAL_OPTIONS = Object.keys(
  { method: 1, bootstrap: 1, samples: 1, seed: 1 } satisfies Record<keyof EvalBootstrapOptions, 1>,
);

function checkOptions(options: EvalBootstrapOptions, ctx: string) {
  const { method = "cosine", bootstrap = "pattern", samples = 1000, seed = 0 } = options;
  checkComparator(method, ctx);
  if (bootstrap !== "pattern" && bootstrap !== "rdm") {
    throw new RangeError(
      `${ctx}: \`bootstrap\` must be one of pattern, rdm: got ${JSON.stringify(bootstrap)}`,
    );
  }
  if (!Number.isInteger(samples) || samples < 1) {
    throw new RangeError(`${ctx}: \`samples\` must be an integer >= 1: got ${samples}`);
  }
  if (samples < 2) {
    throw new RangeError(
      `${ctx}: \`samples\` must be at least 2 (a standard error needs 2 samples): got ${samples}`,
    );
  }
  assertSeed(seed, ctx);
  if (bootstrap === "pattern" && method === "bures") {
    throw new RangeError(
      `${ctx}: the pattern bootstrap drops entries, which bures cannot: use another comparator or --bootstrap rdm`,
    );
  }
  return { method, bootstrap, samples, seed };
}

/**
 * Evaluate one fixed model RDM against subject RDMs, with a bootstrap standard
 * error over conditions (`pattern`: SE multiplied by √(n/(n−1))) or subjects
 * (`rdm`: by √(K/(K−1))).
 *
 * @param data `[K, n, n]` subject RDMs.
 * @param model `[n, n]` model RDM.
 * @param options Comparator, resampling unit, samples, seed.
 * @returns A result of kind `"rsaEvaluation"`.
 *
 * @example A model equal to every subject evaluates to 1 with no spread
 * ```ts
 * import { evalBootstrap } from "./bootstrap.ts";
 * import assert from "node:assert/strict";
 * const D = [[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]];
 * const r = evalBootstrap([D, D], D, { method: "corr", bootstrap: "rdm", samples: 20 });
 * assert.ok(Math.abs(r.evaluation - 1) < 1e-12 && r.se < 1e-12);
 * ```
 */
export function evalBootstrap(
  data: RdmStackLike,
  model: MatrixLike,
  options: EvalBootstrapOptions = {},
): Readonly<RsaEvaluation & { kind: string }> {
  const ctx = "Cannot evaluate model";
  assertKnownOptions(options, EVAL_OPTIONS, ctx);
  const { method, bootstrap, samples, seed } = checkOptions(options, ctx);
  const D = rescaledStack(rdmStack(data, "data", ctx));
  // one RDM: messages name it `model`, not `model[0]`
  const v = rdmVector(model, "model", ctx);
  const Mo = rescaledStack({ n: conditionCount(v.length, ctx), vectors: [v] });
  checkDesign(D, Mo, bootstrap, ctx);
  const core = bootstrapCore(D, Mo.vectors, method, bootstrap, samples, seed, ctx);
  checkValid(core, samples, ctx);
  const { se, ci } = summarise(core, 0, 1, samples);
  return tagResult("rsaEvaluation", {
    method,
    bootstrap,
    samples,
    valid: core.valid,
    evaluation: core.evaluation[0]!,
    se,
    ci,
  });
}

function checkDesign(D: RdmVectors, Mo: RdmVectors, bootstrap: BootstrapUnit, ctx: string) {
  if (D.n !== Mo.n) {
    throw new TypeError(
      `${ctx}: \`data\` and \`model\` must have the same number of conditions: got ${D.n} and ${Mo.n}`,
    );
  }
  if (bootstrap === "rdm" && D.vectors.length < 2) {
    throw new RangeError(
      `${ctx}: the rdm bootstrap needs at least 2 subject RDMs: got ${D.vectors.length}`,
    );
  }
}

/** Several models evaluated on the same resamples. */
export interface RdmModelComparison {
  /** Comparator. */
  method: RdmComparator;
  /** Resampling unit. */
  bootstrap: BootstrapUnit;
  /** Samples drawn. */
  samples: number;
  /** Samples kept. */
  valid: number;
  /** Model names. */
  models: string[];
  /** Evaluation of each model. */
  evaluations: number[];
  /** Bootstrap standard error of each model. */
  se: number[];
  /** 95 % percentile interval of each model, `[lower, upper]`. */
  ci: [number, number][];
  /** Noise ceiling of the data (absent for bures or a single subject). */
  noiseCeiling?: { lower: number; upper: number };
}

/** Options for {@link compareRdmModels}. */
export interface CompareRdmModelsOptions extends EvalBootstrapOptions {
  /** Model names. @default ["model 0", "model 1", …] */
  names?: readonly string[];
}

/**
 * Evaluate several fixed models on the same bootstrap resamples, with the data's
 * noise ceiling: what the model-comparison bar chart shows.
 *
 * @param data `[K, n, n]` subject RDMs.
 * @param models `[M, n, n]` model RDMs.
 * @param options Comparator, resampling, names.
 * @returns A result of kind `"rsaModelComparison"`.
 *
 * @example
 * ```ts
 * import { compareRdmModels } from "./bootstrap.ts";
 * import assert from "node:assert/strict";
 * const A = [[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]];
 * const B = [[0, 5, 1, 1], [5, 0, 2, 1], [1, 2, 0, 3], [1, 1, 3, 0]];
 * const r = compareRdmModels([A, A], [A, B], { method: "corr", samples: 50, names: ["A", "B"] });
 * assert.ok(r.evaluations[0]! > r.evaluations[1]!);
 * ```
 */
export function compareRdmModels(
  data: RdmStackLike,
  models: RdmStackLike,
  options: CompareRdmModelsOptions = {},
): Readonly<RdmModelComparison & { kind: string }> {
  const ctx = "Cannot compare models";
  assertKnownOptions(options, [...EVAL_OPTIONS, "names"], ctx);
  const { method, bootstrap, samples, seed } = checkOptions(options, ctx);
  const D = rescaledStack(rdmStack(data, "data", ctx));
  const Mo = rescaledStack(rdmStack(models, "models", ctx));
  checkDesign(D, Mo, bootstrap, ctx);
  const M = Mo.vectors.length;
  const names = options.names ? [...options.names] : Mo.vectors.map((_, j) => `model ${j}`);
  if (names.length !== M) {
    throw new TypeError(`${ctx}: \`names\` must have ${M} entries: got ${names.length}`);
  }
  const core = bootstrapCore(D, Mo.vectors, method, bootstrap, samples, seed, ctx);
  checkValid(core, samples, ctx);
  const stats = Mo.vectors.map((_, j) => summarise(core, j, M, samples));
  const out: RdmModelComparison = {
    method,
    bootstrap,
    samples,
    valid: core.valid,
    models: names,
    evaluations: Array.from(core.evaluation),
    se: stats.map((s) => s.se),
    ci: stats.map((s) => s.ci),
  };
  if (method !== "bures" && D.vectors.length > 1) {
    const { lower, upper } = noiseCeiling(D.vectors.map((v) => rdmSquare(v)), { method });
    out.noiseCeiling = { lower, upper };
  }
  return tagResult("rsaModelComparison", out);
}
