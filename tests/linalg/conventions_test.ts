import assert from "node:assert/strict";
import { eigOrder, fixColumnSigns, fixSvdSigns } from "../../lib/linalg/conventions.ts";

Deno.test("fixSvdSigns() flips a U column and its Vt row when the column's largest entry is negative", () => {
  const U = new Float64Array([0.6, 0.8, -0.8, 0.6]); // columns (0.6, −0.8), (0.8, 0.6)
  const Vt = new Float64Array([1, 0, 0, 1]);
  fixSvdSigns(U, 2, 2, Vt, 2, 2);
  assert.deepEqual(Array.from(U), [-0.6, 0.8, 0.8, 0.6]);
  assert.deepEqual(Array.from(Vt), [-1, -0, 0, 1]);
});

Deno.test("fixSvdSigns() resolves near-ties to the first index", () => {
  // |−0.5| and |0.5 + 1e-17| are equal to rounding: the first entry decides
  const U = new Float64Array([-0.5, 0.5 + 1e-17]);
  const Vt = new Float64Array([2]);
  fixSvdSigns(U, 2, 1, Vt, 1, 1);
  assert.deepEqual(Array.from(U), [0.5, -(0.5 + 1e-17)]);
  assert.deepEqual(Array.from(Vt), [-2]);
});

Deno.test("fixSvdSigns() lets Vt decide for a zero U column and fixes unpaired columns and rows", () => {
  const U = new Float64Array([0, 0]);
  const Vt = new Float64Array([0.1, -0.9]);
  fixSvdSigns(U, 2, 1, Vt, 1, 2);
  assert.deepEqual(Array.from(Vt), [-0.1, 0.9]);
  // full U [2, 2] with one pair: the second column is fixed on its own
  const U2 = new Float64Array([1, 0, 0, -1]);
  const Vt2 = new Float64Array([1]);
  fixSvdSigns(U2, 2, 2, Vt2, 1, 1);
  assert.deepEqual(Array.from(U2), [1, -0, 0, 1]);
  // full Vt [2, 2] with one pair: the second row is fixed on its own
  const U3 = new Float64Array([1]);
  const Vt3 = new Float64Array([1, 0, 0, -1]);
  fixSvdSigns(U3, 1, 1, Vt3, 2, 2);
  assert.deepEqual(Array.from(Vt3), [1, 0, -0, 1]);
});

Deno.test("fixColumnSigns() makes every column's largest entry positive", () => {
  const V = new Float64Array([0.1, -3, -0.2, 2]);
  fixColumnSigns(V, 2, 2);
  // columns (0.1, −0.2) and (−3, 2) both have a negative largest entry
  assert.deepEqual(Array.from(V), [-0.1, 3, 0.2, -2]);
});

Deno.test("eigOrder() sorts by modulus, then real part, then imaginary part, all descending", () => {
  const re = new Float64Array([1, 0, -2, 2, 0, 0.5]);
  const im = new Float64Array([0, -1, 0, 0, 1, 0]);
  // moduli 1, 1, 2, 2, 1, 0.5 → 2 (re 2), −2, then modulus 1: 1, i, −i, then 0.5
  assert.deepEqual(eigOrder(re, im), [3, 2, 0, 4, 1, 5]);
});

Deno.test("eigOrder() treats moduli equal to 1e-12 relative as ties", () => {
  const re = new Float64Array([1, -1 - 1e-14]);
  const im = new Float64Array([0, 0]);
  assert.deepEqual(eigOrder(re, im), [0, 1]);
});
