import assert from "node:assert/strict";
import {
  binaryExponent,
  divideByPowerOfTwo,
  largestMagnitude,
  powerOfTwoScale,
} from "../../lib/linalg/scale.ts";
import { rescaleToUnit, unitExponent } from "../../lib/metrics/inputs.ts";

Deno.test("largestMagnitude is the largest finite |x|, and powerOfTwoScale brings it into [1, 2)", () => {
  const data = [3e-200, -7.5e-201, NaN, -Infinity, 0];
  assert.equal(largestMagnitude(data), 3e-200);
  const k = powerOfTwoScale(data);
  const scaled = divideByPowerOfTwo(data, k);
  assert.ok(largestMagnitude(scaled) >= 1 && largestMagnitude(scaled) < 2);
  // exact: scaling back gives the same bits
  assert.equal(scaled[0]! * 2 ** k, 3e-200);
  assert.equal(powerOfTwoScale([1e-100, 1e100]), 0);
});

Deno.test("binaryExponent() gives 2^k ≤ x < 2^(k+1) exactly, from the smallest subnormal to the largest double", () => {
  for (let k = -1074; k <= 1023; k++) {
    const p = 2 ** k;
    assert.equal(binaryExponent(p), k, `2^${k}`);
    // the largest double below the next power of two keeps exponent k
    if (k < 1023 && k > -1022) assert.equal(binaryExponent(2 ** (k + 1) * (1 - 2 ** -53)), k);
  }
  assert.equal(binaryExponent(Number.MAX_VALUE), 1023);
  assert.equal(binaryExponent(1e-310), -1030); // 2^-1030 ≈ 8.7e-311
  // no exponent: the values log2 gives, returned at once
  assert.equal(binaryExponent(0), -Infinity);
  assert.equal(binaryExponent(Infinity), Infinity);
  assert.ok(Number.isNaN(binaryExponent(NaN)));
  assert.equal(unitExponent(0), -Infinity); // as the metrics' own copy gave
});

Deno.test("rescaleToUnit() brings subnormal data into [0.5, 1) (the exponent used to stop at -1024)", () => {
  for (const x of [1e-310, 5e-324, 3e-320]) {
    const [y] = rescaleToUnit(new Float64Array([x]), x);
    assert.ok(y! >= 0.5 && y! < 1, `${x} → ${y}`);
  }
  assert.equal(unitExponent(1e-310), -1029);
});
