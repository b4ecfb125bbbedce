/**
 * RSA subcommands: `rdm`, `rdm-compare`, `noise-ceiling`, `rsa-fit`, `rsa-eval`.
 * Matrices are printed as JSON arrays of rows.
 *
 * @module
 */

import { readTensor } from "../../io/convert.ts";
import { openRowBlocks } from "../../io/row_blocks.ts";
import { streamingRdm } from "../../rsa/rdm_stream.ts";
import type { Float64Tensor } from "../../io/convert.ts";
import { toRows } from "../../linalg/matrix.ts";
import type { Matrix } from "../../linalg/matrix.ts";
import {
  compareRdms,
  compareRdmStacks,
  computeRdm,
  evalBootstrap,
  type FitComparator,
  fitModels,
  noiseCeiling,
  RDM_COMPARATORS,
  RDM_METHODS,
} from "../../rsa/mod.ts";
import { choiceOption, type Command, integerOption, seedOption, UsageError } from "../command.ts";

const COMPARATOR_TEXT = `Comparators (--method):
  cosine      cosine of the RDM vectors (upper triangles), no centring
  corr        Pearson r
  spearman    Pearson r of average ranks          kendall  Kendall tau-b
  tau-a       Kendall tau-a                        rho-a    12·Σ(centred rank products)/(m³ − m)
  cosine_cov  whitened cosine: Frobenius cosine of the double-centred −½·RDM
  corr_cov    cosine_cov after removing each vector's mean
  bures       Bures similarity of the double-centred matrices`;

function matrixOf(t: Float64Tensor, name: string, path: string): Matrix {
  if (t.shape.length === 1) return { rows: t.shape[0]!, cols: 1, data: t.data };
  if (t.shape.length !== 2) {
    throw new TypeError(
      `Cannot read \`${name}\` (${path}): expected a 2-D array: got shape [${t.shape.join(", ")}]`,
    );
  }
  return { rows: t.shape[0]!, cols: t.shape[1]!, data: t.data };
}

function labels(path: string, name: string): number[] {
  const t = readTensor(path, { name });
  if (t.shape.length > 2 || (t.shape.length === 2 && t.shape[1] !== 1)) {
    throw new TypeError(
      `Cannot read \`${name}\` (${path}): expected a vector of labels: got shape [${
        t.shape.join(", ")
      }]`,
    );
  }
  return Array.from(t.data);
}

function stack(path: string, name: string): Float64Tensor {
  const t = readTensor(path, { name });
  if (t.shape.length !== 2 && t.shape.length !== 3) {
    throw new TypeError(
      `Cannot read \`${name}\` (${path}): expected [n, n] or [K, n, n] RDMs: got shape [${
        t.shape.join(", ")
      }]`,
    );
  }
  return t;
}

