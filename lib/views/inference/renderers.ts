/**
 * Display of inference results: a bootstrap (its distribution with the
 * estimate and CI), a permutation test (the null distribution and the observed
 * value), a model comparison (scores with CIs, the ceiling, the pairwise
 * tests), a two-factor bootstrap and split-half reliabilities. Importing this
 * file registers the renderers.
 *
 * @module
 */

import type { BootstrapResult } from "../../inference/bootstrap.ts";
import type { ModelComparison } from "../../inference/compare_models.ts";
import type { PermutationResult } from "../../inference/permutation.ts";
import type { SplitHalfResult } from "../../inference/reliability.ts";
import type { TwoFactorResult } from "../../inference/two_factor.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import { plotBars } from "../../display/bars.ts";
import { formatNumber as fmt } from "../../display/format.ts";
import { plotHistogram } from "../../display/histogram.ts";

const ci = (c: readonly [number, number]) => `[${fmt(c[0])}, ${fmt(c[1])}]`;

registerView("bootstrap", (r: BootstrapResult) =>
  renderResult({
    title: `Bootstrap (${r.distribution.length} samples, ${r.interval} interval)`,
    fields: {
      estimate: r.estimate,
      SE: r.se,
      [`${Math.round(r.level * 100)}% CI`]: ci(r.ci),
      draws: r.scheme === "subsample"
        ? `${r.subsampleSize} distinct units without replacement, rescaled to all`
        : "with replacement",
      ...(r.discarded ? { "discarded draws": r.discarded } : {}),
      ...(r.failed ? { "draws that could not be evaluated": r.failed } : {}),
      seed: r.seed,
    },
    ...(r.warning ? { note: `Warning: ${r.warning}` } : {}),
    figure: plotHistogram(r.distribution, {
      title: "Bootstrap distribution",
      markers: [
        { x: r.estimate, label: "estimate" },
        { x: r.ci[0], label: "lo", dashed: true },
        { x: r.ci[1], label: "hi", dashed: true },
      ],
    }),
  }));

registerView("permutationTest", (r: PermutationResult) =>
  renderResult({
    title: `Permutation test (${r.permutations} permutations, ${r.alternative})`,
    fields: { observed: r.observed, "p-value": r.pValue, seed: r.seed },
    note: r.alternative === "greater"
      ? "p = (1 + #{null ≥ observed}) / (N + 1)"
      : "p = (1 + #{null ≤ observed}) / (N + 1)",
    figure: plotHistogram(r.distribution, {
      title: `Null distribution (p = ${fmt(r.pValue)})`,
      markers: [{ x: r.observed, label: "observed" }],
    }),
  }));

registerView("modelComparison", (r: ModelComparison) => {
  // a model whose CI is unreliable says so in a column of its own (p-values are for pairs)
  const warned = r.models.some((m) => m.warning);
  return renderResult({
    title: `Model comparison (${r.samples} bootstrap samples, ${r.interval} ${
      Math.round(r.level * 100)
    }% intervals)`,
    fields: r.ceiling === null ? {} : { "noise ceiling": r.ceiling },
    table: [
      ...r.models.map((m) => ({
        comparison: m.name,
        estimate: m.estimate,
        SE: m.se,
        CI: ci(m.ci),
        "p-value": "",
        ...(r.ceiling === null ? {} : { "relative to ceiling": m.relative ?? "" }),
        ...(warned ? { note: m.warning ? "CI unreliable: biased under resampling" : "" } : {}),
      })),
      ...r.differences.map((d) => ({
        comparison: `${d.a} − ${d.b}`,
        estimate: d.estimate,
        SE: d.se,
        CI: ci(d.ci),
        "p-value": d.pValue,
        ...(r.ceiling === null ? {} : { "relative to ceiling": "" }),
        ...(warned ? { note: "" } : {}),
      })),
    ],
    figure: plotBars(r.models.map((m) => m.estimate), {
      title: r.ceiling === null
        ? "Model scores with confidence intervals"
        : `Model scores with confidence intervals (noise ceiling ${fmt(r.ceiling)})`,
      labels: r.models.map((m) => m.name),
      lower: r.models.map((m) => m.ci[0]),
      upper: r.models.map((m) => m.ci[1]),
      valueLabel: "score",
      ...(r.ceiling === null ? {} : { reference: { value: r.ceiling, label: "noise ceiling" } }),
    }),
  });
});

registerView("twoFactorBootstrap", (r: TwoFactorResult) =>
  renderResult({
    title: "Two-factor bootstrap (corrected variance 2(V₁ + V₂) − V_both)",
    fields: {
      estimate: r.estimate,
      SE: r.se,
      [`${Math.round(r.level * 100)}% CI (normal)`]: ci(r.ci),
      "SE, first factor alone": r.seFirst,
      "SE, second factor alone": r.seSecond,
      "SE, both (uncorrected)": r.seBoth,
    },
    figure: plotBars([r.seFirst, r.seSecond, r.seBoth, r.se], {
      title: "Standard error by what is resampled",
      labels: ["first factor", "second factor", "both (uncorrected)", "corrected"],
      valueLabel: "SE",
    }),
  }));

registerView("splitHalfReliability", (r: SplitHalfResult) =>
  renderResult({
    title: `Split-half reliability of ${r.reliability.length} units (${r.splits} splits)`,
    fields: {
      "mean reliability (Spearman–Brown)": r.reliability.reduce((a, b) => a + b, 0) /
        r.reliability.length,
    },
    figure: plotBars(r.reliability, {
      title: "Spearman–Brown corrected split-half reliability",
      valueLabel: "reliability",
    }),
  }));
