// kFoldAssignment() takes the seeds ridgePredictivity() takes; before, NaN and Infinity ran
// as seed 0 and 1.5 as seed 1.
import assert from "node:assert/strict";
import { kFoldAssignment, trainTestSplit } from "../../lib/spectral/mod.ts";

Deno.test("kFoldAssignment() refuses a seed that is not an integer in [−2^31, 2^32 − 1]", () => {
  for (const seed of [NaN, 1.5, Infinity, "7", 2 ** 32]) {
    assert.throws(() => kFoldAssignment(10, 2, seed as number), {
      name: "RangeError",
      message:
        `Cannot assign folds: \`seed\` must be an integer in [-2147483648, 4294967295]: got ${seed}`,
    });
  }
  assert.deepEqual(kFoldAssignment(4, 2, 2 ** 32 - 1).slice().sort(), [0, 0, 1, 1]);
});

Deno.test("kFoldAssignment() refuses a fold count outside [1, P]", () => {
  assert.throws(() => kFoldAssignment(3, 4, 0), /`folds` must be an integer in \[1, 3\]: got 4/);
  assert.throws(() => kFoldAssignment(3, 0, 0), /`folds` must be an integer in \[1, 3\]: got 0/);
  assert.throws(
    () => kFoldAssignment(2.5, 1, 0),
    /`P` must be an integer in \[1, 2147483648\]: got 2.5/,
  );
  assert.deepEqual(kFoldAssignment(3, 1, 0), [0, 0, 0]);
});

Deno.test("trainTestSplit() refuses a size, seed or subset index outside its range", () => {
  assert.throws(() => trainTestSplit(5, 9, 0, 0), {
    name: "RangeError",
    message: "Cannot split stimuli: `p` must be an integer in [0, 5]: got 9",
  });
  assert.throws(
    () => trainTestSplit(5, 2, 1.5, 0),
    /`seed` must be an integer in \[-2147483648, 4294967295\]: got 1.5/,
  );
  assert.throws(
    () => trainTestSplit(5, 2, 0, -1),
    /`subset` must be an integer in \[0, 2147483647\]: got -1/,
  );
  const { train, test } = trainTestSplit(5, 2, 2 ** 32 - 1, 3);
  assert.deepEqual([...train, ...test].sort(), [0, 1, 2, 3, 4]);
});
