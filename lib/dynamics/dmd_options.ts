/**
 * The DMD fit options carried inside the larger option objects of DSA.
 *
 * @module
 */

import type { DmdOptions } from "./dmd.ts";
import { DMD_OPTIONS } from "./option_kinds.ts";

/** The {@link DmdOptions} keys, as declared (and checked complete) in `DMD_OPTIONS`. */
const DMD_KEYS = Object.keys(DMD_OPTIONS) as (keyof DmdOptions)[];

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
  const out: Record<string, unknown> = {};
  for (const key of DMD_KEYS) {
    if (options[key] !== undefined) out[key] = options[key];
  }
  return out as DmdOptions;
}

/**
 * A copy of a larger options object without its {@link DmdOptions} fields (the
 * complement of {@link pickDmdOptions}): what is left for scoring.
 *
 * @param options Any options object that extends {@link DmdOptions}.
 * @returns A new object with every other field, undefined ones included.
 *
 * @example Only the score options remain
 * ```ts
 * import { omitDmdOptions } from "./dmd_options.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(omitDmdOptions({ nDelays: 3, rank: 2, score: "angular" }), { score: "angular" });
 * ```
 */
export function omitDmdOptions<T extends DmdOptions>(options: T): Omit<T, keyof DmdOptions> {
  const out = { ...options } as Record<string, unknown>;
  for (const key of DMD_KEYS) delete out[key];
  return out as Omit<T, keyof DmdOptions>;
}
