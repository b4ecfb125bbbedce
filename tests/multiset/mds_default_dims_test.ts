import assert from "node:assert/strict";
import { classicalMDS } from "../../lib/multiset/mds.ts";

Deno.test("classicalMDS() of too few points blames `D`, not a `dims` the caller never passed", () => {
  assert.throws(() => classicalMDS([[0]]), {
    name: "RangeError",
    message:
      "Cannot compute classical MDS: `D` must hold at least 2 points for the default 2 dimensions: got 1 (pass `dims: 1` for fewer)",
  });
  // an explicit dims is still checked as dims
  assert.throws(
    () => classicalMDS([[0, 1], [1, 0]], { dims: 3 }),
    /`dims` must be an integer in \[1, 2\]: got 3/,
  );
  assert.deepEqual(Array.from(classicalMDS([[0]], { dims: 1 }).coordinates.data), [0]);
});
