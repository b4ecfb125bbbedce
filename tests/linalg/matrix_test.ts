import assert from "node:assert/strict";
import {
  asMatrix,
  clone,
  diag,
  eye,
  fromRows,
  get,
  isMatrix,
  matrix,
  sliceCols,
  sliceRows,
  takeRows,
  toRows,
  transpose,
  zeros,
} from "../../lib/linalg/matrix.ts";
import { randomMatrix, transposed } from "./_util.ts";

Deno.test("matrix() wraps data without copying and allocates zeros otherwise", () => {
  const data = new Float64Array([1, 2, 3, 4, 5, 6]);
  const A = matrix(2, 3, data);
  assert.equal(A.data, data);
  assert.equal(get(A, 1, 2), 6);
  assert.deepEqual(matrix(2, 2).data, new Float64Array(4));
  assert.deepEqual([matrix(0, 3).rows, matrix(0, 3).data.length], [0, 0]);
});

Deno.test("matrix() rejects bad shapes and data of the wrong length", () => {
  assert.throws(() => matrix(-1, 2), {
    name: "RangeError",
    message: "Cannot create matrix: shape must be non-negative integers: got [-1, 2]",
  });
  assert.throws(() => matrix(2, 1.5), {
    name: "RangeError",
    message: "Cannot create matrix: shape must be non-negative integers: got [2, 1.5]",
  });
  assert.throws(() => matrix(2, 2, new Float64Array(3)), {
    name: "TypeError",
    message: "Cannot create matrix: `data` must have 2 x 2 = 4 entries: got 3",
  });
});

Deno.test("fromRows() copies nested arrays row-major and round-trips through toRows()", () => {
  const rows = [[1, 2, 3], [4, 5, 6]];
  const A = fromRows(rows);
  assert.deepEqual([A.rows, A.cols, Array.from(A.data)], [2, 3, [1, 2, 3, 4, 5, 6]]);
  rows[0]![0] = 99;
  assert.equal(A.data[0], 1);
  assert.deepEqual(toRows(A), [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual([fromRows([]).rows, fromRows([]).cols], [0, 0]);
  assert.deepEqual([fromRows([[]]).rows, fromRows([[]]).cols], [1, 0]);
  assert.deepEqual(Array.from(fromRows([new Float64Array([1, 2])] as unknown as number[][]).data), [
    1,
    2,
  ]);
});

Deno.test("fromRows() rejects non-arrays, ragged rows and non-numbers, naming the entry", () => {
  assert.throws(() => fromRows("x" as unknown as number[][], "X"), {
    name: "TypeError",
    message: "Cannot read matrix: `X` must be an array of rows: got string",
  });
  assert.throws(() => fromRows([[1], 2] as unknown as number[][], "X"), {
    name: "TypeError",
    message: "Cannot read matrix: `X[1]` must be an array: got number",
  });
  assert.throws(() => fromRows([[1, 2], [3]], "X"), {
    name: "TypeError",
    message: "Cannot read matrix: `X` is ragged: row 0 has 2 entries but row 1 has 1",
  });
  assert.throws(() => fromRows([[1, "2"]] as unknown as number[][]), {
    name: "TypeError",
    message: "Cannot read matrix: `rows[0][1]` must be a number: got string",
  });
});

Deno.test("asMatrix() passes matrices through and converts nested arrays", () => {
  const A = fromRows([[1, 2]]);
  assert.equal(asMatrix(A, "A"), A);
  assert.deepEqual(asMatrix([[1, 2]], "A").data, A.data);
  assert.equal(asMatrix([[1, NaN]], "A", { finite: false }).cols, 2);
  assert.equal(asMatrix(matrix(0, 2), "A", { nonEmpty: false }).rows, 0);
});

Deno.test("asMatrix() reports each kind of bad input with the context and argument name", () => {
  const context = "Cannot fit model";
  assert.throws(() => asMatrix({ rows: 2, cols: 2, data: new Float64Array(3) }, "X", { context }), {
    name: "TypeError",
    message: "Cannot fit model: `X` has shape [2, 2] but 3 entries",
  });
  assert.throws(() => asMatrix([[1, 2], [3]], "X", { context }), {
    name: "TypeError",
    message: "Cannot fit model: `X` is ragged: row 0 has 2 entries but row 1 has 1",
  });
  assert.throws(() => asMatrix(null as unknown as number[][], "X", { context }), {
    name: "TypeError",
    message: "Cannot fit model: `X` must be a matrix or an array of rows: got null",
  });
  assert.throws(() => asMatrix(5 as unknown as number[][], "X"), {
    name: "TypeError",
    message: "Invalid input: `X` must be a matrix or an array of rows: got number",
  });
  assert.throws(() => asMatrix(matrix(3, 0), "X", { context }), {
    name: "RangeError",
    message: "Cannot fit model: `X` must not be empty: got shape [3, 0]",
  });
  assert.throws(() => asMatrix([[0, 1], [Infinity, 2]], "X", { context }), {
    name: "RangeError",
    message: "Cannot fit model: `X` must be finite: got Infinity at [1, 0]",
  });
});

Deno.test("isMatrix() recognises the matrix shape only", () => {
  assert.ok(isMatrix(matrix(1, 1)));
  assert.ok(!isMatrix([[1]]));
  assert.ok(!isMatrix({ rows: 1, cols: 1, data: [1] }));
  assert.ok(!isMatrix(null));
});

Deno.test("eye(), zeros(), diag() build the expected matrices", () => {
  assert.deepEqual(toRows(eye(3)), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  assert.deepEqual(toRows(zeros(2, 1)), [[0], [0]]);
  assert.deepEqual(toRows(diag([2, -1])), [[2, 0], [0, -1]]);
  assert.deepEqual(toRows(diag(new Float64Array([7]))), [[7]]);
});

Deno.test("clone() copies the storage", () => {
  const A = fromRows([[1, 2]]);
  const B = clone(A);
  B.data[0] = 5;
  assert.equal(A.data[0], 1);
  assert.deepEqual([B.rows, B.cols], [1, 2]);
});

Deno.test("transpose() matches the definition across its cache blocks", () => {
  for (const [m, n] of [[1, 1], [1, 7], [33, 65], [70, 31]] as const) {
    const A = randomMatrix(m, n, m * n);
    const T = transpose(A);
    assert.deepEqual([T.rows, T.cols], [n, m]);
    assert.deepEqual(T.data, transposed(A).data);
    assert.deepEqual(transpose(T).data, A.data);
  }
});

Deno.test("sliceRows(), sliceCols() and takeRows() copy the selected parts", () => {
  const A = fromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  assert.deepEqual(toRows(sliceRows(A, 1, 3)), [[4, 5, 6], [7, 8, 9]]);
  assert.deepEqual(toRows(sliceRows(A, 2, 2)), []);
  assert.deepEqual(toRows(sliceCols(A, 0, 2)), [[1, 2], [4, 5], [7, 8]]);
  assert.deepEqual(toRows(takeRows(A, [2, 2, 0])), [[7, 8, 9], [7, 8, 9], [1, 2, 3]]);
  const S = sliceRows(A, 0, 1);
  S.data[0] = 100;
  assert.equal(A.data[0], 1);
});
