import assert from "node:assert/strict";
import fc from "fast-check";
import { qr } from "../../lib/linalg/lstsq.ts";
import { fromRows, matrix } from "../../lib/linalg/matrix.ts";
import { getBackend } from "../../lib/linalg/backend.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { onBoth, testAgreement, testBackends } from "./_backends.ts";
import {
  maxAbs,
  maxDiff,
  naiveProduct,
  orthonormalityError,
  randomMatrix,
  runs,
  shapeArb,
} from "./_util.ts";

testBackends(
  "qr() gives A = Q·R with orthonormal Q and upper-triangular R with non-negative diagonal",
  () => {
    fc.assert(
      fc.property(shapeArb(), ({ m, n, seed }) => {
        const A = randomMatrix(m, n, seed);
        const { Q, R } = qr(A);
        const k = Math.min(m, n);
        assert.deepEqual([Q.rows, Q.cols, R.rows, R.cols], [m, k, k, n]);
        assert.ok(
          maxDiff(naiveProduct(Q, R).data, A.data) < 1e-13 * (m + n) * Math.max(1, maxAbs(A.data)),
        );
        assert.ok(orthonormalityError(Q) < 1e-13 * (m + n));
        for (let i = 0; i < k; i++) {
          assert.ok(R.data[i * n + i]! >= 0);
          for (let j = 0; j < i; j++) assert.equal(R.data[i * n + j], 0);
        }
      }),
      runs(),
    );
  },
);

testBackends("qr() of a matrix with orthogonal columns returns their norms on R's diagonal", () => {
  const { Q, R } = qr(fromRows([[3, 0], [4, 0], [0, -2]]));
  assertAllClose(R, { rows: 2, cols: 2, data: new Float64Array([5, 0, 0, 2]) }, { atol: 1e-15 });
  assertAllClose(Q.data, [0.6, 0, 0.8, 0, 0, -1], { atol: 1e-15 });
});

testBackends("the raw backend qr of an empty matrix is empty", () => {
  const { Q, R } = getBackend().qr(matrix(3, 0));
  assert.deepEqual([Q.rows, Q.cols, R.rows, R.cols], [3, 0, 0, 0]);
});

Deno.test("qr() rejects empty input", () => {
  assert.throws(() => qr(matrix(0, 2)), {
    name: "RangeError",
    message: "Cannot compute QR decomposition: `A` must not be empty: got shape [0, 2]",
  });
});

testAgreement("qr() agrees between portable and lapack on full-rank input", () => {
  fc.assert(
    fc.property(shapeArb(), ({ m, n, seed }) => {
      const A = randomMatrix(m, n, seed);
      const [p, q] = onBoth(() => qr(A));
      assertAllClose(p.R.data, q.R.data, { rtol: 1e-10, atol: 1e-11 });
      assertAllClose(p.Q.data, q.Q.data, { rtol: 1e-9, atol: 1e-10 });
    }),
    runs(40),
  );
});
