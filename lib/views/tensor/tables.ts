/**
 * Tidy tables of the tensor and low-tensor-rank RNN result kinds (importing
 * this file registers them): CP factors in long format, rank sweeps one row
 * per fit, RNN training histories one row per recorded iteration.
 *
 * @example A CP fit becomes one row per factor entry
 * ```ts
 * import "./tables.ts";
 * import { tableOf } from "../../result.ts";
 * import { cpAls } from "../../tensor/cp_als.ts";
 * import { kruskalToTensor } from "../../tensor/kruskal.ts";
 * import assert from "node:assert/strict";
 * const T = kruskalToTensor([[[1], [2]], [[1], [0], [-1]], [[3], [1]]]);
 * const t = tableOf(cpAls(T, { rank: 1 }));
 * assert.deepEqual(Object.keys(t), ["mode", "component", "index", "value", "weight"]);
 * assert.equal(t.mode!.length, 2 + 3 + 2);
 * ```
 *
 * @module
 */

import type { CpFit } from "../../tensor/cp_core.ts";
import type { CpRankSweep } from "../../tensor/cp_rank.ts";
import type { LtrFit } from "../../rnn/fit.ts";
import type { RankSelection } from "../../rnn/rank_select.ts";
import { registerKindTable } from "../kinds.ts";
import { recordsTable } from "../table_kit.ts";

/** Factor entries: mode (1, 2, 3), component (1…R), index along the mode, value; with the component's weight. */
registerKindTable("cpDecomposition", (f: CpFit) => {
  const rows: Record<string, number>[] = [];
  f.factors.forEach((F, m) => {
    for (let r = 0; r < F.cols; r++) {
      for (let i = 0; i < F.rows; i++) {
        rows.push({
          mode: m + 1,
          component: r + 1,
          index: i,
          value: F.data[i * F.cols + r]!,
          weight: f.weights[r]!,
        });
      }
    }
  });
  return recordsTable(rows);
});

registerKindTable("cpRankSweep", (s: CpRankSweep) => recordsTable(s.table.map((r) => ({ ...r }))));

registerKindTable(
  "rankSelection",
  (s: RankSelection) =>
    recordsTable(s.table.map((r) => ({ ...r, chosen: r.rank === s.chosenRank }))),
);

registerKindTable("ltrFit", (f: LtrFit) =>
  recordsTable(f.history.map((h) => ({
    iteration: h.iteration,
    trainError: h.trainError,
    testError: h.testError ?? null,
  }))));
