import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { solveKappa } from "../../lib/spectral/mod.ts";

/** Reference root by 2000 steps of geometric bisection on g(κ) = 1 − α/κ − Σλ/(pλ+κ). */
function bisectKappa(lam: number[], p: number, alpha: number): number {
  const g = (k: number) => 1 - alpha / k - lam.reduce((s, l) => s + l / (p * l + k), 0);
  let lo = alpha > 0 ? alpha : 1e-300, hi = alpha + lam.reduce((s, l) => s + l, 0);
  for (let i = 0; i < 2000 && hi / lo > 1 + 2e-16; i++) {
    const mid = Math.sqrt(lo * hi);
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

Deno.test("solveKappa() reaches relative accuracy ~1e-14 while κ spans many decades", () => {
  // power-law spectrum λ_i = i^-2 over 2000 modes; tiny to large ridge
  const lam = Array.from({ length: 2000 }, (_, i) => (i + 1) ** -2);
  const ps = [5, 22, 99, 446, 1000, 1998];
  const kappas: number[] = [];
  for (const ridge of [0, 1e-14, 1e-8, 1e-3, 1]) {
    const sol = solveKappa(lam, ps, ridge);
    ps.forEach((p, k) => {
      const ref = bisectKappa(lam, p, p * ridge);
      assertAllClose(sol.kappa[k]!, ref, { rtol: 2e-14, label: `p=${p} ridge=${ridge} ` });
      kappas.push(sol.kappa[k]!);
    });
  }
  const span = Math.max(...kappas) / Math.min(...kappas);
  assert.ok(span > 1e6, `κ spans ${span}`);
});

Deno.test("solveKappa() root lies in [α, α + Σλ] and 1 − γ matches its definition (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 1e-8, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
      fc.double({ min: 0.01, max: 200, noNaN: true }),
      fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 10, noNaN: true })),
      (lam, p, ridge) => {
        const alpha = p * ridge;
        const sum = lam.reduce((s, l) => s + l, 0);
        const sol = solveKappa(lam, [p], ridge);
        const kappa = sol.kappa[0]!;
        if (ridge === 0 && p >= lam.length) {
          assert.equal(kappa, 0);
          assertAllClose(sol.gamma[0]!, lam.length / p, { rtol: 1e-15 });
          return true;
        }
        assert.ok(kappa >= alpha * (1 - 1e-15) && kappa <= (alpha + sum) * (1 + 1e-15));
        const S = lam.reduce((s, l) => s + l / (p * l + kappa), 0);
        assertAllClose(kappa, alpha + kappa * S, { rtol: 1e-12 });
        const gamma = lam.reduce((s, l) => s + (p * l * l) / (p * l + kappa) ** 2, 0);
        assertAllClose(sol.gamma[0]!, gamma, { rtol: 1e-10, atol: 1e-12 });
        assert.ok(sol.oneMinusGamma[0]! > 0);
        return true;
      },
    ),
    { numRuns: 300, seed: 7 },
  );
});

Deno.test("solveKappa() ignores null modes and handles the ridgeless regime past the rank", () => {
  const a = solveKappa([3, 1, 0, 0], [1, 2, 5], 0);
  const b = solveKappa([3, 1], [1], 0);
  assert.equal(a.kappa[0], b.kappa[0]);
  assert.deepEqual([a.kappa[1], a.kappa[2]], [0, 0]);
  assertAllClose([a.gamma[1]!, a.gamma[2]!], [1, 0.4], { rtol: 1e-15 });
  assertAllClose([a.ridgeRatio[1]!, a.ridgeRatio[2]!], [0, 0.6], { rtol: 1e-15 });
});

Deno.test("solveKappa() rejects bad input with clear errors", () => {
  const ctx = "Cannot solve for kappa";
  assert.throws(() => solveKappa([1, -0.5], [1], 0), {
    name: "RangeError",
    message: `${ctx}: \`eigenvalues\` must be finite and >= 0: got -0.5 at index 1`,
  });
  assert.throws(() => solveKappa([1, NaN], [1], 0), /got NaN at index 1/);
  assert.throws(() => solveKappa([1], [0], 0), {
    name: "RangeError",
    message: `${ctx}: \`ps\` must be finite and > 0: got 0 at index 0`,
  });
  assert.throws(() => solveKappa([1], [1], NaN), {
    name: "RangeError",
    message: `${ctx}: \`ridge\` must be a finite number >= 0: got NaN`,
  });
});
