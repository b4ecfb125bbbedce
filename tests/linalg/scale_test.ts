import assert from "node:assert/strict";
import { divideByPowerOfTwo, largestMagnitude, powerOfTwoScale } from "../../lib/linalg/scale.ts";

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
