/**
 * Shape-metric subcommands: `compare` (two networks) here, and the
 * many-network commands of `./multiset.ts` (`pairwise`,
 * `pairwise-merge`, `mds`).
 *
 * @module
 */

import { type Command, notice, type OptionValue, UsageError } from "../command.ts";
import { INPUT_HELP, INPUT_OPTIONS } from "../inputs.ts";
import { DRIVEN_HELP, DRIVEN_OPTIONS, ECHO, readMeasureInputs } from "./measure_inputs.ts";
import { compareWith } from "../../measures/compare.ts";
import {
  bootstrapMeasure,
  bootstrapMeasureSubjects,
  permutationMeasure,
  type SubjectResample,
} from "../../inference/measure.ts";
import type { BootstrapResult } from "../../inference/bootstrap.ts";
import { readSubjectInputs } from "./subject_inputs.ts";
import {
  INFERENCE_HELP,
  INFERENCE_OPTIONS,
  type InferenceFlags,
  inferenceFlags,
} from "./inference_options.ts";
import type { Measure, ResolvedOptions } from "../../measures/types.ts";
import { rowRanges, selectRows } from "./metric_options.ts";
import { chosenMeasure, flagOptions, measureFlagSpec } from "./measure_flags.ts";
import { multisetCommands } from "./multiset.ts";
import { compareModelsCommand } from "./compare_models.ts";
import { compareStreaming, STREAM_HELP, STREAM_OPTIONS } from "./compare_stream.ts";
import { inputKeys } from "../inputs.ts";
import { getMeasure, resolveOptions } from "../../measures/registry.ts";
import type { Matrix } from "../../linalg/matrix.ts";

/** The `se`/`ci`/`p_value` keys that resampling adds to `compare`'s (and `input-dsa`'s) JSON. */
export function inference(
  name: string,
  X: unknown,
  Y: unknown,
  given: Record<string, unknown>,
  flags: InferenceFlags,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (flags.bootstrap !== undefined) {
    const b = bootstrapMeasure(name, X, Y, {
      ...given,
      samples: flags.bootstrap,
      seed: flags.seed,
      level: flags.level,
      interval: flags.interval,
      scheme: flags.scheme,
      ...(flags.subsampleSize !== undefined ? { subsampleSize: flags.subsampleSize } : {}),
    });
    const resample = ["timeSeries", "drivenTimeSeries"].includes(getMeasure(name).measure.input)
      ? "trials"
      : "stimuli";
    if (b.discarded > 0) {
      notice(
        `${b.discarded} of ${flags.bootstrap} bootstrap draws had fewer than 3 distinct ${resample} and were discarded ("bootstrap_discarded"): the SE and interval come from the other ${b.distribution.length} (more ${resample} give fewer such draws)`,
      );
    }
    Object.assign(out, {
      se: b.se,
      ci: b.ci,
      ci_level: b.level,
      ci_method: b.interval,
      inference_value: b.value,
      bootstrap_samples: b.distribution.length,
      bootstrap_discarded: b.discarded,
      resample,
      scheme: b.scheme,
      ...(b.subsampleSize !== undefined ? { subsample_size: b.subsampleSize } : {}),
      ...(b.warning ? { ci_warning: b.warning } : {}),
    });
  }
  if (flags.permutations !== undefined) {
    const p = permutationMeasure(name, X, Y, {
      ...given,
      permutations: flags.permutations,
      seed: flags.seed,
    });
    Object.assign(out, { p_value: p.pValue, inference_value: p.value });
  }
  if (Object.keys(out).length) out.seed = flags.seed;
  return out;
}

