import assert from "node:assert/strict";
import {
  add,
  centerColumns,
  colMeans,
  frobeniusInner,
  frobeniusNorm,
  padColumns,
  scale,
  sub,
  subtractRow,
} from "../../lib/linalg/elementwise.ts";
import { fromRows, matrix, toRows } from "../../lib/linalg/matrix.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

const A = fromRows([[1, 2], [3, 4]]);
const B = fromRows([[5, -6], [7, 8]]);

Deno.test("add(), sub() and scale() act entrywise and leave the inputs alone", () => {
  assert.deepEqual(toRows(add(A, B)), [[6, -4], [10, 12]]);
  assert.deepEqual(toRows(sub(A, B)), [[-4, 8], [-4, -4]]);
  assert.deepEqual(toRows(scale(A, -0.5)), [[-0.5, -1], [-1.5, -2]]);
  assert.deepEqual(toRows(A), [[1, 2], [3, 4]]);
});

Deno.test("add(), sub() and frobeniusInner() reject mismatched shapes, showing both", () => {
  const C = matrix(3, 2);
  assert.throws(() => add(A, C), {
    name: "TypeError",
    message: "Cannot add matrices: shapes must match: got [2, 2] and [3, 2]",
  });
  assert.throws(() => sub(A, C), {
    name: "TypeError",
    message: "Cannot subtract matrices: shapes must match: got [2, 2] and [3, 2]",
  });
  assert.throws(() => frobeniusInner(C, A), {
    name: "TypeError",
    message: "Cannot take the inner product of matrices: shapes must match: got [3, 2] and [2, 2]",
  });
});

Deno.test("frobeniusInner() sums the entrywise products", () => {
  assert.equal(frobeniusInner(A, B), 5 - 12 + 21 + 32);
});

Deno.test("frobeniusNorm() neither overflows nor underflows", () => {
  assert.equal(frobeniusNorm(fromRows([[3, 4]])), 5);
  assertAllClose(frobeniusNorm(fromRows([[3e200, 4e200]])), 5e200, { rtol: 1e-15 });
  assertAllClose(frobeniusNorm(fromRows([[3e-200, 4e-200]])), 5e-200, { rtol: 1e-15 });
  assert.equal(frobeniusNorm(matrix(2, 2)), 0);
  assert.equal(frobeniusNorm(fromRows([[1, Infinity]])), Infinity);
});

Deno.test("colMeans(), subtractRow() and centerColumns() centre the columns", () => {
  const X = fromRows([[1, 10], [3, 20], [5, 60]]);
  assert.deepEqual(Array.from(colMeans(X)), [3, 30]);
  const { centered, means } = centerColumns(X);
  assert.deepEqual(Array.from(means), [3, 30]);
  assert.deepEqual(toRows(centered), [[-2, -20], [0, -10], [2, 30]]);
  assert.deepEqual(toRows(subtractRow(X, [1, 10])), [[0, 0], [2, 10], [4, 50]]);
});

Deno.test("subtractRow() rejects a vector of the wrong length", () => {
  assert.throws(() => subtractRow(A, [1, 2, 3]), {
    name: "TypeError",
    message: "Cannot subtract row: `v` must have 2 entries to match [2, 2]: got 3",
  });
});

Deno.test("padColumns() appends zero columns and rejects a narrower width", () => {
  assert.deepEqual(toRows(padColumns(A, 3)), [[1, 2, 0], [3, 4, 0]]);
  assert.deepEqual(toRows(padColumns(A, 2)), [[1, 2], [3, 4]]);
  assert.throws(() => padColumns(A, 1), {
    name: "RangeError",
    message: "Cannot pad columns: `width` must be an integer >= 2: got 1",
  });
  assert.throws(() => padColumns(A, 2.5), {
    name: "RangeError",
    message: "Cannot pad columns: `width` must be an integer >= 2: got 2.5",
  });
});
