/**
 * `compare-models`: several models against the same data with one measure,
 * each score with its bootstrap CI, and every pair of models tested on the
 * same stimulus draws.
 *
 * @module
 */

import { type Command, numberOption, UsageError } from "../command.ts";
import { INPUT_HELP, INPUT_OPTIONS, inputLabel } from "../inputs.ts";
import { compareModelsSubjects, compareModelsWith } from "../../inference/measure.ts";
import type { ModelComparison } from "../../inference/compare_models.ts";
import { readSubjectInputs } from "./subject_inputs.ts";
import { INFERENCE_HELP, INFERENCE_OPTIONS, inferenceFlags } from "./inference_options.ts";
import { chosenMeasure, flagOptions, measureFlagSpec } from "./measure_flags.ts";
import { readMeasureInputs } from "./measure_inputs.ts";

/** The `compare-models` subcommand. */
export const compareModelsCommand: Command = {
  name: "compare-models",
  summary: "score several models against the same data, with CIs and pairwise bootstrap tests",
  help: `Usage: deno task cli compare-models DATA.npy M1.npy M2.npy … --measure NAME --bootstrap N
       [--seed S] [--ci 0.95] [--interval bca|percentile|basic] [--ceiling C]
       [--resample stimuli|subjects|both] [--scheme subsample|replacement] [measure options]

DATA holds the reference responses (e.g. a brain area), each M the responses of one model to the
same stimuli. Every model is scored with the measure against DATA (its similarity, or distance for
distance-only measures) on the full data and on N bootstrap draws of the stimuli, the same draws
for every model. Prints JSON {"metric", "inference_value", "models": [{"name", "score", "se",
"ci"}], "differences": [{"a", "b", "difference", "se", "ci", "p_value"}], "ci_level",
"ci_method", "bootstrap_samples", "seed"}; p_value is two-sided, 2·min(1 + #{d ≤ 0},
1 + #{d ≥ 0}) / (N + 1) (d reflected, 2d̂ − d, for the basic interval). With --ceiling C each
model also gets "relative" = score / C. With --resample subjects|both, DATA holds several subjects
(a stack [subjects, stimuli, units] .npy or a comma-separated list of files) and each score is the
mean over subjects; "both" gives normal intervals and p = 2(1 − Φ(|d − bias| / se)).

Options:
  --measure NAME       the measure (default linear; --metric is the same option)
  --ceiling C          a noise ceiling of the score (> 0)
${INFERENCE_HELP}
${INPUT_HELP}`,
  options: {
    ...measureFlagSpec(),
    measure: { type: "string" },
    metric: { type: "string" },
    ceiling: { type: "string" },
    ...INFERENCE_OPTIONS,
    ...INPUT_OPTIONS,
  },
  positionals: { min: 2, max: Infinity },
  async run({ values, positionals }) {
    const { name, measure } = chosenMeasure(values, "linear");
    if (values.permutations !== undefined) {
      throw new UsageError("--permutations does not apply to compare-models (use compare)");
    }
    const { flags, rest } = inferenceFlags(values, measure);
    if (flags.bootstrap === undefined) throw new UsageError("compare-models needs --bootstrap N");
    const given = flagOptions(measure, rest, name);
    const ceiling = numberOption(values, "ceiling");
    if (ceiling !== undefined && !(ceiling > 0)) {
      throw new UsageError(`--ceiling must be > 0: got ${ceiling}`);
    }
    const labels = positionals.slice(1).map(inputLabel);
    if (new Set(labels).size !== labels.length) {
      throw new UsageError(`model files must have different names: got ${labels.join(", ")}`);
    }
    const names = ["DATA", ...labels.map((l) => `model ${l}`)];
    const common = {
      ...given,
      samples: flags.bootstrap,
      seed: flags.seed,
      level: flags.level,
      ...(ceiling !== undefined ? { ceiling } : {}),
    };
    let r: Readonly<ModelComparison> & { subjects?: number };
    if (flags.resample === "stimuli") {
      const [data, ...models] = await readMeasureInputs(
        measure,
        values,
        positionals,
        names,
        "Cannot compare models",
      );
      r = compareModelsWith(
        name,
        data,
        Object.fromEntries(labels.map((l, i) => [l, models[i]])),
        {
          ...common,
          interval: flags.interval,
          scheme: flags.scheme,
          ...(flags.subsampleSize !== undefined ? { subsampleSize: flags.subsampleSize } : {}),
        },
      );
    } else {
      const context = "Cannot compare models over subjects";
      const data = await readSubjectInputs(measure, values, positionals[0]!, "DATA", context);
      if (!data.stacked) {
        throw new UsageError(
          `--resample ${flags.resample} needs subjects: give DATA as a stack [subjects, stimuli, …] .npy or as a comma-separated list of files, one per subject`,
        );
      }
      const models = await readMeasureInputs(
        measure,
        values,
        positionals.slice(1),
        names.slice(1),
        context,
      );
      r = compareModelsSubjects(
        name,
        data.inputs,
        Object.fromEntries(labels.map((l, i) => [l, models[i]])),
        {
          ...common,
          resample: flags.resample,
          ...(flags.resample === "subjects"
            ? { interval: flags.interval }
            : { scheme: flags.scheme }),
        },
      );
    }
    return {
      metric: measure.name,
      inference_value: measure.returns === "distance" ? "distance" : "similarity",
      models: r.models.map((m) => ({
        name: m.name,
        score: m.estimate,
        se: m.se,
        ci: m.ci,
        ...(m.relative !== undefined ? { relative: m.relative } : {}),
        ...(m.interval !== r.interval ? { ci_method: m.interval } : {}),
        ...(m.warning ? { ci_warning: m.warning } : {}),
      })),
      differences: r.differences.map((d) => ({
        a: d.a,
        b: d.b,
        difference: d.estimate,
        se: d.se,
        ci: d.ci,
        p_value: d.pValue,
      })),
      ci_level: r.level,
      ci_method: r.interval,
      bootstrap_samples: r.samples,
      resample: flags.resample,
      ...(flags.resample === "subjects" ? { subjects: r.subjects } : {
        scheme: r.scheme,
        ...(r.subsampleSize !== undefined ? { subsample_size: r.subsampleSize } : {}),
        ...(r.subjects !== undefined ? { subjects: r.subjects } : {}),
      }),
      seed: r.seed,
    };
  },
};
