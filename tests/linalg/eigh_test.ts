import assert from "node:assert/strict";
import fc from "fast-check";
import { eigh } from "../../lib/linalg/eigh.ts";
import { eye, fromRows, matrix } from "../../lib/linalg/matrix.ts";
import { getBackend } from "../../lib/linalg/backend.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { onBoth, testAgreement, testBackends } from "./_backends.ts";
import { maxAbs, maxDiff, orthonormalityError, randomSymmetric, runs, squareArb } from "./_util.ts";

/** max ‖A·v_j − λ_j·v_j‖∞ over the columns. */
function residual(A: { rows: number; data: Float64Array }, values: Float64Array, V: Float64Array) {
  const n = A.rows;
  let err = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += A.data[i * n + k]! * V[k * n + j]!;
      err = Math.max(err, Math.abs(s - values[j]! * V[i * n + j]!));
    }
  }
  return err;
}

testBackends("eigh() satisfies A·V = V·diag(values) with orthonormal V", () => {
  fc.assert(
    fc.property(squareArb(), ({ n, seed }) => {
      const A = randomSymmetric(n, seed);
      const { values, vectors } = eigh(A);
      const scale = Math.max(1, maxAbs(values));
      assert.ok(residual(A, values, vectors!.data) < 1e-13 * scale * n);
      assert.ok(orthonormalityError(vectors!) < 1e-13 * n);
    }),
    runs(),
  );
});

testBackends("eigh() returns ascending values, equal with and without vectors", () => {
  fc.assert(
    fc.property(squareArb(), ({ n, seed }) => {
      const A = randomSymmetric(n, seed);
      const { values } = eigh(A);
      for (let i = 1; i < n; i++) assert.ok(values[i - 1]! <= values[i]!);
      const only = eigh(A, { vectors: false });
      assert.equal(only.vectors, undefined);
      assertAllClose(only.values, values, { rtol: 1e-12, atol: 1e-12 });
    }),
    runs(25),
  );
});

testBackends("eigh() preserves the trace and the Frobenius norm", () => {
  fc.assert(
    fc.property(squareArb(), ({ n, seed }) => {
      const A = randomSymmetric(n, seed);
      const { values } = eigh(A, { vectors: false });
      let tr = 0, fro = 0, sum = 0, sq = 0;
      for (let i = 0; i < n; i++) tr += A.data[i * n + i]!;
      for (const v of A.data) fro += v * v;
      for (const v of values) {
        sum += v;
        sq += v * v;
      }
      assertAllClose(sum, tr, { rtol: 1e-12, atol: 1e-11 });
      assertAllClose(sq, fro, { rtol: 1e-12, atol: 1e-11 });
    }),
    runs(25),
  );
});

testBackends("eigh() makes the largest entry of every eigenvector positive", () => {
  fc.assert(
    fc.property(squareArb(), ({ n, seed }) => {
      const { vectors } = eigh(randomSymmetric(n, seed));
      for (let j = 0; j < n; j++) {
        let best = 0;
        for (let i = 0; i < n; i++) {
          const v = vectors!.data[i * n + j]!;
          if (Math.abs(v) > Math.abs(best)) best = v;
        }
        assert.ok(best > 0);
      }
    }),
    runs(20),
  );
});

testBackends("eigh() reads only the lower triangle in the backend", () => {
  const A = fromRows([[2, 99], [1, 2]]);
  const raw = getBackend().eigh(A, false);
  assertAllClose(raw.values, [1, 3], { atol: 1e-14 });
});

testBackends("eigh() of a multiple of the identity returns that value n times and a basis", () => {
  const I = eye(6);
  for (let i = 0; i < 36; i++) I.data[i] = I.data[i]! * 2.5;
  const { values, vectors } = eigh(I);
  assertAllClose(values, new Array(6).fill(2.5), { atol: 1e-15 });
  assert.ok(orthonormalityError(vectors!) < 1e-15);
});

testBackends("eigh() resolves a cluster of nearly equal eigenvalues accurately", () => {
  const n = 12;
  const A = matrix(n, n);
  // Wilkinson's W21-style tridiagonal: pairs of eigenvalues agreeing to many digits
  for (let i = 0; i < n; i++) {
    A.data[i * n + i] = Math.abs(i - (n - 1) / 2);
    if (i + 1 < n) A.data[i * n + i + 1] = A.data[(i + 1) * n + i] = 1;
  }
  const { values, vectors } = eigh(A);
  assert.ok(residual(A, values, vectors!.data) < 1e-13);
  assert.ok(orthonormalityError(vectors!) < 1e-13);
});

testBackends("eigh() of c·A has eigenvalues c·λ even for c = 1e±300", () => {
  const A = randomSymmetric(9, 5);
  const base = eigh(A);
  for (const c of [1e-300, 1e300]) {
    const S = matrix(9, 9);
    for (let i = 0; i < 81; i++) S.data[i] = A.data[i]! * c;
    const r = eigh(S);
    assertAllClose(r.values.map((x) => x / c), base.values, { rtol: 1e-12, atol: 1e-12 });
    assertAllClose(r.vectors!.data, base.vectors!.data, { rtol: 1e-10, atol: 1e-11 });
  }
});

testBackends("eigh() handles 1×1 and diagonal matrices exactly", () => {
  const one = eigh(fromRows([[-4]]));
  assert.deepEqual([Array.from(one.values), Array.from(one.vectors!.data)], [[-4], [1]]);
  const d = eigh(fromRows([[3, 0, 0], [0, -1, 0], [0, 0, 2]]));
  assert.deepEqual(Array.from(d.values), [-1, 2, 3]);
  assert.deepEqual(Array.from(d.vectors!.data), [0, 0, 1, 1, 0, 0, 0, 1, 0]);
});

testBackends("eigh() of an empty matrix in the backend is empty", () => {
  const raw = getBackend().eigh(matrix(0, 0), true);
  assert.deepEqual([raw.values.length, raw.vectors!.rows], [0, 0]);
});

Deno.test("eigh() rejects non-square and non-symmetric input", () => {
  assert.throws(() => eigh([[1, 2, 3], [4, 5, 6]]), {
    name: "TypeError",
    message: "Cannot compute symmetric eigendecomposition: `A` must be square: got shape [2, 3]",
  });
  assert.throws(() => eigh([[1, 2], [2.1, 1]]), {
    name: "RangeError",
    message:
      "Cannot compute symmetric eigendecomposition: `A` must be symmetric: A[1, 0] = 2.1 but A[0, 1] = 2",
  });
});

testAgreement(
  "eigh() agrees between portable and lapack (values, and vectors of distinct values)",
  () => {
    fc.assert(
      fc.property(squareArb(), ({ n, seed }) => {
        const A = randomSymmetric(n, seed);
        const [p, q] = onBoth(() => eigh(A));
        const scale = Math.max(1, maxAbs(q.values));
        assert.ok(maxDiff(p.values, q.values) < 1e-12 * scale);
        for (let j = 0; j < n; j++) {
          const gap = Math.min(
            j > 0 ? q.values[j]! - q.values[j - 1]! : Infinity,
            j + 1 < n ? q.values[j + 1]! - q.values[j]! : Infinity,
          );
          if (gap < 1e-3 * scale) continue;
          for (let i = 0; i < n; i++) {
            const d = Math.abs(p.vectors!.data[i * n + j]! - q.vectors!.data[i * n + j]!);
            assert.ok(d < 1e-9, `V[${i}, ${j}] differs by ${d}`);
          }
        }
      }),
      runs(50),
    );
  },
);
