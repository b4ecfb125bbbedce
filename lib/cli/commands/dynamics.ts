/**
 * CLI subcommands of the dynamics area: `dmd`, `dsa`, `dsa-pairwise`.
 *
 * @module
 */

import {
  choiceOption,
  type Command,
  commandOutput,
  integerOption,
  notice,
  numberOption,
  type OptionValue,
  seedOption,
  UsageError,
} from "../command.ts";
import { writeNpy } from "../../io/mod.ts";
import { INPUT_HELP, INPUT_OPTIONS, inputKeys, readInputTensor } from "../inputs.ts";
import type { ShapedArray } from "../../dynamics/data.ts";
import { type DmdOptions, fitDmd, roundingRankWarning } from "../../dynamics/dmd.ts";
import { type DsaScore, dsaScore } from "../../dynamics/dsa.ts";
import { matrixShard, pairwiseMatrix } from "../../pairwise/engine.ts";
import { writeShard } from "../../pairwise/shard.ts";
import { getMeasure } from "../../measures/all.ts";
import {
  DSA_SEARCH_FLAGS,
  DSA_SEARCH_ONLY,
  flagOptions,
  measureFlagSpec,
} from "./measure_flags.ts";
import { resolveOptions } from "../../measures/registry.ts";
import type { OptionValue as MeasureValue } from "../../measures/types.ts";
import { dmdSweepCommand } from "./dmd_sweep.ts";
import { matrixOrShard } from "../outputs.ts";

const SCORES = ["angular", "euclidean", "wasserstein"] as const;

const dmdOptionSpec = {
  "n-delays": { type: "string" },
  "delay-interval": { type: "string" },
  rank: { type: "string" },
  "rank-threshold": { type: "string" },
  "explained-variance": { type: "string" },
  ridge: { type: "string" },
  center: { type: "boolean" },
  scale: { type: "boolean" },
  ...INPUT_OPTIONS,
} as const;

const dmdHelp = `  --n-delays D            number of delays (default 1)
  --delay-interval K      samples between delays (default 1)
  --rank R                DMD rank, clipped to dims·D (default: all)
  --rank-threshold S      keep singular values > S (instead of --rank)
  --explained-variance F  smallest rank reaching this fraction of Σσ² (instead of --rank)
  --ridge L               ridge penalty of the regression (default 1e-8)
  --center, --scale       standardise each dimension first (default off)`;

async function readSeries(path: string, name: string, key?: string): Promise<ShapedArray> {
  const t = await readInputTensor(path, name, key);
  if (t.shape.length !== 2 && t.shape.length !== 3) {
    throw new TypeError(
      `Cannot read time series ${path}: expected 2 axes [time, dims] or 3 axes [trials, time, dims]: got shape [${
        t.shape.join(", ")
      }]`,
    );
  }
  return t;
}

function dmdOptions(values: Record<string, OptionValue>): DmdOptions {
  const out: DmdOptions = {
    nDelays: integerOption(values, "n-delays", 1),
    delayInterval: integerOption(values, "delay-interval", 1),
    ridge: numberOption(values, "ridge", 1e-8),
    center: values.center === true,
    scale: values.scale === true,
  };
  const rank = integerOption(values, "rank");
  const threshold = numberOption(values, "rank-threshold");
  const variance = numberOption(values, "explained-variance");
  if ([rank, threshold, variance].filter((v) => v !== undefined).length > 1) {
    throw new UsageError("give at most one of --rank, --rank-threshold, --explained-variance");
  }
  if (rank !== undefined) out.rank = rank;
  if (threshold !== undefined) out.rankThreshold = threshold;
  if (variance !== undefined) out.explainedVariance = variance;
  return out;
}

const pairs = (re: ArrayLike<number>, im: ArrayLike<number>) =>
  Array.from(re, (r, i) => [r, im[i]!]);

const dmdCommand: Command = {
  name: "dmd",
  figure: true,
  summary: "fit HAVOK DMD to a time series and print its eigenvalues",
  help: `Usage: deno task cli dmd X.npy [--n-delays D] [--rank R] [--delay-interval K] [--ridge L]

X is [time, dims] or [trials, time, dims]. Fits HAVOK DMD (delay embedding with the newest
sample first, SVD, ridge regression in V-coordinates) and prints JSON:
{"eigenvalues": [[re, im], …], "rank", "nDelays", "delayInterval", "ridge", "singularValues"}.

Options:
${dmdHelp}
${INPUT_HELP}`,
  options: dmdOptionSpec,
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const [key] = inputKeys(values, positionals);
    const fit = fitDmd(await readSeries(positionals[0]!, "X", key), dmdOptions(values));
    if (fit.warning !== undefined) notice(fit.warning);
    return commandOutput({
      json: {
        eigenvalues: pairs(fit.eigenvalues.re, fit.eigenvalues.im),
        rank: fit.rank,
        nDelays: fit.nDelays,
        delayInterval: fit.delayInterval,
        ridge: fit.ridge,
        singularValues: Array.from(fit.singularValues),
      },
      result: fit,
    });
  },
};

