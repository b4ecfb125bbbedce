/**
 * Tidy tables of the inference result kinds (importing this file registers
 * them): one-row summaries of a bootstrap, a permutation test and a two-factor
 * bootstrap; model comparisons one row per model or difference; split-half
 * reliability one row per unit.
 *
 * @example A bootstrap becomes one row
 * ```ts
 * import "./tables.ts";
 * import { tableOf } from "../../result.ts";
 * import { bootstrap } from "../../inference/bootstrap.ts";
 * import assert from "node:assert/strict";
 * const x = [1, 2, 3, 4, 5];
 * const mean = (d: Int32Array | null) => {
 *   const idx = d ?? Int32Array.from(x.keys());
 *   return idx.reduce((s, i) => s + x[i]!, 0) / idx.length;
 * };
 * const t = tableOf(bootstrap(x.length, mean, { samples: 50 }));
 * assert.deepEqual(t.estimate, Float64Array.of(3));
 * assert.deepEqual(t.samples, Float64Array.of(50));
 * ```
 *
 * @module
 */

import type { BootstrapResult } from "../../inference/bootstrap.ts";
import type { ModelComparison } from "../../inference/compare_models.ts";
import type { PermutationResult } from "../../inference/permutation.ts";
import type { SplitHalfResult } from "../../inference/reliability.ts";
import type { TwoFactorResult } from "../../inference/two_factor.ts";
import { registerKindTable } from "../kinds.ts";
import { oneRow, recordsTable } from "../table_kit.ts";

registerKindTable("bootstrap", (r: BootstrapResult) =>
  oneRow({
    estimate: r.estimate,
    se: r.se,
    ciLow: r.ci[0],
    ciHigh: r.ci[1],
    level: r.level,
    interval: r.interval,
    samples: r.distribution.length,
    discarded: r.discarded,
    failed: r.failed,
    seed: r.seed,
    warning: r.warning ?? "",
  }));

registerKindTable("permutationTest", (r: PermutationResult) =>
  oneRow({
    observed: r.observed,
    pValue: r.pValue,
    permutations: r.permutations,
    alternative: r.alternative,
    seed: r.seed,
  }));

/**
 * One row per model (`type` "model") and per pairwise difference (`type`
 * "difference", `comparison` "a − b"): estimate, SE, CI, p-value (NaN for a
 * model) and the score relative to the noise ceiling (NaN without one).
 */
registerKindTable("modelComparison", (r: ModelComparison) =>
  recordsTable([
    ...r.models.map((m) => ({
      type: "model",
      comparison: m.name,
      estimate: m.estimate,
      se: m.se,
      ciLow: m.ci[0],
      ciHigh: m.ci[1],
      pValue: null,
      relative: m.relative ?? null,
    })),
    ...r.differences.map((d) => ({
      type: "difference",
      comparison: `${d.a} − ${d.b}`,
      estimate: d.estimate,
      se: d.se,
      ciLow: d.ci[0],
      ciHigh: d.ci[1],
      pValue: d.pValue,
      relative: null,
    })),
  ]));

registerKindTable("twoFactorBootstrap", (r: TwoFactorResult) =>
  oneRow({
    estimate: r.estimate,
    se: r.se,
    ciLow: r.ci[0],
    ciHigh: r.ci[1],
    level: r.level,
    seFirst: r.seFirst,
    seSecond: r.seSecond,
    seBoth: r.seBoth,
    seed: r.seed,
  }));

registerKindTable(
  "splitHalfReliability",
  (r: SplitHalfResult) =>
    recordsTable(r.reliability.map((rel, u) => ({
      unit: u,
      halfCorrelation: r.halfCorrelation[u]!,
      reliability: rel,
    }))),
);
