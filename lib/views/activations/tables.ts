/**
 * Tidy tables of the mid-range-activation result kinds (importing this file
 * registers them): compositions one row per (bin, factor, level), similarity
 * matrices in long format, accuracies one row per group or method, logistic
 * coefficients in long format, the benchmark one row per (seed, method).
 *
 * @example Group accuracies become one row per group
 * ```ts
 * import "./tables.ts";
 * import { tableOf } from "../../result.ts";
 * import { groupAccuracy } from "../../activations/groups.ts";
 * import assert from "node:assert/strict";
 * const t = tableOf(groupAccuracy([0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 1, 1]));
assert.equal(t.class!.length, 4);
 * assert.deepEqual(Object.keys(t), ["class", "attribute", "n", "correct", "accuracy"]);
 * ```
 *
 * @module
 */

import type { ActivationAnalysis, Composition } from "../../activations/composition.ts";
import type { LastLayerFit } from "../../activations/curation.ts";
import type { MidBenchmark } from "../../activations/benchmark.ts";
import type { MidExperiment } from "../../activations/experiment.ts";
import type { GroupAccuracy } from "../../activations/groups.ts";
import type { LogisticFit } from "../../activations/logistic.ts";
import type { MidSelection } from "../../activations/mid.ts";
import type { SortedRsm } from "../../activations/rsm.ts";
import type { ResultTable } from "../../result.ts";
import { registerKindTable } from "../kinds.ts";
import { longTable, recordsTable } from "../table_kit.ts";

/**
 * Bin compositions: `set` ("bin" or "top-k"), `bin` (NaN for top-k), the bin's
 * `lo`/`hi` edges, `factor`, `level`, `count` and `fraction`.
 */
registerKindTable("activationAnalysis", (a: ActivationAnalysis) => {
  const rows: Record<string, string | number>[] = [];
  const add = (c: Composition, set: string, bin: number, lo: number, hi: number) => {
    for (const [factor, counts] of Object.entries(c.counts)) {
      counts.forEach((count, level) =>
        rows.push({
          set,
          bin,
          lo,
          hi,
          factor,
          level,
          count,
          fraction: c.fractions[factor]![level]!,
        })
      );
    }
  };
  a.bins.forEach((c, b) => add(c, "bin", b, a.edges[b]!, a.edges[b + 1]!));
  add(a.topK, "top-k", NaN, NaN, NaN);
  return recordsTable(rows);
});

/** Similarities in sorted order: `row` and `column` are sample indices (of the input). */
registerKindTable(
  "sortedRsm",
  (s: SortedRsm) =>
    longTable(s.matrix, { rowLabels: s.order, columnLabels: s.order, valueName: "similarity" }),
);

registerKindTable(
  "midSelection",
  (s: MidSelection) => recordsTable(Array.from(s.isMid, (m, i) => ({ sample: i, mid: m === 1 }))),
);

/** One row per (class, attribute) group. */
function groupRows(g: GroupAccuracy): ResultTable {
  return recordsTable(g.groups.map((r) => ({ ...r })));
}

registerKindTable("groupAccuracy", groupRows);

/** Coefficients in long format (class, feature, coefficient), intercepts as feature "intercept". */
function coefficients(f: { coef: number[][]; intercept: number[] }): ResultTable {
  const rows: Record<string, string | number>[] = [];
  f.coef.forEach((row, c) =>
    row.forEach((w, j) => rows.push({ class: c, feature: String(j), coefficient: w }))
  );
  f.intercept.forEach((w, c) => rows.push({ class: c, feature: "intercept", coefficient: w }));
  return recordsTable(rows);
}

registerKindTable("logisticFit", (f: LogisticFit) => coefficients(f));
registerKindTable("lastLayerFit", (f: LastLayerFit) => coefficients(f));

registerKindTable(
  "midExperiment",
  (e: MidExperiment) =>
    recordsTable(
      Object.entries(e.methods).map(([method, g]) => ({
        method,
        meanAccuracy: g.meanAccuracy,
        worstGroupAccuracy: g.worstGroupAccuracy,
        worstClass: g.worstGroup.class,
        worstAttribute: g.worstGroup.attribute,
      })),
    ),
);

/** One row per (seed, method): the worst-group accuracy (the benchmark's per-seed data). */
registerKindTable(
  "midBenchmark",
  (b: MidBenchmark) =>
    recordsTable(
      b.per_seed.flatMap((s) =>
        Object.entries(s.worst_group_accuracy).map(([method, acc]) => ({
          seed: s.seed,
          method,
          worst_group_accuracy: acc,
        }))
      ),
    ),
);
