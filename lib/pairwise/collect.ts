/**
 * Validating the inputs of a matrix computation (any registered measure) and
 * turning a range of the pair list into a pair job: which inputs to prepare at
 * which width, and the pairs of prepared slots.
 *
 * @module
 */

import { safeScalePair } from "../measures/scale.ts";
import { resolveOptions } from "../measures/all.ts";
import type { Measure, ResolvedOptions } from "../measures/types.ts";
import { type Mode, pairsInRange } from "./pairs.ts";
import { type JobInput, type PreparedSlot, type RunOptions, runPairJob } from "./pool.ts";
import { fingerprint } from "./shard.ts";

/** How inputs are padded: each pair to its wider input, or all to the widest. */
export type WidthMode = "pair" | "common";

/** Engine options; every other key is an option of the measure (validated by the registry). */
export interface EngineOptions extends RunOptions {
  /** Measure name or alias. @default "linear" */
  measure?: string;
  /**
   * Measures that pad: pad each pair to its wider input (as a single comparison
   * does), or every input to the widest (`common`: each input prepared once).
   * @default "pair"
   */
  width?: WidthMode;
  /** Argument names of the inputs in errors. @default ["networks"] or ["setA", "setB"] */
  names?: readonly string[];
}

const ENGINE_KEYS = new Set([
  "measure",
  "width",
  "names",
  "workers",
  "onProgress",
  "test",
  "labels",
]);

/** Validated inputs of a matrix computation. */
export interface Collected {
  /** Pairwise or cross. */
  mode: Mode;
  /** [K] or [KA, KB]. */
  sizes: number[];
  /** The measure. */
  measure: Measure;
  /** Its resolved options. */
  options: ResolvedOptions;
  /** Options that change the numbers (resolved + width). */
  recorded: Record<string, unknown>;
  /** All inputs (set A then set B). */
  inputs: JobInput[];
  /** Padding mode. */
  width: WidthMode;
  /** Row labels. */
  labels: string[];
  /** Column labels. */
  columnLabels: string[];
  /** Hash of inputs, measure and options (without the shard count). */
  fingerprint: string;
  /**
   * Pairwise matrix of an asymmetric measure: every ordered pair i ≠ j is
   * computed (entry (j, i) is m(X_j, X_i), not a mirror of (i, j)).
   */
  ordered: boolean;
}

/**
 * Validate inputs, held-out parts, labels and options for a matrix computation.
 *
 * @param mode `pairwise` (one set) or `cross` (two sets).
 * @param sets The set(s) of inputs.
 * @param opts Engine and measure options.
 * @param testSets Held-out parts per set (or undefined).
 * @param labelSets Labels per set (or undefined).
 * @returns The validated inputs and their fingerprint.
 *
 * @example Inputs must share their stimuli
 * ```ts
 * import { collectInputs } from "./collect.ts";
 * import assert from "node:assert/strict";
 * assert.throws(
 *   () => collectInputs("pairwise", [[[[1], [2]], [[1]]]], {}, [undefined], [undefined]),
 *   /every network must have the same stimuli/,
 * );
 * ```
 */
