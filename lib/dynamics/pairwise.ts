/**
 * DSA matrices over many systems: the DSA entry points of the one pairwise
 * engine (`lib/pairwise/`, measure `dsa`): one DMD per system (prepared once),
 * pairs in this thread or on the engine's workers, optionally one shard (a
 * contiguous range of the row-major pair list, as everywhere in the package).
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { tagResult } from "../result.ts";
import { assertInteger } from "../validate/mod.ts";
import type { TimeSeriesLike } from "./data.ts";
import type { DmdFit, DmdOptions } from "./dmd.ts";
import type { DsaScore, DsaScoreOptions } from "./dsa.ts";
import { collectInputs, computeEntries } from "../pairwise/collect.ts";
import { type Mode, pairCount, parseShard, shardRange, type ShardSpec } from "../pairwise/pairs.ts";
import type { DistanceProgress } from "../pairwise/pool.ts";
import { checkOptions } from "../validate/options.ts";
import { DSA_PAIRWISE_OPTIONS } from "./option_kinds.ts";

/** Options for {@link dsaPairwise} and {@link dsaCross}. */
export interface DsaPairwiseOptions extends DmdOptions, DsaScoreOptions {
  /**
   * Web Workers scoring pairs in parallel (1 = in this thread). Results do not depend on it.
   * @default all cores, or 1 for jobs too small to repay starting workers
   */
  workers?: number;
  /**
   * Compute only shard k of n (`"k/n"` with k in 0…n−1, or `{index, count}`):
   * the contiguous range [⌊kP/n⌋, ⌊(k+1)P/n⌋) of the P pairs in row-major
   * order (of the upper triangle, or of the whole matrix for cross matrices).
   * Other entries are NaN. For shard files use `matrixShard` / the CLI's
   * `--shard` and `pairwise-merge`. @default "0/1"
   */
  shard?: string | ShardSpec;
  /** Called after each scored pair (or chunk of pairs on workers) with (done, total). @default undefined */
  onProgress?: (done: number, total: number) => void;
}

/** A DSA matrix. */
export interface DsaMatrix {
  /** Distances [K, L] (K = L and symmetric with a zero diagonal for pairwise); NaN where another shard computes. */
  matrix: Matrix;
  /** Which score. */
  score: DsaScore;
  /** DMD rank of each system of the first set (then of the second set, for cross matrices); NaN when not fitted here. */
  ranks: number[];
  /** Number of pairs scored here. */
  pairs: number;
  /** The shard computed, `"k/n"` (0-based k). */
  shard: string;
}

async function dsaMatrix(
  mode: Mode,
  sets: readonly (readonly (TimeSeriesLike | DmdFit)[])[],
  names: readonly string[],
  options: DsaPairwiseOptions,
): Promise<DsaMatrix> {
  const { workers, shard = "0/1", onProgress, ...measureOptions } = options;
  if (workers !== undefined) {
    assertInteger(workers, "workers", 1, 256, "Cannot compute DSA matrix");
  }
  const spec = parseShard(shard);
  const c = collectInputs(
    mode,
    sets,
    { measure: "dsa", names, ...measureOptions },
    sets.map(() => undefined),
    sets.map(() => undefined),
  );
  const [start, end] = shardRange(pairCount(mode, c.sizes, c.ordered), spec);
  const progress = onProgress
    ? (p: DistanceProgress) => {
      if (p.phase === "pairs") onProgress(p.done, p.total);
    }
    : undefined;
  const { entries, info } = await computeEntries(c, start, end, { workers, onProgress: progress });
  const K = c.sizes[0]!, L = mode === "pairwise" ? K : c.sizes[1]!;
  const out = new Float64Array(K * L).fill(NaN);
  if (mode === "pairwise") { for (let i = 0; i < K; i++) out[i * K + i] = 0; }
  for (const [i, j, d] of entries) {
    out[i! * L + j!] = d!;
    if (mode === "pairwise" && !c.ordered) out[j! * L + i!] = d!;
  }
  return tagResult("dsaMatrix", {
    matrix: { rows: K, cols: L, data: out },
    score: (c.options.score as DsaScore | undefined) ?? "angular",
    ranks: info.map((x) => (x?.rank as number | undefined) ?? NaN),
    pairs: entries.length,
    shard: `${spec.index}/${spec.count}`,
  });
}