const rdm: Command = {
  name: "rdm",
  summary: "representational dissimilarity matrix of patterns (rsatoolbox conventions)",
  help:
    `Usage: deno task cli rdm X.npy [--method euclidean|correlation|mahalanobis|crossnobis|poisson]
       [--noise N.npy] [--conditions C.npy --runs R.npy]

X is [observations, channels]; without --conditions each row is one condition. Prints
{"rdm": [[…]]}: symmetric, zero diagonal, conditions in order of first appearance.

  euclidean    Σ(x_i − x_j)² / channels (squared, no root; default)
  correlation  1 − Pearson r of the two patterns
  mahalanobis  (x_i − x_j)ᵀ N⁻¹ (x_i − x_j) / channels (N = identity without --noise)
  crossnobis   leave one run out: (b_i − b_j)ᵀ N⁻¹ (a_i − a_j) / channels, a = the held-out
               run's condition means, b = the pooled means of the other runs; mean over
               runs; may be negative; needs --conditions and --runs
  poisson      a = (x + 0.1)/1.1: Σ(a_i − a_j)(log a_i − log a_j) / channels

Options:
  --method M         dissimilarity (default euclidean)
  --noise N.npy      [channels, channels] noise covariance (mahalanobis, crossnobis)
  --conditions C.npy condition label of each row (rows of a condition are averaged)
  --runs R.npy       run label of each row (crossnobis)
  --stream           read X a block of rows at a time and average each condition on the way
                     (needs --conditions; not crossnobis): memory is the condition means,
                     whatever the number of rows; prints "streamed": true

Exit codes: 0 success; 1 bad data (NaN, fewer than 3 conditions, a condition missing
from a run, noise not positive definite); 2 bad usage.`,
  options: {
    method: { type: "string" },
    noise: { type: "string" },
    conditions: { type: "string" },
    runs: { type: "string" },
    stream: { type: "boolean" },
  },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const method = choiceOption(values, "method", RDM_METHODS, "euclidean");
    const path = positionals[0]!;
    const noisePath = values.noise as string | undefined;
    if (values.stream) {
      if (method === "crossnobis") {
        throw new UsageError("--stream: crossnobis needs each run's rows in memory");
      }
      if (values.conditions === undefined) {
        throw new UsageError("--stream needs --conditions (the RDM is over the condition means)");
      }
      let reader;
      try {
        reader = await openRowBlocks(path);
      } catch (e) {
        if (e instanceof TypeError && /in row blocks/.test(e.message)) {
          throw new UsageError(`--stream: ${e.message}`);
        }
        throw e;
      }
      const r = await streamingRdm(reader, {
        method,
        conditions: labels(values.conditions as string, "conditions"),
        ...(noisePath === undefined
          ? {}
          : { noise: matrixOf(readTensor(noisePath, { name: "noise" }), "noise", noisePath) }),
      });
      return { rdm: toRows(r.rdm), streamed: true };
    }
    const X = matrixOf(readTensor(path, { name: "X" }), "X", path);
    const r = computeRdm(X, {
      method,
      ...(noisePath === undefined
        ? {}
        : { noise: matrixOf(readTensor(noisePath, { name: "noise" }), "noise", noisePath) }),
      ...(values.conditions === undefined
        ? {}
        : { conditions: labels(values.conditions as string, "conditions") }),
      ...(values.runs === undefined ? {} : { runs: labels(values.runs as string, "runs") }),
    });
    return { rdm: toRows(r.rdm) };
  },
};

const rdmCompare: Command = {
  name: "rdm-compare",
  summary: "similarity of two RDMs, or of every pair from two stacks of RDMs",
  help: `Usage: deno task cli rdm-compare A.npy B.npy [--method C]

A and B are [n, n] RDMs (prints {"similarity": s}) or stacks [K, n, n] (prints
{"similarity": [[…]]}, K_A × K_B). Only upper triangles are read.

${COMPARATOR_TEXT}

Exit codes: 0 success; 1 bad data (NaN, non-square or asymmetric RDMs, fewer than 3
conditions, different sizes); 2 bad usage.`,
  options: { method: { type: "string" } },
  positionals: { min: 2, max: 2 },
  run({ values, positionals }) {
    const method = choiceOption(values, "method", RDM_COMPARATORS, "cosine");
    const [pa, pb] = positionals as [string, string];
    const A = stack(pa, "A"), B = stack(pb, "B");
    if (A.shape.length === 2 && B.shape.length === 2) {
      return {
        similarity: compareRdms(matrixOf(A, "A", pa), matrixOf(B, "B", pb), { method }),
      };
    }
    return { similarity: toRows(compareRdmStacks(A, B, { method })) };
  },
};

const ceiling: Command = {
  name: "noise-ceiling",
  summary: "lower and upper noise ceiling of a stack of subject RDMs",
  help: `Usage: deno task cli noise-ceiling RDMS.npy [--method C]

RDMS is [K, n, n] (K ≥ 2 subjects). Prints {"lower": l, "upper": u}:
  lower  mean over subjects of compare(pooled RDM of the other subjects, subject)
  upper  mean over subjects of compare(pooled RDM of all subjects, subject)
Pooling suits the comparator: cosine/cosine_cov divide each RDM by its RMS, corr/corr_cov
z-score it, rank comparators average ranks. Not defined for bures.

${COMPARATOR_TEXT}

Exit codes: 0 success; 1 bad data; 2 bad usage.`,
  options: { method: { type: "string" } },
  positionals: { min: 1, max: 1 },
  run({ values, positionals }) {
    const method = choiceOption(values, "method", RDM_COMPARATORS, "cosine");
    if (method === "bures") throw new UsageError("--method bures has no noise ceiling");
    const r = noiseCeiling(stack(positionals[0]!, "RDMS"), { method });
    return { lower: r.lower, upper: r.upper };
  },
};

const FIT_METHODS: readonly FitComparator[] = ["cosine", "corr", "cosine_cov", "corr_cov"];

