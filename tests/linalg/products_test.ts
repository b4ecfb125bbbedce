import assert from "node:assert/strict";
import fc from "fast-check";
import { matmul } from "../../lib/linalg/products.ts";
import { fromRows, matrix } from "../../lib/linalg/matrix.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { onBoth, testAgreement, testBackends } from "./_backends.ts";
import { naiveProduct, randomMatrix, runs, transposed } from "./_util.ts";

const dims = fc.record({
  m: fc.integer({ min: 1, max: 30 }),
  k: fc.integer({ min: 1, max: 30 }),
  n: fc.integer({ min: 1, max: 30 }),
  seed: fc.integer({ min: 0, max: 1e6 }),
});
const flags = [[false, false], [true, false], [false, true], [true, true]] as const;

testBackends("matmul() equals the naive product for every transposition", () => {
  fc.assert(
    fc.property(dims, ({ m, k, n, seed }) => {
      const A = randomMatrix(m, k, seed), B = randomMatrix(k, n, seed + 1);
      const expected = naiveProduct(A, B);
      for (const [transA, transB] of flags) {
        const a = transA ? transposed(A) : A, b = transB ? transposed(B) : B;
        assertAllClose(matmul(a, b, { transA, transB }), expected, { rtol: 1e-12, atol: 1e-12 });
      }
    }),
    runs(40),
  );
});

testBackends("matmul() is exact across cache-block boundaries", () => {
  // integer entries: every partial sum is exact, so any blocking must agree bit for bit
  const m = 37, k = 301, n = 263;
  const A = matrix(m, k), B = matrix(k, n);
  for (let i = 0; i < A.data.length; i++) A.data[i] = (i * 7) % 11 - 5;
  for (let i = 0; i < B.data.length; i++) B.data[i] = (i * 5) % 13 - 6;
  const expected = naiveProduct(A, B);
  for (const [transA, transB] of flags) {
    const a = transA ? transposed(A) : A, b = transB ? transposed(B) : B;
    assert.deepEqual(matmul(a, b, { transA, transB }).data, expected.data);
  }
});

testBackends(
  "matmul() with an empty inner dimension gives zeros, and empty outer gives empty",
  () => {
    assert.deepEqual(matmul(matrix(2, 0), matrix(0, 3)).data, new Float64Array(6));
    assert.deepEqual([
      matmul(matrix(0, 2), matrix(2, 3)).rows,
      matmul(matrix(2, 2), matrix(2, 0)).cols,
    ], [
      0,
      0,
    ]);
  },
);

testBackends("matmul() propagates NaN and Infinity", () => {
  const C = matmul(fromRows([[NaN, 1], [0, 1]]), fromRows([[1, 0], [Infinity, 0]]));
  assert.ok(Number.isNaN(C.data[0]!));
  assert.equal(C.data[2], Infinity);
  assert.ok(Number.isNaN(C.data[1]!)); // NaN·0
});

testBackends("matmul() does not mutate its inputs", () => {
  const A = randomMatrix(5, 6, 1), B = randomMatrix(5, 4, 2);
  const a = A.data.slice(), b = B.data.slice();
  matmul(A, B, { transA: true });
  assert.deepEqual([A.data, B.data], [a, b]);
});

Deno.test("matmul() rejects mismatched inner dimensions, naming the transposition", () => {
  assert.throws(() => matmul([[1, 2]], [[1, 2]]), {
    name: "TypeError",
    message:
      "Cannot multiply matrices: inner dimensions of `A` and `B` differ: got shapes [1, 2] and [1, 2]",
  });
  assert.throws(() => matmul([[1, 2]], [[1, 2]], { transA: true, transB: true }), {
    name: "TypeError",
    message:
      "Cannot multiply matrices: inner dimensions of `A`ᵀ and `B`ᵀ differ: got shapes [1, 2] and [1, 2]",
  });
  assert.throws(() => matmul({ rows: 2, cols: 2, data: new Float64Array(3) }, [[1]]), {
    name: "TypeError",
    message: "Cannot multiply matrices: `A` has shape [2, 2] but 3 entries",
  });
});

testAgreement("matmul() agrees between portable and lapack", () => {
  fc.assert(
    fc.property(dims, ({ m, k, n, seed }) => {
      const A = randomMatrix(m, k, seed), B = randomMatrix(k, n, seed + 1);
      for (const [transA, transB] of flags) {
        const a = transA ? transposed(A) : A, b = transB ? transposed(B) : B;
        const [p, q] = onBoth(() => matmul(a, b, { transA, transB }));
        assertAllClose(p, q, { rtol: 1e-12, atol: 1e-13 });
      }
    }),
    runs(30),
  );
});

testBackends("matmul() with `out` overwrites the buffer with the same product bit for bit", () => {
  const A = randomMatrix(9, 7, 3), B = randomMatrix(7, 5, 4);
  for (const [transA, transB] of flags) {
    const a = transA ? transposed(A) : A, b = transB ? transposed(B) : B;
    const fresh = matmul(a, b, { transA, transB });
    const out = new Float64Array(45).fill(NaN); // stale contents must not leak in
    const C = matmul(a, b, { transA, transB, out });
    assert.equal(C.data, out);
    assert.deepEqual([C.rows, C.cols], [9, 5]);
    assert.deepEqual(out, fresh.data);
  }
  // an empty inner dimension gives zeros in `out`
  const out = new Float64Array(6).fill(7);
  matmul(matrix(2, 0), matrix(0, 3), { out });
  assert.deepEqual(Array.from(out), [0, 0, 0, 0, 0, 0]);
});

Deno.test("matmul() rejects an `out` of the wrong length or overlapping an input", () => {
  const A = fromRows([[1, 2], [3, 4]]);
  assert.throws(
    () => matmul(A, A, { out: new Float64Array(3) }),
    (e: Error) =>
      e instanceof TypeError &&
      e.message ===
        "Cannot multiply matrices: `out` must be a Float64Array of 4 elements for a [2, 2] product: got 3 elements",
  );
  assert.throws(
    () => matmul(A, A, { out: A.data }),
    (e: Error) =>
      e instanceof TypeError &&
      e.message === "Cannot multiply matrices: `out` must not overlap `A` or `B`",
  );
});
