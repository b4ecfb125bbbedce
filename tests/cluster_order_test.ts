import assert from "node:assert/strict";
import fc from "fast-check";
import { averageLinkage, clusterOrder, leafOrder, type Merge } from "../lib/cluster_order.ts";
import { assertAllClose } from "./_helpers/assert_close.ts";

interface Case {
  name: string;
  distances: number[][];
  Z: number[][];
  leaves: number[];
}
const cases: Case[] = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/cluster_order/linkage.json", import.meta.url)),
);

for (const c of cases) {
  Deno.test(`averageLinkage() matches SciPy's linkage(method="average") on ${c.name}`, () => {
    const merges = averageLinkage(c.distances);
    assert.deepEqual(
      merges.map((m) => [m.left, m.right, m.size]),
      c.Z.map((z) => [z[0], z[1], z[3]]),
    );
    assertAllClose(merges.map((m) => m.height), c.Z.map((z) => z[2]!), {
      rtol: 1e-12,
      atol: 1e-12,
    });
  });
  Deno.test(`clusterOrder() matches SciPy's leaves_list on ${c.name}`, () => {
    assert.deepEqual(clusterOrder(c.distances), c.leaves);
  });
}

function leavesOf(merges: readonly Merge[], n: number, id: number): number[] {
  if (id < n) return [id];
  const m = merges[id - n]!;
  return [...leavesOf(merges, n, m.left), ...leavesOf(merges, n, m.right)];
}

/** Random symmetric distance matrices from points (distinct distances almost surely). */
const distanceMatrix = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc.array(
    fc.tuple(
      fc.double({ min: -10, max: 10, noNaN: true }),
      fc.double({ min: -10, max: 10, noNaN: true }),
    ),
    {
      minLength: n,
      maxLength: n,
    },
  ).map((pts) => pts.map(([x1, y1]) => pts.map(([x2, y2]) => Math.hypot(x1 - x2, y1 - y2))))
);

Deno.test("averageLinkage() merge heights are the mean distance between the merged clusters' leaves", () => {
  fc.assert(
    fc.property(distanceMatrix, (D) => {
      const n = D.length;
      const merges = averageLinkage(D);
      assert.equal(merges.length, n - 1);
      merges.forEach((m, k) => {
        const a = leavesOf(merges, n, m.left), b = leavesOf(merges, n, m.right);
        let s = 0;
        for (const i of a) for (const j of b) s += D[i]![j]!;
        assertAllClose(m.height, s / (a.length * b.length), {
          rtol: 1e-10,
          atol: 1e-10,
          label: `merge ${k}`,
        });
        assert.equal(m.size, a.length + b.length);
        assert.ok(m.left < m.right);
      });
    }),
    { numRuns: 60, seed: 7 },
  );
});

Deno.test("averageLinkage() merge heights never decrease (average linkage is monotone)", () => {
  fc.assert(
    fc.property(distanceMatrix, (D) => {
      const h = averageLinkage(D).map((m) => m.height);
      for (let k = 1; k < h.length; k++) {
        assert.ok(h[k]! >= h[k - 1]! - 1e-12, `${h[k]} < ${h[k - 1]}`);
      }
    }),
    { numRuns: 60, seed: 11 },
  );
});

Deno.test("clusterOrder() returns a permutation of 0..n-1", () => {
  fc.assert(
    fc.property(distanceMatrix, (D) => {
      const order = clusterOrder(D);
      assert.deepEqual([...order].sort((a, b) => a - b), D.map((_, i) => i));
    }),
    { numRuns: 60, seed: 3 },
  );
});

Deno.test("clusterOrder() puts the members of each block next to each other", () => {
  // 4 blocks of sizes 3, 1, 4, 2, members scattered over 10 items
  const block = [2, 0, 3, 2, 1, 0, 2, 3, 0, 2];
  const D = block.map((bi, i) =>
    block.map((bj, j) => i === j ? 0 : bi === bj ? 1 + 0.01 * ((i * j) % 7) : 5 + 0.01 * (i + j))
  );
  const order = clusterOrder(D);
  const runs = order.map((i) => block[i]).filter((b, k, arr) => k === 0 || arr[k - 1] !== b);
  assert.equal(runs.length, 4, `blocks along the order: ${order.map((i) => block[i]).join(",")}`);
});

Deno.test("clusterOrder() handles one and two items", () => {
  assert.deepEqual(clusterOrder([[0]]), [0]);
  assert.deepEqual(clusterOrder([[0, 3], [3, 0]]), [0, 1]);
  assert.deepEqual(leafOrder([], 1), [0]);
});

Deno.test("averageLinkage() is deterministic with tied distances", () => {
  const D = [[0, 1, 1, 1], [1, 0, 1, 1], [1, 1, 0, 1], [1, 1, 1, 0]];
  assert.deepEqual(averageLinkage(D), averageLinkage(D));
  assert.deepEqual(clusterOrder(D), [3, 2, 0, 1]);
});

Deno.test("averageLinkage() rejects non-square, asymmetric and non-finite input", () => {
  assert.throws(() => averageLinkage([[0, 1, 2], [1, 0, 2]]), {
    name: "TypeError",
    message: "Cannot cluster distance matrix: `distances` must be square: got shape [2, 3]",
  });
  assert.throws(() => averageLinkage([[0, 1], [1.5, 0]]), {
    name: "RangeError",
    message:
      "Cannot cluster distance matrix: `distances` must be symmetric: got 1 at [0, 1] but 1.5 at [1, 0]",
  });
  assert.throws(() => averageLinkage([[0, Infinity], [Infinity, 0]]), {
    name: "RangeError",
    message: "Cannot cluster distance matrix: `distances` must be finite: got Infinity at [0, 1]",
  });
});