export function collectInputs(
  mode: Mode,
  sets: readonly (readonly unknown[])[],
  opts: EngineOptions & Record<string, unknown>,
  testSets: readonly (readonly unknown[] | undefined)[],
  labelSets: readonly (readonly string[] | undefined)[],
): Collected {
  const context = mode === "pairwise"
    ? "Cannot compute pairwise distances"
    : "Cannot compute cross distances";
  const given: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(opts)) if (!ENGINE_KEYS.has(k)) given[k] = v;
  const { measure, options } = resolveOptions(opts.measure ?? "linear", given, context);
  if (opts.width !== undefined && !measure.padded) {
    throw new RangeError(
      `${context}: \`width\` does not apply to measure ${measure.name} (it does not pad): got ${opts.width}`,
    );
  }
  const width = opts.width ?? "pair";
  if (width !== "pair" && width !== "common") {
    throw new RangeError(`${context}: \`width\` must be one of pair, common: got ${width}`);
  }
  const names = opts.names ?? (mode === "pairwise" ? ["networks"] : ["setA", "setB"]);
  const inputs: JobInput[] = [];
  const labels: string[][] = [];
  for (const [s, set] of sets.entries()) {
    const name = names[s]!;
    if (!Array.isArray(set) || set.length === 0) {
      throw new RangeError(
        `${context}: \`${name}\` must be a non-empty array of ${
          measure.input === "responses" ? "matrices" : "inputs"
        }`,
      );
    }
    const tests = testSets[s];
    if (tests !== undefined && !measure.heldOut) {
      throw new RangeError(
        `${context}: measure ${measure.name} does not take held-out \`test\` data`,
      );
    }
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
    for (const [i, x] of set.entries()) {
      const argName = `${name}[${i}]`;
      const train = measure.validate(x, argName, context);
      const test = tests ? measure.validate(tests[i], `test[${i}]`, context) : null;
      if (test !== null && measure.widthOf(test) !== measure.widthOf(train)) {
        throw new TypeError(
          `${context}: held-out rows of \`${argName}\` must have its ${
            measure.widthOf(train)
          } columns: got ${measure.widthOf(test)}`,
        );
      }
      const [strain, stest] = safeScalePair(measure, options, train, test, argName, context);
      inputs.push({ train: strain, test: stest, name: argName });
    }
  }
  const flatNames = inputs.map((n) => n.name);
  const first = inputs[0]!;
  const rows0 = measure.rowsOf(first.train);
  const shape = (x: unknown) => {
    const t = x as { rows?: number; cols?: number; shape?: number[] };
    return t.shape ? `[${t.shape.join(", ")}]` : `[${t.rows}, ${t.cols}]`;
  };
  for (const [g, net] of inputs.entries()) {
    const rows = measure.rowsOf(net.train);
    if (rows !== rows0) {
      throw new TypeError(
        `${context}: every network must have the same stimuli (rows): \`${
          flatNames[0]
        }\` has shape ${shape(first.train)} but \`${flatNames[g]}\` has ${shape(net.train)}`,
      );
    }
    if (
      net.test !== null && first.test !== null &&
      measure.rowsOf(net.test) !== measure.rowsOf(first.test)
    ) {
      throw new TypeError(
        `${context}: held-out rows must cover the same stimuli for every network: got ${
          measure.rowsOf(first.test)
        } and ${measure.rowsOf(net.test)} rows`,
      );
    }
    if (
      measure.padded && options.pad === false &&
      measure.widthOf(net.train) !== measure.widthOf(first.train)
    ) {
      throw new TypeError(
        `${context}: every network must have the same width when \`pad\` is false: \`${
          flatNames[0]
        }\` has ${measure.widthOf(first.train)} columns but \`${flatNames[g]}\` has ${
          measure.widthOf(net.train)
        }`,
      );
    }
  }
  const sizes = sets.map((s) => s.length);
  const recorded: Record<string, unknown> = { ...options };
  if (measure.padded) recorded.width = width;
  const columnLabels = labels[mode === "pairwise" ? 0 : 1]!;
  const ordered = mode === "pairwise" && !measure.properties(options).symmetric;
  return {
    mode,
    sizes,
    measure,
    options,
    recorded,
    inputs,
    width,
    labels: labels[0]!,
    columnLabels,
    ordered,
    fingerprint: fingerprint([
      mode,
      sizes,
      measure.name,
      recorded,
      labels[0],
      columnLabels,
      inputs.map((n) => [n.train, n.test]),
      // only asymmetric measures add this, so symmetric fingerprints are unchanged
      ...(ordered ? ["ordered"] : []),
    ]),
  };
}

/**
 * Compute the pairs [start, end) of the row-major pair list (both orders of
 * each pair for an asymmetric measure's pairwise matrix, `c.ordered`; each input
 * is still prepared once).
 *
 * @param c Validated inputs.
 * @param start First pair.
 * @param end One past the last pair.
 * @param run Workers and progress.
 * @returns Entries [i, j, value(, test)], whether held-out values are included, per-input info.
 *
 * @example One pair of proportional networks
 * ```ts
 * import { collectInputs, computeEntries } from "./collect.ts";
 * import assert from "node:assert/strict";
 * const c = collectInputs("pairwise", [[[[1], [2], [4]], [[2], [4], [8]]]], {}, [undefined], [undefined]);
 * const { entries } = await computeEntries(c, 0, 1, { workers: 1 });
 * assert.deepEqual(entries, [[0, 1, 0]]);
 * ```
 */
