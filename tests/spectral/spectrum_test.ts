import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fromRows, type Matrix } from "../../lib/linalg/matrix.ts";
import { matmul } from "../../lib/linalg/products.ts";
import { qr } from "../../lib/linalg/lstsq.ts";
import { randn } from "../../lib/random.ts";
import {
  participationRatio,
  spectralDecomposition,
  spectrum,
  tailMeasures,
} from "../../lib/spectral/mod.ts";
import { maybeCenter } from "../../lib/spectral/inputs.ts";

function powerLaw(P: number, M: number, a: number, seed: number): Matrix {
  const X = randn(P, M, seed);
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < M; j++) X.data[i * M + j] *= (j + 1) ** (-a / 2);
  }
  return X;
}

Deno.test("spectrum() gives the same eigenvalues by Gram, covariance and SVD", () => {
  for (const [P, M] of [[40, 90], [60, 25], [30, 30]] as const) {
    const X = powerLaw(P, M, 1.3, P + M);
    const viaEigh = spectrum(X);
    const viaSvd = spectrum(X, { method: "svd" });
    assert.equal(viaEigh.eigenvalues.length, P);
    assert.equal(viaEigh.rank, viaSvd.rank);
    assertAllClose(viaEigh.eigenvalues, viaSvd.eigenvalues, {
      rtol: 1e-10,
      atol: 1e-13 * viaSvd.eigenvalues[0]!,
    });
    // descending, zeros after the rank
    const e = viaEigh.eigenvalues;
    for (let i = 1; i < P; i++) assert.ok(e[i]! <= e[i - 1]!);
    assert.ok(e.slice(viaEigh.rank).every((v) => v === 0));
  }
});

Deno.test("spectrum() eigenvalues sum to the total variance ‖X_c‖²_F / P", () => {
  const X = randn(20, 7, 3);
  const s = spectrum(X);
  const Xc = maybeCenter(X, true);
  const total = Xc.data.reduce((u, v) => u + v * v, 0) / 20;
  assertAllClose(s.total, total, { rtol: 1e-13 });
  assertAllClose(s.eigenvalues.reduce((u, v) => u + v, 0), total, { rtol: 1e-13 });
  assert.equal(s.rank, 7);
});

Deno.test("spectrum() is invariant to rotating the features and to permuting stimuli", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1000 }), (seed) => {
      const X = randn(12, 6, seed);
      const { Q } = qr(randn(6, 6, seed + 1));
      const rotated = matmul(X, Q);
      const perm = [5, 3, 11, 0, 1, 2, 4, 6, 7, 8, 9, 10];
      const permuted = fromRows(perm.map((i) => Array.from(X.data.subarray(i * 6, i * 6 + 6))));
      const a = spectrum(X).eigenvalues;
      assertAllClose(spectrum(rotated).eigenvalues, a, { rtol: 1e-11, atol: 1e-14 });
      assertAllClose(spectrum(permuted).eigenvalues, a, { rtol: 1e-11, atol: 1e-14 });
      return true;
    }),
    { numRuns: 20, seed: 3 },
  );
});

Deno.test("spectrum() centring removes the mean direction: rank P − 1 for wide data", () => {
  const X = randn(10, 50, 9);
  assert.equal(spectrum(X).rank, 9);
  assert.equal(spectrum(X, { center: false }).rank, 10);
});

Deno.test("spectralDecomposition() applies the 1e-10·λ_1 rank threshold and zeroes the rest exactly", () => {
  // singular values 1, 1e-4 (λ ratio 1e-8: kept) and 1e-6 (λ ratio 1e-12: dropped)
  const X = fromRows([[1, 0, 0], [0, 1e-4, 0], [0, 0, 1e-6], [0, 0, 0]]);
  for (const method of ["eigh", "svd"] as const) {
    const d = spectralDecomposition(X, method);
    assert.equal(d.rank, 2);
    assert.deepEqual(Array.from(d.eigenvalues.slice(2)), [0, 0]);
    assertAllClose(d.eigenvalues[1]!, 1e-8 / 4, { rtol: 1e-8 });
    assert.equal(d.vectors.cols, 2);
  }
});

