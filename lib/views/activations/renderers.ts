/**
 * Rich display of the mid-range-activation results (`lib/activations`): the
 * composition of each activation bin as stacked bars, sorted similarity
 * matrices with their attribute blocks outlined, rows of sample images per
 * bin, and the ERM / random / MID / oracle tables. Importing this module
 * registers the renderers of `activationAnalysis`, `sortedRsm`, `midSelection`,
 * `groupAccuracy`, `logisticFit`, `lastLayerFit`, `midExperiment` and `midBenchmark`.
 *
 * @example A group-accuracy result displays as a table
 * ```ts
 * import "./renderers.ts";
 * import { groupAccuracy } from "../../activations/groups.ts";
 * import assert from "node:assert/strict";
 * const r = groupAccuracy([0, 0, 1, 0], [0, 0, 1, 1], [0, 1, 1, 0]);
 * // deno-lint-ignore no-explicit-any
 * const bundle = (r as any)[Symbol.for("Jupyter.display")]();
 * assert.match(bundle["text/plain"], /worst group\s+class 1, attribute 0/);
 * assert.match(bundle["text/html"], /<table/);
 * ```
 *
 * @module
 */

import type { ActivationAnalysis } from "../../activations/composition.ts";
import type { LastLayerFit } from "../../activations/curation.ts";
import type { GroupAccuracy } from "../../activations/groups.ts";
import type { LogisticFit } from "../../activations/logistic.ts";
import type { MidSelection } from "../../activations/mid.ts";
import type { SortedRsm } from "../../activations/rsm.ts";
import type { MidExperiment } from "../../activations/experiment.ts";
import type { MeanSd, MidBenchmark } from "../../activations/benchmark.ts";
import { registerView } from "../kinds.ts";
import { plotBars } from "../../display/bars.ts";
import { plotHeatmap } from "../../display/heatmap.ts";
import { type BinAnalysis, compositionFactor, plotBinComposition } from "./bin_composition.ts";
import { renderResult } from "../../display/bundle.ts";
import { formatNumber } from "../../display/format.ts";
import { plotSortedRsm } from "./sorted_rsm.ts";

const METHOD_NAMES = {
  erm: "ERM",
  random: "random subset",
  mid: "MID-curated",
  oracle: "oracle (DFR)",
};
const pm = (m: MeanSd, d = 3) => `${m.mean.toFixed(d)} ± ${m.sd.toFixed(d)}`;
const methods = Object.keys(METHOD_NAMES) as (keyof typeof METHOD_NAMES)[];

registerView("activationAnalysis", (a: ActivationAnalysis) => {
  const { factor, levels } = compositionFactor(a, {}, "Cannot display activation analysis");
  const row = (
    label: string,
    c: BinAnalysis["topK"] | BinAnalysis["bins"][number],
    from?: number,
    to?: number,
  ) => ({
    bin: label,
    from,
    to,
    n: c.n,
    ...Object.fromEntries(levels.map((l, k) => [l, c.fractions[factor]![k]])),
  });
  return renderResult({
    title: `Activation analysis: ${a.bins.length} ${a.rule} bins, composition by ${factor}`,
    table: [
      ...a.bins.map((c, b) => row(String(b + 1), c, a.edges[b], a.edges[b + 1])),
      row(`top ${a.topK.k}`, a.topK),
    ],
    figure: plotBinComposition(a),
    digits: 3,
  });
});

registerView("sortedRsm", (s: SortedRsm) => {
  const names = s.boundaries.map((_, l) => `level ${l}`);
  return renderResult({
    title: `Sorted RSM (${s.metric}), ${s.matrix.rows} samples: mean similarity between blocks`,
    table: s.blockMeans.map((row, i) => ({
      block: names[i],
      ...Object.fromEntries(row.map((v, j) => [names[j]!, v ?? "–"])),
    })),
    figure: plotSortedRsm(s),
    digits: 3,
  });
});

registerView("midSelection", (s: MidSelection) => {
  const fields: Record<string, unknown> = {
    "MIDs": `${s.indices.length} of ${s.isMid.length} (${
      formatNumber(100 * s.indices.length / s.isMid.length, 3)
    }%)`,
    "score": s.variant === "margin" ? "binary margin (logit 1 − logit 0)" : "own-class logit",
  };
  s.bands.forEach((b, k) => {
    fields[s.bands.length > 1 ? `band, class ${k}` : "band"] = `[${formatNumber(b.lo)}, ${
      formatNumber(b.hi)
    }] of range [${formatNumber(b.min)}, ${formatNumber(b.max)}]`;
  });
  return renderResult({ title: "Mid-range samples (MIDs)", fields });
});

