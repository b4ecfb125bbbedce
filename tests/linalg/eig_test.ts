import assert from "node:assert/strict";
import fc from "fast-check";
import { eig } from "../../lib/linalg/eig.ts";
import { fromRows, type Matrix, matrix } from "../../lib/linalg/matrix.ts";
import { getBackend } from "../../lib/linalg/backend.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { onBoth, testAgreement, testBackends } from "./_backends.ts";
import { maxAbs, maxDiff, randomMatrix, runs, squareArb } from "./_util.ts";

/** max over columns of ‖A·v − λ·v‖∞ in complex arithmetic. */
function residual(A: Matrix, r: ReturnType<typeof eig>): number {
  const n = A.rows;
  const vr = r.vectorsRe!.data, vi = r.vectorsIm!.data;
  let err = 0;
  for (let j = 0; j < n; j++) {
    const lr = r.re[j]!, li = r.im[j]!;
    for (let i = 0; i < n; i++) {
      let sr = 0, si = 0;
      for (let k = 0; k < n; k++) {
        sr += A.data[i * n + k]! * vr[k * n + j]!;
        si += A.data[i * n + k]! * vi[k * n + j]!;
      }
      const er = sr - (lr * vr[i * n + j]! - li * vi[i * n + j]!);
      const ei = si - (lr * vi[i * n + j]! + li * vr[i * n + j]!);
      err = Math.max(err, Math.hypot(er, ei));
    }
  }
  return err;
}

testBackends("eig() satisfies A·v = λ·v for every eigenpair", () => {
  fc.assert(
    fc.property(squareArb(), ({ n, seed }) => {
      const A = randomMatrix(n, n, seed);
      const r = eig(A, { vectors: true });
      assert.ok(residual(A, r) < 1e-12 * n * Math.max(1, maxAbs(A.data)));
    }),
    runs(),
  );
});

testBackends("eig() sorts by modulus, then real part, then imaginary part (descending)", () => {
  fc.assert(
    fc.property(squareArb(), ({ n, seed }) => {
      const { re, im } = eig(randomMatrix(n, n, seed));
      for (let i = 1; i < n; i++) {
        const a = Math.hypot(re[i - 1]!, im[i - 1]!), b = Math.hypot(re[i]!, im[i]!);
        assert.ok(a >= b - 1e-12 * Math.max(1, a));
        if (Math.abs(a - b) <= 1e-12 * Math.max(1, a) && Math.abs(re[i - 1]! - re[i]!) < 1e-12) {
          assert.ok(im[i - 1]! >= im[i]!);
        }
      }
    }),
    runs(30),
  );
});

testBackends("eig() returns conjugate pairs with +Im first and conjugate unit eigenvectors", () => {
  fc.assert(
    fc.property(squareArb(), ({ n, seed }) => {
      const r = eig(randomMatrix(n, n, seed), { vectors: true });
      const vr = r.vectorsRe!.data, vi = r.vectorsIm!.data;
      for (let j = 0; j < n; j++) {
        let norm = 0, best = 0, bestMod = -1;
        for (let i = 0; i < n; i++) {
          const m2 = vr[i * n + j]! ** 2 + vi[i * n + j]! ** 2;
          norm += m2;
          if (m2 > bestMod) {
            bestMod = m2;
            best = i;
          }
        }
        assertAllClose(norm, 1, { rtol: 0, atol: 1e-13 });
        assert.equal(vi[best * n + j], 0);
        assert.ok(vr[best * n + j]! > 0);
        if (r.im[j]! > 0) {
          assert.equal(r.re[j + 1], r.re[j]);
          assert.equal(r.im[j + 1], -r.im[j]!);
          for (let i = 0; i < n; i++) {
            assertAllClose(vr[i * n + j + 1]!, vr[i * n + j]!, { atol: 1e-14 });
            assertAllClose(vi[i * n + j + 1]!, -vi[i * n + j]!, { atol: 1e-14 });
          }
          j++;
        } else {
          assert.equal(r.im[j], 0);
        }
      }
    }),
    runs(30),
  );
});

testBackends("eig() gives the same eigenvalues with and without vectors", () => {
  fc.assert(
    fc.property(squareArb(), ({ n, seed }) => {
      const A = randomMatrix(n, n, seed);
      const a = eig(A), b = eig(A, { vectors: true });
      assert.equal(a.vectorsRe, undefined);
      assertAllClose(a.re, b.re, { rtol: 1e-11, atol: 1e-12 });
      assertAllClose(a.im, b.im, { rtol: 1e-11, atol: 1e-12 });
    }),
    runs(25),
  );
});

