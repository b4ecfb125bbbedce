import assert from "node:assert/strict";
import fc from "fast-check";
import { linearSumAssignment } from "../../lib/optim/assignment.ts";
import { fromRows } from "../../lib/linalg/matrix.ts";

/** Best total over all injective maps rows → columns (n ≤ m), by enumeration. */
function bruteForce(c: number[][], maximize: boolean): number {
  const n = c.length, m = c[0]!.length;
  let best = maximize ? -Infinity : Infinity;
  const used = new Array(m).fill(false);
  const go = (i: number, acc: number) => {
    if (i === n) {
      best = maximize ? Math.max(best, acc) : Math.min(best, acc);
      return;
    }
    for (let j = 0; j < m; j++) {
      if (used[j]) continue;
      used[j] = true;
      go(i + 1, acc + c[i]![j]!);
      used[j] = false;
    }
  };
  go(0, 0);
  return best;
}

const costMatrix = (rows: number, cols: number) =>
  fc.array(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });

const sizes = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }));

Deno.test("linearSumAssignment() equals brute force on small square and rectangular problems", () => {
  fc.assert(
    fc.property(
      sizes.chain(([n, m]) => costMatrix(n, m)),
      fc.boolean(),
      (c, maximize) => {
        const r = linearSumAssignment(c, { maximize });
        const t = c[0]!.length >= c.length ? c : c[0]!.map((_, j) => c.map((row) => row[j]!));
        assert.equal(r.total, bruteForce(t, maximize));
        // a valid matching: min(n, m) pairs, distinct rows and columns, total consistent
        const k = Math.min(c.length, c[0]!.length);
        assert.equal(r.rowIndex.length, k);
        assert.equal(new Set(r.rowIndex).size, k);
        assert.equal(new Set(r.colIndex).size, k);
        let s = 0;
        for (let q = 0; q < k; q++) s += c[r.rowIndex[q]!]![r.colIndex[q]!]!;
        assert.equal(s, r.total);
        assert.deepEqual(r.rowIndex, [...r.rowIndex].sort((a, b) => a - b));
      },
    ),
    { numRuns: 200, seed: 3 },
  );
});

Deno.test("linearSumAssignment() handles real-valued ties deterministically", () => {
  const c = [[1, 1, 1], [1, 1, 1], [1, 1, 1]];
  const a = linearSumAssignment(c), b = linearSumAssignment(c);
  assert.deepEqual(a, b);
  assert.equal(a.total, 3);
});

Deno.test("linearSumAssignment() solves a 60×60 random problem no worse than 2000 random swaps", () => {
  const n = 60;
  const c: number[][] = [];
  let s = 1;
  for (let i = 0; i < n; i++) {
    c.push([]);
    for (let j = 0; j < n; j++) {
      s = (s * 16807) % 2147483647;
      c[i]!.push(s / 2147483647);
    }
  }
  const r = linearSumAssignment(c);
  // 2-opt local search from the optimum must not find an improvement
  const perm = r.colIndex.slice();
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const before = c[a]![perm[a]!]! + c[b]![perm[b]!]!;
      const after = c[a]![perm[b]!]! + c[b]![perm[a]!]!;
      assert.ok(after >= before - 1e-12);
    }
  }
});

Deno.test("linearSumAssignment() of an empty matrix is empty", () => {
  assert.deepEqual(linearSumAssignment(fromRows([])), { rowIndex: [], colIndex: [], total: 0 });
});

Deno.test("linearSumAssignment() rejects NaN costs", () => {
  assert.throws(() => linearSumAssignment([[1, NaN]]), {
    name: "RangeError",
    message: "Cannot solve assignment: `cost` must be finite: got NaN at [0, 1]",
  });
});