Deno.test("spectralDecomposition() eigenvectors are orthonormal and diagonalise K", () => {
  for (const [P, M] of [[15, 40], [30, 8]] as const) {
    const X = maybeCenter(randn(P, M, P), true);
    for (const method of ["eigh", "svd"] as const) {
      const d = spectralDecomposition(X, method);
      const UtU = matmul(d.vectors, d.vectors, { transA: true });
      const I = Array.from({ length: d.rank * d.rank }, (_, k) => (k % (d.rank + 1) === 0 ? 1 : 0));
      assertAllClose(UtU, I, { atol: 1e-12 });
      // Xᵀu_i has squared norm P·λ_i
      const XtU = matmul(X, d.vectors, { transA: true });
      for (let j = 0; j < d.rank; j++) {
        let s = 0;
        for (let m = 0; m < M; m++) s += XtU.data[m * d.rank + j]! ** 2;
        assertAllClose(s / P, d.eigenvalues[j]!, { rtol: 1e-11 });
      }
      assert.equal(d.gram !== null, method === "eigh" && M >= P);
    }
  }
});

Deno.test("spectrum() does not mutate its input", () => {
  const X = randn(8, 5, 1);
  const copy = X.data.slice();
  spectrum(X);
  spectrum(X, { method: "svd" });
  assert.deepEqual(X.data, copy);
});

Deno.test("spectrum() ED and tail measures follow their definitions", () => {
  const X = fromRows([[2, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]]);
  const s = spectrum(X, { center: false });
  assert.deepEqual(s.eigenvalues, [1, 0.25, 0.25, 0]);
  assertAllClose(s.ed, 1.5 ** 2 / (1 + 2 * 0.0625), { rtol: 1e-15 });
  // C = [2/3, 5/6, 1, 1] → 1 − C = [1/3, 1/6, 0, 0]
  assertAllClose(s.tail.tailRatio, participationRatio([1 / 3, 1 / 6]), { rtol: 1e-14 });
  assert.equal(s.tail.modesToLevel, 3);
  assert.equal(tailMeasures([1, 1, 1, 1], { level: 0.5 }).modesToLevel, 2);
  assert.equal(s.kind, "spectrum");
});

Deno.test("spectrum() rejects bad input with clear errors", () => {
  const ctx = "Cannot compute spectrum";
  assert.throws(() => spectrum([[1, 2], [3, 4]]), {
    name: "RangeError",
    message: `${ctx}: \`X\` must have at least 3 rows (stimuli): got shape [2, 2]`,
  });
  assert.throws(() => spectrum([[1, 2], [3, NaN], [1, 1]]), {
    name: "RangeError",
    message: `${ctx}: \`X\` must be finite: got NaN at [1, 1]`,
  });
  assert.throws(() => spectrum([[1, 2], [1, 2], [1, 2]]), {
    name: "RangeError",
    message: `${ctx}: \`X\` has no variance: every eigenvalue of X Xᵀ/P is 0`,
  });
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => spectrum([[1], [2], [3]], { method: "qr" as any }),
    { name: "RangeError", message: `${ctx}: \`method\` must be one of eigh, svd: got qr` },
  );
});

Deno.test("participationRatio() and tailMeasures() reject bad values", () => {
  assert.throws(() => participationRatio([1, -1]), {
    name: "RangeError",
    message:
      "Cannot compute participation ratio: `values` must be finite and >= 0: got -1 at index 1",
  });
  assert.throws(() => participationRatio([0, 0]), {
    name: "RangeError",
    message: "Cannot compute participation ratio: `values` must not all be zero: got 2 zeros",
  });
  assert.throws(() => tailMeasures([1], { level: 0 }), {
    name: "RangeError",
    message: "Cannot compute tail measures: `level` must be in (0, 1]: got 0",
  });
  assert.equal(tailMeasures([5, 0, 0]).tailRatio, 0);
});
