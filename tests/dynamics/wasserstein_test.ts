import assert from "node:assert/strict";
import fc from "fast-check";
import { wassersteinComplex, wassersteinEigenvalues } from "../../lib/dynamics/wasserstein.ts";
import { orthogonalConjugate, randomStableMatrix } from "../../lib/dynamics/simulate/linear.ts";
import { mulberry32 } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import fixtures from "./fixtures/dynamics.json" with { type: "json" };

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)])
  );
}

function bruteForce(a: [number, number][], b: [number, number][]): number {
  const N = Math.max(a.length, b.length);
  const pad = (
    z: [number, number][],
  ) => [...z, ...Array.from({ length: N - z.length }, () => [0, 0] as [number, number])];
  const x = pad(a), y = pad(b);
  let best = Infinity;
  for (const p of permutations(N)) {
    let s = 0;
    for (let i = 0; i < N; i++) {
      s += (x[i]![0] - y[p[i]!]![0]) ** 2 + (x[i]![1] - y[p[i]!]![1]) ** 2;
    }
    best = Math.min(best, s);
  }
  return best / N;
}

const points = (n: number, rand: () => number): [number, number][] =>
  Array.from({ length: n }, () => [rand() * 2 - 1, rand() * 2 - 1]);
const split = (z: [number, number][]) => ({ re: z.map((p) => p[0]), im: z.map((p) => p[1]) });

Deno.test("wassersteinComplex() equals brute force over permutations on small sets (with padding)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer(),
      (na, nb, seed) => {
        const rand = mulberry32(seed);
        const a = points(na, rand), b = points(nb, rand);
        const got = wassersteinComplex(split(a), split(b)).score;
        return Math.abs(got - bruteForce(a, b)) <= 1e-12 * (1 + got);
      },
    ),
    { numRuns: 60, seed: 5 },
  );
});

Deno.test("wassersteinComplex() matches the numpy fixtures", () => {
  for (const c of fixtures.wasserstein) {
    const got =
      wassersteinComplex(split(c.a as [number, number][]), split(c.b as [number, number][])).score;
    assertAllClose(got, c.score, { rtol: 1e-12 });
  }
});

Deno.test("wassersteinEigenvalues() matches the numpy fixture on two DMD operators", () => {
  const f = fixtures.wassersteinOperators;
  assertAllClose(wassersteinEigenvalues(f.A as number[][], f.B as number[][]).score, f.score, {
    rtol: 1e-9,
  });
});

Deno.test("wassersteinEigenvalues() is zero for conjugate operators and symmetric in its arguments", () => {
  const A = randomStableMatrix(6, { seed: 2 });
  const B = orthogonalConjugate(A, { seed: 3, determinant: -1 }).A;
  assert.ok(wassersteinEigenvalues(A, B).score < 1e-20);
  const C = randomStableMatrix(4, { seed: 9 });
  assertAllClose(wassersteinEigenvalues(A, C).score, wassersteinEigenvalues(C, A).score, {
    rtol: 1e-12,
  });
});

Deno.test("wassersteinEigenvalues() uses the un-normalised operators (scaling changes the score)", () => {
  const A = [[0.5, 0], [0, 0.2]];
  assertAllClose(wassersteinEigenvalues(A, [[1, 0], [0, 0.4]]).score, (0.25 + 0.04) / 2, {
    rtol: 1e-14,
  });
});

Deno.test("wassersteinComplex() rejects malformed sets", () => {
  const ctx = "Cannot compute Wasserstein eigenvalue score";
  assert.throws(() => wassersteinComplex({ re: [1, 2], im: [0] }, { re: [1], im: [0] }), {
    name: "TypeError",
    message: `${ctx}: \`a.re\` and \`a.im\` must have the same length: got 2 and 1`,
  });
  assert.throws(() => wassersteinComplex({ re: [NaN], im: [0] }, { re: [1], im: [0] }), {
    name: "RangeError",
    message: `${ctx}: \`a.re\` must be finite: got NaN at index 0`,
  });
  assert.throws(() => wassersteinComplex({ re: [], im: [] }, { re: [], im: [] }), {
    name: "RangeError",
    message: `${ctx}: both sets are empty`,
  });
  assert.throws(() => wassersteinEigenvalues([[1, 2]], [[1]]), {
    name: "TypeError",
    message: `${ctx}: \`A\` must be square: got shape [1, 2]`,
  });
});
