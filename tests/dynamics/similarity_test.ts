import assert from "node:assert/strict";
import fc from "fast-check";
import { similarityTransformDistance } from "../../lib/dynamics/similarity.ts";
import { similarityLowerBound } from "../../lib/dynamics/lower_bound.ts";
import { determinantSign, haarOrthogonal } from "../../lib/dynamics/orthogonal.ts";
import { mm, norm } from "../../lib/dynamics/dense.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { mulberry32, randn } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

const M = (n: number, data: Float64Array): Matrix => ({ rows: n, cols: n, data });

/** Q A Qᵀ for a Haar-random Q of the given determinant. */
function conjugate(A: Float64Array, n: number, seed: number, det: 1 | -1): Float64Array {
  const Q = haarOrthogonal(n, mulberry32(seed), det);
  return mm(mm(Q, A, n, n, n), Q, n, n, n, false, true);
}

Deno.test("similarityTransformDistance() is ≈0 on random orthogonal conjugates, n ≤ 20, both determinant signs", () => {
  for (let n = 1; n <= 20; n++) {
    for (const det of [1, -1] as const) {
      const A = randn(n, n, 100 + n).data;
      const B = conjugate(A, n, 7 * n + (det > 0 ? 0 : 1), det);
      const r = similarityTransformDistance(M(n, A), M(n, B), { score: "euclidean" });
      assert.ok(r.distance < 1e-8, `n = ${n}, det = ${det}: distance ${r.distance}`);
      assert.ok(r.angular < 1e-8);
    }
  }
});

Deno.test("similarityTransformDistance() is ≈0 on conjugates of structured matrices (symmetric, orthogonal, near-identity)", () => {
  for (const n of [4, 7, 12]) {
    const G = randn(n, n, n).data;
    const sym = G.map((_, k) => G[k]! + G[(k % n) * n + Math.floor(k / n)]!);
    const orth = haarOrthogonal(n, mulberry32(n), 1);
    const nearI = G.map((v, k) => 0.02 * v + (k % (n + 1) === 0 ? 1 : 0));
    for (
      const [name, A] of [["symmetric", sym], ["orthogonal", orth], [
        "near identity",
        nearI,
      ]] as const
    ) {
      for (const det of [1, -1] as const) {
        const r = similarityTransformDistance(M(n, A), M(n, conjugate(A, n, 3 + n, det)));
        assert.ok(r.distance < 1e-8, `${name}, n = ${n}, det = ${det}: ${r.distance}`);
      }
    }
  }
});

Deno.test("similarityTransformDistance() is ≈0 for SVD sign flips S A S", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 16 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const A = randn(n, n, seed).data;
      const rand = mulberry32(seed + 1);
      const s = Array.from({ length: n }, () => (rand() < 0.5 ? -1 : 1));
      const B = A.map((v, k) => v * s[Math.floor(k / n)]! * s[k % n]!);
      const r = similarityTransformDistance(M(n, A), M(n, B));
      return r.distance < 1e-8;
    }),
    { numRuns: 25, seed: 42 },
  );
});

Deno.test("similarityTransformDistance() returns a C that attains the distance and is orthogonal", () => {
  const n = 6;
  const A = randn(n, n, 1).data, B = randn(n, n, 2).data;
  const r = similarityTransformDistance(M(n, A), M(n, B), { score: "euclidean" });
  const C = r.C.data;
  const CtC = mm(C, C, n, n, n, true, false);
  for (let i = 0; i < n; i++) CtC[i * n + i] -= 1;
  assert.ok(norm(CtC) < 1e-13);
  assert.equal(determinantSign(C, n), r.determinant);
  const a = A.map((v) => v / norm(A)), b = B.map((v) => v / norm(B));
  const K = mm(mm(C, b, n, n, n), C, n, n, n, false, true);
  assertAllClose(norm(a.map((v, k) => v - K[k]!)), r.euclidean, { rtol: 1e-12 });
  assertAllClose(r.similarity, 1 - r.euclidean ** 2 / 2, { rtol: 1e-14 });
  assertAllClose(Math.cos(r.angular), r.similarity, { rtol: 1e-12 });
});

Deno.test("similarityTransformDistance() is symmetric (small operators, where the optimum is found)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const A = M(n, randn(n, n, seed).data), B = M(n, randn(n, n, seed + 1).data);
      const ab = similarityTransformDistance(A, B).distance,
        ba = similarityTransformDistance(B, A).distance;
      return Math.abs(ab - ba) < 1e-8;
    }),
    { numRuns: 20, seed: 7 },
  );
});

Deno.test("similarityTransformDistance() satisfies the triangle inequality (angular, random triples)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const [A, B, C] = [0, 1, 2].map((k) => M(n, randn(n, n, seed + k).data));
      const d = (X: Matrix, Y: Matrix) => similarityTransformDistance(X, Y).distance;
      return d(A!, C!) <= d(A!, B!) + d(B!, C!) + 1e-9;
    }),
    { numRuns: 20, seed: 11 },
  );
});

Deno.test("similarityTransformDistance() is invariant to scaling either operator", () => {
  const n = 5;
  const A = randn(n, n, 3).data, B = randn(n, n, 4).data;
  const d = similarityTransformDistance(M(n, A), M(n, B)).distance;
  const d2 =
    similarityTransformDistance(M(n, A.map((v) => 7 * v)), M(n, B.map((v) => 0.01 * v))).distance;
  assertAllClose(d2, d, { rtol: 1e-9 });
});

