/**
 * Validating a set (or two sets) of networks and turning a range of the pair
 * list into a distance job: which networks to prepare at which width, and the
 * pairs of prepared slots.
 *
 * @module
 */

import { asMatrix, type MatrixLike } from "../linalg/matrix.ts";
import { checkAlpha, checkScore, type ScoreMethod } from "../metrics/inputs.ts";
import type { PairSpec, PairwiseMetric } from "./cache.ts";
import { fingerprint, pairsInRange, type WidthMode } from "./shard.ts";
import {
  type NetworkInput,
  type PreparedSlot,
  runDistanceJob,
  type RunOptions,
} from "./workers.ts";

/** Options shared by the distance-matrix functions (see `pairwise.ts`). */
export interface DistanceOptions extends RunOptions {
  /** `linear` (shape metric family), `permutation`, or `cka` (arccos of linear CKA). @default "linear" */
  metric?: PairwiseMetric;
  /** α of the linear family. @default 1 */
  alpha?: number;
  /** Ground metric for linear and permutation. @default "angular" */
  score?: ScoreMethod;
  /** Centre columns. @default true */
  center?: boolean;
  /** Allow networks of different widths (zero-padded). @default true */
  pad?: boolean;
  /**
   * Pad each pair to its wider network (as a single comparison does), or every
   * network to the widest (`common`: each network is prepared once, and
   * euclidean values at α < 1 become comparable across pairs). Angular linear
   * distances are the same either way; permutation distances can only shrink
   * with more zero units to match. @default "pair"
   */
  width?: WidthMode;
}

/** Pairwise (one set, i < j) or cross (two sets, all i, j). */
export type Mode = "pairwise" | "cross";

/** Validated inputs of a distance-matrix computation. */
export interface Collected {
  /** Pairwise or cross. */
  mode: Mode;
  /** [K] or [KA, KB]. */
  sizes: number[];
  /** All networks (set A, then set B). */
  networks: NetworkInput[];
  /** The per-pair computation. */
  spec: PairSpec;
  /** Padding mode. */
  width: WidthMode;
  /** Row labels. */
  labels: string[];
  /** Column labels. */
  columnLabels: string[];
  /** Hash of inputs and options (ties shards together). */
  fingerprint: string;
}

/**
 * Validate networks, held-out rows, labels and options.
 *
 * @param mode `pairwise` (one set) or `cross` (two sets).
 * @param sets The set(s) of networks.
 * @param opts Metric options.
 * @param testSets Held-out rows per set (or undefined).
 * @param labelSets Labels per set (or undefined).
 * @returns The validated inputs and their fingerprint.
 *
 * @example Networks must share their stimuli
 * ```ts
 * import { collectNetworks } from "./jobs.ts";
 * import assert from "node:assert/strict";
 * assert.throws(
 *   () => collectNetworks("pairwise", [[[[1], [2]], [[1]]]], {}, [undefined], [undefined]),
 *   /every network must have the same stimuli/,
 * );
 * ```
 */