/** `compare --resample subjects|both`: the measure averaged over subjects, resampled. */
async function compareSubjects(
  name: string,
  measure: Measure,
  values: Record<string, OptionValue>,
  paths: [string, string],
  given: Record<string, unknown>,
  flags: InferenceFlags,
): Promise<Record<string, unknown>> {
  const context = "Cannot compare over subjects";
  const [x, y] = [
    await readSubjectInputs(measure, values, paths[0], "X", context),
    await readSubjectInputs(measure, values, paths[1], "Y", context),
  ];
  if (!x.stacked && !y.stacked) {
    throw new UsageError(
      `--resample ${flags.resample} needs subjects: give X or Y as a stack [subjects, stimuli, …] .npy or as a comma-separated list of files, one per subject`,
    );
  }
  const r = bootstrapMeasureSubjects(name, x.inputs, y.inputs, {
    ...given,
    resample: flags.resample as SubjectResample,
    samples: flags.bootstrap,
    seed: flags.seed,
    level: flags.level,
    ...(flags.resample === "subjects" ? { interval: flags.interval } : { scheme: flags.scheme }),
  });
  const options = resolveOptions(name, given as Record<string, OptionValue>, context).options;
  const two = "seBoth" in r ? r : null;
  return {
    metric: measure.name,
    ...(ECHO[measure.name]?.(options) ?? options),
    [r.value]: r.estimate,
    per_subject: Array.from(r.perSubject),
    subjects: r.subjects,
    se: r.se,
    ci: r.ci,
    ci_level: r.level,
    ci_method: r.interval,
    inference_value: r.value,
    resample: r.resample,
    ...(two
      ? {
        se_subjects: two.seFirst,
        se_stimuli: two.seSecond,
        se_both_uncorrected: two.seBoth,
        bias: two.bias,
        scheme: two.scheme,
        bootstrap_samples: flags.bootstrap,
      }
      : {
        bootstrap_samples: (r as BootstrapResult).distribution.length,
        bootstrap_discarded: (r as BootstrapResult).discarded,
      }),
    ...(r.warning ? { ci_warning: r.warning } : {}),
    seed: r.seed,
  };
}