/** The same kind of error with another message (which adds the file it came from). */
function withMessage(e: unknown, message: (old: string) => string): unknown {
  if (!(e instanceof Error) || e instanceof UsageError) return e;
  const Ctor = e instanceof RangeError ? RangeError : e instanceof TypeError ? TypeError : Error;
  return new Ctor(message(e.message));
}

/**
 * Directions at rounding level are kept as the reference keeps them, but their eigenvalues come
 * from rounding, not data: say so on stderr.
 */
function roundingRankNotice(which: string, rank: number, numerical: number): void {
  notice(`${which}${roundingRankWarning(rank, numerical)}`);
}

const searchSpec = {
  score: { type: "string" },
  seed: { type: "string" },
  "max-starts": { type: "string" },
  "min-random-starts": { type: "string" },
  screen: { type: "string" },
  "gate-iterations": { type: "string" },
  "gate-margin": { type: "string" },
  "explore-value-rel": { type: "string" },
  pad: { type: "boolean" },
} as const;

const dsaFlags = Object.fromEntries(
  Object.entries(measureFlagSpec()).filter(([flag]) =>
    getMeasure("dsa").measure.options.some((o) => o.flag === flag)
  ),
);

/**
 * The dsa measure's search flags beyond those above (`--max-total-iterations`, `--agree`, …):
 * `dsa` takes them with the names, checks and meaning of `compare --measure dsa`.
 */
const measureSearchSpec = Object.fromEntries(
  Object.entries(dsaFlags).filter(([flag]) => !(flag in dmdOptionSpec) && !(flag in searchSpec)),
);

const searchHelp = `  --score S               angular (default), euclidean or wasserstein
  --seed s                seed of the random restarts (default 0)
  --max-starts N          most optimisation starts (default: the structured starts + 5 × the
                          fewest random starts)
  --min-random-starts N   fewest random starts before stopping on evidence (default ⌈4 + n/2⌉)
  --screen N              screen the N most promising starts first (default 1; 10 searches harder)
  --gate-iterations N     give up a later start after N iterations unless it beats the best so
                          far (default 80 when n > 16, else 0 = off)
  --gate-margin M         relative margin of that gate (default 0)
  --explore-value-rel E   value tolerance of exploring starts; the best is polished to 1e-8
                          (default 1e-5 when n > 16)
  --pad                   zero-pad operators of different sizes (else an error)
  --screen-iterations N   iterations per screened start (default 30 when n ≤ 16, else 100)
  --max-total-iterations N  iteration budget over all starts (default: max(min(⌈20000/n⌉,
                          500), min(200 × max starts, ⌈2·10⁹/n⁴⌉)) plus the screening
                          iterations); the final polish of the best start (n > 16) runs after
                          it, and "iterations" counts both
  --agree N               structured starts give way to random ones once N reached the best
                          value (default 2)
  --agree-tolerance T     relative tolerance for two starts to agree (default 1e-7)
  --max-iterations N      iteration cap per start (default 1000)
  --memory N              L-BFGS memory (default 10; 5 when n > 16)
  --grad-rel G            relative gradient stopping tolerance (default 1e-8)
  --grad-abs G            absolute gradient floor (default 1e-14)
  --value-rel V           relative objective-decrease stopping tolerance (default 1e-8)`;

function searchOptions(values: Record<string, OptionValue>) {
  const out: Record<string, MeasureValue> & {
    score: DsaScore;
    seed: number;
    pad: boolean;
    maxStarts?: number;
    minRandomStarts?: number;
    screen?: number;
    gateIterations?: number;
    gateMargin?: number;
    exploreValueRel?: number;
  } = {
    score: choiceOption(values, "score", SCORES, "angular"),
    seed: seedOption(values),
    pad: values.pad === true,
  };
  if (out.score === "wasserstein") {
    // the Wasserstein score compares eigenvalues: there is no search for these flags to tune
    // (--seed is not among them: scripts pass it to every command that draws anything)
    for (const flag of DSA_SEARCH_FLAGS) {
      if (values[flag] === undefined) continue;
      throw new UsageError(
        `--${flag} ${
          values[flag]
        } has no effect with --score wasserstein: it applies only to ${DSA_SEARCH_ONLY}`,
      );
    }
  }
  const maxStarts = integerOption(values, "max-starts");
  if (maxStarts !== undefined) out.maxStarts = maxStarts;
  const minRandomStarts = integerOption(values, "min-random-starts");
  if (minRandomStarts !== undefined) out.minRandomStarts = minRandomStarts;
  const screen = integerOption(values, "screen");
  if (screen !== undefined) out.screen = screen;
  const gate = integerOption(values, "gate-iterations");
  if (gate !== undefined) {
    if (gate < 0) throw new UsageError(`--gate-iterations must be ≥ 0: got ${gate}`);
    out.gateIterations = gate;
  }
  for (
    const [flag, key] of [["gate-margin", "gateMargin"], [
      "explore-value-rel",
      "exploreValueRel",
    ]] as const
  ) {
    const v = numberOption(values, flag);
    if (v === undefined) continue;
    if (!(v >= 0)) throw new UsageError(`--${flag} must be ≥ 0: got ${v}`);
    out[key] = v;
  }
  // the measure's own parsing and ranges, as `compare --measure dsa` checks them
  const extra: Record<string, OptionValue> = {};
  for (const flag of Object.keys(measureSearchSpec)) {
    if (values[flag] !== undefined) extra[flag] = values[flag];
  }
  const given = flagOptions(getMeasure("dsa").measure, extra);
  resolveOptions("dsa", given, "Cannot compute DSA");
  return Object.assign(out, given);
}

