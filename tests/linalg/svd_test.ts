import assert from "node:assert/strict";
import fc from "fast-check";
import { fromRows, matrix } from "../../lib/linalg/matrix.ts";
import { singularValues, svd } from "../../lib/linalg/svd.ts";
import { getBackend } from "../../lib/linalg/backend.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { onBoth, testAgreement, testBackends } from "./_backends.ts";
import {
  maxAbs,
  maxDiff,
  orthonormalityError,
  randomMatrix,
  randomRankR,
  reconstruct,
  runs,
  shapeArb,
} from "./_util.ts";

testBackends("svd() reconstructs A = U·diag(s)·Vt with orthonormal factors", () => {
  fc.assert(
    fc.property(shapeArb(), ({ m, n, seed }) => {
      const A = randomMatrix(m, n, seed);
      const { U, s, Vt } = svd(A);
      const k = Math.min(m, n);
      assert.deepEqual([U.rows, U.cols, s.length, Vt.rows, Vt.cols], [m, k, k, k, n]);
      const scale = Math.max(1, s[0]!);
      assert.ok(maxDiff(reconstruct(U, s, Vt).data, A.data) < 1e-13 * scale * (m + n));
      assert.ok(orthonormalityError(U) < 1e-13 * (m + n));
      assert.ok(
        orthonormalityError({ rows: n, cols: k, data: transposeData(Vt) }) < 1e-13 * (m + n),
      );
    }),
    runs(),
  );
});

function transposeData(M: { rows: number; cols: number; data: Float64Array }): Float64Array {
  const out = new Float64Array(M.rows * M.cols);
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < M.cols; j++) out[j * M.rows + i] = M.data[i * M.cols + j]!;
  }
  return out;
}

testBackends("svd() gives non-negative singular values in descending order", () => {
  fc.assert(
    fc.property(shapeArb(), ({ m, n, seed }) => {
      const { s } = svd(randomMatrix(m, n, seed));
      for (let i = 0; i < s.length; i++) {
        assert.ok(s[i]! >= 0);
        if (i > 0) assert.ok(s[i - 1]! >= s[i]!);
      }
    }),
    runs(30),
  );
});

testBackends("svd() makes the largest entry of every column of U positive", () => {
  fc.assert(
    fc.property(shapeArb(), ({ m, n, seed }) => {
      const { U } = svd(randomMatrix(m, n, seed));
      for (let j = 0; j < U.cols; j++) {
        let best = 0;
        for (let i = 0; i < U.rows; i++) {
          const v = U.data[i * U.cols + j]!;
          if (Math.abs(v) > Math.abs(best)) best = v;
        }
        assert.ok(best > 0);
      }
    }),
    runs(20),
  );
});

testBackends(
  "svd({full: true}) returns square orthogonal U and Vt that complete the thin ones",
  () => {
    fc.assert(
      fc.property(shapeArb(20), ({ m, n, seed }) => {
        const A = randomMatrix(m, n, seed);
        const full = svd(A, { full: true });
        const thin = svd(A);
        const k = Math.min(m, n);
        assert.deepEqual([full.U.rows, full.U.cols, full.Vt.rows, full.Vt.cols], [m, m, n, n]);
        assert.ok(orthonormalityError(full.U) < 1e-12);
        assert.ok(orthonormalityError({ rows: n, cols: n, data: transposeData(full.Vt) }) < 1e-12);
        assertAllClose(full.s, thin.s, { rtol: 1e-12, atol: 1e-12 });
        // the paired columns span the same rank-one pieces: compare U·diag(s)·Vt built from each
        const Uk = matrix(m, k);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < k; j++) Uk.data[i * k + j] = full.U.data[i * m + j]!;
        }
        const Vk = { rows: k, cols: n, data: full.Vt.data.slice(0, k * n) };
        assert.ok(maxDiff(reconstruct(Uk, full.s, Vk).data, A.data) < 1e-12 * (m + n));
      }),
      runs(25),
    );
  },
);

