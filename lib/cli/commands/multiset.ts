/**
 * Many-network subcommands: `pairwise` (a distance matrix, or one shard of it),
 * `pairwise-merge` (assemble shards), `mds` (classical MDS of a matrix) and
 * `procrustes-kmeans` (clusters of networks around barycenters).
 * Progress goes to stderr when it is a terminal (or with `--progress`).
 *
 * @module
 */

import {
  choiceOption,
  type Command,
  type CommandOutput,
  commandOutput,
  flagInRange,
  integerOption,
  numberOption,
  seedOption,
  UsageError,
} from "../command.ts";
import {
  checkSameRows,
  INPUT_HELP,
  INPUT_OPTIONS,
  inputKeys,
  inputLabel,
  readInput,
  readInputs,
} from "../inputs.ts";
import { pairwiseStreaming, STREAM_HELP, STREAM_OPTIONS } from "./compare_stream.ts";
import { resolveOptions } from "../../measures/registry.ts";
import { tagResult } from "../../result.ts";
import { writeNpy } from "../../io/npy.ts";
import { type Matrix, toRows } from "../../linalg/matrix.ts";
import { rowRanges, selectRows } from "./metric_options.ts";
import { classicalMDS } from "../../multiset/mds.ts";
import { procrustesKMeans } from "../../multiset/kmeans.ts";
import {
  matrixShard,
  type MeasureMatrix,
  mergeMatrixShards,
  pairwiseMatrix,
} from "../../pairwise/engine.ts";
import { readShards, writeShard } from "../../pairwise/shard.ts";
import type { DistanceProgress } from "../../pairwise/pool.ts";
import type { ResolvedOptions } from "../../measures/types.ts";
import { chosenMeasure, flagOptions, measureFlagSpec } from "./measure_flags.ts";
import { DRIVEN_HELP, DRIVEN_OPTIONS, ECHO, readMeasureInputs } from "./measure_inputs.ts";
import { INFERENCE_OPTIONS, inferenceFlags } from "./inference_options.ts";
import { bootstrapMatrix, withBootstrapSe } from "../../inference/measure.ts";
import { matrixOrShard } from "../outputs.ts";

/** Largest K for which the JSON summary includes the matrix itself. */
const MAX_INLINE = 100;

function progressWriter(force: boolean): ((p: DistanceProgress) => void) | undefined {
  let tty = false;
  try {
    tty = Deno.stderr.isTerminal();
  } catch {
    tty = false;
  }
  if (!force && !tty) return undefined;
  const enc = new TextEncoder();
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (p.done < p.total && now - last < 100) return;
    last = now;
    const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
    const line = `${
      p.phase === "prepare" ? "networks" : "pairs   "
    } ${p.done}/${p.total} (${pct}%)`;
    Deno.stderr.writeSync(enc.encode(`\r${line}${p.done === p.total ? "\n" : ""}`));
  };
}

function testOutPath(values: Record<string, unknown>, out: string): string {
  const given = values["test-out"] as string | undefined;
  return given ??
    (out.toLowerCase().endsWith(".npy") ? out.slice(0, -4) + ".test.npy" : `${out}.test.npy`);
}

/** The options a matrix summary reports: as they always were for the shape metrics. */
function reported(measure: string, o: Record<string, unknown>): Record<string, unknown> {
  if (measure === "linear" || measure === "permutation") {
    const { alpha, score, center, width } = o;
    return measure === "linear"
      ? { metric: measure, alpha, score, center, width }
      : { metric: measure, score, center, width };
  }
  if (measure === "cka") {
    // the keys it always printed, then the kernel options where they are not the defaults
    const extra = ECHO.cka!(o as ResolvedOptions);
    if (extra.kernel === "linear") delete extra.kernel;
    if (extra.debiased === false) delete extra.debiased;
    return { metric: measure, score: "angular", center: o.center, width: "pair", ...extra };
  }
  return { metric: measure, ...o };
}