const dsaCommand: Command = {
  name: "dsa",
  summary: "Dynamical Similarity Analysis between two time series",
  help:
    `Usage: deno task cli dsa X.npy Y.npy [--n-delays D] [--rank R] [--ridge L] [--score angular|euclidean|wasserstein] [--seed s]

Fits HAVOK DMD to each series (same options) and compares the operators: the similarity-transform
distance over all of O(n) (angular in radians, or euclidean), or the Wasserstein eigenvalue score.
Prints JSON {"distance", "score", "ranks", …; for angular/euclidean also "lowerBound", "starts",
"startsAtBest", "iterations", "stopReason" (lower-bound, evidence, budget or max-starts),
"startsByFamily" and "atBestByFamily" ({structured, random}), "startsGated"}.

Options:
${dmdHelp}
${searchHelp}
${INPUT_HELP}`,
  options: { ...dmdOptionSpec, ...searchSpec, ...measureSearchSpec },
  positionals: { min: 2, max: 2 },
  async run({ values, positionals }) {
    const [kx, ky] = inputKeys(values, positionals);
    const X = await readSeries(positionals[0]!, "X", kx),
      Y = await readSeries(positionals[1]!, "Y", ky);
    const dmd = dmdOptions(values), search = searchOptions(values);
    // fitted one at a time (as `dsa` does) so that an error names the file it came from
    const fit = (series: ShapedArray, k: 0 | 1) => {
      try {
        return fitDmd(series, dmd);
      } catch (e) {
        throw withMessage(e, (m) => `${m} (in \`${k === 0 ? "X" : "Y"}\`, ${positionals[k]})`);
      }
    };
    const fits = [fit(X, 0), fit(Y, 1)] as const;
    const r = dsaScore(fits[0], fits[1], search);
    // each fit's warning: directions at rounding level, or fewer transitions than the rank
    fits.forEach((f, k) => {
      if (f.warning !== undefined) notice(`${k === 0 ? "X" : "Y"}: ${f.warning}`);
    });
    const s = r.similarity;
    return {
      distance: r.distance,
      score: r.score,
      ranks: r.ranks,
      ...(s
        ? {
          angular: s.angular,
          euclidean: s.euclidean,
          lowerBound: s.lowerBound,
          determinant: s.determinant,
          starts: s.starts,
          startsAtBest: s.startsAtBest,
          iterations: s.iterations,
          stopReason: s.stopReason,
          startsByFamily: s.startsByFamily,
          atBestByFamily: s.atBestByFamily,
          startsGated: s.startsGated,
        }
        : {}),
    };
  },
};

