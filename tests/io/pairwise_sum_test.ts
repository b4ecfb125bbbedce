import assert from "node:assert/strict";
import { numpySum, pairwiseSum } from "../../lib/io/pairwise_sum.ts";
import { fortranToC } from "../../lib/io/order.ts";
import { count, EXPECTED, gen, hex64 } from "./_fixtures.ts";

Deno.test("gen() reproduces the sequence of make_fixtures.py bit for bit", () => {
  assert.deepEqual(Array.from(gen(50), hex64), EXPECTED.gen_head);
});

Deno.test("numpySum() equals numpy's arr.sum() to the last bit for 21 lengths up to 100003", () => {
  for (const { n, sum } of EXPECTED.sums) assert.equal(hex64(numpySum(gen(n))), sum, `n = ${n}`);
});

Deno.test("numpySum() over Fortran memory order equals numpy's sum of a Fortran array", () => {
  for (const { shape, sum } of EXPECTED.fortran_sums) {
    const memory = fortranToC(gen(count(shape)), [...shape].reverse());
    assert.equal(hex64(numpySum(memory)), sum, `shape ${shape}`);
    assert.notEqual(hex64(numpySum(gen(count(shape)))), sum, "order must matter for this test");
  }
});

Deno.test("numpySum() differs from both a plain loop and an unblocked pairwise sum", () => {
  const x = gen(20000);
  let loop = 0;
  for (const v of x) loop += v;
  const want = EXPECTED.sums.find((s) => s.n === 20000)!.sum;
  assert.notEqual(hex64(loop), want);
  assert.notEqual(hex64(pairwiseSum(x, 0, x.length)), want);
  assert.equal(hex64(numpySum(x)), want);
});

Deno.test("numpySum() gives +0 for an empty array and for negative zeros", () => {
  assert.ok(Object.is(numpySum(new Float64Array(0)), 0));
  assert.ok(Object.is(numpySum(new Float64Array([-0])), 0));
  assert.ok(Object.is(numpySum(new Float64Array(16).fill(-0)), 0));
});