export async function computeEntries(
  c: Collected,
  start: number,
  end: number,
  run: RunOptions,
): Promise<
  { entries: number[][]; hasTest: boolean; info: (Record<string, number | string> | null)[] }
> {
  const pairs = pairsInRange(c.mode, c.sizes, start, end, c.ordered);
  const offsetB = c.mode === "cross" ? c.sizes[0]! : 0;
  const m = c.measure;
  const widths = c.inputs.map((n) => m.widthOf(n.train));
  const maxWidth = Math.max(...widths);
  const slotIndex = new Map<string, number>();
  const slots: PreparedSlot[] = [];
  const slotPairs = new Int32Array(pairs.length);
  for (let k = 0; k < pairs.length; k += 2) {
    const a = pairs[k]!, b = pairs[k + 1]! + offsetB;
    for (const [q, g] of [[0, a], [1, b]] as const) {
      const w = !m.padded
        ? widths[g]!
        : c.width === "common"
        ? maxWidth
        : Math.max(widths[a]!, widths[b]!);
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
  const value = m.returns === "similarity" ? "similarity" : "distance";
  const r = await runPairJob(
    { measure: m, options: c.options, inputs: c.inputs, slots, pairs: slotPairs, value },
    run,
  );
  const hasTest = c.inputs.every((n) => n.test !== null);
  const entries: number[][] = [];
  for (let k = 0; k < r.train.length; k++) {
    const e = [pairs[2 * k]!, pairs[2 * k + 1]!, r.train[k]!];
    if (hasTest) e.push(r.test[k]!);
    entries.push(e);
  }
  const info: (Record<string, number | string> | null)[] = c.inputs.map(() => null);
  slots.forEach((s, k) => {
    if (info[s.network] === null) info[s.network] = r.info[k] ?? null;
  });
  return { entries, hasTest, info };
}

/**
 * The diagonal of a pairwise matrix of similarities: each input compared with itself
 * (a similarity measure's self-similarity is not always 1, e.g. eigenspace overlap
 * gives rank / p). Empty for distances (zero diagonal) and cross matrices.
 *
 * @param c Validated inputs.
 * @param run Workers and progress.
 * @returns Entries [i, i, value(, test)].
 *
 * @example Mutual kNN of a network with itself is 1
 * ```ts
 * import { collectInputs, selfSimilarities } from "./collect.ts";
 * import assert from "node:assert/strict";
 * const A = [[1, 0], [0.9, 0.3], [0, 1], [0.2, 0.8], [1, 1]];
 * const c = collectInputs("pairwise", [[A, A.map(([x, y]) => [y, x])]], { measure: "mutual-knn", k: 2 }, [undefined], [undefined]);
 * assert.deepEqual(await selfSimilarities(c, { workers: 1 }), [[0, 0, 1], [1, 1, 1]]);
 * ```
 */
export async function selfSimilarities(c: Collected, run: RunOptions): Promise<number[][]> {
  const m = c.measure;
  if (c.mode !== "pairwise" || m.returns !== "similarity") return [];
  const slots: PreparedSlot[] = c.inputs.map((n, g) => ({ network: g, width: m.widthOf(n.train) }));
  const pairs = new Int32Array(2 * slots.length);
  slots.forEach((_, s) => pairs.set([s, s], 2 * s));
  const { onProgress: _, ...quiet } = run;
  const r = await runPairJob(
    { measure: m, options: c.options, inputs: c.inputs, slots, pairs, value: "similarity" },
    quiet,
  );
  const hasTest = c.inputs.every((n) => n.test !== null);
  return slots.map((_, g) => hasTest ? [g, g, r.train[g]!, r.test[g]!] : [g, g, r.train[g]!]);
}
