// Every seeded function of lib/tensor takes the seeds bootstrap and the permutation tests
// take (integers in [−2^31, 2^32 − 1]); before, NaN, Infinity and 2^32 ran as seed 0 and 1.5 as 1.
import assert from "node:assert/strict";
import { blockMasks, cpAls, cpHals, cpRankSweep, randomMask } from "../../lib/tensor/mod.ts";
import { mulberry32 } from "../../lib/random.ts";

const rng = mulberry32(3);
const T = {
  shape: [6, 5, 4] as [number, number, number],
  data: Float64Array.from({ length: 120 }, () => rng()),
};
const BAD: unknown[] = [NaN, 1.5, Infinity, "7", 2 ** 32, -(2 ** 31) - 1];

Deno.test("cpAls() and cpHals() refuse a seed that is not an integer in [−2^31, 2^32 − 1]", () => {
  for (const seed of BAD) {
    for (const [name, fit] of [["cpAls", cpAls], ["cpHals", cpHals]] as const) {
      assert.throws(() => fit(T, { rank: 2, seed: seed as number, maxIter: 2 }), {
        name: "RangeError",
        message: new RegExp(
          `^Cannot fit (nonnegative )?CP decomposition: \`seed\` must be an integer in \\[-2147483648, 4294967295\\]: got ${
            String(seed).replace(/[.+]/g, "\\$&")
          }$`,
        ),
      }, `${name} ${String(seed)}`);
    }
  }
  // the ends of the range are seeds, and distinct seeds give distinct fits
  const lo = cpAls(T, { rank: 2, seed: -(2 ** 31), maxIter: 3 });
  const hi = cpAls(T, { rank: 2, seed: 2 ** 32 - 1, maxIter: 3 });
  assert.notEqual(lo.relativeError, hi.relativeError);
});

Deno.test("cpRankSweep() checks its seed and reaches every replicate's seed in range", () => {
  assert.throws(
    () => cpRankSweep(T, { ranks: [1], replicates: 1, seed: 0.5, maxIter: 2 }),
    /Cannot run CP rank sweep: `seed` must be an integer in \[-2147483648, 4294967295\]: got 0.5/,
  );
  // replicate seeds seed + 1000·rank + t pass 2^32 here: they wrap, as the generator reads them
  const s = cpRankSweep(T, { ranks: [2], replicates: 2, seed: 2 ** 32 - 1, maxIter: 3 });
  const wrapped = cpAls(T, { rank: 2, seed: (2 ** 32 - 1 + 2000) % 2 ** 32, maxIter: 3 });
  assert.equal(s.table[0]!.relativeError, wrapped.relativeError);
});

Deno.test("randomMask() and blockMasks() refuse a seed that is not an integer in range", () => {
  for (const seed of BAD) {
    assert.throws(
      () => randomMask(20, { seed: seed as number }),
      /Cannot build random mask: `seed` must be an integer in \[-2147483648, 4294967295\]/,
    );
    assert.throws(
      () => blockMasks([6, 5], { seed: seed as number }),
      /Cannot build block masks: `seed` must be an integer in \[-2147483648, 4294967295\]/,
    );
  }
  assert.equal(
    randomMask(20, { fraction: 0.25, seed: 2 ** 32 - 1 }).reduce((a, b) => a + b, 0),
    15,
  );
});