const pairwiseCommand: Command = {
  name: "dsa-pairwise",
  outputFormats: (values) => ({ out: matrixOrShard(values) }),
  figure: true,
  summary: "DSA distance matrix among many time series (= pairwise --measure dsa)",
  help:
    `Usage: deno task cli dsa-pairwise F1.npy F2.npy … --out D.npy [--n-delays D] [--rank R] [--ridge L] [--score S] [--workers N] [--shard k/n]

The pairwise engine with the dsa measure (\`pairwise --measure dsa\`), with this command's
options and output. Fits one HAVOK DMD per file and scores every pair; writes the K×K float64
matrix to --out (symmetric, zero diagonal). With --shard k/n (k in 0…n−1) it computes only a
contiguous range of the row-major pair list and writes it to --out as the one shard format
(fingerprinted JSON, written atomically), to merge with \`pairwise-merge\`.
Prints a JSON summary {"out", "systems", "pairs", "shard", "score", "ranks", "seconds"} with
"matrix" (rows of numbers, NaN as null for pairs another shard computes) when K ≤ 100.

Options:
${dmdHelp}
${searchHelp}
  --workers N             parallel workers (default: all cores, 1 for small jobs; results do
                          not depend on it)
  --shard k/n             compute shard k of n, k in 0…n−1, as a JSON part
  --out FILE              output file (required): D.npy, or the part's JSON with --shard
${INPUT_HELP}`,
  options: {
    ...dmdOptionSpec,
    ...searchSpec,
    ...dsaFlags,
    workers: { type: "string" },
    shard: { type: "string" },
    out: { type: "string" },
  },
  positionals: { min: 2, max: Infinity },
  async run({ values, positionals }) {
    const out = values.out;
    if (typeof out !== "string" || out === "") {
      throw new UsageError("dsa-pairwise: --out D.npy is required");
    }
    const shard = values.shard as string | undefined;
    if (shard !== undefined && !/^\s*\d+\s*\/\s*\d+\s*$/.test(shard)) {
      throw new UsageError(`--shard must look like k/n: got ${shard}`);
    }
    const workers = integerOption(values, "workers");
    if (workers !== undefined && workers < 1) {
      throw new UsageError(`--workers must be >= 1: got ${workers}`);
    }
    dmdOptions(values); // usage checks (one rank rule)
    const options = flagOptions(getMeasure("dsa").measure, values);
    const t0 = performance.now();
    const keys = inputKeys(values, positionals);
    const systems: ShapedArray[] = [];
    for (const [i, p] of positionals.entries()) {
      systems.push(await readSeries(p, `systems[${i}]`, keys[i]));
    }
    const K = systems.length;
    const opts = { measure: "dsa", ...options, names: ["systems"], workers };
    let matrix: Float64Array, pairs: number, shardText: string;
    let info: (Record<string, number | string> | null)[];
    let result: object | null = null, write: () => void;
    // the engine names a system it cannot fit `systems[i]`: add its file
    const named = <T>(work: Promise<T>): Promise<T> =>
      work.catch((e) => {
        const at = e instanceof Error ? /\(in `systems\[(\d+)\]`\)$/.exec(e.message) : null;
        if (at === null) throw e;
        throw withMessage(e, (m) => `${m.slice(0, -1)}, ${positionals[Number(at[1])]})`);
      });
    if (shard === undefined) {
      const r = await named(pairwiseMatrix(systems, opts));
      result = r;
      write = () => writeNpy(out, r.matrix);
      matrix = r.matrix.data;
      pairs = (K * (K - 1)) / 2;
      shardText = "0/1";
      info = r.info;
    } else {
      let part;
      try {
        part = await named(matrixShard(systems, shard, opts));
      } catch (e) {
        if ((e as Error).message.startsWith("Invalid shard")) {
          throw new UsageError((e as Error).message);
        }
        throw e;
      }
      const written = part;
      write = () => writeShard(out, written);
      matrix = new Float64Array(K * K).fill(NaN);
      for (let i = 0; i < K; i++) matrix[i * K + i] = 0;
      for (const [i, j, d] of part.entries) matrix[i! * K + j!] = matrix[j! * K + i!] = d!;
      pairs = part.entries.length;
      shardText = `${part.shard.index}/${part.shard.count}`;
      info = part.info;
    }
    const ranks = info.map((x) => (x?.rank as number | undefined) ?? NaN);
    info.forEach((x, i) => {
      const rank = x?.rank, numerical = x?.numericalRank;
      if (typeof rank === "number" && typeof numerical === "number" && rank > numerical) {
        roundingRankNotice(`systems[${i}] (${positionals[i]}): `, rank, numerical);
      }
    });
    const rows: (number | null)[][] = [];
    for (let i = 0; i < K; i++) {
      rows.push(Array.from(matrix.subarray(i * K, (i + 1) * K), (v) => Number.isNaN(v) ? null : v));
    }
    return commandOutput({
      json: {
        out,
        systems: K,
        pairs,
        shard: shardText,
        score: options.score ?? "angular",
        ranks,
        seconds: (performance.now() - t0) / 1000,
        ...(K <= 100 ? { matrix: rows } : {}),
      },
      result,
      noFigure: "needs the complete matrix: run without --shard, or draw the merged matrix",
      write,
    });
  },
};

/**
 * Subcommands of the dynamics area, registered in `lib/cli/registry.ts`.
 *
 * @example
 * ```ts
 * import { dynamicsCommands } from "./dynamics.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(dynamicsCommands.map((c) => c.name), ["dmd", "dsa", "dsa-pairwise", "dmd-sweep"]);
 * ```
 */
export const dynamicsCommands: Command[] = [
  dmdCommand,
  dsaCommand,
  pairwiseCommand,
  dmdSweepCommand,
];