function summary(r: MeasureMatrix, values: Record<string, unknown>): CommandOutput {
  const out = values.out as string | undefined;
  const K = r.matrix.rows;
  const json: Record<string, unknown> = {
    networks: K,
    ...reported(r.measure, r.options),
    // similarity-only measures: the matrix holds similarities (absent for distances)
    ...(r.value === "similarity" ? { value: "similarity" } : {}),
    labels: r.labels,
  };
  if (r.info.some((x) => x !== null)) json.info = r.info;
  const files: [string, Matrix][] = [];
  if (out !== undefined) {
    files.push([out, r.matrix]);
    json.out = out;
    if (r.test) {
      const t = testOutPath(values, out);
      files.push([t, r.test]);
      json.test_out = t;
    }
  }
  if (K <= MAX_INLINE) {
    json.matrix = toRows(r.matrix);
    if (r.test) json.test_matrix = toRows(r.test);
  }
  return commandOutput({
    json,
    result: r,
    write: () => files.forEach(([path, M]) => writeNpy(path, M)),
  });
}

const pairwise: Command = {
  name: "pairwise",
  outputFormats: (values) => ({
    out: matrixOrShard(values),
    "test-out": [".npy"],
    "se-out": [".npy"],
  }),
  figure: true,
  summary: "distance matrix over many networks (workers, held-out rows, cluster shards)",
  help: `Usage: deno task cli pairwise F1.npy F2.npy … [--measure NAME] [measure options]
       [--alpha A] [--score angular|euclidean] [--no-center] [--no-pad] [--width pair|common]
       [--train-rows a:b --test-rows c:d] [--workers N] [--shard k/n] [--out D.npy]
       [--test-out T.npy] [--progress]

Each file holds one network's responses to the same stimuli, [stimuli, units] (or the input of
the chosen measure: [stimuli, trials, units] for stochastic-gaussian/-energy, [conditions,
trials, time, units] for stochastic-process, [images, height, width, channels] for
conv-linear, time series for dsa). Computes the K×K matrix of distances of any
measure (zero diagonal; symmetric, except for asymmetric measures such as cknna and linreg-r2,
whose entry (i, j) is the measure from network i to network j, both orders computed):
per-network work once per network, pairs
in parallel on N workers (default: all cores, or 1 when the job is too small to repay starting
workers). Results do not depend on N. Measures that only give a similarity (mutual-knn, cknna,
svcca, dcor, … see \`measures\`) give the matrix of similarities instead, with each network's
self-similarity on the diagonal, and the JSON says "value": "similarity".

Prints JSON {"networks", "metric", "alpha", "score", "center", "width", "labels", "out",
"matrix" (when K ≤ ${MAX_INLINE})}; with --test-rows also "test_out" and "test_matrix"
(held-out distances, fitted on the training rows).

Options:
  --measure M       any measure or alias of \`deno task cli measures\` (default linear; --metric is
                    the same option): linear, procrustes, cca, permutation, cka, rbf-cka, …, dsa
  --alpha A         α of the linear family (default 1); --score, --no-center, --no-pad as compare
  --width W         pair (default): pad each pair to its wider network; common: all to the widest
  --train-rows a:b  rows to fit on (Python slice); --test-rows c:d held-out rows
  --workers N       worker threads (default ${navigator.hardwareConcurrency} here, 1 for small jobs); 1 = no workers
  --out D.npy       write the matrix (.npy float64); --test-out T.npy the held-out matrix
                    (default: D.test.npy)
  --shard k/n       compute only shard k of n (k = 0…n−1: a contiguous range of the row-major pair
                    list) and write it atomically as fingerprinted JSON to --out; assemble with
                    \`pairwise-merge\`
  …                 the chosen measure's options (see \`measures\`); another measure's flag is bad
                    usage (exit 2)
  --progress        progress on stderr even when it is not a terminal
  --bootstrap N     also the bootstrap SE of every entry (the same stimulus draw for every
                    network, N draws, --seed S): "se_matrix" (K ≤ ${MAX_INLINE}), --se-out SE.npy;
                    with --figure, the SE heatmap beside the distances and "d ± se" hover titles
                    stimuli drawn as half-samples without replacement (--scheme subsample, the
                    default; --subsample-size M) or with replacement (--scheme replacement)
${DRIVEN_HELP}
${STREAM_HELP}
                       (one pass over every file in step; prints "streamed": true);
                       with --test-rows (linear family) a second over the held-out rows;
                       with --shard only that shard's pairs, reading only their files
${INPUT_HELP}

Clusters: run one shard per array task, then merge, e.g. SLURM
  #SBATCH --array=0-63
  deno task cli pairwise nets/*.npy --alpha 0.5 --workers $SLURM_CPUS_PER_TASK \\
    --shard $SLURM_ARRAY_TASK_ID/64 --out parts/$SLURM_ARRAY_TASK_ID.json
  deno task cli pairwise-merge parts/*.json --out D.npy
or a Kubernetes Indexed Job (completionMode: Indexed, completions: 64) with
  --shard $JOB_COMPLETION_INDEX/64. Merged shards equal the single-process matrix exactly.`,
  options: {
    ...measureFlagSpec(),
    measure: { type: "string" },
    metric: { type: "string" },
    "train-rows": { type: "string" },
    "test-rows": { type: "string" },
    width: { type: "string" },
    workers: { type: "string" },
    shard: { type: "string" },
    out: { type: "string" },
    "test-out": { type: "string" },
    progress: { type: "boolean" },
    "se-out": { type: "string" },
    ...STREAM_OPTIONS,
    ...INPUT_OPTIONS,
    ...DRIVEN_OPTIONS,
    ...INFERENCE_OPTIONS,
  },
  positionals: { min: 1, max: Infinity },
  async run({ values, positionals }) {
    const { name, measure } = chosenMeasure(values, "linear");
    for (const flag of ["permutations", "ci", "interval", "resample"]) {
      if (values[flag] !== undefined) {
        throw new UsageError(
          `--${flag} does not apply to pairwise (it takes --bootstrap N --seed S [--scheme S --subsample-size M])`,
        );
      }
    }
    const { flags, rest } = inferenceFlags(values, measure);
    const given = flagOptions(measure, rest, name);
    if (
      flags.bootstrap !== undefined &&
      (values.shard !== undefined || values["test-rows"] !== undefined ||
        values["train-rows"] !== undefined)
    ) {
      throw new UsageError(
        "--bootstrap resamples every stimulus of the whole matrix: give it without --shard, --train-rows or --test-rows",
      );
    }
    if (values["se-out"] !== undefined && flags.bootstrap === undefined) {
      throw new UsageError("--se-out needs --bootstrap");
    }
    if (values.width !== undefined && !measure.padded) {
      throw new UsageError(`--width does not apply to measure ${name} (it does not pad)`);
    }
    const width = choiceOption(values, "width", ["pair", "common"] as const, "pair");
    const workers = integerOption(values, "workers");
    if (workers !== undefined && workers < 1) {
      throw new UsageError(`--workers must be >= 1: got ${workers}`);
    }
    if (values["test-out"] !== undefined && values["test-rows"] === undefined) {
      throw new UsageError(
        "--test-out needs --test-rows (there is no held-out matrix without them)",
      );
    }
    const rowsGiven = values["train-rows"] !== undefined || values["test-rows"] !== undefined;
    if (rowsGiven && (!measure.heldOut || measure.input !== "responses")) {
      throw new UsageError(`--train-rows/--test-rows are not supported with --measure ${name}`);
    }
    const context = "Cannot compute pairwise distances";
    if (values.stream && flags.bootstrap !== undefined) {
      throw new UsageError(
        "--stream cannot be combined with --bootstrap (resampling needs the rows in memory)",
      );
    }
    if (flags.bootstrap === undefined && measure.input === "responses") {
      const streamed = await pairwiseStreaming(
        values,
        measure.name,
        resolveOptions(name, given, context).options,
        width,
        positionals,
        inputKeys(values, positionals),
      );
      if (streamed !== null && "shard" in streamed) {
        const part = streamed.shard, out = values.out as string;
        return commandOutput({
          json: {
            shard: `${part.shard.index}/${part.shard.count}`,
            pairs: part.entries.length,
            out,
            streamed: true,
          },
          result: null,
          noFigure: "needs the complete matrix: run without --shard, or draw the merged matrix",
          write: () => writeShard(out, part),
        });
      }
      if (streamed !== null) {
        const labels = positionals.map(inputLabel);
        const r = tagResult("pairwiseDistances", {
          matrix: streamed.matrix,
          test: streamed.test,
          labels,
          columnLabels: labels,
          measure: measure.name,
          options: streamed.options,
          value: "distance" as const,
          info: labels.map(() => null),
        });
        const res = summary(r, values);
        res.json.streamed = true;
        return res;
      }
    }
    const names = positionals.map((_, i) => `networks[${i}]`);
    const sameRows = (nets: Matrix[]) => {
      for (const [i, M] of nets.entries()) {
        if (M.rows !== nets[0]!.rows) {
          throw new TypeError(
            `${context}: every network must have the same stimuli (rows): ${
              positionals[0]
            } has shape [${nets[0]!.rows}, ${nets[0]!.cols}] but ${
              positionals[i]
            } has [${M.rows}, ${M.cols}]`,
          );
        }
      }
    };
    let inputs = await readMeasureInputs(
      measure,
      values,
      positionals,
      names,
      context,
      sameRows,
      positionals,
    );
    let test: Matrix[] | undefined;
    if (measure.input === "responses") {
      const nets = inputs as Matrix[];
      const split = rowRanges(values, nets[0]!.rows);
      if (split.test) test = nets.map((M) => selectRows(M, split.test!));
      inputs = nets.map((M) => selectRows(M, split.train));
    }
    const opts = {
      measure: name,
      ...given,
      ...(measure.padded ? { width } : {}),
      workers,
      labels: positionals.map(inputLabel),
      test,
      onProgress: progressWriter(!!values.progress),
    };
    if (values.shard !== undefined) {
      const out = values.out as string | undefined;
      if (out === undefined) throw new UsageError("--shard needs --out for the partial result");
      let part;
      try {
        part = await matrixShard(inputs, values.shard as string, opts);
      } catch (e) {
        if ((e as Error).message.startsWith("Invalid shard")) {
          throw new UsageError((e as Error).message);
        }
        throw e;
      }
      return commandOutput({
        json: { shard: `${part.shard.index}/${part.shard.count}`, pairs: part.entries.length, out },
        result: null,
        noFigure: "needs the complete matrix: run without --shard, or draw the merged matrix",
        write: () => writeShard(out, part),
      });
    }
    const matrix = await pairwiseMatrix(inputs, opts);
    const res = summary(matrix, values);
    const json = res.json;
    if (flags.bootstrap !== undefined) {
      const b = await bootstrapMatrix(name, inputs, {
        ...given,
        ...(measure.padded ? { width } : {}),
        samples: flags.bootstrap,
        seed: flags.seed,
        scheme: flags.scheme,
        ...(flags.subsampleSize !== undefined ? { subsampleSize: flags.subsampleSize } : {}),
        ...(workers !== undefined ? { workers } : {}),
      });
      Object.assign(json, {
        bootstrap_samples: b.samples,
        seed: b.seed,
        scheme: b.scheme,
        ...(b.subsampleSize !== undefined ? { subsample_size: b.subsampleSize } : {}),
      });
      // --figure draws the distances with "d ± se" hover titles and the SE heatmap beside
      res.result = withBootstrapSe(matrix, b);
      const seOut = values["se-out"] as string | undefined;
      if (seOut !== undefined) {
        const writeMatrices = res.write;
        res.write = () => {
          writeMatrices?.();
          writeNpy(seOut, b.se);
        };
        json.se_out = seOut;
      }
      if (b.se.rows <= MAX_INLINE) json.se_matrix = toRows(b.se);
    }
    return res;
  },
};

