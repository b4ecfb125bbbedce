// Direct tests of the building blocks of the portable backend (independent of
// the public wrappers, so a failure points at the kernel itself).
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  accumulateRight,
  applyRight,
  makeReflector,
  readReflector,
} from "../../lib/linalg/portable/householder.ts";
import { applyRotations, rotateRows } from "../../lib/linalg/portable/util.ts";
import { gemmKernel } from "../../lib/linalg/portable/gemm.ts";
import { hessenbergQr } from "../../lib/linalg/portable/schur.ts";
import { standardize2x2 } from "../../lib/linalg/portable/standard2x2.ts";
import { bidiagonalSvd } from "../../lib/linalg/portable/bidiagonal_qr.ts";
import { tridiagonalEigen } from "../../lib/linalg/portable/tridiagonal_qr.ts";
import { schurEigenvectors } from "../../lib/linalg/portable/eigenvectors.ts";
import { balance, unbalanceVectors } from "../../lib/linalg/portable/balance.ts";
import { bidiagonalize, formUt, formVt } from "../../lib/linalg/portable/bidiagonal.ts";
import { hessenberg } from "../../lib/linalg/portable/hessenberg.ts";
import { formTridiagonalQt, tridiagonalize } from "../../lib/linalg/portable/tridiagonal.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { maxDiff, naiveProduct, orthonormalityError, randomMatrix, runs } from "./_util.ts";

function gaussians(n: number, seed: number): Float64Array {
  const g = normalSampler(mulberry32(seed));
  return Float64Array.from({ length: n }, g);
}

Deno.test("makeReflector() maps x to β·e₁ with an orthogonal reflector, even for subnormal x", () => {
  for (const scale of [1, 1e-310, 1e-318, 1e300]) {
    const x0 = Float64Array.from(gaussians(7, 3), (v) => v * scale);
    const x = x0.slice();
    const tau = makeReflector(x, 0, 7, 1);
    const v = new Float64Array(7);
    readReflector(x, 0, 7, 1, v);
    let vv = 0, vx = 0;
    for (let i = 0; i < 7; i++) {
      vv += v[i]! * v[i]!;
      vx += v[i]! * x0[i]!;
    }
    assertAllClose(tau * vv, 2, { rtol: 1e-14 });
    // (I − τvvᵀ)x₀ = β·e₁
    for (let i = 1; i < 7; i++) {
      assert.ok(Math.abs(x0[i]! - tau * vx * v[i]!) <= 1e-14 * Math.abs(x[0]!));
    }
    assertAllClose(x0[0]! - tau * vx, x[0]!, { rtol: 1e-14, atol: 0 });
  }
});

Deno.test("makeReflector() leaves an already reduced vector alone (τ = 0)", () => {
  const x = new Float64Array([-2, 0, 0]);
  assert.equal(makeReflector(x, 0, 3, 1), 0);
  assert.deepEqual(Array.from(x), [-2, 0, 0]);
});

Deno.test("accumulateRight() equals applying the reflectors one by one across block boundaries", () => {
  const m = 75, count = 70;
  const store = gaussians(count * m, 9);
  const taus = new Float64Array(count);
  for (let j = 0; j < count; j++) taus[j] = makeReflector(store, j * m + j, m - j, 1);
  const expected = new Float64Array(count * m);
  for (let i = 0; i < count; i++) expected[i * m + i] = 1;
  const v = new Float64Array(m);
  for (let j = count - 1; j >= 0; j--) {
    readReflector(store, j * m + j, m - j, 1, v);
    applyRight(expected, m, j, count, j, m - j, v, taus[j]!);
  }
  const got = new Float64Array(count * m);
  for (let i = 0; i < count; i++) got[i * m + i] = 1;
  accumulateRight(got, m, count, 0, count - 1, m, {
    start: (j) => j,
    read: (j, out, off) => {
      readReflector(store, j * m + j, m - j, 1, out.subarray(off));
      return taus[j]!;
    },
  });
  assert.ok(maxDiff(got, expected) < 1e-13);
  assert.ok(
    orthonormalityError({ rows: m, cols: count, data: transposeRect(got, count, m) }) < 1e-13,
  );
});

function transposeRect(a: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j]!;
  return out;
}

Deno.test("applyRotations() is bit-for-bit the sequence of single rotations", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 9 }), (q, width) => {
      const z = gaussians((q + 1) * width, q * 31 + width), ref = z.slice();
      const angles = gaussians(q, q + 7);
      const cs = angles.map(Math.cos), sn = angles.map(Math.sin);
      applyRotations(z, width, 0, q, cs, sn);
      for (let k = 0; k < q; k++) rotateRows(ref, width, k, k + 1, cs[k]!, sn[k]!);
      assert.deepEqual(z, ref);
    }),
    runs(30),
  );
});