testBackends("eig() preserves the trace and reads a triangular matrix's diagonal exactly", () => {
  fc.assert(
    fc.property(squareArb(), ({ n, seed }) => {
      const A = randomMatrix(n, n, seed);
      const { re, im } = eig(A);
      let tr = 0, s = 0, si = 0;
      for (let i = 0; i < n; i++) {
        tr += A.data[i * n + i]!;
        s += re[i]!;
        si += im[i]!;
      }
      assertAllClose(s, tr, { rtol: 1e-11, atol: 1e-11 });
      assertAllClose(si, 0, { atol: 1e-11 });
      // upper triangular: balancing isolates every eigenvalue, no iteration needed
      const U = matrix(n, n);
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) U.data[i * n + j] = A.data[i * n + j]!;
      }
      const diag = Array.from({ length: n }, (_, i) => U.data[i * n + i]!);
      const got = eig(U);
      assert.deepEqual(Array.from(got.re).sort(), diag.sort());
      assert.ok(got.im.every((x) => x === 0));
    }),
    runs(25),
  );
});

testBackends("eig() of a cyclic permutation gives the roots of unity (no stall)", () => {
  for (const n of [2, 3, 4, 5, 8, 13]) {
    const P = matrix(n, n);
    for (let i = 0; i < n; i++) P.data[((i + 1) % n) * n + i] = 1;
    const { re, im } = eig(P);
    for (let i = 0; i < n; i++) assertAllClose(Math.hypot(re[i]!, im[i]!), 1, { atol: 1e-13 });
    // λ = 1 is the largest real part among modulus-one values
    assertAllClose([re[0]!, im[0]!], [1, 0], { atol: 1e-13 });
  }
});

testBackends("eig() of a defective Jordan block terminates with finite eigenvectors", () => {
  const J = fromRows([[2, 1, 0, 0], [0, 2, 1, 0], [0, 0, 2, 1], [0, 0, 0, 2]]);
  const r = eig(J, { vectors: true });
  assertAllClose(r.re, [2, 2, 2, 2], { atol: 0 });
  assert.ok(r.vectorsRe!.data.every(Number.isFinite));
  // every computed vector is (numerically) the one true eigenvector e₀
  for (let j = 0; j < 4; j++) assertAllClose(Math.abs(r.vectorsRe!.data[j]!), 1, { atol: 1e-12 });
  // a perturbed Jordan block has eigenvalues on a circle of radius ε^(1/4)
  const P = matrix(6, 6);
  for (let i = 0; i < 6; i++) {
    P.data[i * 6 + i] = 1;
    if (i < 5) P.data[i * 6 + i + 1] = 1;
  }
  P.data[5 * 6] = 1e-12;
  const pr = eig(P, { vectors: true });
  for (let i = 0; i < 6; i++) {
    assertAllClose(Math.hypot(pr.re[i]! - 1, pr.im[i]!), 1e-2, { rtol: 1e-3 });
  }
  assert.ok(residual(P, pr) < 1e-12);
});

testBackends("eig() keeps residuals small on nearly triangular non-normal matrices", () => {
  // regression: balancing that ignored the diagonal scaled these by up to 2^±40 and
  // left residuals near 1e-10; unit upper triangular plus a tiny corner entry
  for (const [n, seed] of [[41, 107], [59, 131], [42, 219]] as const) {
    const A = randomMatrix(n, n, seed);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) A.data[i * n + j] = i === j ? 1 : 0;
    }
    A.data[(n - 1) * n] = 1e-14;
    const r = eig(A, { vectors: true });
    assert.ok(residual(A, r) < 1e-12 * maxAbs(A.data), `n = ${n}`);
  }
});

testBackends(
  "eig() converges on a singular integer matrix with a defective zero eigenvalue",
  () => {
    // regression: stalled before the Ahues–Tisseur deflation test and explicit shifts
    const n = 50;
    const A = matrix(n, n);
    for (let i = 0; i < n * n; i++) A.data[i] = ((i * 7919) % 5) - 2;
    const r = eig(A, { vectors: true });
    assert.ok(residual(A, r) < 1e-12 * n);
  },
);

testBackends("eig() companion matrix gives the polynomial's roots", () => {
  // x³ − 6x² + 11x − 6 = (x − 1)(x − 2)(x − 3)
  const C = fromRows([[6, -11, 6], [1, 0, 0], [0, 1, 0]]);
  const { re, im } = eig(C);
  assertAllClose(re, [3, 2, 1], { rtol: 1e-12, atol: 1e-12 });
  assertAllClose(im, [0, 0, 0], { atol: 1e-12 });
  // x² + 1: ±i
  const r = eig(fromRows([[0, -1], [1, 0]]), { vectors: true });
  assert.deepEqual([Array.from(r.re), Array.from(r.im)], [[0, 0], [1, -1]]);
  assertAllClose(r.vectorsRe!.data, [Math.SQRT1_2, Math.SQRT1_2, 0, 0], { atol: 1e-15 });
  assertAllClose(r.vectorsIm!.data, [0, 0, -Math.SQRT1_2, Math.SQRT1_2], { atol: 1e-15 });
});

