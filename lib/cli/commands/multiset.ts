/**
 * Many-network subcommands: `pairwise` (a distance matrix, or one shard of it),
 * `pairwise-merge` (assemble shards) and `mds` (classical MDS of a matrix).
 * Progress goes to stderr when it is a terminal (or with `--progress`).
 *
 * @module
 */

import { choiceOption, type Command, integerOption, UsageError } from "../command.ts";
import { checkSameRows, INPUT_HELP, INPUT_OPTIONS, readInput, readInputs } from "../inputs.ts";
import { writeNpy } from "../../io/npy.ts";
import { toRows } from "../../linalg/matrix.ts";
import { METRIC_OPTIONS, metricOptions, rowRanges, selectRows } from "./metric_options.ts";
import { classicalMDS } from "../../multiset/mds.ts";
import {
  type DistanceMatrix,
  mergeShards,
  pairwiseDistances,
  pairwiseShard,
} from "../../multiset/pairwise.ts";
import type { DistanceShard } from "../../multiset/shard.ts";
import type { DistanceProgress } from "../../multiset/workers.ts";

/** Largest K for which the JSON summary includes the matrix itself. */
const MAX_INLINE = 100;

function basename(path: string): string {
  return path.replace(/^.*[\\/]/, "").replace(
    /\.(npy|npz|csv|tsv|arrows?|feather|parquet|h5|hdf5|nwb)$/i,
    "",
  );
}

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

function summary(r: DistanceMatrix, values: Record<string, unknown>) {
  const out = values.out as string | undefined;
  const K = r.matrix.rows;
  const res: Record<string, unknown> = { networks: K, ...r.options, labels: r.labels };
  if (r.options.metric !== "linear") delete res.alpha;
  if (out !== undefined) {
    writeNpy(out, r.matrix);
    res.out = out;
    if (r.test) {
      const t = testOutPath(values, out);
      writeNpy(t, r.test);
      res.test_out = t;
    }
  }
  if (K <= MAX_INLINE) {
    res.matrix = toRows(r.matrix);
    if (r.test) res.test_matrix = toRows(r.test);
  }
  return res;
}

