import assert from "node:assert/strict";
import {
  assertFiniteArray,
  assertInRange,
  assertInteger,
  assertOptionsObject,
  assertSameRows,
} from "../../lib/validate/mod.ts";

Deno.test("assertFiniteArray() accepts finite data and names the first bad entry", () => {
  assertFiniteArray(new Float64Array([0, -1, 1e308]), "X");
  assertFiniteArray([], "X");
  assert.throws(() => assertFiniteArray([1, NaN, Infinity], "X"), {
    name: "RangeError",
    message: "Invalid input: `X` must be finite: got NaN at index 1",
  });
  assert.throws(() => assertFiniteArray([0, 0, 0, -Infinity], "X", "Cannot score", 2), {
    name: "RangeError",
    message: "Cannot score: `X` must be finite: got -Infinity at [1, 1]",
  });
});

Deno.test("assertInRange() accepts the closed interval and rejects outside, NaN and non-numbers", () => {
  assertInRange(0, "alpha", 0, 1);
  assertInRange(1, "alpha", 0, 1);
  assert.throws(() => assertInRange(1.5, "alpha", 0, 1, "Cannot fit linear metric"), {
    name: "RangeError",
    message: "Cannot fit linear metric: `alpha` must be in [0, 1]: got 1.5",
  });
  assert.throws(() => assertInRange(-0.1, "alpha", 0, 1), {
    name: "RangeError",
    message: "Invalid input: `alpha` must be in [0, 1]: got -0.1",
  });
  assert.throws(() => assertInRange(NaN, "alpha", 0, 1), {
    name: "RangeError",
    message: "Invalid input: `alpha` must be in [0, 1]: got NaN",
  });
  assert.throws(() => assertInRange("0.5" as unknown as number, "alpha", 0, 1), {
    name: "RangeError",
    message: "Invalid input: `alpha` must be in [0, 1]: got 0.5",
  });
});

Deno.test("assertInteger() checks integrality and both bounds, describing the range", () => {
  assertInteger(3, "rank", 1);
  assertInteger(-7, "shift");
  assert.throws(() => assertInteger(0, "rank", 1), {
    name: "RangeError",
    message: "Invalid input: `rank` must be an integer >= 1: got 0",
  });
  assert.throws(() => assertInteger(2.5, "rank", 1, 10, "Cannot fit"), {
    name: "RangeError",
    message: "Cannot fit: `rank` must be an integer in [1, 10]: got 2.5",
  });
  assert.throws(() => assertInteger(11, "rank", 1, 10), {
    name: "RangeError",
    message: "Invalid input: `rank` must be an integer in [1, 10]: got 11",
  });
  assert.throws(() => assertInteger(Infinity, "n"), {
    name: "RangeError",
    message: "Invalid input: `n` must be an integer: got Infinity",
  });
  assert.throws(() => assertInteger(5, "lag", -Infinity, 4), {
    name: "RangeError",
    message: "Invalid input: `lag` must be an integer <= 4: got 5",
  });
});

Deno.test("assertSameRows() shows both shapes when row counts differ", () => {
  assertSameRows({ rows: 3, cols: 1 }, "X", { rows: 3, cols: 5 }, "Y");
  assert.throws(() => assertSameRows({ rows: 3, cols: 2 }, "X", { rows: 4, cols: 2 }, "Y"), {
    name: "TypeError",
    message:
      "Invalid input: `X` and `Y` must have the same number of rows: got shapes [3, 2] and [4, 2]",
  });
});

Deno.test("assertOptionsObject() refuses null, arrays and primitives with the argument's name, and passes objects", () => {
  assertOptionsObject({}, "Cannot fit");
  for (
    const [value, shown] of [[null, "null"], [[1, 2], "an array"], [3, "3"], ["a", "a"]] as const
  ) {
    assert.throws(() => assertOptionsObject(value, "Cannot fit", "opts"), {
      name: "TypeError",
      message: `Cannot fit: \`opts\` must be an object: got ${shown}`,
    });
  }
});