testBackends("eig() stays accurate on a badly scaled matrix (balancing)", () => {
  // D·M·D⁻¹ with D spanning 1e-6…1e6 has the eigenvalues of M
  const M = randomMatrix(6, 6, 11);
  const d = [1e-6, 1e-3, 1, 1, 1e3, 1e6];
  const A = matrix(6, 6);
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 6; j++) A.data[i * 6 + j] = (d[i]! * M.data[i * 6 + j]!) / d[j]!;
  }
  const a = eig(A), m = eig(M);
  assertAllClose(a.re, m.re, { rtol: 1e-9, atol: 1e-9 });
  assertAllClose(a.im, m.im, { rtol: 1e-9, atol: 1e-9 });
});

testBackends("eig() of c·A has eigenvalues c·λ even for c = 1e±300", () => {
  const M = randomMatrix(10, 10, 21);
  const base = eig(M);
  for (const c of [1e-300, 1e300]) {
    const A = matrix(10, 10);
    for (let i = 0; i < 100; i++) A.data[i] = M.data[i]! * c;
    const r = eig(A, { vectors: true });
    assertAllClose(r.re.map((x) => x / c), base.re, { rtol: 1e-12, atol: 1e-12 });
    assertAllClose(r.im.map((x) => x / c), base.im, { rtol: 1e-12, atol: 1e-12 });
    let err = 0;
    const n = 10;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        let sr = 0, si = 0;
        for (let k = 0; k < n; k++) {
          sr += M.data[i * n + k]! * r.vectorsRe!.data[k * n + j]!;
          si += M.data[i * n + k]! * r.vectorsIm!.data[k * n + j]!;
        }
        const lr = base.re[j]!, li = base.im[j]!;
        const vr = r.vectorsRe!.data[i * n + j]!, vi = r.vectorsIm!.data[i * n + j]!;
        err = Math.max(err, Math.hypot(sr - (lr * vr - li * vi), si - (lr * vi + li * vr)));
      }
    }
    assert.ok(err < 1e-12);
  }
});

testBackends("eig() handles 1×1, zero and identity matrices", () => {
  assert.deepEqual(Array.from(eig(fromRows([[-3]]), { vectors: true }).vectorsRe!.data), [1]);
  const z = eig(matrix(3, 3), { vectors: true });
  assert.ok(z.re.every((x) => x === 0) && z.im.every((x) => x === 0));
  assert.ok(z.vectorsRe!.data.every(Number.isFinite));
  const I = eig(fromRows([[1, 0], [0, 1]]), { vectors: true });
  assert.deepEqual(Array.from(I.re), [1, 1]);
  assertAllClose(I.vectorsRe!.data, [1, 0, 0, 1], { atol: 0 });
});

testBackends("eig() of an empty matrix in the backend is empty", () => {
  const raw = getBackend().eig(matrix(0, 0), true);
  assert.deepEqual([raw.re.length, raw.im.length], [0, 0]);
});

Deno.test("eig() rejects non-square input", () => {
  assert.throws(() => eig([[1, 2, 3]]), {
    name: "TypeError",
    message: "Cannot compute eigendecomposition: `A` must be square: got shape [1, 3]",
  });
});

testAgreement(
  "eig() agrees between portable and lapack (values, and vectors of distinct values)",
  () => {
    fc.assert(
      fc.property(squareArb(), ({ n, seed }) => {
        const A = randomMatrix(n, n, seed);
        const [p, q] = onBoth(() => eig(A, { vectors: true }));
        const scale = Math.max(1, Math.hypot(q.re[0]!, q.im[0]!));
        assert.ok(maxDiff(p.re, q.re) < 1e-10 * scale);
        assert.ok(maxDiff(p.im, q.im) < 1e-10 * scale);
        for (let j = 0; j < n; j++) {
          let gap = Infinity;
          for (let k = 0; k < n; k++) {
            if (k !== j) gap = Math.min(gap, Math.hypot(q.re[k]! - q.re[j]!, q.im[k]! - q.im[j]!));
          }
          if (gap < 1e-2 * scale) continue;
          for (let i = 0; i < n; i++) {
            const dr = Math.abs(p.vectorsRe!.data[i * n + j]! - q.vectorsRe!.data[i * n + j]!);
            const di = Math.abs(p.vectorsIm!.data[i * n + j]! - q.vectorsIm!.data[i * n + j]!);
            assert.ok(Math.max(dr, di) < 1e-8, `v[${i}, ${j}] differs by ${Math.max(dr, di)}`);
          }
        }
      }),
      runs(50),
    );
  },
);