export function collectNetworks(
  mode: Mode,
  sets: readonly (readonly MatrixLike[])[],
  opts: DistanceOptions,
  testSets: readonly (readonly MatrixLike[] | undefined)[],
  labelSets: readonly (readonly string[] | undefined)[],
): Collected {
  const context = mode === "pairwise"
    ? "Cannot compute pairwise distances"
    : "Cannot compute cross distances";
  const {
    metric = "linear",
    alpha = 1,
    score = "angular",
    center = true,
    pad = true,
    width = "pair",
  } = opts;
  if (!["linear", "permutation", "cka"].includes(metric)) {
    throw new RangeError(
      `${context}: \`metric\` must be one of linear, permutation, cka: got ${metric}`,
    );
  }
  checkAlpha(alpha, context);
  checkScore(score, context);
  if (width !== "pair" && width !== "common") {
    throw new RangeError(`${context}: \`width\` must be one of pair, common: got ${width}`);
  }
  const names = mode === "pairwise" ? ["networks"] : ["setA", "setB"];
  const networks: NetworkInput[] = [];
  const labels: string[][] = [];
  for (const [s, set] of sets.entries()) {
    const name = names[s]!;
    if (!Array.isArray(set) || set.length === 0) {
      throw new RangeError(`${context}: \`${name}\` must be a non-empty array of matrices`);
    }
    const tests = testSets[s];
    if (tests !== undefined && tests.length !== set.length) {
      throw new TypeError(
        `${context}: held-out rows must be given for every network of \`${name}\`: got ${tests.length} for ${set.length} networks`,
      );
    }
    const lab = labelSets[s];
    if (lab !== undefined && lab.length !== set.length) {
      throw new TypeError(
        `${context}: \`labels\` must name every network of \`${name}\`: got ${lab.length} for ${set.length}`,
      );
    }
    labels.push(lab ? [...lab] : set.map((_, i) => String(i)));
    for (const [i, X] of set.entries()) {
      const train = asMatrix(X, `${name}[${i}]`, { context });
      const test = tests ? asMatrix(tests[i]!, `test[${i}]`, { context }) : null;
      if (test && test.cols !== train.cols) {
        throw new TypeError(
          `${context}: held-out rows of \`${name}[${i}]\` must have its ${train.cols} columns: got shape [${test.rows}, ${test.cols}]`,
        );
      }
      networks.push({ train, test });
    }
  }
  const flatNames = sets.flatMap((set, s) => set.map((_, i) => `${names[s]}[${i}]`));
  const first = networks[0]!;
  for (const [g, net] of networks.entries()) {
    if (net.train.rows !== first.train.rows) {
      throw new TypeError(
        `${context}: every network must have the same stimuli (rows): \`${
          flatNames[0]
        }\` has shape [${first.train.rows}, ${first.train.cols}] but \`${
          flatNames[g]
        }\` has [${net.train.rows}, ${net.train.cols}]`,
      );
    }
    if (net.test && first.test && net.test.rows !== first.test.rows) {
      throw new TypeError(
        `${context}: held-out rows must cover the same stimuli for every network: got ${first.test.rows} and ${net.test.rows} rows`,
      );
    }
    if (!pad && metric !== "cka" && net.train.cols !== first.train.cols) {
      throw new TypeError(
        `${context}: every network must have the same width when \`pad\` is false: \`${
          flatNames[0]
        }\` has ${first.train.cols} columns but \`${flatNames[g]}\` has ${net.train.cols}`,
      );
    }
  }
  const spec: PairSpec = { metric, alpha, score, center };
  const sizes = sets.map((s) => s.length);
  return {
    mode,
    sizes,
    networks,
    spec,
    width,
    labels: labels[0]!,
    columnLabels: labels[mode === "pairwise" ? 0 : 1]!,
    fingerprint: fingerprint(networks.flatMap((n) => [n.train, n.test]), {
      mode,
      sizes,
      spec,
      width,
    }),
  };
}

/**
 * Compute the pairs [start, end) of the row-major pair list: entries [i, j, train(, test)].
 *
 * @param p Validated inputs.
 * @param start First pair (row-major index).
 * @param end One past the last pair.
 * @param run Workers and progress.
 * @returns The entries and whether held-out distances are included.
 *
 * @example One pair of proportional networks
 * ```ts
 * import { collectNetworks, computeEntries } from "./jobs.ts";
 * import assert from "node:assert/strict";
 * const c = collectNetworks("pairwise", [[[[1], [2], [4]], [[2], [4], [8]]]], {}, [undefined], [undefined]);
 * const { entries } = await computeEntries(c, 0, 1, { workers: 1 });
 * assert.deepEqual(entries, [[0, 1, 0]]);
 * ```
 */
export async function computeEntries(
  p: Collected,
  start: number,
  end: number,
  run: RunOptions,
): Promise<{ entries: number[][]; hasTest: boolean }> {
  const pairs = pairsInRange(p.mode, p.sizes, start, end);
  const offsetB = p.mode === "cross" ? p.sizes[0]! : 0;
  const maxWidth = Math.max(...p.networks.map((n) => n.train.cols));
  const slotIndex = new Map<string, number>();
  const slots: PreparedSlot[] = [];
  const slotPairs = new Int32Array(pairs.length);
  for (let k = 0; k < pairs.length; k += 2) {
    const a = pairs[k]!, b = pairs[k + 1]! + offsetB;
    const ca = p.networks[a]!.train.cols, cb = p.networks[b]!.train.cols;
    for (const [q, g] of [[0, a], [1, b]] as const) {
      const w = p.spec.metric === "cka"
        ? p.networks[g]!.train.cols
        : p.width === "common"
        ? maxWidth
        : Math.max(ca, cb);
      const key = `${g}@${w}`;
      let s = slotIndex.get(key);
      if (s === undefined) {
        s = slots.length;
        slotIndex.set(key, s);
        slots.push({ network: g, width: w });
      }
      slotPairs[k + q] = s;
    }
  }
  const { train, test } = await runDistanceJob(
    { networks: p.networks, slots, pairs: slotPairs, spec: p.spec },
    run,
  );
  const hasTest = p.networks.every((n) => n.test !== null);
  const entries: number[][] = [];
  for (let k = 0; k < train.length; k++) {
    const e = [pairs[2 * k]!, pairs[2 * k + 1]!, train[k]!];
    if (hasTest) e.push(test[k]!);
    entries.push(e);
  }
  return { entries, hasTest };
}
