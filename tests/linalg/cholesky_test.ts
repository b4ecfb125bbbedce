import assert from "node:assert/strict";
import fc from "fast-check";
import { cholesky, choleskySolve, tryCholesky } from "../../lib/linalg/cholesky.ts";
import { fromRows, matrix } from "../../lib/linalg/matrix.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { onBoth, testAgreement, testBackends } from "./_backends.ts";
import {
  maxAbs,
  maxDiff,
  naiveProduct,
  randomMatrix,
  randomSpd,
  runs,
  squareArb,
} from "./_util.ts";

testBackends("cholesky() returns a lower factor with positive diagonal and L·Lᵀ = A", () => {
  fc.assert(
    fc.property(squareArb(), ({ n, seed }) => {
      const A = randomSpd(n, seed);
      const L = cholesky(A);
      for (let i = 0; i < n; i++) {
        assert.ok(L.data[i * n + i]! > 0);
        for (let j = i + 1; j < n; j++) assert.equal(L.data[i * n + j], 0);
      }
      const back = naiveProduct(L, L, false, true);
      assert.ok(maxDiff(back.data, A.data) < 1e-13 * maxAbs(A.data));
    }),
    runs(),
  );
});

testBackends(
  "cholesky() throws and tryCholesky() returns null when A is not positive definite",
  () => {
    fc.assert(
      fc.property(squareArb(), ({ n, seed }) => {
        // shift the spectrum so the smallest eigenvalue is negative
        const A = randomSpd(n, seed);
        A.data[(n - 1) * n + n - 1] = -1;
        assert.equal(tryCholesky(A), null);
        assert.throws(() => cholesky(A), {
          name: "RangeError",
          message: "Cannot compute Cholesky factorisation: `A` must be symmetric positive definite",
        });
      }),
      runs(20),
    );
    assert.equal(tryCholesky(fromRows([[1, 1], [1, 1]])), null); // semidefinite
    assert.equal(tryCholesky(fromRows([[0]])), null);
    assert.equal(tryCholesky(fromRows([[NaN]])), null);
  },
);

testBackends("cholesky() reads only the lower triangle", () => {
  const L = cholesky(fromRows([[4, 1e300], [2, 5]]));
  assert.deepEqual(Array.from(L.data), [2, 0, 1, 2]);
});

testBackends("choleskySolve() solves A·X = B", () => {
  fc.assert(
    fc.property(squareArb(), fc.integer({ min: 1, max: 4 }), ({ n, seed }, r) => {
      const A = randomSpd(n, seed);
      const B = randomMatrix(n, r, seed + 7);
      const X = choleskySolve(A, B);
      assert.ok(maxDiff(naiveProduct(A, X).data, B.data) < 1e-12 * n);
    }),
    runs(25),
  );
});

testBackends("cholesky() factors 1×1 and diagonal matrices exactly", () => {
  assert.deepEqual(Array.from(cholesky(fromRows([[9]])).data), [3]);
  assert.deepEqual(Array.from(cholesky(fromRows([[4, 0], [0, 16]])).data), [2, 0, 0, 4]);
});

Deno.test("cholesky() and tryCholesky() reject non-square input", () => {
  assert.throws(() => cholesky([[1, 2]]), {
    name: "TypeError",
    message: "Cannot compute Cholesky factorisation: `A` must be square: got shape [1, 2]",
  });
  assert.throws(() => tryCholesky(matrix(2, 3)), {
    name: "TypeError",
    message: "Cannot compute Cholesky factorisation: `A` must be square: got shape [2, 3]",
  });
});

testAgreement("cholesky() agrees between portable and lapack", () => {
  fc.assert(
    fc.property(squareArb(), ({ n, seed }) => {
      const A = randomSpd(n, seed);
      const [p, q] = onBoth(() => cholesky(A));
      assertAllClose(p.data, q.data, { rtol: 1e-12, atol: 1e-13 });
    }),
    runs(30),
  );
});
