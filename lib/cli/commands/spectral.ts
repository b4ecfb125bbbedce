/**
 * Spectral-theory subcommands: `spectral` (spectrum, alignment and the
 * theoretical learning curve) and `predict` (cross-validated ridge
 * predictivity per neuron).
 *
 * @module
 */

import {
  choiceOption,
  type Command,
  commandOutput,
  integerOption,
  numberOption,
  type OptionValue,
  seedOption,
  UsageError,
} from "../command.ts";
import { checkSameRows, INPUT_HELP, INPUT_OPTIONS, readInputs } from "../inputs.ts";
import { alignment } from "../../spectral/alignment.ts";
import { checkPs } from "../../spectral/inputs.ts";
import { defaultPs } from "../../spectral/learning_curve.ts";
import { ridgePredictivity } from "../../spectral/predictivity.ts";
import { theoryCurve } from "../../spectral/theory.ts";

const TOP = 20;

function parseList(values: Record<string, OptionValue>, name: string): number[] | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const parts = String(v).split(",").map((s) => s.trim());
  if (parts.some((s) => s === "" || !Number.isFinite(Number(s)))) {
    throw new UsageError(`--${name} must be a comma-separated list of numbers: got ${String(v)}`);
  }
  return parts.map(Number);
}

const spectral: Command = {
  name: "spectral",
  figure: true,
  summary: "eigenspectrum, alignment and theoretical learning curve of Y regressed on X",
  help:
    `Usage: deno task cli spectral X.npy Y.npy [--ridge L] [--p p1,p2,...] [--no-center] [--method eigh|svd]

Spectral theory of neural prediction (Canatar, Feather, Wakhloo & Chung, NeurIPS 2023) for model
activations X [P stimuli, M features] and neural responses Y [P stimuli, N neurons] (.npy or a
single-array .npz; a 1-D Y is one neuron). Prints JSON:

  eigenvalues_top  first min(20, P) eigenvalues of K = X Xᵀ/P, descending (0 past the rank)
  alignment_top    first min(20, P) entries of W_full: W_1…W_r, then the null-space mode at index r
  Eg, Etr          theoretical generalisation and training error per p (normalised by the target
                   power; E_tr = (α/κ)² E_g); null where the ridgeless theory diverges
  R_em, D_em       error-mode radius and dimension per p (E_g = R_em·√D_em)
  kappa, gamma     κ and γ per p
  ed_model         participation ratio of the eigenvalues
  ed_alignment     participation ratio of W_full
  ed_neural        participation ratio of the eigenvalues of Y Yᵀ/P
  out_of_span      fraction of the target power outside the span of X
  also P, M, N, rank, ps, ridge, centered, method

Options:
  --ridge L        λ_reg >= 0; the ridge on the unnormalised kernel is α = p·L (default 0)
  --p LIST         training-set sizes in [1, P − 1], comma-separated (default: 5 log-spaced values
                   from 5 to P − 2 plus 0.1P…0.9P)
  --no-center      do not centre the columns of X and Y
  --method M       eigh (Gram when M >= P, covariance when M < P; default) or svd
${INPUT_HELP}`,
  options: {
    ...INPUT_OPTIONS,
    ridge: { type: "string" },
    p: { type: "string" },
    "no-center": { type: "boolean" },
    method: { type: "string" },
  },
  positionals: { min: 2, max: 2 },
  async run({ values, positionals }) {
    const ridge = numberOption(values, "ridge", 0);
    const psArg = parseList(values, "p");
    const method = choiceOption(values, "method", ["eigh", "svd"] as const, "eigh");
    const center = !values["no-center"];
    const sets = await readInputs(values, positionals, ["X", "Y"]);
    checkSameRows(sets, ["X", "Y"], "Cannot read inputs");
    const X = sets[0]!.matrix, Y = sets[1]!.matrix;
    const a = alignment(X, Y, { center, method });
    let ps = defaultPs(a.P);
    if (psArg) {
      try {
        ps = checkPs(psArg, a.P, "Cannot compute spectral theory", true, a.P);
      } catch (e) {
        // sizes out of range for these data are bad usage of --p, not bad data
        throw new UsageError(`--p: ${(e as Error).message}`);
      }
    }
    const t = theoryCurve(a, { ps, ridge, modes: false });
    const top = Math.min(TOP, a.P);
    return commandOutput({
      json: {
        P: a.P,
        M: a.M,
        N: a.N,
        centered: center,
        method,
        ridge,
        rank: a.rank,
        ps: t.ps,
        eigenvalues_top: a.eigenvalues.slice(0, top),
        alignment_top: a.weights.slice(0, top),
        Eg: t.Eg,
        Etr: t.Etr,
        R_em: t.Rem,
        D_em: t.Dem,
        kappa: t.kappa,
        gamma: t.gamma,
        ed_model: a.edModel,
        ed_alignment: a.edAlignment,
        ed_neural: a.edNeural,
        out_of_span: a.outOfSpan,
      },
      result: t,
    });
  },
};

const predict: Command = {
  name: "predict",
  summary: "cross-validated ridge predictivity (R² and Pearson r) of each neuron from X",
  help: `Usage: deno task cli predict X.npy Y.npy [--ridge L] [--folds 5] [--seed 0] [--no-center]

k-fold cross-validated ridge regression from model activations X [P stimuli, M features] to
neural responses Y [P stimuli, N neurons]. Folds are a seeded shuffle of the stimuli cut into k
folds of sizes differing by at most one; each fold's model has an intercept (training-fold means)
and penalty α = nTrain·L on the unnormalised kernel (scikit-learn Ridge(alpha=nTrain·L)).
Scores use the pooled out-of-fold predictions of all P stimuli. Prints JSON:

  r2, r            cross-validated R² and Pearson r per neuron
  mean_r2, mean_r  their means over neurons
  also P, M, N, ridge, folds, seed, centered

Options:
  --ridge L    λ_reg >= 0 (default 0)
  --folds K    number of folds in [2, P] (default 5)
  --seed S     seed of the fold assignment (default 0)
  --no-center  no intercept
${INPUT_HELP}`,
  options: {
    ...INPUT_OPTIONS,
    ridge: { type: "string" },
    folds: { type: "string" },
    seed: { type: "string" },
    "no-center": { type: "boolean" },
  },
  positionals: { min: 2, max: 2 },
  async run({ values, positionals }) {
    const ridge = numberOption(values, "ridge", 0);
    const folds = integerOption(values, "folds", 5);
    const seed = seedOption(values);
    const center = !values["no-center"];
    const sets = await readInputs(values, positionals, ["X", "Y"]);
    checkSameRows(sets, ["X", "Y"], "Cannot read inputs");
    const X = sets[0]!.matrix, Y = sets[1]!.matrix;
    const s = ridgePredictivity(X, Y, { ridge, folds, seed, center });
    return {
      P: s.P,
      M: s.M,
      N: s.N,
      ridge,
      folds: s.folds,
      seed,
      centered: center,
      r2: s.r2,
      r: s.pearson,
      mean_r2: s.meanR2,
      mean_r: s.meanPearson,
    };
  },
};

/** The spectral-theory subcommands, registered in `lib/cli/registry.ts`. */
export const spectralCommands: Command[] = [spectral, predict];