const pairwise: Command = {
  name: "pairwise",
  summary: "distance matrix over many networks (workers, held-out rows, cluster shards)",
  help: `Usage: deno task cli pairwise F1.npy F2.npy … [--metric linear|permutation|cka]
       [--alpha A] [--score angular|euclidean] [--no-center] [--no-pad] [--width pair|common]
       [--train-rows a:b --test-rows c:d] [--workers N] [--shard k/n] [--out D.npy]
       [--test-out T.npy] [--progress]

Each file holds one network's responses to the same stimuli, [stimuli, units]. Computes the
K×K matrix of distances (symmetric, zero diagonal): per-network work once per network, pairs
in parallel on N workers (default: all cores, or 1 when the job is too small to repay starting
workers). Results do not depend on N.

Prints JSON {"networks", "metric", "alpha", "score", "center", "width", "labels", "out",
"matrix" (when K ≤ ${MAX_INLINE})}; with --test-rows also "test_out" and "test_matrix"
(held-out distances, fitted on the training rows).

Options:
  --metric M        linear (default), permutation, or cka (arccos of linear CKA)
  --alpha A         α of the linear family (default 1); --score, --no-center, --no-pad as compare
  --width W         pair (default): pad each pair to its wider network; common: all to the widest
  --train-rows a:b  rows to fit on (Python slice); --test-rows c:d held-out rows
  --workers N       worker threads (default ${navigator.hardwareConcurrency} here, 1 for small jobs); 1 = no workers
  --out D.npy       write the matrix (.npy float64); --test-out T.npy the held-out matrix
                    (default: D.test.npy)
  --shard k/n       compute only shard k of n (k = 0…n−1) of the row-major pair list and write a
                    partial result (JSON) to --out; assemble with \`pairwise-merge\`
  --progress        progress on stderr even when it is not a terminal
${INPUT_HELP}

Clusters: run one shard per array task, then merge, e.g. SLURM
  #SBATCH --array=0-63
  deno task cli pairwise nets/*.npy --alpha 0.5 --workers $SLURM_CPUS_PER_TASK \\
    --shard $SLURM_ARRAY_TASK_ID/64 --out parts/$SLURM_ARRAY_TASK_ID.json
  deno task cli pairwise-merge parts/*.json --out D.npy
or a Kubernetes Indexed Job (completionMode: Indexed, completions: 64) with
  --shard $JOB_COMPLETION_INDEX/64. Merged shards equal the single-process matrix exactly.`,
  options: {
    ...METRIC_OPTIONS,
    width: { type: "string" },
    workers: { type: "string" },
    shard: { type: "string" },
    out: { type: "string" },
    "test-out": { type: "string" },
    progress: { type: "boolean" },
    ...INPUT_OPTIONS,
  },
  positionals: { min: 1, max: Infinity },
  async run({ values, positionals }) {
    const metric = choiceOption(
      values,
      "metric",
      ["linear", "permutation", "cka"] as const,
      "linear",
    );
    const width = choiceOption(values, "width", ["pair", "common"] as const, "pair");
    const workers = integerOption(values, "workers");
    if (workers !== undefined && workers < 1) {
      throw new UsageError(`--workers must be >= 1: got ${workers}`);
    }
    const sets = await readInputs(values, positionals, "networks");
    for (const [i, ds] of sets.entries()) {
      if (ds.matrix.rows !== sets[0]!.matrix.rows) {
        throw new TypeError(
          `Cannot compute pairwise distances: every network must have the same stimuli (rows): ${
            positionals[0]
          } has shape [${sets[0]!.matrix.rows}, ${sets[0]!.matrix.cols}] but ${
            positionals[i]
          } has [${ds.matrix.rows}, ${ds.matrix.cols}]`,
        );
      }
    }
    checkSameRows(sets, positionals, "Cannot compute pairwise distances");
    const nets = sets.map((ds) => ds.matrix);
    const { train, test } = rowRanges(values, nets[0]!.rows);
    const slice = selectRows;
    const opts = {
      metric,
      width,
      workers,
      ...metricOptions(values),
      labels: positionals.map(basename),
      test: test ? nets.map((M) => slice(M, test)) : undefined,
      onProgress: progressWriter(!!values.progress),
    };
    const trainNets = nets.map((M) => slice(M, train));
    if (values.shard !== undefined) {
      const out = values.out as string | undefined;
      if (out === undefined) throw new UsageError("--shard needs --out for the partial result");
      let part: DistanceShard;
      try {
        part = await pairwiseShard(trainNets, values.shard as string, opts);
      } catch (e) {
        if ((e as Error).message.startsWith("Invalid shard")) {
          throw new UsageError((e as Error).message);
        }
        throw e;
      }
      Deno.writeTextFileSync(out, JSON.stringify(part));
      return { shard: `${part.shard.index}/${part.shard.count}`, pairs: part.entries.length, out };
    }
    return summary(await pairwiseDistances(trainNets, opts), values);
  },
};

const merge: Command = {
  name: "pairwise-merge",
  summary: "assemble the shards written by `pairwise --shard` into the distance matrix",
  help:
    `Usage: deno task cli pairwise-merge PART1.json PART2.json … [--out D.npy] [--test-out T.npy]

Checks that the parts come from the same inputs and options and cover every pair once, then
writes the matrix (and the held-out matrix when the shards have one) and prints the same JSON
summary as \`pairwise\`.`,
  options: { out: { type: "string" }, "test-out": { type: "string" } },
  positionals: { min: 1, max: Infinity },
  run({ values, positionals }) {
    const parts = positionals.map((p) => {
      try {
        return JSON.parse(Deno.readTextFileSync(p)) as DistanceShard;
      } catch (e) {
        throw new TypeError(`Cannot merge shards: cannot read ${p}: ${(e as Error).message}`);
      }
    });
    return summary(mergeShards(parts), values);
  },
};

const mds: Command = {
  name: "mds",
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
    return {
      coordinates: toRows(r.coordinates),
      eigenvalues: r.eigenvalues,
      negative_mass: r.negativeMass,
      explained: r.explained,
    };
  },
};

/** `pairwise`, `pairwise-merge`, `mds`. */
export const multisetCommands: Command[] = [pairwise, merge, mds];
