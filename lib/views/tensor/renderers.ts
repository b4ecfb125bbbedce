/**
 * Displays of the low-tensor-rank results (`lib/tensor`, `lib/rnn`): renderers for
 * `cpDecomposition`, `cpRankSweep`, `ltrFit` and `rankSelection` results (text, an HTML
 * table of the key numbers and a figure), registered when this module is imported, and
 * the figure functions they use.
 *
 * @example A CP fit displays with its factors
 * ```ts
 * import "./renderers.ts";
 * import { cpAls } from "../../tensor/cp_als.ts";
 * import { kruskalToTensor } from "../../tensor/kruskal.ts";
 * import assert from "node:assert/strict";
 * const fit = cpAls(kruskalToTensor([[[1], [2]], [[1], [3]], [[2], [1]]]), { rank: 1 });
 * // deno-lint-ignore no-explicit-any
 * const b = (fit as any)[Symbol.for("Jupyter.display")]();
 * assert.match(b["text/plain"], /^CP decomposition \(ALS\), rank 1\n/);
 * assert.match(b["image/svg+xml"], /^<svg /);
 * ```
 *
 * @module
 */

import type { Matrix } from "../../linalg/matrix.ts";
import { registerView } from "../kinds.ts";
import type { LtrFit } from "../../rnn/fit.ts";
import type { RankSelection } from "../../rnn/rank_select.ts";
import type { CpFit } from "../../tensor/cp_core.ts";
import type { CpRankSweep } from "../../tensor/cp_rank.ts";
import { renderResult } from "../../display/bundle.ts";
import { plotFactors } from "../../display/factors.ts";
import type { Figure } from "../../display/figure.ts";
import { formatNumber } from "../../display/format.ts";
import { plotLines } from "../../display/lines.ts";
import { plotRankCurve } from "./rank_curve.ts";
import { plotTrialFactors } from "./trial_factors.ts";
import { plotVarianceExplained } from "./variance_explained.ts";

/** Components drawn in a CP factor figure (the table lists all weights). */
const MAX_COMPONENTS = 8;

function firstColumns(M: Matrix, n: number): Matrix {
  if (M.cols <= n) return M;
  const data = new Float64Array(M.rows * n);
  for (let i = 0; i < M.rows; i++) data.set(M.data.subarray(i * M.cols, i * M.cols + n), i * n);
  return { rows: M.rows, cols: n, data };
}

function cpView(r: CpFit) {
  const [I, J, K] = r.shape;
  const shown = Math.min(r.rank, MAX_COMPONENTS);
  const figure = plotFactors(r.factors.map((f) => firstColumns(f, shown)), {
    title: `CP factors${shown < r.rank ? ` (first ${shown} of ${r.rank} components)` : ""}`,
    modeNames: r.shape.map((_, m) => `mode ${m + 1}`),
    styles: r.shape.map((n) => (n <= 30 ? "bar" : "line")),
  });
  return renderResult({
    title: `CP decomposition (${
      r.method === "hals" ? "nonnegative, HALS" : "ALS"
    }), rank ${r.rank}`,
    fields: {
      shape: `${I} × ${J} × ${K}`,
      "relative error": r.relativeError,
      "variance explained": r.varianceExplained,
      iterations: `${r.iterations}${r.converged ? " (converged)" : " (not converged)"}`,
      restarts: `${r.restartErrors.length} (best: #${r.bestRestart + 1})`,
      "entries fitted": `${r.observed} of ${I * J * K}`,
    },
    table: r.weights.map((w, c) => ({ component: c + 1, "weight λ": w })),
    figure,
  });
}

