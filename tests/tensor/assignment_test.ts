import assert from "node:assert/strict";
import fc from "fast-check";
import { linearAssignment } from "../../lib/tensor/assignment.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fx } from "./_fixtures.ts";

Deno.test("linearAssignment() matches scipy's linear_sum_assignment", () => {
  for (const c of fx.assignment) {
    const cost = { rows: c.shape[0], cols: c.shape[1], data: Float64Array.from(c.cost) };
    const a = linearAssignment(cost, { maximize: c.maximize });
    assertAllClose(a.total, c.total, { rtol: 1e-12, label: `${c.shape} max=${c.maximize}: ` });
    assert.deepEqual(a.rows, c.rows);
    assert.deepEqual(a.cols, c.cols);
  }
});

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)])
  );
}

Deno.test("linearAssignment() finds the brute-force optimum on small square problems", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }).chain((n) =>
        fc.array(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: n, maxLength: n }), {
          minLength: n,
          maxLength: n,
        })
      ),
      (cost) => {
        const n = cost.length;
        const best = Math.min(
          ...permutations(n).map((p) => p.reduce((s, j, i) => s + cost[i]![j]!, 0)),
        );
        assert.equal(linearAssignment(cost).total, best);
      },
    ),
    { numRuns: 60, seed: 3 },
  );
});

Deno.test("linearAssignment() rejects non-finite costs", () => {
  assert.throws(() => linearAssignment([[1, NaN]]), {
    name: "RangeError",
    message: "Cannot solve assignment: `cost` must be finite: got NaN at [0, 1]",
  });
});