Deno.test("the lower bound never exceeds the distance found", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const A = M(n, randn(n, n, seed).data), B = M(n, randn(n, n, seed + 9).data);
      const r = similarityTransformDistance(A, B, { score: "euclidean" });
      return r.lowerBound <= r.distance + 1e-12 && r.lowerBound >= 0;
    }),
    { numRuns: 30, seed: 3 },
  );
});

Deno.test("similarityLowerBound() is attained for commuting symmetric matrices (sorted eigenvalues)", () => {
  // diagonal matrices: the optimum is the sorted matching of the diagonals
  const A = new Float64Array([3, 0, 0, 0, -1, 0, 0, 0, 2]);
  const B = new Float64Array([0, 0, 0, 0, 5, 0, 0, 0, 1]);
  const lb = similarityLowerBound(A, B, 3);
  assertAllClose(lb, Math.hypot(3 - 5, 2 - 1, -1 - 0), { rtol: 1e-12 });
  const r = similarityTransformDistance(M(3, A), M(3, B), { score: "euclidean" });
  const a = norm(A), b = norm(B);
  assertAllClose(r.euclidean, similarityLowerBound(A.map((v) => v / a), B.map((v) => v / b), 3), {
    rtol: 1e-9,
  });
  assert.equal(r.stopReason, "lower-bound");
});

Deno.test("similarityTransformDistance() is deterministic for a seed", () => {
  const n = 8;
  const A = M(n, randn(n, n, 5).data), B = M(n, randn(n, n, 6).data);
  const r1 = similarityTransformDistance(A, B, { seed: 3, maxStarts: 20, agree: 100 });
  const r2 = similarityTransformDistance(A, B, { seed: 3, maxStarts: 20, agree: 100 });
  assert.equal(r1.distance, r2.distance);
  assert.deepEqual(r1.C.data, r2.C.data);
});

Deno.test("similarityTransformDistance() beats or matches many random restarts with its default search", () => {
  for (const seed of [1, 2, 3]) {
    const n = 10;
    const A = M(n, randn(n, n, seed).data), B = M(n, randn(n, n, seed + 50).data);
    const quick = similarityTransformDistance(A, B);
    const thorough = similarityTransformDistance(A, B, {
      maxStarts: 80,
      agree: 1000,
      maxTotalIterations: 1e6,
    });
    assert.ok(
      quick.distance <= thorough.distance * (1 + 1e-3),
      `seed ${seed}: ${quick.distance} vs ${thorough.distance}`,
    );
  }
});

Deno.test("similarityTransformDistance() zero-pads operators of different sizes on request", () => {
  const A = [[0.5, 0.1], [0, 0.3]];
  const B = [[0.5, 0.1, 0], [0, 0.3, 0], [0, 0, 0]];
  assert.ok(similarityTransformDistance(A, B, { pad: true }).distance < 1e-10);
});

Deno.test("similarityTransformDistance() rejects bad input with clear errors", () => {
  const ctx = "Cannot compute similarity-transform distance";
  assert.throws(() => similarityTransformDistance([[1, 2]], [[1]]), {
    name: "TypeError",
    message: `${ctx}: \`A\` must be square: got shape [1, 2]`,
  });
  assert.throws(() => similarityTransformDistance([[1, 0], [0, 1]], [[1]]), {
    name: "TypeError",
    message:
      `${ctx}: \`A\` and \`B\` must have the same size (or pass \`pad: true\` to zero-pad the smaller): got shapes [2, 2] and [1, 1]`,
  });
  assert.throws(() => similarityTransformDistance([[0, 0], [0, 0]], [[1, 0], [0, 1]]), {
    name: "RangeError",
    message: `${ctx}: \`A\` must not be the zero matrix`,
  });
  assert.throws(() => similarityTransformDistance([[NaN]], [[1]]), {
    name: "RangeError",
    message: `${ctx}: \`A\` must be finite: got NaN at [0, 0]`,
  });
  assert.throws(
    () => similarityTransformDistance([[1]], [[1]], { score: "bogus" as "angular" }),
    {
      name: "RangeError",
      message: `${ctx}: \`score\` must be "angular" or "euclidean": got bogus`,
    },
  );
  assert.throws(() => similarityTransformDistance([[1]], [[1]], { maxStarts: 0 }), {
    name: "RangeError",
    message: `${ctx}: \`maxStarts\` must be an integer >= 1: got 0`,
  });
});

Deno.test("similarityTransformDistance() with screening still finds exact conjugates and validates its options", () => {
  const n = 9;
  const A = randn(n, n, 31).data;
  const B = conjugate(A, n, 5, -1);
  const r = similarityTransformDistance(M(n, A), M(n, B), { screen: 6, screenIterations: 20 });
  assert.ok(r.distance < 1e-8);
  const C = M(n, randn(n, n, 32).data);
  const a = similarityTransformDistance(M(n, A), C, { screen: 6 });
  const b = similarityTransformDistance(M(n, A), C, { screen: 6 });
  assert.equal(a.distance, b.distance);
  assert.ok(a.starts >= 6);
  assert.throws(() => similarityTransformDistance(M(n, A), C, { screen: 0 }), {
    name: "RangeError",
    message:
      "Cannot compute similarity-transform distance: `screen` must be an integer >= 1: got 0",
  });
});