Deno.test("gemmKernel() accumulates into a block of a larger array through leading dimensions", () => {
  const A = randomMatrix(5, 6, 1), B = randomMatrix(6, 9, 2);
  const C = new Float64Array(8 * 12).fill(1);
  // C[2:7, 3:10] += A·B[:, 1:8]
  gemmKernel(A.data, 6, 1, B.data.subarray(1), C.subarray(2 * 12 + 3), 5, 6, 7, 9, 12);
  const P = naiveProduct(A, B);
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 12; j++) {
      const inside = i >= 2 && i < 7 && j >= 3 && j < 10;
      const want = inside ? 1 + P.data[(i - 2) * 9 + (j - 3 + 1)]! : 1;
      assertAllClose(C[i * 12 + j]!, want, { rtol: 1e-14, atol: 1e-14 });
    }
  }
});

Deno.test("standardize2x2() returns Gᵀ·M·G in standard form with M's eigenvalues", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
      const [a, b, c, d] = gaussians(4, seed);
      const r = standardize2x2(a!, b!, c!, d!);
      assertAllClose(r.cs * r.cs + r.sn * r.sn, 1, { rtol: 1e-15 });
      // M·G = G·S with S the standard block
      const g = [[r.cs, -r.sn], [r.sn, r.cs]], M = [[a!, b!], [c!, d!]];
      const S = [[r.a, r.b], [r.c, r.d]];
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) {
          const mg = M[i]![0]! * g[0]![j]! + M[i]![1]! * g[1]![j]!;
          const gs = g[i]![0]! * S[0]![j]! + g[i]![1]! * S[1]![j]!;
          assertAllClose(mg, gs, { atol: 1e-14 });
        }
      }
      const disc = ((a! - d!) / 2) ** 2 + b! * c!;
      if (disc >= 0) {
        assert.equal(r.c, 0);
        assert.equal(r.im1, 0);
      } else {
        assert.equal(r.a, r.d);
        assert.ok(r.b * r.c < 0 && r.im1 > 0 && r.im2 === -r.im1);
        assertAllClose(r.im1, Math.sqrt(-disc), { rtol: 1e-12 });
      }
      assertAllClose(r.re1 + r.re2, a! + d!, { atol: 1e-14 });
    }),
    runs(200),
  );
});

Deno.test("schurEigenvectors() solves (T − λI)·y = 0 on a quasi-triangular T", () => {
  // T with a real eigenvalue, a complex pair and another real eigenvalue
  const n = 4;
  const T = new Float64Array([
    2,
    1,
    -1,
    0.5,
    0,
    1,
    2,
    0.3,
    0,
    -3,
    1,
    0.7,
    0,
    0,
    0,
    -1,
  ]);
  const wr = new Float64Array([2, 1, 1, -1]);
  const wi = new Float64Array([0, Math.sqrt(6), -Math.sqrt(6), 0]);
  const y = schurEigenvectors(T, n, wr, wi);
  for (let j = 0; j < n; j++) {
    if (wi[j]! < 0) continue;
    for (let i = 0; i < n; i++) {
      let sr = 0, si = 0;
      for (let k = 0; k < n; k++) {
        sr += T[i * n + k]! * y[k * n + j]!;
        si += wi[j] === 0 ? 0 : T[i * n + k]! * y[k * n + j + 1]!;
      }
      const xr = y[i * n + j]!, xi = wi[j] === 0 ? 0 : y[i * n + j + 1]!;
      assertAllClose(sr, wr[j]! * xr - wi[j]! * xi, { atol: 1e-14 });
      assertAllClose(si, wr[j]! * xi + wi[j]! * xr, { atol: 1e-14 });
    }
  }
});

Deno.test("balance() is an exact similarity D⁻¹·Pᵀ·A·P·D that unbalanceVectors() undoes", () => {
  const n = 6;
  const A = randomMatrix(n, n, 4);
  for (let j = 0; j < n; j++) A.data[3 * n + j] = j === 3 ? 2 : 0; // row 3 isolates an eigenvalue
  for (let i = 0; i < n; i++) A.data[i * n + 1] *= 1e6; // a badly scaled column
  const B = A.data.slice();
  const bal = balance(B, n);
  assert.ok(bal.hi - bal.lo < n - 1);
  // X = P·D maps B to A: A·X = X·B, with X built by unbalancing the identity
  const X = new Float64Array(n * n);
  for (let i = 0; i < n; i++) X[i * n + i] = 1;
  unbalanceVectors(X, n, bal);
  const left = naiveProduct(A, { rows: n, cols: n, data: X });
  const right = naiveProduct({ rows: n, cols: n, data: X }, { rows: n, cols: n, data: B });
  assertAllClose(left.data, right.data, { rtol: 1e-14, atol: 1e-9 });
});