testBackends("singularValues() equals the s of svd()", () => {
  fc.assert(
    fc.property(shapeArb(), ({ m, n, seed }) => {
      const A = randomMatrix(m, n, seed);
      assertAllClose(singularValues(A), svd(A).s, { rtol: 1e-12, atol: 1e-13 });
    }),
    runs(25),
  );
});

testBackends("svd() of a rank-r matrix has exactly r singular values above rounding", () => {
  fc.assert(
    fc.property(shapeArb(25), fc.integer({ min: 0, max: 5 }), ({ m, n, seed }, r0) => {
      const r = Math.min(r0, m, n);
      const A = r === 0 ? matrix(m, n) : randomRankR(m, n, r, seed);
      const { U, s, Vt } = svd(A);
      const tol = 1e-12 * Math.max(1, s[0] ?? 0);
      assert.equal(s.filter((x) => x > tol).length, r);
      assert.ok(maxDiff(reconstruct(U, s, Vt).data, A.data) < 1e-12 * Math.max(1, s[0]!));
      assert.ok(orthonormalityError(U) < 1e-12);
    }),
    runs(30),
  );
});

testBackends("svd() of the zero matrix gives zero singular values and orthonormal factors", () => {
  for (const [m, n] of [[1, 1], [3, 5], [6, 2]] as const) {
    const { U, s, Vt } = svd(matrix(m, n));
    assert.ok(s.every((x) => x === 0));
    assert.ok(orthonormalityError(U) < 1e-15);
    assert.ok(
      orthonormalityError({ rows: Vt.cols, cols: Vt.rows, data: transposeData(Vt) }) < 1e-15,
    );
  }
});

testBackends("svd() of an orthogonal matrix has all singular values equal to one", () => {
  const c = Math.cos(0.3), s = Math.sin(0.3);
  const Q = fromRows([[c, -s, 0], [s, c, 0], [0, 0, -1]]);
  assertAllClose(svd(Q).s, [1, 1, 1], { rtol: 0, atol: 1e-15 });
  const { U, s: sv, Vt } = svd(Q);
  assert.ok(maxDiff(reconstruct(U, sv, Vt).data, Q.data) < 1e-15);
});

testBackends("svd() handles 1×1, row and column vectors", () => {
  const one = svd(fromRows([[-2.5]]));
  assert.deepEqual([Array.from(one.s), Array.from(one.U.data), Array.from(one.Vt.data)], [[2.5], [
    1,
  ], [-1]]);
  const row = svd(fromRows([[3, 4]]));
  assertAllClose(row.s, [5], { atol: 1e-15 });
  assertAllClose(row.Vt.data, [0.6, 0.8], { atol: 1e-15 });
  const col = svd(fromRows([[0], [-3], [4]]));
  assertAllClose(col.s, [5], { atol: 1e-15 });
  assertAllClose(col.U.data, [0, -0.6, 0.8], { atol: 1e-15 });
  assertAllClose(col.Vt.data, [1], { atol: 0 });
});

testBackends(
  "svd() keeps U and V orthonormal when rounding noise decays to subnormal numbers",
  () => {
    // regression: a rank-one 0/1 pattern drives the trailing bidiagonal entries
    // through the subnormal range, where unscaled reflectors lost orthogonality
    for (const [m, n] of [[40, 40], [59, 49], [61, 56]] as const) {
      const A = matrix(m, n);
      for (let i = 0; i < m; i += 3) A.data.fill(1, i * n, (i + 1) * n);
      const { U, s, Vt } = svd(A);
      assert.ok(orthonormalityError(U) < 1e-13);
      assert.ok(orthonormalityError({ rows: n, cols: Vt.rows, data: transposeData(Vt) }) < 1e-13);
      assertAllClose(s[0]!, Math.sqrt(Math.ceil(m / 3) * n), { rtol: 1e-14 });
      assert.ok(maxDiff(reconstruct(U, s, Vt).data, A.data) < 1e-12);
    }
  },
);

