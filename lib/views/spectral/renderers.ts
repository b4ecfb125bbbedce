/**
 * Displays of the spectral-theory results (`lib/spectral`): renderers for
 * `spectrum`, `spectralAlignment`, `spectralTheory`, `spectralEmpirical`,
 * `spectralAnalysis`, `spectralSweep`, `ridgePredictivity` and `ridgeFit`
 * (text, an HTML table of the key numbers and figures), registered when this
 * module is imported; and the figures: `plotSpectrum` (λᵢ and Wᵢ, log–log),
 * `plotLearningCurve` (theory line, empirical dots with a band over subsets),
 * `plotErrorModes` (W̃ᵢ(p) for several p), `plotErrorGeometry` (models in the
 * (R_em, √D_em) plane with iso-error contours) and `plotTheoryVsEmpirical`.
 *
 * Log axes never show a silent gap: negative values and NaN are errors, and
 * zeros (null modes, modes without target power, perfectly learned targets) or
 * infinities (ridgeless theory at p = rank) are left out and counted in each
 * figure's text summary.
 *
 * @example A spectrum displays with its key numbers and a log–log figure
 * ```ts
 * import "./renderers.ts";
 * import { spectrum } from "../../spectral/spectrum.ts";
 * import assert from "node:assert/strict";
 * const s = spectrum([[3, 0], [0, 0], [0, 0], [0, 2]], { center: false });
 * // deno-lint-ignore no-explicit-any
 * const b = (s as any)[Symbol.for("Jupyter.display")]();
 * assert.match(b["text/plain"], /^Eigenspectrum \(P = 4, M = 2\)\n/);
 * assert.match(b["text/plain"], /ED \(participation ratio\)\s+1\.742/);
 * assert.match(b["image/svg+xml"], /^<svg /);
 * ```
 *
 * @module
 */

import { registerView } from "../kinds.ts";
import type { AlignmentResult } from "../../spectral/alignment.ts";
import type { AnalysisResult } from "../../spectral/analysis.ts";
import type { EmpiricalResult } from "../../spectral/learning_curve.ts";
import type { SpectrumResult } from "../../spectral/spectrum.ts";
import type { SweepResult } from "../../spectral/sweep.ts";
import type { TheoryResult } from "../../spectral/theory.ts";
import { renderResult } from "../../display/bundle.ts";
import type { Figure } from "../../display/figure.ts";
import { formatNumber } from "../../display/format.ts";
import { plotErrorGeometry } from "./geometry.ts";
import { plotLearningCurve } from "./learning.ts";
import { plotErrorModes } from "./modes.ts";
import { plotSpectrum } from "./spectrum.ts";
import "./ridge.ts";

const mean = (a: readonly number[]) => a.reduce((u, v) => u + v, 0) / a.length;

function alignmentFields(a: AlignmentResult): Record<string, unknown> {
  return {
    "rank r": a.rank,
    "ED model (λ)": a.edModel,
    "ED alignment (W)": a.edAlignment,
    "ED neural (Y Yᵀ)": a.edNeural,
    "out-of-span power W_null": a.outOfSpan,
    "target power T": a.targetPower,
    "modes to 99% of λ": a.tailModel.modesToLevel,
    "modes to 99% of W": a.tailAlignment.modesToLevel,
  };
}

function theoryRows(t: TheoryResult) {
  return t.ps.map((p, k) => ({
    p,
    "E_g": t.Eg[k],
    "E_tr": t.Etr[k],
    "R_em": t.Rem[k],
    "D_em": t.Dem[k],
    "κ": t.kappa[k],
    "γ": t.gamma[k],
  }));
}

function empiricalRows(e: EmpiricalResult) {
  return e.ps.map((p, k) => ({
    p,
    "gen error": e.gen.error[k],
    "test error": e.test.error[k],
    "train error": e.train.error[k],
    "test R² (mean)": mean(e.test.r2[k]!),
    "test r (mean)": mean(e.test.pearson[k]!),
  }));
}

/** The training-set size of the grid nearest 0.6·P (the paper's reference split). */
function referenceP(ps: readonly number[], P: number): number {
  return ps.reduce((best, p) => (Math.abs(p - 0.6 * P) < Math.abs(best - 0.6 * P) ? p : best));
}

