import assert from "node:assert/strict";
import fc from "fast-check";
import {
  minimizeOnOrthogonal,
  objectiveAndGradient,
  packedIndex,
} from "../../lib/dynamics/optimize.ts";
import { cayley, determinantSign, haarOrthogonal } from "../../lib/dynamics/orthogonal.ts";
import { realSchurBasis } from "../../lib/dynamics/schur.ts";
import { optimizeSigns, optimizeSignsBoth } from "../../lib/dynamics/signs.ts";
import { structuredStarts } from "../../lib/dynamics/starts.ts";
import { mm, norm } from "../../lib/dynamics/dense.ts";
import { mulberry32, randn } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

function orthogonalityError(C: Float64Array, n: number): number {
  const G = mm(C, C, n, n, n, true, false);
  for (let i = 0; i < n; i++) G[i * n + i] -= 1;
  return norm(G);
}

function randomSkew(n: number, seed: number): { W: Float64Array; packed: Float64Array } {
  const g = randn(n, n, seed).data;
  const W = new Float64Array(n * n), packed = new Float64Array((n * (n - 1)) / 2);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      W[i * n + j] = g[i * n + j]!;
      W[j * n + i] = -g[i * n + j]!;
      packed[packedIndex(i, j, n)] = g[i * n + j]!;
    }
  }
  return { W, packed };
}

Deno.test("cayley() maps skew-symmetric matrices into SO(n)", () => {
  for (const n of [2, 5, 20]) {
    const { W } = randomSkew(n, n);
    const C = cayley(W, n);
    assert.ok(orthogonalityError(C, n) < 1e-13);
    assert.equal(determinantSign(C, n), 1);
  }
});

Deno.test("haarOrthogonal() gives orthogonal matrices of either determinant", () => {
  const rand = mulberry32(3);
  for (const n of [1, 2, 7, 30]) {
    for (const det of [1, -1] as const) {
      const Q = haarOrthogonal(n, rand, det);
      assert.ok(orthogonalityError(Q, n) < 1e-13);
      assert.equal(determinantSign(Q, n), det);
    }
  }
});

Deno.test("objectiveAndGradient() gradient matches finite differences along Cayley curves", () => {
  for (const n of [3, 8, 20]) {
    const A = randn(n, n, 1).data, B = randn(n, n, 2).data, C = haarOrthogonal(n, mulberry32(n), 1);
    const { W, packed } = randomSkew(n, 9);
    const { g } = objectiveAndGradient(A, B, C, n);
    let predicted = 0;
    for (let k = 0; k < g.length; k++) predicted += 2 * g[k]! * packed[k]!;
    const h = 1e-6;
    const F = (t: number) =>
      objectiveAndGradient(A, B, mm(C, cayley(W.map((v) => t * v), n), n, n, n), n).F;
    assertAllClose((F(h) - F(-h)) / (2 * h), predicted, { rtol: 1e-6, label: `n=${n} ` });
  }
});

Deno.test("minimizeOnOrthogonal() reaches a stationary point and never increases F", () => {
  const n = 7;
  const A = randn(n, n, 4).data, B = randn(n, n, 5).data;
  const C0 = haarOrthogonal(n, mulberry32(1), -1);
  const start = objectiveAndGradient(A, B, C0, n).F;
  const r = minimizeOnOrthogonal(A, B, C0, n, { gradRel: 1e-10, valueRel: 0 });
  assert.ok(r.converged && r.F <= start);
  assert.ok(r.gradNorm < 1e-8 * Math.max(1, Math.sqrt(2 * r.F)) * 10);
  assert.equal(determinantSign(r.C, n), -1); // stays in its component
  assert.ok(orthogonalityError(r.C, n) < 1e-12);
});

Deno.test("realSchurBasis() gives a quasi-triangular T with canonical 2×2 blocks", () => {
  for (const seed of [1, 2, 3]) {
    const n = 9;
    const A = randn(n, n, seed).data;
    const { Q, T, blocks } = realSchurBasis(A, n);
    assert.ok(orthogonalityError(Q, n) < 1e-12);
    let lower = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const inBlock = j === i - 1 && blocks[j] === 2;
        if (!inBlock) lower = Math.max(lower, Math.abs(T[i * n + j]!));
      }
    }
    assert.ok(lower < 1e-10, `below-diagonal ${lower}`);
    for (let j = 0; j < n; j++) {
      if (blocks[j] !== 2) continue;
      const x11 = T[j * n + j]!,
        x12 = T[j * n + j + 1]!,
        x21 = T[(j + 1) * n + j]!,
        x22 = T[(j + 1) * n + j + 1]!;
      assert.ok(Math.abs(x11 - x22) < 1e-10 && x12 + x21 >= -1e-10 && x21 - x12 >= 0);
    }
  }
});

Deno.test("optimizeSigns() recovers the signs of a sign-conjugated nonnegative matrix, with any parity", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 30 }), fc.integer(), (n, seed) => {
      const rand = mulberry32(seed);
      const t = Array.from({ length: n }, () => (rand() < 0.5 ? -1 : 1));
      const W = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) W[i * n + j] = t[i]! * t[j]! * (0.1 + rand());
      }
      const matches = (x: ArrayLike<number>) =>
        Array.from(x).every((v, i) => v === t[i]) || Array.from(x).every((v, i) => v === -t[i]!);
      const prod = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a * b, 1);
      const { plus, minus } = optimizeSignsBoth(W, n);
      const right = prod(t) === 1 || n % 2 === 0 ? (prod(t) === 1 ? plus : minus) : minus;
      return matches(optimizeSigns(W, n)) && prod(plus) === 1 && prod(minus) === -1 &&
        matches(right);
    }),
    { numRuns: 40, seed: 1 },
  );
});

Deno.test("structuredStarts() contains the conjugating matrix of an exact conjugate pair", () => {
  for (const n of [5, 6, 12]) {
    for (const det of [1, -1] as const) {
      const A = randn(n, n, 20 + n).data;
      const Q = haarOrthogonal(n, mulberry32(n + det), det);
      const B = mm(mm(Q, A, n, n, n, true, false), Q, n, n, n); // A = Q B Qᵀ
      const best = Math.min(
        ...structuredStarts(A, B, n).map((s) => objectiveAndGradient(A, B, s.C, n).F),
      );
      assert.ok(best < 1e-20, `n=${n} det=${det}: ${best}`);
    }
  }
});
