/**
 * Tidy tables of the spectral-theory result kinds (importing this file
 * registers them): spectra and alignments one row per mode, learning curves one
 * row per training-set size, sweeps their own tidy rows, predictivity one row
 * per neuron, ridge coefficients in long format.
 *
 * @example A spectrum becomes one row per mode
 * ```ts
 * import "./tables.ts";
 * import { tableOf } from "../../result.ts";
 * import { spectrum } from "../../spectral/spectrum.ts";
 * import assert from "node:assert/strict";
 * const t = tableOf(spectrum([[1, 0], [0, 1], [-1, 0], [0, -1]]));
 * assert.deepEqual(Object.keys(t), ["mode", "eigenvalue", "fraction", "cumulative"]);
 * assert.equal(t.cumulative!.at(-1), 1);
 * ```
 *
 * @module
 */

import type { AlignmentResult } from "../../spectral/alignment.ts";
import type { AnalysisResult } from "../../spectral/analysis.ts";
import type { EmpiricalResult } from "../../spectral/learning_curve.ts";
import type { PredictivityResult } from "../../spectral/predictivity.ts";
import type { RidgeFit } from "../../spectral/ridge.ts";
import type { SpectrumResult } from "../../spectral/spectrum.ts";
import type { SweepResult } from "../../spectral/sweep.ts";
import type { TheoryResult } from "../../spectral/theory.ts";
import type { ResultTable } from "../../result.ts";
import { registerKindTable } from "../kinds.ts";
import { recordsTable } from "../table_kit.ts";

registerKindTable("spectrum", (s: SpectrumResult) => {
  let sum = 0;
  return recordsTable(s.eigenvalues.map((v, k) => {
    sum += v;
    return { mode: k + 1, eigenvalue: v, fraction: v / s.total, cumulative: sum / s.total };
  }));
});

registerKindTable("spectralAlignment", (a: AlignmentResult) => {
  let sum = 0;
  return recordsTable(a.eigenvalues.map((v, k) => {
    sum += a.weights[k]!;
    return { mode: k + 1, eigenvalue: v, weight: a.weights[k]!, cumulativeWeight: sum };
  }));
});

/** One row per training-set size p of the theory's curves. */
function theoryTable(t: TheoryResult): ResultTable {
  return recordsTable(t.ps.map((p, k) => ({
    p,
    kappa: t.kappa[k]!,
    gamma: t.gamma[k]!,
    Eg: t.Eg[k]!,
    Etr: t.Etr[k]!,
    Rem: t.Rem[k]!,
    Dem: t.Dem[k]!,
  })));
}

registerKindTable("spectralTheory", theoryTable);

/** Mean of a row of per-neuron values. */
const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/** One row per training-set size p of the empirical curves (errors; R² and r averaged over neurons). */
function empiricalTable(e: EmpiricalResult): ResultTable {
  return recordsTable(e.ps.map((p, k) => ({
    p,
    genError: e.gen.error[k]!,
    testError: e.test.error[k]!,
    trainError: e.train.error[k]!,
    testR2: mean(e.test.r2[k]!),
    testPearson: mean(e.test.pearson[k]!),
  })));
}

registerKindTable("spectralEmpirical", empiricalTable);

/**
 * Theory and (when computed) empirical learning curves stacked: `source`
 * ("theory" or "empirical"), `p`, generalisation and training error, and the
 * held-out error (NaN for the theory).
 */
registerKindTable("spectralAnalysis", (r: AnalysisResult) => {
  const rows: Record<string, string | number>[] = r.theory.ps.map((p, k) => ({
    source: "theory",
    p,
    genError: r.theory.Eg[k]!,
    trainError: r.theory.Etr[k]!,
    testError: NaN,
  }));
  const e = r.empirical;
  if (e) {
    e.ps.forEach((p, k) =>
      rows.push({
        source: "empirical",
        p,
        genError: e.gen.error[k]!,
        trainError: e.train.error[k]!,
        testError: e.test.error[k]!,
      })
    );
  }
  return recordsTable(rows);
});

registerKindTable("spectralSweep", (s: SweepResult) => recordsTable(s.rows.map((r) => ({ ...r }))));

registerKindTable(
  "ridgePredictivity",
  (s: PredictivityResult) =>
    recordsTable(s.r2.map((r2, n) => ({ neuron: n, r2, pearson: s.pearson[n]! }))),
);

/** Coefficients in long format (feature, output, coefficient), the intercepts as feature "intercept". */
registerKindTable("ridgeFit", (f: RidgeFit) => {
  const rows: Record<string, string | number>[] = [];
  f.coef.forEach((row, i) =>
    row.forEach((c, j) => rows.push({ feature: String(i), output: j, coefficient: c }))
  );
  f.intercept.forEach((c, j) => rows.push({ feature: "intercept", output: j, coefficient: c }));
  return recordsTable(rows);
});
