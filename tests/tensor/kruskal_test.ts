import assert from "node:assert/strict";
import fc from "fast-check";
import {
  kruskalError,
  kruskalFull,
  kruskalSimilarity,
  kruskalToTensor,
  normalizeKruskal,
} from "../../lib/tensor/kruskal.ts";
import { errorOnMask } from "../../lib/tensor/fit_error.ts";
import { tensor3 } from "../../lib/tensor/tensor.ts";
import { randn } from "../../lib/random.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fx, mat } from "./_fixtures.ts";

Deno.test("kruskalSimilarity() matches tensortools' rule computed with scipy", () => {
  const dims = [5, 4, 6];
  const U = fx.kruskal.U.map((d: number[], m: number) => mat(d, dims[m]!, 3));
  const V = fx.kruskal.V.map((d: number[], m: number) => mat(d, dims[m]!, 4));
  assertAllClose(kruskalSimilarity(U, V).similarity, fx.kruskal.similarity, { rtol: 1e-12 });
  assertAllClose(kruskalSimilarity(U, V, { modes: [0] }).similarity, fx.kruskal.similarity_mode0, {
    rtol: 1e-12,
  });
  assert.equal(kruskalSimilarity(U, V).matches.length, 3);
});

function permuted(F: Matrix[], perm: readonly number[], scales: number[]): Matrix[] {
  const R = perm.length;
  return F.map((f, m) => {
    const d = new Float64Array(f.rows * R);
    for (let i = 0; i < f.rows; i++) {
      for (let q = 0; q < R; q++) {
        d[i * R + q] = f.data[i * R + perm[q]!]! * (m === 0 ? scales[q]! : 1);
      }
    }
    return { rows: f.rows, cols: R, data: d };
  });
}

Deno.test("kruskalSimilarity() is 1 for a permuted, rescaled, sign-flipped copy", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1000 }),
      fc.constantFrom([0, 1, 2, 3], [3, 1, 0, 2], [2, 3, 1, 0]),
      fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }).chain((x) => fc.constantFrom(x, -x)), {
        minLength: 4,
        maxLength: 4,
      }),
      (seed, perm, scales) => {
        const F = [5, 6, 7].map((d, m) => randn(d, 4, seed + m));
        const G = permuted(F, perm, scales);
        const s = kruskalSimilarity(F, G);
        assertAllClose(s.similarity, 1, { rtol: 1e-12 });
        s.matches.forEach(([u, v]) => assert.equal(perm[v], u));
      },
    ),
    { numRuns: 20, seed: 7 },
  );
});

Deno.test("kruskalSimilarity() is symmetric and in [0, 1]", () => {
  const A = [4, 5].map((d, m) => randn(d, 3, 10 + m));
  const B = [4, 5].map((d, m) => randn(d, 3, 20 + m));
  const ab = kruskalSimilarity(A, B).similarity, ba = kruskalSimilarity(B, A).similarity;
  assertAllClose(ab, ba, { rtol: 1e-12 });
  assert.ok(ab >= 0 && ab <= 1);
});

Deno.test("kruskalSimilarity() rejects mismatched fits", () => {
  const A = [randn(4, 2, 1), randn(5, 2, 2)];
  assert.throws(() => kruskalSimilarity(A, [randn(4, 2, 3)]), {
    name: "TypeError",
    message:
      "Cannot compare Kruskal tensors: `U` and `V` must hold the same number of factor matrices: got 2 and 1",
  });
  assert.throws(() => kruskalSimilarity(A, [randn(4, 2, 3), randn(6, 2, 4)]), {
    name: "TypeError",
    message:
      "Cannot compare Kruskal tensors: `U[1]` and `V[1]` must have the same number of rows: got shapes [5, 2] and [6, 2]",
  });
  assert.throws(() => kruskalSimilarity(A, A, { modes: [2] }), {
    name: "RangeError",
    message: "Cannot compare Kruskal tensors: `modes` entries must be integers in [0, 1]: got 2",
  });
});

Deno.test("normalizeKruskal() leaves the full tensor unchanged", () => {
  const F = [3, 4, 5].map((d, m) => randn(d, 3, 30 + m));
  const w = [2, -1, 0.5];
  const N = normalizeKruskal(F, w);
  const a = kruskalToTensor(F, w), b = kruskalToTensor(N.factors, N.weights);
  assertAllClose(b.data, a.data, { rtol: 1e-12, atol: 1e-12 });
  assert.ok(N.weights.every((x, i) => x >= 0 && (i === 0 || x <= N.weights[i - 1]!)));
});

Deno.test("kruskalToTensor() rejects a wrong number of factors or weights", () => {
  assert.throws(() => kruskalToTensor([[[1]], [[1]]]), {
    name: "TypeError",
    message: "Cannot build Kruskal tensor: `factors` must hold 3 factor matrices: got 2",
  });
  assert.throws(() => kruskalToTensor([[[1]], [[1]], [[1]]], [1, 2]), {
    name: "TypeError",
    message: "Cannot build Kruskal tensor: `weights` must have 1 entries: got 2",
  });
});

Deno.test("kruskalError() with known sums and scratch space equals scoring the formed tensor, bit for bit", () => {
  const [I, J, K, R] = [9, 70, 150, 3]; // 94,500 entries: two slabs of 2^16 at most
  const A = randn(I, R, 1), B = randn(J, R, 2), C = randn(K, R, 3);
  const T = tensor3([I, J, K], randn(I * J * K, 1, 4).data);
  const w = [2, 1, 0.5];
  const mask = new Uint8Array(I * J * K).map((_, p) => (p * 7919) % 5 === 0 ? 0 : 1);
  for (const m of [undefined, mask]) {
    let count = 0, sum = 0;
    T.data.forEach((v, p) => {
      if (!m || m[p]) (count++, sum += v);
    });
    const full = errorOnMask(T, kruskalFull(w, A, B, C).data, m, "x");
    assert.deepEqual(kruskalError(T, w, A, B, C, m, "x"), full);
    for (const scratch of [new Float64Array(I * J * K), new Float64Array(3)]) {
      assert.deepEqual(
        kruskalError(T, w, A, B, C, m, "x", { sums: { count, sum }, scratch }),
        full,
      );
    }
  }
});

Deno.test("kruskalError() names the first non-finite fitted entry", () => {
  const A = randn(4, 2, 1), B = randn(3, 2, 2), C = randn(5, 2, 3);
  const T = tensor3([4, 3, 5], randn(60, 1, 4).data);
  B.data[1 * 2 + 0] = Infinity; // row j = 1: first non-finite fitted entry at (0, 1, 0) = 5
  const sums = { count: 60, sum: T.data.reduce((a, b) => a + b, 0) };
  for (const options of [{}, { sums }]) {
    assert.throws(
      () => kruskalError(T, [1, 1], A, B, C, undefined, "ctx", options),
      (e: Error) => e instanceof RangeError && /at flat index 5$/.test(e.message),
    );
  }
});
