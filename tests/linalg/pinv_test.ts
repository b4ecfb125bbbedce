import assert from "node:assert/strict";
import fc from "fast-check";
import { pinv } from "../../lib/linalg/lstsq.ts";
import { fromRows, type Matrix } from "../../lib/linalg/matrix.ts";
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
  transposed,
} from "./_util.ts";

function close(a: Matrix, b: Matrix, scale: number): boolean {
  return maxDiff(a.data, b.data) < 1e-10 * scale;
}

testBackends("pinv() satisfies the four Moore–Penrose identities", () => {
  fc.assert(
    fc.property(shapeArb(20), fc.integer({ min: 1, max: 6 }), ({ m, n, seed }, r0) => {
      const r = Math.min(r0, m, n);
      const A = randomRankR(m, n, r, seed);
      // rounding leaves the zero singular values near 1e-16·s_max: cut well above
      const P = pinv(A, { rcond: 1e-10 });
      assert.deepEqual([P.rows, P.cols], [n, m]);
      const AP = naiveProduct(A, P), PA = naiveProduct(P, A);
      const sa = Math.max(1, maxAbs(A.data)), sp = Math.max(1, maxAbs(P.data));
      const s = sa * sa * sp * sp * Math.max(m, n);
      assert.ok(close(naiveProduct(AP, A), A, s), "A·A⁺·A = A");
      assert.ok(close(naiveProduct(PA, P), P, s), "A⁺·A·A⁺ = A⁺");
      assert.ok(close(transposed(AP), AP, s), "A·A⁺ symmetric");
      assert.ok(close(transposed(PA), PA, s), "A⁺·A symmetric");
    }),
    runs(30),
  );
});

testBackends("pinv() of an invertible matrix is its inverse", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const A = randomMatrix(n, n, seed);
      for (let i = 0; i < n; i++) A.data[i * n + i] += 3 * Math.sqrt(n);
      const I = naiveProduct(A, pinv(A));
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          assert.ok(Math.abs(I.data[i * n + j]! - (i === j ? 1 : 0)) < 1e-12 * n);
        }
      }
    }),
    runs(20),
  );
});

testBackends("pinv() inverts the nonzero singular values only", () => {
  assert.deepEqual(pinv(fromRows([[2, 0], [0, 0]])).data, new Float64Array([0.5, 0, 0, 0]));
  assertAllClose(pinv(fromRows([[1, 2]])), [0.2, 0.4], { atol: 1e-15 });
  assert.deepEqual(Array.from(pinv(fromRows([[0, 0, 0]])).data), [0, 0, 0]);
  // rcond cuts relative to the largest singular value
  assertAllClose(pinv(fromRows([[1, 0], [0, 1e-3]]), { rcond: 1e-2 }), [1, 0, 0, 0], { atol: 0 });
});

testBackends("pinv() drops singular values at or below 1e-15·s_max by default, as numpy", () => {
  assert.deepEqual(Array.from(pinv(fromRows([[1, 0], [0, 5e-16]])).data), [1, 0, 0, 0]);
  assertAllClose(pinv(fromRows([[1, 0], [0, 2e-15]])), [1, 0, 0, 5e14], { rtol: 1e-14 });
  assert.deepEqual(Array.from(pinv(fromRows([[1, 0], [0, 2e-15]]), { rcond: 2e-15 }).data), [
    1,
    0,
    0,
    0,
  ]);
});

Deno.test("pinv() rejects a negative rcond", () => {
  assert.throws(() => pinv([[1]], { rcond: -0.5 }), {
    name: "RangeError",
    message: "Cannot compute pseudo-inverse: `rcond` must be >= 0: got -0.5",
  });
});

testAgreement("pinv() agrees between portable and lapack", () => {
  fc.assert(
    fc.property(shapeArb(), fc.integer({ min: 1, max: 8 }), ({ m, n, seed }, r) => {
      const A = randomRankR(m, n, Math.min(r, m, n), seed);
      const [p, q] = onBoth(() => pinv(A, { rcond: 1e-10 }));
      assert.ok(maxDiff(p.data, q.data) < 1e-8 * Math.max(1, maxAbs(q.data)));
    }),
    runs(30),
  );
});
