// evalBootstrap() and compareRdmModels() take the seeds the generic bootstrap takes: 2^32
// aliased seed 0 before.
import assert from "node:assert/strict";
import { evalBootstrap } from "../../lib/rsa/mod.ts";
import { splitHalfReliability } from "../../lib/inference/mod.ts";

const D = [[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]];

Deno.test("evalBootstrap() refuses a seed outside [−2^31, 2^32 − 1]", () => {
  for (const seed of [2 ** 32, -(2 ** 31) - 1, 1.5, NaN]) {
    assert.throws(() => evalBootstrap([D, D], D, { method: "corr", samples: 5, seed }), {
      name: "RangeError",
      message: new RegExp(
        `\`seed\` must be an integer in \\[-2147483648, 4294967295\\]: got ${seed}`,
      ),
    });
  }
});

Deno.test("splitHalfReliability() refuses a seed that is not an integer in range", () => {
  const data = Float64Array.from({ length: 4 * 3 }, (_, k) => Math.sin(k));
  assert.throws(
    () => splitHalfReliability(data, [4, 3, 1], { seed: 0.5 }),
    /Cannot compute split-half reliability: `seed` must be an integer in \[-2147483648, 4294967295\]: got 0.5/,
  );
});