registerView("spectrum", (s: SpectrumResult) => {
  return renderResult({
    title: `Eigenspectrum (P = ${s.P}, M = ${s.M})`,
    fields: {
      "rank r": s.rank,
      [s.centered ? "total variance Σλ" : "second moment Σλ"]: s.total,
      "λ_1": s.eigenvalues[0],
      "ED (participation ratio)": s.ed,
      "modes to 99%": s.tail.modesToLevel,
      "tail ratio": s.tail.tailRatio,
    },
    figure: plotSpectrum(s),
  });
});

registerView("spectralAlignment", (a: AlignmentResult) => {
  return renderResult({
    title: `Spectral alignment (P = ${a.P}, M = ${a.M}, N = ${a.N})`,
    fields: alignmentFields(a),
    figure: plotSpectrum(a),
  });
});

registerView("spectralTheory", (t: TheoryResult) => {
  const figures: Figure[] = [plotLearningCurve(t, null, { title: "Theoretical learning curve" })];
  if (t.errorModes) figures.push(plotErrorModes(t));
  return renderResult({
    title: `Theoretical learning curve (P = ${t.P}, ridge λ_reg = ${formatNumber(t.ridge)})`,
    note: "Errors normalised by the target power; E_g = R_em·√D_em.",
    table: theoryRows(t),
    figure: figures,
  });
});

registerView("spectralEmpirical", (e: EmpiricalResult) => {
  return renderResult({
    title: `Empirical ridge learning curve (P = ${e.P}, M = ${e.M}, N = ${e.N})`,
    fields: {
      "ridge λ_reg": e.ridge,
      "subsets per p": e.subsets,
      seed: e.seed,
      centred: e.centered,
      "solves (Cholesky / pinv)": `${e.solves.cholesky} / ${e.solves.pinv}`,
    },
    table: empiricalRows(e),
    figure: plotLearningCurve(null, e, { title: "Empirical learning curve" }),
  });
});

registerView("spectralAnalysis", (r: AnalysisResult) => {
  const { alignment: a, theory: t, empirical: e } = r;
  const rows = t.ps.map((p, k) => ({
    p,
    "E_g theory": t.Eg[k],
    ...(e ? { "E_g empirical": e.gen.error[k], "test R²": mean(e.test.r2[k]!) } : {}),
    "R_em": t.Rem[k],
    "D_em": t.Dem[k],
  }));
  const figures = [plotSpectrum(a), plotLearningCurve({ theory: t, empirical: e })];
  if (t.errorModes) figures.push(plotErrorModes({ theory: t, alignment: a }));
  return renderResult({
    title: `Spectral analysis (P = ${a.P}, M = ${a.M}, N = ${a.N}, ridge λ_reg = ${
      formatNumber(t.ridge)
    })`,
    fields: alignmentFields(a),
    table: rows,
    figure: figures,
  });
});

registerView("spectralSweep", (s: SweepResult) => {
  const ps = [...new Set(s.rows.map((row) => row.p))];
  const pRef = referenceP(ps, s.P);
  const at = s.rows.filter((row) => row.p === pRef);
  const empirical = at.every((row) => row.genError !== null);
  const curves = s.layers.map((name) => {
    const mine = s.rows.filter((row) => row.layer === name);
    const ps = mine.map((row) => row.p);
    return {
      name,
      theory: { P: s.P, ps, Eg: mine.map((row) => row.Eg) },
      empirical: empirical
        ? { P: s.P, ps, gen: { error: mine.map((row) => row.genError!) } }
        : null,
    };
  });
  return renderResult({
    title: `Layer sweep (${s.layers.length} layers, P = ${s.P}; table at p = ${pRef} ≈ 0.6P)`,
    table: at.map((row) => ({
      layer: row.layer,
      M: row.M,
      rank: row.rank,
      "ED model": row.edModel,
      "ED W": row.edAlignment,
      "E_g theory": row.Eg,
      ...(empirical ? { "E_g empirical": row.genError, "test R²": row.testR2 } : {}),
      "R_em": row.Rem,
      "√D_em": Math.sqrt(row.Dem),
    })),
    figure: [
      plotLearningCurve(curves, null, { title: "Learning curves by layer" }),
      plotErrorGeometry(at.map((row) => ({ Rem: row.Rem, Dem: row.Dem, label: row.layer })), {
        title: `Error-mode geometry at p = ${pRef}`,
        connect: true,
      }),
    ],
  });
});
