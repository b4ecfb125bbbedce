import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { mulberry32 } from "../../lib/random.ts";
import { uniformTransport } from "../../lib/optim/transport.ts";
import { linearSumAssignment } from "../../lib/optim/assignment.ts";

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);

/** Minimum over all integer flows with row sums n/g and column sums m/g (the LP's vertices), by enumeration. */
function bruteForce(c: number[][]): number {
  const m = c.length, n = c[0]!.length, g = gcd(m, n);
  const rowLeft = new Array(m).fill(n / g), colLeft = new Array(n).fill(m / g);
  let best = Infinity;
  const visit = (cell: number, acc: number) => {
    if (acc >= best) return;
    if (cell === m * n) {
      best = acc;
      return;
    }
    const i = Math.floor(cell / n), j = cell % n;
    const last = j === n - 1;
    const hi = Math.min(rowLeft[i], colLeft[j]);
    const lo = last ? rowLeft[i] : 0; // the row must be filled by its last cell
    if (lo > hi) return;
    for (let f = lo; f <= hi; f++) {
      rowLeft[i] -= f;
      colLeft[j] -= f;
      visit(cell + 1, acc + f * c[i]![j]!);
      rowLeft[i] += f;
      colLeft[j] += f;
    }
  };
  visit(0, 0);
  return best / ((m * n) / g);
}

Deno.test("uniformTransport() finds the brute-force optimum on small random costs", () => {
  const rand = mulberry32(14);
  for (
    const [m, n] of [[2, 3], [3, 2], [2, 4], [4, 2], [3, 4], [4, 3], [2, 5], [3, 5], [4, 6], [3, 3]]
  ) {
    for (let rep = 0; rep < 5; rep++) {
      // every other draw has many ties (costs on a coarse grid)
      const c = Array.from(
        { length: m! },
        () => Array.from({ length: n! }, () => (rep % 2 ? Math.round(rand() * 3) : rand())),
      );
      assertAllClose(uniformTransport(c).total, bruteForce(c), {
        rtol: 1e-12,
        atol: 1e-14,
        label: `${m}×${n} rep ${rep}: `,
      });
    }
  }
});

Deno.test("uniformTransport() returns a feasible plan whose cost is the reported total", () => {
  const rand = mulberry32(3);
  for (const [m, n] of [[5, 8], [8, 5], [7, 7], [12, 9], [1, 4], [4, 1]]) {
    const c = Array.from({ length: m! }, () => Array.from({ length: n! }, () => rand()));
    const { plan, total } = uniformTransport(c);
    let cost = 0;
    for (let i = 0; i < m!; i++) {
      let r = 0;
      for (let j = 0; j < n!; j++) {
        assert.ok(plan.data[i * n! + j]! >= 0);
        r += plan.data[i * n! + j]!;
        cost += plan.data[i * n! + j]! * c[i]![j]!;
      }
      assertAllClose(r, 1 / m!, { rtol: 1e-14 });
    }
    for (let j = 0; j < n!; j++) {
      let s = 0;
      for (let i = 0; i < m!; i++) s += plan.data[i * n! + j]!;
      assertAllClose(s, 1 / n!, { rtol: 1e-14 });
    }
    assertAllClose(cost, total, { rtol: 1e-14 });
  }
});

Deno.test("uniformTransport() with equal sizes is the assignment optimum divided by n", () => {
  const rand = mulberry32(5);
  const c = Array.from({ length: 9 }, () => Array.from({ length: 9 }, () => rand()));
  assertAllClose(uniformTransport(c).total, linearSumAssignment(c).total / 9, { rtol: 1e-15 });
});

Deno.test("uniformTransport() refuses NaN costs, naming the argument", () => {
  assert.throws(() => uniformTransport([[0, NaN]]), {
    name: "RangeError",
    message: "Cannot solve optimal transport: `cost` must be finite: got NaN at [0, 1]",
  });
});
