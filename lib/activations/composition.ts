/**
 * What the samples at each activation level are: per bin, the counts and
 * fractions of each known attribute (class, spurious attribute, …) and of
 * their crossings, with the top-k samples beside them for contrast.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import { asLabels, countLevels, type LabelsLike } from "./labels.ts";
import { type ActivationBins, activationBins, type ActivationBinsOptions, topK } from "./bins.ts";

/** Composition of one set of samples. */
export interface Composition {
  /** Number of samples. */
  n: number;
  /** Counts per level, for each factor (crossings are named "a×b", level = a·nB + b). */
  counts: Record<string, number[]>;
  /** Fractions per level (counts / n; zeros for an empty set). */
  fractions: Record<string, number[]>;
}

/**
 * Composition of a subset of samples by each factor and by every pair of factors.
 *
 * @param members Indices of the samples in the subset.
 * @param factors Named label vectors over all samples (same length).
 * @returns Counts and fractions.
 *
 * @example Class × attribute crossing
 * ```ts
 * import { sampleComposition } from "./composition.ts";
 * import assert from "node:assert/strict";
 * const c = sampleComposition([0, 1, 2], { class: [0, 1, 1, 0], band: [0, 0, 1, 1] });
 * assert.deepEqual(c.counts["class"], [1, 2]);
 * assert.deepEqual(c.counts["class×band"], [1, 0, 1, 1]);
 * ```
 */
export function sampleComposition(
  members: readonly number[],
  factors: Record<string, LabelsLike>,
): Composition {
  const ctx = "Cannot compute composition";
  const names = Object.keys(factors);
  if (names.length === 0) throw new RangeError(`${ctx}: \`factors\` must name at least one factor`);
  const first = factors[names[0]!]!;
  const labels = names.map((k) => asLabels(factors[k]!, `factors.${k}`, first.length, ctx));
  const levels = labels.map((l) => countLevels(l));
  const counts: Record<string, number[]> = {};
  const fractions: Record<string, number[]> = {};
  const add = (name: string, nLevels: number, level: (i: number) => number) => {
    const c = new Array<number>(nLevels).fill(0);
    for (const i of members) {
      if (!Number.isInteger(i) || i < 0 || i >= first.length) {
        throw new RangeError(`${ctx}: \`members\` must index [0, ${first.length}): got ${i}`);
      }
      c[level(i)]!++;
    }
    counts[name] = c;
    fractions[name] = c.map((v) => (members.length ? v / members.length : 0));
  };
  names.forEach((name, f) => add(name, levels[f]!, (i) => labels[f]![i]!));
  for (let f = 0; f < names.length; f++) {
    for (let g = f + 1; g < names.length; g++) {
      add(
        `${names[f]}×${names[g]}`,
        levels[f]! * levels[g]!,
        (i) => labels[f]![i]! * levels[g]! + labels[g]![i]!,
      );
    }
  }
  return { n: members.length, counts, fractions };
}

/** Options for {@link activationAnalysis}. */
/** Result of {@link activationAnalysis}, tagged `activationAnalysis`. */
export interface ActivationAnalysis {
  /** Binning rule used. */
  rule: ActivationBins["rule"];
  /** Bin edges, ascending. */
  edges: number[];
  /** Composition of each bin, lowest first. */
  bins: Composition[];
  /** Composition of the k highest-activating samples. */
  topK: Composition & { k: number };
}

/** Options for {@link activationAnalysis}. */
export interface ActivationAnalysisOptions extends ActivationBinsOptions {
  /** Size of the top-k view. @default 10% of the samples (at least 1) */
  k?: number;
}

/**
 * Activation analysis of one unit, logit or direction: bins by level with the
 * composition of each bin, and the top-k composition for contrast.
 *
 * @param values Activation of each sample.
 * @param factors Named label vectors (e.g. `{class, band}`).
 * @param options Binning rule, bin count, k.
 * @returns A tagged result: edges, per-bin composition, top-k composition.
 *
 * @example The top bin is all class 1
 * ```ts
 * import { activationAnalysis } from "./composition.ts";
 * import assert from "node:assert/strict";
 * const r = activationAnalysis([0, 1, 2, 3], { class: [0, 0, 1, 1] }, { nBins: 2, k: 1 });
 * assert.deepEqual(r.bins[1]!.fractions["class"], [0, 1]);
 * assert.deepEqual(r.topK.counts["class"], [0, 1]);
 * ```
 */
export function activationAnalysis(
  values: ArrayLike<number>,
  factors: Record<string, LabelsLike>,
  options: ActivationAnalysisOptions = {},
): Readonly<ActivationAnalysis & { kind: string }> {
  const ctx = "Cannot analyse activations";
  for (const [name, f] of Object.entries(factors)) {
    asLabels(f, `factors.${name}`, values.length, ctx);
  }
  const { k = Math.max(1, Math.round(values.length / 10)), ...binOptions } = options;
  const b = activationBins(values, binOptions);
  const members: number[][] = b.counts.map(() => []);
  for (let i = 0; i < b.bin.length; i++) members[b.bin[i]!]!.push(i);
  return tagResult("activationAnalysis", {
    rule: b.rule,
    edges: b.edges,
    bins: members.map((m) => sampleComposition(m, factors)),
    topK: { k, ...sampleComposition(topK(values, k), factors) },
  });
}
