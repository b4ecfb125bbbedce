import assert from "node:assert/strict";
import fc from "fast-check";
import { float64ToHalf, halfToFloat64 } from "../../lib/io/half.ts";

const f16round = (Math as unknown as { f16round(x: number): number }).f16round;

Deno.test("halfToFloat64() then float64ToHalf() returns all 65536 bit patterns unchanged", () => {
  const all = new Uint16Array(65536).map((_, k) => k);
  assert.deepEqual(float64ToHalf(halfToFloat64(all)), all);
});

Deno.test("halfToFloat64() agrees with the platform's float16 for every non-NaN pattern", () => {
  const all = new Uint16Array(65536).map((_, k) => k);
  const wide = halfToFloat64(all);
  const platform = new (globalThis as unknown as { Float16Array: Float64ArrayConstructor })
    .Float16Array(all.buffer);
  for (let k = 0; k < 65536; k++) {
    if (Number.isNaN(platform[k]!)) assert.ok(Number.isNaN(wide[k]!));
    else assert.ok(Object.is(wide[k], platform[k]), `pattern ${k.toString(16)}`);
  }
});

Deno.test("halfToFloat64() keeps a NaN payload in the top mantissa bits as numpy does", () => {
  const wide = halfToFloat64(new Uint16Array([0x7e01, 0xfc01]));
  const words = new BigUint64Array(wide.buffer);
  assert.equal(words[0], 0x7ff8040000000000n);
  assert.equal(words[1], 0xfff0040000000000n);
});

Deno.test("float64ToHalf() rounds to nearest, ties to even, like Math.f16round", () => {
  fc.assert(
    fc.property(fc.double({ min: -70000, max: 70000, noNaN: true }), (x) => {
      const h = halfToFloat64(float64ToHalf(new Float64Array([x])))[0]!;
      assert.ok(Object.is(h, f16round(x)), `${x}: got ${h}, want ${f16round(x)}`);
    }),
    { seed: 7, numRuns: 3000 },
  );
  // exact ties and the edges of the range
  const xs = [
    1 + 2 ** -11,
    1 + 3 * 2 ** -11,
    2 ** -25,
    3 * 2 ** -25,
    65519.99,
    65520,
    -0,
    2 ** -24,
  ];
  for (const x of xs) {
    assert.ok(
      Object.is(halfToFloat64(float64ToHalf(new Float64Array([x])))[0], f16round(x)),
      `${x}`,
    );
  }
});

Deno.test("float64ToHalf() keeps NaN a NaN even when the payload does not fit", () => {
  const x = new Float64Array(2);
  new BigUint64Array(x.buffer).set([0x7ff0000000000001n, 0xfff8000000000000n]);
  assert.deepEqual(Array.from(float64ToHalf(x)), [0x7c01, 0xfe00]);
});
