/**
 * Shape-metric subcommands: `compare` (two networks) here, and the
 * many-network commands of `./multiset.ts` (`pairwise`,
 * `pairwise-merge`, `mds`).
 *
 * @module
 */

import {
  choiceOption,
  type Command,
  numberOption,
  type OptionValue,
  UsageError,
} from "../command.ts";
import {
  checkSameRows,
  INPUT_HELP,
  INPUT_OPTIONS,
  inputKeys,
  readInputs,
  readInputTensor,
} from "../inputs.ts";
import { type Matrix, toRows } from "../../linalg/matrix.ts";
import { ckaDistance, debiasedCKA, linearCKA, rbfCKA } from "../../metrics/cka.ts";
import { convLinearMetric } from "../../metrics/conv.ts";
import { METRIC_OPTIONS, metricOptions, rowRanges, selectRows } from "./metric_options.ts";
import { fitLinearMetric, linearMetric, scoreLinearMetric } from "../../metrics/linear.ts";
import {
  fitPermutationMetric,
  permutationMetric,
  scorePermutationMetric,
} from "../../metrics/permutation.ts";
import { multisetCommands } from "./multiset.ts";
import { compareStreaming, STREAM_HELP, STREAM_OPTIONS } from "./compare_stream.ts";

const METRICS = ["linear", "permutation", "cka", "conv-linear"] as const;

const rows = selectRows;

function compareCka(X: Matrix, Y: Matrix, values: Record<string, OptionValue>) {
  const kernel = choiceOption(values, "kernel", ["linear", "rbf"] as const, "linear");
  const threshold = numberOption(values, "threshold", 1);
  const debiased = !!values.debiased;
  const center = !values["no-center"];
  const similarity = (A: Matrix, B: Matrix) =>
    debiased
      ? debiasedCKA(A, B, { kernel, threshold })
      : kernel === "rbf"
      ? rbfCKA(A, B, { threshold })
      : linearCKA(A, B, { center });
  const opts = { kernel, threshold, debiased, center };
  const { train, test } = rowRanges(values, X.rows);
  const Xt = rows(X, train), Yt = rows(Y, train);
  const out: Record<string, unknown> = { metric: "cka", kernel, debiased };
  if (kernel === "rbf") out.threshold = threshold;
  if (test) {
    const Xs = rows(X, test), Ys = rows(Y, test);
    out.similarity = similarity(Xs, Ys);
    out.distance = ckaDistance(Xs, Ys, opts);
    out.train_similarity = similarity(Xt, Yt);
    out.train_distance = ckaDistance(Xt, Yt, opts);
  } else {
    out.similarity = similarity(Xt, Yt);
    out.distance = ckaDistance(Xt, Yt, opts);
  }
  return out;
}

const compare: Command = {
  name: "compare",
  summary: "shape distance between two networks (linear family, permutation, CKA, conv layers)",
  help: `Usage: deno task cli compare X.npy Y.npy [--metric linear|permutation|cka|conv-linear]
       [--alpha A] [--score angular|euclidean] [--no-center] [--no-pad]
       [--train-rows a:b --test-rows c:d] [--kernel linear|rbf --threshold T --debiased]
       [--memory SIZE] [--stream]

X and Y hold the responses of two networks to the same stimuli, [stimuli, units]
(conv-linear: [images, height, width, channels]). Prints JSON.

  linear       (default) linear shape metric, α in [0, 1]: 1 rotations only (Procrustes),
               0 any invertible linear map (CCA) → {"distance"}
  permutation  units matched one-to-one (exact assignment) → {"distance"}
  cka          centred kernel alignment → {"similarity", "distance" = arccos(similarity)}
  conv-linear  linear metric over circular spatial shifts of X → {"distance" (minimum), "map",
               "shift" (minimising shift), "unshifted"}

Options:
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
${STREAM_HELP}
${INPUT_HELP}

Exit codes: 0 success; 1 bad data (shapes, NaN, α out of range, …); 2 bad usage.`,
  options: {
    ...METRIC_OPTIONS,
    ...INPUT_OPTIONS,
    ...STREAM_OPTIONS,
    kernel: { type: "string" },
    threshold: { type: "string" },
    debiased: { type: "boolean" },
  },
  positionals: { min: 2, max: 2 },
  async run({ values, positionals }) {
    const [px, py] = positionals as [string, string];
    const metric = choiceOption(values, "metric", METRICS, "linear");
    const opts = metricOptions(values);
    const streamed = await compareStreaming(values, metric, [px, py], inputKeys(values, [px, py]));
    if (streamed !== null) return streamed;
    if (metric === "conv-linear") {
      if (values["train-rows"] !== undefined || values["test-rows"] !== undefined) {
        throw new UsageError(
          "--train-rows/--test-rows are not supported with --metric conv-linear",
        );
      }
      const [kx, ky] = inputKeys(values, [px, py]);
      const X = await readInputTensor(px, "X", kx), Y = await readInputTensor(py, "Y", ky);
      const r = convLinearMetric(X, Y, opts);
      return {
        metric,
        alpha: opts.alpha,
        score: opts.score,
        distance: r.distance,
        map: toRows(r.map),
        shift: r.shift,
        unshifted: r.unshifted,
      };
    }
    const sets = await readInputs(values, [px, py], ["X", "Y"]);
    checkSameRows(sets, ["X", "Y"], "Cannot compare");
    const X = sets[0]!.matrix, Y = sets[1]!.matrix;
    if (metric === "cka") return compareCka(X, Y, values);
    const { train, test } = rowRanges(values, X.rows);
    const Xt = rows(X, train), Yt = rows(Y, train);
    const head = metric === "linear"
      ? { metric, alpha: opts.alpha, score: opts.score }
      : { metric, score: opts.score };
    if (!test) {
      const distance = metric === "linear"
        ? linearMetric(Xt, Yt, opts)
        : permutationMetric(Xt, Yt, opts);
      return { ...head, distance };
    }
    const Xs = rows(X, test), Ys = rows(Y, test);
    if (metric === "linear") {
      const fit = fitLinearMetric(Xt, Yt, opts);
      return {
        ...head,
        distance: scoreLinearMetric(fit, Xs, Ys),
        train_distance: linearMetric(Xt, Yt, opts),
      };
    }
    const fit = fitPermutationMetric(Xt, Yt, opts);
    return {
      ...head,
      distance: scorePermutationMetric(fit, Xs, Ys),
      train_distance: scorePermutationMetric(fit, Xt, Yt),
    };
  },
};

/** The shape-metric subcommands: `compare`, `pairwise`, `pairwise-merge`, `mds`. */
export const metricsCommands: Command[] = [compare, ...multisetCommands];