testBackends("svd() keeps the relative accuracy of widely scaled columns", () => {
  const A = fromRows([[1e150, 0], [0, 1e-150], [0, 0]]);
  assertAllClose(svd(A).s, [1e150, 1e-150], { rtol: 1e-14, atol: 0 });
  const tiny = fromRows([[3e-300, 0], [0, 4e-300]]);
  assertAllClose(singularValues(tiny), [4e-300, 3e-300], { rtol: 1e-14, atol: 0 });
});

testBackends("svd() does not mutate its input", () => {
  const A = randomMatrix(7, 4, 3);
  const copy = A.data.slice();
  svd(A, { full: true });
  singularValues(A);
  assert.deepEqual(A.data, copy);
});

testBackends("the raw backend SVD of an empty matrix has identity full factors", () => {
  const raw = getBackend().svd(matrix(0, 3), true);
  assert.deepEqual([raw.U.rows, raw.U.cols, raw.s.length], [0, 0, 0]);
  assert.deepEqual(Array.from(raw.Vt.data), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const thin = getBackend().svd(matrix(4, 0), false);
  assert.deepEqual([thin.U.rows, thin.U.cols, thin.Vt.rows, thin.Vt.cols], [4, 0, 0, 0]);
  assert.equal(getBackend().singularValues(matrix(2, 0)).length, 0);
});

Deno.test("svd() rejects empty and non-finite input, naming the argument", () => {
  assert.throws(() => svd(matrix(0, 3)), {
    name: "RangeError",
    message: "Cannot compute SVD: `A` must not be empty: got shape [0, 3]",
  });
  assert.throws(() => singularValues([[1, NaN]]), {
    name: "RangeError",
    message: "Cannot compute singular values: `A` must be finite: got NaN at [0, 1]",
  });
});

testAgreement(
  "svd() agrees between portable and lapack (values, and vectors of distinct values)",
  () => {
    fc.assert(
      fc.property(shapeArb(), fc.boolean(), ({ m, n, seed }, full) => {
        const A = randomMatrix(m, n, seed);
        const [p, q] = onBoth(() => svd(A, { full }));
        assertAllClose(p.s, q.s, { rtol: 1e-10, atol: 1e-12 });
        // vectors are unique (up to the fixed sign) when the singular values are well separated
        const k = p.s.length;
        for (let j = 0; j < k; j++) {
          const gap = Math.min(
            j > 0 ? q.s[j - 1]! - q.s[j]! : Infinity,
            j + 1 < k ? q.s[j]! - q.s[j + 1]! : q.s[j]!,
          );
          if (gap < 1e-3 * q.s[0]!) continue;
          for (let i = 0; i < m; i++) {
            const d = Math.abs(p.U.data[i * p.U.cols + j]! - q.U.data[i * q.U.cols + j]!);
            assert.ok(d < 1e-9, `U[${i}, ${j}] differs by ${d}`);
          }
          const rowP = p.Vt.data.subarray(j * n, (j + 1) * n);
          const rowQ = q.Vt.data.subarray(j * n, (j + 1) * n);
          assert.ok(maxDiff(rowP, rowQ) < 1e-9);
        }
      }),
      runs(50),
    );
  },
);

testAgreement("singularValues() agrees between backends on rank-deficient input", () => {
  fc.assert(
    fc.property(shapeArb(25), fc.integer({ min: 1, max: 4 }), ({ m, n, seed }, r) => {
      const A = randomRankR(m, n, Math.min(r, m, n), seed);
      const [p, q] = onBoth(() => singularValues(A));
      assert.ok(maxDiff(p, q) < 1e-12 * Math.max(1, maxAbs(q)));
    }),
    runs(30),
  );
});
