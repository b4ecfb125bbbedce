/**
 * The DMD fit options carried inside the larger option objects of DSA.
 *
 * @module
 */

import type { DmdOptions } from "./dmd.ts";

/**
 * The {@link DmdOptions} fields of a larger options object, leaving out those
 * that are undefined (so `fitDmd` applies its own defaults).
 *
 * @param options Any options object that extends {@link DmdOptions}.
 * @returns A new object with only the DMD fields that were given.
 *
 * @example Score options are left out
 * ```ts
 * import { pickDmdOptions } from "./dmd_options.ts";
 * import assert from "node:assert/strict";
 * const opts = { nDelays: 3, rank: undefined, iters: 500 };
 * assert.deepEqual(pickDmdOptions(opts), { nDelays: 3 });
 * ```
 */
export function pickDmdOptions(options: DmdOptions): DmdOptions {
  const { nDelays, delayInterval, rank, rankThreshold, explainedVariance, ridge, center, scale } =
    options;
  const out: DmdOptions = {
    nDelays,
    delayInterval,
    rank,
    rankThreshold,
    explainedVariance,
    ridge,
    center,
    scale,
  };
  for (const key of Object.keys(out) as (keyof DmdOptions)[]) {
    if (out[key] === undefined) delete out[key];
  }
  return out;
}
