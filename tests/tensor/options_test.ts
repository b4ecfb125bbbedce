// The tensor functions refuse option keys they do not read (`cpAls({ seeed })` ran seed 0
// before) and give a clear error for null options.
import assert from "node:assert/strict";
import {
  asTensor3,
  blockMasks,
  cpAls,
  cpHals,
  cpRankSweep,
  cpScore,
  kruskalSimilarity,
  randomMask,
  reconstructionError,
} from "../../lib/tensor/mod.ts";
import { mulberry32 } from "../../lib/random.ts";

// deno-lint-ignore no-explicit-any
type AnyOptions = any;
const rng = mulberry32(5);
const T = {
  shape: [4, 3, 3] as [number, number, number],
  data: Float64Array.from({ length: 36 }, () => rng()),
};
const CP = "rank, mask, restarts, seed, maxIter, tol, init, onProgress";

Deno.test("cpAls() and cpHals() refuse a misspelt option, listing the options", () => {
  assert.throws(() => cpAls(T, { rank: 2, seeed: 5 } as AnyOptions), {
    name: "TypeError",
    message: `Cannot fit CP decomposition: \`seeed\` is not an option (options: ${CP})`,
  });
  assert.throws(
    () => cpHals(T, { rank: 2, maxiter: 5 } as AnyOptions),
    /Cannot fit nonnegative CP decomposition: `maxiter` is not an option/,
  );
  assert.throws(() => cpAls(T, null as AnyOptions), /`options` must be an object with a `rank`/);
});

Deno.test("cpRankSweep() refuses unknown keys, the per-fit `rank`, and a non-boolean `nonnegative`", () => {
  assert.throws(
    () => cpRankSweep(T, { ranks: [1], rank: 2 } as AnyOptions),
    {
      name: "TypeError",
      message:
        "Cannot run CP rank sweep: `rank` is not an option (options: ranks, replicates, seed, nonnegative, mask, maxIter, tol, onProgress)",
    },
  );
  assert.throws(
    () => cpRankSweep(T, { ranks: [1], nonnegative: "no" } as AnyOptions),
    {
      name: "TypeError",
      message: 'Cannot run CP rank sweep: `nonnegative` must be a boolean: got "no"',
    },
  );
  assert.throws(
    () => cpRankSweep(T, null as AnyOptions),
    /Cannot run CP rank sweep: `options` must be an object with `ranks`: got null/,
  );
});

Deno.test("scores, masks and tensor helpers refuse unknown option keys", () => {
  const fit = cpAls(T, { rank: 1, maxIter: 3 });
  const cases: [string, () => unknown][] = [
    ["Cannot score CP fit: `msk`", () => cpScore(fit, T, { msk: [] } as AnyOptions)],
    [
      "Cannot score reconstruction: `msk`",
      () => reconstructionError(T, T, { msk: [] } as AnyOptions),
    ],
    [
      "Cannot compare Kruskal tensors: `mode`",
      () => kruskalSimilarity(fit.factors, fit.factors, { mode: [0] } as AnyOptions),
    ],
    ["Cannot build block masks: `seeds`", () => blockMasks([4, 3], { seeds: 1 } as AnyOptions)],
    ["Cannot build random mask: `frac`", () => randomMask(10, { frac: 0.5 } as AnyOptions)],
    ["Cannot read tensor: `finit`", () => asTensor3(T, "T", { finit: false } as AnyOptions)],
  ];
  for (const [start, call] of cases) {
    assert.throws(call, (e: Error) => e instanceof TypeError && e.message.startsWith(start), start);
  }
  assert.throws(() => randomMask(10, null as AnyOptions), /`options` must be an object: got null/);
  assert.equal(cpScore(fit, T, {}).relativeError, fit.relativeError);
});