Deno.test("bidiagonalize() with formUt()/formVt() reconstructs A = U·B·Vᵀ", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 30 }), (n, extra) => {
      const m = n + extra;
      const A = randomMatrix(m, n, m * 100 + n);
      const bd = bidiagonalize(A.data, m, n);
      const ut = formUt(bd, n), vt = formVt(bd);
      // U·B·Vᵀ with U = utᵀ: entry (i, j) = Σ_k ut[k, i]·(d_k·vt[k, j] + e_k·vt[k+1, j])
      let err = 0;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) {
            const bv = bd.d[k]! * vt[k * n + j]! +
              (k + 1 < n ? bd.e[k]! * vt[(k + 1) * n + j]! : 0);
            s += ut[k * m + i]! * bv;
          }
          err = Math.max(err, Math.abs(s - A.data[i * n + j]!));
        }
      }
      assert.ok(err < 1e-13 * (m + n));
    }),
    runs(30),
  );
});

Deno.test("hessenberg() gives A = Q·H·Qᵀ with H upper Hessenberg, also for sparse columns", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 25 }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.boolean(),
      (n, seed, sparse) => {
        const A = randomMatrix(n, n, seed);
        if (sparse) {
          const rand = mulberry32(seed);
          for (let i = 0; i < n * n; i++) if (rand() < 0.8) A.data[i] = 0;
        }
        const H = A.data.slice();
        const qt = hessenberg(H, n, 0, n - 1, true)!;
        for (let i = 0; i < n; i++) for (let j = 0; j + 1 < i; j++) assert.equal(H[i * n + j], 0);
        // A·Q = Q·H with Q = qtᵀ
        const Q = { rows: n, cols: n, data: transposeRect(qt, n, n) };
        const left = naiveProduct(A, Q);
        const right = naiveProduct(Q, { rows: n, cols: n, data: H });
        assert.ok(maxDiff(left.data, right.data) < 1e-13 * n);
        assert.ok(orthonormalityError(Q) < 1e-13 * n);
      },
    ),
    runs(60),
  );
});

Deno.test("the QR iterations stop with a clear error when their iteration cap is reached", () => {
  const g = gaussians(40, 77);
  assert.throws(
    () => bidiagonalSvd(g.slice(0, 10), g.slice(10, 19), null, 0, null, 0, 1),
    {
      name: "Error",
      message:
        "Cannot compute SVD: the bidiagonal QR iteration did not converge (10 of 10 singular values unresolved, sweep limit 1)",
    },
  );
  assert.throws(() => tridiagonalEigen(g.slice(0, 10), g.slice(10, 19), null, 0, 1), {
    name: "Error",
    message:
      "Cannot compute symmetric eigendecomposition: the tridiagonal QR iteration did not converge (10 of 10 eigenvalues unresolved, sweep limit 1)",
  });
  const H = randomMatrix(6, 6, 5).data;
  for (let i = 0; i < 6; i++) for (let j = 0; j + 1 < i; j++) H[i * 6 + j] = 0;
  assert.throws(
    () => hessenbergQr(H, 6, 0, 5, new Float64Array(6), new Float64Array(6), false, null, 1),
    {
      name: "Error",
      message:
        "Cannot compute eigendecomposition: the Francis QR iteration did not converge (eigenvalue 5 of 6 not deflated, iteration limit 1)",
    },
  );
  // with the default caps the same problems converge
  const d = g.slice(0, 10);
  bidiagonalSvd(d, g.slice(10, 19), null, 0, null, 0);
  assert.ok(d.every((x, i) => i === 0 || x <= d[i - 1]!));
});

Deno.test("tridiagonalize() gives A = Q·T·Qᵀ from the lower triangle alone, also for sparse rows", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 25 }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.boolean(),
      (n, seed, sparse) => {
        const A = randomMatrix(n, n, seed);
        const rand = mulberry32(seed);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j <= i; j++) {
            const x = sparse && rand() < 0.8 ? 0 : A.data[i * n + j]!;
            A.data[i * n + j] = x;
            A.data[j * n + i] = x;
          }
        }
        // garbage above the diagonal must be ignored
        const lowerOnly = A.data.slice();
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) lowerOnly[i * n + j] = 99;
        const t = tridiagonalize(lowerOnly, n);
        const Q = { rows: n, cols: n, data: transposeRect(formTridiagonalQt(t), n, n) };
        const T = new Float64Array(n * n);
        for (let i = 0; i < n; i++) {
          T[i * n + i] = t.d[i]!;
          if (i + 1 < n) T[i * n + i + 1] = T[(i + 1) * n + i] = t.e[i]!;
        }
        const left = naiveProduct(A, Q);
        const right = naiveProduct(Q, { rows: n, cols: n, data: T });
        assert.ok(maxDiff(left.data, right.data) < 1e-13 * n);
        assert.ok(orthonormalityError(Q) < 1e-13 * n);
      },
    ),
    runs(60),
  );
});