const merge: Command = {
  name: "pairwise-merge",
  outputFormats: () => ({ out: [".npy"], "test-out": [".npy"] }),
  figure: true,
  summary: "assemble the shards written by `pairwise --shard` into the distance matrix",
  help:
    `Usage: deno task cli pairwise-merge PART1.json PART2.json … [--out D.npy] [--test-out T.npy]

Merges the shards of any matrix command (\`pairwise --shard\`, \`dsa-pairwise --shard\`). Verifies
before writing anything: the format, the same fingerprint (inputs, measure, options, shard
count), every shard index once, every pair exactly once and inside its shard's range, finite
values (≥ 0 for distances), entries unchanged since they were written (checksum); otherwise
exits 1 naming the shard file and the problem. Then writes the matrix (and the held-out matrix
when the shards have one) and prints the same JSON summary as \`pairwise\`.`,
  options: { out: { type: "string" }, "test-out": { type: "string" } },
  positionals: { min: 1, max: Infinity },
  run({ values, positionals }) {
    return summary(mergeMatrixShards(readShards(positionals), positionals), values);
  },
};

const mds: Command = {
  name: "mds",
  figure: true,
  summary: "classical MDS of a distance matrix (with its non-Euclidean share)",
  help: `Usage: deno task cli mds D.npy [--dims 2]

Prints JSON {"coordinates" [K × dims], "eigenvalues" (all, descending), "negative_mass"
(share of |eigenvalues| that is negative: 0 for a Euclidean matrix), "explained"}.

${INPUT_HELP}`,
  options: { dims: { type: "string" }, ...INPUT_OPTIONS },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const D = (await readInput(positionals[0]!, "D", (values.key as string[] | undefined)?.[0]))
      .matrix;
    const r = classicalMDS(D, {
      dims: integerOption(values, "dims", 2),
    });
    return commandOutput({
      json: {
        coordinates: toRows(r.coordinates),
        eigenvalues: r.eigenvalues,
        negative_mass: r.negativeMass,
        explained: r.explained,
      },
      result: r,
    });
  },
};