const groupView = (g: GroupAccuracy) => ({
  fields: {
    "mean accuracy": g.meanAccuracy,
    "worst-group accuracy": g.worstGroupAccuracy,
    "worst group": `class ${g.worstGroup.class}, attribute ${g.worstGroup.attribute}`,
  },
  table: g.groups.map((x) => ({ ...x })),
  figure: plotBars(g.groups.map((x) => x.accuracy), {
    title: `Accuracy per group (worst ${formatNumber(g.worstGroupAccuracy)})`,
    labels: g.groups.map((x) => `class ${x.class}, attr ${x.attribute} (n = ${x.n})`),
    groups: g.groups.map((x) => `class ${x.class}`),
    valueLabel: "accuracy",
    reference: { value: g.meanAccuracy, label: "mean accuracy" },
  }),
});
registerView(
  "groupAccuracy",
  (g: GroupAccuracy) => renderResult({ title: "Group accuracy", ...groupView(g) }),
);

/** Largest coefficient matrix drawn as a heatmap (entries). */
const MAX_COEF_CELLS = 250_000;

/** Heatmap of classifier weights: classes × features. */
function coefficientHeatmap(f: { coef: number[][] }) {
  const cells = f.coef.length * (f.coef[0]?.length ?? 0);
  if (cells === 0 || cells > MAX_COEF_CELLS || !f.coef.flat().every(Number.isFinite)) {
    return undefined;
  }
  const m = Math.max(...f.coef.flat().map(Math.abs));
  return plotHeatmap(f.coef, {
    title: "Weights (class × feature)",
    rowLabels: f.coef.map((_, c) => `class ${c}`),
    legendLabel: "weight",
    scheme: "rdbu",
    ...(m > 0 ? { domain: [-m, m] as const } : {}),
  });
}

registerView("logisticFit", (f: LogisticFit) => {
  return renderResult({
    title: `Logistic regression (${f.penalty}, C = ${formatNumber(f.C)})`,
    fields: {
      classes: f.nClasses,
      features: f.coef[0]?.length ?? 0,
      solver: f.solver,
      iterations: f.iterations,
      converged: f.converged,
    },
    figure: coefficientHeatmap(f),
  });
});

registerView("lastLayerFit", (f: LastLayerFit) => {
  return renderResult({
    title: `Retrained last layer (${f.penalty}, C = ${formatNumber(f.C)})`,
    fields: {
      classes: f.nClasses,
      features: f.coef[0]?.length ?? 0,
      "group sizes": f.groupSizes.join(", "),
      "samples per group": f.perGroup,
      resamples: f.resamples,
      converged: f.converged,
    },
    figure: coefficientHeatmap(f),
  });
});

registerView("midExperiment", (e: MidExperiment) => {
  return renderResult({
    title: "MID experiment: test accuracy per method",
    fields: {
      MIDs: e.mids.count,
      "MID minority fraction": e.mids.minorityFraction,
      "held-out base rate": e.mids.baseRate,
      "top-decile aligned fraction": e.deciles.topAlignedFraction,
    },
    table: methods.map((m) => ({
      method: METHOD_NAMES[m],
      "mean accuracy": e.methods[m].meanAccuracy,
      "worst-group accuracy": e.methods[m].worstGroupAccuracy,
      "worst group": `class ${e.methods[m].worstGroup.class}, attribute ${
        e.methods[m].worstGroup.attribute
      }`,
    })),
    figure: plotBars(e.deciles.minorityFraction, {
      title: "Minority fraction per logit decile (held-out)",
      labels: e.deciles.minorityFraction.map((_, b) => String(b + 1)),
      valueLabel: "minority fraction",
    }),
    digits: 3,
  });
});

registerView("midBenchmark", (b: MidBenchmark) => {
  return renderResult({
    title: `MID benchmark: ${b.data}, ${b.model}, ${b.seeds} seed${
      b.seeds > 1 ? "s" : ""
    }, correlation ${b.correlation}`,
    fields: {
      "train / held-out / test": `${b.n_train} / ${b.n_heldout} / ${b.n_test}`,
      "MID minority fraction": pm(b.mid_minority_fraction),
      "held-out base rate": pm(b.base_rate),
      "MIDs per seed": pm(b.mid_count, 1),
      "top-decile aligned fraction": pm(b.top_decile_aligned_fraction),
    },
    table: methods.map((m) => ({
      method: METHOD_NAMES[m],
      "mean accuracy": pm(b[m].mean_accuracy),
      "worst-group accuracy": pm(b[m].worst_group_accuracy),
    })),
    figure: plotBars(methods.map((m) => b[m].worst_group_accuracy.mean), {
      title: "Worst-group test accuracy (mean ± sd over seeds)",
      labels: methods.map((m) => METHOD_NAMES[m]),
      lower: methods.map((m) => b[m].worst_group_accuracy.mean - b[m].worst_group_accuracy.sd),
      upper: methods.map((m) => b[m].worst_group_accuracy.mean + b[m].worst_group_accuracy.sd),
      valueLabel: "worst-group accuracy",
      orientation: "horizontal",
    }),
  });
});
