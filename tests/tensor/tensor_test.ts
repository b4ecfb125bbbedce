import assert from "node:assert/strict";
import {
  asMask,
  asTensor3,
  observedMask,
  tensor3,
  toNested,
  unfold,
} from "../../lib/tensor/tensor.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fx, shape, tens } from "./_fixtures.ts";

Deno.test("unfold() matches numpy's moveaxis-reshape unfolding in every mode", () => {
  const T = tens(fx.T);
  for (const m of [0, 1, 2] as const) {
    const U = unfold(T, m);
    assert.equal(U.rows, shape[m]);
    assertAllClose(U.data, fx.unfold[m], { rtol: 0, atol: 0, label: `mode ${m}: ` });
  }
});

Deno.test("asTensor3() accepts nested arrays and round-trips through toNested()", () => {
  const x = [[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]];
  const T = asTensor3(x, "T");
  assert.deepEqual(T.shape, [2, 2, 3]);
  assert.equal(T.data[(1 * 2 + 0) * 3 + 2], 9);
  assert.deepEqual(toNested(T), x);
});

Deno.test("asTensor3() rejects wrong shapes, ragged arrays, empty and non-finite input", () => {
  assert.throws(() => asTensor3({ shape: [2, 2], data: new Float64Array(4) }, "T"), {
    name: "TypeError",
    message: "Invalid input: `T` must be a 3-tensor: got shape [2, 2]",
  });
  assert.throws(() => asTensor3({ shape: [2, 2, 2], data: new Float64Array(7) }, "T"), {
    name: "TypeError",
    message: "Invalid input: `T` has shape [2, 2, 2] but 7 entries",
  });
  assert.throws(() => asTensor3([[[1, 2]], [[3]]], "T"), {
    name: "TypeError",
    message: "Invalid input: `T` is ragged: `T[1][0]` must be an array of 2 numbers",
  });
  assert.throws(() => asTensor3({ shape: [0, 2, 2], data: new Float64Array(0) }, "T"), {
    name: "RangeError",
    message: "Invalid input: `T` must not be empty: got shape [0, 2, 2]",
  });
  assert.throws(() => asTensor3([[[1, Infinity]]], "T", { context: "Cannot fit" }), {
    name: "RangeError",
    message: "Cannot fit: `T` must be finite: got Infinity at [0, 0, 1]",
  });
  assert.throws(() => asTensor3(null as never, "T"), { name: "TypeError", message: /got null/ });
  // A mask exempts unobserved entries from the finiteness check.
  const T = asTensor3([[[1, NaN]]], "T", { mask: new Uint8Array([1, 0]) });
  assert.ok(Number.isNaN(T.data[1]!));
});

Deno.test("tensor3() checks the shape and the data length", () => {
  assert.throws(() => tensor3([2, 2], new Float64Array(4)), {
    name: "TypeError",
    message: "Cannot create tensor: `shape` must be three non-negative integers: got [2, 2]",
  });
  assert.throws(() => tensor3([2, 2, 2], new Float64Array(3)), {
    name: "TypeError",
    message: "Cannot create tensor: `data` must have 2 x 2 x 2 = 8 entries: got 3",
  });
  assert.equal(tensor3([1, 2, 3]).data.length, 6);
});

Deno.test("observedMask() marks NaN and infinite entries as missing", () => {
  const T = asTensor3([[[1, NaN, -Infinity, 0]]], "T", { finite: false });
  assert.deepEqual(Array.from(observedMask(T)), [1, 0, 0, 1]);
});

Deno.test("asMask() validates length and type", () => {
  assert.throws(() => asMask([1, 0, 1], 2, "mask", "Cannot fit"), {
    name: "TypeError",
    message: "Cannot fit: `mask` must have 2 entries: got 3",
  });
  assert.throws(() => asMask(5 as never, 2, "mask"), {
    name: "TypeError",
    message: "Invalid input: `mask` must be an array of 0/1 or booleans",
  });
  assert.deepEqual(Array.from(asMask([2, 0, true], 3, "mask")), [1, 0, 1]);
});
