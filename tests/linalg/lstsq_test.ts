import assert from "node:assert/strict";
import fc from "fast-check";
import { lstsq, pinv } from "../../lib/linalg/lstsq.ts";
import { choleskySolve } from "../../lib/linalg/cholesky.ts";
import { fromRows, matrix } from "../../lib/linalg/matrix.ts";
import { svd } from "../../lib/linalg/svd.ts";
import { getBackend } from "../../lib/linalg/backend.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { onBoth, testAgreement, testBackends } from "./_backends.ts";
import {
  maxAbs,
  maxDiff,
  naiveProduct,
  randomMatrix,
  randomRankR,
  runs,
  shapeArb,
} from "./_util.ts";

testBackends("lstsq() matches the normal equations on full-rank tall systems", () => {
  fc.assert(
    fc.property(shapeArb(), fc.integer({ min: 1, max: 4 }), ({ m, n, seed }, r) => {
      const rows = Math.max(m, n) + 2, cols = Math.min(m, n);
      const A = randomMatrix(rows, cols, seed), B = randomMatrix(rows, r, seed + 1);
      const { x, rank, s } = lstsq(A, B);
      assert.equal(rank, cols);
      assert.equal(s.length, cols);
      const expected = choleskySolve(naiveProduct(A, A, true), naiveProduct(A, B, true));
      assertAllClose(x, expected, { rtol: 1e-8, atol: 1e-9 });
    }),
    runs(30),
  );
});

testBackends("lstsq() gives the minimum-norm exact solution of full-rank wide systems", () => {
  fc.assert(
    fc.property(shapeArb(), ({ m, n, seed }) => {
      const rows = Math.min(m, n), cols = Math.max(m, n) + 2;
      const A = randomMatrix(rows, cols, seed), B = randomMatrix(rows, 2, seed + 1);
      const { x, rank } = lstsq(A, B);
      assert.equal(rank, rows);
      assert.ok(maxDiff(naiveProduct(A, x).data, B.data) < 1e-10);
      // x = Aᵀ·(A·Aᵀ)⁻¹·B
      const y = choleskySolve(naiveProduct(A, A, false, true), B);
      assertAllClose(x, naiveProduct(A, y, true), { rtol: 1e-8, atol: 1e-9 });
    }),
    runs(30),
  );
});

testBackends(
  "lstsq() on rank-deficient A solves the normal equations with x orthogonal to the null space",
  () => {
    fc.assert(
      fc.property(shapeArb(20), fc.integer({ min: 1, max: 4 }), ({ m, n, seed }, r0) => {
        const r = Math.min(r0, m, n);
        const A = randomRankR(m, n, r, seed), B = randomMatrix(m, 2, seed + 5);
        const { x, rank } = lstsq(A, B);
        assert.equal(rank, r);
        // Aᵀ(A·x − B) = 0
        const res = naiveProduct(A, x);
        for (let i = 0; i < res.data.length; i++) res.data[i] = res.data[i]! - B.data[i]!;
        const scale = Math.max(1, maxAbs(A.data)) ** 2 * Math.max(1, maxAbs(x.data));
        assert.ok(maxAbs(naiveProduct(A, res, true).data) < 1e-10 * scale);
        // null-space directions (rows r… of the full Vt) are orthogonal to x
        const { Vt } = svd(A, { full: true });
        for (let k = r; k < n; k++) {
          for (let c = 0; c < 2; c++) {
            let dot = 0;
            for (let i = 0; i < n; i++) dot += Vt.data[k * n + i]! * x.data[i * 2 + c]!;
            assert.ok(Math.abs(dot) < 1e-9 * Math.max(1, maxAbs(x.data)));
          }
        }
      }),
      runs(30),
    );
  },
);

testBackends("lstsq() drops singular values s ≤ rcond·s_max, and rcond of 0 or ≥ 1 means ε", () => {
  const A = fromRows([[1, 0, 0], [0, 0.5, 0], [0, 0, 1e-3]]);
  const B = fromRows([[1], [1], [1]]);
  const rankOf = (rcond: number) => lstsq(A, B, { rcond }).rank;
  assert.deepEqual([0, 1e-20, 0.4, 0.5, 0.6, 0.99, 1, 2].map(rankOf), [3, 3, 2, 1, 1, 1, 3, 3]);
  assertAllClose(lstsq(A, B, { rcond: 0.4 }).x, [1, 2, 0], { atol: 1e-15 });
  assertAllClose(lstsq(A, B).x, [1, 2, 1000], { rtol: 1e-13 });
  assertAllClose(lstsq(A, B).s, [1, 0.5, 1e-3], { rtol: 1e-15 });
});

testBackends("lstsq() of a zero matrix has rank 0 and a zero solution", () => {
  const { x, rank, s } = lstsq(matrix(3, 2), fromRows([[1], [2], [3]]));
  assert.equal(rank, 0);
  assert.deepEqual(Array.from(x.data), [0, 0]);
  assert.deepEqual(Array.from(s), [0, 0]);
});

testBackends(
  "the raw backend lstsq handles a single right-hand side column and a 1×1 system",
  () => {
    const r = getBackend().lstsq(fromRows([[4]]), fromRows([[2]]), 0);
    assert.deepEqual([r.x.data[0], r.rank], [0.5, 1]);
  },
);

Deno.test("lstsq() rejects mismatched rows and a negative rcond", () => {
  assert.throws(() => lstsq([[1], [2]], [[1]]), {
    name: "TypeError",
    message:
      "Cannot solve least squares: `A` and `B` must have the same number of rows: got shapes [2, 1] and [1, 1]",
  });
  assert.throws(() => lstsq([[1]], [[1]], { rcond: -1 }), {
    name: "RangeError",
    message: "Cannot solve least squares: `rcond` must be >= 0: got -1",
  });
  assert.throws(() => lstsq([[1]], [[NaN]]), {
    name: "RangeError",
    message: "Cannot solve least squares: `B` must be finite: got NaN at [0, 0]",
  });
});

testAgreement("lstsq() agrees between portable and lapack, including rank-deficient input", () => {
  fc.assert(
    fc.property(shapeArb(), fc.integer({ min: 0, max: 6 }), ({ m, n, seed }, r0) => {
      const r = Math.min(r0, m, n);
      const A = r === 0 ? randomMatrix(m, n, seed) : randomRankR(m, n, r, seed);
      const B = randomMatrix(m, 3, seed + 2);
      const [p, q] = onBoth(() => lstsq(A, B));
      assert.equal(p.rank, q.rank);
      assertAllClose(p.s, q.s, { rtol: 1e-10, atol: 1e-12 * Math.max(1, q.s[0]!) });
      const scale = Math.max(1, maxAbs(q.x.data));
      assert.ok(maxDiff(p.x.data, q.x.data) < 1e-8 * scale);
    }),
    runs(50),
  );
});

testBackends("lstsq() equals pinv(A)·B", () => {
  fc.assert(
    fc.property(shapeArb(20), ({ m, n, seed }) => {
      const A = randomRankR(m, n, Math.min(3, m, n), seed), B = randomMatrix(m, 2, seed + 9);
      const viaPinv = naiveProduct(pinv(A, { rcond: Math.max(m, n) * Number.EPSILON }), B);
      assertAllClose(lstsq(A, B).x, viaPinv, {
        rtol: 1e-8,
        atol: 1e-9 * Math.max(1, maxAbs(viaPinv.data)),
      });
    }),
    runs(25),
  );
});