/**
 * The DSA distance matrix among K systems: each system's DMD is fitted once,
 * then every pair i < j is scored (the matrix is symmetric with a zero
 * diagonal). Systems may also be given as already-fitted DMD models.
 *
 * @param systems Data sets (any layout `fitDmd` accepts) or DMD fits.
 * @param options DMD options, score options, `workers`, `shard`, `onProgress`.
 * @returns The matrix and bookkeeping (tagged `"dsaMatrix"`).
 *
 * @example Three systems, one a rotated copy of another
 * ```ts
 * import { dsaPairwise } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const make = (w: number, rot: number) => {
 *   const X: number[][] = [];
 *   for (let t = 0; t < 80; t++) {
 *     const p = [Math.cos(w * t) * Math.exp(-0.02 * t), Math.sin(0.5 * w * t)];
 *     X.push([Math.cos(rot) * p[0]! - Math.sin(rot) * p[1]!, Math.sin(rot) * p[0]! + Math.cos(rot) * p[1]!]);
 *   }
 *   return X;
 * };
 * const { matrix } = await dsaPairwise([make(0.3, 0), make(0.3, 1), make(0.7, 0)], { nDelays: 3, rank: 4 });
 * assert.ok(matrix.data[1]! < 1e-6); // entry (0, 1)
 * assert.ok(matrix.data[2]! > 0.05); // entry (0, 2)
 * ```
 */
export async function dsaPairwise(
  systems: readonly (TimeSeriesLike | DmdFit)[],
  options: DsaPairwiseOptions = {},
): Promise<DsaMatrix> {
  checkOptions(options, DSA_PAIRWISE_OPTIONS, "Cannot compute DSA matrix");
  if (!Array.isArray(systems) || systems.length < 2) {
    throw new RangeError(
      `Cannot compute DSA matrix: \`systems\` must list at least 2 systems: got ${
        Array.isArray(systems) ? systems.length : typeof systems
      }`,
    );
  }
  return await dsaMatrix("pairwise", [systems], ["systems"], options);
}

/**
 * The DSA distance matrix between two sets of systems, entry (i, j) comparing
 * `xs[i]` with `ys[j]`. Each system's DMD is fitted once.
 *
 * @param xs First set (data or DMD fits).
 * @param ys Second set.
 * @param options As {@link dsaPairwise}.
 * @returns The [K, L] matrix (tagged `"dsaMatrix"`).
 *
 * @example
 * ```ts
 * import { dsaCross } from "../../mod.ts";
 * import assert from "node:assert/strict";
 * const wave = (w: number) => Array.from({ length: 60 }, (_, t) => [Math.cos(w * t), Math.sin(w * t)]);
 * const { matrix } = await dsaCross([wave(0.2)], [wave(0.2), wave(0.6)], { score: "wasserstein" });
 * assert.deepEqual([matrix.rows, matrix.cols], [1, 2]);
 * assert.ok(matrix.data[0]! < 1e-12 && matrix.data[1]! > 0.1);
 * ```
 */
export async function dsaCross(
  xs: readonly (TimeSeriesLike | DmdFit)[],
  ys: readonly (TimeSeriesLike | DmdFit)[],
  options: DsaPairwiseOptions = {},
): Promise<DsaMatrix> {
  checkOptions(options, DSA_PAIRWISE_OPTIONS, "Cannot compute DSA matrix");
  for (const [list, name] of [[xs, "xs"], [ys, "ys"]] as const) {
    if (!Array.isArray(list) || list.length < 1) {
      throw new RangeError(
        `Cannot compute DSA matrix: \`${name}\` must list at least 1 system: got ${
          Array.isArray(list) ? 0 : typeof list
        }`,
      );
    }
  }
  return await dsaMatrix("cross", [xs, ys], ["xs", "ys"], options);
}
