/**
 * RSA views: importing this module registers the renderers of the RSA result
 * kinds (`rdm`, `noiseCeiling`, `rsaFit`, `rsaEvaluation`, `rsaModelComparison`), so
 * they display as figures or tables in Jupyter.
 *
 * @example An RDM result displays as a heatmap
 * ```ts
 * import "./mod.ts";
 * import { computeRdm } from "../../rsa/mod.ts";
 * import assert from "node:assert/strict";
 * const r = computeRdm([[0, 0], [1, 0], [0, 3]]);
 * // deno-lint-ignore no-explicit-any
 * const bundle = (r as any)[Symbol.for("Jupyter.display")]();
 * assert.match(bundle["image/svg+xml"], /^<svg/);
 * assert.match(bundle["text/plain"], /RDM \(euclidean\)/);
 * ```
 *
 * @module
 */

import { plotBars } from "../../display/bars.ts";
import { renderResult } from "../../display/bundle.ts";
import { formatNumber } from "../../display/format.ts";
import { registerView } from "../kinds.ts";
import type { RdmModelComparison, RdmResult } from "../../rsa/mod.ts";
import { plotRdm, plotRdmModelComparison } from "./figures.ts";

export * from "./figures.ts";

registerView("rdm", (res: RdmResult) => {
  return renderResult({
    title: `RDM (${res.method})`,
    fields: { conditions: res.conditions.length },
    figure: plotRdm(res),
  });
});

registerView("noiseCeiling", (r) =>
  renderResult({
    title: `Noise ceiling (${r.method})`,
    fields: { lower: r.lower, upper: r.upper },
  }));

registerView("rsaFit", (r) =>
  renderResult({
    title: `Weighted model (${r.method}, ${r.fitter})`,
    fields: { similarity: r.similarity },
    table: r.weights.map((w, i) => ({ model: i, weight: w })),
    figure: r.weights.length
      ? plotBars(r.weights, {
        title: `Model weights (similarity ${r.similarity.toPrecision(4)})`,
        labels: r.weights.map((_, i) => `model ${i}`),
        valueLabel: "weight",
      })
      : undefined,
  }));

registerView("rsaEvaluation", (r) =>
  renderResult({
    title: `Model evaluation (${r.method}, ${r.bootstrap} bootstrap)`,
    fields: {
      evaluation: r.evaluation,
      se: r.se,
      "95% CI (percentile)": `[${r.ci.map((x) => x.toPrecision(4)).join(", ")}]`,
      samples: `${r.valid} of ${r.samples}`,
    },
  }));

registerView("rsaModelComparison", (res: RdmModelComparison) => {
  return renderResult({
    title: `Model comparison (${res.method}, ${res.bootstrap} bootstrap)`,
    table: res.models.map((name, i) => ({
      model: name,
      evaluation: res.evaluations[i],
      se: res.se[i],
      "ci low": res.ci[i]![0],
      "ci high": res.ci[i]![1],
    })),
    figure: plotRdmModelComparison(res),
    ...(res.noiseCeiling
      ? {
        note: `noise ceiling [${formatNumber(res.noiseCeiling.lower)}, ${
          formatNumber(res.noiseCeiling.upper)
        }]`,
      }
      : {}),
  });
});