function rankSelectionView(r: RankSelection) {
  const best = r.summary.reduce((a, s) => (s.testError < a.testError ? s : a));
  const seeds = new Set(r.table.map((t) => t.seed)).size;
  return renderResult({
    title: `Rank selection: chosen rank ${r.chosenRank}`,
    note: `The smallest rank whose held-out error (${r.aggregate} over ${seeds} seed${
      seeds > 1 ? "s" : ""
    }) is within ${formatPercent(r.tolerance)} of the lowest.`,
    fields: {
      "chosen rank": r.chosenRank,
      "lowest held-out error": `${formatNumber(best.testError)} (rank ${best.rank})`,
      tolerance: r.tolerance,
      fits: r.table.length,
    },
    table: r.summary.map((s) => ({
      rank: s.rank,
      "train error": s.trainError,
      "held-out error": s.testError,
      "vs lowest": s.testError / best.testError,
    })),
    figure: plotRankCurve(r, { title: "Held-out error vs rank" }),
  });
}

function sweepView(r: CpRankSweep) {
  const ranks = [...new Set(r.table.map((t) => t.rank))];
  const replicates = r.table.filter((t) => t.rank === ranks[0]).length;
  // Every replicate but the best of its rank (whose similarity to itself is 1).
  const others = ranks.flatMap((rank) => {
    const reps = r.table.filter((t) => t.rank === rank);
    const b = reps.reduce((a, t, j) => (t.relativeError < reps[a]!.relativeError ? j : a), 0);
    return reps.length > 1 ? reps.filter((_, j) => j !== b) : reps;
  });
  const rows = ranks.map((rank, i) => {
    const sims = others.filter((t) => t.rank === rank).map((t) => t.similarityToBest);
    return {
      rank,
      "relative error": r.best[i]!.relativeError,
      "variance explained": r.best[i]!.varianceExplained,
      "similarity to best": sims.reduce((a, v) => a + v, 0) / sims.length,
    };
  });
  const figures: Figure[] = [
    plotVarianceExplained([{ name: `best of ${replicates}`, sweep: r }], {
      title: "Variance explained vs rank",
    }),
    plotRankCurve({
      table: others.map((t) => ({ rank: t.rank, trainError: t.similarityToBest })),
      aggregate: "mean",
    }, {
      title: "Replicate similarity to the best fit",
      yLabel: "Kruskal similarity",
      names: { train: "mean over replicates" },
    }),
  ];
  return renderResult({
    title: `CP rank sweep: ranks ${ranks.join(", ")} × ${replicates} replicates`,
    note:
      "Similarity to best: mean Kruskal similarity of the other replicates to the lowest-error one of their rank (1 = the same factors).",
    table: rows,
    figure: figures,
  });
}

function ltrView(r: LtrFit) {
  const m = r.model, o = r.options;
  const figures: Figure[] = [];
  if (r.history.length >= 2) {
    const it = r.history.map((h) => h.iteration);
    const series = [{ name: "train", x: it, y: r.history.map((h) => h.trainError) }];
    const test = r.history.map((h) => h.testError);
    if (test.every((v) => v !== undefined)) {
      series.push({ name: "held-out", x: it, y: test as number[] });
    }
    figures.push(plotLines(series, {
      title: "Error during fitting",
      xLabel: "Adam step",
      yLabel: "normalised MSE",
      logY: series.every((s) => s.y.every((v) => v > 0)),
      height: 260,
    }));
  }
  figures.push(plotTrialFactors(r.parameters.trialFactors, { title: "Fitted trial factors" }));
  return renderResult({
    title: `Low-tensor-rank RNN fit, rank ${o.rank}`,
    fields: {
      "train error (normalised MSE)": r.trainError,
      "held-out error (normalised MSE)": r.testError ?? "no test mask",
      "train MSE": r.trainMse,
      ...(r.testMse !== null ? { "held-out MSE": r.testMse } : {}),
      "trials × time × neurons": `${m.nTrials} × ${m.nTime} × ${m.nOutputs}`,
      "units, conditions": `${m.nUnits}, ${m.nConditions}`,
      "Adam steps, learning rate": `${o.iterations}, ${o.learningRate}`,
    },
    figure: figures,
  });
}

function formatPercent(x: number): string {
  return `${Number((x * 100).toPrecision(3))}%`;
}

registerView("cpDecomposition", cpView);
registerView("cpRankSweep", sweepView);
registerView("rankSelection", rankSelectionView);
registerView("ltrFit", ltrView);