const fit: Command = {
  name: "rsa-fit",
  summary: "fit non-negative (or free) weights of model RDMs to subject RDMs",
  help: `Usage: deno task cli rsa-fit DATA.npy MODELS.npy [--method cosine|corr|cosine_cov|corr_cov]
       [--fitter nnls|regress]

DATA is [K, n, n] subject RDMs, MODELS [M, n, n] model RDMs. Prints
{"weights": […], "similarity": s}: weights of unit length, and the mean over subjects
of compare(Σ wᵢ Mᵢ, subject). The target is the pooled data RDM; cosine/corr use least
squares, cosine_cov/corr_cov generalised least squares under the distance covariance.

Options:
  --method C   comparator the fit is for (default cosine)
  --fitter F   nnls (weights ≥ 0; default) or regress (unconstrained)

Exit codes: 0 success; 1 bad data; 2 bad usage (incl. a comparator the fitter does not
support).`,
  options: { method: { type: "string" }, fitter: { type: "string" } },
  positionals: { min: 2, max: 2 },
  run({ values, positionals }) {
    const method = values.method;
    if (typeof method === "string" && !(FIT_METHODS as readonly string[]).includes(method)) {
      throw new UsageError(
        `--method must be one of ${FIT_METHODS.join(", ")} for rsa-fit: got ${method}`,
      );
    }
    const m = choiceOption(values, "method", FIT_METHODS, "cosine");
    const fitter = choiceOption(values, "fitter", ["nnls", "regress"] as const, "nnls");
    const [pd, pm] = positionals as [string, string];
    const r = fitModels(stack(pd, "DATA"), stack(pm, "MODELS"), { method: m, fitter });
    return { weights: r.weights, similarity: r.similarity };
  },
};

const evaluate: Command = {
  name: "rsa-eval",
  summary: "evaluate a model RDM against subject RDMs with a bootstrap standard error",
  help: `Usage: deno task cli rsa-eval DATA.npy MODEL.npy [--method C] [--bootstrap pattern|rdm]
       [--samples N] [--seed S]

DATA is [K, n, n] subject RDMs, MODEL one [n, n] RDM. Prints {"evaluation": e, "se": s,
"ci": [lo, hi], "valid": v}: e = mean over subjects of compare(model, subject) on the
full data; s the bootstrap standard error; ci the 95 % percentile interval; v the samples
kept.
  pattern  resample conditions with replacement; entries between two copies of one
           condition are dropped; samples with < 3 distinct conditions are discarded;
           s = √(n/(n−1)·var)
  rdm      resample subjects with replacement; s = √(K/(K−1)·var)

${COMPARATOR_TEXT}

Options:
  --bootstrap B  pattern (default) or rdm
  --samples N    bootstrap samples, N ≥ 2 (default 1000; a standard error needs 2)
  --seed S       seed (default 0)

Exit codes: 0 success; 1 bad data; 2 bad usage.`,
  options: {
    method: { type: "string" },
    bootstrap: { type: "string" },
    samples: { type: "string" },
    seed: { type: "string" },
  },
  positionals: { min: 2, max: 2 },
  run({ values, positionals }) {
    const method = choiceOption(values, "method", RDM_COMPARATORS, "cosine");
    const bootstrap = choiceOption(values, "bootstrap", ["pattern", "rdm"] as const, "pattern");
    const samples = integerOption(values, "samples", 1000);
    if (samples < 1) throw new UsageError(`--samples must be at least 1: got ${samples}`);
    if (samples < 2) {
      throw new UsageError(`--samples 1 gives no standard error (it needs at least 2 samples)`);
    }
    const seed = seedOption(values);
    const [pd, pm] = positionals as [string, string];
    const model = stack(pm, "MODEL");
    if (model.shape.length === 3 && model.shape[0] !== 1) {
      throw new TypeError(
        `Cannot read \`MODEL\` (${pm}): expected one [n, n] RDM: got shape [${
          model.shape.join(", ")
        }]`,
      );
    }
    const n = model.shape[model.shape.length - 1]!;
    const r = evalBootstrap(stack(pd, "DATA"), {
      rows: model.shape[model.shape.length - 2]!,
      cols: n,
      data: model.data,
    }, { method, bootstrap, samples, seed });
    return { evaluation: r.evaluation, se: r.se, ci: r.ci, valid: r.valid };
  },
};

/** The RSA subcommands. */
export const rsaCommands: Command[] = [rdm, rdmCompare, ceiling, fit, evaluate];
