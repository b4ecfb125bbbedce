import assert from "node:assert/strict";
import fc from "fast-check";
import { fortranToC } from "../../lib/io/order.ts";
import { count } from "./_fixtures.ts";

Deno.test("fortranToC() moves element (i, j, k) from its Fortran offset to its C offset", () => {
  const shape = [2, 3, 4];
  const f = new Float64Array(24);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 3; j++) {
      for (let k = 0; k < 4; k++) f[i + 2 * j + 6 * k] = 100 * i + 10 * j + k;
    }
  }
  const c = fortranToC(f, shape);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 3; j++) {
      for (let k = 0; k < 4; k++) assert.equal(c[12 * i + 4 * j + k], 100 * i + 10 * j + k);
    }
  }
});

Deno.test("fortranToC() with the reversed shape undoes itself, for any shape", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 5 }), (shape) => {
      const n = count(shape);
      const x = BigInt64Array.from({ length: n }, (_, k) => BigInt(k));
      const c = fortranToC(x, shape);
      assert.deepEqual(fortranToC(c, [...shape].reverse()), x);
    }),
    { seed: 5, numRuns: 300 },
  );
});

Deno.test("fortranToC() returns rank-0/1 and empty data as is", () => {
  const x = new Int8Array([1, 2, 3]);
  assert.equal(fortranToC(x, [3]), x);
  const e = new Int8Array(0);
  assert.equal(fortranToC(e, [0, 3]), e);
});
