/**
 * Tidy tables of the RSA result kinds (importing this file registers them):
 * an RDM in long format (condition × condition), model evaluations one row per
 * model, fitted weights one row per model, one-row noise ceilings and evaluations.
 *
 * @example An RDM becomes one row per pair of conditions
 * ```ts
 * import "./tables.ts";
 * import { tableOf } from "../../result.ts";
 * import { computeRdm } from "../../rsa/rdm.ts";
 * import assert from "node:assert/strict";
 * const t = tableOf(computeRdm([[0, 0], [2, 0], [0, 4]], { method: "euclidean" }));
 * assert.deepEqual(t.dissimilarity, Float64Array.of(0, 2, 8, 2, 0, 10, 8, 10, 0));
 * assert.deepEqual(t.row!.slice(0, 3), ["0", "0", "0"]);
 * ```
 *
 * @module
 */

import type { ModelFit } from "../../rsa/fit.ts";
import type { NoiseCeiling } from "../../rsa/noise_ceiling.ts";
import type { RdmModelComparison, RsaEvaluation } from "../../rsa/bootstrap.ts";
import type { RdmResult } from "../../rsa/rdm.ts";
import { registerKindTable } from "../kinds.ts";
import { longTable, oneRow, recordsTable } from "../table_kit.ts";

registerKindTable("rdm", (r: RdmResult) =>
  longTable(r.rdm, {
    rowLabels: r.conditions,
    columnLabels: r.conditions,
    valueName: "dissimilarity",
  }));

registerKindTable(
  "noiseCeiling",
  (r: NoiseCeiling) => oneRow({ method: r.method, lower: r.lower, upper: r.upper }),
);

/** One row per model RDM: its index and fitted weight (the fit's similarity is on the result). */
registerKindTable(
  "rsaFit",
  (r: ModelFit) => recordsTable(r.weights.map((weight, model) => ({ model, weight }))),
);

registerKindTable("rsaEvaluation", (r: RsaEvaluation) =>
  oneRow({
    method: r.method,
    bootstrap: r.bootstrap,
    evaluation: r.evaluation,
    se: r.se,
    ciLow: r.ci[0],
    ciHigh: r.ci[1],
    samples: r.samples,
    valid: r.valid,
  }));

/** One row per model: evaluation, SE and CI, with the noise ceiling's bounds (NaN without one). */
registerKindTable(
  "rsaModelComparison",
  (r: RdmModelComparison) =>
    recordsTable(r.models.map((model, i) => ({
      model,
      evaluation: r.evaluations[i]!,
      se: r.se[i]!,
      ciLow: r.ci[i]![0],
      ciHigh: r.ci[i]![1],
      ceilingLower: r.noiseCeiling?.lower ?? null,
      ceilingUpper: r.noiseCeiling?.upper ?? null,
    }))),
);
