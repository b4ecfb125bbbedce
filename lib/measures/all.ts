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

export {
  describeMeasure,
  getMeasure,
  listMeasures,
  measureList,
  resolveOptions,
} from "./registry.ts";
