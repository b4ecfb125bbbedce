/**
 * Every registered measure: importing this module registers them all (the
 * pairwise worker and the CLI import it). Adding a measure = one file under
 * `lib/measures/` plus one line here.
 *
 * @example
 * ```ts
 * import { listMeasures } from "./all.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(listMeasures().map((m) => m.name), [
 *   "linear", "permutation", "cka", "stochastic-gaussian", "stochastic-energy", "conv-linear", "dsa",
 *   "mutual-knn", "cknna", "jaccard-knn", "rank-similarity", "second-order-cosine", "svcca",
 *   "pwcca", "dcor", "eigenspace-overlap", "procrustes-sq", "linreg-r2", "soft-match",
 *   "magnitude-diff", "concentricity-diff", "uniformity-diff", "stochastic-process",
 *   "input-dsa", "controllability",
 * ]);
 * ```
 *
 * @module
 */

import "./linear.ts";
import "./permutation.ts";
import "./cka.ts";
import "./stochastic_gaussian.ts";
import "./stochastic_energy.ts";
import "./conv_linear.ts";
import "./dsa.ts";
import "./mutual_knn.ts";
import "./cknna.ts";
import "./jaccard_knn.ts";
import "./rank_similarity.ts";
import "./second_order_cosine.ts";
import "./svcca.ts";
import "./pwcca.ts";
import "./dcor.ts";
import "./eigenspace_overlap.ts";
import "./procrustes_sq.ts";
import "./linreg_r2.ts";
import "./soft_match.ts";
import "./magnitude_diff.ts";
import "./concentricity_diff.ts";
import "./uniformity_diff.ts";
import "./stochastic_process.ts";
import "./input_dsa.ts";
import "./controllability.ts";

export {
  describeMeasure,
  getMeasure,
  listMeasures,
  measureList,
  resolveOptions,
} from "./registry.ts";
