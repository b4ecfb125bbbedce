import assert from "node:assert/strict";
import fc from "fast-check";
import { solveTriangular } from "../../lib/linalg/cholesky.ts";
import { fromRows, type Matrix, matrix } from "../../lib/linalg/matrix.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { onBoth, testAgreement, testBackends } from "./_backends.ts";
import { getBackend } from "../../lib/linalg/backend.ts";
import { maxDiff, naiveProduct, randomMatrix, runs, squareArb } from "./_util.ts";

/** A well-conditioned triangular matrix with garbage in the other triangle. */
function triangle(n: number, seed: number, lower: boolean): { T: Matrix; clean: Matrix } {
  const T = randomMatrix(n, n, seed);
  const clean = matrix(n, n);
  for (let i = 0; i < n; i++) {
    T.data[i * n + i] = (T.data[i * n + i]! >= 0 ? 1 : -1) * (2 + Math.abs(T.data[i * n + i]!));
    for (let j = 0; j < n; j++) {
      const keep = lower ? j <= i : j >= i;
      if (keep) clean.data[i * n + j] = T.data[i * n + j]! / (i === j ? 1 : n);
      if (keep) T.data[i * n + j] = clean.data[i * n + j]!;
    }
  }
  return { T, clean };
}

const cases = [[true, false], [true, true], [false, false], [false, true]] as const;

testBackends(
  "solveTriangular() solves op(T)·X = B for all four variants, ignoring the other triangle",
  () => {
    fc.assert(
      fc.property(squareArb(), fc.integer({ min: 1, max: 5 }), ({ n, seed }, r) => {
        const B = randomMatrix(n, r, seed + 3);
        for (const [lower, trans] of cases) {
          const { T, clean } = triangle(n, seed, lower);
          const X = solveTriangular(T, B, { lower, trans });
          const back = naiveProduct(clean, X, trans, false);
          assert.ok(maxDiff(back.data, B.data) < 1e-12 * n, `lower=${lower} trans=${trans}`);
        }
      }),
      runs(30),
    );
  },
);

testBackends("solveTriangular() defaults to lower and no transpose", () => {
  const X = solveTriangular(fromRows([[2, 0], [1, 1]]), fromRows([[2], [3]]));
  assert.deepEqual(Array.from(X.data), [1, 2]);
});

Deno.test("solveTriangular() rejects singular and mismatched input", () => {
  assert.throws(() => solveTriangular([[1, 0], [1, 0]], [[1], [1]]), {
    name: "RangeError",
    message: "Cannot solve triangular system: `T` is singular: zero on the diagonal at [1, 1]",
  });
  assert.throws(() => solveTriangular([[1, 0], [1, 1]], [[1], [1], [1]]), {
    name: "TypeError",
    message:
      "Cannot solve triangular system: `T` must be square with as many rows as `B`: got shapes [2, 2] and [3, 1]",
  });
});

testAgreement("solveTriangular() agrees between portable and lapack", () => {
  fc.assert(
    fc.property(squareArb(), ({ n, seed }) => {
      const B = randomMatrix(n, 3, seed + 1);
      for (const [lower, trans] of cases) {
        const { T } = triangle(n, seed, lower);
        const [p, q] = onBoth(() => solveTriangular(T, B, { lower, trans }));
        assertAllClose(p.data, q.data, { rtol: 1e-11, atol: 1e-12 });
      }
    }),
    runs(25),
  );
});

testBackends(
  "the backend's solveTriangular() and cholesky() write into `out` (or solve in place) with the same numbers as without",
  () => {
    const be = getBackend();
    const n = 7, r = 3;
    const A = randomMatrix(n, n, 11);
    const S = naiveProduct(A, A, false, true);
    for (let i = 0; i < n; i++) S.data[i * n + i] += n;
    const L = be.cholesky(S)!;
    const out = new Float64Array(n * n).fill(Number.NaN);
    const L2 = be.cholesky(S, out)!;
    assert.equal(L2.data, out);
    assert.deepEqual(Array.from(out), Array.from(L.data));
    const B = randomMatrix(n, r, 12);
    for (const [lower, trans] of cases) {
      const T = lower ? L : { rows: n, cols: n, data: naiveProduct(L, eye(n), true, false).data };
      const X = be.solveTriangular(T, B, lower, trans);
      const into = new Float64Array(n * r);
      assert.equal(be.solveTriangular(T, B, lower, trans, into).data, into);
      assert.deepEqual(Array.from(into), Array.from(X.data));
      const inPlace = { rows: n, cols: r, data: B.data.slice() };
      be.solveTriangular(T, inPlace, lower, trans, inPlace.data);
      assert.deepEqual(Array.from(inPlace.data), Array.from(X.data));
    }
    assert.throws(() => be.cholesky(S, new Float64Array(3)), /`out` must/);
    assert.throws(() => be.solveTriangular(L, B, true, false, new Float64Array(2)), /`out` must/);
  },
);

function eye(n: number): Matrix {
  const I = matrix(n, n);
  for (let i = 0; i < n; i++) I.data[i * n + i] = 1;
  return I;
}
