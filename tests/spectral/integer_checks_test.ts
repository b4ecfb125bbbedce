/**
 * The spectral integer checks go through the shared assertInteger (lib/validate):
 * the wording each caller had with the old spectral copy is kept, word for word.
 */

import assert from "node:assert/strict";
import { defaultPs, kFoldAssignment, trainTestSplit } from "../../lib/spectral/mod.ts";
import * as inputs from "../../lib/spectral/inputs.ts";

Deno.test("spectral integer checks keep their messages: name, range and value", () => {
  assert.throws(() => defaultPs(2), {
    name: "RangeError",
    message:
      "Cannot build the default grid of training-set sizes: `P` must be an integer >= 3: got 2",
  });
  assert.throws(() => defaultPs(10.5), {
    name: "RangeError",
    message:
      "Cannot build the default grid of training-set sizes: `P` must be an integer >= 3: got 10.5",
  });
  assert.throws(() => trainTestSplit(5, 9, 0, 0), {
    name: "RangeError",
    message: "Cannot split stimuli: `p` must be an integer in [0, 5]: got 9",
  });
  assert.throws(() => trainTestSplit(5, 2, 0, -1), {
    name: "RangeError",
    message: "Cannot split stimuli: `subset` must be an integer in [0, 2147483647]: got -1",
  });
  assert.throws(() => trainTestSplit(0, 0, 0, 0), {
    name: "RangeError",
    message: "Cannot split stimuli: `P` must be an integer in [1, 2147483647]: got 0",
  });
  assert.throws(() => kFoldAssignment(4, NaN, 0), {
    name: "RangeError",
    message: "Cannot assign folds: `folds` must be an integer in [1, 4]: got NaN",
  });
});

Deno.test("lib/spectral/inputs.ts no longer has its own checkInteger (one integer check, in lib/validate)", () => {
  assert.equal("checkInteger" in inputs, false);
});