const compare: Command = {
  name: "compare",
  summary: "compare two networks with any measure (shape metrics, CKA, stochastic, conv, DSA)",
  help: `Usage: deno task cli compare X.npy Y.npy [--measure NAME] [measure options]
       [--train-rows a:b --test-rows c:d] [--memory-budget SIZE] [--stream]
       deno task cli compare MODEL.npy SUBJECTS.npy --bootstrap N --resample subjects|both

Over subjects (--resample subjects|both), X or Y (or both, with the same number of subjects) is a
stack [subjects, stimuli, units] .npy or a comma-separated list of files, one per subject; the
score is the mean over subjects of the measure, with "per_subject" and "subjects".

X and Y hold the responses of two networks to the same stimuli, [stimuli, units]
(conv-linear: [images, height, width, channels]; stochastic-gaussian/-energy: [stimuli, trials,
units]; stochastic-process: [conditions, trials, time, units] or [trials, time, units];
dsa: [time, dims] or [trials, time, dims]). Prints JSON {"metric", the measure's main options,
"distance" and/or "similarity", …}. \`deno task cli measures\` lists every measure, its
aliases (procrustes = linear α=1, cca = linear α=0, rbf-cka, …) and its options.

  linear       (default) linear shape metric, α in [0, 1]: 1 rotations only (Procrustes),
               0 any invertible linear map (CCA) → {"distance"}
  permutation  units matched one-to-one (exact assignment) → {"distance"}
  cka          centred kernel alignment → {"similarity", "distance" = arccos(similarity)}
  conv-linear  linear metric over circular spatial shifts of X → {"distance" (minimum), "map",
               "shift" (minimising shift), "unshifted"}
  stochastic-gaussian, stochastic-energy, stochastic-process, dsa → {"distance"}
  input-dsa, controllability  input-driven systems: X and Y are observations [time, outputs]
               or [trials, time, outputs], --inputs U1,U2 the inputs that drove them → {"distance"}

Options:
  --measure NAME       the measure or an alias (--metric is the same option)
  --alpha A            α of the linear family (default 1)
  --score S            angular (radians, default) or euclidean (Frobenius norm of the difference)
  --no-center          do not centre columns
  --no-pad             require equal widths instead of zero-padding the narrower input
  --train-rows a:b     rows to fit on (Python slice, e.g. 0:80 = rows 0..79; default all)
  --test-rows c:d      held-out rows: "distance" is then the held-out distance (fitted on the
                       training rows, with the training means and maps) and "train_distance"
                       the distance on the training rows
  --kernel K           cka: linear (default) or rbf
  --threshold T        cka rbf: bandwidth as a fraction of the median distance (default 1)
  --debiased           cka: unbiased HSIC estimator
  …                    every other measure's options (see \`measures\`); a flag the chosen
                       measure does not take is bad usage
${DRIVEN_HELP}
${INFERENCE_HELP}
${STREAM_HELP}
${INPUT_HELP}

Exit codes: 0 success; 1 bad data (shapes, NaN, α out of range, …); 2 bad usage.`,
  options: {
    ...measureFlagSpec(),
    measure: { type: "string" },
    metric: { type: "string" },
    "train-rows": { type: "string" },
    "test-rows": { type: "string" },
    ...INPUT_OPTIONS,
    ...DRIVEN_OPTIONS,
    ...INFERENCE_OPTIONS,
    ...STREAM_OPTIONS,
  },
  positionals: { min: 2, max: 2 },
  async run({ values, positionals }) {
    const [px, py] = positionals as [string, string];
    const { name, measure } = chosenMeasure(values, "linear");
    const { flags, rest } = inferenceFlags(values, measure);
    const given = flagOptions(measure, rest, name);
    const rowsGiven = values["train-rows"] !== undefined || values["test-rows"] !== undefined;
    const resampling = flags.bootstrap !== undefined || flags.permutations !== undefined;
    if (rowsGiven && resampling) {
      throw new UsageError(
        "--bootstrap/--permutations resample every stimulus: give them without --train-rows/--test-rows",
      );
    }
    if (rowsGiven && (!measure.heldOut || measure.input !== "responses")) {
      throw new UsageError(`--train-rows/--test-rows are not supported with --metric ${name}`);
    }
    if (resampling && values.stream) {
      throw new UsageError(
        "--stream cannot be combined with --bootstrap/--permutations (resampling needs the rows in memory)",
      );
    }
    const streamed = resampling ? null : await compareStreaming(
      values,
      measure.name,
      resolveOptions(name, given, "Cannot compare").options,
      [px, py],
      inputKeys(values, [px, py]),
    );
    if (streamed !== null) return streamed;
    if (flags.resample !== "stimuli") {
      return await compareSubjects(name, measure, values, [px, py], given, flags);
    }
    const [X, Y] = await readMeasureInputs(measure, values, [px, py], ["X", "Y"], "Cannot compare");
    const head = (o: ResolvedOptions) => ({
      metric: measure.name,
      ...(ECHO[measure.name]?.(o) ?? o),
    });
    if (!rowsGiven) {
      const r = compareWith(name, X, Y, given);
      return {
        ...head(r.options),
        ...(r.similarity !== undefined ? { similarity: r.similarity } : {}),
        ...(r.distance !== undefined ? { distance: r.distance } : {}),
        ...r.details,
        ...inference(name, X, Y, given, flags),
      };
    }
    const Xm = X as Matrix, Ym = Y as Matrix;
    const { train, test } = rowRanges(values, Xm.rows);
    const Xt = selectRows(Xm, train), Yt = selectRows(Ym, train);
    if (!test) {
      const r = compareWith(name, Xt, Yt, given);
      return {
        ...head(r.options),
        ...(r.similarity !== undefined ? { similarity: r.similarity } : {}),
        ...(r.distance !== undefined ? { distance: r.distance } : {}),
        ...warningOf(r.details),
      };
    }
    const r = compareWith(name, Xt, Yt, {
      ...given,
      test: [selectRows(Xm, test), selectRows(Ym, test)],
    });
    return {
      ...head(r.options),
      ...(r.testSimilarity !== undefined ? { similarity: r.testSimilarity } : {}),
      ...(r.testDistance !== undefined ? { distance: r.testDistance } : {}),
      ...(r.similarity !== undefined ? { train_similarity: r.similarity } : {}),
      ...(r.distance !== undefined ? { train_distance: r.distance } : {}),
      ...warningOf(r.details),
    };
  },
};

/** A comparison's `warning` (e.g. the whitening floor's), as an output field when there is one. */
function warningOf(details: Record<string, unknown> | undefined): { warning?: unknown } {
  return details?.warning === undefined ? {} : { warning: details.warning };
}

/** The comparison subcommands: `compare`, `compare-models`, `pairwise`, `pairwise-merge`, `mds`. */
export const metricsCommands: Command[] = [compare, compareModelsCommand, ...multisetCommands];