const kmeans: Command = {
  name: "procrustes-kmeans",
  figure: true,
  summary: "cluster networks around k Procrustes barycenters (k-means++ seeding, restarts)",
  help: `Usage: deno task cli procrustes-kmeans F1.npy F2.npy … --k K [--alpha A] [--seed S]
       [--restarts R] [--max-iter N] [--no-center]

Each file holds one network's responses to the same stimuli, [stimuli, units] (widths may
differ: networks are zero-padded to the widest). Lloyd iterations: each network goes to the
nearest barycenter by the euclidean linear shape distance at α (α = 1 Procrustes), then each
cluster's barycenter is recomputed (warm-started); k-means++ seeding from --seed, and the
restart with the lowest inertia (within-cluster sum of squared distances) is kept.

Prints JSON {"networks", "k", "alpha", "seed", "restarts", "labels" (cluster of each file,
numbered by first appearance), "names", "clusters" (file names per cluster), "sizes",
"inertia", "inertia_history", "iterations", "converged", "restart_inertia", "distances"
(each network to each barycenter)}.

Options:
  --k K            number of clusters, 1 ≤ K ≤ number of files (required)
  --alpha A        α of the linear metric (default 1: Procrustes; 0: CCA, on whitened networks)
  --seed S         seed of the k-means++ seeding (default 0)
  --restarts R     independent seedings, the best kept (default 10)
  --max-iter N     most Lloyd iterations per restart (default 100)
  --no-center      do not centre columns
${INPUT_HELP}`,
  options: {
    k: { type: "string" },
    alpha: { type: "string" },
    seed: { type: "string" },
    restarts: { type: "string" },
    "max-iter": { type: "string" },
    "no-center": { type: "boolean" },
    ...INPUT_OPTIONS,
  },
  positionals: { min: 1, max: Infinity },
  async run({ values, positionals }) {
    const k = integerOption(values, "k");
    if (k === undefined) throw new UsageError("--k is required (the number of clusters)");
    flagInRange("k", k, 1, positionals.length);
    const alpha = flagInRange("alpha", numberOption(values, "alpha", 1), 0, 1);
    const seed = seedOption(values);
    const restarts = flagInRange("restarts", integerOption(values, "restarts", 10), 1);
    const maxIter = flagInRange("max-iter", integerOption(values, "max-iter", 100), 1);
    const context = "Cannot run Procrustes k-means";
    const names = positionals.map((_, i) => `networks[${i}]`);
    const sets = await readInputs(values, positionals, names);
    checkSameRows(sets, positionals, context);
    const labels = positionals.map(inputLabel);
    const r = procrustesKMeans(sets.map((d) => d.matrix), k, {
      alpha,
      seed,
      restarts,
      maxIter,
      center: !values["no-center"],
      labels,
    });
    return commandOutput({
      json: {
        networks: positionals.length,
        k,
        alpha,
        seed,
        restarts,
        labels: r.labels,
        names: labels,
        clusters: r.sizes.map((_, c) => labels.filter((_, i) => r.labels[i] === c)),
        sizes: r.sizes,
        inertia: r.inertia,
        inertia_history: r.inertiaHistory,
        iterations: r.iterations,
        converged: r.converged,
        restart_inertia: r.restartInertia,
        distances: toRows(r.distances),
      },
      result: r,
    });
  },
};

/** `pairwise`, `pairwise-merge`, `mds`, `procrustes-kmeans`. */
export const multisetCommands: Command[] = [pairwise, merge, mds, kmeans];
