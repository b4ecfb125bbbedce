/**
 * CLI subcommand `input-dsa`: InputDSA between two input-driven systems with
 * the full result (joint, state and input parts, both spectra) and `--figure`
 * (both A spectra on the unit circle). `compare --measure input-dsa` gives the
 * distance alone through the registry.
 *
 * @module
 */

import { type Command, commandOutput, UsageError } from "../command.ts";
import { INPUT_HELP, INPUT_OPTIONS } from "../inputs.ts";
import { getMeasure, resolveOptions } from "../../measures/all.ts";
import { fitDriven } from "../../measures/driven.ts";
import { inputDsaDistance, type InputDsaOptions } from "../../dynamics/input_dsa.ts";
import { inputDsaWeighted } from "../../dynamics/input_dsa_joint.ts";
import { DRIVEN_HELP, DRIVEN_OPTIONS, readMeasureInputs } from "./measure_inputs.ts";
import { flagHelp, flagOptions, measureFlagSpec } from "./measure_flags.ts";
import { inferenceFlags } from "./inference_options.ts";
import { inference } from "./metrics.ts";

const measure = () => getMeasure("input-dsa").measure;

const ownFlags = () =>
  Object.fromEntries(
    Object.entries(measureFlagSpec()).filter(([flag]) =>
      measure().options.some((o) => o.flag === flag)
    ),
  );

const pairs = (e: { re: ArrayLike<number>; im: ArrayLike<number> }) =>
  Array.from(e.re, (r, i) => [r, e.im[i]!]);

/**
 * `input-dsa Y1 Y2 --inputs U1,U2`.
 *
 * @example
 * ```ts
 * import { inputDsaCommand } from "./input_dsa.ts";
 * import assert from "node:assert/strict";
 * assert.equal(inputDsaCommand.name, "input-dsa");
 * assert.ok(inputDsaCommand.options.inputs);
 * ```
 */
export const inputDsaCommand: Command = {
  name: "input-dsa",
  figure: true,
  summary: "InputDSA between two input-driven systems (subspace DMDc, joint A/B alignment)",
  help: `Usage: deno task cli input-dsa Y1.npy Y2.npy --inputs U1.npy,U2.npy [options]

Y1 and Y2 hold the observations of two systems, [time, outputs] or [trials, time, outputs];
U1 and U2 the inputs that drove them (same trials and time steps). Fits subspace DMDc
(N4SID-style: block Hankel matrices of --n-delays past and --horizon future samples, oblique
projection, SVD order, least-squares A, B, C, D) to each and compares (A, B) up to one
orthogonal change of state basis C: the InputDSA distance aligns the controllability matrices
[B, AB, AᵀB, …] (compare joint), or A alone as DSA (compare state), or B alone, or minimises
α‖CA₁Cᵀ − A₂‖² + (1 − α)‖CB₁ − B₂‖² over C (compare weighted, α = --state-weight, default 0.5;
adds "objective").
Prints JSON {"distance", "compare", "score", "joint", "state", "input" ({angular, euclidean}
each, with the C used), "orders", "eigenvalues" ([[re, im], …] per system), "C"}.
--figure draws both spectra of A on the unit circle.
With --bootstrap N the trials are resampled (the same draw for both systems, each draw refitted
from per-trial statistics) and the JSON adds "se", "ci", "ci_level", "ci_method",
"inference_value", "bootstrap_samples", "bootstrap_discarded", "resample" ("trials"), "scheme"
and "seed", as \`compare --measure input-dsa --bootstrap N\` does.

Options:
${flagHelp(measure())}
  --bootstrap N        bootstrap over trials ([trials, time, …] inputs, at least 2 trials): adds
                       "se" and "ci" of the distance; N ≥ 2 samples, seeded by --seed
  --ci LEVEL           confidence level in (0, 1) (default 0.95)
  --interval M         bca (default), percentile or basic
${DRIVEN_HELP}
${INPUT_HELP}`,
  options: {
    ...ownFlags(),
    ...DRIVEN_OPTIONS,
    ...INPUT_OPTIONS,
    bootstrap: { type: "string" },
    ci: { type: "string" },
    interval: { type: "string" },
  },
  positionals: { min: 2, max: 2 },
  async run({ values, positionals }) {
    const m = measure();
    const context = "Cannot compute InputDSA";
    const { flags, rest } = inferenceFlags(values, m);
    const given = flagOptions(m, rest);
    const { options } = resolveOptions(m, given, context);
    if (options.stateWeight !== undefined && options.compare !== "weighted") {
      throw new UsageError(
        `--state-weight applies to --compare weighted: got --compare ${options.compare}`,
      );
    }
    const [X, Y] = await readMeasureInputs(m, values, positionals, ["X", "Y"], context);
    const invariant = m.properties(options).invariances.isotropicScale;
    // the data's own scale (rescaled only when far from unit), so that the euclidean parts
    // printed refer to the data as given
    const a = fitDriven(m.validate(X, "X", context), options, invariant, "X", false);
    const b = fitDriven(m.validate(Y, "Y", context), options, invariant, "Y", false);
    const scoring = {
      score: options.score as InputDsaOptions["score"],
      transposePowers: options.transposePowers as boolean,
      pad: options.pad as boolean,
      seed: options.seed as number,
      ...(options.powers !== undefined ? { powers: options.powers as number } : {}),
    };
    const weighted = options.compare === "weighted";
    const stateWeight = (options.stateWeight as number | undefined) ?? 0.5;
    const r = weighted
      ? inputDsaWeighted(a.A, a.B, b.A, b.B, { ...scoring, alpha: stateWeight })
      : inputDsaDistance(a.A, a.B, b.A, b.B, {
        ...scoring,
        compare: options.compare as InputDsaOptions["compare"],
      });
    return commandOutput({
      json: {
        ...options,
        ...(weighted ? { stateWeight } : {}),
        distance: r.distance,
        compare: r.compare,
        score: r.score,
        joint: r.joint,
        state: r.state,
        input: r.input,
        orders: [a.order, b.order],
        eigenvalues: r.eigenvalues.map(pairs),
        C: Array.from(
          { length: r.C.rows },
          (_, i) => Array.from(r.C.data.subarray(i * r.C.cols, (i + 1) * r.C.cols)),
        ),
        ...("objective" in r ? { objective: r.objective } : {}),
        ...inference("input-dsa", X, Y, given, flags),
      },
      result: r,
    });
  },
};
