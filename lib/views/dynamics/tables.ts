/**
 * Tidy tables of the dynamics result kinds (importing this file registers
 * them): eigenvalues one row per mode, sweeps one row per setting, DSA and
 * similarity-transform scores one row, DSA matrices in long format.
 *
 * @example A DMD fit becomes one row per eigenvalue
 * ```ts
 * import "./tables.ts";
 * import { tableOf } from "../../result.ts";
 * import { fitDmd } from "../../dynamics/dmd.ts";
 * import assert from "node:assert/strict";
 * const X = Array.from({ length: 40 }, (_, t) => [Math.cos(0.3 * t), Math.sin(0.3 * t)]);
 * const t = tableOf(fitDmd(X, { rank: 2 }));
 * assert.deepEqual(Object.keys(t), ["mode", "re", "im", "abs", "angle"]);
 * assert.ok(Math.abs((t.abs as Float64Array)[0]! - 1) < 1e-6);
 * ```
 *
 * @module
 */

import type { DmdFit } from "../../dynamics/dmd.ts";
import type { DmdcFit } from "../../dynamics/dmdc.ts";
import type { DmdModes } from "../../dynamics/modes.ts";
import type { DmdPrediction } from "../../dynamics/predict.ts";
import type { DsaResult } from "../../dynamics/dsa.ts";
import type { DsaMatrix } from "../../dynamics/pairwise.ts";
import type { InputDsaResult } from "../../dynamics/input_dsa.ts";
import type { SubspaceDmdcFit } from "../../dynamics/subspace_dmdc.ts";
import type { CleanedWassersteinResult, DmdResiduals } from "../../dynamics/residual.ts";
import type { SimilarityResult } from "../../dynamics/similarity.ts";
import type { DmdSweepResult } from "../../dynamics/sweep.ts";
import type { WassersteinResult } from "../../dynamics/wasserstein.ts";
import type { ResultTable } from "../../result.ts";
import { registerKindTable } from "../kinds.ts";
import { longTable, oneRow, recordsTable, type TableCell } from "../table_kit.ts";

/** One row per eigenvalue: mode (0-based), re, im, |λ|, arg λ (radians per step). */
function eigenTable(e: { re: ArrayLike<number>; im: ArrayLike<number> }): ResultTable {
  return recordsTable(Array.from(e.re, (re, k) => {
    const im = e.im[k]!;
    return { mode: k, re, im, abs: Math.hypot(re, im), angle: Math.atan2(im, re) };
  }));
}

registerKindTable("dmd", (r: DmdFit) => eigenTable(r.eigenvalues));
registerKindTable("dmdc", (r: DmdcFit) => eigenTable(r.eigenvalues));
registerKindTable("subspaceDmdc", (r: SubspaceDmdcFit) => eigenTable(r.eigenvalues));

/** One row per system (X, Y): the eigenvalues of its state operator A, beside the distances. */
registerKindTable("inputDsa", (r: InputDsaResult) => {
  const [x, y] = r.eigenvalues;
  const rows: Record<string, string | number>[] = [];
  for (const [system, e] of [["X", x], ["Y", y]] as const) {
    for (let k = 0; k < e.re.length; k++) {
      rows.push({
        system,
        index: k,
        re: e.re[k]!,
        im: e.im[k]!,
        distance: r.distance,
        compare: r.compare,
        score: r.score,
      });
    }
  }
  return recordsTable(rows);
});

registerKindTable("dmdModes", (m: DmdModes) => {
  const rows: Record<string, number>[] = [];
  for (let k = 0; k < m.re.cols; k++) {
    for (let i = 0; i < m.re.rows; i++) {
      rows.push({
        mode: k,
        coordinate: i,
        re: m.re.data[i * m.re.cols + k]!,
        im: m.im.data[i * m.im.cols + k]!,
      });
    }
  }
  return recordsTable(rows);
});

registerKindTable("dmdSweep", (r: DmdSweepResult) =>
  recordsTable(r.cells.map((c) => ({
    ...c,
    best: c.nDelays === r.best.nDelays && c.rank === r.best.rank,
  }))));

registerKindTable(
  "dmdPrediction",
  (r: DmdPrediction) => oneRow({ r2: r.r2, mse: r.mse, predicted: r.predicted, steps: r.steps }),
);

/** The scalar facts of a similarity-transform search. */
function similarityCells(s: SimilarityResult): Record<string, TableCell> {
  return {
    angular: s.angular,
    euclidean: s.euclidean,
    lowerBound: s.lowerBound,
    determinant: s.determinant,
    iterations: s.iterations,
    starts: s.starts,
    startsAtBest: s.startsAtBest,
    stopReason: s.stopReason,
    converged: s.converged,
  };
}

registerKindTable(
  "similarityTransform",
  (s: SimilarityResult) => oneRow({ distance: s.distance, score: s.score, ...similarityCells(s) }),
);

registerKindTable("dsa", (r: DsaResult) =>
  oneRow({
    distance: r.distance,
    score: r.score,
    rankX: r.ranks[0],
    rankY: r.ranks[1],
    ...(r.similarity ? similarityCells(r.similarity) : {}),
    ...(r.wasserstein ? { eigenvaluesMatched: r.wasserstein.size } : {}),
  }));

registerKindTable(
  "wassersteinEigenvalues",
  (w: WassersteinResult) => oneRow({ score: w.score, size: w.size }),
);

registerKindTable("dsaMatrix", (r: DsaMatrix) => longTable(r.matrix, { valueName: "distance" }));

registerKindTable("dmdResiduals", (r: DmdResiduals) => {
  const t = eigenTable(r);
  t.residual = Float64Array.from(r.residuals);
  return t;
});

/** The kept eigenvalues of both systems (mode: index in the full spectrum), with the score. */
registerKindTable(
  "cleanedWasserstein",
  (r: CleanedWassersteinResult) =>
    recordsTable(r.cleaned.flatMap((c, s) =>
      Array.from(c.re, (re, k) => ({
        system: s === 0 ? "X" : "Y",
        mode: c.kept[k]!,
        re,
        im: c.im[k]!,
        residual: c.residuals[k]!,
        score: r.score,
      }))
    )),
);
