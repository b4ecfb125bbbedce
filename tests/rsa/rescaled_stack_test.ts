import assert from "node:assert/strict";
import { rescaledStack } from "../../lib/rsa/comparators.ts";

Deno.test("rescaledStack divides only the extreme RDMs, by exact powers of two", () => {
  const ordinary = new Float64Array([1, 2, 3]);
  const s = rescaledStack({
    n: 3,
    vectors: [ordinary, new Float64Array([3 * 2 ** -700, 2 ** -700, 2 ** -699])],
  });
  assert.equal(s.vectors[0], ordinary);
  assert.deepEqual(Array.from(s.vectors[1]!), [1.5, 0.5, 1]);
  assert.equal(s.n, 3);
});
